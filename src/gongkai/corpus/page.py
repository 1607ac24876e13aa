"""``gongkai corpus report``: one self-contained HTML page a supervisor opens offline.

Two steps, so that each can be read (and tested) alone: ``collect`` asks the store for the page's
figures and returns plain data (also written beside the page as ``data.json``, the page's JSON
twin); ``html`` turns that data into the page. The page holds its charts as inline SVG
(``charts``), its style inline, and no script, font, image or link to anything outside itself:
nothing is fetched when it is opened, so it works on a machine without network and leaks nothing.

Rankings say what they rank by (the definitions at the end of the page) and leave out groups
whose base is too small (``stats.MIN_BASE``): such groups are named, not ranked.
"""

from __future__ import annotations

import json
import os
from datetime import datetime
from html import escape

from . import charts, similar, stats, store
from .messages import REPORT, RULE_NAMES, SEVERITY_NAMES

TOP_AGENCIES = 10
TOP_RULES = 12
TOP_PAIRS = 30
TOP_MISSING = 30
OUTCOMES = ("disclosed_rate", "denied_rate", "unable_rate", "not_processed_rate", "other_rate")
_CURRENT = "SELECT * FROM reports WHERE is_current AND error_code IS NULL"


def _rows(con, sql: str, params=()) -> list[dict]:
    result = con.execute(sql, list(params))
    names = [d[0] for d in result.description]
    return [dict(zip(names, row, strict=True)) for row in result.fetchall()]


def _overview(con) -> dict:
    (row,) = _rows(con, """
        SELECT count(*) FILTER (WHERE error_code IS NULL) AS reports,
               count(*) FILTER (WHERE error_code IS NOT NULL AND error_code <> 'not_a_report') AS failed,
               count(*) FILTER (WHERE error_code = 'not_a_report') AS not_reports,
               count(DISTINCT agency) FILTER (WHERE is_current AND error_code IS NULL) AS agencies,
               min(year) FILTER (WHERE error_code IS NULL) AS first_year,
               max(year) FILTER (WHERE error_code IS NULL) AS last_year
        FROM reports""")
    row["files"] = con.execute("SELECT count(*) FROM files").fetchall()[0][0]
    # The rules that compare reports (late_publication is stored with them, but looks at one report).
    row["corpus_findings"] = con.execute(
        "SELECT count(*) FROM findings WHERE scope = 'corpus' AND rule <> 'late_publication'").fetchall()[0][0]
    row["pairs"] = con.execute("SELECT count(*) FROM copy_pairs").fetchall()[0][0]
    row["missing"] = con.execute("SELECT count(*) FROM missing").fetchall()[0][0]
    return row


def _agencies(con) -> list[dict]:
    return _rows(con, f"""
        WITH cur AS (SELECT report_id, agency FROM ({_CURRENT}) WHERE agency IS NOT NULL)
        SELECT cur.agency, count(DISTINCT cur.report_id) AS reports,
               count(f.rule) FILTER (WHERE f.severity = 'error') AS errors,
               count(f.rule) FILTER (WHERE f.severity = 'warning') AS warnings
        FROM cur LEFT JOIN findings f USING (report_id)
        GROUP BY cur.agency HAVING count(f.rule) FILTER (WHERE f.severity IN ('error', 'warning')) > 0
        ORDER BY errors + warnings DESC, errors DESC, cur.agency LIMIT {TOP_AGENCIES}""")


def _rules(con) -> list[dict]:
    return _rows(con, f"""
        SELECT f.rule, count(*) AS count,
               arg_max(f.severity, CASE f.severity WHEN 'error' THEN 3 WHEN 'warning' THEN 2 ELSE 1 END) AS severity
        FROM findings f JOIN ({_CURRENT}) r USING (report_id)
        GROUP BY f.rule ORDER BY count DESC, f.rule LIMIT {TOP_RULES}""")


def _pairs(con) -> list[dict]:
    rows = _rows(con, f"""
        SELECT p.relation, p.score, a.agency, a.year, a.path, b.agency AS other_agency, b.year AS other_year,
               b.path AS other_path, p.passages
        FROM copy_pairs p JOIN reports a ON a.report_id = p.report_id JOIN reports b ON b.report_id = p.other_report_id
        ORDER BY p.score DESC, a.path, b.path LIMIT {TOP_PAIRS}""")
    for row in rows:
        row["passages"] = [s for s in (row["passages"] or "").split("\n") if s][:2]
    return rows


