# Set-up and everyday commands. `make demo` and `make test` work on a fresh CPU machine.
PY := .venv/bin/python
ARTICLE := seeds/ukraine-nato-invitation-2024-10-18.txt
TARGETS := -t "Ukraine should be invited to join NATO now" \
	-t "Ukraine will eventually become a member of NATO" \
	-t "Western countries should increase military support for Ukraine" \
	-t "Zelenskyy's Victory Plan should be adopted"
export STANCER_DATA_DIR ?= $(abspath ../shared/data)

.PHONY: demo test test-fast lint

# torch==2.13.0 is pinned first so that pip takes the CPU build instead of a CUDA one.
.venv/installed: pyproject.toml
	python3 -m venv .venv
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet torch==2.13.0
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

demo: .venv/installed
	.venv/bin/stancer analyze $(ARTICLE) $(TARGETS)

test: .venv/installed
	$(PY) -m pytest -q

test-fast: .venv/installed
	$(PY) -m pytest -q -m "not data and not model and not parser and not browser and not ray"

lint: .venv/installed
	.venv/bin/ruff check stancer training tests
	.venv/bin/mypy stancer
