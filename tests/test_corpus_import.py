"""``gongkai corpus import`` and ``export`` on real and generated reports: what is stored, what is
skipped, what fails, what survives a kill, and what each export format reads back as."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from bench.corpus_data import narrative, rendered, report

from gongkai.cli import main
from gongkai.corpus import import_corpus

DATA = Path(__file__).parent / "data"
REAL = sorted((DATA / "corpus").glob("*.txt")) + sorted((DATA / "seeds").glob("*.txt"))
ROOT = Path(__file__).resolve().parent.parent


def _generated(folder: Path, count: int, seed: int = 3) -> list[Path]:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(count):
        # Two years of each agency, named in characters (a name of digits is no issuer's name).
        name = "测试" + "".join("甲乙丙丁戊己庚辛壬癸"[int(d)] for d in f"{i // 2:03d}") + "县人民政府"
        doc = report(name, 2021 + i % 2, new=rng.randint(0, 40), sections=narrative(rng))
        path = folder / f"{i:04d}.md"
        path.write_bytes(rendered(doc))
        out.append(path)
    return out


def _tables(db: str) -> dict[str, list[tuple]]:
    con = duckdb.connect(db, read_only=True)
    try:
        out = {}
        for table in ("reports", "cells", "extra_rows", "findings", "files", "narratives", "signatures", "copy_pairs",
                      "missing"):
            out[table] = sorted(con.execute(f"SELECT * FROM {table}").fetchall(), key=repr)
        return out
    finally:
        con.close()


@pytest.fixture(scope="module")
def real_db(tmp_path_factory) -> str:
    root = tmp_path_factory.mktemp("real")
    listing = root / "list.txt"
    listing.write_text("\n".join(str(p) for p in REAL if p.parent.name == "seeds") + "\n", encoding="utf-8")
    db = str(root / "real.duckdb")
    # The corpus folder as it is: its README.md and index.tsv lie beside the reports.
    assert main(["corpus", "import", str(DATA / "corpus"), "--db", db, "--files-from", str(listing),
                 "--jobs", "2"]) == 0
    return db


def test_it_stores_every_real_report_with_the_parsers_values(real_db):
    con = duckdb.connect(real_db, read_only=True)
    assert con.execute("SELECT count(*) FROM reports WHERE error_code IS NULL").fetchall() == [(74,)]
    # The folder's README and index are recorded as what they are, and never counted as reports.
    assert sorted(con.execute("SELECT regexp_extract(path, '[^/]+$'), kind, error_code FROM reports "
                              "WHERE error_code IS NOT NULL").fetchall()) == [
        ("README.md", "markdown", "not_a_report"), ("index.tsv", "text", "not_a_report")]
    from gongkai.corpus.stats import stats
    assert sum(row["reports"] for row in stats(con, "year")) == 74
    seed = next(p for p in REAL if p.name.startswith("000_"))
    expected = json.loads(seed.with_name(seed.name.replace(".txt", ".expected.json")).read_text("utf-8"))
    rows = dict(con.execute("""SELECT c."row" || '.' || c.col, c.value FROM cells c JOIN reports r USING (report_id)
                               WHERE r.path = ? AND c.section = 'proactive'""", [str(seed)]).fetchall())
    assert rows["fees.amount"] == expected["proactive"]["fees"][0] == 38.29
    assert rows["normative_documents.in_force"] == expected["proactive"]["normative_documents"][2] == 9
    issuer, year, fmt, published = con.execute(
        "SELECT issuer, year, format, published_on FROM reports WHERE path = ?", [str(seed)]).fetchall()[0]
    assert (issuer, year, fmt, published.isoformat()) == (expected["issuer"], expected["year"], expected["format"],
                                                          expected["published_on"])
    # Every cell of the store is what `gongkai parse --json` says, for every file: the statutory cells,
    # the headline figures of the reports on 2008–2018 and the local rows of section 二.
    from gongkai.report import parse_file, report_json
    headlines = extras = 0
    for path in REAL:
        sent = report_json(parse_file(str(path)))
        stored = dict(((s, r, c), v) for s, r, c, v in con.execute("""
            SELECT c.section, c."row", c.col, c.value FROM cells c JOIN reports USING (report_id)
            WHERE path = ?""", [str(path)]).fetchall())
        want = {(s, r, c): v for s in ("proactive", "applications", "appeals") for r, cols in (sent[s] or {}).items()
                if r != "extra" for c, v in cols.items()}
        want.update({("pre2019", key, "total"): v for key, v in sent.get("pre2019", {}).items()})
        assert stored == want, path
        rows = con.execute("""SELECT position, label, list(value ORDER BY col) FROM extra_rows JOIN reports
                              USING (report_id) WHERE path = ? GROUP BY position, label ORDER BY position""",
                           [str(path)]).fetchall()
        assert [{"label": label, "values": values} for _, label, values in rows] == \
            (sent["proactive"] or {}).get("extra", []), path
        headlines += any(v is not None for v in sent.get("pre2019", {}).values())
        extras += bool(rows)
    assert (headlines, extras) == (1, 3)  # 152 (25 items made public); 103, 106 and 109


def test_a_second_run_skips_everything(real_db, tmp_path):
    before = _tables(real_db)
    summary = import_corpus([str(p) for p in REAL[:10]], real_db, jobs=1, show_progress=False)
    assert (summary.read, summary.failed, summary.skipped) == (0, 0, 10)
    assert _tables(real_db) == before


def test_a_path_given_twice_in_one_run_is_stored_once_into_an_empty_store_and_a_filled_one(tmp_path):
    # Into an empty store the importer does not look paths up (none can be there but this run's):
    # the second time a path comes it is read again, is a copy of itself, and keeps one files row.
    paths = [str(p) for p in _generated(tmp_path / "in", 4)]
    db = str(tmp_path / "d.duckdb")
    summary = import_corpus([str(tmp_path / "in"), paths[0], paths[2]], db, jobs=2, show_progress=False)
    assert (summary.files, summary.read, summary.skipped, summary.failed) == (6, 4, 2, 0)
    con = duckdb.connect(db, read_only=True)
    assert con.execute("SELECT count(*), count(DISTINCT path) FROM files").fetchall() == [(4, 4)]
    assert con.execute("SELECT count(*) FROM reports").fetchall() == [(4,)]
    con.close()
    before = _tables(db)
    # Into a store that holds them, each is known by its path and fingerprint, and not read at all.
    summary = import_corpus([paths[1], str(tmp_path / "in"), paths[1]], db, jobs=2, show_progress=False)
    assert (summary.files, summary.read, summary.skipped, summary.copies) == (6, 0, 6, 0)
    assert _tables(db) == before


def test_a_corrupt_file_and_a_missing_one_are_recorded_and_the_rest_is_read(tmp_path):
    folder = tmp_path / "in"
    _generated(folder, 3)
    whole = rendered(report("朗县人民政府", 2022), "docx")
    (folder / "broken.docx").write_bytes(whole[: len(whole) // 2])  # a download cut short
    copy = tmp_path / "zz-copy.md"
    copy.write_bytes((folder / "0000.md").read_bytes())
    listing = tmp_path / "list.txt"
    listing.write_text(f"{tmp_path / 'gone.pdf'}\n{copy}\n", encoding="utf-8")
    db = str(tmp_path / "c.duckdb")
    assert main(["corpus", "import", str(folder), "--files-from", str(listing), "--db", db, "--jobs", "2"]) == 0
    con = duckdb.connect(db, read_only=True)
    rows = dict(con.execute("SELECT regexp_extract(path, '[^/]+$'), error_code FROM reports").fetchall())
    assert rows == {"0000.md": None, "0001.md": None, "0002.md": None, "broken.docx": "corrupt",
                    "gone.pdf": "not_found"}
    message = con.execute("SELECT error_message FROM reports WHERE error_code = 'corrupt'").fetchall()[0][0]
    assert "broken.docx" in message
    # The same content under two paths: one report, two files.
    assert con.execute("SELECT count(*) FROM files WHERE report_id = (SELECT report_id FROM reports "
                       "WHERE path LIKE '%0000.md')").fetchall() == [(2,)]


class _GbkName(zipfile.ZipInfo):
    """A member named as Chinese Windows tools write it: GBK bytes, no UTF-8 flag."""

    def _encodeFilenameFlags(self):
        return self.filename.encode("gbk"), self.flag_bits & ~0x800


def test_zip_archives_are_read_member_by_member_with_their_chinese_names(tmp_path):
    docs = [report(f"{name}人民政府", 2022, new=i + 1) for i, name in enumerate(("朗县", "米林县", "墨脱县"))]
    archive = tmp_path / "reports.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("2022/朗县.md", rendered(docs[0]))
        zf.writestr("2022/米林县.docx", rendered(docs[1], "docx"))
        zf.writestr(_GbkName("2022/墨脱县.md"), rendered(docs[2]))
    db = str(tmp_path / "z.duckdb")
    summary = import_corpus([str(archive)], db, jobs=1, show_progress=False)
    assert (summary.read, summary.failed) == (3, 0)
    con = duckdb.connect(db, read_only=True)
    rows = con.execute("""SELECT r.path, c.value FROM reports r JOIN cells c USING (report_id)
                          WHERE c."row" = 'new' AND c.col = 'total' ORDER BY c.value""").fetchall()
    assert rows == [(f"{archive}::2022/朗县.md", 1), (f"{archive}::2022/米林县.docx", 2),
                    (f"{archive}::2022/墨脱县.md", 3)]


def test_an_archive_is_told_by_its_contents_except_under_a_document_name(tmp_path):
    """A zip of reports without the .zip suffix (a download saved as ``bundle``) is still read member
    by member; one named as a text document (``bundle.txt``) is not sniffed, and is recorded as a
    file whose contents are not a report (``unsupported_kind``), not lost."""
    doc = rendered(report("朗县人民政府", 2022, new=7))
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("bundle", "bundle.txt"):
        with zipfile.ZipFile(folder / name, "w") as zf:
            zf.writestr(f"{name}/朗县.md", doc)
    db = str(tmp_path / "z.duckdb")
    summary = import_corpus([str(folder)], db, jobs=1, show_progress=False)
    assert (summary.files, summary.read, summary.failed) == (2, 1, 1)
    con = duckdb.connect(db, read_only=True)
    rows = con.execute("SELECT path, error_code FROM reports ORDER BY path").fetchall()
    assert sorted(rows) == sorted([(f"{folder / 'bundle'}::bundle/朗县.md", None),
                                   (str(folder / "bundle.txt"), "unsupported_kind")])


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "gongkai", "corpus", *args]


def test_an_import_killed_midway_is_finished_by_running_it_again(tmp_path):
    files = _generated(tmp_path / "in", 240)
    listing = tmp_path / "list.txt"
    listing.write_text("\n".join(map(str, files)), encoding="utf-8")
    whole = str(tmp_path / "whole.duckdb")
    assert import_corpus([], whole, files_from=str(listing), jobs=2, show_progress=False).read == 240
    env = {**os.environ, "GONGKAI_CORPUS_BATCH_FILES": "32", "PYTHONPATH": str(ROOT / "src")}
    killed = str(tmp_path / "killed.duckdb")
    proc = subprocess.Popen(_cli("import", "--db", killed, "--files-from", str(listing), "--jobs", "2"),
                            stderr=subprocess.PIPE, text=True, env=env, start_new_session=True)
    first = proc.stderr.readline()  # one line per committed batch
    assert first.startswith("已处理"), first
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    con = duckdb.connect(killed, read_only=True)
    partial = con.execute("SELECT count(*) FROM reports").fetchall()[0][0]
    con.close()
    assert 0 < partial < 240  # really interrupted, with whole batches kept
    done = subprocess.run(_cli("import", "--db", killed, "--files-from", str(listing), "--jobs", "2"),
                          capture_output=True, text=True, env=env, check=True)
    assert f"已导入而跳过 {partial} 个" in done.stderr
    assert _tables(killed) == _tables(whole)


def _dta_parts(folder: Path, table: str) -> pd.DataFrame:
    """A table exported to Stata as its parts (``cells.dta``, ``cells_2.dta``...), appended in order."""
    parts = sorted(folder.glob(f"{table}_*.dta"), key=lambda p: int(p.stem.rsplit("_", 1)[1]))
    return pd.concat([pd.read_stata(p) for p in [folder / f"{table}.dta", *parts]], ignore_index=True)


def test_every_export_reads_back_with_the_same_numbers(real_db, tmp_path, monkeypatch):
    from gongkai.corpus import export

    monkeypatch.setattr(export, "DTA_ROWS", 2_000)  # Stata parts, as a store of 100,000 reports needs
    con = duckdb.connect(real_db, read_only=True)
    counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in ("reports", "cells", "findings")}
    total = con.execute("SELECT sum(value) FROM cells").fetchall()[0][0]
    issuers = sorted(i for (i,) in con.execute("SELECT issuer FROM reports WHERE issuer IS NOT NULL").fetchall())
    con.close()
    readers = {
        "csv": lambda p, t: pd.read_csv(p / f"{t}.csv"),
        "parquet": lambda p, t: pd.read_parquet(p / f"{t}.parquet"),
        "xlsx": lambda p, t: pd.read_excel(p / "corpus.xlsx", sheet_name=t),
        "dta": _dta_parts,
    }
    for kind, read in readers.items():
        out = tmp_path / kind
        assert main(["corpus", "export", "--db", real_db, "--to", kind, "-o", str(out)]) == 0
        assert {t: len(read(out, t)) for t in counts} == counts, kind
        assert read(out, "cells")["value"].sum() == pytest.approx(total), kind
        frame = read(out, "reports")
        assert sorted(i for i in frame["issuer"] if isinstance(i, str) and i) == issuers, kind  # Chinese survives
    parts = sorted(p.name for p in (tmp_path / "dta").glob("cells*.dta"))
    assert len(parts) == -(-counts["cells"] // 2_000) > 1, parts
    inferred = _dta_parts(tmp_path / "dta", "cells")["inferred"]
    assert set(inferred.dropna().astype(int)) <= {0, 1} and inferred.notna().all()


def test_a_store_of_schema_version_1_is_migrated_on_open(tmp_path):
    from gongkai.corpus import store

    db = str(tmp_path / "old.duckdb")
    con = duckdb.connect(db)
    for statement in store.MIGRATIONS[1]:
        con.execute(statement)
    con.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    con.close()
    con = store.connect(db)
    assert store.version(con) == store.SCHEMA_VERSION == 2
    assert con.execute("SELECT count(*) FROM extra_rows").fetchall() == [(0,)]
    con.close()


def test_a_pool_found_broken_when_a_task_is_submitted_is_restarted_and_every_file_read(tmp_path):
    """A worker that dies while idle breaks the pool before any future reports it: the next submit
    raises. The import restarts the pool and reads every file anyway."""
    import io
    import time

    from gongkai.corpus import importer, store
    from gongkai.corpus.extract import Options

    files = _generated(tmp_path / "in", 3)
    pool = importer._LocalPool(1)
    try:
        pool.submit([], Options()).result(timeout=60)  # the worker process is up
        for pid in list(pool.pool._processes):
            os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 30
        while not pool.pool._broken and time.monotonic() < deadline:
            time.sleep(0.05)
        assert pool.pool._broken  # really broken, and no future in flight to say so
        con = store.connect(str(tmp_path / "b.duckdb"))
        summary = importer.Summary()
        items = importer.discover.items([str(p) for p in files])
        importer._run_tasks(con, pool, ((c, {}) for c in importer.chunks(items, 2)), Options(), summary,
                            importer._Progress(None, io.StringIO()), importer._Seen(con))
    finally:
        pool.close()
    assert (summary.read, summary.failed) == (3, 0)
    assert con.execute("SELECT count(*) FROM reports WHERE error_code IS NULL").fetchall() == [(3,)]
    con.close()


def test_a_content_read_before_is_hashed_but_not_parsed_again(tmp_path, monkeypatch):
    import hashlib

    from gongkai.corpus import importer
    from gongkai.corpus.extract import DUPLICATE, Item, Options, process_chunk

    first = _generated(tmp_path / "a", 3)
    mirror = tmp_path / "b"
    mirror.mkdir()
    for path in first:
        (mirror / path.name).write_bytes(path.read_bytes())
    # In one chunk: the second file of the same content gets its path recorded and nothing else.
    items = [Item(str(p), None, "0:0") for p in (first[0], mirror / first[0].name)]
    out = process_chunk(items, Options())
    assert out["reports"]["error_code"].to_pylist() == [None, DUPLICATE]
    assert set(out["cells"]["seq"].to_pylist()) == {0} and out["files"].num_rows == 2
    digest = hashlib.sha256(first[1].read_bytes()).hexdigest()
    out = process_chunk([Item(str(first[1]), None, "0:0")], Options(), frozenset({digest}))
    assert out["cells"].num_rows == 0 and out["reports"]["error_code"].to_pylist() == [DUPLICATE]
    # In one run, across chunks (one file each): the copies are known by the time they are sent.
    # (Three chunks in flight: the mirror's files are sent once their originals are read; a copy still
    # in flight when its twin is sent is parsed again and dropped by the commit.)
    monkeypatch.setattr(importer, "CHUNK", 1)
    monkeypatch.setattr(importer, "IN_FLIGHT", 3)
    db = str(tmp_path / "d.duckdb")
    summary = import_corpus([str(tmp_path / "a"), str(mirror)], db, jobs=1, show_progress=False)
    assert (summary.read, summary.skipped, summary.copies) == (3, 3, 3)
    # In a later run: the store's contents of the same sizes are known too.
    again = tmp_path / "c"
    again.mkdir()
    for path in first:
        (again / path.name).write_bytes(path.read_bytes())
    summary = import_corpus([str(again)], db, jobs=1, show_progress=False)
    assert (summary.read, summary.skipped, summary.copies) == (0, 3, 3)
    con = duckdb.connect(db, read_only=True)
    assert con.execute("SELECT count(*), count(DISTINCT report_id) FROM files").fetchall() == [(9, 3)]
    assert con.execute("SELECT count(*) FROM reports").fetchall() == [(3,)]
    con.close()


def test_a_table_longer_than_an_excel_sheet_goes_on_several_sheets_and_says_so(real_db, tmp_path, monkeypatch,
                                                                               capsys):
    from gongkai.corpus import export

    monkeypatch.setattr(export, "EXCEL_ROWS", 5_000)
    con = duckdb.connect(real_db, read_only=True)
    cells = con.execute("SELECT count(*), sum(value) FROM cells").fetchall()[0]
    con.close()
    assert main(["corpus", "export", "--db", real_db, "--to", "xlsx", "-o", str(tmp_path)]) == 0
    sheets = pd.read_excel(tmp_path / "corpus.xlsx", sheet_name=None)
    parts = [name for name in sheets if name == "cells" or name.startswith("cells_")]
    assert len(parts) == -(-cells[0] // 5_000) > 1
    whole = pd.concat([sheets[name] for name in parts])
    assert (len(whole), whole["value"].sum()) == (cells[0], pytest.approx(cells[1]))
    said = capsys.readouterr().err
    assert f"cells 表超过 Excel 单个工作表的行数上限（1,048,576 行），已分成 {len(parts)} 个工作表" in said


def test_a_slow_file_and_a_memory_hungry_one_are_failed_with_their_codes_and_the_others_read(tmp_path):
    """Long-lived, bounded workers. Among six good reports, a text of 6,000 seed reports end to end
    (49 MB: more than 2 s of CPU time to read whole on a quiet machine, much of it before any table, and
    ~900 MB of lines and rows) is stopped at a budget of 1 s, with memory to spare (2 GB). Then a
    text of 16 million two-digit lines (48 MB, under the 50 MB size limit: its lines alone need
    ~1 GB) is refused memory beyond 700 MB while it is split into lines, after 0.9–1.3 s of CPU time,
    within a budget of 3 s. Two runs, because no one budget and bound tell the two apart on every
    machine: with the compiled line loops a quiet machine reads the 6,000 seeds in less than the 3 s
    the hungry file needs, and reaches 700 MB first. Both are recorded with the core's codes, the
    runs finish, and the six others are read."""
    import shutil

    from gongkai.corpus.extract import Options

    folder = tmp_path / "in"
    good = _generated(folder, 6)
    seed = sorted((DATA / "seeds").glob("*.txt"))[0].read_bytes()
    (folder / "slow.txt").write_bytes(seed * 6000)
    hungry = tmp_path / "hungry"
    hungry.mkdir()
    (hungry / "hungry.txt").write_bytes(b"12\n" * 16_000_000)
    db = str(tmp_path / "b.duckdb")
    first = import_corpus([str(folder)], db, jobs=2, show_progress=False,
                          options=Options(seconds=1.0, memory_bytes=2048 * 1024 * 1024))
    assert (first.files, first.read, first.failed) == (7, 6, 1)
    second = import_corpus([str(hungry)], db, jobs=2, show_progress=False,
                           options=Options(seconds=3.0, memory_bytes=700 * 1024 * 1024))
    assert (second.files, second.read, second.failed) == (1, 0, 1)
    con = duckdb.connect(db, read_only=True)
    found = con.execute("SELECT path, error_code, error_detail FROM reports").fetchall()
    con.close()
    rows = {path: code for path, code, _ in found}
    details = {path: detail for path, _, detail in found if detail}  # which path decided, for a failure
    assert rows[str(folder / "slow.txt")] == "timeout", details
    assert rows[str(hungry / "hungry.txt")] == "out_of_memory", details
    assert all(rows[str(p)] is None for p in good)
    shutil.rmtree(folder)
    shutil.rmtree(hungry)


def test_workers_are_told_only_the_contents_read_since_what_they_acknowledged(tmp_path, monkeypatch):
    """The hand-over of the contents read before: each task carries the log of (size, sha256) from
    the lowest position a worker has acknowledged; a worker that missed entries (a gap) does not
    claim them, so the next task tells it everything again; a log past its limit starts a new
    epoch, and a worker of the old epoch forgets what it had."""
    import pyarrow as pa

    from gongkai.corpus import importer, store
    from gongkai.corpus.extract import Item

    con = store.connect(str(tmp_path / "s.duckdb"))
    seen = importer._Seen(con)

    def files(*rows):
        return pa.table({"fingerprint": [r[0] for r in rows], "report_id": [r[1] for r in rows]})

    seen.add(files(("10:1", "a"), ("10:2", "b"), ("20:1", "c"), ("10:3", "a")))  # "a" twice: logged once
    assert seen.delta() == (0, 0, ((10, "a"), (10, "b"), (20, "c")))
    one = importer._WorkerSeen()
    assert one.update(seen.delta()) == (0, 3)
    assert one.known([Item("x", None, "10:9")]) == {"a", "b"}  # only the contents of the chunk's sizes
    assert one.known([Item("x", None, "30:9")]) == frozenset()
    seen.ack("one", 0, 3)
    assert seen.delta() == (0, 3, ())  # nothing new since what every worker heard of holds
    seen.add(files(("30:1", "d")))
    assert seen.delta() == (0, 3, ((30, "d"),))
    # A worker that has heard nothing yet gets the tail only: it keeps "d" but acknowledges 0...
    two = importer._WorkerSeen()
    assert two.update(seen.delta()) == (0, 0)
    assert two.known([Item("x", None, "30:9")]) == {"d"}
    seen.ack("two", 0, 0)
    # ...so the next task carries the whole log, and then it holds all 4.
    assert seen.delta() == (0, 0, ((10, "a"), (10, "b"), (20, "c"), (30, "d")))
    assert two.update(seen.delta()) == (0, 4)
    # The stored contents of a chunk's sizes (a run after another) join the log like the run's own.
    assert seen.delta({40: {"f", "e"}})[2][-2:] == ((40, "e"), (40, "f"))
    # Past the limit: a new epoch with only the newest entry; a worker of epoch 0 starts again.
    monkeypatch.setattr(importer._Seen, "LIMIT", 6)
    seen.add(files(("50:1", "g")))
    assert seen.delta() == (1, 0, ((50, "g"),))
    assert two.update(seen.delta()) == (1, 1)
    assert two.known([Item("x", None, "10:1")]) == frozenset() and two.known([Item("x", None, "50:1")]) == {"g"}
    con.close()


def test_the_store_bounds_duckdb_memory_and_spills_beside_the_database(tmp_path):
    """DuckDB's default memory limit is 80 % of RAM (the checks of 100,000 reports took 1.2 GB):
    store.connect sets 128 MB (DuckDB shows 122 MiB: 128·10⁶ bytes) and a temp directory beside the file."""
    from gongkai.corpus import store

    db = str(tmp_path / "m.duckdb")
    con = store.connect(db)
    limit, temp = con.execute("SELECT current_setting('memory_limit'), current_setting('temp_directory')").fetchall()[0]
    con.close()
    assert limit == "122.0 MiB" and temp == db + ".tmp"


def test_a_file_that_killed_its_worker_is_asked_again_of_a_fresh_worker_under_the_same_bounds(tmp_path):
    """``importer._crashed`` (a file alone in the pool killed its worker): a fresh worker process
    reads it with the pool's own bounds, so a file over the memory bound is ``out_of_memory`` and
    one over the CPU-time budget ``timeout``, as a surviving worker records them; a file that reads
    there is ``worker_crashed`` (the crash was elsewhere). Its files row is kept in every case. The
    slow file gets a 1 s budget and memory to spare, the others 2 s and 700 MB: on a quiet machine
    the 6,000 seeds reach 700 MB before 2 s of CPU time (as in the pool's own test above)."""
    import hashlib

    from gongkai.corpus import importer
    from gongkai.corpus.extract import Item, Options

    seed = sorted((DATA / "seeds").glob("*.txt"))[0].read_bytes()
    bounded = Options(seconds=2.0, memory_bytes=700 * 1024 * 1024)
    files = {"slow.txt": (seed * 6000, Options(seconds=1.0, memory_bytes=2048 * 1024 * 1024)),
             "hungry.txt": (b"12\n" * 16_000_000, bounded), "good.txt": (seed, bounded)}
    found = {}
    for name, (data, options) in files.items():
        path = tmp_path / name
        path.write_bytes(data)
        out = importer._crashed(Item(str(path), None, f"{len(data)}:1"), options)
        row = out["reports"].to_pylist()[0]
        found[name] = row["error_code"]
        assert row["report_id"] == hashlib.sha256(data).hexdigest()
        assert out["files"].to_pylist() == [{"seq": 0, "path": str(path), "fingerprint": f"{len(data)}:1",
                                             "report_id": row["report_id"]}]
        assert row["error_message"], row
        path.unlink()
    assert found == {"slow.txt": "timeout", "hungry.txt": "out_of_memory", "good.txt": "worker_crashed"}
