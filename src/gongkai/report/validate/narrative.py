"""Numbers a report states in words, to compare with its tables.

Only statements whose meaning is unambiguous are read: "收到依申请公开一次", "未收到…申请",
"主动公开政府信息81条，其中，人事信息4条…". Approximate figures ("482余条") are never compared.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..parse.normalize import cn_int, nfkc

_CN = "零〇一二两三四五六七八九十百"
_NUM = rf"(\d+|[{_CN}]+)"
_UNIT = r"(?:件|条|次|个|份|起|宗)"

_APPS_NONE = re.compile(r"(?:未|没有)(?:收到|受理)[^。；，,]{0,24}?(?:申请|依申请公开)")
_APPS_COUNT = (
    re.compile(rf"(?:收到|受理|接收)[^。；，,]{{0,24}}?(?:申请|依申请公开)[^。；，,\d{_CN}]{{0,12}}?(?:共|共计|合计)?{_NUM}{_UNIT}"),
    re.compile(rf"(?:收到|受理|接收)(?:各类|政府信息公开|信息公开)?申请{_NUM}{_UNIT}"),
)
_APPS_VERBS = ("收到", "受理", "接收")  # one of them starts every pattern above
_RECON_NONE = re.compile(r"(?:未|没有|无)(?:发生|收到)?[^。；，,]{0,16}?行政复议")
_RECON_COUNT = re.compile(rf"行政复议{_NUM}{_UNIT}")
_LITIGATION_NONE = re.compile(r"(?:未|没有|无)(?:发生|收到)?[^。；，,]{0,16}?行政诉讼")
_BREAKDOWN = re.compile(r"信息(?:共计|共|合计)?(\d+)条[，,：:]?其中[：:，,]?([^。]*)")
_PART = re.compile(r"(\d+)(余)?条")
_DOCUMENTS = re.compile(rf"(?:制发|出台|印发)(?:行政)?规范性文件(?:共)?{_NUM}件")


@dataclass(frozen=True, slots=True)
class Statements:
    applications: int | None = None
    reconsideration: int | None = None
    litigation: int | None = None
    proactive_total: int | None = None
    proactive_parts_sum: int | None = None
    normative_documents: int | None = None


def read_statements(text: str) -> Statements:
    t = "".join(nfkc(text).split())  # without whitespace: str.split's whitespace is exactly re's \s
    # Each pattern needs a word of its own ("申请", "行政复议", …): without it in the text, the
    # pattern is not tried (most sections 一 name no appeal and no 规范性文件).
    apps = None
    # Every application pattern names a verb (收到, 受理, 接收): without one, none is tried (their
    # alternations make the regex engine test each character of the text, a substring test does not).
    if "申请" in t and any(verb in t for verb in _APPS_VERBS):
        for pattern in _APPS_COUNT:
            m = pattern.search(t)
            if m:
                apps = cn_int(m.group(1))
                break
        if apps is None and _APPS_NONE.search(t):
            apps = 0
    recon = None
    if "行政复议" in t:
        m = _RECON_COUNT.search(t)
        if m:
            recon = cn_int(m.group(1))
        elif _RECON_NONE.search(t):
            recon = 0
    litigation = 0 if "行政诉讼" in t and _LITIGATION_NONE.search(t) else None
    total = parts_sum = None
    m = _BREAKDOWN.search(t) if "其中" in t else None
    if m:
        parts = _PART.findall(m.group(2))
        if parts and not any(approx for _, approx in parts):
            total = int(m.group(1))
            parts_sum = sum(int(n) for n, _ in parts)
    documents = None
    m = _DOCUMENTS.search(t) if "规范性文件" in t else None
    if m:
        documents = cn_int(m.group(1))
    return Statements(apps, recon, litigation, total, parts_sum, documents)
