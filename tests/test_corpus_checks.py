"""Corpus checks on a constructed corpus whose every finding is worked out by hand below.

Agencies and years (all 2021 format, rendered by the project's own renderer as Markdown, one as DOCX):
- 朗县人民政府 2021 → 2022: carried out 4, carried in 4 (right): no carry_over.
- 米林县人民政府 2021 → 2022: carried out 5 (natural_person 5, total 5), carried in 3: two carry_over
  warnings on the 2022 report, columns natural_person and total. Licensing decisions 40 → 400: year_jump.
- 工布江达县人民政府 2022 copies its 2021 narrative (numbers changed): copied_previous_year.
- 墨脱县人民政府 2022 (published 2023-01-25) copies 波密县人民政府 2022 (published 2023-01-10),
  names replaced: copied_other_agency on 墨脱 only.
- 朗县人民政府 2022 also published a second, different content later: duplicate_version on it.
- The roster lists 察隅县人民政府 from 2021 (never published: missing 2021 and 2022), says 林芝市人民政府
  sums 朗县 and 米林县 (its 2022 report says 27 new applications; 12 + 14 = 26: aggregate_mismatch), and
  does not list 某某县测试局 (not_in_roster).
"""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import duckdb
import pytest
from bench.corpus_data import narrative, rendered, report

from gongkai.cli import main
from gongkai.corpus import agency, import_corpus

ROSTER = """agency,parent,level,region,expected_from,aggregate
林芝市人民政府,,city,林芝市,2021,yes
西藏自治区林芝市朗县人民政府,林芝市人民政府,county,林芝市,2021,
米林县人民政府,林芝市人民政府,county,林芝市,2021,
工布江达县人民政府,,county,林芝市,2021,
墨脱县人民政府,,county,林芝市,2021,
波密县人民政府,,county,林芝市,2021,
察隅县人民政府,,county,林芝市,2021,
"""


def _write(folder: Path, name: str, doc: dict, kind: str = "md") -> None:
    (folder / f"{name}.{kind}").write_bytes(rendered(doc, kind))


def build(folder: Path) -> Path:
    rng = random.Random(15)
    folder.mkdir(parents=True, exist_ok=True)
    _write(folder, "lang-2021", report("朗县人民政府", 2021, new=9, carried_out=4, sections=narrative(rng)))
    _write(folder, "lang-2022", report("朗县人民政府", 2022, new=12, carried_in=4, sections=narrative(rng),
                                       published=date(2023, 1, 12)))
    _write(folder, "lang-2022-v2", report("朗县人民政府", 2022, new=12, carried_in=4, carried_out=1,
                                          sections=narrative(rng), published=date(2023, 1, 20)))
    _write(folder, "milin-2021", report("米林县政府", 2021, new=20, carried_out=5, licensing=40,
                                        sections=narrative(rng)))
    _write(folder, "milin-2022", report("米林县人民政府", 2022, new=14, carried_in=3, licensing=400,
                                        sections=narrative(rng)), "docx")
    gongbu = narrative(rng)
    _write(folder, "gongbu-2021", report("工布江达县人民政府", 2021, new=6, sections=gongbu))
    copied = {n: t.replace("次", "回") if n != 1 else t.replace("全年共3", "全年共4") for n, t in gongbu.items()}
    copied = {n: "".join(ch if not ch.isdigit() else str((int(ch) + 1) % 10) for ch in t) for n, t in copied.items()}
    _write(folder, "gongbu-2022", report("工布江达县人民政府", 2022, new=7, sections=copied))
    bomi = narrative(rng)
    bomi[1] = "波密县人民政府" + bomi[1]
    _write(folder, "bomi-2022", report("波密县人民政府", 2022, new=3, sections=bomi, published=date(2023, 1, 10)))
    motuo = {n: t.replace("波密县人民政府", "墨脱县人民政府") for n, t in bomi.items()}
    _write(folder, "motuo-2022", report("墨脱县人民政府", 2022, new=2, sections=motuo, published=date(2023, 1, 25)))
    _write(folder, "linzhi-2022", report("林芝市人民政府", 2022, new=27, sections=narrative(rng)))
    _write(folder, "test-2022", report("某某县测试局", 2022, new=1, sections=narrative(rng)))
    return folder


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory) -> duckdb.DuckDBPyConnection:
    root = tmp_path_factory.mktemp("corpus")
    folder = build(root / "reports")
    (root / "roster.csv").write_text(ROSTER, encoding="utf-8")
    db = str(root / "corpus.duckdb")
    summary = import_corpus([str(folder)], db, jobs=2, roster=str(root / "roster.csv"), show_progress=False)
    assert (summary.read, summary.failed) == (11, 0)
    con = duckdb.connect(db, read_only=True)
    yield con
    con.close()


