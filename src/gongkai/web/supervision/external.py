"""Reports published elsewhere: uploaded by the county office, read as the corpus engine reads them.

An agency not on the platform still publishes its report on its own site; the office downloads it
and uploads it here, one file, several, or a zip of them. The files go through the corpus engine's
own discovery (a zip that is no Office document is read member by member, its members' names
decoded as their authors wrote them) and reader (a member's declared and real size bounded), and
each is parsed by the report parser in a child process with the untrusted-file limits (time,
memory, pages, a DOCX's expansion ratio). A file that cannot be read gets its Chinese reason and the
others go on. Each report is matched to the roster by its issuer, as the corpus matches names
(``corpus.roster.Matcher``: the same normalised name, or the same name without leading places when
exactly one agency fits); the office can set or correct the agency by hand. A content uploaded
before (same sha256) is not stored twice.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import tempfile
import zipfile
from dataclasses import dataclass, replace

from django.conf import settings
from django.db import IntegrityError, transaction

from gongkai.corpus import agency as names
from gongkai.corpus import discover, extract
from gongkai.corpus import roster as rosters
from gongkai.corpus.messages import ERRORS as CORPUS_ERRORS
from gongkai.report import ReportError, document_json, parse_bytes
from gongkai.report.source import UNTRUSTED
from gongkai.web.agencies import locks
from gongkai.web.agencies.bodysize import megabytes
from gongkai.web.agencies.models import Agency, record

from . import messages_findings as M
from .access import supervised
from .models import ExternalReport

MAX_ITEMS = 60  # files read per upload, a zip's members counted one by one
SECONDS = 30.0  # reading budget of one file (its child process is killed after it)


@dataclass(frozen=True)
class Outcome:
    name: str
    level: str  # "ok" | "warning" | "error"
    message: str
    row: ExternalReport | None = None


class Matcher:
    """The county's agencies by their normalised names, matched as the corpus matches its roster."""

    def __init__(self, agencies: list[Agency]) -> None:
        self.by_key = {}
        for a in agencies:
            key = names.normalise(a.name)
            if key:
                self.by_key.setdefault(key, a)
        self.matcher = rosters.Matcher([rosters.Entry(key, None, None, None, None) for key in self.by_key])

    def match(self, issuer: str | None) -> Agency | None:
        found = self.matcher.match(names.normalise(issuer))
        return self.by_key.get(found) if found else None


def _limits():
    return replace(UNTRUSTED, max_bytes=settings.GONGKAI_MAX_FILE_BYTES, seconds=SECONDS)


def _save(county: Agency, year: int, name: str, data: bytes, user, matcher: Matcher) -> Outcome:
    """Parse one file's bytes and keep the result (or the reason it could not be read)."""
    sha = hashlib.sha256(data).hexdigest()
    known = ExternalReport.objects.filter(county=county, sha256=sha).first()
    if known is not None:
        return Outcome(name, "warning", M.EXTERNAL_DUPLICATE.format(name=name, other=known.label), known)
    fields = {"label": name[:255], "sha256": sha, "uploaded_by": user}
    try:
        report = parse_bytes(data, name, _limits())
    except ReportError as exc:
        fields.update(year=year, parse_error=exc.message)
        outcome = Outcome(name, "error", M.EXTERNAL_FAILED.format(name=name, reason=exc.message))
    else:
        agency = matcher.match(report.issuer)
        fields.update(year=report.year or year, agency=agency, document=document_json(report, provenance=True))
        if agency is None:
            outcome = Outcome(name, "warning", M.EXTERNAL_UNMATCHED.format(
                name=name, issuer=report.issuer or M.UNKNOWN_ISSUER))
        else:
            outcome = Outcome(name, "ok", M.EXTERNAL_SAVED.format(name=name, agency=agency.name))
    try:
        with transaction.atomic():
            row = ExternalReport.objects.create(county=county, **fields)
            state = "failed" if row.parse_error else ("matched" if row.agency_id else "unmatched")
            record(county, user, f"external:{row.pk}", "external_upload", "", state, name[:200])
    except IntegrityError:  # the same content uploaded at the same moment by another clerk
        known = ExternalReport.objects.filter(county=county, sha256=sha).first()
        return Outcome(name, "warning", M.EXTERNAL_DUPLICATE.format(name=name, other=known.label if known else name),
                       known)
    return replace(outcome, row=row)


def upload(county: Agency, year: int, files, user) -> list[Outcome]:
    """Read every uploaded file (a zip member by member); one outcome per file, in order. A file over
    the size limit, a corrupt one, an unknown format gets its reason; the others are still read."""
    matcher = Matcher(supervised(county))
    limit = settings.GONGKAI_MAX_FILE_BYTES
    out: list[Outcome] = []
    with tempfile.TemporaryDirectory(prefix="gongkai-external-") as folder:
        paths, shown = [], {}
        for n, upload_ in enumerate(files):
            name = os.path.basename(upload_.name or "") or f"file{n + 1}"
            if upload_.size > limit:
                out.append(Outcome(name, "error", M.EXTERNAL_TOO_LARGE.format(
                    name=name, size=megabytes(upload_.size), limit=megabytes(limit))))
                continue
            path = os.path.join(folder, f"{n:03d}")
            with open(path, "wb") as fh:
                for chunk in upload_.chunks():
                    fh.write(chunk)
            paths.append(path)
            shown[path] = name
        options = extract.Options(max_bytes=limit, seconds=SECONDS)
        archives = extract.Archives()
        items = discover.items(paths)
        try:
            for item in itertools.islice(items, MAX_ITEMS):
                name = shown[item.path] if item.member is None else f"{shown[item.path]}::{item.shown or item.member}"
                try:
                    data = extract.read_item(item, archives, options)
                except ReportError as exc:
                    out.append(Outcome(name, "error", M.EXTERNAL_FAILED.format(name=name, reason=exc.message)))
                    continue
                except (zipfile.BadZipFile, KeyError, OSError, EOFError, RuntimeError, ValueError):
                    reason = CORPUS_ERRORS["zip_unreadable"].format(name=shown[item.path])
                    out.append(Outcome(name, "error", M.EXTERNAL_FAILED.format(name=name, reason=reason)))
                    continue
                out.append(_save(county, year, name, data, user, matcher))
            if next(items, None) is not None:
                out.append(Outcome("", "warning", M.EXTERNAL_TOO_MANY.format(limit=MAX_ITEMS)))
        finally:
            archives.close()
    return out


def assign(county: Agency, external_id: int, agency: Agency | None, user, seen: str | None = None) -> ExternalReport:
    """Set (or clear) the agency an uploaded report belongs to; one transaction, under the row's lock."""
    if agency is not None and agency.pk not in {a.pk for a in supervised(county)}:
        raise locks.Conflict(M.EXTERNAL_NOT_IN_SCOPE)
    with transaction.atomic():
        row = locks.locked(ExternalReport, external_id)
        if row.county_id != county.pk:
            raise locks.Conflict()
        locks.check_seen(locks.fingerprint(row), seen)
        before = str(row.agency_id or "")
        row.agency = agency
        row.save(update_fields=["agency"])
        record(county, user, f"external:{row.pk}", "external_assign", before, str(agency.pk if agency else ""),
               agency.name if agency else "")
    return row


def uploads_of(county: Agency) -> list[ExternalReport]:
    """Every upload of the county, the latest first (a report of another year than the page's stays
    visible, with its year, so that a wrongly read year can be seen)."""
    return list(ExternalReport.objects.filter(county=county).select_related("agency").order_by("-uploaded_at", "-id"))
