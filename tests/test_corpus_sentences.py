"""The one-pass sentence regex of the copy check (``narrative._OWN_SENTENCE``) against the rule it
was written from: split at sentence ends (``_SENTENCE``), drop a sentence that is blank or opens
(after its heading number) with template wording (``_is_template``), strip the rest.

Why a test: the regex was derived from the two-step rule for speed; if either changes alone (a new
template opening, another heading form), the copy check would silently compare other text. The texts
are every real report of the test data plus edge cases written for the regex's corners."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.corpus import narrative

DATA = Path(__file__).parent / "data"


def _by_the_rule(text: str) -> list[str]:
    return [s.strip() for s in narrative._SENTENCE.findall(text) if not narrative._is_template(s)]


EDGES = [
    "",
    "\n\n",
    "无。",
    "无",
    "  无。本单位另有说明。",
    "（一）主动公开情况。本年度主动公开信息120条。",
    "一、总体情况\n2021年，我局认真贯彻落实。",
    "1.主动公开\n本年度新增。",
    "(二) 依申请公开情况；本机关收到申请3件！",
    "本报告根据《中华人民共和国政府信息公开条例》编制。本局的工作扎实？",
    "根据《条例》要求，现公布如下。其他说明",
    "十二、其他需要报告的事项\n本年度未收取信息处理费。我们还做了别的。",
    "\u3000\u3000本机关本年度未收取任何费用。\u3000我局无其他事项。",
    "主动公开。主动公开的内容很多。依申请公开平台建设。",
    "一、\n二、本报告由办公室编制。三、我局",
    "第一句没有结尾",
    "句一；句二！句三？句四。",
]


def _texts():
    for path in sorted(DATA.rglob("*.txt")):
        yield pytest.param(path.read_text("utf-8", errors="replace"), id=str(path.relative_to(DATA)))
    for i, text in enumerate(EDGES):
        yield pytest.param(text, id=f"edge{i}")


@pytest.mark.parametrize("text", list(_texts()))
def test_the_one_pass_regex_keeps_the_sentences_the_two_step_rule_keeps(text):
    assert narrative.sentences(text) == _by_the_rule(text)


def test_the_rule_drops_template_sentences_and_keeps_the_agencys_own():
    """Read off by hand: the template's opening and its fee sentence go, the agency's own stay."""
    text = ("一、总体情况\n本报告根据《中华人民共和国政府信息公开条例》编制。"
            "我县今年新建了公开专区。本年度未收取信息处理费。")
    assert narrative.sentences(text) == ["我县今年新建了公开专区。"]