def _corpus_findings(con) -> set[tuple]:
    rows = con.execute("""SELECT regexp_extract(r.path, '([^/]+)\\.\\w+$', 1), f.rule, f.severity, f.cells
                          FROM findings f JOIN reports r USING (report_id) WHERE f.scope = 'corpus'""").fetchall()
    return set(rows)


def test_it_finds_exactly_the_corpus_findings_worked_out_by_hand(corpus_db):
    assert _corpus_findings(corpus_db) == {
        ("milin-2022", "carry_over", "warning", "applications.carried_in.natural_person"),
        ("milin-2022", "carry_over", "warning", "applications.carried_in.total"),
        ("milin-2022", "year_jump", "info", "proactive.licensing.decisions"),
        ("gongbu-2022", "copied_previous_year", "warning", ""),
        ("motuo-2022", "copied_other_agency", "warning", ""),
        ("lang-2022-v2", "duplicate_version", "warning", ""),
        ("linzhi-2022", "aggregate_mismatch", "warning", "applications.new.total"),
        ("linzhi-2022", "aggregate_mismatch", "warning", "applications.total.total"),
        ("test-2022", "not_in_roster", "info", ""),
    }


def test_carry_over_names_both_numbers_and_last_years_report(corpus_db):
    (message,) = corpus_db.execute("""SELECT f.message FROM findings f JOIN reports r USING (report_id)
        WHERE f.rule = 'carry_over' AND f.cells LIKE '%natural_person'""").fetchall()[0:1]
    assert "为 3" in message[0] and "的 5 不一致" in message[0] and "milin-2021.md" in message[0]


def test_agencies_are_the_same_across_years_and_matched_to_the_roster(corpus_db):
    rows = dict(corpus_db.execute("""SELECT regexp_extract(path, '([^/]+)\\.\\w+$', 1), agency
                                     FROM reports""").fetchall())
    assert rows["milin-2021"] == rows["milin-2022"] == "米林县人民政府"  # 米林县政府 in 2021
    assert rows["lang-2021"] == "西藏自治区林芝市朗县人民政府"  # the roster's longer name
    assert rows["test-2022"] == "某某县测试局"


def test_the_later_version_is_current_and_numbered(corpus_db):
    rows = corpus_db.execute("""SELECT regexp_extract(path, '([^/]+)\\.\\w+$', 1), version, is_current
                                FROM reports WHERE path LIKE '%lang-2022%' ORDER BY 1""").fetchall()
    assert rows == [("lang-2022", 1, False), ("lang-2022-v2", 2, True)]


def test_missing_reports_come_from_the_roster(corpus_db):
    assert set(corpus_db.execute("SELECT agency, year FROM missing").fetchall()) == {
        ("察隅县人民政府", 2021), ("察隅县人民政府", 2022), ("林芝市人民政府", 2021), ("墨脱县人民政府", 2021),
        ("波密县人民政府", 2021)}


