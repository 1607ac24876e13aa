"""``gongkai deadline`` (CONTRACT.md "The deadline calculator"): the answer deadline and how it was counted.

A thin shell over ``gongkai.clock``, so the command and the platform can never disagree about a date.
Bad arguments (a malformed date, ``--extend`` above 20, a ``--calendar`` file that is malformed or lists
a date under the wrong year) are usage errors (exit 2, from argparse); a year the calendar does not
know is a computation error (exit 1), because the arguments were fine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import sys

from ..clock import (
    ANSWER_DAYS,
    MAX_EXTENSION,
    NATIONAL,
    ClockError,
    Pause,
    YearSchedule,
    answer_deadline,
    load_schedule_file,
)

log = logging.getLogger("gongkai")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期应为 YYYY-MM-DD 格式，收到 {text!r}") from None


def _days(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"工作日数应为正整数，收到 {text!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"工作日数应为正整数，收到 {text!r}")
    return n


def _extension(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"延长的工作日数应为 0 到 {MAX_EXTENSION} 的整数，收到 {text!r}") from None
    if not 0 <= n <= MAX_EXTENSION:
        raise argparse.ArgumentTypeError(f"延长答复期限最长不得超过 {MAX_EXTENSION} 个工作日，收到 {n}")
    return n


def _pause(text: str) -> Pause:
    start, sep, end = text.partition(":")
    if not sep:
        raise argparse.ArgumentTypeError(f"暂停期间应为 FROM:TO（如 2025-03-03:2025-03-10），收到 {text!r}")
    first, last = _date(start), _date(end)
    if first > last:
        raise argparse.ArgumentTypeError(f"暂停期间的起始日 {first} 晚于结束日 {last}")
    return Pause(first, last)


def _calendar(path: str) -> tuple[YearSchedule, ...]:
    """The schedules of a ``--calendar`` file; any fault in it is a usage error, said in Chinese."""
    try:
        return load_schedule_file(path)
    except ClockError as exc:
        log.warning("%s: %s: %s", exc.code, path, exc.detail)  # the English detail, for the operator
        raise argparse.ArgumentTypeError(exc.message) from None


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "deadline", help="按工作日计算依申请公开的答复期限",
        description="计算依申请公开的答复期限：自收到申请的次日起按工作日计算（跳过周末、法定节假日，计入调休上班日）。",
    )
    p.add_argument("received", type=_date, metavar="RECEIVED", help="收到申请之日（YYYY-MM-DD）")
    p.add_argument("--days", type=_days, default=ANSWER_DAYS, metavar="N",
                   help=f"答复期限的工作日数（默认 {ANSWER_DAYS}）")
    p.add_argument("--extend", type=_extension, default=0, metavar="N",
                   help=f"延长的工作日数（最多 {MAX_EXTENSION}）")
    p.add_argument("--pause", type=_pause, action="append", default=[], metavar="FROM:TO",
                   help="不计入期限的期间（含首尾两日），如征求第三方意见；可重复")
    p.add_argument("--calendar", type=_calendar, default=(), metavar="FILE",
                   help="国务院办公厅公布的放假安排（JSON 文件，如 {\"2027\": {\"holidays\": [...], "
                        "\"workdays\": [...]}}），用于内置日历尚未收录的年份，或替换内置的该年数据")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, out=None) -> int:
    out = out or sys.stdout
    try:
        calendar = NATIONAL.with_schedules(args.calendar) if args.calendar else NATIONAL
        deadline = answer_deadline(args.received, days=args.days, extension=args.extend, pauses=args.pause,
                                   calendar=calendar)
    except ClockError as exc:
        log.warning("%s: %s", exc.code, exc.detail)
        if args.json:
            doc = {"received": args.received.isoformat(), "error": exc.to_json()}
            print(json.dumps(doc, ensure_ascii=False), file=out, flush=True)
        else:
            print(f"错误：{exc.message}", file=sys.stderr, flush=True)
        return 1
    if args.json:
        print(json.dumps(deadline.to_json(), ensure_ascii=False), file=out, flush=True)
    else:
        print(deadline.explain(), file=out, flush=True)
    return 0
