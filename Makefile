# toyviz — two commands on a fresh Debian machine:
#   make site    install what is missing, build every figure (preview) and the site, say how to view it
#   make test    the same set-up, then the whole test suite
# Both are idempotent: stamps under .cache/stamps record each finished install step.

PYTHON   ?= python3
VENV     := .venv
BIN      := $(VENV)/bin
QUALITY  ?= preview
STAMPS   := .cache/stamps
VENDOR   := docs/assets/vendor
APT_PKGS := libcairo2-dev libpango1.0-dev pkg-config chromium ffmpeg
SUDO     := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export NO_MKDOCS_2_WARNING := 1
export NUMBA_CACHE_DIR := $(CURDIR)/.cache/numba
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: site final figures docs serve screenshots test setup clean help
.DEFAULT_GOAL := help

help:  ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

site: setup  ## build every figure at preview quality and the site into site/
	$(MAKE) --no-print-directory figures docs
	@echo; echo "Site built in site/. View it with:  make serve   ->  http://127.0.0.1:8000"

final:  ## the same at final quality (for the hosted site)
	$(MAKE) --no-print-directory site QUALITY=final

figures: setup  ## build the figures that are out of date (QUALITY=preview|final)
	$(BIN)/toyviz figures build --quality $(QUALITY)

docs: setup site/index.html  ## build the site from the figures already built (only if an input changed)

# The site is rebuilt only when a page, the config, toyviz's code or a built figure changed (the build
# executes the notebooks, ~1 min), so a second `make site` with nothing changed takes seconds.
SITE_INPUTS := mkdocs.yml $(shell find docs toyviz -type f -not -path 'docs/assets/vendor/*' \
                 -not -path '*/__pycache__/*' -not -path 'docs/figures/.*' 2>/dev/null)
site/index.html: $(SITE_INPUTS)
	$(BIN)/mkdocs build --strict --quiet
	@touch $@

serve:  ## serve the built site on http://127.0.0.1:8000
	@test -d site || { echo "no site/ yet: run 'make site' first"; exit 1; }
	$(BIN)/python -m http.server 8000 --bind 127.0.0.1 --directory site

screenshots:  ## every page of the built site (desktop, phone, dark) and a contact sheet, in screenshots/
	$(BIN)/python -m toyviz.site.screenshots --site site --out screenshots

test: setup  ## the whole test suite (builds figures small; one full preview build; browser tests)
	$(BIN)/pytest

setup: $(STAMPS)/apt $(STAMPS)/python $(STAMPS)/vendor  ## install system packages, the venv and JS assets

$(STAMPS)/apt:
	@mkdir -p $(STAMPS)
	@missing=$$(for p in $(APT_PKGS); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "apt: installing $$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	@touch $@

$(STAMPS)/python: requirements.txt pyproject.toml $(STAMPS)/apt
	@mkdir -p $(STAMPS)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	@touch $@

$(STAMPS)/vendor: package.json package-lock.json
	@mkdir -p $(STAMPS) $(VENDOR)/@mathjax
	npm ci --no-audit --no-fund --loglevel=error
	rm -rf $(VENDOR)/mathjax $(VENDOR)/@mathjax/mathjax-newcm-font
	cp -r node_modules/mathjax $(VENDOR)/mathjax
	mkdir -p $(VENDOR)/@mathjax/mathjax-newcm-font
	cp -r node_modules/@mathjax/mathjax-newcm-font/chtml.js node_modules/@mathjax/mathjax-newcm-font/chtml \
	      $(VENDOR)/@mathjax/mathjax-newcm-font/
	@touch $@

clean:  ## remove built figures, the site and caches (keeps the venv)
	rm -rf site screenshots docs/figures .cache/runs .cache/mkdocs-jupyter
