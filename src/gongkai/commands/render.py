"""``gongkai render FILE.json --to docx|html|md|pdf [-o OUT] [--allow-errors]``.

Why it refuses by default: the output is what an agency publishes, so a report whose validation
finds errors is not written unless the clerk says so (``--allow-errors``); either way the errors
are listed in Chinese on standard error. Exit status: 0 written, 1 refused or unreadable, 2 usage.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys

from ..report.errors import RenderError
from ..report.load import load_report
from ..report.messages import RENDER, SEVERITY
from ..report.model import Finding
from ..report.render import KINDS, SUFFIXES, blocking_findings, render

log = logging.getLogger("gongkai")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("render", help="按国家规定的格式生成年度报告（Word、网页、Markdown、PDF）")
    p.add_argument("file", metavar="FILE.json", help="gongkai parse --json 输出的报告 JSON")
    p.add_argument("--to", required=True, choices=KINDS, help="输出格式")
    p.add_argument("-o", "--output", metavar="OUT", help="输出文件（默认与输入同名，扩展名按格式；- 表示标准输出）")
    p.add_argument("--allow-errors", action="store_true", help="报告有错误时仍然生成（错误仍会列出）")
    p.set_defaults(func=run)


def _print_findings(findings: list[Finding] | tuple[Finding, ...], err) -> None:
    for f in findings:
        print(f"  [{SEVERITY[f.severity]}] {f.message}", file=err)


def _output_path(args: argparse.Namespace) -> str:
    if args.output:
        return args.output
    stem, _ = os.path.splitext(args.file)
    return stem + SUFFIXES[args.to]


def run(args: argparse.Namespace, out=None, err=None) -> int:
    err = err or sys.stderr
    try:
        report = load_report(args.file)
        errors = blocking_findings(report)
        if errors and args.allow_errors:
            print(RENDER["allowed"].format(count=len(errors)), file=err)
            _print_findings(errors, err)
        data = render(report, args.to, allow_errors=args.allow_errors)
    except RenderError as exc:
        log.info("%s: %s", exc.code, exc.detail)
        print(exc.message, file=err)
        _print_findings(exc.findings, err)
        return 1
    target = _output_path(args)
    if target == "-":
        stream = out.buffer if out is not None and hasattr(out, "buffer") else sys.stdout.buffer
        stream.write(data)
        stream.flush()
        return 0
    try:
        with open(target, "wb") as fh:
            fh.write(data)
    except OSError as exc:
        print(RENDER["write_failed"].format(name=target, reason=exc.strerror or str(exc)), file=err)
        return 1
    print(RENDER["written"].format(kind=RENDER["kinds"][args.to], path=target), file=out or sys.stdout)
    return 0