def test_copy_pairs_carry_a_score_and_the_shared_sentences(corpus_db):
    rows = corpus_db.execute("""
        SELECT regexp_extract(a.path, '([^/]+)\\.\\w+$', 1), regexp_extract(b.path, '([^/]+)\\.\\w+$', 1),
               p.relation, p.score, p.passages
        FROM copy_pairs p JOIN reports a ON a.report_id = p.report_id JOIN reports b ON b.report_id = p.other_report_id
        ORDER BY 1""").fetchall()
    assert [r[:3] for r in rows] == [("gongbu-2022", "gongbu-2021", "previous_year"),
                                     ("motuo-2022", "bomi-2022", "same_year")]
    for *_, score, passages in rows:
        assert 0.8 <= score <= 1.0
        assert len(passages.split("\n")) >= 3


def test_stats_by_year_add_up_the_current_reports(corpus_db):
    from gongkai.corpus.stats import stats

    by_year = {row["year"]: row for row in stats(corpus_db, "year")}
    # 2021: 朗县 9, 米林 20, 工布江达 6.
    # 2022 current: 朗县 v2 12, 米林 14, 工布江达 7, 波密 3, 墨脱 2, 林芝 27, 测试局 1.
    assert by_year[2021]["new"] == 35 and by_year[2021]["reports"] == 3
    assert by_year[2022]["new"] == 66 and by_year[2022]["reports"] == 7
    # 2022 closed: 12+4-1, 14+3, 7, 3, 2, 27, 1 = 72, all granted.
    assert by_year[2022]["total"] == 72 and by_year[2022]["disclosed_rate"] == 1.0
    assert by_year[2021]["disclosed_rate"] is None  # 5 + 15 + 6 = 26 closed: too few to give a share


def test_the_similar_command_lists_the_pairs(corpus_db, capsys):
    path = corpus_db.execute("SELECT file FROM pragma_database_list WHERE name = current_database()").fetchall()[0][0]
    assert main(["corpus", "similar", "--db", path]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].endswith("）") and "与往年雷同" in "\n".join(out) and "与其他单位雷同" in "\n".join(out)


@pytest.mark.parametrize(("written", "key"), [
    ("朗县", "朗县人民政府"),
    ("鶴城區政府", "鹤城区人民政府"),
    ("鹤城区 人民政府（本级）", "鹤城区人民政府"),
    ("鹤城区人民政府办公室", "鹤城区人民政府办公室"),  # the office is an agency of its own
    ("某某经济开发区", "某某经济开发区"),  # a 管委会, not a 人民政府
    ("ＸＸ街道", "XX街道办事处"),
    ("湖南省怀化市鹤城区人民政府", "湖南省怀化市鹤城区人民政府"),  # prefixes are the roster's business
])
def test_the_agency_normaliser_folds_only_what_never_changes_the_body(written, key):
    assert agency.normalise(written) == key


def test_publication_deadlines_come_from_the_roster_then_the_levels_given_then_the_law(tmp_path):
    """Three 2022 reports (statutory deadlines: township 2023-01-31, government 2023-03-31):
    - 金城镇 (township) published 2023-02-20: late by law; its roster deadline 02-28 says on time.
    - 米林县 (government) published 2023-03-10: on time by law; its roster deadline 02-28 says late.
    - 银山镇 (township, no deadline of its own) published 2023-02-20: late by law and by
      ``--deadline township=02-10``, on time with ``township=02-25``.
    """
    folder = tmp_path / "in"
    folder.mkdir()
    for name, issuer, published in (("jin", "金城镇人民政府", date(2023, 2, 20)),
                                    ("milin", "米林县人民政府", date(2023, 3, 10)),
                                    ("yin", "银山镇人民政府", date(2023, 2, 20))):
        _write(folder, name, report(issuer, 2022, published=published))
    roster = tmp_path / "roster.csv"
    roster.write_text("agency,parent,level,region,expected_from,deadline\n"
                      "金城镇人民政府,,township,某县,2022,02-28\n"
                      "米林县人民政府,,county,林芝市,2022,02-28\n"
                      "银山镇人民政府,,township,某县,2022,\n", encoding="utf-8")
    db = str(tmp_path / "d.duckdb")

    def late() -> dict[str, tuple[str, str]]:
        con = duckdb.connect(db, read_only=True)
        try:
            return {regexp: (severity, message) for regexp, severity, message in con.execute(
                """SELECT regexp_extract(r.path, '([^/]+)\\.md$', 1), f.severity, f.message FROM findings f
                   JOIN reports r USING (report_id) WHERE f.rule = 'late_publication'""").fetchall()}
        finally:
            con.close()

    import_corpus([str(folder)], db, jobs=1, show_progress=False)  # no roster: the law
    assert {k: v[0] for k, v in late().items()} == {"jin": "warning", "yin": "warning"}
    assert main(["corpus", "check", "--db", db, "--roster", str(roster), "--deadline", "township=02-10"]) == 0
    found = late()
    assert {k: v[0] for k, v in found.items()} == {"milin": "error", "yin": "warning"}
    assert "晚于名录规定的本机关年度报告公布期限 2023-02-28" in found["milin"][1]
    assert "2023-02-10" in found["yin"][1]
    assert main(["corpus", "check", "--db", db]) == 0  # the roster and the deadlines given are kept
    assert set(late()) == {"milin", "yin"}
    assert main(["corpus", "check", "--db", db, "--deadline", "township=02-25"]) == 0
    assert set(late()) == {"milin"}


