"""A notice's signature, seal and contact lines never stand alone on a page.

Notices of every length from one to twenty-five paragraphs are laid out; wherever the page breaks, the
page that carries the signature also carries the last paragraph and the contact lines (pdfplumber reads
each page's text). Before, a notice of a certain length put the date and seal, or the contact lines,
alone on page 2.
"""

from __future__ import annotations

import io

import pdfplumber
from django.test import SimpleTestCase

from gongkai.web.applications.notices.document import Notice
from gongkai.web.applications.notices.pdf import as_pdf

BODY = ("根据《中华人民共和国政府信息公开条例》第四十二条的规定，您申请获取的政府信息数量、频次明显超过合理范围，"
        "本机关决定按照《政府信息公开信息处理费管理办法》收取信息处理费。")


def notice(paragraphs: int) -> Notice:
    body = (*(f"{BODY}（第{i + 1}段）" for i in range(paragraphs - 1)), "最后一段：请在十五个工作日内缴纳。")
    return Notice(title="收取信息处理费通知书", number="示政信处〔2025〕3号", paragraphs=("欧阳素娥：", *body),
                  agency="示范县人民政府办公室", date="二〇二五年八月十九日",
                  contact=("联系人：李明", "联系电话：0000-1234567"))


def pages(content: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        return ["".join((page.extract_text() or "").split()) for page in pdf.pages]


class SignatureKeptWithTextTests(SimpleTestCase):
    def test_every_length_keeps_the_signature_with_the_last_paragraph_and_the_contact(self):
        broke = 0
        for n in range(1, 26):
            with self.subTest(paragraphs=n):
                texts = pages(as_pdf(notice(n)))
                broke += len(texts) > 1
                signed = [t for t in texts if "二〇二五年八月十九日" in t]
                self.assertEqual(len(signed), 1)
                self.assertIn("最后一段：请在十五个工作日内缴纳。", signed[0])
                self.assertIn("联系电话：0000-1234567", signed[0])
        self.assertGreater(broke, 5)  # the lengths tried do run over a page break
