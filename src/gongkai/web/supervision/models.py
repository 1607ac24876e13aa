"""What the county office (政务公开办) keeps about the agencies it supervises.

The supervisor only reads the agencies' own records (reports, applications counted, never an
applicant's personal data); what it writes is kept here: its rules and deadlines, the filings the
agencies submit to it (先备案后公布) and its decisions on them, the reports published elsewhere that it
uploads, its decisions on findings, and its reminders.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone

from gongkai.web.agencies.models import Agency
from gongkai.web.applications.models import today

User = settings.AUTH_USER_MODEL


class CountyRules(models.Model):
    """The county's own switches. 先备案后公布: an agency's report may be published only once the
    county office has accepted its filing (and the report has not changed since)."""

    county = models.OneToOneField(Agency, models.CASCADE, related_name="supervision_rules", verbose_name="县（市）")
    filing_first = models.BooleanField("先备案后公布", default=False)
    # Whether the county's own report (本级) sums up its members' (汇总报告), so that it is compared
    # with their sum; many counties report only their own cases, and comparing those is a false warning.
    own_report_aggregates = models.BooleanField("本级报告为汇总报告", default=False)
    updated_at = models.DateTimeField("修改时间", default=timezone.now)
    updated_by = models.ForeignKey(User, models.PROTECT, null=True, blank=True, related_name="+",
                                   verbose_name="修改人")

    class Meta:
        verbose_name = verbose_name_plural = "监督规则"

    def __str__(self) -> str:
        return f"{self.county} 监督规则"


class LevelDeadline(models.Model):
    """The county's local deadlines for one level of agency, as month and day of the year AFTER the
    report year (a 2025 report is filed and published in 2026). See ``deadlines_for`` for the defaults
    when no row exists (条例第四十九条、第五十条)."""

    county = models.ForeignKey(Agency, models.CASCADE, related_name="level_deadlines", verbose_name="县（市）")
    level = models.CharField("层级", max_length=20, choices=Agency.Level.choices)
    filing_month = models.PositiveSmallIntegerField("报送截止 月")
    filing_day = models.PositiveSmallIntegerField("报送截止 日")
    publish_month = models.PositiveSmallIntegerField("发布截止 月")
    publish_day = models.PositiveSmallIntegerField("发布截止 日")

    class Meta:
        verbose_name = verbose_name_plural = "报送和发布期限"
        constraints = [models.UniqueConstraint(fields=["county", "level"], name="one_deadline_per_level")]
        ordering = ["county", "level"]

    def __str__(self) -> str:
        return f"{self.county} {self.get_level_display()}"

    def filing_date(self, year: int) -> dt.date:
        return dt.date(year + 1, self.filing_month, self.filing_day)

    def publish_date(self, year: int) -> dt.date:
        return dt.date(year + 1, self.publish_month, self.publish_day)


class RosterEntry(models.Model):
    """An exception to the roster (by default every supervised agency reports every year): the first
    and last report years expected of an agency, e.g. one created in 2025 or merged away in 2024."""

    county = models.ForeignKey(Agency, models.CASCADE, related_name="roster_entries", verbose_name="县（市）")
    agency = models.ForeignKey(Agency, models.CASCADE, related_name="+", verbose_name="机关")
    expected_from = models.PositiveSmallIntegerField("首个报告年度", null=True, blank=True)
    expected_until = models.PositiveSmallIntegerField("最后报告年度", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "报告名单调整"
        constraints = [models.UniqueConstraint(fields=["county", "agency"], name="one_roster_entry")]

    def __str__(self) -> str:
        return f"{self.county} · {self.agency}"

    def expects(self, year: int) -> bool:
        return ((self.expected_from is None or year >= self.expected_from)
                and (self.expected_until is None or year <= self.expected_until))


class Filing(models.Model):
    """One submission of an agency's draft report to the county office (报送备案), with its decision.

    Every submission is a new row (number 1, 2, ...): a returned filing stays as it was, with the
    office's comment, and the agency submits again. ``snapshot`` is the report as submitted (the
    contract JSON with its sections, ``gongkai.report.document_json``). The decision fields are written
    once (filing.py), under the row's lock.
    """

    class State(models.TextChoices):
        SUBMITTED = "submitted", "已报送"
        RETURNED = "returned", "退回整改"
        ACCEPTED = "accepted", "已备案"
        WITHDRAWN = "withdrawn", "已撤回"

    agency = models.ForeignKey(Agency, models.CASCADE, related_name="filings", verbose_name="机关")
    year = models.PositiveSmallIntegerField("年度")
    number = models.PositiveSmallIntegerField("报送次数")
    state = models.CharField("状态", max_length=20, choices=State.choices, default=State.SUBMITTED)
    snapshot = models.JSONField("报送的报告")
    submitted_at = models.DateTimeField("报送时间", default=timezone.now)
    # The day by the project's clock (applications.models.today): what the filing deadline is about, and
    # what a training or demonstration that sets GONGKAI_TODAY expects to see.
    submitted_on = models.DateField("报送日期", default=today)
    submitted_by = models.ForeignKey(User, models.PROTECT, null=True, blank=True, related_name="+",
                                     verbose_name="报送人")
    decided_at = models.DateTimeField("审核时间", null=True, blank=True)
    decided_by = models.ForeignKey(User, models.PROTECT, null=True, blank=True, related_name="+",
                                   verbose_name="审核人")
    decided_on = models.DateField("审核日期", null=True, blank=True)  # by the project's clock, like submitted_on
    comment = models.TextField("审核意见", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "年度报告报送备案"
        ordering = ["agency", "year", "number"]
        constraints = [models.UniqueConstraint(fields=["agency", "year", "number"], name="one_filing_number")]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}年度 第{self.number}次报送"


class ExternalReport(models.Model):
    """A report published outside the platform (an agency not on it), uploaded by the county office
    and read by the report parser; ``agency`` is the roster agency it was matched to."""

    county = models.ForeignKey(Agency, models.CASCADE, related_name="external_reports", verbose_name="县（市）")
    agency = models.ForeignKey(Agency, models.SET_NULL, null=True, blank=True, related_name="+",
                               verbose_name="对应机关")
    year = models.PositiveSmallIntegerField("年度", null=True, blank=True)
    label = models.CharField("文件名", max_length=255)
    sha256 = models.CharField("SHA-256", max_length=64)
    document = models.JSONField("解析结果", null=True, blank=True)
    uploaded_at = models.DateTimeField("上传时间", default=timezone.now)
    uploaded_by = models.ForeignKey(User, models.PROTECT, null=True, blank=True, related_name="+",
                                    verbose_name="上传人")
    parse_error = models.TextField("解析错误", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "外部发布的年度报告"
        ordering = ["county", "-uploaded_at"]
        constraints = [models.UniqueConstraint(fields=["county", "sha256"], name="one_external_file")]

    def __str__(self) -> str:
        return self.label


class FindingDecision(models.Model):
    """The office's decision on one finding, kept by the finding's stable fingerprint so that it
    survives a re-import of the same report."""

    class Decision(models.TextChoices):
        CONFIRMED = "confirmed", "确认"
        DISMISSED = "dismissed", "不予采纳"

    county = models.ForeignKey(Agency, models.CASCADE, related_name="finding_decisions", verbose_name="县（市）")
    agency = models.ForeignKey(Agency, models.CASCADE, related_name="+", verbose_name="机关")
    year = models.PositiveSmallIntegerField("年度")
    fingerprint = models.CharField("指纹", max_length=64)
    rule = models.CharField("规则", max_length=60)
    decision = models.CharField("决定", max_length=20, choices=Decision.choices)
    comment = models.TextField("意见", blank=True)
    decided_at = models.DateTimeField("时间", default=timezone.now)
    decided_by = models.ForeignKey(User, models.PROTECT, null=True, blank=True, related_name="+",
                                   verbose_name="决定人")

    class Meta:
        verbose_name = verbose_name_plural = "问题认定"
        constraints = [models.UniqueConstraint(fields=["county", "fingerprint"], name="one_decision_per_finding")]

    def __str__(self) -> str:
        return f"{self.agency} {self.year} {self.rule}"


class Reminder(models.Model):
    """A reminder from the county office to one agency (催报), shown on the agency's dashboard until
    one of its staff marks it read; ``emailed_to`` counts the addresses it was also sent to."""

    county = models.ForeignKey(Agency, models.CASCADE, related_name="reminders_sent", verbose_name="县（市）")
    agency = models.ForeignKey(Agency, models.CASCADE, related_name="reminders", verbose_name="机关")
    year = models.PositiveSmallIntegerField("年度")
    text = models.TextField("内容")
    sent_at = models.DateTimeField("发送时间", default=timezone.now)
    sent_by = models.ForeignKey(User, models.PROTECT, null=True, blank=True, related_name="+",
                                verbose_name="发送人")
    emailed_to = models.PositiveIntegerField("邮件发送人数", default=0)
    read_at = models.DateTimeField("已读时间", null=True, blank=True)
    read_by = models.ForeignKey(User, models.PROTECT, null=True, blank=True, related_name="+",
                                verbose_name="已读人")

    class Meta:
        verbose_name = verbose_name_plural = "催报提醒"
        ordering = ["-sent_at", "-id"]

    def __str__(self) -> str:
        return f"{self.county} → {self.agency} {self.year}"
