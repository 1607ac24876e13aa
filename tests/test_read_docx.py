"""The DOCX reader: Word files built here with python-docx in the official layout, and hostile archives.

Seed 000 was a Word document before it was converted to text; it is rebuilt as a DOCX from its
narrative lines and the numbers of its hand-written expected JSON, with the section 三 and 四 tables
merged as in the official form (gridSpan and vMerge), and must read to the same cells.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import docx
import pytest

from gongkai.report import Limits, ReportError, parse_bytes, report_json, schema
from gongkai.report.read.docx import read_docx

SEED = Path(__file__).parent / "data" / "seeds" / "000_b62a3e5167963438"
EXPECTED = json.loads(SEED.with_suffix(".expected.json").read_text("utf-8"))
NARRATIVE = SEED.with_suffix(".txt").read_text("utf-8")

# Section 三 rows below the header: (group label in column 2, [(item label in column 3, row key)])
# or (label over columns 2–3, row key).
OUTCOMES: list[tuple[str, object]] = [
    ("（一）予以公开", "granted"),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "partial"),
    ("（三）不予公开", [
        ("1.属于国家秘密", "denied.state_secret"),
        ("2.其他法律行政法规禁止公开", "denied.prohibited_by_law"),
        ("3.危及“三安全一稳定”", "denied.security_stability"),
        ("4.保护第三方合法权益", "denied.third_party"),
        ("5.属于三类内部事务信息", "denied.internal_affairs"),
        ("6.属于四类过程性信息", "denied.process_information"),
        ("7.属于行政执法案卷", "denied.enforcement_files"),
        ("8.属于行政查询事项", "denied.administrative_query"),
    ]),
    ("（四）无法提供", [
        ("1.本机关不掌握相关政府信息", "unable.not_held"),
        ("2.没有现成信息需要另行制作", "unable.needs_creation"),
        ("3.补正后申请内容仍不明确", "unable.still_unclear"),
    ]),
    ("（五）不予处理", [
        ("1.信访举报投诉类申请", "not_processed.complaint"),
        ("2.重复申请", "not_processed.duplicate"),
        ("3.要求提供公开出版物", "not_processed.publication"),
        ("4.无正当理由大量反复申请", "not_processed.excessive"),
        ("5.要求行政机关确认或重新出具已获取信息", "not_processed.confirmation"),
    ]),
    ("（六）其他处理", [
        ("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "other.no_supplement"),
        ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "other.unpaid_fee"),
        ("3.其他", "other.other"),
    ]),
    ("（七）总计", "total"),
]
APPLICANTS = ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
RESULTS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]


# --- building the documents -------------------------------------------------------------------

def _num(value: float | None) -> str:
    return "" if value is None else str(value)


def _table(document, grid: list[list[str]], merges: list[tuple[tuple[int, int], tuple[int, int]]]):
    table = document.add_table(rows=len(grid), cols=len(grid[0]))
    table.style = "Table Grid"
    for r, row in enumerate(grid):
        for c, text in enumerate(row):
            if text:
                table.cell(r, c).text = text
    for (r0, c0), (r1, c1) in merges:
        table.cell(r0, c0).merge(table.cell(r1, c1))
    return table


def _proactive(document, values: dict) -> None:
    rows = [
        ["第二十条第（一）项", "", "", ""],
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章", *map(_num, values["rules"])],
        ["规范性文件", *map(_num, values["normative_documents"])],
        ["第二十条第（五）项", "", "", ""],
        ["信息内容", "本年处理决定数量", "", ""],
        ["行政许可", _num(values["licensing"][0]), "", ""],
        ["第二十条第（六）项", "", "", ""],
        ["信息内容", "本年处理决定数量", "", ""],
        ["行政处罚", _num(values["punishment"][0]), "", ""],
        ["行政强制", _num(values["coercion"][0]), "", ""],
        ["第二十条第（八）项", "", "", ""],
        ["信息内容", "本年收费金额（单位：万元）", "", ""],
        ["行政事业性收费", _num(values["fees"][0]), "", ""],
    ]
    merges = [((r, 0), (r, 3)) for r in (0, 4, 7, 11)] + [((r, 1), (r, 3)) for r in (5, 6, 8, 9, 10, 12, 13)]
    _table(document, rows, merges)


def _applications(document, values: dict) -> None:
    note = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    grid = [
        [note, "", "", "申请人情况", "", "", "", "", "", ""],
        ["", "", "", "自然人", "法人或其他组织", "", "", "", "", "总计"],
        ["", "", "", "", *APPLICANTS, ""],
    ]
    merges = [((0, 0), (2, 2)), ((0, 3), (0, 9)), ((1, 3), (2, 3)), ((1, 4), (1, 8)), ((1, 9), (2, 9))]

    def add(labels: list[str], key: str) -> int:
        grid.append([*labels, *map(_num, values[key])])
        return len(grid) - 1

    for label, key in (("一、本年新收政府信息公开申请数量", "new"), ("二、上年结转政府信息公开申请数量", "carried_in")):
        r = add([label, "", ""], key)
        merges.append(((r, 0), (r, 2)))
    first_outcome = len(grid)
    for i, (label, items) in enumerate(OUTCOMES):
        group = "三、本年度办理结果" if i == 0 else ""
        if isinstance(items, str):
            r = add([group, label, ""], items)
            merges.append(((r, 1), (r, 2)))
            continue
        top = len(grid)
        for j, (item, key) in enumerate(items):
            add([group if j == 0 else "", label if j == 0 else "", item], key)
        merges.append(((top, 1), (len(grid) - 1, 1)))
    merges.append(((first_outcome, 0), (len(grid) - 1, 0)))
    r = add(["四、结转下年度继续办理", "", ""], "carried_out")
    merges.append(((r, 0), (r, 2)))
    table = _table(document, grid, merges)
    # A label wrapped onto a second paragraph inside its cell stays one cell.
    partial = table.cell(first_outcome + 1, 1)
    partial.text = "（二）部分公开（区分处理的，"
    partial.add_paragraph("只计这一情形，不计其他情形）")


def _appeals(document, values: dict) -> None:
    grid = [
        ["行政复议", "", "", "", "", "行政诉讼", *[""] * 9],
        [*RESULTS, "未经复议直接起诉", "", "", "", "", "复议后起诉", "", "", "", ""],
        ["", "", "", "", "", *RESULTS, *RESULTS],
        [_num(v) for group in ("reconsideration", "litigation_direct", "litigation_after_reconsideration")
         for v in values[group]],
    ]
    merges = [((0, 0), (0, 4)), ((0, 5), (0, 14)), ((1, 5), (1, 9)), ((1, 10), (1, 14))]
    merges += [((1, c), (2, c)) for c in range(5)]
    _table(document, grid, merges)


def build_report(values: dict) -> bytes:
    """Seed 000's text as a Word document, with the numbers of ``values`` in its tables."""
    document = docx.Document()
    # Header and footer are not part of the report: a date there must not become the signature.
    document.sections[0].header.paragraphs[0].text = "阿合奇县人民政府"
    document.sections[0].footer.paragraphs[0].text = "2030年1月1日"
    lines = [re.sub(r"\[bookmark:[^\]]*\]", "", line).strip() for line in NARRATIVE.split("\n")]
    lines = [line for line, raw in zip(lines, NARRATIVE.split("\n"), strict=True) if line and not raw.startswith("\t")]
    title = document.add_paragraph(style="Title")
    title.add_run(lines[0]).add_break()  # the title wrapped by a line break, as Word users do
    title.add_run(lines[1])
    tables = {"二": _proactive, "三": _applications, "四": _appeals}
    for line in lines[2:]:
        m = re.match(r"^([一二三四五六])、", line)
        document.add_paragraph(line, style="Heading 1" if m else None)
        if m and m.group(1) in tables:
            tables[m.group(1)](document, values[{"二": "proactive", "三": "applications", "四": "appeals"}[m.group(1)]])
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def distinct_values() -> dict:
    """Nonzero numbers, different in every cell, so that a shifted column cannot pass."""
    counter = iter(range(1, 10_000))
    out: dict = {}
    for spec in schema.FORMATS["2021"].tables:
        out[spec.key] = {row.key: [next(counter) for _ in row.columns] for row in spec.rows}
    out["proactive"]["fees"] = [12.75]
    return out