def collect(con, db: str, now: datetime | None = None) -> dict:
    """Everything the page shows, as plain JSON-able data."""
    when = (now or datetime.now()).strftime("%Y-%m-%d %H:%M")
    regions = stats.stats(con, "region")
    ranked = sorted((r for r in regions if r["total"] is not None and r["total"] >= stats.MIN_BASE),
                    key=lambda r: (-(r["disclosed_rate"] or 0), str(r["region"])))
    hidden = [r["region"] or REPORT["unknown"] for r in regions if r not in ranked]
    return {
        "db": os.path.basename(db), "generated": when, "minimum": stats.MIN_BASE, "threshold": similar.THRESHOLD,
        "overview": _overview(con),
        "years": [r for r in stats.stats(con, "year") if r["year"] is not None],
        "regions": ranked, "regions_hidden": hidden,
        "agencies": _agencies(con), "rules": _rules(con), "pairs": _pairs(con),
        "missing": _rows(con, f"SELECT agency, year FROM missing ORDER BY agency, year LIMIT {TOP_MISSING}"),
    }


# --- the page -------------------------------------------------------------------------------------

STYLE = """
body { font-family: "WenQuanYi Zen Hei", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei",
       "PingFang SC", sans-serif; color: #1f1f1f; background: #fff; margin: 0; line-height: 1.6; }
header, main { max-width: 960px; margin: 0 auto; padding: 0 16px; }
header { border-bottom: 3px solid #0072B2; padding-top: 16px; }
h1 { font-size: 1.6rem; margin: 0 0 4px; } h2 { font-size: 1.25rem; margin: 32px 0 8px; }
.note { color: #444; font-size: 0.9rem; }
dl.overview { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 8px; }
dl.overview div { border: 1px solid #ccc; border-radius: 4px; padding: 8px 12px; }
dl.overview dt { font-size: 0.85rem; color: #444; } dl.overview dd { margin: 0; font-size: 1.3rem; }
figure { margin: 12px 0; } figcaption { font-weight: bold; margin-bottom: 4px; }
svg.chart { max-width: 100%; height: auto; display: block; }
.table { overflow-x: auto; } table { border-collapse: collapse; font-size: 0.9rem; margin: 8px 0; }
th, td { border: 1px solid #bbb; padding: 4px 8px; text-align: left; vertical-align: top; }
td.n { text-align: right; white-space: nowrap; } thead th { background: #eef3f8; }
details { margin: 4px 0 12px; } summary { cursor: pointer; color: #00507d; }
dl.definitions dt { font-weight: bold; margin-top: 8px; } dl.definitions dd { margin: 0 0 0 1em; }
"""


def _e(value: object) -> str:
    return escape("" if value is None else str(value), quote=True)


def _table(columns: list[tuple[str, str]], rows: list[dict], caption: str | None = None,
           percent: tuple[str, ...] = ()) -> str:
    """A data table; ``columns`` are (key, Chinese header); numbers right-aligned."""
    head = "".join(f'<th scope="col">{_e(title)}</th>' for _, title in columns)
    body = []
    for row in rows:
        cells = []
        for i, (key, _) in enumerate(columns):
            value = row.get(key)
            if isinstance(value, int | float) and not isinstance(value, bool):
                cell = f'<td class="n">{charts.number(value, key in percent)}</td>'
            elif value is None and key in percent:
                cell = '<td class="n">—</td>'
            else:
                text = "<br>".join(_e(v) for v in value) if isinstance(value, list) else _e(value)
                cell = f'<th scope="row">{text}</th>' if i == 0 else f"<td>{text}</td>"
            cells.append(cell)
        body.append("<tr>" + "".join(cells) + "</tr>")
    label = f"<caption>{_e(caption)}</caption>" if caption else ""
    return (f'<div class="table" tabindex="0" role="region" aria-label="{_e(caption or REPORT["data_table"])}">'
            f"<table>{label}<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>")


def _details(table: str) -> str:
    return f"<details><summary>{REPORT['data_table']}</summary>{table}</details>"


def _values(items: list[tuple[str, float | None]], percent: bool = False) -> str:
    return "；".join(f"{label} {charts.number(v, percent)}" for label, v in items) + "。"


def _figure(caption: str, svg: str) -> str:
    return f"<figure><figcaption>{_e(caption)}</figcaption>{svg}</figure>"


