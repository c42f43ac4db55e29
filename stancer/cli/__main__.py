"""`python -m stancer.cli`: the `stancer` command."""

from stancer.cli import run

run()