def test_a_roster_deadline_that_is_no_date_is_refused_with_its_line(tmp_path, capsys):
    roster = tmp_path / "roster.csv"
    roster.write_text("agency,parent,level,region,expected_from,deadline\n金城镇人民政府,,township,某县,2022,2-30\n",
                      encoding="utf-8")
    db = str(tmp_path / "d.duckdb")
    assert main(["corpus", "check", "--db", db, "--roster", str(roster)]) == 1
    assert "第 2 行" in capsys.readouterr().err


def test_a_template_copied_word_for_word_by_thousands_is_paired_without_comparing_them_all(monkeypatch):
    """2,000 agencies of one year with one and the same narrative (one signature), and 2 with that
    narrative plus a sentence of their own: each report is paired with its 3 closest of a larger id,
    found with a handful of MinHash comparisons (one per pair of signatures), not 2 million."""
    from bench.corpus_data import SENTENCES

    from gongkai.corpus import narrative, similar

    text = "。".join(SENTENCES[:8]) + "。"
    same = narrative.signature(narrative.clean(text))
    edited = narrative.signature(narrative.clean(text + SENTENCES[9] + "。"))
    docs = [similar.Doc(f"a{i:04d}", f"机关{i}", 2022, f"/r/{i}.md", None, None, same) for i in range(2000)]
    docs += [similar.Doc(f"b{i}", f"他机关{i}", 2022, f"/s/{i}.md", None, None, edited) for i in range(2)]
    calls = []
    estimate = similar._estimate
    monkeypatch.setattr(similar, "_estimate", lambda a, b: calls.append(1) or estimate(a, b))
    found = [(d.report_id, o.report_id) for d, o, _ in similar._same_year(docs)]
    assert len(calls) <= 4
    by_report: dict[str, list[str]] = {}
    for d, o in found:
        by_report.setdefault(d, []).append(o)
    assert by_report["a0000"] == ["a0001", "a0002", "a0003"]
    # The last copies have fewer larger ids in their cluster and take the edited ones next.
    assert by_report["a1998"] == ["a1999", "b0", "b1"] and by_report["a1999"] == ["b0", "b1"]
    assert by_report["b0"] == ["b1"] and len(found) == 3 * 1998 + 3 + 2 + 1


