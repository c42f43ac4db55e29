"""The `stancer` command, on typer: `predict`, `analyze`, `bench`, `summarize` and `data`, each a thin wrapper
over a library function in a module of its own. Errors of use (a bad file, a bad option, bad
data) print one line and exit with status 2, never a traceback."""

from __future__ import annotations

import logging
import sys
import warnings
from typing import Any

import typer

from stancer.cli import analyze, bench, data, predict, summarize
from stancer.exceptions import StancerError

app = typer.Typer(
    name="stancer",
    help="Stance detection in news.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.command()(predict.predict)
app.command()(analyze.analyze)
app.command()(bench.bench)
app.command()(summarize.summarize)
app.add_typer(data.app, name="data")


def _version(shown: bool) -> None:
    if shown:
        from stancer import __version__

        typer.echo(f"stancer {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    verbose: bool = typer.Option(False, "--verbose", "-v", help="log progress details"),
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="print the version and exit"
    ),
) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(message)s"
    )


def _warning_line(message: Warning | str, category: type[Warning], *_: Any, **__: Any) -> str:
    """A warning as one line for the terminal, without the library's source line under it."""
    return f"warning: {message}\n"


def _prefix(args: list[str]) -> str:
    """``stancer <command>`` for an error message: ``stancer data stats`` for a data command."""
    words = [a for a in args if not a.startswith("-")]
    return " ".join(["stancer", *words[: 2 if words[:1] == ["data"] else 1]])


def main(argv: list[str] | None = None) -> int:
    """Run the command line on ``argv`` (default: ``sys.argv[1:]``) and return its exit status."""
    args = sys.argv[1:] if argv is None else argv
    previous, warnings.formatwarning = warnings.formatwarning, _warning_line
    try:
        return _run(args)
    finally:
        warnings.formatwarning = previous


def _run(args: list[str]) -> int:
    try:
        app(args=args, prog_name="stancer", standalone_mode=False)
    except typer.Exit as done:
        return done.exit_code
    except typer.Abort:
        return 1
    except typer.TyperException as error:  # a usage error: typer's own message, one line
        format_message = getattr(error, "format_message", None)
        message = format_message() if format_message else str(error)
        message = message.replace("Value error, ", "")  # click's wording of a bad choice
        print(f"{_prefix(args)}: error: {' '.join(message.split())}", file=sys.stderr)
        return 2
    except (StancerError, ValueError, OSError) as error:
        message = " ".join(str(error).split())
        print(f"{_prefix(args)}: error: {message}", file=sys.stderr)
        return 2
    return 0


def run() -> None:
    """The console script."""
    sys.exit(main())
