# Outreach: two commands on a fresh Debian/Ubuntu machine.
#   make run    set everything up and start the desktop app
#   make test   set everything up and run every test
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
# make test PYTEST_WORKERS=2 runs the tests on two processes (pytest-xdist), each with its
# own throwaway PostgreSQL, a test file per worker. Off by default: one run of three hung in
# a PySide6 deadlock (garbage collection inside QObject::disconnect, docs/performance.md).
PYTEST_WORKERS ?= 0

.PHONY: run test venv sysdeps sysdeps-test bench lint screenshots package clean

run: sysdeps venv
	$(VENV)/bin/outreach

test: sysdeps-test venv
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:cacheprovider \
	    -n $(PYTEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

sysdeps:
	@bash packaging/debian-deps.sh run

sysdeps-test:
	@bash packaging/debian-deps.sh test

venv: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[server,dev]'
	@touch $(STAMP)

bench: sysdeps-test venv
	QT_QPA_PLATFORM=offscreen $(PY) -m bench
	$(PY) -m bench.report

lint: venv
	$(VENV)/bin/ruff check outreach sync tests
	$(VENV)/bin/mypy outreach sync

screenshots: venv
	QT_QPA_PLATFORM=offscreen $(PY) -m outreach.ui.screenshots docs/screenshots
	QT_QPA_PLATFORM=offscreen $(PY) -m outreach.ui.screenshots docs/screenshots --scale 1.5

# One-folder desktop bundle in dist/outreach/ (packaging/outreach.spec), then its smoke test.
package: sysdeps venv
	$(PY) -m pip install -q -e '.[package]'
	@start=$$(date +%s); \
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN \
	    --distpath dist --workpath build/pyinstaller packaging/outreach.spec && \
	echo "package: built dist/outreach ($$(du -sh dist/outreach | cut -f1)) in $$(( $$(date +%s) - start )) s"
	bash packaging/smoke_test.sh dist/outreach

clean:
	rm -rf $(VENV) build dist *.egg-info
