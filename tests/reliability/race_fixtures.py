"""Run in a child process on the race server's database: ``seed`` the rows the races start from, ``probe``
what was stored afterwards, ``sweep`` the files left aside. Reads a JSON payload on stdin, prints JSON.

Everything is seeded through the platform's own services, as the staff pages would do it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path

import django

PASSWORD = "race-Password-2025"
ALL_ROLES = ("registrar", "handler", "reviewer", "head", "admin", "editor", "first_reviewer")
RECEIVED = dt.date(2025, 3, 3)


def _users():
    from django.contrib.auth import get_user_model

    from gongkai.web.agencies.models import Agency, Membership

    User = get_user_model()
    county, _ = Agency.objects.get_or_create(code="county", defaults={"name": "示范县人民政府", "level": "government"})
    people = {}
    for name, roles in (("a", ALL_ROLES), ("b", ALL_ROLES), ("drafter", ("editor",)),
                        ("r1", ("first_reviewer",)), ("r2", ("reviewer",)), ("r3", ("head",))):
        user = User.objects.filter(username=name).first() or User.objects.create_user(name, password=PASSWORD)
        for role in roles:
            Membership.objects.get_or_create(user=user, agency=county, role=role)
        people[name] = user
    return county, people


def _step(app, key, data, user):
    from gongkai.web.applications.actions import ACTIONS, perform

    perform(ACTIONS[key], app, data, user)
    app.refresh_from_db()
    return app


def _application(county, people, state: str):
    from gongkai.web.applications import services

    a = people["a"]
    app = services.register(county, a, channel="in_person", received_on=RECEIVED, applicant_type="natural_person",
                            applicant_name="张三", id_number="", phone="13800000000", address="",
                            description="2024年本县道路建设项目的招标文件")
    if state == "registered":
        return app
    _step(app, "submit", {"reason": ""}, a)
    if state == "review":
        return app
    _step(app, "accept", {"handler": a, "reason": ""}, a)
    if state == "paused":
        _step(app, "pause_start", {"kind": "third_party", "party": "示范公司", "start": dt.date(2025, 3, 5),
                                   "reason": ""}, a)
    if state == "art35_asked":
        _step(app, "art35_ask", {"asked_on": dt.date(2025, 3, 5), "reason": "一月内申请四十件"}, a)
    if state == "undetermined":
        # Received where the calendar has no data yet for its deadline (2027). The servers' clock stands
        # in 2025, so the date is set here rather than through the register, which refuses future dates.
        from gongkai.web.applications.models import Application

        Application.objects.filter(pk=app.pk).update(received_on=dt.date(2026, 12, 21), due_on=None)
        app.refresh_from_db()
    if state == "replied":
        _step(app, "decide", {"outcome": "granted", "legal_basis": "条例", "reply_text": "",
                              "replied_on": dt.date(2025, 3, 7), "reason": ""}, a)
    return app


finance_pk: list[int] = []


def _document(county, people, state: str):
    from gongkai.web.disclosures import workflow
    from gongkai.web.disclosures.models import Category

    finance, _ = Category.objects.get_or_create(agency=county, name="财政信息")
    finance_pk.append(finance.pk)
    doc = workflow.create(county, people["drafter"], title="示范县2025年财政预算", body="预算正文。",
                          made_on=dt.date(2025, 3, 3), category=finance)
    if state == "draft":
        return doc
    workflow.submit(doc, people["drafter"])
    if state == "first_review":
        return doc
    workflow.approve(doc, people["r1"], secrecy_cleared=True)
    workflow.approve(doc, people["r2"])
    if state == "sign_off":
        return doc
    workflow.approve(doc, people["r3"], on=dt.date(2025, 3, 6))
    return doc


def _report_agency(people, i: int, years):
    from gongkai.web.agencies.models import Agency, Membership
    from gongkai.web.reports.models import AnnualReport, ProactiveFigures

    agency = Agency.objects.create(code=f"rep{i}", name=f"示范县第{i}局", level="department")
    for user in (people["a"], people["b"]):
        for role in ("reviewer", "head"):
            Membership.objects.create(user=user, agency=agency, role=role)
    for year in years:
        ProactiveFigures.objects.create(agency=agency, year=year)
        AnnualReport.objects.create(agency=agency, year=year, section1=f"{year}年，本局认真贯彻落实条例。",
                                    section5="存在的主要问题及改进情况。", section6="无其他需要报告的事项。")
    return agency.code


def seed(payload: dict) -> dict:
    from django.db import transaction

    from gongkai.web.appeals.models import Appeal

    with transaction.atomic():
        county, people = _users()
        out = {"apps": {}, "docs": {}, "reports": [], "appeals": [],
               "users": {name: user.pk for name, user in people.items()}}
        for pair, (state, rounds) in payload.get("apps", {}).items():
            out["apps"][pair] = [_application(county, people, state).number for _ in range(rounds)]
        for pair, (state, rounds) in payload.get("docs", {}).items():
            out["docs"][pair] = [_document(county, people, state).pk for _ in range(rounds)]
        out["category"] = finance_pk[0] if finance_pk else None
        years = payload.get("report_years", [])
        out["reports"] = [_report_agency(people, i, years) for i in range(payload.get("reports", 0))]
        for _ in range(payload.get("appeals", 0)):
            app = _application(county, people, "replied")
            appeal = Appeal.objects.create(application=app, kind="reconsideration", filed_on=dt.date(2025, 3, 8),
                                           body="示范市人民政府")
            out["appeals"].append(appeal.pk)
    return out


def _files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []


def probe(payload: dict) -> dict:
    from django.conf import settings
    from django.forms.models import model_to_dict

    from gongkai.web.agencies.models import AuditEntry
    from gongkai.web.appeals.models import Appeal
    from gongkai.web.applications.models import Application
    from gongkai.web.disclosures.models import Document
    from gongkai.web.reports.models import AnnualReport

    def trail(subject, agency=None):
        entries = AuditEntry.objects.filter(subject=subject)
        if agency is not None:
            entries = entries.filter(agency__code=agency)
        return [list(e) for e in entries.order_by("id").values_list("action", "reason")]

    def plain(row, exclude=()):
        return json.loads(json.dumps(model_to_dict(row, exclude=exclude), default=str))

    media = Path(settings.MEDIA_ROOT)
    out = {"apps": {}, "docs": {}, "reports": {}, "appeals": {}, "aside": _files(media / ".incoming")}
    for number in payload.get("apps", []):
        app = Application.objects.get(number=number)
        out["apps"][number] = {
            "row": plain(app), "audit": trail(f"application:{number}"),
            "pauses": [[p.kind, str(p.start), str(p.end) if p.end else None] for p in app.pauses.order_by("id")],
            "attachments": [[a.file.name, (media / a.file.name).is_file()] for a in app.attachments.all()],
            "on_disk": _files(media / "applications" / "county" / number),
        }
    for pk in payload.get("docs", []):
        doc = Document.objects.get(pk=pk)
        out["docs"][str(pk)] = {
            "row": plain(doc), "audit": trail(f"document:{doc.index_number}"),
            "files": [[f.file.name, (media / f.file.name).is_file()] for f in doc.files.all()],
            "on_disk": _files(media / "documents" / "county" / str(pk)),
        }
    for code, year in payload.get("reports", []):
        report = AnnualReport.objects.get(agency__code=code, year=year)
        out["reports"][f"{code}/{year}"] = {"row": plain(report, exclude=("snapshot",)),
                                            "audit": trail(f"report:{year}", code)}
    for pk in payload.get("appeals", []):
        out["appeals"][str(pk)] = {"row": plain(Appeal.objects.get(pk=pk)), "audit": trail(f"appeal:{pk}")}
    return out


def sweep(payload: dict) -> dict:
    from django.conf import settings

    from gongkai.web.agencies import uploads

    removed = uploads.sweep(settings.MEDIA_ROOT, older_than=payload.get("older_than", 0))
    return {"removed": [str(p) for p in removed], "aside": _files(Path(settings.MEDIA_ROOT) / uploads.INCOMING)}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.web.settings")
    django.setup()
    command = sys.argv[1]
    payload = json.loads(sys.stdin.read() or "null") or {}
    print(json.dumps({"seed": seed, "probe": probe, "sweep": sweep}[command](payload), ensure_ascii=False))


if __name__ == "__main__":
    main()
