"""The January cycle of the county office (政务公开办), clicked in a real headless Chromium (Debian's).

示范县 requires 先备案后公布; its townships file by 01-26 and publish by 01-28 (怀化-like local rules).
- 01-20 东湖镇 and 西山镇 file their drafts (the reviewer's button on the report page).
- The office returns 东湖镇's with a comment and accepts 西山镇's; 西山镇's head publishes on 01-21.
- 东湖镇's head reads the comment, rewrites section 五, files again; the office accepts; published 01-23.
- 南山镇 files only on 01-27, a day after its filing deadline, and has not published by 01-28.
- On 01-29 the board shows 已发布 2 (东湖镇, 西山镇), 逾期 1 (南山镇, 已报送, marked 逾期报送), 未起草 1
  (the county's own report, due 03-31); the findings and figures pages list the townships; the 通报
  draft is generated as DOCX in the browser, converted to PDF by LibreOffice and its first page
  rendered by pdftoppm (not blank). GONGKAI_KEEP_PNG=docs/supervision keeps the PNGs (the 通报's
  page 1 and a screenshot of the board).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tempfile
from pathlib import Path

from django.contrib.auth import get_user_model
from django.test import override_settings

from gongkai.web.agencies.models import Agency, Membership
from gongkai.web.reports.models import AnnualReport
from gongkai.web.supervision.models import CountyRules, Filing, LevelDeadline

from ..chromium import DESKTOP
from .live_browser import LiveBrowserTestCase
from .supervision_base import make_ready
from .supervision_pdf import MIN_DARK, print_docx

PASSWORD = "cycle-pass-1"
D = dt.date
COMMENT = "第五部分过于笼统，请写明培训次数和改进措施。"
FIXED = "全年仅组织政府信息公开培训1次，明年增至每季度1次，并建立答复前复核制度。"


class JanuaryCycleInTheBrowser(LiveBrowserTestCase):
    password = PASSWORD

    def setUp(self):
        User = get_user_model()
        self.county = Agency.objects.create(name="示范县人民政府", code="shifan", level="government")
        CountyRules.objects.create(county=self.county, filing_first=True)
        LevelDeadline.objects.create(county=self.county, level="township", filing_month=1, filing_day=26,
                                     publish_month=1, publish_day=28)
        self.towns = {}
        for code, name in (("donghu", "示范县东湖镇人民政府"), ("xishan", "示范县西山镇人民政府"),
                           ("nanshan", "示范县南山镇人民政府")):
            town = Agency.objects.create(name=name, code=code, level="township", parent=self.county)
            self.towns[code] = town
            for role in ("reviewer", "head"):
                user = User.objects.create_user(f"{code}-{role}", password=PASSWORD, first_name=f"{name}{role}")
                Membership.objects.create(user=user, agency=town, role=role)
            # The figures and texts entered as staff do (not this test's subject): publishable as they stand.
            make_ready(town, User.objects.get(username=f"{code}-reviewer"))
        gkb = User.objects.create_user("gongkaiban", password=PASSWORD, first_name="示范县政务公开办")
        Membership.objects.create(user=gkb, agency=self.county, role="supervisor")
        self.context = self.browser.new_context(viewport=DESKTOP, locale="zh-CN", accept_downloads=True)
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)
        self.folder = Path(tempfile.mkdtemp(prefix="cycle-"))
        keep = os.environ.get("GONGKAI_KEEP_PNG")
        self.keep = Path(keep) if keep else None

    def tearDown(self):
        self.context.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    # Gestures ---------------------------------------------------------------------------------------------

    def on(self, day: dt.date) -> None:
        """The project's clock for the rest of the test (the live server reads the same settings)."""
        changed = override_settings(GONGKAI_TODAY=day)
        changed.enable()
        self.addCleanup(changed.disable)


    def click(self, name: str):
        self.page.get_by_role("button", name=name, exact=True).click()
        self.page.wait_for_load_state()

    def file(self, town: str):
        self.login(f"{town}-reviewer")
        self.go(f"/{town}/reports/2025/")
        self.click("报送政务公开办备案")
        self.assertIn("已报送政务公开办备案", self.page.inner_text("main"))

    def decide(self, town: str, decision: str, comment: str = ""):
        self.login("gongkaiban")
        self.go("/shifan/supervision/2025/")
        self.page.locator(f'tr[data-agency="{town}"] a[href*="/filings/"]').click()  # the filing link, not the name's
        self.page.wait_for_load_state()
        self.page.get_by_label("审核结论").select_option(label=decision)
        self.page.get_by_label("审核意见").fill(comment)
        self.click("提交审核意见")
        state = {"退回整改": "退回整改", "备案通过": "已备案"}[decision]
        self.assertIn(f"报送：{state}。", self.page.inner_text("main"))

    def publish(self, town: str, day: str):
        self.login(f"{town}-head")
        self.go(f"/{town}/reports/2025/")
        self.page.get_by_label("发布日期").fill(day)
        self.click("发布")
        self.assertEqual(AnnualReport.objects.get(agency=self.towns[town], year=2025).state, "published")

    def board_row(self, town: str) -> str:
        return self.page.locator(f'tr[data-agency="{town}"]').inner_text()

    # The cycle --------------------------------------------------------------------------------------------

    def test_the_january_cycle(self):
        self.on(D(2026, 1, 20))
        self.file("donghu")
        self.file("xishan")
        self.login("gongkaiban")
        self.go("/shifan/supervision/2025/")
        self.assertIn("已报送", self.board_row("donghu"))
        # 南山镇 has not filed; its filing deadline is 6 days away: it stands out, in words
        self.assertIn("6天后报送截止（2026-01-26）", self.board_row("nanshan"))
        self.assertIn("soon", self.page.locator('tr[data-agency="nanshan"]').get_attribute("class"))

        self.decide("donghu", "退回整改", COMMENT)
        self.decide("xishan", "备案通过", "同意发布。")
        self.on(D(2026, 1, 21))
        self.publish("xishan", "2026-01-21")

        # 东湖镇's head sees the comment; publishing waits (the button is disabled with its reason).
        self.on(D(2026, 1, 22))
        self.login("donghu-head")
        self.go("/donghu/reports/2025/")
        self.assertIn(f"审核意见：{COMMENT}", self.page.inner_text("main"))
        self.assertTrue(self.page.get_by_role("button", name="发布", exact=True).is_disabled())
        self.page.get_by_role("link", name="编写文字部分（一、五、六）").click()
        self.page.wait_for_load_state()
        self.page.get_by_label("五、存在的主要问题及改进情况").fill(FIXED)
        self.click("保存")
        self.click("报送政务公开办备案")
        self.assertEqual(Filing.objects.filter(agency=self.towns["donghu"]).count(), 2)
        self.decide("donghu", "备案通过", "")
        self.on(D(2026, 1, 23))
        self.publish("donghu", "2026-01-23")

        self.on(D(2026, 1, 27))
        self.file("nanshan")  # a day after its filing deadline

        self.on(D(2026, 1, 29))
        self.login("gongkaiban")
        self.go("/shifan/supervision/2025/")
        counts = self.page.locator("#counts").inner_text()
        for label, n in (("已发布", 2), ("逾期", 1), ("未起草", 1), ("已报送", 0), ("缺报", 0)):
            self.assertRegex(counts, rf"{label}\s*{n}")
        self.assertIn("已发布", self.board_row("donghu"))
        self.assertIn("2026-01-23", self.board_row("donghu"))
        nanshan = self.board_row("nanshan")
        self.assertIn("逾期（已报送）", nanshan)
        self.assertIn("逾期报送", nanshan)
        if self.keep:
            self.keep.mkdir(parents=True, exist_ok=True)
            self.page.screenshot(path=str(self.keep / "january-board.png"), full_page=True)
        # 东湖镇's history keeps both filings and both decisions.
        self.page.locator('tr[data-agency="donghu"] a[href*="/filings/"]').click()
        self.page.wait_for_load_state()
        history = self.page.locator("#history").inner_text()
        self.assertIn(COMMENT, history)
        self.assertEqual(len(re.findall(r"第\d次", history)), 2)

        # The findings and the figures of the year list the townships.
        for path in ("/shifan/supervision/2025/findings/", "/shifan/supervision/2025/figures/"):
            self.go(path)
            self.assertIn("示范县南山镇人民政府", self.page.inner_text("main"), path)

        self.go("/shifan/supervision/2025/tongbao/")
        with self.page.expect_download() as info:
            self.page.get_by_role("button", name="生成通报（Word）").click()
        self.look(Path(info.value.path()).read_bytes())

    def look(self, docx: bytes) -> None:
        """LibreOffice converts the 通报 to PDF; pdftoppm renders page 1, which is not blank."""
        printed = print_docx(self.folder, docx)
        self.assertIn("示范县", printed.text)
        # The late township is named under 发现的问题: filed after 01-26, not published by 01-28.
        flat = "".join(printed.text.split())
        self.assertIn("逾期报送：示范县南山镇人民政府；逾期未发布：示范县南山镇人民政府", flat)
        png, dark = printed.png, printed.dark
        print(f"january 通报 page 1: {dark:.2%} dark pixels")
        self.assertGreater(dark, MIN_DARK)
        if self.keep:
            (self.keep / "january-tongbao.png").write_bytes(png.read_bytes())
