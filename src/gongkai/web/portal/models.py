"""The agency's 政府信息公开指南 and the public's messages (意见箱)."""

from django.db import models
from django.utils import timezone

from gongkai.web.agencies.models import Agency


class Guide(models.Model):
    """条例第十二条: the guide each agency publishes and keeps up to date; edited in the admin."""

    agency = models.OneToOneField(Agency, models.CASCADE, related_name="guide", verbose_name="机关")
    body = models.TextField("指南正文", help_text="每段之间空一行。留空的机关显示按机关名称生成的默认指南。")
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "政府信息公开指南"

    def __str__(self) -> str:
        return f"{self.agency}政府信息公开指南"


class Message(models.Model):
    """One message left in the 意见箱. Name and contact are personal data: staff see them, the public never."""

    agency = models.ForeignKey(Agency, models.CASCADE, related_name="messages", verbose_name="机关")
    subject = models.CharField("主题", max_length=100)
    body = models.TextField("内容", max_length=2000)
    name = models.CharField("姓名", max_length=50, blank=True)
    contact = models.CharField("联系方式", max_length=100, blank=True)
    created_at = models.DateTimeField("留言时间", default=timezone.now)
    handled = models.BooleanField("已处理", default=False)
    reply = models.TextField("处理意见", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "意见箱留言"
        ordering = ["handled", "-created_at", "-id"]
        indexes = [models.Index(fields=["agency", "handled", "created_at"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d} {self.subject}"
