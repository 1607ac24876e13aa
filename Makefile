# The two commands of the README: `make run` (the main job) and `make test` (the whole suite).
# Both set everything up on a fresh machine through scripts/setup.sh.

.PHONY: setup run check-seeds test lint bench accuracy

setup:
	@bash scripts/setup.sh

# The platform on SQLite (var/gongkai.sqlite3): migrate, seed the demo county once, print the logins, serve.
PORT ?= 8000
run: setup
	.venv/bin/python -m gongkai.web migrate --noinput
	.venv/bin/python -m gongkai.web createcachetable
	.venv/bin/python -m gongkai.web seed_demo --if-empty
	.venv/bin/python -m gongkai.web runserver 127.0.0.1:$(PORT)

check-seeds: setup
	@echo "== gongkai check on the sample reports bundled in tests/data/seeds =="
	-@.venv/bin/gongkai check tests/data/seeds/*.txt

# The platform's tests run twice: on SQLite (within the whole suite) and on PostgreSQL.
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/gongkai_test

test: setup
	.venv/bin/ruff check .
	bash scripts/redis.sh
	.venv/bin/python -m pytest
	bash scripts/postgres.sh
	DATABASE_URL=$(PG_TEST_URL) .venv/bin/python -m pytest -q -p no:cacheprovider tests/web \
		tests/reliability/test_races.py tests/reliability/test_kill.py

# Every hand-read cell of the real reports and the seeds against what the parser reads.
accuracy: setup
	@.venv/bin/python -m tests.accuracy $(ARGS)

lint: setup
	.venv/bin/ruff check .

bench: setup
	.venv/bin/python -m bench.parse_text
	.venv/bin/python -m bench.parse_kinds
	.venv/bin/python -m bench.corpus
	.venv/bin/python -m bench.render
	.venv/bin/python -m bench.ocr
	.venv/bin/python -m bench.platform
	bash scripts/postgres.sh
	bash scripts/redis.sh
	.venv/bin/python -m bench.portal_load
