"""What the public may see, decided once for the HTML pages and the API alike.

Only the ``public_*`` fields of a document are ever read here: a revision under review changes the
draft fields and must stay invisible until it is signed off.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.loader import get_template
from django.urls import get_script_prefix, get_urlconf, reverse

from gongkai.report import RenderError
from gongkai.report import render as render_report
from gongkai.web.agencies.models import Agency
from gongkai.web.disclosures import search as fulltext
from gongkai.web.disclosures.models import LIVE, Category, Document, DocumentFile
from gongkai.web.reports.models import AnnualReport, ReportVersion

from . import paging
from .guide import default_guide
from .models import Guide

PER_PAGE = 20
LATEST = 10
MAX_QUERY = 50  # characters
DOWNLOADS = ("docx", "pdf")
CONTENT_TYPES = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                 "pdf": "application/pdf"}


@dataclass
class Node:
    agency: Agency
    children: list[Node] = field(default_factory=list)


def agency_tree() -> list[Node]:
    """Every agency under its parent, in one query; an agency whose parent is missing stays at the top."""
    nodes = {a.pk: Node(a) for a in Agency.objects.order_by("parent_id", "code")}
    top = []
    for node in nodes.values():
        parent = nodes.get(node.agency.parent_id)
        (parent.children if parent else top).append(node)
    return top


def agency_or_404(code: str) -> Agency:
    return get_object_or_404(Agency, code=code)


class _PerToken:
    """Values read once per page-cache token and worker, forgotten when the token changes.

    Exact for the same reason as the stored pages: the token was read (``public_page``) before the
    value, and every save or delete of what the value holds writes a new token (apps.py).
    """

    def __init__(self):
        self._token, self._values = None, {}

    def get(self, request, key, load):
        """The value for ``key`` under the request's token; ``load()`` without one (page cache off,
        shared cache down, not a ``public_page``): None is then the caller's cue to read it itself."""
        found = getattr(request, "_gongkai_page_key", None)
        if found is None:
            return None
        token = found[0][0]
        if self._token != token:
            self._token, self._values = token, {}
        if key not in self._values:
            self._values[key] = load()
        return self._values[key]


_agencies = _PerToken()


def agency_for(request, code: str) -> Agency:
    """``agency_or_404(code)``, read from the database once per page-cache token and worker.

    Why: a search that misses the page cache paid a round trip and a model for a row that changes far
    more rarely than the token does. Without a token it is the database's row. Each caller gets its
    own copy: a view changing its agency cannot change another request's.
    """
    agency = _agencies.get(request, code, lambda: agency_or_404(code))
    return agency_or_404(code) if agency is None else copy.copy(agency)


def published(agency: Agency) -> QuerySet:
    """The catalogue: documents with a signed-off version, not withdrawn."""
    # The texts are for the document page; lists need neither the draft nor the public body.
    return (Document.objects.filter(LIVE, agency=agency).select_related("public_category").defer("body", "public_body")
            .order_by("-published_on", "-id"))


def categories(agency: Agency) -> list[Category]:
    """The agency's headings, each with ``count`` of live documents (stored until the next change, paging.py)."""
    counts = paging.live_counts(agency)
    headings = list(Category.objects.filter(agency=agency))
    for c in headings:
        c.count = counts.get(c.pk, 0)
    return headings


def category_rows(agency: Agency) -> list[dict]:
    return [{"id": c.pk, "name": c.name, "count": c.count} for c in categories(agency)]


def category_or_404(agency: Agency, value) -> Category | None:
    if value in (None, ""):
        return None
    if not str(value).isdigit():
        raise Http404("bad category")
    return get_object_or_404(Category, agency=agency, pk=int(value))


_names = _PerToken()


def category_names(request, agency: Agency) -> MappingProxyType | None:
    """The agency's headings, id to name, read once per page-cache token and worker (as ``agency_for``);
    None without a token. For the search's result list (search.page), whose statement then needs no
    join of the headings."""
    return _names.get(request, agency.pk, lambda: MappingProxyType(
        dict(Category.objects.filter(agency=agency).values_list("pk", "name"))))


_SECTIONS = {"home": "portal_agency", "guide": "portal_guide", "catalogue": "portal_catalogue",
             "search": "portal_search", "apply": "portal_apply", "status": "portal_status",
             "reports": "portal_reports", "mailbox": "portal_mailbox"}


def links(code: str | None) -> MappingProxyType:
    """The URLs every portal page links to (the county, the API, an agency's sections and the prefix of
    its documents' pages), reversed once per agency and URL configuration rather than ten times a page.

    Keyed by the script prefix and the URLconf, the two things besides the code that ``reverse`` reads.
    """
    return _links(get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF, code or "")


