# `make run` serves the app, `make test` runs every check, `make bench` prints the benchmarks.
# Each target creates .venv and installs what it needs when the requirements changed.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# The port `make run` serves on: PORT, else Streamlit's own STREAMLIT_SERVER_PORT, else 8501.
PORT ?= $(or $(STREAMLIT_SERVER_PORT),8501)
# One BLAS thread: the small matrix products here are slower with two busy-waiting threads.
export OPENBLAS_NUM_THREADS := 1

.PHONY: run test test-deps lint format bench fuzz serve-class clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(VENV)/.runtime: requirements.txt | $(PY)
	$(PY) -m pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

run: $(VENV)/.runtime
	$(PY) -m streamlit run app.py --server.port $(PORT)

# A class: nginx on PORT in front of WORKERS Streamlit processes on the ports after it
# (README "Serving a class"). Ctrl-C stops them all.
WORKERS ?= 2
serve-class: $(VENV)/.runtime
	$(PY) deploy/serve_class.py --workers $(WORKERS) --port $(PORT)

lint: $(VENV)/.dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: $(VENV)/.dev
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

# Chromium, the CJK fonts and nginx for the browser tests: installed when missing and
# allowed (root or sudo), or `make test` stops saying what to install.
test-deps:
	@scripts/test-deps.sh

# Two workers (this machine has two cores), a test file's tests on one of them: the browser
# tests' servers and warm-up visits are per file. Serial, the suite took about 30 minutes.
test: lint test-deps
	$(PY) -m pytest -n 2 --dist loadfile

bench: $(VENV)/.dev
	@set -e; for script in bench/bench_*.py; do \
		[ -e "$$script" ] || { echo "no benchmarks yet (bench/README.md)"; break; }; \
		echo "== $$script"; $(PY) "$$script"; \
	done

# The long hostile-input run (tests marked slow, >= 10,000 app runs; HOSTILE_EXAMPLES scales it)
# and the long journeys (>= 2,000 random walks of 6 to 10 page visits; JOURNEYS scales it).
fuzz: $(VENV)/.dev
	@rm -rf .fuzz-count && mkdir .fuzz-count
	HOSTILE_COUNT=$(CURDIR)/.fuzz-count $(PY) -m pytest -m slow -p no:cacheprovider -n 2 tests/test_hostile_input.py tests/test_journeys.py
	@cat .fuzz-count/runs-* | awk '{ total += $$1 } END { print "app runs with hostile input:", total }'

clean:
	rm -rf $(VENV) screenshots .pytest_cache .ruff_cache
