# Newsdesk: `make html` builds the site, `make test` runs the suite.
# Both create the virtual environment from requirements.txt when it is missing or changed.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.requirements-installed
SQL_STAMP := $(VENV)/.requirements-sql-installed

INPUTDIR ?= content
OUTPUTDIR ?= output
CONFFILE ?= pelicanconf.py
PUBLISHCONF ?= publishconf.py
PORT ?= 8000
BIND ?= 127.0.0.1
TITLE ?=
SECTION ?=
AUTHORS ?=
NEW_AUTHOR ?=
FORMAT ?=
PUBLISH_TARGET ?=
TAKE_OVER ?=
CONFIRM_DELETIONS ?=
RELATED_REPORT ?= related-report.md
LOGS ?=
CSV ?=
LOG_FORMAT ?=
BENCH_SIZES ?= 1000,10000
TRAFFIC_LINES ?= 1000000
BENCH_RUNS ?= 3
BENCH_EDITS ?= 7
BENCH_PHOTO_ARTICLES ?= 1000
BENCH_PHOTOS ?= 1000
SOAK_SIZES ?= 5000,10000,20000
SOAK_100K ?=
NOW ?=

NEWSDESK := $(PY) -m newsdesk
comma := ,
# NOW=2026-12-10T09:00 builds the site as of that time (site time zone): stories dated later are scheduled
AS_OF := $(if $(NOW),NEWSDESK_NOW="$(NOW)")
SITE := --settings $(CONFFILE) --input "$(INPUTDIR)" --output "$(OUTPUTDIR)"

.PHONY: help venv html clean regenerate serve devserver publish upload test test-fast lint check article bench soak related-report related-bench photo-bench most-read audit

help:
	@echo "make html        build the site into $(OUTPUTDIR)/ (INPUTDIR=… OUTPUTDIR=… to override)"
	@echo "                 NOW=2026-12-10T09:00 (html, publish, devserver): build as of that time"
	@echo "make test        run the whole test suite"
	@echo "make test-fast   the unit tests only (tests/unit: in-process, no site builds, under a minute)"
	@echo "make check [FORMAT=text|github|json]   editorial lint of all content, no build"
	@echo "make most-read LOGS='access.log access.log.1.gz' [CSV=export.csv] [LOG_FORMAT=cloudfront]   count page views, refresh Most Read"
	@echo "make article TITLE='…' SECTION=… AUTHORS='…' [NEW_AUTHOR=1]   start a new draft (asks at a terminal)"
	@echo "make serve       serve $(OUTPUTDIR)/ on http://$(BIND):$(PORT)/"
	@echo "make devserver   serve and rebuild on every save"
	@echo "make regenerate  rebuild on every save, without serving"
	@echo "make publish     build with $(PUBLISHCONF) (absolute SITEURL), run the publish checks"
	@echo "make upload PUBLISH_TARGET=user@host:/path/   rsync the checked site into its own folder [TAKE_OVER=1 CONFIRM_DELETIONS=1]"
	@echo "make clean       delete $(OUTPUTDIR)/ and nothing else"
	@echo "make lint        ruff"
	@echo "make soak        5,000 / 10,000 / 20,000 articles with access logs: time and memory must grow linearly"
	@echo "                 SOAK_100K=1 adds a 100,000-article point (hours on 2 cores, ~35 GB of disk: docs/commands.md)"
	@echo "make related-report  every article's related list with scores and reasons ($(RELATED_REPORT))"
	@echo "make related-bench   speed, memory and precision@3 of the related plugin"
	@echo "make photo-bench     the image pipeline on a corpus with 2400 x 1600 photos: cold and warm"
	@echo "make audit       Lighthouse (npm ci first) on the home page and a photo story served by nginx, phone and desktop; reports in .newsdesk/audit/"
	@echo "make bench       the site against bare Pelican (BENCH_SIZES=$(BENCH_SIZES) BENCH_RUNS=$(BENCH_RUNS)), and save → served page with the devserver (BENCH_EDITS=$(BENCH_EDITS)); writes BENCHMARKS.md"
	@echo "                 then the photo corpus: BENCH_PHOTOS=$(BENCH_PHOTOS) of BENCH_PHOTO_ARTICLES=$(BENCH_PHOTO_ARTICLES) stories with 2400 x 1600 JPEGs, cold and warm"

