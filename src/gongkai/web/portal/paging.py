"""The catalogue's counts and pages without counting or skipping rows on each request.

Counts: how many live documents an agency has per heading is counted once per change of the public
pages (one grouped count on the partial index ``catalogue_counts``) and stored in the shared cache
under the page cache's version token (pagecache.py), so every worker reads the same stored figures
and a publication, revision or withdrawal is counted again at once. The catalogue's total and its
number of pages come from these figures; no request runs ``COUNT(*)`` over the documents.

Pages: "下一页" carries the position of the last row shown (``after=<published_on>~<id>``), and the
next page is read from the index after it (keyset pagination), so page 500 costs what page 1 does.
A page asked for by number alone (a typed or old link) is read with OFFSET as before.
"""

from __future__ import annotations

import datetime as dt
import re

from django.core.cache import cache
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db.models import Count, Q, QuerySet

from gongkai.web.disclosures.models import LIVE, Document

from . import pagecache

COUNTS_TTL = 24 * 3600  # seconds; a new token (any change) makes them unused long before
_CURSOR = re.compile(r"^(\d{4}-\d{2}-\d{2})~(\d{1,18})$")


def live_counts(agency) -> dict[int | None, int]:
    """Live documents per category id (None: without a heading), stored until the next change.

    Counted on each request while the shared cache is down (the page cache is off then too).
    """
    try:
        token, _ = pagecache.version()
        key = f"portal:counts:{token}:{agency.pk}"
        counts = cache.get(key)
    except Exception:
        return _count(agency)
    if counts is None:
        counts = _count(agency)
        cache.set(key, counts, COUNTS_TTL)
    return counts


def _count(agency) -> dict[int | None, int]:
    return dict(Document.objects.filter(LIVE, agency=agency).values("public_category")
                .annotate(n=Count("*")).values_list("public_category", "n"))


def cursor_of(doc: Document) -> str:
    return f"{doc.published_on.isoformat()}~{doc.pk}"


def parse_cursor(value: str | None) -> tuple[dt.date, int] | None:
    """The (published_on, id) of an ``after`` value, or None when it is absent or malformed."""
    found = _CURSOR.match(value or "")
    if not found:
        return None
    try:
        return dt.date.fromisoformat(found.group(1)), int(found.group(2))
    except ValueError:
        return None


def catalogue_page(documents: QuerySet, count: int, number, after, per_page: int) -> Page:
    """Page ``number`` of ``documents`` (ordered newest first), knowing there are ``count`` of them.

    With a valid ``after`` cursor the rows are those following it in the order; else OFFSET. The page
    carries ``cursor`` (for the next page's link) when there is a next page.
    """
    paginator = Paginator(documents, per_page)
    paginator.count = count  # the stored figure: Paginator would otherwise COUNT(*) the queryset
    position = parse_cursor(after)
    try:
        wanted = paginator.validate_number(number)
    except PageNotAnInteger:
        wanted, position = 1, None
    except EmptyPage:
        wanted, position = paginator.num_pages, None
    if position is None or wanted == 1:
        page = paginator.page(wanted)
    else:
        day, pk = position
        rows = list(documents.filter(Q(published_on__lt=day) | Q(published_on=day, id__lt=pk))[:per_page])
        page = Page(rows, wanted, paginator)
    rows = list(page.object_list)
    page.object_list = rows
    page.cursor = cursor_of(rows[-1]) if rows and page.has_next() else ""
    return page
