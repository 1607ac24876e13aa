"""A demo county: the county government, two townships, staff of every role, and a year of applications.

Why through the services and not raw inserts: the demo must look like real work, with the audit
trail, the stored deadlines and the reply letters exactly as the staff pages would have made them.
Deterministic (fixed random seed) so that two demos of the same day show the same records.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from gongkai.clock import NATIONAL, ClockError, count_working_days
from gongkai.clock.fees import per_page_fee
from gongkai.web.agencies.models import Agency, LocalHoliday, Membership
from gongkai.web.appeals.models import Appeal
from gongkai.web.applications import letters, services
from gongkai.web.applications.models import (
    Application,
    NoticeSettings,
    NoticeTemplate,
    Pause,
    ReplyTemplate,
    State,
    today,
)
from gongkai.web.applications.notices.kinds import KINDS
from gongkai.web.applications.outcomes import REPLY_KINDS
from gongkai.web.disclosures.demo import seed_documents
from gongkai.web.disclosures.figures import year_figures
from gongkai.web.portal.demo import seed_portal
from gongkai.web.reports import assemble, publication
from gongkai.web.reports.models import AnnualReport, ProactiveFigures
from gongkai.web.supervision import filing
from gongkai.web.supervision.models import CountyRules, Filing, LevelDeadline

PASSWORD = "gongkai-demo"
AGENCIES = (
    ("county", "示范县人民政府", "government", None, 80),
    ("donghu", "示范县东湖镇人民政府", "township", "county", 30),
    ("xishan", "示范县西山乡人民政府", "township", "county", 24),
)
NAMES = {"registrar": "登记员", "handler": "承办人", "reviewer": "审核人", "head": "负责人", "admin": "管理员",
         "editor": "信息编发员", "first_reviewer": "初审员"}
# As in real townships, one clerk of 西山乡's office holds several roles: registers, handles and drafts the
# proactive documents; the reviews (审核, 初审) and 审发 stay with other people, as the workflow requires.
CLERKS = {"xishan": ("clerk", "党政办工作人员", ("registrar", "handler", "editor"))}
TYPES = (("natural_person", 70), ("commercial", 12), ("research", 3), ("social_welfare", 3),
         ("legal_service", 7), ("other_org", 5))
OUTCOMES = (("granted", 36), ("granted.proactive", 4), ("partial", 10), ("denied.third_party", 4),
            ("denied.process_information", 4), ("denied.internal_affairs", 2), ("unable.not_held", 17),
            ("unable.not_ours", 3), ("unable.needs_creation", 4),
            ("not_processed.complaint", 5), ("not_processed.duplicate", 3), ("not_processed.publication", 2),
            ("other.other", 2))
# What the clerk writes where the article requires it (outcomes.ReplyKind.needs).
REPLY_TEXTS = {
    "granted.proactive": "该信息已在示范县人民政府门户网站“政府信息公开”专栏主动公开，您可以登录查阅。",
    "partial": "其中涉及个人身份信息和联系方式的内容属于个人隐私，公开会对第三方合法权益造成损害，已作区分处理。",
    "denied.third_party": "该信息含有第三方的商业秘密，经书面征求意见，第三方不同意公开且理由合理。",
    "denied.process_information": "该信息为本机关内部讨论记录，属于过程性信息。",
    "denied.internal_affairs": "该信息为本机关人事管理方面的内部事务信息。",
    "unable.not_ours": "该信息由示范县自然资源局负责公开，联系电话：0000-1234567。",
    "not_processed.complaint": "示范县信访局（示范县人民路8号），或拨打12345政务服务便民热线。",
    "not_processed.duplicate": "本机关已于此前就您的同一申请作出书面答复。",
    "not_processed.publication": "该出版物可在示范县图书馆查阅或通过新华书店购买。",
}
# The demo's 文书设置: the county names the city government as 复议机关 (it has no parent in the demo).
LETTERHEADS = {
    "county": {"number_prefix": "示范县政", "reconsideration_body": "示范市人民政府", "court": "示范县人民法院",
               "contact_person": "县政府办公室政务公开科", "phone": "0000-6543210", "address": "示范县人民路1号",
               "postcode": "000100", "payment": "通过非税收入电子缴款系统缴纳，缴款码随本通知送达。"},
    "donghu": {"number_prefix": "东湖镇政", "court": "示范县人民法院", "contact_person": "镇党政综合办公室",
               "phone": "0000-6543300", "address": "示范县东湖镇东湖路2号", "postcode": "000110"},
    "xishan": {"number_prefix": "西山乡政", "court": "示范县人民法院", "contact_person": "乡党政综合办公室",
               "phone": "0000-6543400", "address": "示范县西山乡西山街3号", "postcode": "000120"},
}


def seed_templates() -> None:
    """The back office's editable templates, one per reply type and per notice, from the defaults."""
    for key in REPLY_KINDS:
        title, body = letters.default_template(key)
        ReplyTemplate.objects.update_or_create(outcome=key, defaults={"title": title, "body": body})
    for kind in KINDS.values():
        NoticeTemplate.objects.update_or_create(kind=kind.key, defaults={"title": kind.title, "body": kind.body})


