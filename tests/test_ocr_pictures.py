"""Pictures of tables inside an HTML page or a DOCX (sections 二–四 as bare headings over
pictures), read by OCR; pictures behind a URL never fetched; the arithmetic rules choosing
between readings of a digit.

The pictures are the project's own rendered report (the distinct-values report: every nonzero
value different, so a shifted cell cannot pass), its three tables cropped from the pages
rasterised by pdftoppm (tests/ocr_scans.py); the expected cells are that report's values,
known before rendering. Run with -s to see each figure and every wrong cell.
"""

from __future__ import annotations

import base64
import dataclasses
import http.server
import io
import re
import sys
import threading
from typing import ClassVar

import pytest
from PIL import Image

from gongkai.report import Limits, ReportError, parse_bytes, parse_file, report_json
from gongkai.report.source import UNTRUSTED
from tests import ocr_scans
from tests.needs import missing, program

SLOW_MACHINE = 600.0
TABLES = ("proactive", "applications", "appeals")


@pytest.fixture(scope="module")
def pdftoppm() -> str:
    return program("pdftoppm", "poppler-utils")


@pytest.fixture(scope="module")
def engine() -> None:
    from gongkai.report.read.ocr import available

    if not available():
        missing("the OCR engine is not installed (PyPI rapidocr_onnxruntime, in pyproject.toml)")


def _figure(label: str, got: dict) -> float:
    total, wrong = ocr_scans.compare(got, TABLES)
    share = (total - len(wrong)) / total
    print(f"\nOCR {label}: {total - len(wrong)}/{total} cells right ({share:.1%})")
    for line in wrong:
        print(f"  wrong: {line}")
    for finding in got["findings"]:
        if finding["rule"].startswith(("ocr_", "picture_")):
            print(f"  {finding['rule']}: {finding['message']}")
    return share


def _data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def test_the_three_pictures_are_the_three_tables(pdftoppm):
    # 二 on the second page of the rendered report, 三 and 四 on the third (ocr_scans.TABLE_PAGES).
    pictures = ocr_scans.table_pictures(200, pdftoppm)
    assert len(pictures) == 3
    sizes = [Image.open(io.BytesIO(p)).size for p in pictures]
    assert all(w > 1000 for w, _ in sizes)  # the full width of the table at 200 dpi (A4 is 1654 px)
    assert sizes[1][1] > sizes[0][1]  # 三, 28 rows, is taller than 二


def test_it_reads_the_tables_of_a_saved_page_from_its_own_folder(engine, pdftoppm, tmp_path):
    pictures = ocr_scans.table_pictures(200, pdftoppm)
    folder = tmp_path / "report_files"
    folder.mkdir()
    names = []
    for number, png in enumerate(pictures, start=1):
        (folder / f"image{number}.png").write_bytes(png)
        names.append(f"report_files/image{number}.png")
    page = tmp_path / "report.html"
    page.write_text(ocr_scans.html_with_pictures(names), encoding="utf-8")
    limits = dataclasses.replace(UNTRUSTED, seconds=SLOW_MACHINE)  # in the child process, as the CLI reads
    got = report_json(parse_file(str(page), limits))
    assert got["source"]["kind"] == "html"
    assert got["format"] == "2021"
    assert _figure("HTML page, tables as PNG pictures in its _files folder, 200 dpi", got) >= 0.99
    assert not [f for f in got["findings"] if f["rule"] == "picture_not_read"]


def test_it_reads_tables_given_as_data_uris_and_names_the_picture_in_doubt(engine, pdftoppm):
    from gongkai.report.model import Source
    from gongkai.report.parse.document import parse_document
    from gongkai.report.read.html import read_html
    from gongkai.report.read.ocr_findings import uncertain_cells

    pictures = ocr_scans.table_pictures(200, pdftoppm)
    html = ocr_scans.html_with_pictures([_data_uri(p) for p in pictures])
    # A portal's box of metadata above the report is a table of the text, but no statutory one.
    meta = ("<table><tr><td>索引号</td><td>11650000/2022-00012</td></tr>"
            "<tr><td>发布机构</td><td>县政府办</td></tr></table>")
    html = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + meta, html, count=1)
    assert meta in html
    doc = read_html(html, "page.html", None, Limits(seconds=SLOW_MACHINE))
    report = parse_document(doc, Source("page.html"))
    # The first applicant column of (一) 予以公开 holds 25 in the distinct-values report.
    assert ocr_scans.expected()["applications"]["granted"][0] == 25
    cell = report.applications.cell("granted", "natural_person")
    assert cell.value == 25
    ocr = doc.cells[cell.where]
    assert ocr.picture == "网页内嵌图片2" and ocr.page is None  # 三 is the second picture
    assert cell.where.table == 3  # after the metadata box (1) and 二's picture (2)
    assert ocr.box[2] > ocr.box[0] and ocr.confidence >= 0.9
    doc.cells[cell.where] = dataclasses.replace(ocr, confidence=0.5)
    [finding] = uncertain_cells(report, doc)
    assert finding.cells == ("applications.granted.natural_person",)
    assert "图片“网页内嵌图片2”中" in finding.message and "置信度 50%" in finding.message