@lru_cache(maxsize=512)
def _links(prefix: str, urlconf: str, code: str) -> MappingProxyType:
    found = {"county": reverse("portal_county", urlconf=urlconf),
             "api": reverse("portal_api:openapi-view", urlconf=urlconf)}
    if code:
        found.update({section: reverse(name, args=[code], urlconf=urlconf) for section, name in _SECTIONS.items()})
        # The converter's characters need no quoting: a document's URL is this prefix, its 索引号 with "~", "/".
        found["documents"] = reverse("portal_document", args=[code, "x"], urlconf=urlconf).removesuffix("x/")
    return MappingProxyType(found)


def nav(code: str, section) -> str:
    """The agency's row of sections (portal/nav.html), the current one marked, rendered once per agency,
    section and URL configuration: the same few bytes on every page, ten lookups and eight comparisons
    each time otherwise. Rendered every time in DEBUG, where templates are edited while the site runs."""
    section = section or ""  # as the template's section|default:"" read it
    if settings.DEBUG or not isinstance(section, str):
        return _nav(links(code), section)
    return _cached_nav(get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF, code or "", section)


@lru_cache(maxsize=512)
def _cached_nav(prefix: str, urlconf: str, code: str, section: str) -> str:
    return _nav(_links(prefix, urlconf, code), section)


def _nav(found, section) -> str:
    return get_template("portal/nav.html").render({"links": found, "section": section})


# The 索引号 holds a slash ("ORG/2025-00001"); in a URL it is written with "~", which no 索引号 holds.
def index_to_url(index_number: str) -> str:
    return index_number.replace("/", "~")


def index_from_url(value: str) -> str:
    return value.replace("~", "/")


def document_or_404(agency: Agency, index: str) -> Document:
    """A document that was ever published (a withdrawn one too: its page says so); never a draft."""
    doc = (Document.objects.filter(agency=agency, index_number=index_from_url(index), public_version__isnull=False)
           .select_related("public_category").prefetch_related("files").first())
    if doc is None:
        raise Http404("no such public document")
    return doc


def shown_body(doc: Document) -> str:
    """The text the public gets: the version signed off, and nothing once withdrawn or repealed.

    The document page and the API both read it from here, so that neither can show what the other hides.
    """
    return "" if doc.is_withdrawn else doc.public_body


def shown_files(doc: Document) -> list[DocumentFile]:
    """The attachments the public may download: none once the document is withdrawn or repealed."""
    return [] if doc.is_withdrawn else list(doc.files.all())


def file_or_404(doc: Document, pk: int) -> DocumentFile:
    """One attachment the public may download; ``Withdrawn`` when the document no longer is public."""
    item = get_object_or_404(DocumentFile, document=doc, pk=pk)
    if doc.is_withdrawn:
        raise Withdrawn(doc)
    return item


class Withdrawn(Exception):
    """An attachment of a withdrawn or repealed document: gone (410), with a page that says so."""

    def __init__(self, doc: Document):
        super().__init__(doc.index_number)
        self.document = doc


def clean_query(raw: str | None) -> tuple[str, str]:
    """The query and, when it cannot be searched, the Chinese sentence saying why."""
    query = re.sub(r"\s+", " ", raw or "").strip()
    if not query:
        return "", "请输入要查找的字词。"
    if len(query) > MAX_QUERY:
        return query[:MAX_QUERY], f"查找内容过长，请不超过{MAX_QUERY}个字。"
    if not fulltext.query_terms(query):
        return query, "请输入汉字、字母或数字。"
    return query, ""


def search(agency: Agency, query: str) -> QuerySet:
    return fulltext.search(published(agency), query)


def guide(agency: Agency) -> tuple[str, Guide | None]:
    written = Guide.objects.filter(agency=agency).first()
    if written and written.body.strip():
        return written.body, written
    return default_guide(agency), None


def reports(agency: Agency) -> QuerySet:
    """Published reports; one being corrected stays public as last published until its correction is out."""
    return AnnualReport.objects.filter(agency=agency, snapshot__isnull=False, state__in=(
        AnnualReport.State.PUBLISHED, AnnualReport.State.CORRECTING)).order_by("-year")


def report_or_404(agency: Agency, year: int) -> AnnualReport:
    return get_object_or_404(reports(agency), year=year)


def versions(report: AnnualReport) -> list[ReportVersion]:
    """Every published version, first to last: all but the last are superseded by a correction."""
    return list(report.versions.all())


def version_or_404(report: AnnualReport, number: int) -> ReportVersion:
    return get_object_or_404(ReportVersion, report=report, number=number)


def render_published(report: AnnualReport | ReportVersion, kind: str) -> bytes:
    """The report (or one version) exactly as published. Raises RenderError (e.g. no PDF font installed)."""
    # Published means checked at publication: the public gets that document, not a re-validation.
    return render_report(report.snapshot, kind, allow_errors=True)


_ARTICLE = re.compile(r"<article>(.*)</article>", re.S)


def report_html(report: AnnualReport | ReportVersion) -> str:
    """The body of the renderer's stand-alone page, to sit inside the portal's own page."""
    page = render_published(report, "html").decode("utf-8")
    found = _ARTICLE.search(page)
    return found.group(1) if found else ""


__all__ = ["CONTENT_TYPES", "DOWNLOADS", "RenderError"]
