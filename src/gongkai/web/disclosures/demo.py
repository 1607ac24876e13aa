"""Demo documents for one agency: a 公开目录, and a year of documents in every state of the workflow.

Everything goes through workflow.py, as the staff pages would, so that the demo has the review
trail, the revisions, the audit entries and the search index of real work. The dates fall between
January and November of ``year``; the random generator only spreads the publication dates.
"""

from __future__ import annotations

import datetime as dt
import random

from gongkai.clock import ClockError, count_working_days

from . import workflow
from .models import Attribute, Category, Document, Kind

CATEGORIES = ("机构职能", "法规文件", "规划计划", "财政信息", "行政执法", "其他")


def _names(agency) -> tuple[str, str]:
    """("示范县", "示范") for 示范县人民政府 or its 办公室; ("示范县东湖镇", "东湖") for a township."""
    place = agency.name.split("人民政府")[0] or agency.name
    stem = place
    for suffix in ("街道", "县", "镇", "乡", "市", "区"):
        if stem.endswith(suffix) and len(stem) > len(suffix):
            stem = stem[: -len(suffix)]
            break
    return place, stem[-2:]


def _after(start: dt.date, days: int) -> dt.date:
    """The ``days``-th working day after ``start`` (calendar days if the year is not known)."""
    try:
        return count_working_days(start, days).due
    except ClockError:
        return start + dt.timedelta(days=days * 7 // 5)


def seed_documents(agency, users: dict, rng: random.Random, year: int) -> list[Document]:
    """Six 目录 headings and seventeen documents; ``users`` maps editor, first_reviewer, reviewer, head."""
    place, abbr = _names(agency)
    cats = {name: Category.objects.create(agency=agency, name=name, order=i * 10)
            for i, name in enumerate(CATEGORIES, start=1)}
    editor, first, reviewer, head = (users[k] for k in ("editor", "first_reviewer", "reviewer", "head"))
    made: list[Document] = []

    def draft(title, category, on, body, **fields) -> Document:
        doc = workflow.create(agency, editor, title=title, made_on=on, body=body, category=cats[category], **fields)
        made.append(doc)
        return doc

    def review(doc, upto: int, publish_on: dt.date | None = None) -> Document:
        """Submit and pass the first ``upto`` stages (3 publishes, on ``publish_on`` or a few working days on)."""
        workflow.submit(doc, editor, "请审核。")
        if upto >= 1:
            workflow.approve(doc, first, "经保密审查，不涉及国家秘密，同意公开。", secrecy_cleared=True)
        if upto >= 2:
            workflow.approve(doc, reviewer, "内容准确，同意。")
        if upto >= 3:
            workflow.approve(doc, head, "同意公开。", on=publish_on or _after(doc.made_on, rng.randint(2, 12)))
        return doc

    def d(month: int, day: int) -> dt.date:
        return dt.date(year, month, day)

    review(draft(f"{place}人民政府主要职责和内设机构", "机构职能", d(1, 6),
                 f"{place}人民政府贯彻落实党中央、国务院和省委、省政府决策部署，履行下列主要职责：\n"
                 "（一）执行本级人民代表大会及其常务委员会的决议……\n内设机构：办公室、发展和改革局、财政局、司法局等。",
                 article20="2"), 3)
    review(draft(f"{place}人民政府办公地址、办公时间和联系方式", "机构职能", d(1, 6),
                 f"办公地址：{place}人民路1号。\n办公时间：工作日上午8:30—12:00，下午14:30—17:30（法定节假日除外）。\n"
                 "联系电话：0000-1234567。", article20="2", on_board=True), 3)
    review(draft(f"{place}人民政府关于印发《{place}行政规范性文件管理办法》的通知", "法规文件", d(2, 10),
                 "各乡镇人民政府，县政府各部门：\n现将《行政规范性文件管理办法》印发给你们，请认真贯彻执行。",
                 doc_number=f"{abbr}政发〔{year}〕3号", kind=Kind.NORMATIVE, article20="1"), 3)

    # Revised after publication: the public keeps version 1 until version 2 is signed off.
    revised = review(draft(f"{place}人民政府关于进一步优化营商环境的若干措施", "法规文件", d(3, 3),
                           "一、压缩企业开办时间至1个工作日以内。\n二、工程建设项目审批时限压缩至60个工作日以内。",
                           doc_number=f"{abbr}政发〔{year}〕7号", kind=Kind.NORMATIVE, article20="1",
                           on_new_media=True), 3)
    workflow.edit(revised, editor, "根据省级文件调整审批时限", made_on=d(6, 16),
                  body="一、压缩企业开办时间至0.5个工作日以内。\n二、工程建设项目审批时限压缩至45个工作日以内。")
    review(revised, 3, _after(d(6, 16), 5))

    review(draft(f"{place}国民经济和社会发展第十四个五年规划纲要实施情况中期评估报告", "规划计划", d(3, 20),
                 "规划纲要实施以来，主要指标总体符合预期，地区生产总值年均增长5.8%。", article20="3"), 3)
    review(draft(f"{place}{year - 1}年国民经济和社会发展统计公报", "规划计划", d(3, 28),
                 f"{year - 1}年全县实现地区生产总值186.4亿元，比上年增长5.6%。", article20="4"), 3)
    review(draft(f"{place}{year}年财政预算执行情况", "财政信息", d(7, 15),
                 f"{year}年1—6月，全县一般公共预算收入完成9.82亿元，为年初预算的53.1%；"
                 "一般公共预算支出完成17.35亿元。", article20="7"), 3)

    # Published late: made in March, signed off ten working days after the twentieth.
    late_made = d(3, 5)
    review(draft(f"{place}{year - 1}年县级部门决算公开说明", "财政信息", late_made,
                 f"{year - 1}年县级一般公共预算支出决算数为32.6亿元，“三公”经费支出较上年下降4.2%。",
                 article20="7"), 3, _after(late_made, workflow.PUBLISH_WITHIN + 10))

    # Sent back at 审核: back to draft, with the reason in the review trail.
    fees = review(draft(f"{place}{year}年行政事业性收费项目目录", "财政信息", d(9, 1),
                        "本目录所列收费项目依据省财政厅、省发展改革委的批准文件执行。", article20="8"), 1)
    workflow.send_back(fees, reviewer, "不动产登记费收费标准与省级最新批复不一致，请核对后重新送审。")

    review(draft(f"{place}市场监督管理局行政处罚决定书（{abbr}市监罚〔{year}〕12号）", "行政执法", d(5, 12),
                 "当事人销售过期食品，违反《中华人民共和国食品安全法》第三十四条，决定给予警告并处罚款5000元。",
                 doc_number=f"{abbr}市监罚〔{year}〕12号", kind=Kind.PUNISHMENT, article20="6"), 3)
    # Waiting for 审核 (初审 passed).
    review(draft(f"{place}{year}年第三季度“双随机、一公开”抽查结果", "行政执法", d(10, 9),
                 "本季度共随机抽查市场主体120户，发现问题8户，已责令限期整改。", article20="12"), 1)

    # Withdrawn: a normative document repealed (废止 counts in section 二 of the annual report).
    repealed = review(draft(f"{place}人民政府关于印发《{place}城区临时占道经营管理办法》的通知", "法规文件", d(1, 20),
                            "为规范城区临时占道经营行为，制定本办法。", doc_number=f"{abbr}政发〔{year}〕2号",
                            kind=Kind.NORMATIVE, article20="1"), 3)
    workflow.withdraw(repealed, head, f"已被{abbr}政发〔{year}〕15号文件废止。", repealed=True, on=d(8, 1))

    review(draft(f"{place}{year}年考试录用公务员拟录用人员名单", "其他", d(7, 2),
                 "经笔试、面试、体检和考察，拟录用以下12名同志，公示期5个工作日。", article20="14"), 3)
    # Waiting for 审发 (初审 and 审核 passed).
    review(draft(f"{place}{year}年秋冬季森林防火工作方案", "其他", d(10, 20),
                 "为做好秋冬季森林防火工作，确保森林资源和人民群众生命财产安全，制定本方案。", article20="13"), 2)
    review(draft(f"{place}突发事件总体应急预案（修订）", "其他", d(11, 3),
                 "为提高政府保障公共安全和处置突发事件的能力，制定本预案。", article20="13"), 0)  # waiting for 初审
    draft(f"{place}{year}年防汛抗旱工作情况", "其他", d(11, 10), "（草稿）")  # not submitted yet

    # Recorded, not published: the reason and the article, as the annual report's reviewers expect.
    draft(f"{place}人民政府办公室{year}年机关内部考勤管理规定", "其他", d(2, 17), "机关工作人员考勤按以下规定执行……",
          attribute=Attribute.NOT_PUBLIC, attribute_reason="属于行政机关的内部事务信息（人事管理、后勤管理）。",
          attribute_article="条例第十六条第一款")
    draft(f"关于{place}城东片区个别地块征收补偿问题的处理意见", "其他", d(4, 8),
          "经研究，对相关被征收户的补偿问题提出如下意见……",
          attribute=Attribute.ON_REQUEST, attribute_reason="仅涉及特定被征收户，不属于主动公开范围，可依申请公开。",
          attribute_article="条例第二十七条")
    return made
