"""Test support: an annual report as an HTML page in the official merged-cell layout.

Built from hand-written values (the seeds' expected files), so a parser test compares against
data that never went through gongkai.
"""

from __future__ import annotations

from html import escape

from gongkai.report import schema

INTRO_HEADINGS = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                  "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]


def _v(value) -> str:
    return "" if value is None else escape(str(value))


def _colspan(span: int) -> str:
    return f' colspan="{span}"' if span > 1 else ""


def _tds(values) -> str:
    return "".join(f"<td>{_v(v)}</td>" for v in values)


def proactive_table(fmt: str, data: dict) -> str:
    spec = schema.FORMATS[fmt].proactive
    groups = {"2021": [("第二十条第（一）项", ["rules", "normative_documents"]), ("第二十条第（五）项", ["licensing"]),
                       ("第二十条第（六）项", ["punishment", "coercion"]), ("第二十条第（八）项", ["fees"])],
              "2019": [("第二十条第（一）项", ["rules", "normative_documents"]),
                       ("第二十条第（五）项", ["licensing", "other_services"]),
                       ("第二十条第（六）项", ["punishment", "coercion"]), ("第二十条第（八）项", ["fees"]),
                       ("第二十条第（九）项", ["procurement"])]}[fmt]
    rows = []
    for caption, keys in groups:
        width = 4
        rows.append(f'<tr><th colspan="{width}" scope="colgroup">{caption}</th></tr>')
        columns = spec.row(keys[0]).columns
        span = width - len(columns)
        head = "".join(
            f'<th scope="col"{_colspan(span if i == len(columns) - 1 else 1)}>{c.label}</th>'
            for i, c in enumerate(columns)
        )
        rows.append(f"<tr><th>信息内容</th>{head}</tr>")
        for key in keys:
            values = data[key]
            cells = "".join(
                f"<td{_colspan(span if i == len(values) - 1 else 1)}>{_v(v)}</td>" for i, v in enumerate(values)
            )
            rows.append(f'<tr><th scope="row">{spec.row(key).label}</th>{cells}</tr>')
    return "<table border=1>" + "".join(rows) + "</table>"


def applications_table(fmt: str, data: dict) -> str:
    spec = schema.FORMATS[fmt].applications
    rows = [
        '<tr><td colspan="3" rowspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td>'
        '<td colspan="7">申请人情况</td></tr>',
        '<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>',
        "<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>",
    ]
    outcome_keys = [r.key for r in spec.rows if r.outcome] + ["total"]
    groups: dict[str, list[str]] = {}
    for key in outcome_keys:
        if "." in key:
            groups.setdefault(key.split(".")[0], []).append(key)
    group_labels = {"denied": "（三）不予公开", "unable": "（四）无法提供", "not_processed": "（五）不予处理",
                    "other": "（六）其他处理"}
    for key in ("new", "carried_in"):
        rows.append(f'<tr><td colspan="3">{spec.row(key).label}</td>{_tds(data[key])}</tr>')
    first = True
    for key in outcome_keys:
        lead = f'<td rowspan="{len(outcome_keys)}">三、本年度办理结果</td>' if first else ""
        first = False
        label = spec.row(key).label
        if "." in key:
            group = key.split(".")[0]
            members = groups[group]
            sub = label.split("）", 1)[1]
            group_cell = f'<td rowspan="{len(members)}">{group_labels[group]}</td>' if members[0] == key else ""
            rows.append(f"<tr>{lead}{group_cell}<td>{sub}</td>{_tds(data[key])}</tr>")
        else:
            rows.append(f'<tr>{lead}<td colspan="2">{label}</td>{_tds(data[key])}</tr>')
    rows.append(f'<tr><td colspan="3">{spec.row("carried_out").label}</td>{_tds(data["carried_out"])}</tr>')
    return "<table border=1>" + "".join(rows) + "</table>"


def appeals_table(data: dict) -> str:
    results = "".join(f"<td>{c}</td>" for c in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计"))
    values = data["reconsideration"] + data["litigation_direct"] + data["litigation_after_reconsideration"]
    rows = [
        '<tr><td colspan="5">行政复议</td><td colspan="10">行政诉讼</td></tr>',
        "<tr>" + "".join(f'<td rowspan="2">{c}</td>' for c in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计"))
        + '<td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>',
        f"<tr>{results}{results}</tr>",
        f"<tr>{_tds(values)}</tr>",
    ]
    return "<table border=1>" + "".join(rows) + "</table>"


def report_html(expected: dict, portal: bool = False, year_text: str | None = None) -> str:
    fmt = expected["format"]
    issuer = expected["issuer"]
    year = expected["year"]
    date = expected["published_on"]
    y, m, d = (int(p) for p in date.split("-")) if date else (None, None, None)
    body = [
        f"<h1>{issuer}{year}年政府信息公开工作年度报告</h1>",
        f"<p>本报告中所列数据的统计期限自{year}年1月1日至{year}年12月31日止。</p>",
        f"<h2>{INTRO_HEADINGS[0]}</h2><p>{year_text or '本年度政府信息公开工作有序开展。'}</p>",
        f"<h2>{INTRO_HEADINGS[1]}</h2>", proactive_table(fmt, expected["proactive"]),
        f"<h2>{INTRO_HEADINGS[2]}</h2>", applications_table(fmt, expected["applications"]),
        f"<h2>{INTRO_HEADINGS[3]}</h2>", appeals_table(expected["appeals"]),
        f"<h2>{INTRO_HEADINGS[4]}</h2><p>公开的及时性还需加强。</p>",
        f"<h2>{INTRO_HEADINGS[5]}</h2><p>无。</p>",
        f'<p style="text-align:right">{issuer}</p>',
        f'<p style="text-align:right">{y}年{m}月{d}日</p>' if date else "",
    ]
    content = "\n".join(body)
    if portal:
        content = (
            '<header><div class="logo">某某省人民政府门户网站</div><h1>政府信息公开</h1></header>'
            '<nav><ul><li>首页</li><li>政务公开</li><li>政务服务</li><li>互动交流</li></ul></nav>'
            '<table width="100%"><tr><td class="side">栏目导航 年度报告 2021年</td>'
            f'<td class="main">{content}</td></tr></table>'
            '<footer><p>主办单位：某某县人民政府办公室 地址：某某路1号 电话：0000-1234567</p>'
            "<p>网站标识码 0000000000 ICP备案号 2021年</p></footer>"
            '<script>var year = 2020; document.write("统计 1 2 3");</script>'
        )
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>年度报告</title></head>'
        f"<body>{content}</body></html>"
    )
