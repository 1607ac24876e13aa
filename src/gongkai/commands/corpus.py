"""``gongkai corpus import|check|export|similar|stats|report`` (CONTRACT.md "The corpus").

The corpus package (DuckDB, pyarrow, datasketch) is imported only when a corpus command runs, so
``gongkai parse`` starts as fast as before. Exit status: 0 when the command completed (whatever the
files held), 1 when it could not (database, roster or cluster unusable), 2 for a usage error.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys

from .report import _deadline

log = logging.getLogger("gongkai")


def register(sub: argparse._SubParsersAction) -> None:
    corpus = sub.add_parser("corpus", help="批量导入、检查和统计年度报告（DuckDB 数据库）")
    commands = corpus.add_subparsers(dest="corpus_command", required=True)

    p = commands.add_parser("import", help="导入文件夹、压缩包或文件清单中的全部年度报告")
    p.add_argument("paths", nargs="*", metavar="PATH", help="文件、文件夹（含子文件夹）或 zip 压缩包")
    _db(p)
    p.add_argument("--files-from", metavar="LIST", help="文件清单：每行一个路径（UTF-8）")
    p.add_argument("--jobs", type=_positive, metavar="N", help="并行进程数（默认：全部 CPU 核）")
    p.add_argument("--scheduler", metavar="ADDRESS", help="在 Dask 集群上导入，例如 tcp://10.0.0.1:8786")
    p.add_argument("--roster", metavar="CSV", help="机关名录（agency, parent, level, region, expected_from）")
    _deadlines(p)
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="显示进度条（默认：仅在终端上显示）")
    p.set_defaults(func=run_import)

    p = commands.add_parser("check", help="重新进行跨年度、跨单位检查（可换用新的名录）")
    _db(p)
    p.add_argument("--roster", metavar="CSV", help="机关名录 CSV（不给出则沿用上次导入的名录）")
    _deadlines(p)
    p.add_argument("--threshold", type=_share, default=None, metavar="X", help="雷同判定的相似度下限（默认 0.8）")
    p.add_argument("--json", action="store_true", help="每条检查结果输出一行 JSON")
    p.set_defaults(func=run_check)

    p = commands.add_parser("export", help="把数据库的全部表导出为 CSV、XLSX、Parquet 或 Stata 118")
    _db(p)
    p.add_argument("--to", required=True, choices=("csv", "xlsx", "parquet", "dta"), help="导出格式")
    p.add_argument("-o", "--output", required=True, metavar="DIR", help="输出文件夹")
    p.set_defaults(func=run_export)

    p = commands.add_parser("similar", help="列出疑似雷同的报告（与往年或与其他单位）")
    _db(p)
    p.add_argument("--json", action="store_true", help="每对报告输出一行 JSON")
    p.set_defaults(func=run_similar)

    p = commands.add_parser("stats", help="按年度、地区、层级或机关汇总统计")
    _db(p)
    p.add_argument("--by", choices=("year", "region", "level", "agency"), default="year", help="分组方式")
    p.add_argument("--json", action="store_true", help="每组输出一行 JSON")
    p.add_argument("-o", "--output", metavar="FILE.csv", help="同时写入 CSV 文件")
    p.set_defaults(func=run_stats)

    p = commands.add_parser("report", help="生成离线可看的汇总分析网页（图表内嵌，不加载网络资源）")
    _db(p)
    p.add_argument("-o", "--output", required=True, metavar="DIR", help="输出文件夹（写入 index.html 和 data.json）")
    p.set_defaults(func=run_report)


def _deadlines(p: argparse.ArgumentParser) -> None:
    p.add_argument("--deadline", action="append", type=_deadline, default=[], metavar="LEVEL=MM-DD",
                   help="公布期限：government（默认 03-31）、department（01-31）、township（01-31）；"
                        "不给出则沿用上次给出的；名录的 deadline 列优先")


def _db(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", required=True, metavar="FILE", help="DuckDB 数据库文件（不存在时新建）")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"应为正整数，收到 {text!r}")
    return value


def _share(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 < value <= 1:
        raise argparse.ArgumentTypeError(f"应为 0 到 1 之间的小数，收到 {text!r}")
    return value


def _fail(message: str, detail: object) -> int:
    log.info("%s", detail)
    print(message, file=sys.stderr)
    return 1


def run_import(args: argparse.Namespace) -> int:
    from ..corpus import import_corpus
    from ..corpus.extract import Options
    from ..corpus.messages import ERRORS, PROGRESS
    from ..corpus.roster import RosterError
    from ..corpus.store import NewerDatabase

    if not args.paths and not args.files_from:
        print(ERRORS["no_input"], file=sys.stderr)
        return 2
    if args.files_from:
        try:
            open(args.files_from, "rb").close()
        except OSError as exc:
            print(ERRORS["list_unreadable"].format(path=args.files_from, reason=exc.strerror), file=sys.stderr)
            return 2
    try:
        summary = import_corpus(args.paths, args.db, files_from=args.files_from, jobs=args.jobs,
                                scheduler=args.scheduler, options=Options(), show_progress=args.progress,
                                roster=args.roster, deadlines=dict(args.deadline) if args.deadline else None)
    except RosterError as exc:
        return _fail(exc.message, exc)
    except NewerDatabase as exc:
        return _fail(ERRORS["db_newer"].format(path=args.db, found=exc.found, supported=exc.args), exc)
    except OSError as exc:
        if args.scheduler:
            return _fail(ERRORS["scheduler"].format(address=args.scheduler, reason=exc), exc)
        raise
    except Exception as exc:
        if type(exc).__module__.startswith("duckdb") or type(exc).__module__.startswith("_duckdb"):
            return _fail(ERRORS["db_unreadable"].format(path=args.db, reason=exc), exc)
        raise
    print(PROGRESS["done"].format(total=summary.files, read=summary.read, failed=summary.failed,
                                  not_reports=summary.not_reports, skipped=summary.skipped, db=args.db),
          file=sys.stderr)
    print(PROGRESS["checked"].format(**summary.checks), file=sys.stderr)
    return 0


def run_check(args: argparse.Namespace) -> int:
    from ..corpus import checks, similar, store
    from ..corpus.messages import PROGRESS
    from ..corpus.roster import RosterError

    con = store.connect(args.db)
    try:
        counts = checks.run(con, args.roster, args.threshold or similar.THRESHOLD,
                            dict(args.deadline) if args.deadline else None)
        rows = con.execute("""SELECT r.path, f.rule, f.severity, f.message, f.cells FROM findings f
                              JOIN reports r USING (report_id) WHERE f.scope = 'corpus'
                              ORDER BY r.path, f.rule, f.cells, f.message""").fetchall()
        missing = con.execute("SELECT agency, year, message FROM missing ORDER BY agency, year").fetchall()
    except RosterError as exc:
        return _fail(exc.message, exc)
    finally:
        con.close()
    for path, rule, severity, message, cells in rows:
        if args.json:
            print(json.dumps({"path": path, "rule": rule, "severity": severity, "message": message,
                              "cells": cells.split(",") if cells else []}, ensure_ascii=False))
        else:
            print(f"{path}：[{rule}] {message}")
    for agency, year, message in missing:
        if args.json:
            print(json.dumps({"agency": agency, "year": year, "rule": "missing_report", "message": message},
                             ensure_ascii=False))
        else:
            print(message)
    print(PROGRESS["checked"].format(**counts), file=sys.stderr)
    return 0


def run_export(args: argparse.Namespace) -> int:
    from ..corpus.export import export, split_tables
    from ..corpus.messages import EXPORT

    for path in export(args.db, args.to, args.output):
        print(path)
    if args.to == "xlsx":
        for table, sheets in split_tables(args.db).items():
            print(EXPORT["xlsx_split"].format(table=table, sheets=sheets), file=sys.stderr)
    return 0


def run_similar(args: argparse.Namespace) -> int:
    from ..corpus import store

    con = store.connect(args.db, read_only=True)
    try:
        rows = con.execute("""
            SELECT p.relation, p.score, a.path, a.agency, a.year, b.path, b.agency, b.year, p.passages
            FROM copy_pairs p JOIN reports a ON a.report_id = p.report_id
            JOIN reports b ON b.report_id = p.other_report_id
            ORDER BY p.score DESC, a.path, b.path""").fetchall()
    finally:
        con.close()
    for relation, score, path, agency, year, other_path, other_agency, other_year, passages in rows:
        shared = [s for s in (passages or "").split("\n") if s]
        if args.json:
            print(json.dumps({"relation": relation, "score": score,
                              "report": {"path": path, "agency": agency, "year": year},
                              "other": {"path": other_path, "agency": other_agency, "year": other_year},
                              "passages": shared}, ensure_ascii=False))
            continue
        kind = "与往年雷同" if relation == "previous_year" else "与其他单位雷同"
        print(f"{score:.0%}  {kind}：{path}（{agency}，{year}）← {other_path}（{other_agency}，{other_year}）")
        for sentence in shared[:5]:
            print(f"    “{sentence}”")
    return 0


def run_stats(args: argparse.Namespace) -> int:
    from ..corpus import store
    from ..corpus.messages import STATS
    from ..corpus.stats import COLUMNS, stats

    con = store.connect(args.db, read_only=True)
    try:
        rows = stats(con, args.by)
    finally:
        con.close()
    if args.output:
        import csv

        with open(args.output, "w", newline="", encoding="utf-8-sig") as fh:
            writer = csv.DictWriter(fh, fieldnames=[args.by, *COLUMNS])
            writer.writeheader()
            writer.writerows(rows)
    if args.json:
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))
        return 0
    print("\t".join([args.by, *(STATS[c] for c in COLUMNS)]))
    for row in rows:
        print("\t".join([_text(row[args.by]), *(_text(row[c], c) for c in COLUMNS)]))
    return 0


def run_report(args: argparse.Namespace) -> int:
    from ..corpus import page

    print(page.write(args.db, args.output))
    return 0


def _text(value, column: str = "") -> str:
    if value is None:
        return "—"
    if column.endswith("_rate"):
        return f"{value:.1%}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
