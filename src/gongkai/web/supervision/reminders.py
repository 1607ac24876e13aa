"""Reminders from the county office to its agencies (催报): in-app, and by e-mail when mail is set up.

In-app: the agency's dashboard lists the county's unread reminders until one of its staff marks them
read. E-mail: to the staff of the agency who have an address, through Django's mail settings, only
when mail is configured (``EMAIL_HOST`` set, or a non-SMTP backend such as the tests' locmem); the
reminder records how many addresses it went to. No applicant's data is in a reminder: the office's
text, the agency, the year and the deadline only.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone

from gongkai.web.agencies import locks
from gongkai.web.agencies.models import Agency, Membership, Role, record

from . import board as B
from . import messages as M
from .models import Reminder

log = logging.getLogger(__name__)
SMTP = "django.core.mail.backends.smtp.EmailBackend"


def mail_configured() -> bool:
    return settings.EMAIL_BACKEND != SMTP or getattr(settings, "EMAIL_HOST", "localhost") not in ("", "localhost")


def addresses(agency: Agency) -> list[str]:
    """The e-mail addresses of the agency's active staff (not of supervisors who sit there)."""
    users = (Membership.objects.filter(agency=agency, user__is_active=True).exclude(role=Role.SUPERVISOR)
             .exclude(user__email="").values_list("user__email", flat=True))
    return sorted(set(users))


def _mail(county: Agency, agency: Agency, year: int, text: str, to: list[str]) -> int:
    subject = M.REMINDER_SUBJECT.format(county=county.name, year=year)
    body = M.REMINDER_BODY.format(agency=agency.name, county=county.name, year=year, text=text)
    messages = [EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [address]) for address in to]
    try:
        return get_connection().send_messages(messages) or 0
    except OSError:
        # The reminder stands in-app; the mail server's trouble is logged (no addresses in the log).
        log.warning("reminder mail to %s failed", agency.code)
        return 0


def send(county: Agency, agency: Agency, year: int, text: str, user) -> Reminder:
    """One reminder to one agency, with the audit entry; mailed to its staff once it is committed.

    The mail goes out in ``transaction.on_commit``: a rollback (of this transaction or of one it runs
    in) must never leave a mail sent for a reminder that does not exist. ``emailed_to`` is first the
    number of addresses the mail is for, then what the mail server accepted (0 when it failed)."""
    with transaction.atomic():
        to = addresses(agency) if mail_configured() else []
        reminder = Reminder.objects.create(county=county, agency=agency, year=year, text=text.strip(),
                                           sent_by=user, emailed_to=len(to))
        record(county, user, f"supervision:reminder:{agency.code}", "supervision_remind", "", "",
               f"{year}年度 提醒{agency.name}（邮件{len(to)}人）：{reminder.text}")
        if to:
            def mail_once_committed(pk=reminder.pk, text=reminder.text):
                sent = _mail(county, agency, year, text, to)
                if sent != len(to):
                    Reminder.objects.filter(pk=pk).update(emailed_to=sent)
                reminder.emailed_to = sent  # what the caller reports (the row says the same)

            transaction.on_commit(mail_once_committed)
    return reminder


def unfiled(rows: list, county: Agency) -> list[Agency]:
    """The agencies a reminder "to all not yet filed" goes to: expected, not filed (未起草, 草稿,
    退回整改, also when these are 逾期 or 缺报), and not the county itself (its own 本级 report is the
    office's own work, not a member's duty to be reminded of)."""
    return [r.agency for r in rows
            if r.status is not None and r.status.stage in B.NOT_FILED and r.agency.pk != county.pk]


def send_to_unfiled(county: Agency, year: int, text: str, user) -> list[Reminder]:
    """A reminder to every agency of ``unfiled``: the board's state at this moment decides."""
    from gongkai.web.applications.models import today

    return [send(county, agency, year, text, user) for agency in unfiled(B.board(county, year, today()), county)]


def unread_for(agency: Agency):
    return Reminder.objects.filter(agency=agency, read_at__isnull=True).select_related("county")


def mark_read(reminder: Reminder, user) -> Reminder:
    """Mark one reminder read (once: a second click by a colleague changes nothing)."""
    with transaction.atomic():
        fresh = locks.locked(Reminder, reminder.pk)
        if fresh.read_at is None:
            fresh.read_at, fresh.read_by = timezone.now(), user
            fresh.save(update_fields=["read_at", "read_by"])
            record(fresh.agency, user, f"supervision:reminder:{fresh.pk}", "reminder_read", "unread", "read",
                   f"已阅{fresh.county.name}的提醒")
    return fresh