$(STAMP): requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --disable-pip-version-check -q -r requirements.txt
	@cp requirements.txt $(STAMP)

# the SQL engines the Most Read tests and bench run the documented warehouse SQL on: tests and benchmarks only
$(SQL_STAMP): $(STAMP) requirements-sql.txt
	$(PY) -m pip install --disable-pip-version-check -q -r requirements-sql.txt
	@cp requirements-sql.txt $(SQL_STAMP)

venv: $(STAMP)

html: $(STAMP)
	$(AS_OF) $(NEWSDESK) build $(SITE)

clean:
	$(PYTHON) -m newsdesk clean --output "$(OUTPUTDIR)" --input "$(INPUTDIR)"

regenerate: $(STAMP)
	$(AS_OF) $(NEWSDESK) regenerate $(SITE)

serve: $(STAMP)
	$(NEWSDESK) serve $(SITE) --port $(PORT) --bind $(BIND)

devserver: $(STAMP)
	$(AS_OF) $(NEWSDESK) devserver $(SITE) --port $(PORT) --bind $(BIND)

publish: $(STAMP)
	$(AS_OF) $(NEWSDESK) build --settings $(PUBLISHCONF) --input "$(INPUTDIR)" --output "$(OUTPUTDIR)" --verify

upload: $(STAMP)
	$(NEWSDESK) upload --output "$(OUTPUTDIR)" --settings $(PUBLISHCONF) --input "$(INPUTDIR)" --target "$(PUBLISH_TARGET)" \
		$(if $(filter 1 yes true,$(TAKE_OVER)),--take-over) $(if $(filter 1 yes true,$(CONFIRM_DELETIONS)),--confirm-deletions)

test: $(SQL_STAMP)
	$(PY) -m pytest $(TEST_ARGS)

test-fast: $(STAMP)
	$(PY) -m pytest tests/unit -q

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

check: $(STAMP)
	$(NEWSDESK) check --settings $(CONFFILE) --input "$(INPUTDIR)" $(if $(FORMAT),--format $(FORMAT))

article: $(STAMP)
	@test -n "$(TITLE)" || { echo "usage: make article TITLE='Headline' SECTION=Security AUTHORS='Name, Name' [NEW_AUTHOR=1]"; exit 2; }
	$(NEWSDESK) article --settings $(CONFFILE) --input "$(INPUTDIR)" --title "$(TITLE)" --section "$(SECTION)" --authors "$(AUTHORS)" $(if $(NEW_AUTHOR),--new-author)

bench: $(STAMP)
	$(PY) -m bench.run --sizes $(BENCH_SIZES) --runs $(BENCH_RUNS) --edits $(BENCH_EDITS)
	$(PY) -m bench.most_read_bench --formats --lines $(TRAFFIC_LINES) --write BENCHMARKS.md
	$(PY) -m bench.engine_bench --lines $(TRAFFIC_LINES) --write BENCHMARKS.md
	$(PY) -m bench.photo_bench --articles $(BENCH_PHOTO_ARTICLES) --photos $(BENCH_PHOTOS)

related-report: $(STAMP)
	$(PY) -m newsdesk.related_report --settings $(CONFFILE) --input "$(INPUTDIR)" --output "$(RELATED_REPORT)"

related-bench: $(STAMP)
	$(PY) bench/related_bench.py

photo-bench: $(STAMP)
	$(PY) -m bench.photo_bench

audit: $(STAMP)
	$(PY) tests/audit.py

most-read: $(STAMP)
	@test -n "$(LOGS)$(CSV)" || echo "no LOGS= or CSV= given: ranking the store again"
	$(NEWSDESK) most-read --settings $(CONFFILE) --output "$(OUTPUTDIR)" $(if $(LOGS),--logs $(LOGS)) $(if $(CSV),--csv $(CSV)) $(if $(LOG_FORMAT),--log-format $(LOG_FORMAT))

soak: $(STAMP)
	$(PY) -m bench.soak --sizes $(SOAK_SIZES)$(if $(filter 1 yes true,$(SOAK_100K)),$(comma)100000) --write BENCHMARKS.md
