"""OCR of scans: the project's own rendered report rasterised, turned, speckled and compressed
(tests/ocr_scans.py), read back cell by cell; a photo-like page; the bounds; the missing engine.

Each accuracy test prints its figure and every wrong cell (run with -s to see them). The time
budget is raised in these tests only because the shared test machine may be loaded: the reading
itself takes seconds a page (``make bench`` prints the rate).
"""

from __future__ import annotations

import dataclasses
import io
import sys

import pytest
from PIL import Image

from gongkai.report import Limits, ReportError, parse_bytes, report_json
from gongkai.report.source import UNTRUSTED
from tests import ocr_scans
from tests.needs import missing, program

SLOW_MACHINE = 600.0


@pytest.fixture(scope="module")
def pdftoppm() -> str:
    return program("pdftoppm", "poppler-utils")


@pytest.fixture(scope="module", autouse=True)
def engine() -> None:
    from gongkai.report.read.ocr import available

    if not available():
        missing("the OCR engine is not installed (PyPI rapidocr_onnxruntime, in pyproject.toml)")


def _figure(label: str, total: int, wrong: list[str]) -> float:
    share = (total - len(wrong)) / total
    print(f"\nOCR {label}: {total - len(wrong)}/{total} cells right ({share:.1%})")
    for line in wrong:
        print(f"  wrong: {line}")
    return share


@pytest.mark.parametrize(("dpi", "angles", "least"), [(200, (1.5, -1.0), 0.99), (150, (-1.5, 1.0), 0.9)])
def test_it_reads_an_image_only_pdf_scan_cell_by_cell_in_the_reader_process(pdftoppm, dpi, angles, least):
    pages = [ocr_scans.scanned(png, angle, seed=dpi + i)
             for i, (png, angle) in enumerate(zip(ocr_scans.page_images(dpi, pdftoppm), angles, strict=True))]
    limits = dataclasses.replace(UNTRUSTED, seconds=SLOW_MACHINE)
    got = report_json(parse_bytes(ocr_scans.as_pdf(pages, dpi), f"scan{dpi}.pdf", limits))
    assert got["source"]["kind"] == "pdf"
    total, wrong = ocr_scans.compare(got, ("proactive", "applications", "appeals"))
    for finding in got["findings"]:
        if finding["rule"].startswith("ocr_"):
            print(f"  {finding['rule']}: {finding['message']}")
            assert finding["cells"]  # each names its cell
    assert _figure(f"image-only PDF at {dpi} dpi, turned {angles}", total, wrong) >= least


def test_it_reads_a_scan_of_the_2019_format(pdftoppm):
    pages = [ocr_scans.scanned(png, angle, seed=2019 + i)
             for i, (png, angle) in enumerate(zip(ocr_scans.page_images(200, pdftoppm, "2019"), (1.5, -1.0),
                                                  strict=True))]
    got = report_json(parse_bytes(ocr_scans.as_pdf(pages, 200), "scan2019.pdf", Limits(seconds=SLOW_MACHINE)))
    assert got["format"] == "2019"
    total, wrong = ocr_scans.compare(got, ("proactive", "applications", "appeals"), "2019")
    assert _figure("2019 format, image-only PDF at 200 dpi", total, wrong) >= 0.99


def test_it_reads_png_pages_at_300_dpi(pdftoppm):
    limits = Limits(seconds=SLOW_MACHINE)
    total, wrong = 0, []
    for png, angle, tables in zip(ocr_scans.page_images(300, pdftoppm), (-1.5, 1.5),
                                  (("proactive",), ("applications", "appeals")), strict=True):
        picture = ocr_scans.scanned(png, angle, seed=300)
        page = ocr_scans.as_png(picture)
        got = report_json(parse_bytes(page, "page.png", limits), provenance=True)
        assert got["source"]["kind"] == "image"
        # Each cell read says from where on the page and how sure the engine was (--provenance).
        read = {path: entry["ocr"] for path, entry in got["provenance"].items() if "ocr" in entry}
        assert read and len(read) == len(got["provenance"])
        width, height = picture.size
        for path, ocr in read.items():
            x0, top, x1, bottom = ocr["box"]
            assert 0 <= x0 < x1 <= width and 0 <= top < bottom <= height, (path, ocr)
            assert 0 < ocr["confidence"] <= 1 and ocr["text"] == got["provenance"][path]["raw"], (path, ocr)
        n, bad = ocr_scans.compare(got, tables)
        total, wrong = total + n, wrong + bad
    assert _figure("PNG pages at 300 dpi, turned ±1.5°", total, wrong) >= 0.99


