"""Each procedural notice: its default text (editable as a ``NoticeTemplate``), its inputs, when it
can be made, the fields its template may use, and the form rows some of them print.

The texts follow the articles they serve (条例 2019, 国务院令第711号; the fee measure 国办函〔2020〕109号):
补正 Art 30 (what to correct and a reasonable period), 延期 Art 33 ¶2 (the head's consent, at most 20
working days, told to the applicant), consultations Art 32 (third party: 15 working days, silence
leaves the decision to the agency) and Art 34 (other agency: 15 working days, silence counts as
consent), the fee notice (依据、标准、数额 with the calculation, 缴纳方式, 20 working days), Art 35
(reasons asked, or a reasonable delayed period), the receipt and the delivery record.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from gongkai.clock import ClockError, fee_payment_deadline

from .. import deadlines
from ..models import RECEIPT_RULE, Application, Channel, Pause
from . import forms as F
from .catalog import KIND_LABELS
from .document import Row
from .letterhead import cn_date

COMMON_FIELDS = {
    "applicant": "申请人姓名或名称", "number": "受理编号", "received_on": "收到申请之日", "request": "申请内容",
    "agency": "本机关名称", "date": "成文日期",
}


@dataclass(frozen=True)
class Kind:
    key: str
    abbr: str  # in the 文号
    title: str
    body: str  # the default template
    fields: dict[str, str]  # the kind's own fields, with their Chinese names (shown in the admin)
    form: type[F.NoticeForm]
    why_not: Callable[[Application], str]  # "" when the notice can be made now, else why not
    context: Callable[[Application, dict], dict[str, object]]
    rows: Callable[[Application, dict], tuple[Row, ...]] = lambda app, data: ()
    addressee: Callable[[Application, dict], str] = lambda app, data: app.applicant_name

    @property
    def label(self) -> str:
        return KIND_LABELS[self.key]

    @property
    def all_fields(self) -> dict[str, str]:
        return {**COMMON_FIELDS, **self.fields}


def _extension_context(app, data):
    st = deadlines.status(app, app.agency.calendar(), on=data["date"])
    return {"extension_days": app.extension_days, "extension_reason": app.extension_reason,
            "due_on": cn_date(st.due)}


def _consult_context(app, data):
    return {"to": data["to"], "reason": data.get("reason", "")}


def _fee_context(app, data):
    pay_by = ""
    if app.fee_notice_on:
        try:
            pay_by = cn_date(fee_payment_deadline(app.fee_notice_on, calendar=app.agency.calendar()).due)
        except ClockError:
            pay_by = ""
    from .letterhead import settings_of

    return {"fee_amount": app.fee_amount, "fee_scale": {"per_page": "按量计收", "per_application": "按件计收"}
            .get(app.fee_scale, app.fee_scale), "fee_calculation": app.fee_explanation.strip(),
            "pay_by": pay_by, "payment": settings_of(app.agency).payment.strip() or "请与本机关联系确定缴纳方式"}


def _art35_context(app, data):
    return {"variant": data["variant"], "reasons_by": cn_date(data.get("reasons_by")),
            "delayed_days": app.delayed_days or "", "delay_reason": app.delay_reason}


def _receipt_rows(app, data):
    rows = [Row("受理编号", app.number), Row("申请人", app.applicant_name),
            Row("提交方式", app.get_channel_display()), Row("收到申请之日", cn_date(app.received_on)),
            Row("确定收到之日的依据", RECEIPT_RULE[app.channel]), Row("申请内容", app.description.strip())]
    st = deadlines.status(app, app.agency.calendar(), on=data["date"])
    if st.due:
        rows.append(Row("答复期限", f"{cn_date(st.due)}（自收到申请之日起20个工作日，依法延长、补正或暂停的另行告知）"))
    rows.append(Row("查询码", data["lookup_code"]))
    return tuple(rows)


def _delivery_rows(app, data):
    # The case number ties the signed record back to the register (a 文号 alone names only the document).
    return (Row("受理编号", app.number), Row("送达文书名称及文号", data["document"]),
            Row("受送达人", app.applicant_name),
            Row("送达地点", data.get("place") or app.address), Row("送达方式", data["method"]),
            Row("送达日期", cn_date(data["delivered_on"])), Row("受送达人签名（盖章）", "", tall=True),
            Row("送达人", "", tall=True), Row("备注", ""))


def _has_pause(kind):
    def why(app):
        return "" if app.pauses.filter(kind=kind).exists() else "尚未登记征求意见（暂停计时）。"
    return why


KINDS: dict[str, Kind] = {k.key: k for k in (
    Kind("correction", "补", "政府信息公开申请补正告知书",
         "{{ applicant }}：\n"
         "本机关于{{ received_on }}收到您（单位）提出的政府信息公开申请（受理编号：{{ number }}）。"
         "经审查，您的申请内容不明确，根据《中华人民共和国政府信息公开条例》第三十条的规定，请您对以下事项作出补正：\n"
         "{{ correction_note }}\n"
         "请您于{{ period_until }}前（补正期限）向本机关提交补正后的申请。答复期限自本机关收到补正的申请之日起计算。"
         "您无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。",
         {"correction_note": "需要补正的事项", "period_until": "补正期限"}, F.CorrectionNoticeForm,
         lambda app: "" if app.correction_requested_on else "尚未登记告知补正。",
         lambda app, data: {"correction_note": app.correction_note.strip(),
                            "period_until": cn_date(data["period_until"])}),
    Kind("extension", "延", "政府信息公开申请延期答复告知书",
         "{{ applicant }}：\n"
         "本机关于{{ received_on }}收到您（单位）提出的政府信息公开申请（受理编号：{{ number }}）。"
         "因{{ extension_reason }}，本机关不能在法定期限内作出答复。根据《中华人民共和国政府信息公开条例》第三十"
         "三条第二款的规定，"
         "经本机关政府信息公开工作机构负责人同意，答复期限延长{{ extension_days }}个工作日，"
         "本机关将于{{ due_on }}前作出答复。特此告知。",
         {"extension_days": "延长的工作日数", "extension_reason": "延期理由", "due_on": "延长后的答复期限"},
         F.NoticeForm, lambda app: "" if app.extension_days else "负责人尚未批准延期。", _extension_context),
    Kind("consult_third_party", "征", "政府信息公开征求第三方意见书",
         "{{ to }}：\n"
         "本机关于{{ received_on }}收到申请人提出的政府信息公开申请（受理编号：{{ number }}），申请获取“{{ reque"
         "st }}”。"
         "{% if reason %}{{ reason }}，{% endif %}该信息公开可能损害您（单位）的合法权益。"
         "根据《中华人民共和国政府信息公开条例》第三十二条的规定，现书面征求您（单位）的意见。\n"
         "请您（单位）自收到本征求意见书之日起15个工作日内提出书面意见，不同意公开的，请说明理由。"
         "逾期未提出意见的，由本机关依照该条例的规定决定是否公开。",
         {"to": "被征求意见人", "reason": "征求意见的事由"}, F.ConsultNoticeForm,
         _has_pause(Pause.Kind.THIRD_PARTY), _consult_context, addressee=lambda app, data: data["to"]),
    Kind("consult_agency", "征", "政府信息公开征求意见函",
         "{{ to }}：\n"
         "本机关于{{ received_on }}收到申请人提出的政府信息公开申请（受理编号：{{ number }}），申请获取“{{ reque"
         "st }}”。"
         "{% if reason %}{{ reason }}。{% endif %}该信息由本机关与贵机关共同制作，根据《中华人民共和国政府信息公"
         "开条例》"
         "第三十四条的规定，现征求贵机关意见。\n"
         "请贵机关自收到本征求意见函之日起15个工作日内提出意见；逾期未提出意见的，视为同意公开。",
         {"to": "被征求意见机关", "reason": "征求意见的事由"}, F.ConsultNoticeForm,
         _has_pause(Pause.Kind.OTHER_AGENCY), _consult_context, addressee=lambda app, data: data["to"]),
    Kind("fee", "费", "政府信息公开信息处理费收费通知书",
         "{{ applicant }}：\n"
         "本机关于{{ received_on }}收到您（单位）提出的政府信息公开申请（受理编号：{{ number }}）。"
         "您申请公开政府信息的数量、频次明显超过合理范围，根据《中华人民共和国政府信息公开条例》第四十二条和"
         "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，本机关决定收取信息处理费。\n"
         "收费依据：《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）。\n"
         "收费标准：{{ fee_scale }}。按量计收的，同一申请30页以下（含）不收费，31至100页每页10元，"
         "101至200页每页20元，201页以上每页40元；按件计收的，同一申请人一个自然月内累计申请10件以下（含）不收费，"
         "11至30件每件100元，31件以上以10件为一档，每增加一档，每件提高100元。\n"
         "收费数额：{{ fee_amount }}元。计算如下：\n"
         "{{ fee_calculation }}\n"
         "缴纳方式：{{ payment }}\n"
         "请您自收到本通知之日起20个工作日内缴纳{% if pay_by %}（即{{ pay_by }}前）{% endif %}。"
         "逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。"
         "自发出收费通知至收到费用之日的期间，不计算在答复期限内。",
         {"fee_amount": "收费数额（元）", "fee_scale": "计收方式", "fee_calculation": "计算过程",
          "pay_by": "缴费截止日期", "payment": "缴纳方式"}, F.NoticeForm,
         lambda app: "" if app.fee_notice_on and app.fee_amount else "尚未登记收费通知，或收费数额为0元（0元不发"
                                                                     "收费通知）。",
         _fee_context),
    Kind("art35", "理", "政府信息公开申请告知书（第三十五条）",
         "{{ applicant }}：\n"
         "本机关于{{ received_on }}收到您（单位）提出的政府信息公开申请（受理编号：{{ number }}）。"
         "{% if variant == 'reasons' %}您申请公开政府信息的数量、频次明显超过合理范围。根据《中华人民共和国政府"
         "信息公开条例》"
         "第三十五条的规定，请您于{{ reasons_by }}前向本机关说明理由。本机关认为申请理由不合理的，将告知您不予处理；"
         "认为申请理由合理，但无法在法定期限内答复的，将确定延迟答复的合理期限并告知您。"
         "{% else %}您申请公开政府信息的数量、频次明显超过合理范围，经审查，本机关认为您的申请理由合理，"
         "但无法在条例第三十三条规定的期限内答复。根据《中华人民共和国政府信息公开条例》第三十五条的规定，"
         "本机关确定延迟答复的合理期限为自收到申请之日起{{ delayed_days }}个工作日（{{ delay_reason }}）。{% endif %}",
         {"variant": "告知事项（reasons 或 delay）", "reasons_by": "说明理由的期限",
          "delayed_days": "延迟答复的期限（工作日）",
          "delay_reason": "延迟的理由"}, F.Art35NoticeForm, lambda app: "", _art35_context),
    Kind("receipt", "受", "政府信息公开申请受理回执",
         "{{ applicant }}：\n"
         "本机关已收到您（单位）提出的政府信息公开申请，登记情况如下。您可以凭受理编号和查询码在本机关政府信息公开专栏"
         "（{{ status_page }}）查询办理进度。请妥善保管查询码，不要告诉他人。",
         {"status_page": "办理进度查询页面", "lookup_code": "查询码"}, F.NoticeForm,
         lambda app: "" if app.channel in (Channel.IN_PERSON, Channel.POST_SIGNED, Channel.POST_UNSIGNED)
         else "受理回执用于当面或邮寄提交的申请；网上申请在提交后已显示受理编号和查询码。",
         lambda app, data: {"status_page": data.get("status_page", ""), "lookup_code": data["lookup_code"]},
         _receipt_rows),
    Kind("delivery", "送", "送达回证",
         "受送达人收到下列文书后，请在本回证上签名（盖章）并注明收到日期；邮寄送达的，以回执上注明的收件日期为送"
         "达日期。",
         {"document": "送达文书名称及文号", "method": "送达方式", "delivered_on": "送达日期"},
         F.DeliveryNoticeForm, lambda app: "",
         lambda app, data: {"document": data["document"], "method": data["method"],
                            "delivered_on": cn_date(data["delivered_on"])}, _delivery_rows),
)}
assert set(KINDS) == set(KIND_LABELS)