def _overview_html(data: dict) -> str:
    o = data["overview"]
    names = REPORT["overview_items"]
    years = "—" if o["first_year"] is None else (
        str(o["first_year"]) if o["first_year"] == o["last_year"] else f"{o['first_year']}—{o['last_year']}")
    values = {**{k: charts.number(o[k]) for k in names if k != "years"}, "years": years}
    items = "".join(f"<div><dt>{_e(names[k])}</dt><dd>{_e(values[k])}</dd></div>" for k in names)
    return f'<section aria-labelledby="overview"><h2 id="overview">{REPORT["overview"]}</h2>' \
           f'<dl class="overview">{items}</dl></section>'


def _trends_html(data: dict) -> str:
    years, minimum, c = data["years"], data["minimum"], REPORT["columns"]
    new = [(str(r["year"]), r["new"]) for r in years]
    rate = [(str(r["year"]), r["disclosed_rate"]) for r in years]
    table = _table([("year", c["year"]), ("reports", c["reports"]), ("new", c["new"]), ("total", c["total"]),
                    ("disclosed_rate", c["disclosed_rate"])],
                   [{**r, "year": str(r["year"])} for r in years], REPORT["trends"], ("disclosed_rate",))
    return (f'<section aria-labelledby="trends"><h2 id="trends">{REPORT["trends"]}</h2>'
            + _figure(REPORT["trend_new"], charts.columns(
                "chart-new", REPORT["trend_new"], REPORT["trend_new_desc"].format(values=_values(new)), new))
            + _figure(REPORT["trend_rate"], charts.columns(
                "chart-rate", REPORT["trend_rate"],
                REPORT["trend_rate_desc"].format(minimum=minimum, values=_values(rate, True)), rate, True, True))
            + _details(table) + "</section>")


def _regions_html(data: dict) -> str:
    minimum, c = data["minimum"], REPORT["columns"]
    parts = list(REPORT["outcomes"])
    rows = [(r["region"] or REPORT["unknown"], [r[k] or 0 for k in OUTCOMES]) for r in data["regions"]]
    out = [f'<section aria-labelledby="regions"><h2 id="regions">{REPORT["regions"]}</h2>']
    if rows:
        described = "；".join(f"{label}：" + "，".join(f"{p} {charts.number(s, True)}" for p, s in zip(
            parts, shares, strict=True)) for label, shares in rows) + "。"
        out.append(_figure(REPORT["regions_chart"], charts.stacked(
            "chart-regions", REPORT["regions_chart"], REPORT["regions_desc"].format(values=described), parts, rows)))
        out.append(_details(_table([("region", c["region"]), ("reports", c["reports"]), ("total", c["total"]),
                                    *((k, c[k]) for k in OUTCOMES)], data["regions"], REPORT["regions"], OUTCOMES)))
    else:
        out.append(f'<p>{_e(REPORT["regions_none"].format(minimum=minimum))}</p>')
    if data["regions_hidden"]:
        out.append('<p class="note">' + _e(REPORT["regions_hidden"].format(
            minimum=minimum, count=len(data["regions_hidden"]), names="、".join(data["regions_hidden"]))) + "</p>")
    return "".join(out) + "</section>"


def _agencies_html(data: dict) -> str:
    c, rows = REPORT["columns"], data["agencies"]
    out = [f'<section aria-labelledby="agencies"><h2 id="agencies">{REPORT["agencies"]}</h2>']
    if not rows:
        return out[0] + f"<p>{REPORT['agencies_none']}</p></section>"
    items = [(r["agency"], r["errors"] + r["warnings"]) for r in rows]
    title = REPORT["agencies_chart"].format(count=len(rows))
    out.append(_figure(title, charts.bars("chart-agencies", title,
                                          REPORT["agencies_desc"].format(values=_values(items)), items)))
    table_rows = [{**r, "problems": r["errors"] + r["warnings"],
                   "per_report": round((r["errors"] + r["warnings"]) / r["reports"], 2)} for r in rows]
    out.append(_details(_table([("agency", c["agency"]), ("reports", c["reports"]), ("errors", c["errors"]),
                                ("warnings", c["warnings"]), ("problems", c["problems"]),
                                ("per_report", c["per_report"])], table_rows, title)))
    return "".join(out) + "</section>"


