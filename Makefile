# Two commands do all the set-up on a fresh Debian machine with Python 3.11:
#   make site   create .venv, install guidegen, build the handbook
#   make test   install the test tools, run the whole test suite
#   (make test-unit: the quick tests only, without a browser or the real handbook)
# While editing, make preview shows the handbook in the browser and reloads it on save.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
BUILD := _build/html
# Sphinx's environment and guidegen's manifests stay out of the published folder.
DOCTREES := _build/doctrees
SPHINXBUILD := $(BIN)/sphinx-build -c . -d $(DOCTREES) -W --keep-going
PORT ?= 8000
# Exact versions with hashes, made by `make lock` from pyproject.toml.
SITE_LOCK := requirements/requirements-site.txt
TEST_LOCK := requirements/requirements-test.txt
PREVIEW_LOCK := requirements/requirements-preview.txt
# The installer itself, pinned with its hash: the pip that `python3 -m venv` brings
# differs per Python release and misreads some locks (pip 23.2 takes an extra such as
# fonttools[woff] for a requirement of its own).
INSTALLER_LOCK := requirements/installer.txt
UV_VERSION := 0.13.9
LOCK := $(BIN)/uv pip compile --quiet --generate-hashes --python-version 3.11 \
	--python-platform x86_64-unknown-linux-gnu pyproject.toml requirements/build.in
# Every install takes exact versions with hashes and never resolves anew (--no-deps):
# the lock is complete, so a release made after it cannot change or break what is
# installed. `pip check` afterwards proves the lock was complete.
PIP_INSTALL := $(BIN)/python -m pip install --quiet --no-deps
LOCKED_INSTALL := $(PIP_INSTALL) --require-hashes
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
APT_INSTALL := DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq
# What WeasyPrint needs to print the guidelines to PDF (Debian package names).
PDF_LIBRARIES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
# Graphviz lays out the decision-tree diagrams (Debian package graphviz).
DOT := /usr/bin/dot
# The browser tests (tests/browser/) and bench/search.py drive Debian's Chromium
# headless (Debian package chromium); make test-unit does without it.
CHROMIUM := /usr/bin/chromium

.PHONY: site preview test test-unit check serve clean lint schema install install-dry-run bench lock workshop

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || { \
	  echo "python3 -m venv failed; installing python3-venv" >&2; \
	  $(SUDO) apt-get update -qq && $(APT_INSTALL) python3-venv && $(PYTHON) -m venv $(VENV); }

# The pinned installer replaces the venv's own pip before anything else is installed.
$(VENV)/.installer: $(INSTALLER_LOCK) | $(BIN)/python
	$(LOCKED_INSTALL) -r $(INSTALLER_LOCK)
	touch $@

$(VENV)/.installed: pyproject.toml $(SITE_LOCK) $(VENV)/.installer
	@dpkg -s $(PDF_LIBRARIES) >/dev/null 2>&1 || { \
	  echo "Installing Debian's Pango, HarfBuzz and DejaVu fonts for the PDF guidelines"; \
	  $(SUDO) apt-get update -qq && $(APT_INSTALL) $(PDF_LIBRARIES); }
	$(LOCKED_INSTALL) -r $(SITE_LOCK)
	$(PIP_INSTALL) --no-build-isolation -e .
	$(BIN)/python -m pip check
	@# Bytecode for the project's own modules too (pip compiles only what it installs),
	@# so a command starts fast even where PYTHONDONTWRITEBYTECODE is set.
	$(BIN)/python -m compileall -q src
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed $(TEST_LOCK)
	$(LOCKED_INSTALL) -r $(TEST_LOCK)
	$(BIN)/python -m pip check
	@test -x /usr/bin/soffice || { \
	  echo "Installing Debian's LibreOffice Writer: a second reader of the Word guidelines"; \
	  $(SUDO) apt-get update -qq && $(APT_INSTALL) libreoffice-writer-nogui; }
	touch $@

# sphinx-autobuild, for make preview.
$(VENV)/.installed-preview: $(VENV)/.installed $(PREVIEW_LOCK)
	$(LOCKED_INSTALL) -r $(PREVIEW_LOCK)
	$(BIN)/python -m pip check
	touch $@

$(DOT):
	@echo "Installing Debian's graphviz for the decision-tree diagrams"
	$(SUDO) apt-get update -qq && $(APT_INSTALL) graphviz