@pytest.fixture(scope="module")
def seed_docx() -> bytes:
    return build_report(EXPECTED)


def _assert_cells(got: dict, expected: dict) -> None:
    for spec in schema.FORMATS["2021"].tables:
        table = got[spec.key]
        assert table is not None, spec.key
        for row in spec.rows:
            have = [table[row.key][col.key] for col in row.columns]
            assert have == expected[spec.key][row.key], f"{spec.key}.{row.key}"


# --- reading ------------------------------------------------------------------------------------

def test_it_reads_seed_000_rebuilt_as_docx_to_the_hand_written_values(seed_docx):
    got = report_json(parse_bytes(seed_docx, "x.docx"))
    assert got["source"]["kind"] == "docx"
    for key in ("issuer", "year", "format", "published_on"):
        assert got[key] == EXPECTED[key], key
    _assert_cells(got, EXPECTED)


def test_it_keeps_every_column_in_place_with_distinct_numbers():
    values = distinct_values()
    got = report_json(parse_bytes(build_report(values), "x.docx"))
    assert got["format"] == "2021"
    _assert_cells(got, values)


def test_it_expands_merged_cells_onto_the_table_grid(seed_docx):
    doc = read_docx(seed_docx, "x.docx", Limits())
    applications = [row for row in doc.rows if row.where.table == 2]
    assert {len(row.cells) for row in applications} == {10}
    assert all(row.structured for row in applications)
    texts = [[c.text for c in row.cells] for row in applications]
    assert texts[0][1:] == ["", "", "申请人情况", "", "", "", "", "", ""]
    assert texts[1] == ["", "", "", "自然人", "法人或其他组织", "", "", "", "", "总计"]
    assert texts[2] == ["", "", "", "", *APPLICANTS, ""]
    assert texts[3][:3] == ["一、本年新收政府信息公开申请数量", "", ""]
    granted, partial, secret, prohibited = texts[5:9]
    assert granted[:3] == ["三、本年度办理结果", "（一）予以公开", ""]
    assert partial[:3] == ["", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ""]
    assert secret[:3] == ["", "（三）不予公开", "1.属于国家秘密"]
    assert prohibited[:3] == ["", "", "2.其他法律行政法规禁止公开"]
    cell = applications[5].cells[4]
    assert (cell.where.table, cell.where.row, cell.where.col) == (2, 6, 5)
    appeals = [[c.text for c in row.cells] for row in doc.rows if row.where.table == 3]
    assert {len(row) for row in appeals} == {15}
    assert appeals[1][5:] == ["未经复议直接起诉", "", "", "", "", "复议后起诉", "", "", "", ""]
    assert appeals[2][:5] == [""] * 5


