"""The reply letter (告知书) for each reply type, as DOCX and PDF through the notices' document model.

Templates are editable in the back office (``ReplyTemplate``, one per reply type); when none is
stored the default text below is used, so a letter can always be issued. Each default says what its
article requires (36(一): where the information was published; 36(五): which agency is responsible;
39 ¶1: the channel for the complaint …) and ends with the remedy sentence of its outcome
(``remedy``): reconsideration first for 不予公开 since 2024-01-01, otherwise 60 days or 6 months.
"""

from __future__ import annotations

from . import messages as M
from .models import Application, ReplyTemplate
from .notices import docx as notice_docx
from .notices import letterhead
from .notices import pdf as notice_pdf
from .notices.document import Notice, paragraphs_of
from .notices.engine import render_text
from .outcomes import OUTCOME_LABELS, PART_REFUSAL, REFUSAL, REPLY_KINDS, reply_kind_of

TITLE = "政府信息公开申请答复告知书"
ABBR = "答"
_INTRO = ("{{ applicant }}：\n"
          "本机关于{{ received_on }}收到您（单位）提出的政府信息公开申请（受理编号：{{ number }}），"
          "申请获取“{{ request }}”。")
_CLOSE = "{{ remedy }}"

# Per reply type, what the law requires the letter to say (条例 2019, 国务院令第711号).
BODIES = {
    "granted.proactive": "经查，您申请获取的政府信息本机关已经主动公开。根据{{ legal_basis }}的规定，"
                         "现告知您获取该政府信息的方式和途径：{{ reply }}",
    "granted": "经审查，您申请获取的政府信息属于公开范围。根据{{ legal_basis }}的规定，现向您提供该政府信息"
               "（或告知您获取该政府信息的方式、途径和时间）。{{ reply }}",
    "partial": "经审查，您申请获取的政府信息中含有不应当公开的内容，但能够作区分处理。根据{{ legal_basis }}的规定，"
               "本机关向您提供可以公开的部分，对不予公开的部分说明理由如下：{{ reply }}",
    "denied": "经审查，您申请获取的政府信息属于不予公开的范围。根据{{ legal_basis }}的规定，本机关决定不予公开，"
              "理由如下：{{ reply }}",
    "denied.administrative_query": "经审查，您申请获取的信息属于有关法律、行政法规对信息的获取有特别规定的信息。"
                                   "根据{{ legal_basis }}的规定，请您依照有关法律、行政法规的规定办理：{{ reply }}",
    "unable.not_held": "经检索，本机关没有您申请公开的信息。根据{{ legal_basis }}的规定，告知您该政府信息不存在"
                       "。{{ reply }}",
    "unable.not_ours": "经审查，您申请公开的信息不属于本机关负责公开。根据{{ legal_basis }}的规定，"
                       "告知您理由及负责公开该政府信息的行政机关：{{ reply }}",
    "unable.needs_creation": "经审查，您申请获取的信息需要本机关对现有政府信息进行加工、分析才能形成。"
                             "根据{{ legal_basis }}的规定，本机关不予提供。{{ reply }}",
    "unable.still_unclear": "本机关已告知您补正申请，补正后申请内容仍不明确，无法确定您申请获取的政府信息。"
                            "根据{{ legal_basis }}的规定，本机关无法提供。{{ reply }}",
    "not_processed.complaint": "经审查，您是以政府信息公开申请的形式进行信访、投诉、举报等活动。根据{{ legal_bas"
                               "is }}的规定，"
                               "本机关不作为政府信息公开申请处理。您可以通过以下渠道提出：{{ reply }}",
    "not_processed.duplicate": "本机关已就您提出的政府信息公开申请作出答复，您再次申请公开相同的政府信息。"
                               "根据{{ legal_basis }}的规定，告知您本机关不予重复处理。{{ reply }}",
    "not_processed.publication": "经审查，您申请获取的是政府公报、报刊、书籍等公开出版物。根据{{ legal_basis }}的规定，"
                                 "告知您获取的途径：{{ reply }}",
    "not_processed.excessive": "您申请公开政府信息的数量、频次明显超过合理范围，本机关已要求您说明理由，经审查认"
                               "为申请理由不合理。"
                               "根据{{ legal_basis }}的规定，告知您本机关不予处理。{{ reply }}",
    "not_processed.confirmation": "经审查，您的申请是要求本机关确认或者重新出具您已经获取的信息，不属于获取政府"
                                  "信息的申请"
                                  "（{{ legal_basis }}）。本机关不作为政府信息公开申请处理。{{ reply }}",
    "other.no_supplement": "本机关已告知您补正申请并给予合理的补正期限，您无正当理由逾期未补正，视为放弃申请。"
                           "根据{{ legal_basis }}的规定，本机关不再处理您的政府信息公开申请。{{ reply }}",
    "other.unpaid_fee": "本机关已向您发出收费通知，您逾期未按收费通知的要求缴纳信息处理费，视为放弃申请。"
                        "根据{{ legal_basis }}的规定，本机关不再处理您的政府信息公开申请。{{ reply }}",
    "other.other": "根据{{ legal_basis }}的规定，本机关对您的政府信息公开申请处理如下：{{ reply }}",
}
FIELDS = {
    "applicant": "申请人姓名或名称", "number": "受理编号", "received_on": "收到申请之日", "request": "申请内容",
    "outcome": "办理结果", "legal_basis": "法律依据", "reply": "答复内容", "agency": "本机关名称",
    "replied_on": "答复日期", "fee": "信息处理费", "remedy": "救济途径（按答复类型）",
    "reconsideration_body": "行政复议机关", "court": "管辖法院",
}


