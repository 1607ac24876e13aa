"""The corpus store: one DuckDB file, its schema, its migrations and the batched writes.

Schema (version ``SCHEMA_VERSION``; CONTRACT.md names the first three tables and their first columns):

- ``reports``   one row per distinct content (``report_id`` = sha256 of the file; a file that could not
  be opened gets an id derived from its path). ``path`` is the first of its paths in sort order,
  ``name_key`` the normalised issuer, ``agency`` the same or the roster's agency it matched, ``level``
  and ``region`` from the roster or the name, ``version``/``is_current`` number the different contents
  one agency published for one year (the current one, latest published, is what the corpus checks use),
  ``error_code``/``error_message``/``error_detail`` why a file was not read.
- ``cells``     every statutory cell of every read report (``value`` NULL for a blank cell); for a report
  on 2008–2018 (``format`` ``pre2019``, no national table) its headline figures instead: section
  ``pre2019``, ``row`` the figure (``proactive_items``, ``applications_received``, ``granted``,
  ``reconsiderations``, ``lawsuits``), ``col`` ``total``, ``value`` NULL when the text does not say.
- ``extra_rows`` the local rows a province adds to section 二 (``proactive``), which have no key:
  ``position`` (1, 2... in the report's order), the ``label`` as printed, and one row per value,
  ``col`` 1, 2... in the order printed.
- ``findings``  the parser's and validator's findings (``scope`` ``report``) and the corpus checks'
  (``scope`` ``corpus``, with ``related_report_id`` the other report of the comparison).
- ``files``     every input path (``archive.zip::member`` for a zip member) with its fingerprint and
  ``report_id``: the same content under two paths is stored once.
- ``narratives`` sections 一, 五, 六 as text; ``signatures`` their MinHash (copy detection).
- ``copy_pairs`` copy pairs: ``report_id`` (the later report), ``other_report_id``, ``relation``
  (``previous_year`` or ``same_year``), ``score`` (exact 5-gram Jaccard), ``passages`` (shared sentences,
  one per line).
- ``roster``    the supervisor's roster as last loaded (``deadline`` an agency's own MM-DD);
  ``missing`` the roster's reports not found.
- ``meta``      ``schema_version``; ``signature_scheme``, the 5-gram hash the signatures were made with
  (``narrative.HASH_SCHEME``; other signatures are recomputed on the next import); ``deadlines``,
  the level deadlines last given (JSON, ``{"township": [2, 28]}``).

Every batch is one transaction: a killed import leaves whole batches, and the next run adds the rest.
"""

from __future__ import annotations

import os

import duckdb
import pyarrow as pa

SCHEMA_VERSION = 2

# MIGRATIONS[n] brings a database from version n - 1 to n. Never edit a released step: add one.
MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: (
        "CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)",
        """CREATE TABLE reports (
            report_id VARCHAR PRIMARY KEY, path VARCHAR, kind VARCHAR, issuer VARCHAR, agency VARCHAR,
            year INTEGER, format VARCHAR, published_on DATE, error_code VARCHAR, error_message VARCHAR,
            error_detail VARCHAR, name_key VARCHAR, title VARCHAR, truncated VARCHAR, level VARCHAR,
            region VARCHAR, version INTEGER, is_current BOOLEAN)""",
        """CREATE TABLE cells (report_id VARCHAR, section VARCHAR, "row" VARCHAR, col VARCHAR, value DOUBLE,
            inferred BOOLEAN)""",
        """CREATE TABLE findings (report_id VARCHAR, rule VARCHAR, severity VARCHAR, message VARCHAR,
            cells VARCHAR, scope VARCHAR, related_report_id VARCHAR)""",
        "CREATE TABLE files (path VARCHAR PRIMARY KEY, fingerprint VARCHAR, report_id VARCHAR)",
        "CREATE TABLE narratives (report_id VARCHAR, section INTEGER, text VARCHAR)",
        "CREATE TABLE signatures (report_id VARCHAR, chars INTEGER, minhash BLOB)",
        """CREATE TABLE copy_pairs (report_id VARCHAR, other_report_id VARCHAR, relation VARCHAR, score DOUBLE,
            passages VARCHAR)""",
        """CREATE TABLE roster (agency VARCHAR, parent VARCHAR, level VARCHAR, region VARCHAR,
            expected_from INTEGER, sums_members BOOLEAN, aliases VARCHAR)""",
        "CREATE TABLE missing (agency VARCHAR, year INTEGER, message VARCHAR)",
    ),
    # Local rows some provinces add to section 二 (their own labels, values by position). Reports of
    # 2008–2018 store their headline figures in ``cells`` (section ``pre2019``) from version 2 on;
    # a store imported before has none for them (import again into a new file to get them).
    2: (
        """CREATE TABLE extra_rows (report_id VARCHAR, section VARCHAR, position INTEGER, label VARCHAR,
            col INTEGER, value DOUBLE)""",
        # An agency's own publication deadline (MM-DD), from the roster's optional ``deadline`` column.
        "ALTER TABLE roster ADD COLUMN deadline VARCHAR",
    ),
}

