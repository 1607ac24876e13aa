"""``gongkai corpus stats``: figures per year, region, level or agency, from the current reports.

The sums and shares are defined once, in ``measures`` (the county office's pages use the same ones).
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

from . import measures

MIN_BASE = measures.MIN_BASE
GROUPS = {"year": "r.year", "region": "r.region", "level": "r.level", "agency": "r.agency"}

COLUMNS = ("reports", "new", "carried_in", "total", "carried_out", "disclosed_rate", "denied_rate", "unable_rate",
           "not_processed_rate", "other_rate", "reconsideration", "reconsideration_corrected_rate", "litigation",
           "litigation_corrected_rate", "fees", "rules_issued", "normative_issued", "licensing", "punishment",
           "findings")


def _sum(name: str, patterns: tuple[str, ...]) -> str:
    where = " OR ".join(f"c.path LIKE '{p}'" for p in patterns)
    return f"sum(c.value) FILTER (WHERE {where}) AS {name}"


def stats(con, by: str = "year") -> list[dict]:
    """One dict per group (sorted by the group's key), with the counts and shares of ``COLUMNS``."""
    group = GROUPS[by]
    sums = ", ".join([_sum(n, p) for n, p in measures.SUMS.items()])
    current = "SELECT * FROM reports WHERE is_current AND error_code IS NULL"
    rows = con.execute(f"""
        WITH c AS (SELECT report_id, section || '.' || "row" || '.' || col AS path, value FROM cells),
             r AS ({current})
        SELECT {group} AS key, count(DISTINCT r.report_id) AS reports, {sums}
        FROM r LEFT JOIN c USING (report_id)
        GROUP BY {group} ORDER BY {group} NULLS LAST""").fetchall()
    findings = dict(con.execute(f"""
        SELECT {group}, count(*) FROM findings f JOIN ({current}) r USING (report_id) GROUP BY {group}""").fetchall())
    names = ["key", "reports", *measures.SUMS]
    out = []
    for row in rows:
        v = dict(zip(names, row, strict=True))
        shares = measures.shares(v)
        out.append({
            by: v["key"], "reports": v["reports"], "new": v["new"], "carried_in": v["carried_in"],
            "total": v["total"], "carried_out": v["carried_out"], "disclosed_rate": shares["disclosed_rate"],
            "denied_rate": shares["denied_rate"], "unable_rate": shares["unable_rate"],
            "not_processed_rate": shares["not_processed_rate"], "other_rate": shares["other_rate"],
            "reconsideration": v["reconsideration"],
            "reconsideration_corrected_rate": shares["reconsideration_corrected_rate"],
            "litigation": v["litigation"], "litigation_corrected_rate": shares["litigation_corrected_rate"],
            "fees": v["fees"], "rules_issued": v["rules_issued"], "normative_issued": v["normative_issued"],
            "licensing": v["licensing"], "punishment": v["punishment"], "findings": findings.get(v["key"], 0),
        })
    return out