def default_body(kind: str) -> str:
    group = kind.split(".")[0]
    return BODIES.get(kind) or BODIES[group]


def default_template(kind: str) -> tuple[str, str]:
    return TITLE, "\n".join([_INTRO, default_body(kind), _CLOSE])


def remedy(app: Application) -> str:
    """The remedy sentence for this reply, naming the 复议机关 and the court."""
    settings = letterhead.settings_of(app.agency)
    body = letterhead.reconsideration_body(app.agency, settings)
    court = letterhead.court(app.agency, settings)
    text = {REFUSAL: M.REMEDY_REFUSAL, PART_REFUSAL: M.REMEDY_PART}.get(reply_kind_of(app).remedy, M.REMEDY_ORDINARY)
    return text.format(body=body, court=court)


def fields(app: Application) -> dict[str, str]:
    settings = letterhead.settings_of(app.agency)
    return {
        "applicant": app.applicant_name,
        "number": app.number,
        "received_on": letterhead.cn_date(app.received_on),
        "request": app.description.strip(),
        "outcome": OUTCOME_LABELS.get(app.outcome, ""),
        "legal_basis": app.legal_basis,
        "reply": app.reply_text.strip(),
        "agency": app.agency.name,
        "replied_on": letterhead.cn_date(app.replied_on),
        "fee": f"{app.fee_amount}元" if app.fee_amount is not None else "",
        "remedy": remedy(app),
        "reconsideration_body": letterhead.reconsideration_body(app.agency, settings),
        "court": letterhead.court(app.agency, settings),
    }


def template_for(kind: str) -> tuple[str, str, str]:
    """Title, body and the name of the template (for messages) of a reply type."""
    tpl = ReplyTemplate.objects.filter(outcome=kind).first()
    name = M.TEMPLATE_WHERE_REPLY.format(name=REPLY_KINDS[kind].label)
    if tpl:
        return tpl.title, tpl.body, name
    return (*default_template(kind), name)


def letter(app: Application) -> Notice:
    """The letter as a document; ``TemplateProblem`` when its template cannot be used."""
    kind = reply_kind_of(app)
    title, body, name = template_for(kind.key)
    context = fields(app)
    settings = letterhead.settings_of(app.agency)
    return Notice(
        title=paragraphs_of(render_text(title, context, name))[0] if title.strip() else TITLE,
        number=letterhead.number(app, ABBR, settings),
        paragraphs=paragraphs_of(render_text(body, context, name)),
        agency=app.agency.name, date=context["replied_on"], contact=letterhead.contact_lines(settings),
    )


def as_docx(app: Application) -> bytes:
    return notice_docx.as_docx(letter(app))


def as_pdf(app: Application) -> bytes:
    return notice_pdf.as_pdf(letter(app))
