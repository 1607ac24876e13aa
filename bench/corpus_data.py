"""Generated annual reports for the corpus tests and benchmark, made with the project's own renderer.

``report`` builds one 2021-format report whose tables add up (or, on purpose, do not carry over),
rendered as Markdown, HTML, DOCX or PDF by ``gongkai.report.render``. ``narrative`` gives each agency
its own sentences (from ``SENTENCES`` by a seeded draw) so that only a deliberate copy is 雷同.
"""

from __future__ import annotations

import random
from datetime import date

from gongkai.report import document_json, render, schema
from gongkai.report.model import Cell, Report, SectionText, Source, TableData

SENTENCES = (
    "围绕优化营商环境，集中公开惠企政策清单和办事指南，方便企业查询办理",
    "在门户网站开设乡村振兴专栏，及时发布项目资金安排和实施进度",
    "组织开展政府开放日活动，邀请群众代表走进机关了解决策过程",
    "对照基层政务公开标准目录，逐项梳理公开事项并明确公开时限",
    "落实重大行政决策预公开制度，通过听证会和网上征求意见听取民意",
    "加强政务新媒体管理，关停整合更新不及时的账号",
    "建立依申请公开会商机制，对疑难申请由法制机构提前审查",
    "开展政务公开业务培训，覆盖各科室信息员和村居联络员",
    "规范政策解读，做到政策文件与解读材料同步起草同步审签同步发布",
    "推进财政预决算和三公经费公开，细化到项级科目",
    "依托政务服务中心设立政府信息公开查阅点，提供现场查阅服务",
    "主要问题是公开内容的深度和广度还不够，部分栏目更新较慢",
    "下一步将把政务公开纳入年度绩效考核，压实各科室责任",
    "针对群众关注的教育医疗住房等民生事项，加大主动公开力度",
    "完善信息发布保密审查机制，严格执行先审查后公开",
    "对历年规范性文件开展清理，并在网站集中公布现行有效目录",
    "邀请人大代表政协委员对政务公开工作进行评议",
    "加强与融媒体中心合作，用图解和短视频解读重要政策",
    "梳理基层高频办事事项，编制一次性告知清单并向社会公开",
    "建立政务舆情回应机制，对涉及本单位的舆情在规定时限内回应",
)


def narrative(rng: random.Random, sentences: int = 8) -> dict[int, str]:
    """Sections 一, 五 and 六 from a seeded draw of distinct sentences (numbers vary too)."""
    picked = rng.sample(SENTENCES, sentences)
    one = "。".join(f"{s}，全年共{rng.randint(3, 90)}次" for s in picked[: sentences - 2]) + "。"
    return {1: one, 5: picked[-2] + "。", 6: picked[-1] + "。本年度未收取信息处理费。"}


def report(issuer: str, year: int, *, new: int = 10, carried_in: int = 0, carried_out: int = 0,
           published: date | None = None, sections: dict[int, str] | None = None, licensing: int = 40,
           outcomes: dict[str, int] | None = None) -> dict:
    """A 2021-format report as ``gongkai render`` reads it; the balance holds by construction.

    All applications come from natural persons; every case closed is granted except those that
    ``outcomes`` gives to other rows of section 三 (e.g. ``{"denied.third_party": 2}``); the rest is zero.
    """
    closed = new + carried_in - carried_out
    others = sum((outcomes or {}).values())
    if closed < others:
        raise ValueError("more carried out or given other outcomes than received")
    doc = Report(Source("generated.json"), issuer, year, "2021", published or date(year + 1, 1, 20))
    for spec in schema.FORMAT_2021.tables:
        data = TableData.empty(spec)
        for row in spec.rows:
            for column in row.columns:
                data.rows[row.key][column.key] = Cell(0)
        setattr(doc, spec.key, data)
    apps = doc.applications.rows
    for row, value in (("new", new), ("carried_in", carried_in), ("granted", closed - others), ("total", closed),
                       ("carried_out", carried_out), *(outcomes or {}).items()):
        apps[row]["natural_person"] = Cell(value)
        apps[row]["total"] = Cell(value)
    doc.proactive.rows["licensing"]["decisions"] = Cell(licensing)
    for number, text in (sections or {}).items():
        doc.sections[number] = SectionText(number, schema.SECTIONS[number - 1].label, text)
    return document_json(doc)


def rendered(doc: dict, kind: str = "md") -> bytes:
    return render(doc, kind, allow_errors=True)