def test_it_reads_the_pictures_of_a_docx_in_body_order(engine, pdftoppm):
    pictures = []
    for png in ocr_scans.table_pictures(200, pdftoppm):
        out = io.BytesIO()
        Image.open(io.BytesIO(png)).save(out, "JPEG", quality=80)  # Word keeps a pasted picture as JPEG
        pictures.append(out.getvalue())
    data = ocr_scans.docx_with_pictures(pictures)
    got = report_json(parse_bytes(data, "report.docx", dataclasses.replace(UNTRUSTED, seconds=SLOW_MACHINE)))
    assert got["source"]["kind"] == "docx"
    assert _figure("DOCX, tables as JPEG pictures (word/media), 200 dpi", got) >= 0.99


class _Counting(http.server.BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self):
        self.hits.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    _Counting.hits = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Counting)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def test_it_never_fetches_a_picture_behind_a_url(server, tmp_path):
    port = server.server_address[1]
    sources = [f"http://127.0.0.1:{port}/t2.png", f"//127.0.0.1:{port}/t3.png", f"https://127.0.0.1:{port}/t4.png"]
    page = tmp_path / "remote.html"
    page.write_text(ocr_scans.html_with_pictures(sources), encoding="utf-8")
    got = report_json(parse_file(str(page)))
    # The server is reachable (a request of our own is counted), and the reader made none.
    import urllib.error
    import urllib.request

    with pytest.raises(urllib.error.HTTPError):  # 404, from the server itself (no proxy in between)
        urllib.request.build_opener(urllib.request.ProxyHandler({})).open(f"http://127.0.0.1:{port}/probe", timeout=5)
    assert _Counting.hits == ["/probe"]
    [finding] = [f for f in got["findings"] if f["rule"] == "picture_not_read"]
    assert "有 3 张图片未识别" in finding["message"] and "外部网址的图片不下载" in finding["message"]
    assert got["applications"] is None  # nothing was read in their place


def test_it_reads_no_file_outside_the_pages_folder_nor_any_for_bytes_from_elsewhere(tmp_path, pdftoppm):
    picture = ocr_scans.table_pictures(150, pdftoppm)[0]
    (tmp_path / "secret.png").write_bytes(picture)
    inner = tmp_path / "site"
    inner.mkdir()
    (inner / "link.png").symlink_to(tmp_path / "secret.png")
    (inner / "report.png").write_bytes(picture)
    page = inner / "page.html"
    page.write_text(ocr_scans.html_with_pictures(["../secret.png", "link.png", str(tmp_path / "secret.png")]),
                    encoding="utf-8")
    got = report_json(parse_file(str(page)))
    [finding] = [f for f in got["findings"] if f["rule"] == "picture_not_read"]
    assert "有 3 张图片未识别" in finding["message"]
    assert got["proactive"] is None
    # The same page as bytes (an upload): even a picture next to it is not looked for.
    html = ocr_scans.html_with_pictures(["report.png", "report.png", "report.png"]).encode("utf-8")
    got = report_json(parse_bytes(html, str(inner / "upload.html")))
    [finding] = [f for f in got["findings"] if f["rule"] == "picture_not_read"]
    assert "有 3 张图片未识别" in finding["message"]


def test_an_html_page_with_tables_as_text_reads_none_of_its_pictures(tmp_path):
    html = ocr_scans.rendered("html").decode("utf-8").replace("<body>", '<body><img src="http://example.invalid/logo.png">')
    got = report_json(parse_bytes(html.encode("utf-8"), "page.html"))
    assert got["format"] == "2021" and got["applications"] is not None
    assert [f for f in got["findings"] if f["rule"].startswith(("ocr_", "picture_"))] == []


