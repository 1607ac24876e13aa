"""An application for disclosure (依申请公开) from receipt to its one statutory outcome."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone

from gongkai.web.agencies.models import Agency, YearCounter

from .notices.catalog import KIND_CHOICES
from .outcomes import APPLICANT_CHOICES, OUTCOME_CHOICES, REPLY_KIND_CHOICES


class Channel(models.TextChoices):
    # Art 31: the receipt date depends on how the application came in.
    IN_PERSON = "in_person", "当面提交"
    POST_SIGNED = "post_signed", "邮寄（需签收）"
    POST_UNSIGNED = "post_unsigned", "平常信函（无需签收）"
    FAX = "fax", "传真"
    ONLINE = "online", "互联网"


RECEIPT_RULE = {
    Channel.IN_PERSON: "当面提交的，以提交之日为收到申请之日（条例第三十一条第（一）项）",
    Channel.POST_SIGNED: "以邮寄方式提交需签收的，以签收之日为收到申请之日（条例第三十一条第（二）项）",
    Channel.POST_UNSIGNED: "以平常信函等无需签收的邮寄方式提交的，以双方确认之日为收到申请之日"
                           "（条例第三十一条第（二）项）",
    Channel.FAX: "通过传真提交的，以双方确认之日为收到申请之日（条例第三十一条第（三）项）",
    Channel.ONLINE: "通过互联网渠道提交的，以双方确认之日为收到申请之日（条例第三十一条第（三）项）",
}


class State(models.TextChoices):
    # 条例 Art 45's stages, in order.
    REGISTERED = "registered", "登记"
    REVIEW = "review", "审核"
    PROCESSING = "processing", "办理"
    REPLY = "reply", "答复"
    ARCHIVED = "archived", "归档"


OPEN_STATES = (State.REGISTERED, State.REVIEW, State.PROCESSING)


class Delivery(models.TextChoices):
    # Art 29(3): the form in which the applicant asks to get the information.
    PAPER = "paper", "纸质文本"
    EMAIL = "email", "电子邮件"
    PICKUP = "pickup", "当面领取"
    POST = "post", "邮寄"


class Application(models.Model):
    agency = models.ForeignKey(Agency, models.PROTECT, related_name="applications", verbose_name="机关")
    number = models.CharField("受理编号", max_length=40, unique=True)
    state = models.CharField("状态", max_length=20, choices=State.choices, default=State.REGISTERED)
    channel = models.CharField("提交方式", max_length=20, choices=Channel.choices)
    received_on = models.DateField("收到申请之日")
    # Art 29(1): who applies. Personal data: shown to staff of the agency only, never logged.
    applicant_type = models.CharField("申请人类型", max_length=20, choices=APPLICANT_CHOICES)
    applicant_name = models.CharField("申请人姓名或名称", max_length=100)
    id_number = models.CharField("身份证明号码", max_length=40, blank=True)
    phone = models.CharField("联系电话", max_length=40, blank=True)
    address = models.CharField("通信地址", max_length=200, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    # Art 29(2) and (3).
    description = models.TextField("申请公开的政府信息（名称、文号或特征性描述）")
    delivery = models.CharField("获取信息的方式", max_length=20, choices=Delivery.choices, default=Delivery.PAPER)
    handler = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True,
                                related_name="+", verbose_name="承办人")
    # Art 30: 补正. While requested and not received, the answer clock is not running.
    correction_requested_on = models.DateField("补正告知日期", null=True, blank=True)
    correction_note = models.TextField("需要补正的事项", blank=True)
    correction_received_on = models.DateField("收到补正申请之日", null=True, blank=True)
    # The reasonable period the notice gave (Art 30): 逾期不补正 may be recorded only after its last day.
    correction_due_on = models.DateField("补正期限", null=True, blank=True)
    # Art 33(2): one extension of at most 20 working days, approved by the head.
    extension_days = models.PositiveSmallIntegerField("延期（工作日）", default=0)
    extension_reason = models.TextField("延期理由", blank=True)
    extension_approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True,
                                              related_name="+", verbose_name="延期批准人")
    # Art 33 ¶2: decided by the head and told to the applicant before the deadline ran out.
    extension_decided_on = models.DateField("延期批准日期", null=True, blank=True)
    extension_notified_on = models.DateField("延期告知日期", null=True, blank=True)
    # Art 35: the applicant is first asked for reasons; only then 不予处理 or a delayed period.
    art35_asked_on = models.DateField("要求说明理由日期（第三十五条）", null=True, blank=True)
    # Art 35: a reasonable delayed deadline for an unreasonable volume of requests.
    delayed_days = models.PositiveSmallIntegerField("第三十五条答复期限（工作日）", null=True, blank=True)
    delay_reason = models.TextField("第三十五条说明理由", blank=True)
    # 信息处理费 (国办函〔2020〕109号). The notice-to-payment period is a pause of the clock.
    fee_scale = models.CharField("计收方式", max_length=20, blank=True)
    fee_quantity = models.PositiveIntegerField("计费数量", null=True, blank=True)
    fee_amount = models.PositiveIntegerField("信息处理费（元）", null=True, blank=True)
    fee_explanation = models.TextField("计费说明", blank=True)
    fee_notice_on = models.DateField("申请人收到收费通知之日", null=True, blank=True)
    fee_paid_on = models.DateField("缴费之日", null=True, blank=True)
    # The one statutory outcome (a row of section 三) and the reply.
    outcome = models.CharField("办理结果", max_length=40, choices=OUTCOME_CHOICES, blank=True)
    # The reply type (outcomes.REPLY_KINDS): the article answered under, e.g. 36(一) within 予以公开.
    reply_kind = models.CharField("答复类型", max_length=40, choices=REPLY_KIND_CHOICES, blank=True)
    legal_basis = models.TextField("法律依据", blank=True)
    reply_text = models.TextField("答复内容", blank=True)
    replied_on = models.DateField("答复日期", null=True, blank=True)
    # Answered after the deadline in force on the reply date (Art 33): kept, shown and counted.
    replied_late = models.BooleanField("逾期答复", default=False)
    archived_on = models.DateField("归档日期", null=True, blank=True)
    # The answer deadline as last computed; null while the clock waits for the applicant or a
    # consultation. Stored so that "overdue" is one indexed query over a county's records.
    due_on = models.DateField("答复期限", null=True, blank=True)
    # 人工核定: the head's deadline while a year of the count has no holiday schedule yet (期限待定). Used
    # only as long as the deadline cannot be counted; kept afterwards as a record of what was decided.
    manual_due_on = models.DateField("人工核定的答复期限", null=True, blank=True)
    manual_due_reason = models.TextField("人工核定理由", blank=True)
    manual_due_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True,
                                      related_name="+", verbose_name="人工核定人")
    created_at = models.DateTimeField(default=timezone.now)
    # The applicant's private key to the public status page: only a hash (make_password) of the
    # random code shown once on the confirmation page. Blank for applications made on paper.
    lookup_code = models.CharField("查询码（散列）", max_length=128, blank=True, editable=False)

    class Meta:
        verbose_name = verbose_name_plural = "政府信息公开申请"
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["agency", "state", "due_on"]),
            models.Index(fields=["agency", "received_on"]),
            models.Index(fields=["agency", "replied_on"]),
        ]

    def __str__(self) -> str:
        return self.number  # never the applicant's name: __str__ ends up in logs

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def awaiting_correction(self) -> bool:
        return self.correction_requested_on is not None and self.correction_received_on is None

    @property
    def awaiting_fee(self) -> bool:
        return self.fee_notice_on is not None and self.fee_paid_on is None

    def open_pause(self, kind: str | None = None) -> Pause | None:
        return next((p for p in self.pauses.all() if p.end is None and (kind is None or p.kind == kind)), None)


class Pause(models.Model):
    """A period the answer clock stands still (Art 32/33: consultation; the fee notice until payment)."""

    class Kind(models.TextChoices):
        THIRD_PARTY = "third_party", "征求第三方意见"
        OTHER_AGENCY = "other_agency", "征求其他机关意见"
        FEE = "fee", "收费通知至缴费"

    application = models.ForeignKey(Application, models.CASCADE, related_name="pauses")
    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    start = models.DateField("开始日期")
    end = models.DateField("结束日期", null=True, blank=True)
    note = models.CharField("说明", max_length=200, blank=True)
    # A consultation (Art 32, 34): whom the agency asked, their answer, when, and whether they agreed.
    party = models.CharField("征求意见对象", max_length=200, blank=True)
    answered_on = models.DateField("答复意见日期", null=True, blank=True)
    answer = models.TextField("答复意见", blank=True)
    agreed = models.BooleanField("是否同意公开", null=True, blank=True)

    @property
    def is_consultation(self) -> bool:
        return self.kind in (self.Kind.THIRD_PARTY, self.Kind.OTHER_AGENCY)

    class Meta:
        verbose_name = verbose_name_plural = "期限暂停"
        ordering = ["start", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.start}–{self.end or ''}"


def attachment_path(instance: Attachment, filename: str) -> str:
    return f"applications/{instance.application.agency.code}/{instance.application.number}/{filename}"


class Attachment(models.Model):
    class Kind(models.TextChoices):
        APPLICATION = "application", "申请材料"
        REPLY = "reply", "答复文书"
        DELIVERY = "delivery", "送达凭证"
        OTHER = "other", "其他"

    application = models.ForeignKey(Application, models.CASCADE, related_name="attachments")
    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    file = models.FileField("文件", upload_to=attachment_path)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "附件"
        ordering = ["uploaded_at", "id"]

    @property
    def filename(self) -> str:
        return self.file.name.rsplit("/", 1)[-1]


class ReplyTemplate(models.Model):
    """The editable text of the 告知书 for one reply type, in the template language of notices/engine.py
    (``{{ applicant }}``; the fields are listed in the admin)."""

    outcome = models.CharField("答复类型", max_length=40, choices=REPLY_KIND_CHOICES, unique=True)
    title = models.CharField("标题", max_length=100)
    body = models.TextField("正文")

    class Meta:
        verbose_name = verbose_name_plural = "告知书模板"
        ordering = ["outcome"]

    def __str__(self) -> str:
        return self.get_outcome_display()


class NoticeTemplate(models.Model):
    """The editable text of one kind of procedural notice (补正告知书, 收费通知书 …), as ReplyTemplate."""

    kind = models.CharField("文书", max_length=40, choices=KIND_CHOICES, unique=True)
    title = models.CharField("标题", max_length=100)
    body = models.TextField("正文")

    class Meta:
        verbose_name = verbose_name_plural = "文书模板"
        ordering = ["kind"]

    def __str__(self) -> str:
        return self.get_kind_display()


class NoticeSettings(models.Model):
    """What an agency's letters and notices say about it: 文号 prefix, contact, 复议机关 and court.

    The 复议机关 is named on every reply because the period to apply runs up to a year when it is not
    (行政复议法 Art 20 ¶3); left blank it is the nearest people's government above the agency in the
    hierarchy (Art 24), which an agency under a vertical administration (Art 27) must correct here.
    """

    agency = models.OneToOneField(Agency, models.CASCADE, related_name="notice_settings", verbose_name="机关")
    number_prefix = models.CharField("文号前缀", max_length=30, blank=True,
                                     help_text="如“示范县政”，文号为“示范县政信公补〔2025〕12号”；留空则由机关名称生成")
    reconsideration_body = models.CharField("行政复议机关", max_length=100, blank=True,
                                            help_text="留空则为上级机关中最近的人民政府")
    court = models.CharField("管辖法院", max_length=100, blank=True,
                             help_text="如“示范县人民法院”；实行行政案件集中管辖的，填写指定管辖的法院")
    contact_person = models.CharField("联系人", max_length=40, blank=True)
    phone = models.CharField("联系电话", max_length=40, blank=True)
    address = models.CharField("通信地址", max_length=200, blank=True)
    postcode = models.CharField("邮政编码", max_length=10, blank=True)
    payment = models.TextField("信息处理费缴纳方式", blank=True,
                               help_text="收费通知书载明的缴纳方式，如收款账户、非税收入缴款方式")

    class Meta:
        verbose_name = verbose_name_plural = "文书设置"

    def __str__(self) -> str:
        return str(self.agency)


class TrackingCounter(YearCounter):
    """The last tracking number issued per agency and year, locked while the next one is taken."""

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="one_counter_per_year")]


def tracking_number(agency: Agency, year: int, seq: int) -> str:
    return f"{agency.code.upper()}-{year}-{seq:05d}"


def today() -> dt.date:
    """Today in China, or GONGKAI_TODAY when set (training, demonstrations and tests)."""
    return settings.GONGKAI_TODAY or timezone.localdate()


class PersonalDataView(models.Model):
    """One look at an applicant's personal data: who, when, which case, what was shown (never the values).

    Written by ``privacy.record_view`` each time a page or a download shows the data to one of the
    roles allowed to see it, so that the head and the administrator can check that people looked only
    at the cases they work on. Never edited (read-only in the admin).
    """

    class Via(models.TextChoices):
        PAGE = "page", "办理页面"
        ATTACHMENT = "attachment", "下载附件"

    application = models.ForeignKey(Application, models.PROTECT, related_name="data_views", verbose_name="申请")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name="查看人")
    at = models.DateTimeField("时间", default=timezone.now)
    via = models.CharField("途径", max_length=20, choices=Via.choices)
    shown = models.CharField("所见内容", max_length=300)

    class Meta:
        verbose_name = verbose_name_plural = "个人信息查看记录"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["application", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.application.number}"


class IssuedNotice(models.Model):
    """A notice or reply letter as issued: the text printed, kept so that it never changes afterwards.

    Why the document and not its files: both the Word file and the PDF are laid out from this one
    model (notices.document.Notice), so storing the rendered text keeps both exactly as issued while
    a template edited later changes only the documents issued after it. A reply letter stored here is
    marked superseded when the decision is corrected or the case reopened (the old text stays).
    """

    REPLY = "reply"

    application = models.ForeignKey(Application, models.CASCADE, related_name="issued_notices",
                                    verbose_name="申请")
    kind = models.CharField("文书", max_length=30)  # a notices.catalog key, or REPLY
    number = models.CharField("文号", max_length=80)
    issued_on = models.DateField("成文日期")
    document = models.JSONField("文书内容")
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                                  related_name="+", verbose_name="出具人")
    issued_at = models.DateTimeField("出具时间", default=timezone.now)
    superseded = models.BooleanField("已被更正取代", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "已出具文书"
        ordering = ["issued_at", "id"]
        indexes = [models.Index(fields=["application", "kind"])]
        # One valid document per 文号 of a case; a re-issue first marks the old one superseded.
        constraints = [models.UniqueConstraint(fields=["application", "number"], condition=models.Q(superseded=False),
                                               name="one_valid_notice_per_number")]

    def __str__(self) -> str:
        return self.number
