"""Changes of the county's rules, deadlines and roster: each one transaction, locked, audited."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from gongkai.web.agencies import locks
from gongkai.web.agencies.models import Agency, record

from .models import CountyRules, LevelDeadline, RosterEntry


def _fmt(d: LevelDeadline | None) -> str:
    if d is None:
        return "默认"
    return f"报送{d.filing_month:02d}-{d.filing_day:02d} 发布{d.publish_month:02d}-{d.publish_day:02d}"


def own_report_aggregates(county: Agency) -> bool:
    """Whether the county says its own report aggregates its members' (only then is it compared with
    their sum: by the findings' aggregate_mismatch and by the figures page). Off without rules."""
    return CountyRules.objects.filter(county=county, own_report_aggregates=True).exists()


def save_rules(county: Agency, user, filing_first: bool,
               deadlines: dict[str, tuple[int, int, int, int]], own_aggregates: bool = False) -> CountyRules:
    """Store the two switches and the deadline of each level; one audit entry says what changed."""
    with transaction.atomic():
        row = CountyRules.objects.get_or_create(county=county)[0]
        rules = locks.locked(CountyRules, row.pk)  # two office staff saving at once are served in turn
        changes = []
        if rules.filing_first != filing_first:
            changes.append(f"先备案后公布：{'开启' if filing_first else '关闭'}")
        if rules.own_report_aggregates != own_aggregates:
            changes.append(f"本级报告为汇总报告：{'是' if own_aggregates else '否'}")
        rules.filing_first, rules.own_report_aggregates = filing_first, own_aggregates
        rules.updated_at, rules.updated_by = timezone.now(), user
        rules.save()
        current = {d.level: d for d in LevelDeadline.objects.filter(county=county)}
        for level, (fm, fd, pm, pd) in deadlines.items():
            old = current.get(level)
            new, _ = LevelDeadline.objects.update_or_create(county=county, level=level, defaults={
                "filing_month": fm, "filing_day": fd, "publish_month": pm, "publish_day": pd})
            if _fmt(old) != _fmt(new):
                changes.append(f"{Agency.Level(level).label}：{_fmt(old)} → {_fmt(new)}")
        if changes:
            record(county, user, "supervision:rules", "supervision_rules", "", "", "；".join(changes))
    return rules


def save_roster_entry(county: Agency, agency: Agency, user, expected_from: int | None,
                      expected_until: int | None) -> RosterEntry | None:
    """Set the years an agency is expected to report; both blank removes the exception."""
    with transaction.atomic():
        locks.locked(CountyRules, CountyRules.objects.get_or_create(county=county)[0].pk)  # the county's lock
        old = RosterEntry.objects.filter(county=county, agency=agency).first()
        before = f"{old.expected_from or ''}-{old.expected_until or ''}" if old else "-"
        after = f"{expected_from or ''}-{expected_until or ''}"
        if expected_from is None and expected_until is None:
            RosterEntry.objects.filter(county=county, agency=agency).delete()
            entry = None
        else:
            entry, _ = RosterEntry.objects.update_or_create(county=county, agency=agency, defaults={
                "expected_from": expected_from, "expected_until": expected_until})
        if before != after:
            record(county, user, f"supervision:roster:{agency.code}", "supervision_roster", before, after,
                   f"{agency.name} 报告年度")
    return entry
