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
from .fold import fold, fold_long
from .normalize import cn_digits, cn_int, nfkc

_REPORT_WORD = re.compile(r"报告")
_TITLE = re.compile(
    r"^(?P<issuer>.*?)(?:关于)?(?P<year>(?:19|20)\d{2})\s*年\s*(?:度)?\s*(?:的)?\s*(?:政府信息公开|政务公开|信息公开)"
)
_STATEMENT = re.compile(
    r"(?:现(?:将|予)?公布|现将|公布)(?P<issuer>[^，。,；;（(《]{2,30}?)\s*(?P<year>(?:19|20)\d{2})\s*年(?:度)?\s*(?:的)?\s*政府信息公开"
)
_PERIOD = re.compile(r"(?:统计|时限|期限).{0,12}?(?P<year>(?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日")
# Last resort: "2019年度街道受理…" — the first "NNNN年度" the opening names.
_YEAR_OF = re.compile(r"(?P<year>(?:19|20)\d{2})\s*年度")
_YEAR_WORK = re.compile(r"(?P<year>(?:19|20)\d{2})\s*年(?:度)?[，,]?\s*(?:我|全|本)")
_DATE = re.compile(
    r"^\s*(?P<y>(?:19|20)\d{2}|[〇零一二三四五六七八九○ＯO]{4})\s*年\s*"
    r"(?P<m>\d{1,2}|[一二三四五六七八九十]{1,2})\s*月\s*"
    r"(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*日\s*$"
)
# The subject of the opening sentence: "2020年,区发改局以…", "2022年度,在区委…领导下,区秦岭保护局全面…"
_SUBJECT = re.compile(
    r"(?P<year>(?:19|20)\d{2})\s*年(?:度|以来)?\s*[,，]?\s*(?:在[^,，。]{2,30}[下中][,，]\s*)?"
    r"(?P<issuer>[\u4e00-\u9fff]{2,30}?(?:人民政府|政府|办公室|委员会|管委会|局|厅|署|委|办|中心|院|街道办事处"
    r"|办事处|街道|乡|镇|开发区))"
    r"(?=认真|全面|严格|高度|紧紧|紧扣|坚持|深入|按照|始终|积极|持续|围绕|进一步|继续|结合|立足|以|在|着力|扎实|不断|牢固|切实)"
)
# Further places a report names its issuer when the title does not (each a pattern with a group
# "issuer"; tried in this order, the first found is taken):
_ISSUER_PLACES = (
    # a title inside a sentence: "…现编制形成了《西柳镇人民政府2023年政府信息公开工作年度报告》"
    re.compile(r"《(?P<issuer>[^《》，。,]{2,40}?)(?P<year>(?:19|20)\d{2})\s*年(?:度)?(?:的)?政府信息公开[^《》]{0,12}报告》"),
    _SUBJECT,
    # the compiler: "由乌海市工业和信息化局编制而成", "本报告由南平市…办公室根据…"
    re.compile(
        r"由(?P<issuer>[\u4e00-\u9fff]{2,30}?(?:人民政府|政府|办公室|办公厅|委员会|管委会|局|厅|署|委|中心|院"
        r"|街道办事处|办事处|街道|乡|镇|小组办公室))(?=编制|根据|综合|汇总|负责|结合)"
    ),
    # whom to ask: "如有疑问请与来凤县政务服务和大数据管理局(地址…"联系
    re.compile(r"请与(?P<issuer>[\u4e00-\u9fff]{2,30}?)(?:联系|[(（])"),
)
# The page's own breadcrumb: "您当前的位置:首页 > 云林街道 > 政府信息公开 > 年度报告".
_BREADCRUMB = re.compile(r"(?:当前位置|您的位置|所在位置)\s*[:：]?\s*(?P<trail>[^\n]{0,200})")
_CRUMB_ORGAN = re.compile(r"(?:人民政府|政府|局|委员会|委|办|中心|街道办事处|办事处|街道|乡|镇|开发区|管委会|署)$")
_TITLE_NO_YEAR = re.compile(r"^(?P<issuer>[\u4e00-\u9fff()（）]{2,40}?)(?:关于)?政府信息公开(?:工作)?年度报告$")
_YEAR_ISSUER_TITLE = re.compile(
    r"^(?P<year>(?:19|20)\d{2})\s*年(?:度)?(?P<issuer>[\u4e00-\u9fff]{2,30}?)政府信息公开(?:工作)?年度报告"
)
# What is left of a name after an advertisement or a label ("标题:", "uedbet体育_uedbet官网@:"): the last
# run of Chinese characters (and brackets).
_NAME_TAIL = re.compile(r"[\u4e00-\u9fff()（）]+$")
_ORGAN = re.compile(
    r"(人民政府|政府|办公室|办公厅|委员会|局|厅|署|委|办|中心|院|街道办事处|办事处|管委会|管理委员会|公司|站|所|乡|镇|街道)$"
)

