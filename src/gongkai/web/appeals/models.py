"""Reconsideration and litigation over an application: the rows of section 四."""

from django.db import models

from gongkai.web.applications.models import Application


class Appeal(models.Model):
    class Kind(models.TextChoices):
        # The keys are the section 四 group keys of the report contract.
        RECONSIDERATION = "reconsideration", "行政复议"
        LITIGATION_DIRECT = "litigation_direct", "行政诉讼（未经复议直接起诉）"
        LITIGATION_AFTER = "litigation_after_reconsideration", "行政诉讼（复议后起诉）"

    class Result(models.TextChoices):
        UPHELD = "upheld", "维持"
        CORRECTED = "corrected", "纠正"
        OTHER = "other", "其他结果"
        PENDING = "pending", "尚未审结"

    application = models.ForeignKey(Application, models.PROTECT, related_name="appeals", verbose_name="申请")
    kind = models.CharField("类型", max_length=40, choices=Kind.choices)
    filed_on = models.DateField("立案（受理）日期")
    body = models.CharField("复议机关或法院", max_length=100)
    result = models.CharField("结果", max_length=20, choices=Result.choices, default=Result.PENDING)
    decided_on = models.DateField("审结日期", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "复议诉讼案件"
        ordering = ["-filed_on", "-id"]
        indexes = [models.Index(fields=["kind", "filed_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.application.number}"