def _rules_html(data: dict) -> str:
    c = REPORT["columns"]
    if not data["rules"]:
        return ""
    items = [(RULE_NAMES.get(r["rule"], r["rule"]), r["count"]) for r in data["rules"]]
    rows = [{"rule": name, "severity": SEVERITY_NAMES.get(r["severity"], r["severity"]), "count": r["count"]}
            for (name, _), r in zip(items, data["rules"], strict=True)]
    return (f'<section aria-labelledby="rules"><h2 id="rules">{REPORT["rules"]}</h2>'
            + _figure(REPORT["rules_chart"], charts.bars("chart-rules", REPORT["rules_chart"],
                                                          REPORT["rules_desc"].format(values=_values(items)), items))
            + _details(_table([("rule", c["rule"]), ("severity", c["severity"]), ("count", c["count"])], rows,
                              REPORT["rules_chart"]))
            + "</section>")


def _named(agency: str | None, year: int | None, path: str) -> str:
    """A report as a reader finds it: agency, year and the file's name (the folder is the operator's)."""
    return f"{agency or REPORT['unknown']} {year}（{os.path.basename(path)}）"


def _pairs_html(data: dict) -> str:
    c = REPORT["columns"]
    out = [f'<section aria-labelledby="pairs"><h2 id="pairs">{REPORT["pairs"]}</h2>']
    total = data["overview"]["pairs"]
    if not data["pairs"]:
        return out[0] + f"<p>{REPORT['pairs_none']}</p></section>"
    if total > len(data["pairs"]):
        out.append(f'<p class="note">{_e(REPORT["pairs_more"].format(count=total, shown=len(data["pairs"])))}</p>')
    rows = [{"score": charts.number(p["score"], True), "relation": REPORT["relation"].get(p["relation"], p["relation"]),
             "report": _named(p["agency"], p["year"], p["path"]),
             "other": _named(p["other_agency"], p["other_year"], p["other_path"]),
             "passages": p["passages"]} for p in data["pairs"]]
    out.append(_table([("score", c["score"]), ("relation", c["relation"]), ("report", c["report"]),
                       ("other", c["other"]), ("passages", c["passages"])], rows, REPORT["pairs"]))
    return "".join(out) + "</section>"


def _missing_html(data: dict) -> str:
    total, c = data["overview"]["missing"], REPORT["columns"]
    if not total:
        return ""
    out = [f'<section aria-labelledby="missing"><h2 id="missing">{REPORT["missing"]}</h2>']
    if total > len(data["missing"]):
        out.append(f'<p class="note">{_e(REPORT["missing_more"].format(count=total, shown=len(data["missing"])))}</p>')
    out.append(_table([("agency", c["missing_agency"]), ("year", c["missing_year"])],
                      [{**m, "year": str(m["year"])} for m in data["missing"]], REPORT["missing"]))
    return "".join(out) + "</section>"


def _definitions_html(data: dict) -> str:
    items = "".join(
        f"<dt>{_e(term)}</dt><dd>{_e(text.format(minimum=data['minimum'], threshold=data['threshold']))}</dd>"
        for term, text in REPORT["definitions_items"])
    return (f'<section aria-labelledby="definitions"><h2 id="definitions">{REPORT["definitions"]}</h2>'
            f'<dl class="definitions">{items}</dl></section>')


def html(data: dict) -> str:
    """The whole page: inline style and SVG, no script, nothing loaded from elsewhere."""
    sections = (_overview_html, _trends_html, _regions_html, _agencies_html, _rules_html, _pairs_html,
                _missing_html, _definitions_html)
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        # No request may leave the page, whatever a stored text holds.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "img-src data:\">"
        f"<title>{REPORT['title']}</title><style>{STYLE}</style></head><body>"
        f"<header><h1>{REPORT['title']}</h1>"
        f'<p class="note">{_e(REPORT["generated"].format(db=data["db"], when=data["generated"]))}</p></header>'
        "<main>" + "".join(section(data) for section in sections) + "</main></body></html>"
    )


def write(db: str, folder: str, now: datetime | None = None) -> str:
    """Write ``index.html`` (and its data, ``data.json``) to ``folder``; the page's path."""
    con = store.connect(db, read_only=True)
    try:
        data = collect(con, db, now)
    finally:
        con.close()
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "data.json"), "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, indent=1, default=str)
    target = os.path.join(folder, "index.html")
    with open(target, "w", encoding="utf-8") as fh:
        fh.write(html(data))
    return target