def seed_letterhead(agency: Agency) -> None:
    NoticeSettings.objects.update_or_create(agency=agency, defaults=LETTERHEADS.get(agency.code, {}))


SUBJECTS = ("本镇2024年征地补偿安置方案", "某路段拓宽工程的规划许可文件", "城乡低保资金发放明细",
            "本县义务教育学校划片方案", "某企业环境影响评价批复", "农村宅基地审批情况",
            "老旧小区改造项目资金使用情况", "河道整治工程招标文件",
            "本村集体土地征收批复", "养老服务补贴发放标准")


def pick(rng: random.Random, weighted) -> str:
    return rng.choices([k for k, _ in weighted], [w for _, w in weighted])[0]


def is_working_day(date: dt.date) -> bool:
    """For the demo's own dates only (see ``working_days_after``)."""
    try:
        return NATIONAL.is_working_day(date)
    except ClockError:
        return date.weekday() < 5


def working_days_after(start: dt.date, n: int) -> dt.date:
    """The date of a step the demo's staff took, ``n`` working days after ``start``.

    In a year the calendar does not know (no schedule is ever seeded: the demo must not pass invented
    dates off as the State Council's), Monday to Friday stands in, so that the demo runs on any day.
    These are simulated dates of past work, never deadlines: those stay 期限待定 until the year is entered.
    """
    try:
        return count_working_days(start, n, calendar=NATIONAL).due
    except ClockError:
        date = start
        while n > 0:
            date += dt.timedelta(days=1)
            n -= is_working_day(date)
        return date


SUPERVISOR = "gongkaiban"


def seed_supervision(agencies: dict[str, Agency], end: dt.date) -> None:
    """The county's 政务公开办: a supervisor login, 先备案后公布 with 怀化-like township deadlines (file by
    01-26, publish by 01-28), and last year's filings: 东湖镇 waiting for the office, 西山乡 returned with
    a comment, so the board shows several states."""
    county = agencies["county"]
    user = get_user_model().objects.create_user(SUPERVISOR, password=PASSWORD, first_name="示范县政务公开办")
    Membership.objects.create(user=user, agency=county, role="supervisor")
    CountyRules.objects.create(county=county, filing_first=True, updated_by=user)
    LevelDeadline.objects.create(county=county, level="township", filing_month=1, filing_day=26,
                                 publish_month=1, publish_day=28)
    last = end.year - 1
    if last < assemble.FIRST_YEAR:
        return
    reviewers = {m.agency.code: m.user for m in Membership.objects.filter(role="reviewer").select_related("agency")}
    waiting = filing.submit(agencies["donghu"], last, reviewers["donghu"])
    returned = filing.submit(agencies["xishan"], last, reviewers["xishan"])
    filing.decide(returned, user, False,
                  "第五部分“存在的主要问题及改进情况”过于笼统，请结合本乡实际具体说明后重新报送。")
    # Dated in January, as the office's season is (the demo's today may be any day of the year).
    Filing.objects.filter(pk=waiting.pk).update(submitted_on=min(dt.date(end.year, 1, 22), end))
    Filing.objects.filter(pk=returned.pk).update(submitted_on=min(dt.date(end.year, 1, 21), end),
                                                 decided_on=min(dt.date(end.year, 1, 23), end))


