"""The county office's two workbooks: the figures (per agency, the members' sum, the county's own
report, the rankings) and the findings with the office's decisions.

The numbers are the page's: both read one ``figures.CountyFigures`` / ``findings.collect`` result,
nothing is recomputed here. Shares are written as numbers with a percentage format (so they can be
sorted and summed in the spreadsheet), blanks stay empty. Text that starts like a formula (a parsed
external report's cell text, a comment) is written as text, as the 登记台账 export does.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from gongkai.corpus import measures
from gongkai.web.applications.ledger import FORMULA_START

from . import messages_figures as M
from .figures import PLATFORM, RANK_MIN_BASE, SHOWN, AgencyFigures, CountyFigures

SHARE_KEYS = ("disclosed_rate", "reconsideration_corrected_rate", "litigation_corrected_rate")
PERCENT = "0.0%"


def _text(value):
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def figure_header() -> list[str]:
    return [M.XLSX_AGENCY, M.XLSX_SOURCE, *(M.SUM_LABELS[k] for k in SHOWN),
            *(measures.SHARES[k][0] for k in SHARE_KEYS), *(M.PLATFORM_LABELS[k] for k in PLATFORM)]


def figure_row(label: str, source: str, sums: dict, shares: dict, platform: dict) -> list:
    return [_text(label), _text(source), *(sums.get(k) for k in SHOWN), *(shares.get(k) for k in SHARE_KEYS),
            *(platform.get(k) for k in PLATFORM)]


def _agency_row(row: AgencyFigures) -> list:
    return figure_row(row.agency.name, row.source or M.NO_REPORT, row.sums, row.shares, row.platform)


def _bold(sheet, row: int) -> None:
    for cell in sheet[row]:
        cell.font = Font(bold=True)


def figures_workbook(figures: CountyFigures) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = M.XLSX_FIGURES_SHEET
    sheet.append([f"{figures.county.name} " + M.FIGURES_TITLE.format(year=figures.year)])
    sheet.append(figure_header())
    _bold(sheet, 2)
    for row in figures.members:
        sheet.append(_agency_row(row))
    sheet.append(figure_row(M.COUNTY_SUM, f"{len(figures.reported)}/{len(figures.members)}", figures.sums,
                            figures.shares, figures.platform))
    _bold(sheet, sheet.max_row)
    sheet.append(figure_row(f"{figures.county.name}（{M.COUNTY_OWN}）", figures.own.source or M.NO_REPORT,
                            figures.own.sums, figures.own.shares, figures.own.platform))
    first_share = 3 + len(SHOWN)
    for col in range(first_share, first_share + len(SHARE_KEYS)):
        for (cell,) in sheet.iter_rows(min_row=3, min_col=col, max_col=col):
            cell.number_format = PERCENT
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 16
    for col in range(3, sheet.max_column + 1):
        sheet.column_dimensions[get_column_letter(col)].width = 12
    sheet.freeze_panes = "C3"
    sheet.append([])
    sheet.append([M.PLATFORM_NOTE.format(today=figures.on.isoformat())])

    ranks = book.create_sheet(M.XLSX_RANKINGS_SHEET)
    ranks.append([M.RANK_NOTE.format(n=RANK_MIN_BASE)])
    for ranking in figures.rankings:
        ranks.append([])
        ranks.append([ranking.title])
        _bold(ranks, ranks.max_row)
        ranks.append([ranking.definition])
        ranks.append(["名次", M.XLSX_AGENCY, "数值", "样本"])
        for place, row, value, base in ranking.ranked:
            ranks.append([place, _text(row.agency.name), value, base])
            if ranking.percent:
                ranks.cell(ranks.max_row, 3).number_format = PERCENT
        for row in ranking.too_small:
            ranks.append([M.TOO_SMALL, _text(row.agency.name)])
    ranks.column_dimensions["B"].width = 28
    return _save(book)


def findings_workbook(county, year: int, items: list) -> bytes:
    """One row per finding (``findings.Item``): agency, rule, severity, cells, message, article, decision."""
    book = Workbook()
    sheet = book.active
    sheet.title = M.XLSX_FINDINGS_SHEET
    sheet.append([f"{county.name} {year}年度 年度报告审查发现的问题"])
    sheet.append(list(M.XLSX_FINDINGS_HEADER))
    _bold(sheet, 2)
    for item in items:
        decision = item.decision
        sheet.append([_text(item.agency.name), item.rule, M.SEVERITY.get(item.severity, item.severity),
                      _text("、".join(item.cells)), _text(item.message), _text(item.article),
                      M.DECISIONS[decision.decision if decision else ""], _text(decision.comment if decision else "")])
    for col, width in zip("ABCDEFGH", (28, 18, 8, 30, 60, 24, 8, 30), strict=True):
        sheet.column_dimensions[col].width = width
    sheet.freeze_panes = "A3"
    return _save(book)


def _save(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
