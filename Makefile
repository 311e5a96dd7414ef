# Lotse: `make run` starts the program, `make test` runs every check. Both set up what is missing.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
LOCALE := resources/locale
QT_LIBS := libegl1 libgl1 libxkbcommon0 libfontconfig1 libglib2.0-0 libdbus-1-3 \
           libgssapi-krb5-2 fonts-dejavu-core
X11_LIBS := libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 \
            libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0
TEST_TOOLS := libreoffice-calc-nogui  # soffice: the exported XLSX read back as LibreOffice sees it
CODE := app ui tests benchmarks scripts

.PHONY: run test test-fast lint bundle bench catalog revision clean

$(STAMP): pyproject.toml
	@scripts/system-libs $(QT_LIBS)
	@[ -x $(PY) ] && $(PY) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 12))' \
	  || { py=$$(scripts/find-python312) && rm -rf $(VENV) && "$$py" -m venv $(VENV); }
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,build]'
	@touch $(STAMP)

run: $(STAMP)
	@scripts/system-libs $(X11_LIBS)
	$(VENV)/bin/lotse

lint: $(STAMP)
	$(PY) -m ruff check $(CODE)
	$(PY) -m ruff format --check $(CODE)
	$(VENV)/bin/lint-imports

test: lint
	@scripts/system-libs $(TEST_TOOLS)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

test-fast: lint
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -m "not slow"

bundle: $(STAMP)
	$(VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN build.spec

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m benchmarks

# Translators: extract msgids from app/ and ui/, merge into the German catalog, compile.
catalog: $(STAMP)
	$(VENV)/bin/pybabel -q extract -F babel.cfg -k N_ -k ngettext:1,2 --no-location \
	  --sort-output --no-wrap -o $(LOCALE)/lotse.pot app ui
	$(VENV)/bin/pybabel -q update -i $(LOCALE)/lotse.pot -d $(LOCALE) -D lotse -l de \
	  --init-missing --no-fuzzy-matching --ignore-obsolete --no-wrap
	$(VENV)/bin/pybabel -q compile -d $(LOCALE) -D lotse -l de

# Developers: `make revision m="add xyz"` writes a new Alembic revision from the models.
revision: $(STAMP)
	mkdir -p build && rm -f build/alembic-scratch.sqlite
	$(VENV)/bin/alembic upgrade head
	$(VENV)/bin/alembic revision --autogenerate -m "$(m)"

clean:
	rm -rf build dist .pytest_cache .ruff_cache
