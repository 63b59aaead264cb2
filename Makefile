# Forum du Réseau — two commands: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 5000
DEV    := FORUM_ENV=development FORUM_BASE_URL=$${FORUM_BASE_URL:-http://$(HOST):$(PORT)}
FLASK  := $(BIN)/flask --app wsgi
# axe-core, injected by the browser tests to check accessibility; pinned so results do not move under us.
AXE_CORE_VERSION := 4.14.1
AXE_STAMP := $(VENV)/node/.axe-core-$(AXE_CORE_VERSION)

.PHONY: run test bench db demo clean help

help:
	@echo "make run    — installe, prépare la base et l'index, charge la démo, sert http://$(HOST):$(PORT)"
	@echo "make test   — toute la suite de tests (ce que lance la CI)"
	@echo "make bench  — mesures de performance (tableau + JSON) ; BENCH_SIZE=5000 pour un aperçu rapide de la recherche"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python 3.11 ou plus récent est nécessaire (PYTHON=$(PYTHON))."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.run-deps: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	@touch $@

$(VENV)/.dev-deps: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[dev]'
	@touch $@ $(VENV)/.run-deps

db: $(VENV)/.run-deps
	$(DEV) $(FLASK) db upgrade

# Loaded once: a stamp under instance/ remembers it; the accounts are printed every time.
demo: db
	@if [ -f instance/.demo-loaded ]; then $(DEV) $(FLASK) forum demo --accounts-only; \
	else $(DEV) $(FLASK) forum demo && $(DEV) $(FLASK) search reindex && touch instance/.demo-loaded; fi
	@$(DEV) $(FLASK) markup rerender
	@$(DEV) $(FLASK) search sync

run: demo
	@echo "Le forum est servi sur http://$(HOST):$(PORT) (Ctrl+C pour arrêter)."
	$(DEV) $(FLASK) run --host $(HOST) --port $(PORT)

# Without npm or the registry, the accessibility tests are skipped (with that reason), not failed.
$(AXE_STAMP):
	@command -v npm >/dev/null 2>&1 && npm install --loglevel=error --prefix $(VENV)/node --no-save --no-audit \
		--no-fund axe-core@$(AXE_CORE_VERSION) && touch $@ \
		|| echo "axe-core could not be installed (npm missing or offline): accessibility tests will be skipped"

test: $(VENV)/.dev-deps $(AXE_STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(VENV)/.dev-deps
	$(BIN)/python -m tests.bench.run
	BENCH_SIZE=$(BENCH_SIZE) $(BIN)/python -m tests.bench.search

clean:
	rm -rf $(VENV) .pytest_cache
