# The README's commands. Everything runs inside .venv, created on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: site test lint golden clean

$(BIN)/zoocat: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.test-deps: $(BIN)/zoocat
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

site: $(BIN)/zoocat ## Build the example zoo in catalog/ into site/
	$(BIN)/zoocat build catalog -o site
	@echo "Open site/index.html in a browser, or serve it: $(BIN)/python -m http.server -d site 8000"

test: $(VENV)/.test-deps ## Run the whole test suite (browser tests need /usr/bin/chromium)
	$(BIN)/ruff check generator tests scripts
	$(BIN)/mypy
	$(BIN)/pytest -q

golden: $(BIN)/zoocat ## Rebuild tests/golden/site after an intended change; review the diff
	$(BIN)/zoocat build tests/golden/catalog -o tests/golden/site

clean:
	rm -rf $(VENV) site