$(CHROMIUM):
	@echo "Installing Debian's chromium for the browser tests"
	$(SUDO) apt-get update -qq && $(APT_INSTALL) chromium

install: $(VENV)/.installed $(DOT)

# The records and trees are checked first: a broken one stops the build before the
# published folder is touched, so it never holds half a handbook.
site: install
	$(BIN)/guidegen check .
	$(SPHINXBUILD) -b html docs $(BUILD)
	@echo
	@echo "The handbook is in $(CURDIR)/$(BUILD)/index.html"
	@echo "Open that file in a browser, or serve it with: make serve (http://127.0.0.1:$(PORT)/)"

# The handbook in the browser while records, trees, templates or site.yaml are edited:
# each save rebuilds the pages it feeds and reloads the open page. Its own folder,
# _build/preview/: its pages carry sphinx-autobuild's reload script, never published.
preview: $(VENV)/.installed-preview $(DOT)
	$(BIN)/guidegen preview --port $(PORT)

# The offline workshop bundle: the handbook with its route booklets (PDF, printed by the
# build when a tree changed) and a start page, zipped.
workshop: site
	$(BIN)/guidegen workshop --site $(BUILD) -o _build/guidegen-workshop.zip

check: install
	$(BIN)/guidegen check .

schema: install
	$(BIN)/guidegen schema .

# The whole suite; it lists its 15 slowest tests at the end.
test: $(VENV)/.installed-test $(DOT) $(CHROMIUM)
	$(BIN)/ruff check src tests bench conf.py
	$(BIN)/mypy
	$(BIN)/python -m pytest --durations=15

# The quick tier while you work: no browser, no build of the real handbook, no long
# program runs (the tests marked browser, handbook and slow in pyproject.toml).
test-unit: $(VENV)/.installed-test $(DOT)
	$(BIN)/python -m pytest -m "not browser and not handbook and not slow" --durations=15

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests bench conf.py
	$(BIN)/mypy

# Refresh the lock files after changing the dependencies in pyproject.toml, or to take
# newer releases (then run make test and commit requirements/ with the change).
lock: | $(BIN)/python
	$(BIN)/python -m pip install --quiet uv==$(UV_VERSION)
	$(LOCK) -o $(SITE_LOCK)
	$(LOCK) --extra preview -o $(PREVIEW_LOCK)
	$(LOCK) --extra test --extra preview -o $(TEST_LOCK)
	$(BIN)/uv pip compile --quiet --generate-hashes --python-version 3.11 \
	  --python-platform x86_64-unknown-linux-gnu requirements/installer.in -o $(INSTALLER_LOCK)

# What the install would take from both lock files, without installing it: the test
# suite runs this in a venv made as above, so a lock that today's installer cannot read
# fails in CI rather than on a user's machine.
install-dry-run: $(VENV)/.installer
	$(filter-out --quiet,$(LOCKED_INSTALL)) --dry-run -r $(SITE_LOCK)
	$(filter-out --quiet,$(LOCKED_INSTALL)) --dry-run -r $(PREVIEW_LOCK)
	$(filter-out --quiet,$(LOCKED_INSTALL)) --dry-run -r $(TEST_LOCK)

# Benchmarks (not tests): build times, incremental and parallel builds, memory and
# size, the guideline generator (and how much guidelines of two organisation types
# share), the command line's time budgets (bench/budgets.py), the search's score on its
# evaluation set (in Chromium, so it needs the test tools) and a load test of
# guidegen serve. Prints tables; saves JSON in bench/results/.
bench: $(VENV)/.installed-test $(CHROMIUM)
	$(BIN)/python -m compileall -q src
	$(BIN)/python bench/budgets.py
	$(BIN)/python bench/generator.py
	$(BIN)/python bench/overlap.py
	$(BIN)/python bench/build.py
	$(BIN)/python bench/search.py
	@test -f $(BUILD)/index.html || $(MAKE) site
	$(BIN)/python bench/serve.py

serve:
	@test -f $(BUILD)/index.html || $(MAKE) site
	$(BIN)/guidegen serve --site $(BUILD) --port $(PORT)

clean:
	rm -rf _build docs/kennisbank docs/beslisbomen docs/voorbeeldrichtlijnen
