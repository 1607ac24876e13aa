"""The 雷同 matrix: how alike the narratives of the county's agencies are in one year.

Compared as the corpus engine compares them (``corpus.narrative``): sections 一, 五 and 六, with the
template's own wording, the issuer's name and the digits taken out, as character 5-grams; the score
is their exact Jaccard similarity, and a pair at or above the corpus threshold (``similar.THRESHOLD``)
is listed with the sentences the two reports share. A text too short after cleaning is not compared
(a copied "无。" is no 雷同), as in the corpus.
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.corpus import narrative, similar
from gongkai.web.agencies.models import Agency

from .access import supervised
from .sources import SourcedReport, reports_of

THRESHOLD = similar.THRESHOLD


def narrative_text(sourced: SourcedReport) -> str:
    """Sections 一, 五, 六 of a report, in order, one after the other."""
    sections = sourced.report.sections
    return "\n".join(sections[n].text for n in narrative.SECTIONS if n in sections and sections[n].text)


def issuer(sourced: SourcedReport) -> str:
    return sourced.report.issuer or sourced.agency.name


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
