# The two commands of the README: `make run` (the main job) and `make test` (the whole suite).
# Both set everything up on a fresh machine through scripts/setup.sh.

.PHONY: setup run test lint bench

setup:
	@bash scripts/setup.sh

run: setup
	@echo "== gongkai check on the sample reports bundled in tests/data/seeds =="
	-@.venv/bin/gongkai check tests/data/seeds/*.txt

test: setup
	.venv/bin/ruff check .
	.venv/bin/python -m pytest

lint: setup
	.venv/bin/ruff check .

bench: setup
	.venv/bin/python -m bench.parse_text
	.venv/bin/python -m bench.parse_kinds
	.venv/bin/python -m bench.render
