"""The package's architecture: its modules import each other without a circle, so that each wing
(news, model, data, bench, cli) can be read and loaded on its own."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "stancer"


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, modules: set[str]) -> set[str]:
    """The stancer modules a module imports when it is imported (not inside functions, not
    under ``if TYPE_CHECKING``)."""
    found = set()
    for node in ast.parse(path.read_text()).body:
        names = []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # "from stancer.cli import options" imports the module options, not the package
            names = [
                f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in modules else node.module
                for a in node.names
            ]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        found |= {n for n in names if n in modules}
    return found


def test_the_import_graph_has_no_circle() -> None:
    paths = {_module(p): p for p in PACKAGE.rglob("*.py")}
    graph = {m: _imports(p, set(paths)) - {m} for m, p in paths.items()}
    state: dict[str, str] = {}

    def visit(module: str, trail: list[str]) -> None:
        if state.get(module) == "done":
            return
        assert state.get(module) != "open", f"import circle: {' -> '.join([*trail, module])}"
        state[module] = "open"
        for imported in sorted(graph[module]):
            visit(imported, [*trail, module])
        state[module] = "done"

    for module in sorted(graph):
        visit(module, [])
    assert "stancer.news.attribution" in graph and graph["stancer.model.config"]


def test_reading_a_config_does_not_import_torch() -> None:
    import subprocess
    import sys

    code = "import sys, stancer.model.config; print('torch' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def _body_lines(node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    """The lines of a function's statements, without its signature and docstring."""
    body = node.body
    if len(body) > 1 and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]
    return (node.end_lineno or 0) - body[0].lineno + 1


def test_modules_and_functions_stay_small() -> None:
    """A module of at most 400 lines, a function body of at most 60: a newcomer reads one at a
    time. (Signatures and docstrings are not counted: a typer command's options and an
    argument list are declarations.)"""
    too_long = []
    for path in sorted(PACKAGE.rglob("*.py")):
        source = path.read_text()
        if len(source.splitlines()) > 400:
            too_long.append(f"{_module(path)}: {len(source.splitlines())} lines")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and _body_lines(node) > 60:
                too_long.append(f"{_module(path)}.{node.name}: {_body_lines(node)} lines")
    assert not too_long, too_long
