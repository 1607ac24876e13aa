"""The 雷同 matrix: how alike the narratives of the county's agencies are in one year.

Compared as the corpus engine compares them (``corpus.narrative``): sections 一, 五 and 六, with the
template's own wording, the issuer's name and the digits taken out, as character 5-grams; the score
is their exact Jaccard similarity, and a pair at or above the corpus threshold (``similar.THRESHOLD``)
is listed with the sentences the two reports share. A text too short after cleaning is not compared
(a copied "无。" is no 雷同), as in the corpus.

A report written on the platform starts from the platform's own draft of sections 一, 五, 六 (the year's
figures in set sentences, ``reports.assemble.draft_texts``, and the year's proactive disclosures,
``disclosures.figures``). Those sentences are the platform's template, as the national template's
are the corpus's: every agency that keeps them would otherwise be 100% alike. So they are taken out
first (``own_text``), whatever the numbers in them, and only what the agency wrote itself is compared.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gongkai.corpus import narrative, similar
from gongkai.web.agencies.models import Agency
from gongkai.web.reports.assemble import draft_texts

from .access import supervised
from .sources import SourcedReport, reports_of

THRESHOLD = similar.THRESHOLD


# The openings (in comparable form: digits as 0, no punctuation, the year's "0年" taken off) of the
# year sentence the disclosures app drafts for section 一 (disclosures.figures.YearFigures.sentence).
PLATFORM_OPENINGS = ("本机关主动公开政府信息0条", "本机关未通过政府信息公开平台主动公开政府信息", "通过政府网站发布0条",
                     "通过政务新媒体发布0条", "通过公开栏发布0条", "其中0条超过信息形成或变更之日起0个工作日公开")
_YEAR = re.compile(r"^0年")
PLATFORM_SOURCES = ("published", "filed", "draft")


def issuer(sourced: SourcedReport) -> str:
    return sourced.report.issuer or sourced.agency.name


def _key(folded: str, names: tuple[str, ...]) -> str:
    for name in names:
        folded = folded.replace(name, "")
    return _YEAR.sub("", folded)


def own_sections(sourced: SourcedReport) -> dict[int, str]:
    """Sections 一, 五, 六 as the agency wrote them: for a report of the platform, without the sentences
    the platform drafted (compared in comparable form, so with whatever numbers they now hold)."""
    report = sourced.report
    texts = {n: report.sections[n].text for n in narrative.SECTIONS if n in report.sections and report.sections[n].text}
    if sourced.source not in PLATFORM_SOURCES or None in (report.proactive, report.applications, report.appeals):
        return texts
    names = tuple(n for n in narrative.names_of(issuer(sourced)))
    drafted = {_key(folded, names) for _, folded in narrative.prepared("\n".join(draft_texts(report).values()))}
    out = {}
    for number, text in texts.items():
        kept = [s for s, folded in narrative.prepared(text)
                if (k := _key(folded, names)) not in drafted and not k.startswith(PLATFORM_OPENINGS)]
        out[number] = "".join(kept)
    return out


def narrative_text(sourced: SourcedReport) -> str:
    """Sections 一, 五, 六 of a report as the agency wrote them, in order, one after the other."""
    return "\n".join(t for t in own_sections(sourced).values() if t)


def cleaned(sourced: SourcedReport) -> str:
    return narrative.clean(narrative_text(sourced), issuer(sourced))


def score(a: str, b: str) -> float | None:
    """The exact 5-gram Jaccard of two cleaned texts; None when either is too short to compare."""
    if len(a) < narrative.MIN_CHARS or len(b) < narrative.MIN_CHARS:
        return None
    return round(1.0 if a == b else narrative.jaccard(a, b), 4)


@dataclass(frozen=True)
class Pair:
    first: Agency
    second: Agency
    score: float
    passages: tuple[str, ...]


@dataclass(frozen=True)
class Matrix:
    agencies: list[Agency]  # those with a report of the year, in the roster's order
    scores: dict[tuple[int, int], float | None]  # (agency id, agency id) → score, both orders
    pairs: list[Pair]  # at or above the threshold, highest first
    missing: list[Agency]  # supervised agencies without a report of the year

    def rows(self) -> list[tuple[Agency, list[float | None]]]:
        return [(a, [None if a.pk == b.pk else self.scores.get((a.pk, b.pk)) for b in self.agencies])
                for a in self.agencies]


def matrix(county: Agency, year: int, threshold: float = THRESHOLD) -> Matrix:
    agencies = supervised(county)
    found = reports_of(county, year, agencies)
    present = [a for a in agencies if a.pk in found]
    texts = {a.pk: cleaned(found[a.pk]) for a in present}
    scores: dict[tuple[int, int], float | None] = {}
    pairs = []
    for i, a in enumerate(present):
        for b in present[i + 1:]:
            value = score(texts[a.pk], texts[b.pk])
            scores[(a.pk, b.pk)] = scores[(b.pk, a.pk)] = value
            if value is not None and value >= threshold:
                shared = narrative.shared_passages(narrative_text(found[a.pk]), narrative_text(found[b.pk]),
                                                   (issuer(found[a.pk]), issuer(found[b.pk])))
                pairs.append(Pair(a, b, value, tuple(shared)))
    pairs.sort(key=lambda p: (-p.score, p.first.code, p.second.code))
    return Matrix(present, scores, pairs, [a for a in agencies if a.pk not in found])