def test_pictures_of_tables_are_needs_ocr_without_the_engine(monkeypatch, pdftoppm):
    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)  # import fails as if not installed
    pictures = ocr_scans.table_pictures(150, pdftoppm)
    html = ocr_scans.html_with_pictures([_data_uri(p) for p in pictures]).encode("utf-8")
    with pytest.raises(ReportError) as info:
        parse_bytes(html, "page.html")
    assert info.value.code == "needs_ocr"
    with pytest.raises(ReportError) as info:
        parse_bytes(ocr_scans.docx_with_pictures(list(pictures)), "report.docx")
    assert info.value.code == "needs_ocr"
    # An icon is no table: a page whose only picture is a logo is read as text, as before.
    icon = io.BytesIO()
    Image.new("RGB", (48, 48), "red").save(icon, "PNG")
    html = ocr_scans.html_with_pictures([_data_uri(icon.getvalue())] * 3).encode("utf-8")
    assert report_json(parse_bytes(html, "page.html"))["applications"] is None


def test_a_picture_bomb_inside_a_page_is_not_decoded():
    bomb = io.BytesIO()
    Image.new("1", (8000, 6000), 1).save(bomb, "PNG")
    html = ocr_scans.html_with_pictures([_data_uri(bomb.getvalue())] * 3).encode("utf-8")
    got = report_json(parse_bytes(html, "page.html"))
    [finding] = [f for f in got["findings"] if f["rule"] == "picture_not_read"]
    assert "图片过大" in finding["message"]


# --- the arithmetic rules choosing between readings of a digit ---------------------------------------

def _consistent_report():
    """The distinct-values report with section 三 made consistent by hand: every outcome row 0
    except (一) 予以公开 = 6, 1, 2, 0, 0, 0, total 9 (6 + 1 + 2); 本年新收 and (七) 总计 the same
    as (一); 上年结转 and 结转下年度 0 (so 6 + 0 = 6 + 0). Each cell at its own grid location."""
    from gongkai.report.model import Cell, Location

    report = parse_bytes(ocr_scans.PDF.read_bytes(), ocr_scans.PDF.name)
    table = report.applications
    granted = [6, 1, 2, 0, 0, 0, 9]
    for r, row in enumerate(table.spec.rows, start=1):
        for c, col in enumerate(row.columns, start=1):
            value = granted[c - 1] if row.key in ("new", "granted", "total") else 0
            table.rows[row.key][col.key] = Cell(value, str(value), Location(page=1, table=2, row=r, col=c))
    return report


def _doubt(report, doc, row: str, col: str, text: str, candidates: tuple[str, ...], confidence: float = 0.55):
    """The cell as OCR read it: ``text`` with low confidence and the engine's other readings."""
    from gongkai.report.model import Cell
    from gongkai.report.read.ocr import OcrCell

    table = report.applications
    where = table.cell(row, col).where
    table.rows[row][col] = Cell(int(text), text, where)
    doc.cells[where] = OcrCell(1, (10, 10, 60, 40), confidence, text, None, candidates)


def _settle(report, doc):
    from gongkai.report.read.ocr_findings import settle_by_rules, uncertain_cells

    corrected, decided = settle_by_rules(report, doc)
    return corrected, uncertain_cells(report, doc, decided)


def test_the_sums_choose_the_reading_of_a_doubtful_digit():
    from gongkai.report.read.ocr import OcrDocument

    report, doc = _consistent_report(), OcrDocument("pdf")
    _doubt(report, doc, "granted", "natural_person", "8", ("6",))  # printed 6, read 8
    corrected, uncertain = _settle(report, doc)
    # The row: 9 - 1 - 2 = 6; the column: (七) 6 - the other outcomes 0 = 6; balance is not about (一).
    assert report.applications.value("granted", "natural_person") == 6
    [finding] = corrected
    assert (finding.rule, finding.cells) == ("ocr_corrected", ("applications.granted.natural_person",))
    assert "识别为“8”" in finding.message and "也可能是“6”" in finding.message and "已按 6 计" in finding.message
    assert "“（一）予以公开”一行总计等于六类申请人之和" in finding.message
    assert uncertain == []