def test_the_vectorised_signature_is_what_datasketch_update_batch_gives():
    """``narrative.signature`` computes datasketch's affine32 MinHash in one numpy product; fed the
    same 5-gram hashes, datasketch's own ``update_batch`` must give the same 64 values, whatever the
    text's length (80 characters: the shortest compared; 79: none), and the hashes of a 5-gram must
    not depend on where it is: a text and the same text twice share every 5-gram but the 4 across the
    seam, so their signatures agree on most of the 64 values."""
    from bench.corpus_data import SENTENCES

    from gongkai.corpus import narrative

    rng = random.Random(5)
    for length in (80, 81, 300, 1318, 6000):
        text = "".join(rng.choice("".join(SENTENCES)) for _ in range(length))
        assert narrative.signature(text) == narrative.signature_by_datasketch(text) is not None
    assert narrative.signature("甲" * 79) is None and narrative.signature_by_datasketch("甲" * 79) is None
    # 5-grams of "甲乙丙丁戊己" (6 characters): 2 positions; "甲乙丙丁戊己甲乙丙丁戊己": 8 positions, the
    # same 2 grams again plus 4 across the seam: 6 distinct. The hashes of the first 2 recur at 6 and 7.
    once = narrative.shingles("甲乙丙丁戊己")
    twice = narrative.shingles("甲乙丙丁戊己甲乙丙丁戊己")
    assert len(once) == 2 and len(twice) == 8 and list(twice[6:]) == list(once) and len(set(twice.tolist())) == 6
    assert len(narrative.shingles("甲乙丙丁")) == 0
    # The hash is the code points weighted by fixed constants modulo 2³²: "\0\0\0\0\1" hashes to the last.
    assert narrative.shingles("\0\0\0\0\1").tolist() == [0x165667B1]


def test_nfkc_by_character_is_unicode_nfkc():
    """The per-character NFKC shortcut gives exactly ``unicodedata.normalize`` on what it is meant
    for (full-width punctuation and digits, Kangxi radicals, CJK compatibility ideographs, circled
    numbers) and on what it cannot map alone (a combining accent after a letter composes with it;
    Hangul jamo compose into a syllable)."""
    import unicodedata

    from gongkai.corpus import narrative

    cases = {
        "本机关，２０２１年（一）": "本机关,2021年(一)",  # full-width comma, digits and brackets
        "⼀⼆": "一二",  # Kangxi radicals U+2F00, U+2F06 as PDF text often has them
        "①項": "1項",  # circled digit one
        "\uf900": "\u8c48",  # CJK compatibility ideograph 豈 → the unified one
        "e\u0301": "\u00e9",  # e + combining acute → é: composed across two characters
        "\u1100\u1161": "\uac00",  # jamo ᄀ + ᅡ → 가
        "已是NFKC的文字": "已是NFKC的文字",
    }
    for text, expected in cases.items():
        assert narrative._nfkc(text) == expected == unicodedata.normalize("NFKC", text)
    rng = random.Random(9)
    ranges = ((0x20, 0x180), (0x300, 0x370), (0x1100, 0x1176), (0x2460, 0x24FF), (0x2F00, 0x2FD6), (0x3000, 0x3100),
              (0xF900, 0xFA6E), (0xFF00, 0xFFEF), (0x4E00, 0x4F00))
    pool = [chr(c) for start, end in ranges for c in range(start, end)]
    for _ in range(2000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(1, 30)))
        assert narrative._nfkc(text) == unicodedata.normalize("NFKC", text)


def test_signatures_of_an_older_hash_are_recomputed_on_the_next_import(tmp_path):
    """A store whose signatures were made with another 5-gram hash (no ``signature_scheme`` in meta,
    as before this version) gets them recomputed from its narratives by the next import, equal to
    those a fresh import computes; a store of this version is left alone."""
    from gongkai.corpus import narrative, store

    folder = tmp_path / "in"
    folder.mkdir()
    rng = random.Random(4)
    for i in range(3):
        doc = report(f"测试{'甲乙丙'[i]}县人民政府", 2022, sections=narrative_sections(rng))
        (folder / f"{i}.md").write_bytes(rendered(doc))
    db = str(tmp_path / "s.duckdb")
    import_corpus([str(folder)], db, jobs=1, show_progress=False)
    con = duckdb.connect(db)
    fresh = sorted(con.execute("SELECT report_id, chars, minhash FROM signatures").fetchall())
    assert len(fresh) == 3, con.execute("SELECT error_detail FROM reports").fetchall()
    assert store.meta(con, "signature_scheme") == narrative.HASH_SCHEME
    # As an older version left it: other values, no scheme recorded.
    con.execute("UPDATE signatures SET minhash = repeat('\\x00', 256)::BLOB")
    con.execute("DELETE FROM meta WHERE key = 'signature_scheme'")
    assert store.refresh_signatures(con) == 3
    assert sorted(con.execute("SELECT report_id, chars, minhash FROM signatures").fetchall()) == fresh
    assert store.refresh_signatures(con) == 0  # this version's: nothing to do
    con.close()


