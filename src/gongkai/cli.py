"""The ``gongkai`` command line: sub-commands are the modules of ``gongkai.commands``."""

from __future__ import annotations

import argparse
import importlib
import logging
import pkgutil
import sys
from collections.abc import Sequence

from . import commands


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="gongkai", description="gongkai（公开）：政府信息公开年度报告与依申请公开。")
    sub = parser.add_subparsers(dest="command", required=True)
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        importlib.import_module(f"{commands.__name__}.{info.name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="gongkai: %(levelname)s: %(message)s", stream=sys.stderr)
    args = build_parser().parse_args(argv)
    return args.func(args)
