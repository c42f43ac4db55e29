"""Every example in the README runs as written: its Python blocks, in order, in one interpreter,
and its `stancer` commands, from a folder that holds the repository's seeds. Commands that run for
many minutes (`stancer bench`, training scripts, `make`) are left to their own tests."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
BLOCK = re.compile(r"```(python|bash)\n(.*?)```", re.DOTALL)
LONG = ("stancer bench", "make ", ".venv/bin/python training/")

pytestmark = [pytest.mark.model, pytest.mark.data, pytest.mark.parser]


def _blocks(kind: str) -> list[str]:
    return [code for lang, code in BLOCK.findall((REPO / "README.md").read_text()) if lang == kind]


def _commands() -> list[str]:
    lines = [line.split("  #")[0].strip() for code in _blocks("bash") for line in code.splitlines()]
    return [  # a line that runs stancer, maybe after the commands that make its input (&&)
        line
        for line in lines
        if (line.startswith("stancer ") or "&& stancer " in line)
        and not any(long in line for long in LONG)
    ]


@pytest.fixture()
def workdir(tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "seeds").symlink_to(REPO / "seeds")
    (tmp_path / "models").symlink_to(REPO / "models")
    monkeypatch.setenv("STANCER_DATA_DIR", str(data_dir))
    return tmp_path


def test_the_readme_has_examples() -> None:
    assert len(_blocks("python")) >= 6 and len(_commands()) >= 8


def test_every_python_example_runs(workdir: Path) -> None:
    script = "\n\n".join(_blocks("python"))
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=workdir, capture_output=True, text=True, timeout=900
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert (workdir / "my-model" / "model.safetensors").is_file()
    assert (workdir / "my-fitted-model" / "model.safetensors").is_file()


@pytest.mark.parametrize("command", _commands())
def test_every_command_runs(command: str, workdir: Path) -> None:
    scripts = str(Path(sys.executable).parent)  # where the stancer command is installed
    done = subprocess.run(  # through the shell, as a reader pastes it (quotes, globs, &&)
        ["bash", "-c", command],
        env={**os.environ, "PATH": scripts + os.pathsep + os.environ.get("PATH", "")},
        cwd=workdir,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, f"{command}\n{done.stderr[-2000:]}"
