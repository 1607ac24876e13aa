"""One application's whole life, as the clerks click it in a real headless Chromium (Debian's).

Registered at the counter (受理回执) → 补正 notice with its period → the applicant's 补正 recorded →
accepted → a third party consulted (征求意见书) and its answer → the head's extension (延期答复告知书)
before the deadline → the fee notice (收费通知书, priced from the register) → the fee paid → a 不予公开
reply whose remedy sentence sends the applicant to the 复议机关 first (行政复议法 Art 23) → 送达回证.

Every notice is fetched with the page's own button in the browser session (a download), then read as
people's programs read it: ``pdffonts`` (every font embedded), ``pdftoppm`` (the page is not blank)
and ``pdftotext`` (the case's facts are printed). Set GONGKAI_KEEP_PNG=docs/notices to keep the PNGs
of this one set (the ones committed in docs/notices/).

The calendar: every date lies between 2025-06-09 and 2025-08-27, a stretch with no public holiday and
no make-up working day (端午 ended on 2025-06-02, the National Day make-up Sunday is 2025-09-28), so
every working day below is simply a Monday to Friday.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password
from django.test import override_settings

from gongkai.web.agencies.models import Agency, Membership
from gongkai.web.applications import services
from gongkai.web.applications.models import Application, NoticeSettings

from ..chromium import DESKTOP
from ..needs import program
from .live_browser import LiveBrowserTestCase

PASSWORD = "life-pass-1"
D = dt.date
ID_NUMBER = "110101198001011234"
NUMBER = "COUNTY-2025-00011"  # ten earlier applications of the same applicant are on the register
CODE = re.compile(r"(?<![A-Z0-9])[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{8}(?![A-Z0-9])")  # portal.lookup.ALPHABET
DPI = 72
# Shares of dark pixels (grey < 128 at 72 dpi): a first page carries the title, the 文号 and the text,
# far above 1 % (measured: 3–6 % on these notices); a page a notice runs onto may hold a single line
# (the fee notice's contact line: 0.06 %), and a blank page has none at all.
MIN_FIRST_PAGE = 0.01
MIN_OTHER_PAGE = 0.0002


def _label(text: str) -> re.Pattern:
    """A field's label exactly as printed, with or without Django's label suffix (“：”)."""
    return re.compile(rf"^\s*{re.escape(text)}\s*[:：]?\s*$")


# Today is after every date of the life (a recorded step may not lie in the future, issue 14 part 8).
@override_settings(GONGKAI_TODAY=D(2025, 7, 25))
class WholeLifeInTheBrowser(LiveBrowserTestCase):
    password = PASSWORD

    def setUp(self):
        User = get_user_model()
        county = Agency.objects.create(name="示范县人民政府", code="gov", level="government")
        # A department: its 复议机关 is the people's government of its level (行政复议法 Art 24), which the
        # letter names from the hierarchy (NoticeSettings.reconsideration_body is left blank).
        self.agency = Agency.objects.create(name="示范县自然资源局", code="county", level="department", parent=county)
        NoticeSettings.objects.create(agency=self.agency, number_prefix="示范县自然资源", phone="0000-6543210",
                                      court="示范县人民法院", payment="通过非税收入电子缴款系统缴纳。")
        self.users = {}
        for role in ("registrar", "reviewer", "handler", "head"):
            user = User.objects.create_user(role, password=PASSWORD, first_name=role)
            Membership.objects.create(user=user, agency=self.agency, role=role)
            self.users[role] = user
        # The same applicant (same identity number) filed ten applications here in June, received
        # 2025-06-02..06-06, two a day: the one of this life is the 11th of the month.
        for i in range(10):
            services.register(self.agency, self.users["registrar"], channel="online",
                              received_on=D(2025, 6, 2 + i // 2), applicant_type="natural_person",
                              applicant_name="李四", id_number=ID_NUMBER, phone="13912345678",
                              address="示范县和平街8号", description=f"2024年第{i + 1}批建设用地审批材料")
        self.context = self.browser.new_context(viewport=DESKTOP, locale="zh-CN", accept_downloads=True)
        self.page = self.context.new_page()
        self.page.set_default_timeout(10_000)
        self.folder = Path(tempfile.mkdtemp(prefix="life-"))
        keep = os.environ.get("GONGKAI_KEEP_PNG")
        self.keep = Path(keep) if keep else None

    def tearDown(self):
        self.context.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    # The clerk's gestures -------------------------------------------------------------------------------


    def case(self):
        self.go(f"/county/applications/{NUMBER}/")

    def step(self, role: str, button: str, fields: dict[str, str] | None = None,
             selects: dict[str, str] | None = None):
        """On the case page, fill the form of one step (labels as the clerk reads them) and press it."""
        self.login(role)
        self.case()
        form = self.page.locator("form.action").filter(has=self.page.get_by_role("button", name=button, exact=True))
        for label, option in (selects or {}).items():
            form.get_by_label(_label(label)).select_option(label=option)
        for label, value in (fields or {}).items():
            form.get_by_label(_label(label)).fill(value)
        form.get_by_role("button", name=button, exact=True).click()
        self.page.wait_for_load_state()
        main = self.page.inner_text("main")
        self.assertIn(f"已{button}。", main, main[:1500])
        return main

    def due_shown(self) -> str:
        """The deadline the case page shows (答复期限：YYYY-MM-DD)."""
        self.case()
        found = re.search(r"答复期限：\s*(\d{4}-\d{2}-\d{2})", self.page.inner_text("main"))
        self.assertIsNotNone(found, self.page.inner_text("main")[:1500])
        return found.group(1)

    def download(self, click) -> bytes:
        from playwright.sync_api import TimeoutError as NoDownload

        try:
            with self.page.expect_download() as info:
                click()
            path = info.value.path()
        except NoDownload:
            self.fail("no file came: " + self.page.inner_html("main")[-3000:])
        return Path(path).read_bytes()

    def notice(self, role: str, link: str, fields: dict[str, str], selects: dict[str, str] | None = None,
               button: str = "出具（PDF）") -> bytes:
        """From the case page, the notice's own link, its form, and the PDF its 出具 button downloads."""
        self.login(role)
        self.case()
        self.page.get_by_role("link", name=link, exact=True).click()
        self.page.wait_for_load_state()
        for label, option in (selects or {}).items():
            self.page.get_by_label(_label(label)).select_option(label=option)
        for label, value in fields.items():
            self.page.get_by_label(_label(label)).fill(value)
        return self.download(lambda: self.page.get_by_role("button", name=button, exact=True).click())

    # Reading the PDF as poppler does ----------------------------------------------------------------------

    def look(self, data: bytes, name: str, says: list[str]) -> str:
        """Every font embedded, every page not blank, and the facts printed; returns the text."""
        from PIL import Image

        self.assertTrue(data.startswith(b"%PDF"), name)
        pdf = self.folder / f"{name}.pdf"
        pdf.write_bytes(data)
        fonts = subprocess.run([program("pdffonts", "poppler-utils"), str(pdf)], capture_output=True, text=True,
                               timeout=60, check=True).stdout.splitlines()[2:]
        self.assertTrue(fonts, name)
        self.assertEqual([row.split()[0] for row in fonts if row.split()[-5] != "yes"], [], name)  # the emb column
        out = self.folder / name
        subprocess.run([program("pdftoppm", "poppler-utils"), "-r", str(DPI), "-gray", "-png", str(pdf), str(out)],
                       check=True, timeout=60)
        pngs = sorted(self.folder.glob(f"{name}-*.png"))
        self.assertTrue(pngs, name)
        for n, png in enumerate(pngs):
            with Image.open(png) as image:
                gray = image.convert("L")
                histogram = gray.histogram()
                dark = sum(histogram[:128]) / (gray.width * gray.height)
            self.assertGreater(dark, MIN_OTHER_PAGE if n else MIN_FIRST_PAGE, png.name)
            if self.keep is not None:
                self.keep.mkdir(parents=True, exist_ok=True)
                (self.keep / png.name).write_bytes(png.read_bytes())
        text = subprocess.run([program("pdftotext", "poppler-utils"), str(pdf), "-"], capture_output=True,
                              text=True, timeout=60, check=True).stdout
        flat = re.sub(r"\s+", "", text)
        for part in [NUMBER, "示范县自然资源局", "联系电话：0000-6543210", *says]:
            self.assertIn(re.sub(r"\s+", "", part), flat, f"{name}: {part}")
        return flat

    # The life ---------------------------------------------------------------------------------------------

    def test_one_application_from_the_counter_to_the_delivery_record(self):
        page = self.page
        # Monday 2025-06-09: 李四 hands in the application at the counter.
        self.login("registrar")
        self.go("/county/applications/new/")
        page.get_by_label("提交方式").select_option(label="当面提交")
        page.get_by_label("收到申请之日").fill("2025-06-09")
        page.get_by_label("申请人类型").select_option(label="自然人")
        page.get_by_label("申请人姓名或名称").fill("李四")
        page.get_by_label("身份证明号码").fill(ID_NUMBER)
        page.get_by_label("联系电话").fill("13912345678")
        page.get_by_label("通信地址").fill("示范县和平街8号")
        page.get_by_label("申请公开的政府信息").fill("示范县城东片区2024年土地征收补偿协议")
        page.get_by_label("获取信息的方式").select_option(label="纸质文本")
        page.get_by_role("button", name="登记").click()
        page.wait_for_load_state()
        self.assertIn(f"申请 {NUMBER}", page.inner_text("h1"))
        # 20 working days from the day after receipt: 06-10..13 (4), 16..20 (9), 23..27 (14),
        # 06-30..07-04 (19), 07-07 (20) -> 2025-07-07.
        self.assertEqual(self.due_shown(), "2025-07-07")

        # 受理回执, printed at the counter on 06-09 with a fresh lookup code.
        receipt = self.notice("registrar", "受理回执（当面、邮寄提交）", {"成文日期": "2025-06-09"},
                              button="出具回执（PDF）")
        text = self.look(receipt, "receipt", ["政府信息公开申请受理回执", "2025年6月9日", "当面提交",
                                              "2025年7月7日", "/zfxxgk/county/status/"])
        code = CODE.search(text.replace("受理编号", " ").replace(NUMBER, " "))
        self.assertIsNotNone(code)
        self.assertTrue(check_password(code.group(0), Application.objects.get(number=NUMBER).lookup_code))
        # 李四 follows his case on the portal with the number and the code the receipt printed.
        self.context.clear_cookies()
        self.go("/zfxxgk/county/status/")
        page.get_by_label("受理编号").fill(NUMBER)
        page.get_by_label("查询码").fill(code.group(0))
        page.get_by_role("button", name="查询").click()
        page.wait_for_load_state()
        self.assertIn("2025-07-07", page.inner_text("main"))

        self.step("registrar", "提交审核")
        # 补正 (Art 30) on Wednesday 06-11, within the 7 working days of receipt (06-10..13, 16..18: by 06-18),
        # with a reasonable period to 06-25.
        self.step("reviewer", "告知补正", {"补正告知日期": "2025-06-11",
                                          "补正期限（申请人应在此日前补正）": "2025-06-25",
                                          "需要补正的事项": "请明确所申请补偿协议的地块名称或项目名称"})
        correction = self.notice("reviewer", "补正告知书（条例第三十条）", {"成文日期": "2025-06-11"})
        self.look(correction, "correction", ["政府信息公开申请补正告知书", "示范县自然资源信公补〔2025〕11号",
                                             "第三十条",
                                             "请明确所申请补偿协议的地块名称或项目名称", "2025年6月25日前",
                                             "视为放弃申请", "2025年6月11日"])

        # The applicant's 补正 arrives Monday 06-16: the 20 working days restart from it (Art 30):
        # 06-17..20 (4), 23..27 (9), 06-30..07-04 (14), 07-07..11 (19), 07-14 (20) -> 2025-07-14.
        self.step("registrar", "登记收到补正", {"收到补正申请之日": "2025-06-16"})
        self.assertEqual(self.due_shown(), "2025-07-14")
        self.login("reviewer")
        self.case()
        form = page.locator("form.action").filter(has=page.get_by_role("button", name="审核通过，交办"))
        form.get_by_label("承办人").select_option(label="handler")
        form.get_by_role("button", name="审核通过，交办").click()
        page.wait_for_load_state()
        self.assertEqual(Application.objects.get(number=NUMBER).state, "processing")

        # The agreements name the owners: the handler consults them (Art 32) from Wednesday 06-18; their 15
        # working days run to 07-09 (06-19..20: 2, 23..27: 7, 06-30..07-04: 12, 07-07..09: 15).
        self.step("handler", "征求意见（暂停计时）", {
            "征求意见对象（第三方或其他机关的名称）": "示范县城东置业有限公司", "征求意见书送达日期": "2025-06-18"},
                  selects={"类型": "征求第三方意见"})
        consult = self.notice("handler", "征求第三方意见书（条例第三十二条）",
                              {"成文日期": "2025-06-18", "征求意见的事由": "该信息涉及贵单位的商业秘密"})
        self.look(consult, "consult_third_party", ["政府信息公开征求第三方意见书", "示范县城东置业有限公司：",
                                                   "示范县自然资源信公征〔2025〕11-1号", "第三十二条",
                                                   "15个工作日内", "2025年6月9日", "2025年6月18日"])
        # The owner answers on Wednesday 06-25 and does not agree. The clock stood still 06-18..06-25, both
        # days included: 18, 19, 20, 23, 24, 25 = 6 working days, so 07-14 + 6 -> 07-15..18 (4), 07-21..22 (6)
        # -> 2025-07-22.
        self.step("handler", "征求意见结束", {"收到意见之日（逾期未答复的填期限届满之日）": "2025-06-25",
                                             "意见内容": "涉及本公司与被征收人协商的补偿条件，不同意公开"},
                  selects={"意见": "不同意公开"})
        self.assertEqual(self.due_shown(), "2025-07-22")
        pause = Application.objects.get(number=NUMBER).pauses.get()
        self.assertEqual((pause.answered_on, pause.agreed), (D(2025, 6, 25), False))

        # The head extends by 20 working days on Monday 06-30 (before 07-22, Art 33 ¶2), told on 07-01:
        # 07-22 + 20 -> 07-23..25 (3), 07-28..08-01 (8), 08-04..08 (13), 08-11..15 (18), 08-18..19 (20)
        # -> 2025-08-19.
        self.step("head", "批准延期", {"延长工作日数": "20", "负责人批准日期": "2025-06-30",
                                       "告知申请人日期": "2025-07-01", "延期理由": "需调取征收档案并与第三方核实"})
        self.assertEqual(self.due_shown(), "2025-08-19")
        extension = self.notice("handler", "延期答复告知书（条例第三十三条第二款）", {"成文日期": "2025-07-01"})
        self.look(extension, "extension", ["政府信息公开申请延期答复告知书", "示范县自然资源信公延〔2025〕11号",
                                           "第三十三条第二款", "需调取征收档案并与第三方核实", "延长20个工作日",
                                           "2025年8月19日前", "2025年7月1日"])

        # 按件计收 (国办函〔2020〕109号): the register counts this as 李四's 11th application of June 2025, priced on
        # its own band (11th to 30th: 100元 each) -> 100元. The notice reaches him on Thursday 07-03; he has
        # 20 working days: 07-04 (1), 07-07..11 (6), 14..18 (11), 21..25 (16), 28..31 (20) -> 2025-07-31.
        self.step("handler", "发出收费通知", {"申请人收到收费通知之日": "2025-07-03"}, selects={"计收方式": "按件计收"})
        app = Application.objects.get(number=NUMBER)
        self.assertEqual((app.fee_scale, app.fee_amount), ("per_application", 100))
        fee = self.notice("handler", "收费通知书（国办函〔2020〕109号）", {"成文日期": "2025-07-03"})
        self.look(fee, "fee", ["政府信息公开信息处理费收费通知书", "示范县自然资源信公费〔2025〕11号",
                               "国办函〔2020〕109号",
                               "收费标准：按件计收", "收费数额：100元", "第11件", "20个工作日内", "2025年7月31日前",
                               "通过非税收入电子缴款系统缴纳。"])
        # Paid Thursday 07-10: the clock stood still 07-03..07-10, both days included: 03, 04, 07, 08, 09, 10
        # = 6 working days, so 08-19 + 6 -> 08-20..22 (3), 08-25..27 (6) -> 2025-08-27.
        self.step("handler", "登记缴费", {"缴费之日": "2025-07-10"})
        self.assertEqual(self.due_shown(), "2025-08-27")

        # Reply on Monday 07-21: 不予公开 to protect the third party (Art 15, 32, 36(三)), in time.
        self.step("handler", "办结答复", {"答复日期": "2025-07-21",
                                          "答复内容": "该信息含有第三方的商业秘密，第三方不同意公开，不公开可能对公共"
                                                      "利益造成的影响不大。"},
                  selects={"办理结果（答复类型）": "（三）4.保护第三方合法权益"})
        app = Application.objects.get(number=NUMBER)
        self.assertEqual((app.state, app.outcome, app.replied_late), ("reply", "denied.third_party", False))
        self.login("handler")
        self.case()
        letter_line = page.locator("p").filter(has_text="告知书：")
        reply = self.download(lambda: letter_line.get_by_role("link", name="PDF", exact=True).click())
        # The remedy: reconsideration first for 不予公开 (行政复议法 Art 23(1)(四) and ¶2), naming the 复议机关
        # (the county government, the department's parent, Art 24), then 15 days to sue (行政诉讼法 Art 45).
        self.look(reply, "reply", ["政府信息公开申请答复告知书", "示范县自然资源信公答〔2025〕11号", "第十五条",
                                   "第三十二条",
                                   "第三十六条第（三）项", "本机关决定不予公开", "第二十三条第一款第（四）项和第二款",
                                   "应当先向示范县人民政府申请行政复议", "第四十五条", "2025年7月21日"])

        # 送达回证: the reply sent by post, received Wednesday 07-23.
        delivery = self.notice("registrar", "送达回证", {
            "成文日期": "2025-07-21",
            "送达文书名称及文号": "政府信息公开申请答复告知书（示范县自然资源信公答〔2025〕11号）",
            "送达日期": "2025-07-23"}, selects={"送达方式": "邮寄送达"})
        self.look(delivery, "delivery", ["送达回证", "示范县自然资源信公送〔2025〕11号",
                                         "政府信息公开申请答复告知书（示范县自然资源信公答〔2025〕11号）", "李四",
                                         "邮寄送达", "2025年7月23日", "受送达人签名（盖章）"])

        # Every notice of the life is kept as issued, listed on the case page (the receipt is not: it
        # prints the lookup code, of which only the hash is stored).
        self.case()
        issued = page.inner_text("#issued")
        for number in ("补〔2025〕11号", "征〔2025〕11-1号", "延〔2025〕11号", "费〔2025〕11号", "答〔2025〕11号",
                       "送〔2025〕11号"):
            self.assertIn(f"示范县自然资源信公{number}", issued)
        self.assertNotIn("受〔2025〕", issued)
        kept = Application.objects.get(number=NUMBER).issued_notices
        self.assertEqual(kept.count(), 6)
        self.assertEqual(kept.get(kind="reply").issued_on, D(2025, 7, 21))
