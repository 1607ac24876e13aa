"""The one report of each supervised agency and year that the supervisor's pages look at.

Preference, best first: what the agency published on the platform (its latest version, 更正 included);
else what it last filed with the county office (先备案后公布); else a report published elsewhere that
the office uploaded and matched to the agency. A draft never filed is not the office's business and is
not returned (``source == "draft"`` is reserved for callers that assemble one themselves).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from gongkai.report import RenderError, Report, report_from_json
from gongkai.web.agencies.models import Agency
from gongkai.web.reports.models import ReportVersion

from .access import ancestors, supervised
from .models import ExternalReport, Filing


@dataclass(frozen=True)
class SourcedReport:
    agency: Agency
    year: int
    report: Report
    source: str  # "published" | "filed" | "external" | "draft"
    label: str  # Chinese: 已发布第2版 / 报送第1次 / 外部上传 文件名
    published_on: dt.date | None
    filed_on: dt.date | None  # the day of the agency's FIRST submission of the year (the filing deadline's)
    document: dict


def _report(document: dict) -> Report | None:
    try:
        return report_from_json(document)
    except (RenderError, ValueError, TypeError, KeyError):
        return None


def uploads(county: Agency, agency_ids: list[int], year: int):
    """The parsed uploads matched to these agencies for the year that count for ``county``: uploaded by
    the county itself or by an agency above it (a city office may upload for its counties), never by a
    sibling county. The board (已发布 elsewhere) and ``reports_of`` both read them here, so they agree."""
    return ExternalReport.objects.filter(county_id__in=[a.pk for a in ancestors(county)], agency_id__in=agency_ids,
                                         year=year, document__isnull=False)


def reports_of(county: Agency, year: int, agencies: list[Agency] | None = None) -> dict[int, SourcedReport]:
    """For each supervised agency (``agencies`` when given, else ``supervised(county)``) its best report
    of the year, by agency id; an agency with none is absent. Three queries whatever the county's size."""
    agencies = agencies if agencies is not None else supervised(county)
    by_id = {a.pk: a for a in agencies}
    ids = list(by_id)
    versions: dict[int, ReportVersion] = {}
    for v in (ReportVersion.objects.filter(report__agency_id__in=ids, report__year=year)
              .select_related("report").order_by("report_id", "number")):
        versions[v.report.agency_id] = v  # the last one wins: the latest version
    first_filed: dict[int, dt.date] = {}
    last_filing: dict[int, Filing] = {}
    for f in Filing.objects.filter(agency_id__in=ids, year=year).order_by("agency_id", "number"):
        first_filed.setdefault(f.agency_id, f.submitted_on)
        if f.state != Filing.State.WITHDRAWN:
            last_filing[f.agency_id] = f
    external: dict[int, ExternalReport] = {}
    for e in uploads(county, ids, year).order_by("uploaded_at", "id"):
        external[e.agency_id] = e
    out: dict[int, SourcedReport] = {}
    for pk, agency in by_id.items():
        candidates = []
        if pk in versions:
            v = versions[pk]
            candidates.append(("published", f"已发布第{v.number}版", v.snapshot, v.published_on))
        if pk in last_filing:
            f = last_filing[pk]
            candidates.append(("filed", f"报送第{f.number}次", f.snapshot, None))
        if pk in external:
            e = external[pk]
            candidates.append(("external", f"外部上传 {e.label}", e.document, None))
        for source, label, document, published_on in candidates:
            report = _report(document)
            if report is None:
                continue
            if source == "external":
                published_on = report.published_on
            out[pk] = SourcedReport(agency, year, report, source, label, published_on, first_filed.get(pk), document)
            break
    return out


def report_of(agency: Agency, year: int) -> SourcedReport | None:
    """The best report of one agency and year (see ``reports_of``), with the uploads of any agency above it."""
    return reports_of(agency, year, [agency]).get(agency.pk)
