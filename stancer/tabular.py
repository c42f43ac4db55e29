"""The one table writer of the library and the command line (aligned text or markdown), the one
way a cell is cut to a width, and the one way a count is worded."""

from __future__ import annotations

from collections.abc import Sequence

from tabulate import tabulate


def table(
    header: Sequence[str], rows: Sequence[Sequence[object]], *, markdown: bool = False
) -> list[str]:
    """The lines of a table: columns aligned in plain text, or a GitHub markdown table.

    Cells are shown as given (``str`` of each), never reformatted as numbers.

    Example:
        >>> print("\\n".join(table(["name", "rows"], [["vast", "3,000"]])))
        name    rows
        ------  ------
        vast    3,000
    """
    text = tabulate(
        [[str(cell) for cell in row] for row in rows],
        headers=[str(h) for h in header],
        tablefmt="github" if markdown else "simple",
        disable_numparse=True,
    )
    return text.splitlines()


def cut(text: str, width: int) -> str:
    """``text`` in at most ``width`` characters (at least 1), cut at a word with an ellipsis."""
    if width < 1:
        raise ValueError(f"width: expected at least 1 character, got {width}")
    if len(text) <= width:
        return text
    head = text[: width - 1]
    return (head.rsplit(" ", 1)[0] if " " in head else head) + "…"


def counted(n: int, noun: str) -> str:
    """``1 article``, ``3 articles``: ``n`` and the noun, plural unless ``n`` is 1.

    Example:
        >>> counted(1, "statement"), counted(0, "error")
        ('1 statement', '0 errors')
    """
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