class Command(BaseCommand):
    help = "Seeds the demo county (skipped with --if-empty when agencies exist) and prints the logins."

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="do nothing if any agency exists")

    def handle(self, *args, if_empty=False, **options):
        if if_empty and Agency.objects.exists():
            self.stdout.write("演示数据已存在，跳过生成。")
        else:
            with transaction.atomic():
                self.seed()
        self.print_logins()

    def print_logins(self):
        self.stdout.write(f"\n登录账号（密码均为 {PASSWORD}）：")
        self.stdout.write("  admin（系统管理后台 /admin/）")
        for code, name, *_ in AGENCIES:
            login, title, roles = CLERKS.get(code, ("", "", ()))
            users = ", ".join(f"{code}-{role}（{NAMES[role]}）" for role in NAMES if role not in roles)
            if login:
                users = f"{code}-{login}（{title}：{'、'.join(NAMES[r] for r in roles)}）, " + users
            self.stdout.write(f"  {name}：{users}")
        self.stdout.write(f"  示范县政务公开办（监督下级机关的年度报告）：{SUPERVISOR}")
        self.stdout.write("办理平台：http://127.0.0.1:8000/    政府信息公开专栏（公众）：http://127.0.0.1:8000/z"
                          "fxxgk/\n")

    def seed(self):
        rng = random.Random(2025)
        end = today()
        User = get_user_model()
        User.objects.create_superuser("admin", password=PASSWORD, first_name="系统管理员")
        seed_templates()
        agencies = {}
        for code, name, level, parent, count in AGENCIES:
            agency = Agency.objects.create(code=code, name=name, level=level, parent=agencies.get(parent))
            seed_letterhead(agency)
            agencies[code] = agency
            staff = {}
            login, title, shared = CLERKS.get(code, ("", "", ()))
            clerk = User.objects.create_user(f"{code}-{login}", password=PASSWORD,
                                             first_name=f"{name}{title}") if login else None
            for role in NAMES:
                user = clerk if role in shared else User.objects.create_user(
                    f"{code}-{role}", password=PASSWORD, first_name=f"{name}{NAMES[role]}")
                Membership.objects.create(user=user, agency=agency, role=role)
                staff[role] = user
            if code == "xishan":
                LocalHoliday.objects.create(agency=agency, date=dt.date(end.year, 4, 1) if end.month > 4 else
                                            dt.date(end.year - 1, 4, 1), name="民族传统节日（示例）")
            self.seed_applications(rng, agency, staff, count, end)
            self.seed_reports(rng, agency, staff, end)
            seed_documents(agency, staff, rng, end.year)
            seed_portal(agency, rng)
        seed_supervision(agencies, end)
        self.stdout.write(self.style.SUCCESS(f"已生成演示数据：{Application.objects.count()}件申请。"))

    def seed_applications(self, rng, agency, staff, count, end):
        start = dt.date(end.year - 1, 1, 1)
        span = (end - start).days
        for i in range(count):
            # The last tenth is spread over the last six weeks, so the dashboard has every kind of open case.
            received = end - dt.timedelta(days=rng.randint(0, 42)) if i >= count * 0.8 else \
                start + dt.timedelta(days=rng.randint(0, span - 50))
            while not is_working_day(received):
                received -= dt.timedelta(days=1)
            try:
                self.one_application(rng, agency, staff, received, end)
            except ClockError:
                continue  # a deadline past the calendar's last known year: leave this one out of the demo

    def one_application(self, rng, agency, staff, received, end):
        app = services.register(
            agency, staff["registrar"], channel=rng.choice(["in_person", "post_signed", "online", "online", "fax"]),
            received_on=received, applicant_type=pick(rng, TYPES), applicant_name=rng.choice(
                ["王某", "李某", "张某", "刘某", "陈某", "某某律师事务所", "某某建设有限公司"]),
            id_number="", phone=f"1380000{rng.randint(0, 9999):04d}", address="示范县（演示地址）",
            description=rng.choice(SUBJECTS), delivery=rng.choice(["paper", "email", "pickup"]))
        days_since = (end - received).days
        if days_since < 2:
            return  # just registered, not yet submitted for review
        services.apply(app, staff["registrar"], "submit", to_state=State.REVIEW, reason="提交审核")
        if days_since < 3:
            return
        roll = rng.random()
        if roll < 0.08:  # a 补正, answered or not
            asked = working_days_after(received, 2)
            services.apply(app, staff["reviewer"], "correction", correction_requested_on=asked,
                           correction_note="请明确所需信息的时间范围", reason=f"{asked}告知补正")
            if days_since < 25:
                return
            if rng.random() < 0.5:
                replied = working_days_after(asked, 15)
                self.decide(app, staff["reviewer"], "other.no_supplement", replied, end)
                return
            got = working_days_after(asked, 5)
            services.apply(app, staff["registrar"], "supplement", correction_received_on=got,
                           reason=f"{got}收到补正申请")
        services.apply(app, staff["reviewer"], "accept", to_state=State.PROCESSING, handler=staff["handler"],
                       reason="审核通过")
        if roll > 0.9 and days_since > 10:  # a consultation, closed or still running
            begin = working_days_after(received, 3)
            pause = Pause.objects.create(application=app, kind="third_party", start=begin)
            services.apply(app, staff["handler"], "pause_start", reason=f"{begin}起征求第三方意见")
            if days_since > 40:
                pause.end = working_days_after(begin, 12)
                pause.save()
                services.apply(app, staff["handler"], "pause_end", reason="第三方意见已收到")
        if 0.86 < roll <= 0.9 and days_since > 25:
            services.apply(app, staff["head"], "extend", extension_days=20, extension_reason="需要调取档案",
                           extension_approved_by=staff["head"], reason="负责人批准延长20个工作日")
        if 0.84 < roll <= 0.86 and days_since > 8:
            calc = per_page_fee(rng.randint(120, 400))
            notice = working_days_after(received, 5)
            Pause.objects.create(application=app, kind="fee", start=notice)
            services.apply(app, staff["handler"], "fee_notice", fee_scale=calc.scale, fee_quantity=calc.quantity,
                           fee_amount=calc.total, fee_explanation=calc.explain(), fee_notice_on=notice,
                           reason=f"发出收费通知{calc.total}元")
            if days_since > 45:
                self.decide(app, staff["handler"], "other.unpaid_fee", working_days_after(notice, 21), end)
            return
        # Most are answered in about 8-19 working days; a few stay open past their deadline (overdue).
        app.refresh_from_db()
        if app.open_pause():  # a consultation still running, or a fee not paid
            return
        replied = working_days_after(received, rng.randint(8, 19) + app.extension_days)
        if rng.random() < 0.04 or replied > end:
            return
        self.decide(app, staff["handler"], pick(rng, OUTCOMES), replied, end)

    def decide(self, app, user, outcome, replied, end):
        if replied > end:
            return
        for pause in app.pauses.filter(end__isnull=True):
            pause.end = replied
            pause.save()
        kind = REPLY_KINDS[outcome]
        services.apply(app, user, "decide", to_state=State.REPLY, outcome=kind.outcome, reply_kind=kind.key,
                       legal_basis=kind.basis, replied_on=replied, reply_text=REPLY_TEXTS.get(kind.key, ""),
                       reason="办结答复")
        if (end - replied).days > 10:
            services.apply(app, user, "archive", to_state=State.ARCHIVED, archived_on=replied + dt.timedelta(days=7),
                           reason="归档")

    def seed_reports(self, rng, agency, staff, end):
        last = end.year - 1
        decided = list(agency.applications.filter(outcome__startswith="denied")[:3])
        for i, app in enumerate(decided):
            kind = ["reconsideration", "litigation_direct", "reconsideration"][i]
            filed = app.replied_on + dt.timedelta(days=30)
            if filed <= end:
                done = filed + dt.timedelta(days=60)
                Appeal.objects.create(application=app, kind=kind, filed_on=filed, body="示范市人民政府",
                                      result="upheld" if done <= end else "pending",
                                      decided_on=done if done <= end else None)
        ProactiveFigures.objects.create(agency=agency, year=last, normative_issued=rng.randint(1, 8),
                                        normative_in_force=rng.randint(10, 40), licensing=rng.randint(50, 900),
                                        punishment=rng.randint(0, 60), coercion=rng.randint(0, 5),
                                        fees=Decimal("1.25"))
        if last < assemble.FIRST_YEAR:
            return
        report = assemble.assemble(agency, last)
        texts = assemble.draft_texts(report, year_figures(agency, last))
        draft = AnnualReport.objects.create(agency=agency, year=last, section1=texts[1],
                                            section5="信息公开申请办理的规范化程度有待提高，下一步将加强业务培训。",
                                            section6=f"本年度未收取信息处理费。{agency.name}无其他需要报告的事项。")
        # The county published last year's report in January (the portal shows it); the townships have
        # theirs still in draft, as many do.
        if agency.code == "county":
            refused = publication.publish(draft, staff["head"], min(dt.date(end.year, 1, 20), end))
            if refused:
                self.stderr.write(f"演示报告未能发布：{refused[0].message}")