# The module's small patterns, compiled once (``re.sub(pattern, …)`` looks each up on every call).
_CRUMB_SPLIT = re.compile(r"[>＞»/|]")
_TITLE_SENTENCE = re.compile(r"[。，,；]")
_SPACES = re.compile(r"\s+")
_NAME_PREFIX = re.compile(r"^(关于|中共)")
_HAN = re.compile(r"[\u4e00-\u9fff]")


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
        folded = fold(meta.title).replace(" ", "")
        m = _TITLE.match(folded)
        if m:
            meta.year = int(m.group("year"))
            title_issuer = _clean_issuer(m.group("issuer"))
        else:
            m = _TITLE_NO_YEAR.match(folded) or _YEAR_ISSUER_TITLE.match(folded)
            if m:
                title_issuer = _clean_issuer(m.group("issuer"))
                meta.year = int(m.group("year")) if "year" in m.groupdict() else None
    # The statement naming issuer and year opens the report, before or just after heading 一.
    opening = fold_long(nfkc("".join(r.text for r in rows[: max(first_heading or 0, 0) + 12])[:4000]))
    statement_issuer = None
    m = _statement(opening)
    if m:
        statement_issuer = _clean_issuer(m.group("issuer"))
        meta.year = meta.year or int(m.group("year"))
    if meta.year is None:
        text = opening + fold_long(nfkc("".join(r.text for r in rows[max(first_heading or 0, 0) + 12 : 200])))
        m = _PERIOD.search(text) or _YEAR_WORK.search(text) or _SUBJECT.search(text) or _YEAR_OF.search(text)
        if m:
            meta.year = int(m.group("year"))
    signature_issuer, meta.published_on, meta.signature_index = _signature(rows)
    meta.issuer = _choose_issuer([title_issuer, statement_issuer, signature_issuer])
    if meta.issuer is None:
        # Where the report names itself only in passing, the first place that names an organ.
        others = [_clean_issuer(m.group("issuer")) for m in (p.search(opening) for p in _ISSUER_PLACES) if m]
        meta.issuer = next((o for o in [*others, _breadcrumb(opening)] if o), None)
    return meta


def _statement(text: str) -> re.Match[str] | None:
    """``_STATEMENT.search(text)``, started where its words can first be: every match begins with
    "公布" (or "现…公布", at most two characters before it) or with "现将". The pattern has no
    anchor and looks behind at nothing, so starting there finds the same first match, without trying
    every character of a page before it."""
    starts = [at for at in (text.find("公布"), text.find("现将")) if at >= 0]
    if not starts:
        return None
    return _STATEMENT.search(text, max(min(starts) - 2, 0))


def _breadcrumb(text: str) -> str | None:
    """The innermost organ the page's breadcrumb names."""
    m = _BREADCRUMB.search(text)
    if not m:
        return None
    crumbs = [c.strip() for c in _CRUMB_SPLIT.split(m.group("trail")) if c.strip()]
    organs = [c for c in crumbs if _CRUMB_ORGAN.search(c) and len(c) <= 30]
    return _clean_issuer(organs[-1]) if organs else None


def _title_rows(rows: list[RawRow], first_heading: int | None) -> list[RawRow]:
    """The title: a line naming year and 政府信息公开…报告 (with the issuer line above it when the
    issuer stands alone), or else the first lines up to the one that says 报告 (titles wrap)."""
    limit = first_heading if first_heading is not None else len(rows)
    for i, row in enumerate(rows[: min(limit, 15)]):
        text = fold(nfkc(row.text)).replace(" ", "")
        if len(text) > 80:
            continue  # a paragraph, never the title: spare it the title pattern, which backtracks over it
        m = _TITLE.match(text)
        # A title names the report (报告), or at least its issuer and year: converters scramble words.
        named = _REPORT_WORD.search(text) or (m and m.group("issuer"))
        if m and named and not _TITLE_SENTENCE.search(text):
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
        if _REPORT_WORD.search(fold(text)):
            return taken
        if len(taken) >= 3:
            break
    return []


def _clean_issuer(text: str | None) -> str | None:
    if not text:
        return None
    text = _SPACES.sub("", text).strip("：:，,。 ")
    tail = _NAME_TAIL.search(text)
    text = tail.group() if tail else ""
    text = _NAME_PREFIX.sub("", text)
    if len(text) < 2 or len(text) > 40 or text[0] in "我本该在" or not _HAN.search(text):
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
