"""Property tests: every seed and corpus file re-laid out (tests/relayout.py) reads the same cells.

The expected cells are the hand-read ones (tests/data/*/NNN.expected.json): each variant of a file
must read every one of them right, as the file itself does.
"""

import pytest

from gongkai.report import parse_text
from tests import accuracy, relayout

FILES = accuracy.expected_files()
# Layouts that cannot say what a file says, so the variant is not a re-layout of it:
# seed 003 lost two row labels, and only its line breaks show where one label-less row of numbers
# ends and the next begins; written one cell per line, that is gone.
NOT_A_RELAYOUT = {("003", "one_cell_per_line")}
CASES = [
    (path, name) for path in FILES for name in relayout.VARIANTS if (path.name[:3], name) not in NOT_A_RELAYOUT
]


def _text(path):
    return path.with_name(path.name.replace(".expected.json", ".txt")).read_text("utf-8")


@pytest.mark.parametrize(("path", "variant"), CASES, ids=[f"{p.name[:3]}-{v}" for p, v in CASES])
def test_a_relaid_out_report_reads_the_same_cells(path, variant, tmp_path):
    changed = relayout.VARIANTS[variant](_text(path))
    if changed is None:
        return  # the variant does not apply to this layout (nothing to re-lay out, or meaning would change)
    copy = tmp_path / path.name.replace(".expected.json", ".txt")
    copy.write_text(changed, "utf-8")
    score = accuracy.score_file(path, accuracy._layouts(), text_path=copy)
    assert score.error is None
    assert score.wrong == [], "\n".join(score.wrong[:20])


def test_every_variant_applies_to_some_file():
    applied = {name for path in FILES for name, f in relayout.VARIANTS.items() if f(_text(path)) is not None}
    assert applied == set(relayout.VARIANTS)


def test_a_variant_changes_the_text_but_not_its_numbers():
    text = _text(FILES[0])
    assert relayout.traditional("政府信息公开") == "政府信息公開"
    assert relayout.full_width_digits("规章 0 12") == "规章 ０ １２"
    assert parse_text(relayout.full_width_digits(text)).proactive is not None
