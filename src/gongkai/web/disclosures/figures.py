"""A year of proactive disclosure in figures: what section 一 states and section 二 pre-fills.

Why counted from the records: a clerk who types "主动公开政府信息81条" from memory is how the
narrative and the tables come to disagree. Counting rules:
- a document counts in the year it was first published (a revision does not count again);
- 规章/行政规范性文件 本年制发 = first published in the year; 本年废止 = withdrawn as repealed in the
  year; 现行有效 = published by the year's end and not repealed by then;
- 行政许可/处罚/强制 decisions = such documents first published in the year.
The figures only cover what was recorded on the platform, so section 二's are a suggestion that staff
confirm, never silently saved. They count each document as its signed-off version stands (heading,
channels, kind: the ``public_*`` snapshot), never a revision still under review.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q

from .models import Attribute, Document, Kind


@dataclass(frozen=True)
class YearFigures:
    year: int
    published: int
    by_category: list[tuple[str, int]] = field(default_factory=list)
    website: int = 0
    new_media: int = 0
    board: int = 0
    late: int = 0
    withdrawn: int = 0
    article20: dict[str, int] = field(default_factory=dict)

    def sentence(self) -> str:
        """The section 一 sentence; its parts add up to its total (the narrative rule checks that)."""
        if not self.published:
            return f"{self.year}年，本机关未通过政府信息公开平台主动公开政府信息。"
        parts = "、".join(f"{name}{n}条" for name, n in self.by_category if n)
        text = f"{self.year}年，本机关主动公开政府信息{self.published}条，其中，{parts}。"
        channels = [(label, n) for label, n in (("政府网站", self.website), ("政务新媒体", self.new_media),
                                                 ("公开栏", self.board)) if n]
        if channels:
            text += "通过" + "、".join(f"{label}发布{n}条" for label, n in channels) + "。"
        if self.late:
            text += f"其中{self.late}条超过信息形成或变更之日起20个工作日公开，已督促整改。"
        return text


def year_figures(agency, year: int) -> YearFigures:
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    proactive = Document.objects.filter(agency=agency, attribute=Attribute.PROACTIVE)
    new = proactive.filter(first_published_on__range=(start, end))
    totals = new.aggregate(
        n=Count("id"), website=Count("id", filter=_channel("on_website")),
        new_media=Count("id", filter=_channel("on_new_media")), board=Count("id", filter=_channel("on_board")),
        late=Count("id", filter=Q(published_late=True)))
    by_category = [(r["public_category__name"] or "其他", r["n"]) for r in
                   new.values("public_category__name", "public_category__order").annotate(n=Count("id"))
                   .order_by("public_category__order", "public_category__name")]
    withdrawn = proactive.filter(withdrawn_on__range=(start, end)).count()
    return YearFigures(year, totals["n"], by_category, totals["website"], totals["new_media"], totals["board"],
                       totals["late"], withdrawn, _article20(proactive, start, end))


def _channel(code: str) -> Q:
    """Signed off for this channel (``public_channels`` holds the codes joined by commas; none is part of
    another, so a substring test is exact)."""
    return Q(public_channels__contains=code)


def _article20(proactive, start: dt.date, end: dt.date) -> dict[str, int]:
    """Pre-filled values for reports.ProactiveFigures, keyed by its field names."""
    def count(kind: str, **where) -> int:
        return proactive.filter(public_kind=kind, **where).count()

    out: dict[str, int] = {}
    for kind, prefix in ((Kind.RULE, "rules"), (Kind.NORMATIVE, "normative")):
        out[f"{prefix}_issued"] = count(kind, first_published_on__range=(start, end))
        out[f"{prefix}_repealed"] = count(kind, repealed=True, withdrawn_on__range=(start, end))
        out[f"{prefix}_in_force"] = (proactive.filter(public_kind=kind, first_published_on__lte=end)
                                     .exclude(repealed=True, withdrawn_on__lte=end).count())
    for kind, name in ((Kind.LICENSING, "licensing"), (Kind.PUNISHMENT, "punishment"), (Kind.COERCION, "coercion")):
        out[name] = count(kind, first_published_on__range=(start, end))
    return out
