"""The DOCX reader reads only the styles the body names: the same names as reading them all."""

import glob
import zipfile

import pytest
from lxml import etree

from gongkai.report.read import docx

W = docx._W
FILES = sorted(glob.glob("tests/data/*/*.docx"))


def _parts(path):
    with zipfile.ZipFile(path) as archive:
        return archive.read("word/document.xml"), archive.read("word/styles.xml")


@pytest.mark.parametrize("path", FILES)
def test_the_styles_cut_out_name_what_the_whole_part_names(path):
    body, styles = _parts(path)
    used = docx._used_style_ids(body)
    assert used is not None
    whole = docx._style_names(etree.fromstring(styles), W)
    subset = docx._style_subset(styles, used, W)
    assert subset is not None  # the cut applies to these files, or nothing was measured
    cut = docx._style_names(etree.fromstring(subset), W)
    assert {k: whole[k] for k in used if k in whole} == cut


def test_a_style_type_python_docx_does_not_know_gives_up_the_map_either_way():
    styles = (
        b'<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="' + W.encode() + b'">'
        b'<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/></w:style>'
        b'<w:style w:type="strange" w:styleId="x"><w:name w:val="x"/></w:style></w:styles>'
    )
    assert docx._style_subset(styles, {"1"}, W) is None  # falls back to the whole part
    assert docx._style_names(docx._styles_of(styles, {"1"}, W, docx._parser()), W) == {}


def test_a_body_without_paragraph_styles_reads_no_styles():
    assert docx._used_style_ids(b'<?xml version="1.0" encoding="UTF-8"?><w:document/>') == set()
    assert docx._used_style_ids(b'<?xml version="1.0" encoding="UTF-16"?>') is None
