"""待我处理: what is waiting for this person, role by role, and the head's queue.

A township clerk often holds several roles (registrar and handler, sometimes reviewer too), so the
page lists one section per role held, in the order the work flows; a section that is empty is left
out. The head's queue is what only the head decides: extensions still possible before the deadline
(条例第三十三条第二款), 期限待定 cases that need a date set by hand, Article 35 periods to fix, and the
proactive documents waiting for 审发.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gongkai.web.disclosures.models import STAGES, Document

from . import deadlines
from . import messages as M
from .models import OPEN_STATES, State, today


@dataclass
class Section:
    title: str
    hint: str
    applications: list = field(default_factory=list)  # (application, deadline status)
    documents: list = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.applications) + len(self.documents)


def _with_status(apps, calendar, on):
    rows = [(app, deadlines.status(app, calendar, on)) for app in apps]
    return sorted(rows, key=lambda r: r[1].sort_key)


def sections(agency, user, roles) -> list[Section]:
    """The non-empty sections for a person holding ``roles`` in ``agency``."""
    calendar, on = agency.calendar(), today()
    apps = agency.applications.prefetch_related("pauses").select_related("handler")
    open_apps = apps.filter(state__in=OPEN_STATES)
    out: list[Section] = []

    def add(key, app_rows=(), documents=(), **names):
        title, hint = (text.format(**names) for text in M.INBOX[key])
        section = Section(title, hint, list(app_rows), list(documents))
        if len(section):
            out.append(section)

    if "registrar" in roles:
        add("submit", _with_status(apps.filter(state=State.REGISTERED), calendar, on))
        add("supplement", _with_status([a for a in open_apps if a.awaiting_correction], calendar, on))
        add("archive", _with_status(apps.filter(state=State.REPLY), calendar, on))
    if "reviewer" in roles:
        add("review", _with_status(apps.filter(state=State.REVIEW), calendar, on))
    if "handler" in roles:
        add("mine", _with_status(apps.filter(state=State.PROCESSING, handler=user), calendar, on))
        add("unassigned", _with_status(apps.filter(state=State.PROCESSING, handler__isnull=True), calendar, on))
    if "head" in roles:
        rows = _with_status(open_apps, calendar, on)
        add("extend", [(a, st) for a, st in rows if st.level == "soon" and a.extension_days == 0])
        add("manual", [(a, st) for a, st in rows if st.undetermined])
        add("art35", [(a, st) for a, st in rows if a.art35_asked_on and a.delayed_days is None])
    for state, _key, label, role in STAGES:
        if role in roles:
            docs = Document.objects.filter(agency=agency, state=state).order_by("id")
            add("documents", documents=docs, label=label)
    return out
