"""Chinese full-text search over public documents, identical on SQLite and PostgreSQL.

Text is cut into terms: every CJK character and every pair of adjacent CJK characters, and every
latin word or number (lower-cased). A query matches a document holding all of the query's terms;
a query of several characters is thus matched by its bigrams, which is what a person means by
"contains these words" in Chinese without a dictionary-based segmenter. Titles rank first.

Two ways to ask: ``page`` (the public search page: one statement for the page's rows and their total,
plain values) and ``search`` (a QuerySet of the same documents in the same order, for other callers
and as the tests' reference). Both start from the rarest term, known from ``TermCount``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import reduce
from operator import add

from django.core.paginator import Page, Paginator
from django.db import connection, transaction
from django.db.models import Case, Exists, IntegerField, OuterRef, QuerySet, Value, When

from .models import Category, Document, SearchTerm, TermCount

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_WORD = re.compile(r"[0-9a-z]+")
MAX_QUERY_TERMS = 16
# A rarest term held by at most this many documents is probed candidate by candidate (see _statement).
FEW = 1000
_POSTINGS = SearchTerm._meta.db_table
_COUNTS = TermCount._meta.db_table
_DOCUMENTS = Document._meta.db_table
_CATEGORIES = Category._meta.db_table


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
    """(Re)build one document's terms and the counts of the terms it gained or lost; a document off the
    public site has none.

    The old terms are those this transaction deletes (DELETE … RETURNING), so that two indexings of
    one document cannot both count its old terms off. The counts move in one upsert in term order:
    two documents indexed at once wait for each other's rows of common terms in the same order, never
    in a deadlock.
    """
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {_POSTINGS} WHERE document_id = %s RETURNING term", [document.pk])
        old = {row[0] for row in cursor.fetchall()}
        new: list[str] = []
        if document.is_public and not document.is_withdrawn:
            head = f"{document.public_title} {document.public_doc_number} {document.index_number}"
            title = set(terms(head))
            new = terms(f"{head} {document.public_body}")
            SearchTerm.objects.bulk_create(
                [SearchTerm(document=document, term=t, in_title=t in title) for t in new], batch_size=500)
        kept = old.intersection(new)
        _count(cursor, {**{t: -1 for t in old - kept}, **{t: 1 for t in new if t not in kept}})


def _count(cursor, deltas: dict[str, int]) -> None:
    rows = sorted(deltas.items())
    for start in range(0, len(rows), 400):
        batch = rows[start:start + 400]
        cursor.execute(
            f"INSERT INTO {_COUNTS} (term, documents) VALUES {', '.join(['(%s, %s)'] * len(batch))} "
            f"ON CONFLICT (term) DO UPDATE SET documents = {_COUNTS}.documents + excluded.documents",
            [value for row in batch for value in row])


def count_all() -> None:
    """The counts again from the postings (after the index was written around ``index``, e.g. by COPY)."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {_COUNTS}")
        cursor.execute(f"INSERT INTO {_COUNTS} (term, documents) SELECT term, COUNT(*) FROM {_POSTINGS} GROUP BY term")


def search(documents: QuerySet, query: str) -> QuerySet:
    """The documents of ``documents`` holding every term of ``query``, title matches first (the order
    and documents of ``page``, as a QuerySet to filter further).

    Why this shape: the documents holding the rarest term are the only candidates, and each other term
    is one probe of the (document, term) index per candidate. Counting, per document, the matches of
    every term (the obvious GROUP BY) reads the postings of the common terms, which every document
    holds: a second or more per query at 20,000 documents.
    """
    wanted = query_terms(query)
    if not wanted:
        return documents.none()
    rarest, *others = [t for t, _ in _counted(wanted)]
    found = documents.filter(pk__in=SearchTerm.objects.filter(term=rarest).values("document"))
    for term in others:
        found = found.filter(Exists(SearchTerm.objects.filter(document=OuterRef("pk"), term=term)))
    # One index probe per term and candidate, no GROUP BY: the paginator's count leaves it out.
    title_hits = reduce(add, [
        Case(When(Exists(SearchTerm.objects.filter(document=OuterRef("pk"), term=term, in_title=True)), then=Value(1)),
             default=Value(0), output_field=IntegerField()) for term in wanted])
    return found.annotate(title_hits=title_hits).order_by("-title_hits", "-published_on", "-id")


@dataclass(frozen=True)
class Hit:
    """One line of a result list: what the list shows, read as plain values (no model instance)."""

    index_number: str
    title: str
    doc_number: str
    category: str | None  # the public heading's name; None without one
    published_on: str  # ISO date, "" when unknown

    @property
    def path_index(self) -> str:
        """The 索引号 as the document page's URL spells it (portal's IndexConverter: "~" for "/")."""
        return self.index_number.replace("/", "~")


def _asked(number) -> int | None:
    """The page asked for, read as ``Paginator.get_page`` reads it: 1 when not a whole number, None
    (meaning the last page) below 1."""
    try:
        if isinstance(number, float) and not number.is_integer():
            raise ValueError(number)
        wanted = int(number)
    except (TypeError, ValueError):
        return 1
    return wanted if wanted >= 1 else None


def _date(value) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else (value or "")


def _counted(wanted: list[str]) -> list[tuple[str, int]]:
    """The terms with how many documents hold them, the rarest first (a term no document holds: 0)."""
    with connection.cursor() as cursor:  # raw: the ORM's compiling costs more than the query
        cursor.execute(f"SELECT term, documents FROM {_COUNTS} WHERE term IN ({', '.join(['%s'] * len(wanted))})",
                       wanted)
        held = dict(cursor.fetchall())
    return sorted(((t, held.get(t, 0)) for t in wanted), key=lambda pair: pair[1])