def test_two_doubtful_cells_of_one_row_are_each_decided_by_their_column():
    from gongkai.report.read.ocr import OcrDocument

    report, doc = _consistent_report(), OcrDocument("pdf")
    _doubt(report, doc, "granted", "natural_person", "8", ("6",))
    _doubt(report, doc, "granted", "commercial", "7", ("1",))  # printed 1, read 7
    corrected, uncertain = _settle(report, doc)
    # The row has two unknowns and decides nothing; the columns: 6 and 1 (the other outcomes are 0).
    assert [f.cells for f in corrected] == [("applications.granted.natural_person",),
                                           ("applications.granted.commercial",)]
    assert all("一行总计" not in f.message and "列（七）总计" in f.message for f in corrected)
    table = report.applications
    assert (table.value("granted", "natural_person"), table.value("granted", "commercial")) == (6, 1)
    assert uncertain == []


def test_a_value_the_sums_require_but_the_engine_never_saw_is_not_put_in():
    from gongkai.report.read.ocr import OcrDocument

    report, doc = _consistent_report(), OcrDocument("pdf")
    _doubt(report, doc, "granted", "natural_person", "8", ("3",))  # the sums want 6: not a reading
    corrected, uncertain = _settle(report, doc)
    assert corrected == [] and report.applications.value("granted", "natural_person") == 8
    assert [f.rule for f in uncertain] == ["ocr_uncertain"]


def test_sums_that_disagree_decide_nothing():
    from gongkai.report.model import Cell
    from gongkai.report.read.ocr import OcrDocument

    report, doc = _consistent_report(), OcrDocument("pdf")
    table = report.applications
    # (七) 总计 of 自然人 printed 8 (certain): the column wants 8 - 0 = 8, the row 9 - 1 - 2 = 6.
    table.rows["total"]["natural_person"] = Cell(8, "8", table.cell("total", "natural_person").where)
    _doubt(report, doc, "granted", "natural_person", "6", ("8",))
    corrected, uncertain = _settle(report, doc)
    assert corrected == [] and table.value("granted", "natural_person") == 6
    assert [f.cells for f in uncertain] == [("applications.granted.natural_person",)]


def test_a_reading_the_sums_confirm_is_no_longer_in_doubt():
    from gongkai.report.read.ocr import OcrDocument

    report, doc = _consistent_report(), OcrDocument("pdf")
    _doubt(report, doc, "granted", "natural_person", "6", ("8",))  # read right, unsure of it
    corrected, uncertain = _settle(report, doc)
    assert (corrected, uncertain) == ([], [])
    assert report.applications.value("granted", "natural_person") == 6


def test_a_page_naming_pictures_without_end_reads_at_most_thirty(engine, tmp_path):
    from gongkai.report.read.ocr_pictures import MAX_PICTURES

    blank = io.BytesIO()
    Image.new("L", (400, 400), 255).save(blank, "PNG")  # page-like in size, so it is counted and read
    (tmp_path / "blank.png").write_bytes(blank.getvalue())
    page = tmp_path / "many.html"
    sources = ["blank.png"] * 198 + [f"blank.png?{n}" for n in range(2)]
    html = ocr_scans.html_with_pictures(sources[:3]).replace("</body>", "".join(
        f'<img src="{src}">' for src in sources[3:]) + "</body>")
    page.write_text(html, encoding="utf-8")
    got = report_json(parse_file(str(page), Limits(seconds=SLOW_MACHINE)))
    [finding] = [f for f in got["findings"] if f["rule"] == "picture_not_read"]
    # 200 pictures: 30 read (blank: nothing found), 200 - 30 = 170 not, each "一个文件最多识别 30 张图片".
    assert MAX_PICTURES == 30
    assert "有 170 张图片未识别" in finding["message"] and "最多识别 30 张图片" in finding["message"]


def test_a_docx_picture_linked_from_outside_is_not_fetched(server, pdftoppm):
    import zipfile

    port = server.server_address[1]
    data = ocr_scans.docx_with_pictures(list(ocr_scans.table_pictures(150, pdftoppm)))
    # Each picture's relationship made a link to the server ("Link to file" in Word), its member left out.
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename.startswith("word/media/"):
                continue
            body = source.read(item)
            if item.filename == "word/_rels/document.xml.rels":
                link = rb'Target="http://127.0.0.1:%d/\1" TargetMode="External"' % port
                body = re.sub(rb'Target="media/([^"]+)"', link, body)
                assert body.count(b'TargetMode="External"') == 3
            target.writestr(item, body)
    got = report_json(parse_bytes(out.getvalue(), "linked.docx"))
    assert _Counting.hits == []
    [finding] = [f for f in got["findings"] if f["rule"] == "picture_not_read"]
    assert "有 3 张图片未识别" in finding["message"] and "外部网址的图片不下载" in finding["message"]
