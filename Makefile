# Newsdesk: `make html` builds the site, `make test` runs the suite.
# Both create the virtual environment from requirements.txt when it is missing or changed.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.requirements-installed

INPUTDIR ?= content
OUTPUTDIR ?= output
CONFFILE ?= pelicanconf.py
PUBLISHCONF ?= publishconf.py
PORT ?= 8000
BIND ?= 127.0.0.1
TITLE ?=
SECTION ?=
AUTHORS ?=
PUBLISH_TARGET ?=
RELATED_REPORT ?= related-report.md
LOGS ?=
CSV ?=
BENCH_SIZES ?= 1000,10000
BENCH_RUNS ?= 3
SOAK_SIZES ?= 5000,10000,20000

NEWSDESK := $(PY) -m newsdesk
SITE := --settings $(CONFFILE) --input "$(INPUTDIR)" --output "$(OUTPUTDIR)"

.PHONY: help venv html clean regenerate serve devserver publish upload test lint check article bench soak related-report related-bench most-read

help:
	@echo "make html        build the site into $(OUTPUTDIR)/ (INPUTDIR=… OUTPUTDIR=… to override)"
	@echo "make test        run the whole test suite"
	@echo "make check       editorial lint of all content, no build"
	@echo "make most-read LOGS='access.log access.log.1.gz' [CSV=export.csv]   count page views, refresh Most Read"
	@echo "make article TITLE='…' [SECTION=… AUTHORS='…']   start a new article"
	@echo "make serve       serve $(OUTPUTDIR)/ on http://$(BIND):$(PORT)/"
	@echo "make devserver   serve and rebuild on every save"
	@echo "make regenerate  rebuild on every save, without serving"
	@echo "make publish     build with $(PUBLISHCONF) (absolute SITEURL), run the publish checks"
	@echo "make upload PUBLISH_TARGET=user@host:/path/   rsync the checked site (refuses an unchecked one)"
	@echo "make clean       delete $(OUTPUTDIR)/ and nothing else"
	@echo "make lint        ruff"
	@echo "make soak        5,000 / 10,000 / 20,000 articles with access logs: time and memory must grow linearly"
	@echo "make related-report  every article's related list with scores and reasons ($(RELATED_REPORT))"
	@echo "make related-bench   speed, memory and precision@3 of the related plugin"
	@echo "make bench       the site against bare Pelican (BENCH_SIZES=$(BENCH_SIZES) BENCH_RUNS=$(BENCH_RUNS)); writes BENCHMARKS.md"

$(STAMP): requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --disable-pip-version-check -q -r requirements.txt
	@cp requirements.txt $(STAMP)

venv: $(STAMP)

html: $(STAMP)
	$(NEWSDESK) build $(SITE)

clean:
	$(PYTHON) -m newsdesk clean --output "$(OUTPUTDIR)" --input "$(INPUTDIR)"

regenerate: $(STAMP)
	$(NEWSDESK) regenerate $(SITE)

serve: $(STAMP)
	$(NEWSDESK) serve $(SITE) --port $(PORT) --bind $(BIND)

devserver: $(STAMP)
	$(NEWSDESK) devserver $(SITE) --port $(PORT) --bind $(BIND)

publish: $(STAMP)
	$(NEWSDESK) build --settings $(PUBLISHCONF) --input "$(INPUTDIR)" --output "$(OUTPUTDIR)" --verify

upload: $(STAMP)
	$(NEWSDESK) upload --output "$(OUTPUTDIR)" --settings $(PUBLISHCONF) --target "$(PUBLISH_TARGET)"

test: $(STAMP)
	$(PY) -m pytest

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

check: $(STAMP)
	$(NEWSDESK) check --settings $(CONFFILE) --input "$(INPUTDIR)"

article: $(STAMP)
	@test -n "$(TITLE)" || { echo "usage: make article TITLE='Headline' [SECTION=Security AUTHORS='Name, Name']"; exit 2; }
	$(NEWSDESK) article --settings $(CONFFILE) --title "$(TITLE)" --section "$(SECTION)" --authors "$(AUTHORS)"

bench: $(STAMP)
	$(PY) -m bench.run --sizes $(BENCH_SIZES) --runs $(BENCH_RUNS)

related-report: $(STAMP)
	PYTHONPATH=plugins $(PY) -m related.report --settings $(CONFFILE) --input "$(INPUTDIR)" --output "$(RELATED_REPORT)"

related-bench: $(STAMP)
	$(PY) bench/related_bench.py

most-read: $(STAMP)
	@test -n "$(LOGS)$(CSV)" || echo "no LOGS= or CSV= given: ranking the store again"
	$(NEWSDESK) most-read --settings $(CONFFILE) --output "$(OUTPUTDIR)" $(if $(LOGS),--logs $(LOGS)) $(if $(CSV),--csv $(CSV))

soak: $(STAMP)
	$(PY) -m bench.soak --sizes $(SOAK_SIZES) --write BENCHMARKS.md