def test_it_never_reads_a_photo_into_confident_wrong_cells(pdftoppm):
    photo = ocr_scans.as_png(ocr_scans.photographed(ocr_scans.page_images(200, pdftoppm)[1]))
    try:
        got = report_json(parse_bytes(photo, "photo.png", Limits(seconds=SLOW_MACHINE)))
    except ReportError as exc:
        assert exc.code == "needs_ocr"
        assert "photo" in exc.detail or "no text" in exc.detail
        print(f"\nOCR photo-like page: refused ({exc.detail})")
        return
    doubted = {path for f in got["findings"] if f["rule"] == "ocr_uncertain" for path in f["cells"]}
    _, wrong = ocr_scans.compare(got, ("applications", "appeals"))
    confident_wrong = [w for w in wrong if w.split(":")[0] not in doubted and "read None" not in w]
    assert confident_wrong == []


def test_it_marks_a_cell_read_with_low_confidence_as_uncertain(pdftoppm):
    from gongkai.report.model import Source
    from gongkai.report.parse.document import parse_document
    from gongkai.report.read.ocr import OcrCell, read_image
    from gongkai.report.read.ocr_findings import uncertain_cells

    doc = read_image(ocr_scans.page_images(200, pdftoppm)[0], "page.png", Limits(seconds=SLOW_MACHINE))
    report = parse_document(doc, Source("page.png"))
    assert uncertain_cells(report, doc) == []  # a clean page at 200 dpi: the engine is sure of every cell
    where = report.proactive.cell("rules", "issued").where
    ocr = doc.cells[where]
    assert (ocr.page, ocr.text) == (1, "1") and ocr.box[2] > ocr.box[0]
    doc.cells[where] = OcrCell(ocr.page, ocr.box, 0.42, ocr.text)
    [finding] = uncertain_cells(report, doc)
    assert (finding.rule, finding.severity, finding.cells) == ("ocr_uncertain", "warning", ("proactive.rules.issued",))
    assert "置信度 42%" in finding.message and "第1页" in finding.message


def test_it_refuses_a_picture_too_large_before_decoding_it():
    bomb = io.BytesIO()
    Image.new("1", (8000, 6000), 1).save(bomb, "PNG")
    with pytest.raises(ReportError) as info:
        parse_bytes(bomb.getvalue(), "bomb.png")
    assert info.value.code == "too_large"
    assert "8000x6000" in info.value.detail


def test_it_keeps_needs_ocr_when_the_engine_is_missing(monkeypatch, pdftoppm):
    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)  # import fails as if not installed
    scan = ocr_scans.as_pdf([Image.open(io.BytesIO(ocr_scans.page_images(150, pdftoppm)[0]))], 150)
    with pytest.raises(ReportError) as info:
        parse_bytes(scan, "scan.pdf")
    assert info.value.code == "needs_ocr"
    with pytest.raises(ReportError) as info:
        parse_bytes(ocr_scans.page_images(150, pdftoppm)[0], "page.png")
    assert info.value.code == "needs_ocr"
    icon = io.BytesIO()
    Image.new("RGB", (50, 50), "red").save(icon, "PNG")
    with pytest.raises(ReportError) as info:
        parse_bytes(icon.getvalue(), "icon.png")
    assert info.value.code == "unsupported_kind"


def test_it_stops_the_engine_at_the_memory_limit_of_the_reader_process(pdftoppm):
    # The engine's libraries and models alone map about 600 MB; at 900 MB a dense page cannot be read.
    tight = dataclasses.replace(UNTRUSTED, seconds=SLOW_MACHINE, memory_bytes=900 << 20, ocr_memory_bytes=900 << 20)
    with pytest.raises(ReportError) as info:
        parse_bytes(ocr_scans.page_images(200, pdftoppm)[1], "page.png", tight)
    assert info.value.code == "out_of_memory"


