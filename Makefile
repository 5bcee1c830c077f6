# Two commands for a fresh machine: `make run` and `make test`. Everything else is set up on demand.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test bench setup clean-cache

$(STAMP): setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

# With a display: open Gulangyu for free navigation. Without: render every scene's viewpoints to out/.
run: $(STAMP)
	@if [ -n "$$DISPLAY" ]; then \
		$(PY) run_tour.py play gulangyu; \
	else \
		$(PY) run_tour.py showcase --out out; \
	fi

test: $(STAMP)
	$(PY) -m pytest

bench: $(STAMP)
	$(PY) run_tour.py bench --out benchmarks/latest.json