def test_it_reads_paragraphs_in_document_order_with_headings_marked(seed_docx):
    doc = read_docx(seed_docx, "x.docx", Limits())
    texts = [row.text for row in doc.rows]
    assert texts[:2] == ["阿合奇县库兰萨日克乡人民政府2021年政府", "信息公开工作年度报告"]
    heading_rows = [row.text for row in doc.rows if row.heading]
    assert heading_rows[0] == "阿合奇县库兰萨日克乡人民政府2021年政府"  # style Title
    assert "三、收到和处理政府信息公开申请情况" in heading_rows
    three = texts.index("三、收到和处理政府信息公开申请情况")
    assert doc.rows[three + 1].where.table == 2
    assert texts[-1] == "2022年1月5日"
    assert not any(t == "阿合奇县人民政府" or "2030" in t for t in texts)  # header and footer skipped


def test_it_keeps_numbers_on_separate_lines_of_one_cell_apart():
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "规章"
    table.cell(0, 1).text = "0"
    table.cell(0, 1).add_paragraph("12")
    out = io.BytesIO()
    document.save(out)
    doc = read_docx(out.getvalue(), "x.docx", Limits())
    assert [c.text for c in doc.rows[0].cells] == ["规章", "0 12"]


def test_it_detects_a_docx_named_txt_from_its_content(seed_docx):
    got = report_json(parse_bytes(seed_docx, "report.txt"))
    assert got["source"]["kind"] == "docx"
    assert got["issuer"] == EXPECTED["issuer"]
    assert got["applications"]["new"]["total"] == 0


# --- hostile files ------------------------------------------------------------------------------

_CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/word/document.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    b"</Types>"
)
_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    b'officeDocument" Target="word/document.xml"/></Relationships>'
)


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def _error(data: bytes, name: str = "x.docx") -> ReportError:
    with pytest.raises(ReportError) as caught:
        parse_bytes(data, name)
    return caught.value


