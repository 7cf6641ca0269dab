# One command to run, one to test. Both set up what is missing first.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
APT_PACKAGES := espeak-ng libportaudio2 flite sox pulseaudio pulseaudio-utils libasound2-plugins
STAMP := $(VENV)/.installed

.PHONY: run test check lint types bench system-deps setup clean

run: setup
	$(BIN)/voicecoach

test: setup
	$(BIN)/python -m pytest

check: setup lint types test

lint:
	$(BIN)/ruff format --check voicecoach tests benchmarks
	$(BIN)/ruff check voicecoach tests benchmarks

types:
	$(BIN)/mypy

bench: setup
	$(BIN)/python benchmarks/run_all.py

setup: system-deps $(STAMP)

# System libraries: installed with apt-get when we are root (or have sudo), else named.
system-deps:
	@bash scripts/system-deps.sh $(APT_PACKAGES)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,dev]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
