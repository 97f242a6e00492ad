# Two commands set up everything on a fresh machine with Python 3.11:
#   make site   — build the default site into site/
#   make test   — lint, type-check and run every test
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: site test serve cms check fmt lint bench clean

# The JavaScript the browser tests inject (axe-core), pinned exactly by tests/package-lock.json.
NODE_TEST := tests/node_modules/.installed
# The web editor (/admin/): Decap CMS, copied into the built site, and decap-server for local editing and
# the editor's browser test, pinned exactly by cms/package-lock.json.
NODE_CMS := cms/node_modules/.installed

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip==26.3

$(VENV)/.installed: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet -c constraints.txt -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	touch $@

site: $(VENV)/.installed $(NODE_CMS)
	$(BIN)/congkhai build --content content --out site $(if $(CMS_REPO),--cms-repo $(CMS_REPO))

check: $(VENV)/.installed
	$(BIN)/congkhai check --content content

# Every YAML file of content/ in the one layout (key order of the model, lists indented, comments kept).
fmt: $(VENV)/.installed
	$(BIN)/congkhai fmt --content content

serve: $(VENV)/.installed
	$(BIN)/congkhai serve --content content

lint: $(VENV)/.installed-test
	$(BIN)/ruff check generator tests bench
	$(BIN)/ruff format --check generator tests bench
	$(BIN)/mypy --strict generator

$(NODE_TEST): tests/package.json tests/package-lock.json
	npm ci --prefix tests --ignore-scripts --no-audit --no-fund --silent
	touch $@

$(NODE_CMS): cms/package.json cms/package-lock.json
	npm ci --prefix cms --ignore-scripts --no-audit --no-fund --silent
	touch $@

# Try the web editor on this machine: build a local copy of the site (site-local/, its editor pointed at
# decap-server: never publish it), then serve it at http://127.0.0.1:8000/admin/ with decap-server
# (port 8081, this machine only) in git mode on this working copy: a draft is a local branch cms/…,
# publishing merges it into main. Ctrl-C stops both.
cms: $(VENV)/.installed $(NODE_CMS)
	$(BIN)/congkhai build --content content --out site-local --cms-local
	BIND_HOST=127.0.0.1 MODE=git cms/node_modules/.bin/decap-server & pid=$$!; trap 'kill $$pid' EXIT; \
		$(BIN)/python -m http.server --bind 127.0.0.1 --directory site-local 8000

# TEST_WORKERS=0 runs the tests in one process; by default one per core, each test file in one of them.
TEST_WORKERS ?= auto
test: lint $(NODE_TEST) $(NODE_CMS)
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile

# make bench [SIZES=1000,5000] [REPEAT=3] [BASELINE=<git ref>]: BASELINE builds the same content with that
# ref's generator and with this tree, alternating, and prints them side by side (bench/README.md).
bench: $(VENV)/.installed-test
	$(BIN)/python bench/run.py $(if $(SIZES),--sizes $(SIZES)) $(if $(REPEAT),--repeat $(REPEAT)) $(if $(PROCEDURES_ONLY),--procedures-only) \
		$(if $(BASELINE),--baseline $(BASELINE))

# Removes only what congkhai made (congkhai clean: build/, site and site.versions/, site-offline.zip, each
# only when it carries congkhai's marker), then the tools' caches and the JavaScript packages.
clean:
	if [ -x $(BIN)/congkhai ]; then $(BIN)/congkhai clean; fi
	if [ -x $(BIN)/congkhai ]; then $(BIN)/congkhai clean --out site-local; fi
	rm -rf .pytest_cache .mypy_cache .ruff_cache tests/node_modules cms/node_modules