def _statement(counted: list[tuple[str, int]], agency_id: int, count_only: bool,
               joined_names: bool = True) -> tuple[str, list]:
    """One statement: the live documents of an agency holding every term, title hits first.

    The candidates are the postings of the rarest term, whose own title flag is in its posting. When
    they are few (the usual case: a query names something particular), every other term is a scalar
    subquery, one probe of the (document, term) index per candidate: PostgreSQL would turn EXISTS
    into joins and plan the join order of them all (5-30 ms for a query of four terms, a hundred times
    running it). When even the rarest term is common, EXISTS lets PostgreSQL merge or hash the
    postings instead of probing thousands of candidates one by one, and the planning is then cheap
    beside the running.
    """
    (rarest, held), others = counted[0], [t for t, _ in counted[1:]]
    if held <= FEW:
        holds = [f"(SELECT 1 FROM {_POSTINGS} p WHERE p.document_id = d.id AND p.term = %s) IS NOT NULL"] * len(others)
        titles = [f"COALESCE((SELECT 1 FROM {_POSTINGS} t WHERE t.document_id = d.id AND t.term = %s "
                  f"AND t.in_title), 0)"] * len(others)
    else:
        holds = [f"EXISTS (SELECT 1 FROM {_POSTINGS} p WHERE p.document_id = d.id AND p.term = %s)"] * len(others)
        titles = [f"CASE WHEN EXISTS (SELECT 1 FROM {_POSTINGS} t WHERE t.document_id = d.id AND t.term = %s "
                  f"AND t.in_title) THEN 1 ELSE 0 END"] * len(others)
    where = " AND ".join(["r.term = %s", "d.agency_id = %s", "d.public_version IS NOT NULL",
                          "d.withdrawn_on IS NULL", *holds])
    joined = f"{_POSTINGS} r JOIN {_DOCUMENTS} d ON d.id = r.document_id"
    params = [rarest, agency_id, *others]
    if count_only:
        return f"SELECT COUNT(*) FROM {joined} WHERE {where}", params
    title_hits = " + ".join(["CASE WHEN r.in_title THEN 1 ELSE 0 END", *titles])
    names = (f"c.name, d.published_on, COUNT(*) OVER () FROM {joined} LEFT JOIN {_CATEGORIES} c "
             f"ON c.id = d.public_category_id" if joined_names
             else f"NULL, d.published_on, COUNT(*) OVER () FROM {joined}")
    return (f"SELECT d.index_number, d.public_title, d.public_doc_number, d.public_category_id, {names} WHERE {where} "
            f"ORDER BY {title_hits} DESC, d.published_on DESC, d.id DESC LIMIT %s OFFSET %s", [*params, *others])


def _rows(counted: list[tuple[str, int]], agency_id: int, number: int, per_page: int,
          names: Mapping[int, str] | None = None) -> tuple[list[Hit], int]:
    """The page's hits and the count of all; the headings' names from ``names`` when given (a heading
    missing from it is read from the database), else joined in the statement."""
    sql, params = _statement(counted, agency_id, count_only=False, joined_names=names is None)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, per_page, (number - 1) * per_page])
        found = cursor.fetchall()
        if names is not None:
            missing = {row[3] for row in found if row[3] is not None and row[3] not in names}
            if missing:  # a heading newer than the names handed in
                cursor.execute(f"SELECT id, name FROM {_CATEGORIES} WHERE id IN ({', '.join(['%s'] * len(missing))})",
                               list(missing))
                names = {**names, **dict(cursor.fetchall())}
            found = [(*row[:4], names.get(row[3]), *row[5:]) for row in found]
    hits = [Hit(index, title or "", doc_number or "", name if category_id is not None else None, _date(day))
            for index, title, doc_number, category_id, name, day, _ in found]
    return hits, (found[0][-1] if found else 0)


def _count_of(counted: list[tuple[str, int]], agency_id: int) -> int:
    sql, params = _statement(counted, agency_id, count_only=True)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def page(agency_id: int, query: str, number, per_page: int, names: Mapping[int, str] | None = None) -> Page:
    """Page ``number`` of the search's results as ``Paginator(search(...)).get_page(number)`` gives it
    (the same documents, order, count and page numbering), its ``object_list`` a list of ``Hit``.

    Why not that: the public search runs a different query nearly every time (the page cache rarely
    holds it), and the ORM's version costs seven statements (a count per term, the paginator's
    COUNT, the page) and model instances. Here it is one statement: the page's rows with the count of
    all of them (``COUNT(*) OVER ()``); a page past the last one costs a count and the last page.
    ``names`` (heading id to name, see ``_rows``) spares the statement its join of the headings,
    which took a third of PostgreSQL's planning of it (~0.13 of ~0.36 ms).
    """
    wanted = query_terms(query)
    if not wanted:
        return Page([], 1, _paginator(0, per_page))
    counted = _counted(wanted)
    asked = _asked(number)
    hits, count = _rows(counted, agency_id, asked, per_page, names) if asked else ([], 0)
    if not hits and asked != 1:  # past the end (or below 1): the last page, as get_page does
        asked = _paginator(_count_of(counted, agency_id), per_page).num_pages
        hits, count = _rows(counted, agency_id, asked, per_page, names)
    return Page(hits, asked, _paginator(count, per_page))


def _paginator(count: int, per_page: int) -> Paginator:
    paginator = Paginator([], per_page)
    paginator.count = count  # known: Paginator would otherwise count its (empty) list
    return paginator
