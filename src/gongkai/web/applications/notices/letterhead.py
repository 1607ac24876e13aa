"""What every document says about the agency that issues it: 文号, contact, 复议机关 and court."""

from __future__ import annotations

import datetime as dt

from gongkai.web.agencies.models import Agency

from .. import messages as M
from ..models import Application, NoticeSettings


def settings_of(agency: Agency) -> NoticeSettings:
    """The agency's settings, or blank ones (not saved) when the back office has none yet."""
    found = NoticeSettings.objects.filter(agency=agency).first()
    return found or NoticeSettings(agency=agency)


def reconsideration_body(agency: Agency, settings: NoticeSettings | None = None) -> str:
    """The 复议机关: as set, else the nearest people's government above the agency (行政复议法 Art 24:
    a department's is its own level's government, a township's or a government's the one above)."""
    settings = settings or settings_of(agency)
    if settings.reconsideration_body.strip():
        return settings.reconsideration_body.strip()
    seen, parent = {agency.pk}, agency.parent
    while parent is not None and parent.pk not in seen:
        if parent.level == Agency.Level.GOVERNMENT:
            return parent.name
        seen.add(parent.pk)
        parent = parent.parent
    return M.RECONSIDERATION_UNKNOWN


def court(agency: Agency, settings: NoticeSettings | None = None) -> str:
    settings = settings or settings_of(agency)
    return settings.court.strip() or M.COURT_UNKNOWN


def contact_lines(settings: NoticeSettings) -> tuple[str, ...]:
    pairs = ((M.NOTICE_CONTACT_PERSON, settings.contact_person), (M.NOTICE_CONTACT_PHONE, settings.phone),
             (M.NOTICE_CONTACT_ADDRESS, settings.address), (M.NOTICE_CONTACT_POSTCODE, settings.postcode))
    return tuple(text.format(value=value.strip()) for text, value in pairs if value.strip())


def prefix(agency: Agency, settings: NoticeSettings) -> str:
    """The 文号 prefix: as set, else the agency's name shortened the usual way (人民政府 → 政)."""
    if settings.number_prefix.strip():
        return settings.number_prefix.strip()
    name = agency.name.replace("人民政府办公室", "政办").replace("人民政府", "政")
    return name


def number(app: Application, abbr: str, settings: NoticeSettings, suffix: str = "") -> str:
    """文号 of one document of the case: the kind's abbreviation, the year and the case's own number,
    so that it is the same each time the document is printed and unique within the agency."""
    _code, year, seq = app.number.rsplit("-", 2)
    return M.NOTICE_NUMBER.format(prefix=prefix(app.agency, settings), abbr=abbr, year=year,
                                  seq=f"{int(seq)}{suffix}")


def cn_date(d: dt.date | None) -> str:
    return f"{d.year}年{d.month}月{d.day}日" if d else ""
