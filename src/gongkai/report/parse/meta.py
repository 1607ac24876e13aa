"""Issuer, report year, title and the printed publication date.

The title is often split over lines or lacks the issuer ("政府信息公开工作年度报告"); the signature
at the end may shorten the issuer ("玉许乡人民政府") or complete it ("叶城县宗朗乡人民政府"). Candidates
come from the title, the opening sentence ("现公布朗县人民政府2021年…") and the signature; where one
contains another the fuller name wins, otherwise the title's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..read.grid import RawRow
from .normalize import cn_digits, cn_int, nfkc

_REPORT_WORD = re.compile(r"报告")
_TITLE = re.compile(
    r"^(?P<issuer>.*?)(?:关于)?(?P<year>(?:19|20)\d{2})\s*年\s*(?:度)?\s*(?:的)?\s*(?:政府信息公开|政务公开|信息公开)"
)
_STATEMENT = re.compile(
    r"(?:现(?:将|予)?公布|现将|公布)(?P<issuer>[^，。,；;（(《]{2,30}?)\s*(?P<year>(?:19|20)\d{2})\s*年(?:度)?\s*(?:的)?\s*政府信息公开"
)
_PERIOD = re.compile(r"(?:统计|时限|期限).{0,12}?(?P<year>(?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日")
_YEAR_WORK = re.compile(r"(?P<year>(?:19|20)\d{2})\s*年(?:度)?[，,]?\s*(?:我|全|本)")
_DATE = re.compile(
    r"^\s*(?P<y>(?:19|20)\d{2}|[〇零一二三四五六七八九○ＯO]{4})\s*年\s*"
    r"(?P<m>\d{1,2}|[一二三四五六七八九十]{1,2})\s*月\s*"
    r"(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*日\s*$"
)
_ORGAN = re.compile(
    r"(人民政府|政府|办公室|办公厅|委员会|局|厅|署|委|办|中心|院|街道办事处|办事处|管委会|管理委员会|公司|站|所|乡|镇|街道)$"
)


@dataclass(slots=True)
class Meta:
    title: str | None = None
    issuer: str | None = None
    year: int | None = None
    published_on: date | None = None
    signature_index: int | None = None


def read_meta(rows: list[RawRow], first_heading: int | None) -> Meta:
    meta = Meta()
    title_rows = _title_rows(rows, first_heading)
    title_issuer = None
    if title_rows:
        meta.title = "".join(nfkc(r.text).strip() for r in title_rows)
        m = _TITLE.match(meta.title.replace(" ", ""))
        if m:
            meta.year = int(m.group("year"))
            title_issuer = _clean_issuer(m.group("issuer"))
    # The statement naming issuer and year opens the report, before or just after heading 一.
    opening = "".join(r.text for r in rows[: max(first_heading or 0, 0) + 12])[:4000]
    statement_issuer = None
    m = _STATEMENT.search(nfkc(opening))
    if m:
        statement_issuer = _clean_issuer(m.group("issuer"))
        meta.year = meta.year or int(m.group("year"))
    if meta.year is None:
        text = nfkc(opening + "".join(r.text for r in rows[:200]))
        m = _PERIOD.search(text) or _YEAR_WORK.search(text)
        if m:
            meta.year = int(m.group("year"))
    signature_issuer, meta.published_on, meta.signature_index = _signature(rows)
    meta.issuer = _choose_issuer([title_issuer, statement_issuer, signature_issuer])
    return meta


def _title_rows(rows: list[RawRow], first_heading: int | None) -> list[RawRow]:
    """The title: a line naming year and 政府信息公开…报告 (with the issuer line above it when the
    issuer stands alone), or else the first lines up to the one that says 报告 (titles wrap)."""
    limit = first_heading if first_heading is not None else len(rows)
    for i, row in enumerate(rows[: min(limit, 15)]):
        text = nfkc(row.text).replace(" ", "")
        m = _TITLE.match(text)
        if m and _REPORT_WORD.search(text) and len(text) <= 80 and not re.search(r"[。，,；]", text):
            if not m.group("issuer") and i > 0 and 0 < len(rows[i - 1].text.strip()) <= 40:
                return [rows[i - 1], row]
            return [row]
    taken: list[RawRow] = []
    for row in rows[: min(limit, 8)]:
        text = row.text.strip()
        if not text:
            continue
        if len(text) > 60:
            break
        taken.append(row)
        if _REPORT_WORD.search(text):
            return taken
        if len(taken) >= 3:
            break
    return []


def _clean_issuer(text: str | None) -> str | None:
    if not text:
        return None
    text = re.sub(r"\s+", "", text).strip("：:，,。 ")
    text = re.sub(r"^(关于|中共)", "", text)
    if len(text) < 2 or len(text) > 40 or not re.search(r"[\u4e00-\u9fff]", text):
        return None
    return text


def _choose_issuer(candidates: list[str | None]) -> str | None:
    present = [c for c in candidates if c]
    if not present:
        return None
    best = present[0]
    for other in present[1:]:
        if best in other and len(other) > len(best):
            best = other
    return best


def _signature(rows: list[RawRow]) -> tuple[str | None, date | None, int | None]:
    """The issuer and date printed at the end of the report, if any."""
    tail: list[tuple[int, str]] = []  # the last six non-empty rows, last first
    for i in range(len(rows) - 1, -1, -1):
        text = rows[i].text.strip()
        if text:
            tail.append((i, text))
            if len(tail) == 6:
                break
    found_date: date | None = None
    date_index: int | None = None
    for i, text in tail:
        parsed = _parse_date(nfkc(text))
        if parsed is not None:
            found_date, date_index = parsed, i
            break
    issuer = None
    if date_index is not None:
        for i, text in tail:
            if abs(i - date_index) > 3 or i == date_index:
                continue
            name = nfkc(text).replace(" ", "").replace("\u3000", "")
            if len(name) <= 40 and "。" not in name and _ORGAN.search(name):
                issuer = _clean_issuer(name)
                break
    return issuer, found_date, date_index


def _parse_date(text: str) -> date | None:
    m = _DATE.match(text)
    if not m:
        return None
    try:
        return date(cn_digits(m.group("y")) or 0, cn_int(m.group("m")) or 0, cn_int(m.group("d")) or 0)
    except ValueError:
        return None
