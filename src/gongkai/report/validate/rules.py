"""The consistency rules of one report, each a small function from a report to findings.

Arithmetic rules skip a sum when one of its cells is blank: the blank is reported once, as
``missing_cell``, instead of as a cascade of wrong totals.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from .. import schema
from ..messages import FINDINGS, LEVELS
from ..model import Finding, Report, TableData
from .narrative import read_statements


@dataclass(frozen=True)
class Deadlines:
    """Publication deadlines (month, day) in the year after the report year, by issuer level.

    条例 Art 49: government departments at county level and above by 31 January, the county-level-
    and-above government's own report by 31 March. Townships follow local rules: configurable.
    """

    government: tuple[int, int] = (3, 31)
    department: tuple[int, int] = (1, 31)
    township: tuple[int, int] = (1, 31)
    # Townships' deadlines are local rules, so missing them is a warning, not an error.
    township_severity: str = "warning"


@dataclass(frozen=True)
class ValidationConfig:
    deadlines: Deadlines = field(default_factory=Deadlines)


_TOWNSHIP = re.compile(r"(乡|镇|街道|苏木)(人民政府|政府|办事处)?$|街道办事处$")
_GOVERNMENT = re.compile(r"(省|自治区|市|州|盟|县|区|旗)人民政府$")


def issuer_level(issuer: str | None) -> str:
    if issuer and _TOWNSHIP.search(issuer):
        return "township"
    if issuer and _GOVERNMENT.search(issuer):
        return "government"
    return "department"


def validate(report: Report, config: ValidationConfig | None = None) -> list[Finding]:
    """All findings: the parser's (inferred or ambiguous cells) followed by every rule's."""
    config = config or ValidationConfig()
    # The parser's findings stand; any a previous validation added are made anew, not repeated.
    findings = [f for f in report.findings if f.rule not in RULE_IDS]
    for rule in _RULES:
        findings.extend(rule(report, config))
    return findings


Rule = Callable[[Report, ValidationConfig], Iterator[Finding]]


def _values(table: TableData, cells: list[tuple[str, str]]) -> list[int | float] | None:
    rows = table.rows
    values = [rows[r][c].value for r, c in cells]
    if None in values:
        return None
    return values  # type: ignore[return-value]


@lru_cache(maxsize=1024)
def _paths(table: str, rows: tuple[str, ...], columns: tuple[str, ...]) -> tuple[str, ...]:
    """The cell paths (``TableData.path``) of ``rows`` × ``columns``, row by row: the sums' findings
    name the same cells in every report."""
    return tuple(f"{table}.{row}.{col}" for row in rows for col in columns)


def _fmt(n: int | float) -> str:
    if n.__class__ is int:  # the common case first: most cells are counts
        return str(n)
    return f"{n:g}" if isinstance(n, float) else str(n)


# The cells a row's sum names, in the order its finding lists them: the parts, then the total.
_APPLICANT_SUM = (*schema.APPLICANT_PARTS, "total")
_APPEAL_SUM = (*schema.APPEAL_PARTS, "total")


def missing_section(report: Report, config: ValidationConfig) -> Iterator[Finding]:
    if report.format == "pre2019":
        return
    tables = {2: report.proactive, 3: report.applications, 4: report.appeals}
    # A text that ends inside a table (a page opening) shows nothing after it: not missing, not visible.
    cut_table = (report.truncated or "").split(".")[0]
    cut_after = {"proactive": 2, "applications": 3, "appeals": 4}.get(cut_table, 99)
    if cut_table and getattr(report, cut_table) is None:
        cut_after -= 1  # the text ends before that table's first row: its section is not visible either
    for section in schema.SECTIONS:
        if section.number in report.sections or section.number > cut_after:
            continue
        table_missing = section.number in tables and tables[section.number] is None
        yield Finding(
            "missing_section",
            "error" if table_missing else "warning",
            FINDINGS["missing_section"].format(number="一二三四五六"[section.number - 1], label=section.label[2:]),
        )
    for number, table in tables.items():
        if table is None and number in report.sections and number <= cut_after:
            spec = schema.FORMAT_2021.tables[number - 2]
            yield Finding("missing_section", "error", FINDINGS["missing_table"].format(label=spec.label))


def format_mismatch(report: Report, config: ValidationConfig) -> Iterator[Finding]:
    required = schema.required_format(report.year)
    if report.format == "unknown":
        if report.tables() or report.sections:
            yield Finding("format_mismatch", "error", FINDINGS["format_unknown"])
        return
    if required is None or required == report.format:
        return
    names = {"2021": "2021年版", "2019": "2019年版", "pre2019": "2019年以前"}
    notice = schema.FORMATS[required].notice if required in schema.FORMATS else "省级规定"
    yield Finding(
        "format_mismatch",
        "error" if required == "2021" else "warning",
        FINDINGS["format_mismatch"].format(
            year=report.year, required=names[required], notice=notice, actual=names.get(report.format, report.format)
        ),
    )


def missing_cell(report: Report, config: ValidationConfig) -> Iterator[Finding]:
    for table in report.tables():
        rows = table.rows
        invisible = report.invisible
        for row in table.spec.rows:
            cells = rows[row.key]
            blank = [
                c for c in row.columns
                if cells[c.key].value is None and (not invisible or table.path(row.key, c.key) not in invisible)
            ]
            if not blank:
                continue
            placeholders = [c for c in blank if cells[c.key].raw]
            template = "missing_cell_placeholder" if len(placeholders) == len(blank) else "missing_cell"
            raw = cells[blank[0].key].raw or ""
            yield Finding(
                "missing_cell",
                "warning" if template == "missing_cell_placeholder" else "error",
                FINDINGS[template].format(
                    table=table.spec.label, row=row.label, column="、".join(c.label for c in blank), raw=raw
                ),
                tuple(table.path(row.key, c.key) for c in blank),
                cells[blank[0].key].where,
            )


def non_negative(report: Report, config: ValidationConfig) -> Iterator[Finding]:
    for table in report.tables():
        rows = table.rows
        for row in table.spec.rows:
            cells = rows[row.key]
            for column in row.columns:
                cell = cells[column.key]
                if cell.value is not None and cell.value < 0 and column.kind != "delta":
                    yield Finding(
                        "non_negative",
                        "error",
                        FINDINGS["non_negative"].format(row=row.label, column=column.label, value=_fmt(cell.value)),
                        (table.path(row.key, column.key),),
                        cell.where,
                    )


def row_total(report: Report, config: ValidationConfig) -> Iterator[Finding]:
    table = report.applications
    if table is None:
        return
    parts = schema.APPLICANT_PARTS
    rows = table.rows
    for row in table.spec.rows:
        cells = rows[row.key]
        total = cells["total"]
        if total.value is None:
            continue
        values = [cells[c].value for c in parts]
        if None in values:
            continue
        parts_sum = sum(values)  # type: ignore[arg-type]
        if parts_sum == total.value:
            continue
        yield Finding(
            "row_total",
            "error",
            FINDINGS["row_total"].format(row=row.label, total=_fmt(total.value), sum=_fmt(parts_sum)),
            _paths(table.spec.key, (row.key,), _APPLICANT_SUM),
            total.where,
        )


def outcome_total(report: Report, config: ValidationConfig) -> Iterator[Finding]:
    table = report.applications
    if table is None:
        return
    outcomes = [row.key for row in table.spec.rows if row.outcome]
    outcome_cells = [table.rows[r] for r in outcomes]
    totals = table.rows["total"]
    for column in schema.APPLICANT_COLUMNS:
        total = totals[column.key].value
        if total is None:
            continue
        key = column.key
        values = [cells[key].value for cells in outcome_cells]
        if None in values:
            continue
        outcomes_sum = sum(values)  # type: ignore[arg-type]
        if outcomes_sum == total:
            continue
        yield Finding(
            "outcome_total",
            "error",
            FINDINGS["outcome_total"].format(column=column.label, total=_fmt(total), sum=_fmt(outcomes_sum)),
            _paths(table.spec.key, (*outcomes, "total"), (column.key,)),
            table.cell("total", column.key).where,
        )


def balance(report: Report, config: ValidationConfig) -> Iterator[Finding]:
    table = report.applications
    if table is None:
        return
    for column in schema.APPLICANT_COLUMNS:
        keys = ("new", "carried_in", "total", "carried_out")
        values = _values(table, [(r, column.key) for r in keys])
        if values is None:
            continue
        new, carried_in, total, carried_out = values
        if new + carried_in == total + carried_out:
            continue
        yield Finding(
            "balance",
            "error",
            FINDINGS["balance"].format(
                column=column.label, new=_fmt(new), carried_in=_fmt(carried_in), left=_fmt(new + carried_in),
                total=_fmt(total), carried_out=_fmt(carried_out), right=_fmt(total + carried_out),
            ),
            _paths(table.spec.key, keys, (column.key,)),
            table.cell("total", column.key).where,
        )


def appeal_total(report: Report, config: ValidationConfig) -> Iterator[Finding]:
    table = report.appeals
    if table is None:
        return
    parts = schema.APPEAL_PARTS
    rows = table.rows
    for row in table.spec.rows:
        cells = rows[row.key]
        total = cells["total"]
        if total.value is None:
            continue
        values = [cells[c].value for c in parts]
        if None in values:
            continue
        parts_sum = sum(values)  # type: ignore[arg-type]
        if parts_sum == total.value:
            continue
        yield Finding(
            "appeal_total",
            "error",
            FINDINGS["appeal_total"].format(group=row.label, total=_fmt(total.value), sum=_fmt(parts_sum)),
            _paths(table.spec.key, (row.key,), _APPEAL_SUM),
            total.where,
        )


def late_publication(report: Report, config: ValidationConfig) -> Iterator[Finding]:
    if report.published_on is None or report.year is None:
        return
    if report.published_on <= date(report.year, 12, 31):
        yield Finding(
            "late_publication",
            "warning",
            FINDINGS["published_before_year_end"].format(published=report.published_on.isoformat()),
        )
        return
    level = issuer_level(report.issuer)
    month, day = getattr(config.deadlines, level)
    if report.year <= 2018:
        # The 2008 条例 (Art 31) gave every body until 31 March; Art 49 of the 2019 条例 applies
        # from the 2019 reports on.
        month, day = 3, 31
    deadline = date(report.year + 1, month, day)
    if report.published_on > deadline:
        yield Finding(
            "late_publication",
            config.deadlines.township_severity if level == "township" else "error",
            FINDINGS["late_publication"].format(
                published=report.published_on.isoformat(), level=LEVELS[level], deadline=deadline.isoformat()
            ),
        )


def narrative_mismatch(report: Report, config: ValidationConfig) -> Iterator[Finding]:
    section = report.sections.get(1)
    if section is None:
        return
    said = read_statements(section.text)
    apps = report.applications
    if said.applications is not None and apps is not None:
        total = apps.value("new", "total")
        if total is not None and total != said.applications:
            yield Finding(
                "narrative_mismatch",
                "warning",
                FINDINGS["narrative_applications"].format(stated=said.applications, table=_fmt(total)),
                (apps.path("new", "total"),),
                section.where,
            )
    appeals = report.appeals
    if appeals is not None:
        recon = appeals.value("reconsideration", "total")
        if said.reconsideration is not None and recon is not None and recon != said.reconsideration:
            yield Finding(
                "narrative_mismatch",
                "warning",
                FINDINGS["narrative_reconsideration"].format(stated=said.reconsideration, table=_fmt(recon)),
                (appeals.path("reconsideration", "total"),),
                section.where,
            )
        lit = [appeals.value(g, "total") for g in ("litigation_direct", "litigation_after_reconsideration")]
        if said.litigation is not None and None not in lit and sum(lit) != said.litigation:  # type: ignore[arg-type]
            yield Finding(
                "narrative_mismatch",
                "warning",
                FINDINGS["narrative_litigation"].format(stated=said.litigation, table=_fmt(sum(lit))),  # type: ignore[arg-type]
                (appeals.path("litigation_direct", "total"), appeals.path("litigation_after_reconsideration", "total")),
                section.where,
            )
    if said.proactive_total is not None and said.proactive_parts_sum != said.proactive_total:
        yield Finding(
            "narrative_mismatch",
            "warning",
            FINDINGS["narrative_breakdown"].format(stated=said.proactive_total, sum=said.proactive_parts_sum),
            (),
            section.where,
        )
    proactive = report.proactive
    if said.normative_documents is not None and proactive is not None and report.format == "2021":
        issued = proactive.value("normative_documents", "issued")
        if issued is not None and issued != said.normative_documents:
            yield Finding(
                "narrative_mismatch",
                "warning",
                FINDINGS["narrative_documents"].format(stated=said.normative_documents, table=_fmt(issued)),
                (proactive.path("normative_documents", "issued"),),
                section.where,
            )


# The finding ids the rules below produce (a rule may produce more than its own name).
RULE_IDS = frozenset({
    "missing_section", "format_mismatch", "missing_cell", "non_negative", "row_total", "outcome_total", "balance",
    "appeal_total", "late_publication", "narrative_mismatch",
})

_RULES: tuple[Rule, ...] = (
    missing_section,
    format_mismatch,
    missing_cell,
    non_negative,
    row_total,
    outcome_total,
    balance,
    appeal_total,
    late_publication,
    narrative_mismatch,
)