# The tables `gongkai corpus export` writes, in this order.
TABLES = ("reports", "cells", "extra_rows", "findings", "files", "narratives", "copy_pairs", "roster", "missing")


class NewerDatabase(Exception):
    def __init__(self, found: int) -> None:
        super().__init__(f"schema version {found} > {SCHEMA_VERSION}")
        self.found = found


# DuckDB keeps a result open until it is read to the end: every query here uses fetchall().


# DuckDB's memory (GONGKAI_CORPUS_MEMORY, a DuckDB size such as 512MB). Its default, 80 % of RAM, is
# what it keeps of the pages it read or wrote: the corpus checks of 100,000 reports took the
# importing process to 1.2 GB. Beyond the limit DuckDB spills to ``temp_directory`` (``DB.tmp``
# beside the database) instead of growing, so the process stays under ~500 MB however many reports
# (6,000 generated reports: 553 MB while appending at 256 MB, 426 MB at 128 MB; the interpreter with
# the readers, pyarrow and DuckDB loaded is ~200 MB of it).
MEMORY_LIMIT = os.environ.get("GONGKAI_CORPUS_MEMORY", "128MB")


def connect(path: str, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """The database at ``path``, created when missing and migrated to ``SCHEMA_VERSION``, its memory
    bounded (``MEMORY_LIMIT``)."""
    con = duckdb.connect(path, read_only=read_only)
    con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
    if path not in ("", ":memory:"):
        con.execute("SET temp_directory = ?", [path + ".tmp"])
    if not read_only:
        migrate(con)
    return con


def version(con: duckdb.DuckDBPyConnection) -> int:
    has_meta = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta' AND table_schema = 'main'"
    ).fetchall()[0][0]
    if not has_meta:
        return 0
    rows = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()
    return int(rows[0][0]) if rows else 0


def migrate(con: duckdb.DuckDBPyConnection) -> None:
    current = version(con)
    if current > SCHEMA_VERSION:
        raise NewerDatabase(current)
    for step in range(current + 1, SCHEMA_VERSION + 1):
        con.execute("BEGIN TRANSACTION")
        for statement in MIGRATIONS[step]:
            con.execute(statement)
        con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(step)])
        con.execute("COMMIT")


def refresh_signatures(con: duckdb.DuckDBPyConnection) -> int:
    """Recompute the stored MinHash signatures when they were made with another 5-gram hash than
    this version's (``meta`` ``signature_scheme``; a store without the key predates it): signatures
    of two schemes do not compare. They are made again from the stored narratives, as at import.
    Returns the number recomputed."""
    from . import narrative

    if meta(con, "signature_scheme") == narrative.HASH_SCHEME:
        return 0
    rows = con.execute("""
        SELECT r.report_id, r.issuer, string_agg(n.text, chr(10) ORDER BY n.section)
        FROM reports r JOIN narratives n USING (report_id) JOIN signatures s USING (report_id)
        GROUP BY r.report_id, r.issuer""").fetchall()
    ids, chars, blobs = [], [], []
    for report_id, issuer, text in rows:
        cleaned = narrative.clean(text, issuer)
        blob = narrative.signature(cleaned)
        if blob is not None:
            ids.append(report_id)
            chars.append(len(cleaned))
            blobs.append(blob)
    fresh = pa.table({"report_id": ids, "chars": pa.array(chars, pa.int32()), "minhash": pa.array(blobs, pa.binary())})
    con.execute("BEGIN TRANSACTION")
    con.execute("DELETE FROM signatures")
    _insert(con, "signatures", fresh, ("report_id", "chars", "minhash"))
    set_meta(con, "signature_scheme", narrative.HASH_SCHEME)
    con.execute("COMMIT")
    return len(ids)


