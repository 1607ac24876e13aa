"""Article 20 figures and the annual report of one agency and year."""

from django.conf import settings
from django.db import models

from gongkai.web.agencies.models import Agency


class ProactiveFigures(models.Model):
    """Section 二 (条例第二十条), entered by staff: these figures do not come from applications."""

    agency = models.ForeignKey(Agency, models.CASCADE, related_name="proactive_figures", verbose_name="机关")
    year = models.PositiveSmallIntegerField("年度")
    rules_issued = models.PositiveIntegerField("规章 本年制发件数", default=0)
    rules_repealed = models.PositiveIntegerField("规章 本年废止件数", default=0)
    rules_in_force = models.PositiveIntegerField("规章 现行有效件数", default=0)
    normative_issued = models.PositiveIntegerField("行政规范性文件 本年制发件数", default=0)
    normative_repealed = models.PositiveIntegerField("行政规范性文件 本年废止件数", default=0)
    normative_in_force = models.PositiveIntegerField("行政规范性文件 现行有效件数", default=0)
    licensing = models.PositiveIntegerField("行政许可 本年处理决定数量", default=0)
    punishment = models.PositiveIntegerField("行政处罚 本年处理决定数量", default=0)
    coercion = models.PositiveIntegerField("行政强制 本年处理决定数量", default=0)
    fees = models.DecimalField("行政事业性收费 本年收费金额（万元）", max_digits=12, decimal_places=4, default=0)

    class Meta:
        verbose_name = verbose_name_plural = "主动公开数据（第二十条）"
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="one_figures_per_year")]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}"


class AnnualReport(models.Model):
    """Staff-written sections 一, 五, 六 and the publication state; sections 二–四 are computed.

    A published report keeps the figures as published (``snapshot``, contract JSON plus sections),
    because later corrections to the records must not silently change a published document.
    """

    class State(models.TextChoices):
        DRAFT = "draft", "草稿"
        PUBLISHED = "published", "已发布"
        CORRECTING = "correcting", "更正中"  # the published version stays public until the correction is out

    agency = models.ForeignKey(Agency, models.CASCADE, related_name="annual_reports", verbose_name="机关")
    year = models.PositiveSmallIntegerField("年度")
    section1 = models.TextField("一、总体情况", blank=True)
    section5 = models.TextField("五、存在的主要问题及改进情况", blank=True)
    section6 = models.TextField("六、其他需要报告的事项", blank=True)
    state = models.CharField("状态", max_length=20, choices=State.choices, default=State.DRAFT)
    published_on = models.DateField("发布日期", null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True,
                                     related_name="+")
    snapshot = models.JSONField("发布时的报告", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "年度报告"
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="one_report_per_year")]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}年度"


class ReportVersion(models.Model):
    """One published version of a report: the first publication, then one per correction (更正).

    Versions are never changed or deleted: the public sees every one, the older ones marked as
    superseded, so a reader who cited version 1 can still find what it said and why it was corrected.
    ``published_on`` is the report's publication date (Art 49's deadline is about it); a correction
    has its own ``corrected_on`` and ``reason``.
    """

    report = models.ForeignKey(AnnualReport, models.CASCADE, related_name="versions", verbose_name="年度报告")
    number = models.PositiveSmallIntegerField("版本")
    published_on = models.DateField("发布日期")
    corrected_on = models.DateField("更正日期", null=True, blank=True)
    reason = models.TextField("更正说明", blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True,
                                     related_name="+")
    snapshot = models.JSONField("该版本的报告")

    class Meta:
        verbose_name = verbose_name_plural = "年度报告版本"
        ordering = ["report", "number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="one_version_number")]

    def __str__(self) -> str:
        return f"{self.report} 第{self.number}版"

    @property
    def date(self):
        """The day this version went out: the correction's date, or the publication's."""
        return self.corrected_on or self.published_on
