# Two commands on a new machine: `make run` and `make test` (see README).
PYTHON ?= $(shell command -v python3.13 || command -v python3.12 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
TEST_DATABASE_URL ?= postgresql://postgres@127.0.0.1:5432/postgres
# test processes (pytest-xdist; whole files to each, so a module's server or cluster starts once)
TEST_WORKERS ?= 2
export TEST_DATABASE_URL  # tests/radarr/test_cluster.py creates its own database there

.PHONY: run test lint format bench mutate clean-venv

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 12))' || \
		{ echo "Python 3.12 or newer is needed; found $$($(PYTHON) --version 2>&1). Set PYTHON=/path/to/python3.12"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# An editable install of this folder under the distribution's old name (radarr-py, which is devopsarr's
# Radarr client on PyPI) is removed first; anyone else's radarr-py is left alone.
define forget_old_name
	@$(PY) -c "import importlib.metadata as m, json, sys; d = m.distribution('radarr-py'); \
		u = json.loads(d.read_text('direct_url.json') or '{}'); \
		sys.exit(not (u.get('dir_info', {}).get('editable') and u.get('url') == 'file://$(CURDIR)'))" \
		2>/dev/null && $(PY) -m pip uninstall --quiet --yes radarr-py || true
endef

$(VENV)/.installed: pyproject.toml | $(PY)
	$(forget_old_name)
	$(PY) -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(forget_old_name)
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $@ $(VENV)/.installed

## Start the web UI, the v3 API and the job worker on http://127.0.0.1:7878 (Ctrl-C stops them);
## RADARR_ROLE=web|worker runs one of them, RADARR_SMALL=true runs the jobs inside the web process
run: $(VENV)/.installed
	exec $(PY) -S -m radarr.launcher

## Lint, then the whole suite on SQLite and, when one answers, once more on PostgreSQL (but the browser
## tests: what a page shows in Chromium does not depend on the database, which its own tests cover)
test: $(VENV)/.installed-test lint
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py check  # Django's system checks: `make run` skips them to start in a second
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile --durations=15
	@if $(PY) -c "import psycopg; psycopg.connect('$(TEST_DATABASE_URL)', connect_timeout=3).close()" 2>/dev/null; then \
		echo "== the suite again on PostgreSQL ($(TEST_DATABASE_URL))"; \
		DATABASE_URL='$(TEST_DATABASE_URL)' $(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile --durations=15 -m "not sqlite_pass and not browser"; \
	else \
		echo "== no PostgreSQL answers at $(TEST_DATABASE_URL): the PostgreSQL pass is skipped"; \
	fi

lint: $(VENV)/.installed-test
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: $(VENV)/.installed-test
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

## Start-up time, idle memory, API latency, parser speed and large libraries (bench/*.py docstrings);
## BENCH_SCALE_SIZES=1000,5000 limits the large-library sizes (default 1000,5000,20000: about an hour)
bench: $(VENV)/.installed-test
	$(PY) bench/run.py

## Mutation testing of the core with mutmut, niced, one mutant at a time (long: not part of `make test`);
## GROUPS="naming grabbing" limits it, SAMPLE=120 runs that many of each (scripts/mutate.py, NOTES.md)
mutate: $(VENV)/.installed-test
	$(PY) scripts/mutate.py $(if $(SAMPLE),--sample $(SAMPLE)) $(GROUPS)

clean-venv:
	rm -rf $(VENV)