def test_it_rejects_a_truncated_docx_as_corrupt(seed_docx):
    error = _error(seed_docx[: len(seed_docx) // 2])
    assert error.code == "corrupt"
    assert "x.docx" in error.message and "损坏" in error.message


def test_it_rejects_an_archive_without_the_document_part_as_corrupt():
    error = _error(_zip({"[Content_Types].xml": _CONTENT_TYPES, "word/other.xml": b"<x/>"}))
    assert error.code == "corrupt"
    assert "word/document.xml" in error.message


def test_it_rejects_broken_document_xml_as_corrupt():
    parts = {"[Content_Types].xml": _CONTENT_TYPES, "_rels/.rels": _RELS, "word/document.xml": b"<w:document"}
    error = _error(_zip(parts))
    assert error.code == "corrupt"
    assert re.search(r"[\u4e00-\u9fff]", error.message)


def test_it_rejects_a_zip_bomb_by_its_declared_size():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        zeros = bytes(1024 * 1024)
        with archive.open("word/document.xml", "w") as fh:
            for _ in range(300):
                fh.write(zeros)
    data = out.getvalue()
    assert len(data) < 5 * 1024 * 1024
    error = _error(data)
    assert error.code == "zip_bomb"
    assert "x.docx" in error.message


def test_it_rejects_a_member_that_expands_beyond_the_allowed_ratio():
    parts = {"[Content_Types].xml": _CONTENT_TYPES, "_rels/.rels": _RELS, "word/document.xml": bytes(8 * 1024 * 1024)}
    error = _error(_zip(parts))
    assert error.code == "zip_bomb"


def test_it_rejects_entity_expansion_without_expanding():
    entities = "".join(f' <!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">\n' for i in range(1, 10))
    lol = (
        '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol0 "lol">\n' + entities + "]>\n"
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
    ).encode()
    parts = {"[Content_Types].xml": _CONTENT_TYPES, "_rels/.rels": _RELS, "word/document.xml": lol}
    error = _error(_zip(parts))
    assert error.code == "corrupt"
    assert "实体" in error.message


# --- Word markup the report's text hides in ---------------------------------------------------------

_MARKUP = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
  xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
  xmlns:v="urn:schemas-microsoft-com:vml"><w:body>
<!-- a comment is not text -->
<w:p><w:pPr><w:outlineLvl w:val="0"/><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr>
  <w:r><w:t>一、总体情况</w:t></w:r></w:p>
<w:sdt><w:sdtPr><w:alias w:val="控件"/></w:sdtPr><w:sdtContent>
  <w:p><w:r><w:t>控件里的段落</w:t></w:r></w:p></w:sdtContent></w:sdt>
<w:p><w:r><w:t>甲</w:t></w:r><w:r><w:tab/><w:t>乙</w:t></w:r><w:r><w:br/><w:t>丙</w:t></w:r></w:p>
<w:p><w:r><w:t>保留</w:t></w:r><w:del w:id="1"><w:r><w:delText>删除</w:delText></w:r></w:del>
  <w:ins w:id="2"><w:r><w:t>插入</w:t></w:r></w:ins><w:moveFrom w:id="3"><w:r><w:t>移走</w:t></w:r></w:moveFrom>
  <w:moveTo w:id="4"><w:r><w:t>移来</w:t></w:r></w:moveTo></w:p>
<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>
  <w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>
  <w:r><w:t>页</w:t></w:r></w:p>
<w:p><w:r><w:t>正文</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent>
  <w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape>
  <v:textbox><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict>
  </mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>继续</w:t><w:noBreakHyphen/><w:t>完</w:t></w:r></w:p>
<w:p/>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>布局里的段落</w:t></w:r></w:p>
  <w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>
    <w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>
      <w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>表头</w:t></w:r></w:p></w:tc></w:tr>
    <w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>规章</w:t></w:r></w:p></w:tc>
      <w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>
      <w:tc><w:tcPr><w:hMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>2</w:t></w:r></w:p></w:tc></w:tr>
    <w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>
      <w:sdt><w:sdtContent><w:tc><w:p><w:r><w:t>3</w:t></w:r></w:p><w:p><w:r><w:t>4</w:t></w:r></w:p></w:tc></w:sdtContent></w:sdt>
      <w:tc><w:tcPr><w:hMerge/></w:tcPr><w:p><w:r><w:t>被合并</w:t></w:r></w:p></w:tc></w:tr>
  </w:tbl><w:p/></w:tc></w:tr></w:tbl>
<w:p><w:pPr><w:pStyle w:val="1"/></w:pPr><w:r><w:t>二、主动公开政府信息情况</w:t></w:r></w:p>
<w:sectPr/></w:body></w:document>"""

# Chinese Word names the style "heading 1" but gives it the id "1".
_MARKUP_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/></w:style></w:styles>'
)
_MARKUP_DOCUMENT_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"'
    b' Target="styles.xml"/></Relationships>'
)


def _strict(xml: bytes) -> bytes:
    """The same part as Word saves it in "Strict Open XML": other namespace and relationship names."""
    return xml.replace(
        b"http://schemas.openxmlformats.org/wordprocessingml/2006/main", b"http://purl.oclc.org/ooxml/wordprocessingml/main"
    ).replace(
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/",
        b"http://purl.oclc.org/ooxml/officeDocument/relationships/",
    )


@pytest.mark.parametrize("strict", [False, True], ids=["transitional", "strict"])
def test_it_reads_word_markup_as_word_shows_the_text(strict):
    parts = {
        "_rels/.rels": _RELS, "word/document.xml": _MARKUP.encode(),
        "word/_rels/document.xml.rels": _MARKUP_DOCUMENT_RELS, "word/styles.xml": _MARKUP_STYLES.encode(),
    }
    if strict:
        parts = {member: _strict(xml) for member, xml in parts.items()}
        # (the package's own namespaces and markup compatibility are the same in Strict)
        assert b"wordprocessingml/2006" not in b"".join(parts.values())
        assert b"officeDocument/2006/relationships" not in b"".join(parts.values())
    data = _zip({"[Content_Types].xml": _CONTENT_TYPES, **parts})
    doc = read_docx(data, "x.docx", Limits())
    got = [
        ([c.text for c in row.cells], [c.covered for c in row.cells], row.heading, row.structured,
         row.where.line, row.where.table, row.where.row)
        for row in doc.rows
    ]
    assert got == [
        # paragraphs are numbered in document order, the empty ones and the layout table's included
        (["一、总体情况"], [False], True, False, 1, None, None),  # outline level 0, tab stop not text
        (["控件里的段落"], [False], False, False, 2, None, None),  # inside a content control
        (["甲", "乙"], [False, False], False, True, 3, None, None),  # a tab separates cells
        (["丙"], [False], False, False, 3, None, None),  # after a line break
        (["保留插入移来"], [False], False, False, 4, None, None),  # deleted and moved-away text skipped
        (["7页"], [False], False, False, 5, None, None),  # the field's result, not its code
        (["正文继续-完"], [False], False, False, 6, None, None),  # text boxes skipped, hyphen kept
        (["布局里的段落"], [False], False, False, 8, None, None),  # a table holding a table is layout
        (["", "表头", ""], [False, False, True], False, True, None, 1, 1),  # gridBefore, gridSpan
        (["规章", "1", "2"], [False, False, False], False, True, None, 1, 2),
        (["", "3 4", ""], [True, False, True], False, True, None, 1, 3),  # vMerge, wrapped cell, hMerge
        (["二、主动公开政府信息情况"], [False], True, False, 10, None, None),  # style id "1" is "heading 1"
    ]


@pytest.mark.parametrize(("encoding", "filler"), [("utf-16-le", ""), ("utf-16-be", ""), ("utf-8", "!" * 1000)])
def test_it_rejects_a_dtd_in_any_encoding_and_among_many_exclamation_marks(encoding, filler):
    bom = {"utf-16-le": "\ufeff", "utf-16-be": "\ufeff"}.get(encoding, "")
    xml = (
        f'{bom}<?xml version="1.0" encoding="{encoding[:6].upper()}"?><!DOCTYPE d [<!ENTITY e "x">]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body><w:p><w:r><w:t>{filler}&e;</w:t></w:r></w:p></w:body></w:document>"
    ).encode(encoding)
    parts = {"[Content_Types].xml": _CONTENT_TYPES, "_rels/.rels": _RELS, "word/document.xml": xml}
    error = _error(_zip(parts))
    assert error.code == "corrupt"
    assert "实体" in error.message