def narrative_sections(rng):
    return narrative(rng)


def test_numpy_banding_finds_the_candidates_datasketch_minhashlsh_finds():
    """``similar.band_pairs`` replaces datasketch's MinHashLSH (dictionaries of byte strings, ~1 GB
    for 100,000 signatures) by sorting each band. On 300 signatures, 60 families of a base and 4
    variants with 10 to 50 of their 64 values changed (some variants share a whole band with their
    base, some share none), plus 20 signatures equal to another, the pairs must be those that
    MinHashLSH's query returns for every inserted signature, and each pair once."""
    import numpy as np
    from datasketch import MinHashLSH

    from gongkai.corpus import narrative, similar

    rng = np.random.default_rng(7)
    rows = []
    for _ in range(60):
        base = rng.integers(0, 2**32, narrative.NUM_PERM, dtype=np.uint64).astype(np.uint32)
        rows.append(base)
        for changed in (10, 20, 35, 50):
            variant = base.copy()
            where = rng.choice(narrative.NUM_PERM, changed, replace=False)
            variant[where] = rng.integers(0, 2**32, changed, dtype=np.uint64).astype(np.uint32)
            rows.append(variant)
    rows += [rows[i].copy() for i in rng.choice(len(rows), 20, replace=False)]
    signatures = np.stack(rows)
    lsh = MinHashLSH(threshold=similar.CANDIDATE, num_perm=narrative.NUM_PERM)
    for i, row in enumerate(signatures):
        lsh.insert(i, narrative.minhash_of(row.tobytes()))
    expected = sorted({(min(i, j), max(i, j)) for i, row in enumerate(signatures)
                       for j in lsh.query(narrative.minhash_of(row.tobytes())) if j != i})
    found = similar.band_pairs(signatures)
    assert [tuple(p) for p in found.tolist()] == expected
    # The set is not trivial: the 20 equal copies alone give 20 pairs, the families many more, and
    # most of the 300 × 299 / 2 = 44,850 pairs are no candidates.
    assert 20 + 60 < len(expected) < 2_000
    assert similar.band_pairs(signatures[:0]).shape == (0, 2)


def test_the_minhash_ingredients_equal_datasketch_and_the_import_path_does_not_load_it():
    """The finalizer, the seeded permutations and the LSH bands are written in narrative/similar so that
    neither the importing process nor a worker imports datasketch (which loads scipy, ~70 MB each):
    each must equal datasketch's own, and the modules of an import and a check must not load it."""
    import subprocess
    import sys

    import numpy as np
    from datasketch import MinHash, MinHashLSH
    from datasketch.minhash import _fmix

    from gongkai.corpus import narrative, similar

    values = np.random.default_rng(3).integers(0, 2**32, 10_000, dtype=np.uint64).astype(np.uint32)
    assert np.array_equal(narrative.fmix32(values), _fmix(values, 32))
    reference = MinHash(num_perm=narrative.NUM_PERM, seed=narrative.SEED, scheme=narrative.SCHEME).permutations
    assert reference.dtype == np.uint32 and np.array_equal(narrative._permutations(), reference)
    lsh = MinHashLSH(threshold=similar.CANDIDATE, num_perm=narrative.NUM_PERM)
    assert list(similar._bands()) == [tuple(r) for r in lsh.hashranges]
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, gongkai.corpus.importer, gongkai.corpus.checks, gongkai.corpus.extract; "
         "print(sorted(m for m in ('datasketch', 'scipy') if m in sys.modules))"],
        capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == "[]"
