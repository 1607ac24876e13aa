"""``gongkai parse`` and ``gongkai check`` (CONTRACT.md)."""

from __future__ import annotations

import argparse
import json
import logging
import sys

from ..report import ReportError, ValidationConfig, check, error_json, parse_file, report_json
from ..report.display import render_report
from ..report.messages import CLI
from ..report.model import Source
from ..report.source import UNTRUSTED
from ..report.validate import Deadlines

log = logging.getLogger("gongkai")


def _month_day(text: str) -> tuple[int, int]:
    try:
        month, day = (int(p) for p in text.split("-"))
        if not (1 <= month <= 12 and 1 <= day <= 31):
            raise ValueError
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected MM-DD, got {text!r}") from None
    return month, day


def _deadline(text: str) -> tuple[str, tuple[int, int]]:
    level, sep, when = text.partition("=")
    if not sep or level not in ("government", "department", "township"):
        raise argparse.ArgumentTypeError("expected LEVEL=MM-DD with LEVEL government, department or township")
    return level, _month_day(when)


def register(sub: argparse._SubParsersAction) -> None:
    for name, help_text in (("parse", "读取年度报告并输出统计表"), ("check", "读取并检查年度报告")):
        p = sub.add_parser(name, help=help_text)
        p.add_argument("files", nargs="+", metavar="FILE")
        p.add_argument("--json", action="store_true", help="每个文件输出一行 JSON（JSON Lines）")
        p.add_argument("--provenance", action="store_true", help="在 JSON 中附上每个单元格的原文和位置")
        if name == "check":
            p.add_argument(
                "--deadline", action="append", type=_deadline, default=[], metavar="LEVEL=MM-DD",
                help="公布期限：government（默认 03-31）、department（01-31）、township（01-31）",
            )
        p.set_defaults(func=run)


def _config(args: argparse.Namespace) -> ValidationConfig:
    overrides = dict(getattr(args, "deadline", []) or [])
    return ValidationConfig(Deadlines(**overrides)) if overrides else ValidationConfig()


def run(args: argparse.Namespace, out=None) -> int:
    out = out or sys.stdout
    validating = args.command == "check"
    config = _config(args)
    failed = errors = warnings = 0
    for path in args.files:
        try:
            report = parse_file(path, UNTRUSTED)  # files from outside: in a bounded child process
            if validating:
                report = check(report, config)
        except ReportError as exc:
            failed += 1
            log.warning("%s: %s", exc.code, exc.detail)
            _emit_error(out, args.json, Source(path), exc)
            continue
        except Exception as exc:  # one broken file must not stop the others
            failed += 1
            log.exception("internal error while reading %s", path)
            err = ReportError("parse_failed", f"{path}: {type(exc).__name__}: {exc}", name=path)
            _emit_error(out, args.json, Source(path), err)
            continue
        errors += sum(f.severity == "error" for f in report.findings)
        warnings += sum(f.severity == "warning" for f in report.findings)
        if args.json:
            print(json.dumps(report_json(report, args.provenance), ensure_ascii=False), file=out, flush=True)
        else:
            print(render_report(report, validating) + "\n", file=out, flush=True)
    if not args.json and len(args.files) > 1:
        ok = len(args.files) - failed
        print(CLI["summary"].format(files=len(args.files), ok=ok, failed=failed, errors=errors, warnings=warnings),
              file=out)
    if failed or (validating and errors):
        return 1
    return 0


def _emit_error(out, as_json: bool, source: Source, exc: ReportError) -> None:
    if as_json:
        print(json.dumps(error_json(source, exc), ensure_ascii=False), file=out, flush=True)
    else:
        print(f"{CLI['error_line']}：{source.path}：{exc.message}\n", file=out, flush=True)
