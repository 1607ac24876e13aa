"""Reports on 2008–2018: no national table, sections and statistics set by provinces.

Only the headline figures are read, from sentences whose meaning is unambiguous; everything the
report does not say plainly stays ``None``.
"""

from __future__ import annotations

import re

from .normalize import cn_int, nfkc

_CN = "零〇一二两三四五六七八九十百千"
_NUM = rf"(\d+|[{_CN}]+)"
_UNIT = r"(?:件|条|次|个|份|起|宗|项)"

_PATTERNS: dict[str, tuple[re.Pattern[str], ...]] = {
    "proactive_items": (
        re.compile(rf"主动公开(?:各类)?(?:政府)?信息(?:共计|共|合计)?{_NUM}{_UNIT}"),
        re.compile(rf"公开(?:各类)?政府信息(?:共计|共|合计)?{_NUM}{_UNIT}"),
    ),
    "applications_received": (
        re.compile(rf"(?:受理|收到|接到|接收)(?:各类)?(?:政府)?信息公开申请(?:共计|共|合计)?{_NUM}{_UNIT}"),
        re.compile(rf"(?:受理|收到)依申请公开(?:申请|事项)?(?:共计|共|合计)?{_NUM}{_UNIT}"),
    ),
    "granted": (
        re.compile(rf"(?:同意|予以)公开(?:的)?{_NUM}{_UNIT}"),
        re.compile(rf"其中(?:已)?公开{_NUM}{_UNIT}"),
    ),
    "reconsiderations": (re.compile(rf"行政复议(?:案件)?(?:共)?{_NUM}{_UNIT}"),),
    "lawsuits": (re.compile(rf"行政诉讼(?:案件)?(?:共)?{_NUM}{_UNIT}"),),
}
_NONE = {
    "applications_received": re.compile(r"(?:未|没有)(?:受理|收到|接到)[^。；，,]{0,16}?申请"),
    "reconsiderations": re.compile(r"(?:未|没有|无)(?:发生|出现|收到)?[^。；，,]{0,20}?行政复议"),
    "lawsuits": re.compile(r"(?:未|没有|无)(?:发生|出现|收到)?[^。；，,]{0,24}?行政诉讼"),
}


def read_headlines(text: str) -> dict[str, int | None]:
    t = re.sub(r"\s+", "", nfkc(text))
    out: dict[str, int | None] = {}
    for key, patterns in _PATTERNS.items():
        value = None
        for pattern in patterns:
            m = pattern.search(t)
            if m:
                value = cn_int(m.group(1))
                break
        if value is None and key in _NONE and _NONE[key].search(t):
            value = 0
        out[key] = value
    return out
