# celac-kg: build the knowledge graph and serve it; run the tests.
# Needs only python3 (>= 3.11) with pip and venv; everything else is installed here.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
UV     := $(BIN)/uv
UV_VERSION := 0.13.9
STAMP  := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)
ASSETS := api/assets/node_modules/.package-lock.json
CHROMIUM := /usr/bin/chromium

.PHONY: help install run serve build test test-fast check bench lock clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

install: $(STAMP) $(ASSETS)  ## create .venv with the locked dependencies, and the query editor's files

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { \
	  echo "python3 -m venv failed; installing Debian's python3-venv"; \
	  apt-get update -q && apt-get install -y -q python3-venv && $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet uv==$(UV_VERSION)
	$(UV) pip sync --python $(BIN)/python --require-hashes requirements.lock
	$(UV) pip install --python $(BIN)/python --no-deps -e .
	rm -f $(VENV)/.installed-* && touch $@

# The query editor (YASGUI) and the API docs (Swagger UI, ReDoc) come from the npm registry,
# pinned by api/assets/package-lock.json.
$(ASSETS): api/assets/package.json api/assets/package-lock.json
	command -v npm >/dev/null || { \
	  echo "npm is missing; installing Debian's nodejs and npm"; \
	  apt-get update -q && apt-get install -y -q nodejs npm; }
	cd api/assets && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

# The browser tests drive Debian's Chromium.
$(CHROMIUM):
	apt-get update -q && apt-get install -y -q chromium

run: install  ## build the graph from corpus/ into data/ and serve it on http://127.0.0.1:8000
	$(BIN)/celac-kg build
	$(BIN)/celac-kg query "$$(sed -n '/^#/!p' queries/plans.rq)"
	$(BIN)/celac-kg serve

serve: install  ## serve the built graph (building it first if there is none)
	$(BIN)/celac-kg serve

build: install  ## build the graph from corpus/ into data/
	$(BIN)/celac-kg build

# Two workers (pytest-xdist: each starts on half of the tests, and an idle one takes half of the
# other's queue), then the tests marked `serial` (they measure time or memory) alone; both parts
# run, and the target fails if either failed. All share one build of the corpus
# (tests/shared_build.py).
test: install $(CHROMIUM)  ## run the test suite (all of it, the slow tests too)
	status=0; \
	$(BIN)/python -m pytest -n 2 --dist worksteal -m "not serial" || status=$$?; \
	$(BIN)/python -m pytest -m serial || status=$$?; \
	exit $$status

test-fast: install  ## the tests not marked slow (no build of the corpus, no server, no browser): for development
	$(BIN)/python -m pytest -n 2 -m "not slow"

check: install  ## lint and type-check
	$(BIN)/ruff check textfold extract graph api celac_kg bench tests
	$(BIN)/mypy
	for conftest in $$(find tests -mindepth 2 -name conftest.py | sort); do $(BIN)/mypy $$conftest || exit 1; done

bench: install  ## benchmark our endpoint beside rdflib-endpoint and the Oxigraph server → docs/benchmarks/
	$(MAKE) -C bench all

lock:  ## re-resolve requirements.lock from pyproject.toml
	$(UV) pip compile pyproject.toml --extra dev --override overrides.txt --generate-hashes \
	  --python-version 3.11 --quiet -o requirements.lock

clean:  ## remove the environment and the built graph
	rm -rf $(VENV) data
