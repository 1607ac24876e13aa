"""Chinese full-text search over public documents, identical on SQLite and PostgreSQL.

Text is cut into terms: every CJK character and every pair of adjacent CJK characters, and every
latin word or number (lower-cased). A query matches a document holding all of the query's terms;
a query of several characters is thus matched by its bigrams, which is what a person means by
"contains these words" in Chinese without a dictionary-based segmenter. Titles rank first.
"""

from __future__ import annotations

import re
import unicodedata

from django.db import transaction
from django.db.models import Count, Q, QuerySet

from .models import Document, SearchTerm

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_WORD = re.compile(r"[0-9a-z]+")
MAX_QUERY_TERMS = 16


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


def search(documents: QuerySet, query: str) -> QuerySet:
    """The documents of ``documents`` holding every term of ``query``, title matches first."""
    wanted = query_terms(query)
    if not wanted:
        return documents.none()
    hits = (SearchTerm.objects.filter(term__in=wanted).values("document")
            .annotate(n=Count("term", distinct=True)).filter(n=len(wanted)).values("document"))
    return (documents.filter(pk__in=hits)
            .annotate(title_hits=Count("terms", filter=Q(terms__term__in=wanted, terms__in_title=True)))
            .order_by("-title_hits", "-published_on", "-id"))
