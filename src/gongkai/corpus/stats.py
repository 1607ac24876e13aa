"""``gongkai corpus stats``: figures per year, region, level or agency, from the current reports.

Definitions (each a share of 办理结果总计, the row （七）总计 of section 三):
公开率 = (予以公开 + 部分公开) / 总计; 不予公开率 = 不予公开 (三) / 总计; 无法提供率 = 无法提供 (四) / 总计;
不予处理率 = 不予处理 (五) / 总计;
其他处理率 = 其他处理 (六) / 总计. 纠错率 = 结果纠正 / (结果维持 + 结果纠正 + 其他结果), the closed cases,
for 行政复议 and for 行政诉讼 (both kinds of suit together). Blank cells count as nothing (never as 0
in a denominator: a report whose cell is blank adds nothing to either side). 新收 of a report on
2008–2018 (no national table) is the number of applications its text says it received. A share is given only
when its denominator reaches ``MIN_BASE``: smaller groups are shown but not ranked.
"""

from __future__ import annotations

MIN_BASE = 30
GROUPS = {"year": "r.year", "region": "r.region", "level": "r.level", "agency": "r.agency"}

_SUMS = {
    # A report on 2008–2018 has no national table: its new applications are those its text states.
    "new": ("applications.new.total", "pre2019.applications_received.total"),
    "carried_in": "applications.carried_in.total",
    "total": "applications.total.total",
    "carried_out": "applications.carried_out.total",
    "granted": "applications.granted.total",
    "partial": "applications.partial.total",
    "rec_upheld": "appeals.reconsideration.upheld",
    "rec_corrected": "appeals.reconsideration.corrected",
    "rec_other": "appeals.reconsideration.other",
    "reconsideration": "appeals.reconsideration.total",
    "lit_upheld": "appeals.litigation_%.upheld",
    "lit_corrected": "appeals.litigation_%.corrected",
    "lit_other": "appeals.litigation_%.other",
    "litigation": "appeals.litigation_%.total",
    "fees": "proactive.fees.amount",
    "rules_issued": "proactive.rules.issued",
    "normative_issued": "proactive.normative_documents.issued",
    "licensing": "proactive.licensing.decisions",
    "punishment": "proactive.punishment.decisions",
}
_PREFIXES = {
    "denied": "applications.denied.%.total",
    "unable": "applications.unable.%.total",
    "not_processed": "applications.not_processed.%.total",
    "other": "applications.other.%.total",
}
COLUMNS = ("reports", "new", "carried_in", "total", "carried_out", "disclosed_rate", "denied_rate", "unable_rate",
           "not_processed_rate", "other_rate", "reconsideration", "reconsideration_corrected_rate", "litigation",
           "litigation_corrected_rate", "fees", "rules_issued", "normative_issued", "licensing", "punishment",
           "findings")


def _sum(name: str, pattern: str | tuple[str, ...]) -> str:
    patterns = (pattern,) if isinstance(pattern, str) else pattern
    where = " OR ".join(f"c.path LIKE '{p}'" for p in patterns)
    return f"sum(c.value) FILTER (WHERE {where}) AS {name}"


def _share(part, base):
    if part is None or not base or base < MIN_BASE:
        return None
    return round(part / base, 4)


def stats(con, by: str = "year") -> list[dict]:
    """One dict per group (sorted by the group's key), with the counts and shares of ``COLUMNS``."""
    group = GROUPS[by]
    sums = ", ".join([_sum(n, p) for n, p in {**_SUMS, **_PREFIXES}.items()])
    current = "SELECT * FROM reports WHERE is_current AND error_code IS NULL"
    rows = con.execute(f"""
        WITH c AS (SELECT report_id, section || '.' || "row" || '.' || col AS path, value FROM cells),
             r AS ({current})
        SELECT {group} AS key, count(DISTINCT r.report_id) AS reports, {sums}
        FROM r LEFT JOIN c USING (report_id)
        GROUP BY {group} ORDER BY {group} NULLS LAST""").fetchall()
    findings = dict(con.execute(f"""
        SELECT {group}, count(*) FROM findings f JOIN ({current}) r USING (report_id) GROUP BY {group}""").fetchall())
    names = ["key", "reports", *_SUMS, *_PREFIXES]
    out = []
    for row in rows:
        v = dict(zip(names, row, strict=True))
        total = v["total"]
        disclosed = None if v["granted"] is None and v["partial"] is None else (v["granted"] or 0) + (v["partial"] or 0)
        rec_closed = sum(v[k] or 0 for k in ("rec_upheld", "rec_corrected", "rec_other"))
        lit_closed = sum(v[k] or 0 for k in ("lit_upheld", "lit_corrected", "lit_other"))
        out.append({
            by: v["key"], "reports": v["reports"], "new": v["new"], "carried_in": v["carried_in"], "total": total,
            "carried_out": v["carried_out"], "disclosed_rate": _share(disclosed, total),
            "denied_rate": _share(v["denied"], total), "unable_rate": _share(v["unable"], total),
            "not_processed_rate": _share(v["not_processed"], total), "other_rate": _share(v["other"], total),
            "reconsideration": v["reconsideration"],
            "reconsideration_corrected_rate": _share(v["rec_corrected"], rec_closed),
            "litigation": v["litigation"], "litigation_corrected_rate": _share(v["lit_corrected"], lit_closed),
            "fees": v["fees"], "rules_issued": v["rules_issued"], "normative_issued": v["normative_issued"],
            "licensing": v["licensing"], "punishment": v["punishment"], "findings": findings.get(v["key"], 0),
        })
    return out
