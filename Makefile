# The README's commands. Everything runs inside .venv, created on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: site test lint golden screenshots bench clean

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
	@# Built from a copy outside git: a card with no front matter would otherwise take its dates from git's history.
	tmp=$$(mktemp -d) && cp -r tests/golden/catalog "$$tmp/" && \
	  $(BIN)/zoocat build "$$tmp/catalog" -o tests/golden/site --full; status=$$?; rm -rf "$$tmp"; exit $$status

# The first screen of every page kind at 1280x900 and 360x740, light and dark, into docs/screenshots/ (committed:
# look at them after a change to the theme). Built from the example zoo in catalog/; then a table and a model page
# of the same zoo inside Material for MkDocs (material-*.png).
screenshots: $(VENV)/.test-deps
	$(BIN)/zoocat build catalog -o build/screenshots-site -q
	rm -f docs/screenshots/*.png
	$(BIN)/python scripts/screenshots.py --every-kind build/screenshots-site docs/screenshots
	NO_MKDOCS_2_WARNING=1 $(BIN)/python scripts/screenshots.py --material catalog docs/screenshots

# Full builds of generated zoos (1,000 and 10,000 models) by zoocat, a naive script, MkDocs and Hugo; about
# 10 minutes on 2 cores. Not part of `make test`. A quick run: make bench BENCH_ARGS="--sizes 200 --repeats 1"
bench: $(VENV)/.test-deps
	@test -x /usr/bin/hugo || command -v hugo >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get install -y hugo || { apt-get update && apt-get install -y hugo; }; \
	  else echo "make bench needs Hugo: run 'sudo apt-get install -y hugo', or add BENCH_ARGS=\"--tools zoocat,naive,mkdocs\"" >&2; exit 1; fi; }
	$(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) site .site.zoocat-cache