def test_it_rebuilds_merged_cells_from_the_ruling_lines(pdftoppm):
    import numpy as np

    from gongkai.report.read.ocr_table import find_tables

    gray = np.asarray(Image.open(io.BytesIO(ocr_scans.page_images(200, pdftoppm)[1])).convert("L"))
    section3, section4 = find_tables(gray)
    assert (len(section3.cells), len(section3.cells[0])) == (28, 10)  # 3 label columns, 7 applicant columns
    assert (len(section4.cells), len(section4.cells[0])) == (4, 15)
    # The corner note spans the three label columns and the three header rows.
    _, _, x1, bottom = section3.cells[0][0]
    assert [section3.cells[r][c] for r in range(3) for c in range(3) if (r, c) != (0, 0)] == [None] * 8
    assert (x1, bottom) == (section3.cells[3][3][0], section3.cells[3][3][1])
    # "三、本年度办理结果" runs down one column over the outcome rows, (一) to (七).
    tall = section3.cells[5][0]
    assert all(section3.cells[r][0] is None for r in range(6, 27))
    assert tall[3] == section3.cells[26][1][3]


def test_it_reads_the_label_of_a_cell_merged_over_many_rows(pdftoppm):
    from gongkai.report.read.ocr import read_image

    doc = read_image(ocr_scans.page_images(200, pdftoppm)[1], "page.png", Limits(seconds=SLOW_MACHINE))
    labels = {cell.where.row: cell.text for row in doc.rows if row.structured for cell in row.cells
              if cell.where.table == 1 and cell.where.col == 1 and cell.text}
    assert labels[6] == "三、本年度办理结果"


def test_the_sums_choose_between_the_readings_of_a_damaged_digit(pdftoppm):
    import numpy as np

    from gongkai.report.read.ocr import _cell_lines
    from gongkai.report.read.ocr_table import find_tables

    page = Image.open(io.BytesIO(ocr_scans.consistent_page(200, pdftoppm))).convert("L")
    gray = np.asarray(page).copy()
    section3 = find_tables(gray)[0]
    # Grid row 6 is (一) 予以公开 (3 header rows, 本年新收, 上年结转, then (一)); its last 7 cells
    # are the applicant columns, printed 6 8 1 7 3 2 27 (ocr_scans.GRANTED).
    natural, commercial = [box for box in section3.cells[5] if box is not None][-7:-5]
    [(x0, top, x1, bottom)] = _cell_lines(gray, commercial)
    gray[top:(top + bottom) // 2, x0:(x0 + x1) // 2] = 255  # the 8 without its upper-left stroke: a 3
    [(x0, top, x1, bottom)] = _cell_lines(gray, natural)
    gray[top + (bottom - top) // 5:top + 2 * (bottom - top) // 5, (x0 + x1) // 2:x1] = 0  # a blot on the 6
    got = report_json(parse_bytes(ocr_scans.as_png(Image.fromarray(gray)), "page.png", Limits(seconds=SLOW_MACHINE)))
    granted = got["applications"]["granted"]
    # Read "3" (unsure, also 8 or 2): the row wants 27 - 6 - 1 - 7 - 3 - 2 = 8, the column (七) 8 - 0 = 8.
    assert granted["commercial"] == 8
    [corrected] = [f for f in got["findings"] if f["rule"] == "ocr_corrected"]
    print(f"\n  ocr_corrected: {corrected['message']}")
    assert corrected["cells"] == ["applications.granted.commercial"]
    assert "识别为“3”" in corrected["message"] and "已按 8 计" in corrected["message"]
    # The blotted 6 is read 6, unsure (also 8): the sums want 6, so it is no longer in doubt.
    assert granted["natural_person"] == 6
    doubted = [path for f in got["findings"] if f["rule"] == "ocr_uncertain" for path in f["cells"]]
    assert "applications.granted.natural_person" not in doubted
    others = ("research", "social_welfare", "legal_service", "other_org", "total")
    assert [granted[c] for c in others] == [1, 7, 3, 2, 27]
    # The zeros of every other row are read as zeros (the engine's "o" is a zero in a count).
    assert got["applications"]["partial"] == dict.fromkeys(granted, 0)
