# The README's two commands: `make figures` and `make test`.
# Both create .venv when missing, (re)install the project when pyproject.toml changed,
# and are quick when everything is already set up.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.framing-installed

.PHONY: figures test install clean help

help:
	@echo "make figures  run every notebook on the bundled corpus (results/, figures/)"
	@echo "make test     run the test suite"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "framing needs Python >= 3.11; set PYTHON=python3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

install: $(STAMP)

figures: $(STAMP)
	$(BIN)/framing run

test: $(STAMP)
	$(BIN)/python -m pytest

clean:
	rm -rf results figures/*/ .framing-cache