def known(con: duckdb.DuckDBPyConnection, items: list) -> set[tuple[str, str]]:
    """The (path, fingerprint) pairs among ``items`` that the store already holds."""
    if not items:
        return set()
    probe = pa.table({"path": [i.label for i in items], "fingerprint": [i.fingerprint for i in items]})
    con.register("probe", probe)
    try:
        rows = con.execute(
            "SELECT f.path, f.fingerprint FROM files f JOIN probe p USING (path, fingerprint)"
        ).fetchall()
    finally:
        con.unregister("probe")
    return set(rows)


def meta(con: duckdb.DuckDBPyConnection, key: str) -> str | None:
    rows = con.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchall()
    return rows[0][0] if rows else None


def set_meta(con: duckdb.DuckDBPyConnection, key: str, value: str) -> None:
    con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, value])


def size_of(fingerprint: str) -> int | None:
    """The byte size a fingerprint starts with (``size:mtime`` of a file, ``size:crc`` of a member)."""
    head = fingerprint.partition(":")[0]
    return int(head) if head.isdigit() else None


def contents_by_size(con: duckdb.DuckDBPyConnection, sizes: set[int]) -> dict[int, set[str]]:
    """The stored contents (``report_id``) of files of each of ``sizes``: the only ones a new file can equal."""
    if not sizes:
        return {}
    con.register("sizes", pa.table({"size": sorted(sizes)}, schema=pa.schema([("size", pa.int64())])))
    try:
        rows = con.execute("""
            SELECT DISTINCT s.size, f.report_id FROM files f
            JOIN sizes s ON TRY_CAST(split_part(f.fingerprint, ':', 1) AS BIGINT) = s.size""").fetchall()
    finally:
        con.unregister("sizes")
    out: dict[int, set[str]] = {}
    for size, report_id in rows:
        out.setdefault(size, set()).add(report_id)
    return out


def _insert(con, table: str, data: pa.Table, columns: tuple[str, ...]) -> None:
    if data.num_rows == 0:
        return
    con.register("batch", data)
    try:
        names = ", ".join(f'"{c}"' for c in columns)
        con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM batch")
    finally:
        con.unregister("batch")


REPORT_COLUMNS = ("report_id", "path", "kind", "issuer", "name_key", "year", "format", "published_on", "title",
                  "truncated", "error_code", "error_message", "error_detail")


def write_batch(con: duckdb.DuckDBPyConnection, batch: dict[str, pa.Table]) -> None:
    """Append one batch (already free of contents the store holds) in a single transaction.

    Rows of files that could not be opened are replaced (their id is their path's), and such a file
    is not in ``files``, so it is tried again on the next run.
    """
    con.execute("BEGIN TRANSACTION")
    try:
        reports = batch["reports"]
        # Only a file that could not be opened has a row to replace (its id is its path's; it has no
        # ``files`` row): the importer has already dropped every content the store holds.
        opened = set(batch["files"]["report_id"].to_pylist())
        unopened = [i for i in reports["report_id"].to_pylist() if i not in opened]
        if unopened:
            con.register("ids", pa.table({"report_id": unopened}))
            try:
                con.execute("DELETE FROM reports WHERE report_id IN (SELECT report_id FROM ids)")
            finally:
                con.unregister("ids")
        _insert(con, "reports", reports, REPORT_COLUMNS)
        _insert(con, "cells", batch["cells"], ("report_id", "section", "row", "col", "value", "inferred"))
        _insert(con, "extra_rows", batch["extra_rows"], ("report_id", "section", "position", "label", "col", "value"))
        findings = batch["findings"].append_column("scope", pa.array(["report"] * batch["findings"].num_rows))
        _insert(con, "findings", findings, ("report_id", "rule", "severity", "message", "cells", "scope"))
        _insert(con, "narratives", batch["narratives"], ("report_id", "section", "text"))
        _insert(con, "signatures", batch["signatures"], ("report_id", "chars", "minhash"))
        files = batch["files"]
        if files.num_rows:
            # A changed file replaces its old fingerprint; a path listed twice in one run is stored once.
            con.register("batch", files)
            try:
                con.execute("INSERT OR REPLACE INTO files SELECT DISTINCT ON (path) path, fingerprint, report_id "
                            "FROM batch ORDER BY path")
            finally:
                con.unregister("batch")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
