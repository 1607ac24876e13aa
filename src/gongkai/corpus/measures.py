"""The definitions of the figures and shares that both the corpus (``stats``) and the county office's
supervision pages (``gongkai.web.supervision.figures``) compute: one declarative place, so that a
公开率 on the county's page means what it means in the corpus report.

Each sum is named by cell-path patterns with SQL ``LIKE`` semantics (``%`` any text, ``_`` any one
character), so the corpus sums them in DuckDB and the platform over a ``Report``'s cells with
``matches``; the shares are computed from those sums by ``shares``, the same function for both.

Definitions (each outcome share is a share of 办理结果总计, the row （七）总计 of section 三):
公开率 = (予以公开 + 部分公开) / 总计; 不予公开率 = 不予公开 (三) / 总计; 无法提供率 = 无法提供 (四) / 总计;
不予处理率 = 不予处理 (五) / 总计; 其他处理率 = 其他处理 (六) / 总计. 纠错率 = 结果纠正 / (结果维持 + 结果纠正 +
其他结果), the closed cases (尚未审结 are not decided yet, so they are neither corrected nor upheld), for
行政复议 and for 行政诉讼 (both kinds of suit together). Blank cells count as nothing (never as 0 in a
denominator: a report whose cell is blank adds nothing to either side). 新收 of a report on 2008–2018 (no
national table) is the number of applications its text says it received. A share is given only when
its denominator reaches ``min_base`` (``MIN_BASE`` in the corpus).

Pure Python: no DuckDB, no Django.
"""

from __future__ import annotations

import re
from functools import lru_cache

MIN_BASE = 30

SUMS: dict[str, tuple[str, ...]] = {
    # A report on 2008–2018 has no national table: its new applications are those its text states.
    "new": ("applications.new.total", "pre2019.applications_received.total"),
    "carried_in": ("applications.carried_in.total",),
    "total": ("applications.total.total",),
    "carried_out": ("applications.carried_out.total",),
    "granted": ("applications.granted.total",),
    "partial": ("applications.partial.total",),
    "rec_upheld": ("appeals.reconsideration.upheld",),
    "rec_corrected": ("appeals.reconsideration.corrected",),
    "rec_other": ("appeals.reconsideration.other",),
    "reconsideration": ("appeals.reconsideration.total",),
    "lit_upheld": ("appeals.litigation_%.upheld",),
    "lit_corrected": ("appeals.litigation_%.corrected",),
    "lit_other": ("appeals.litigation_%.other",),
    "litigation": ("appeals.litigation_%.total",),
    "fees": ("proactive.fees.amount",),
    "rules_issued": ("proactive.rules.issued",),
    "normative_issued": ("proactive.normative_documents.issued",),
    "licensing": ("proactive.licensing.decisions",),
    "punishment": ("proactive.punishment.decisions",),
    "denied": ("applications.denied.%.total",),
    "unable": ("applications.unable.%.total",),
    "not_processed": ("applications.not_processed.%.total",),
    # 2021 format: three rows （六）1–3 (other.no_supplement ...); 2019 format: one row （六）其他处理 (other).
    "other": ("applications.other.%.total", "applications.other.total"),
}

# The shares ``shares`` gives, with their Chinese names and definitions (printed beside rankings).
SHARES: dict[str, tuple[str, str]] = {
    "disclosed_rate": ("公开率", "（予以公开 + 部分公开）÷ 办理结果总计"),
    "denied_rate": ("不予公开率", "不予公开 ÷ 办理结果总计"),
    "unable_rate": ("无法提供率", "无法提供 ÷ 办理结果总计"),
    "not_processed_rate": ("不予处理率", "不予处理 ÷ 办理结果总计"),
    "other_rate": ("其他处理率", "其他处理 ÷ 办理结果总计"),
    "reconsideration_corrected_rate": ("行政复议纠错率", "行政复议结果纠正 ÷（结果维持 + 结果纠正 + 其他结果）"),
    "litigation_corrected_rate": ("行政诉讼纠错率",
                                  "行政诉讼结果纠正 ÷（结果维持 + 结果纠正 + 其他结果），两类诉讼合计"),
}


@lru_cache(maxsize=64)
def _regex(pattern: str) -> re.Pattern[str]:
    parts = [".*" if ch == "%" else "." if ch == "_" else re.escape(ch) for ch in pattern]
    return re.compile("".join(parts) + r"\Z")


def matches(pattern: str, path: str) -> bool:
    """Whether a cell path matches a pattern as SQL ``LIKE`` would (case-sensitive, whole path)."""
    return _regex(pattern).match(path) is not None


def base(name: str, sums: dict) -> float | None:
    """The denominator of share ``name`` over ``sums`` (None when none of its cells was filled)."""
    if name == "reconsideration_corrected_rate":
        return _closed(sums, "rec")
    if name == "litigation_corrected_rate":
        return _closed(sums, "lit")
    return sums.get("total")


def _closed(sums: dict, prefix: str) -> float | None:
    parts = [sums.get(f"{prefix}_{k}") for k in ("upheld", "corrected", "other")]
    return None if all(p is None for p in parts) else sum(p or 0 for p in parts)


def share(part, denominator, min_base: int = MIN_BASE) -> float | None:
    if part is None or not denominator or denominator < min_base:
        return None
    return round(part / denominator, 4)


def shares(sums: dict, min_base: int = MIN_BASE) -> dict[str, float | None]:
    """Every share of ``SHARES`` from the sums named in ``SUMS`` (missing or None: blank)."""
    v = sums.get
    disclosed = None if v("granted") is None and v("partial") is None else (v("granted") or 0) + (v("partial") or 0)
    total = v("total")
    return {
        "disclosed_rate": share(disclosed, total, min_base),
        "denied_rate": share(v("denied"), total, min_base),
        "unable_rate": share(v("unable"), total, min_base),
        "not_processed_rate": share(v("not_processed"), total, min_base),
        "other_rate": share(v("other"), total, min_base),
        "reconsideration_corrected_rate": share(v("rec_corrected"), _closed(sums, "rec") or 0, min_base),
        "litigation_corrected_rate": share(v("lit_corrected"), _closed(sums, "lit") or 0, min_base),
    }


@lru_cache(maxsize=4096)
def _sums_of_path(path: str) -> tuple[str, ...]:
    """The names of ``SUMS`` a cell path adds to (cached: every report has the same few hundred paths)."""
    return tuple(name for name, patterns in SUMS.items() if any(matches(p, path) for p in patterns))


def sums_of(cells: dict[str, float | None]) -> dict[str, float | None]:
    """The sums of ``SUMS`` over one report's cells (path → value); a sum none of whose cells is filled
    is None (blank), as SQL's ``sum`` over no values."""
    out: dict[str, float | None] = dict.fromkeys(SUMS)
    for path, value in cells.items():
        if value is None:
            continue
        for name in _sums_of_path(path):
            out[name] = value if out[name] is None else out[name] + value
    return out


def add(a: dict, b: dict) -> dict:
    """Two sums added name by name, blank plus blank staying blank."""
    return {k: None if a.get(k) is None and b.get(k) is None else (a.get(k) or 0) + (b.get(k) or 0)
            for k in SUMS}
