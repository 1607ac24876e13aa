"""Chinese full-text search over public documents, identical on SQLite and PostgreSQL.

Text is cut into terms: every CJK character and every pair of adjacent CJK characters, and every
latin word or number (lower-cased). A query matches a document holding all of the query's terms;
a query of several characters is thus matched by its bigrams, which is what a person means by
"contains these words" in Chinese without a dictionary-based segmenter. Titles rank first.
"""

from __future__ import annotations

import re
import unicodedata
from functools import reduce
from operator import add

from django.db import transaction
from django.db.models import Case, Exists, IntegerField, OuterRef, QuerySet, Value, When

from .models import Document, SearchTerm

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_WORD = re.compile(r"[0-9a-z]+")
MAX_QUERY_TERMS = 16
# A term's postings are counted up to this many: enough to tell a rare term from a common one, and
# never a scan of a term every document holds.
RARE_ENOUGH = 1000


def terms(text: str) -> list[str]:
    """Terms in first-seen order, without repeats."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    seen: dict[str, None] = {}
    for run in _CJK.findall(text):
        for i, ch in enumerate(run):
            seen.setdefault(ch, None)
            if i + 1 < len(run):
                seen.setdefault(run[i:i + 2], None)
    for word in _WORD.findall(text):
        seen.setdefault(word[:40], None)
    return list(seen)


def query_terms(query: str) -> list[str]:
    """The fewest terms that pin a query down: bigrams for CJK runs (a lone character stays), words."""
    text = unicodedata.normalize("NFKC", query or "").lower()
    out: dict[str, None] = {}
    for run in _CJK.findall(text):
        if len(run) == 1:
            out.setdefault(run, None)
        for i in range(len(run) - 1):
            out.setdefault(run[i:i + 2], None)
    for word in _WORD.findall(text):
        out.setdefault(word[:40], None)
    return list(out)[:MAX_QUERY_TERMS]


def index(document: Document) -> None:
    """(Re)build one document's terms; a document off the public site has none."""
    with transaction.atomic():
        SearchTerm.objects.filter(document=document).delete()
        if not document.is_public or document.is_withdrawn:
            return
        head = f"{document.public_title} {document.public_doc_number} {document.index_number}"
        title = set(terms(head))
        every = terms(f"{head} {document.public_body}")
        SearchTerm.objects.bulk_create(
            [SearchTerm(document=document, term=t, in_title=t in title) for t in every], batch_size=500)


def _rarest_first(wanted: list[str]) -> list[str]:
    """The terms by how many documents hold them (counted up to RARE_ENOUGH), the rarest first."""
    held = {t: SearchTerm.objects.filter(term=t).values("document")[:RARE_ENOUGH].count() for t in wanted}
    return sorted(wanted, key=lambda t: held[t])


def search(documents: QuerySet, query: str) -> QuerySet:
    """The documents of ``documents`` holding every term of ``query``, title matches first.

    Why this shape: the documents holding the rarest term are the only candidates, and each other term
    is one probe of the (document, term) index per candidate. Counting, per document, the matches of
    every term (the obvious GROUP BY) reads the postings of the common terms, which every document
    holds: a second or more per query at 20,000 documents.
    """
    wanted = query_terms(query)
    if not wanted:
        return documents.none()
    rarest, *others = _rarest_first(wanted)
    found = documents.filter(pk__in=SearchTerm.objects.filter(term=rarest).values("document"))
    for term in others:
        found = found.filter(Exists(SearchTerm.objects.filter(document=OuterRef("pk"), term=term)))
    # One index probe per term and candidate, no GROUP BY: the paginator's count leaves it out.
    title_hits = reduce(add, [
        Case(When(Exists(SearchTerm.objects.filter(document=OuterRef("pk"), term=term, in_title=True)), then=Value(1)),
             default=Value(0), output_field=IntegerField()) for term in wanted])
    return found.annotate(title_hits=title_hits).order_by("-title_hits", "-published_on", "-id")
