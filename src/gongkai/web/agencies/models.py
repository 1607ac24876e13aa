"""Agencies, their staff roles, local rest days, the years' holiday schedules, and the audit trail."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from gongkai.clock import WorkCalendar, YearSchedule, schedule_from_json

from . import messages as M

# First path segments the site itself uses: an agency code equal to one would be unreachable.
RESERVED_CODES = frozenset({"admin", "login", "logout", "zfxxgk", "api", "static", "media"})


def not_reserved(value: str) -> None:
    if value.lower() in RESERVED_CODES:
        raise ValidationError(M.RESERVED_CODE.format(value=value))


class Agency(models.Model):
    class Level(models.TextChoices):
        GOVERNMENT = "government", "人民政府"
        DEPARTMENT = "department", "政府部门"
        TOWNSHIP = "township", "乡镇（街道）"

    # The full name as the annual report prints it (the report's issuer).
    name = models.CharField("机关名称", max_length=100, unique=True)
    # Short code used in addresses and tracking numbers; never changes once applications exist.
    code = models.SlugField("代码", max_length=20, unique=True, validators=[not_reserved])
    level = models.CharField("层级", max_length=20, choices=Level.choices, default=Level.DEPARTMENT)
    # 索引号 prefix: the 统一社会信用代码 (or the older 组织机构代码); the short code when not set.
    org_code = models.CharField("机构代码", max_length=30, blank=True)
    parent = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="children", verbose_name="上级机关"
    )

    class Meta:
        verbose_name = verbose_name_plural = "机关"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    def calendar(self) -> WorkCalendar:
        """The national working days (package and entered schedules) minus this agency's local rest days.

        Every deadline of the platform is counted on a calendar made here, so a year's schedule entered
        in the back office reaches all of them at once.
        """
        return WorkCalendar({h.date: h.name for h in self.local_holidays.all()}, national_schedules())


class YearCounter(models.Model):
    """The last number given out per agency and year (see ``sequences.next_value``). Abstract: each
    kind of number keeps its own table, so that one never waits on another's lock."""

    agency = models.ForeignKey(Agency, models.CASCADE)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True


class LocalHoliday(models.Model):
    """A regional rest day (e.g. 古尔邦节 in Xinjiang), announced yearly, configured in the admin."""

    agency = models.ForeignKey(Agency, models.CASCADE, related_name="local_holidays", verbose_name="机关")
    date = models.DateField("日期")
    name = models.CharField("名称", max_length=50)

    class Meta:
        verbose_name = verbose_name_plural = "地方休息日"
        constraints = [models.UniqueConstraint(fields=["agency", "date"], name="one_local_holiday_per_day")]
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {self.name}"


class HolidaySchedule(models.Model):
    """One year's official holiday schedule (the State Council's notice), entered in the back office.

    It overrides the calendar package for its year: the way to count deadlines in a year the installed
    package does not know yet, or to correct one. National, so one row per year for all agencies.
    Written only by ``schedules.save_schedule``, which audits it and recounts every open deadline;
    read-only in the Django admin for that reason.
    """

    year = models.PositiveSmallIntegerField("年份", unique=True)
    # Lists in the JSON of CONTRACT.md: ISO dates, or {"date", "name"} with the holiday's name.
    holidays = models.JSONField("放假日", default=list)
    workdays = models.JSONField("调休上班日", default=list)
    notice_number = models.CharField("通知文号", max_length=60)
    notice_date = models.DateField("通知日期", null=True, blank=True)
    updated_at = models.DateTimeField("录入时间", default=timezone.now)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name="录入人")

    class Meta:
        verbose_name = verbose_name_plural = "全国放假安排"
        ordering = ["year"]

    def __str__(self) -> str:
        return M.SCHEDULE_TITLE.format(year=self.year)

    @property
    def note(self) -> str:
        """The notice as the deadline explanations cite it: 文号 and date."""
        if self.notice_date:
            return M.SCHEDULE_NOTE.format(number=self.notice_number, date=self.notice_date.isoformat())
        return self.notice_number

    def to_schedule(self) -> YearSchedule:
        return schedule_from_json(self.year, {"holidays": self.holidays, "workdays": self.workdays,
                                              "note": self.note})


def national_schedules() -> tuple[YearSchedule, ...]:
    """Every year's entered schedule, for ``Agency.calendar``. One small query (one row per year)."""
    return tuple(row.to_schedule() for row in HolidaySchedule.objects.all())


class Role(models.TextChoices):
    # 依申请公开
    REGISTRAR = "registrar", "登记"
    HANDLER = "handler", "承办"
    REVIEWER = "reviewer", "审核"
    HEAD = "head", "负责人"
    ADMIN = "admin", "管理员"
    # 主动公开: the drafter and the 初审; 审核 is the reviewer's, 审发 the head's.
    EDITOR = "editor", "信息编发"
    FIRST_REVIEWER = "first_reviewer", "初审"
    # 县/市级政务公开办: reads its agency and every agency below it (supervision/access.py); it opens
    # none of the agencies' own staff pages and never shows an applicant's personal data.
    SUPERVISOR = "supervisor", "政务公开办"


class Membership(models.Model):
    """One role of one person in one agency; a person may hold several roles or serve several agencies."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="memberships")
    agency = models.ForeignKey(Agency, models.CASCADE, related_name="memberships", verbose_name="机关")
    role = models.CharField("角色", max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = verbose_name_plural = "人员角色"
        constraints = [models.UniqueConstraint(fields=["user", "agency", "role"], name="one_role_once")]

    def __str__(self) -> str:
        return f"{self.user} · {self.agency} · {self.get_role_display()}"


class AuditEntry(models.Model):
    """Who changed what, when and why. Written by the services, never edited (read-only in the admin).

    ``agency`` is empty only for a back-office change of something no agency owns (a user account, a
    letter template): see backoffice.py.
    """

    agency = models.ForeignKey(Agency, models.PROTECT, null=True, blank=True, related_name="audit",
                               verbose_name="机关")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, verbose_name="操作人")
    at = models.DateTimeField("时间", default=timezone.now)
    subject = models.CharField("对象", max_length=60, db_index=True)
    action = models.CharField("操作", max_length=40)
    from_state = models.CharField("原状态", max_length=20, blank=True)
    to_state = models.CharField("新状态", max_length=20, blank=True)
    reason = models.TextField("说明", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "操作记录"
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.subject} {self.action}"


def record(agency: Agency | None, actor, subject: str, action: str, from_state: str = "", to_state: str = "",
           reason: str = "") -> AuditEntry:
    return AuditEntry.objects.create(agency=agency, actor=actor, subject=subject, action=action,
                                     from_state=from_state, to_state=to_state, reason=reason)
