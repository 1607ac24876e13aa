"""The charts of the county figures page: ``gongkai.corpus.charts`` (inline SVG, no CDN, a <title> and
<desc> each) fed with the county's figures. Only the choice of what to draw lives here."""

from __future__ import annotations

from gongkai.corpus import charts

from . import messages_figures as M
from .figures import OUTCOMES, CountyFigures


def county_charts(figures: CountyFigures) -> list[tuple[str, str]]:
    """(caption, SVG string) pairs, in the order the page shows them; a chart with nothing to draw is
    left out. The caption repeats the SVG's <title> for sighted readers."""
    out = []
    name = lambda row: row.agency.name  # noqa: E731
    new = sorted(((name(r), r.sums["new"]) for r in figures.members if r.sums["new"] is not None),
                 key=lambda item: -item[1])
    if new:
        out.append((M.CHART_APPLICATIONS, charts.bars("chart-new", M.CHART_APPLICATIONS,
                                                      M.CHART_APPLICATIONS_DESC.format(year=figures.year), new)))
    outcome_rows = []
    for r in figures.members:
        parts = [r.sums[k] or 0 for k in OUTCOMES]
        whole = sum(parts)
        if whole:
            outcome_rows.append((name(r), [p / whole for p in parts]))
    if outcome_rows:
        out.append((M.CHART_OUTCOMES, charts.stacked("chart-outcomes", M.CHART_OUTCOMES, M.CHART_OUTCOMES_DESC,
                                                     list(M.OUTCOME_PARTS), outcome_rows)))
    disclosed = next(r for r in figures.rankings if r.key == "disclosed_rate")
    if disclosed.ranked:
        out.append((M.CHART_DISCLOSED, charts.bars("chart-disclosed", M.CHART_DISCLOSED, M.CHART_DISCLOSED_DESC,
                                                   [(name(row), value) for _, row, value, _ in disclosed.ranked],
                                                   percent=True)))
    overdue = sorted(((name(r), r.overdue) for r in figures.members if r.overdue), key=lambda item: -item[1])
    if overdue:
        out.append((M.CHART_OVERDUE, charts.bars("chart-overdue", M.CHART_OVERDUE, M.CHART_OVERDUE_DESC, overdue)))
    return out
