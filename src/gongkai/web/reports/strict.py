"""The platform's own report must be right before it is published: stricter than a report read from outside.

The report core grades a narrative figure that contradicts the tables and a missing written section as
warnings, because a report read from a portal is what it is and the checker only reports. A report the
platform publishes is written here, by staff who can still fix it: so those findings, and a template's
"（请填写）" left in the text, are errors that refuse publication, each naming the sentence or cell.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from gongkai.report import Finding, Report
from gongkai.report.validate.rules import ValidationConfig, narrative_mismatch

from . import messages as M

PROMOTED = frozenset({"narrative_mismatch", "missing_section"})
# A template's prompt left in the text: a bracketed （请填写…）, 【待补充】, (请输入…), and the marks that stand
# for a figure not yet known: ×××, XX (not inside a word or an address such as www.xxgk.gov.cn), □□, ____.
# An unbracketed "待补充" is left alone: "有待补充完善" is an ordinary sentence of section 五.
_PLACEHOLDER = re.compile(
    r"[（(【\[〔]\s*(?:请|待)(?:填写|补充|输入|完善|核实|填报)[^）)】\]〕]*[）)】\]〕]"
    r"|[×Ｘ＊□]{2,}|(?<![A-Za-z0-9.])[xX]{2,}(?![A-Za-z0-9.])|_{3,}|＿{2,}")
_SENTENCE = re.compile(r"[^。！？；\n]+[。！？；]?")
WRITTEN = {1: "一、总体情况", 5: "五、存在的主要问题及改进情况", 6: "六、其他需要报告的事项"}


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.findall(text or "") if s.strip()]


def _sentence_of(report: Report, finding: Finding) -> str | None:
    """The sentence of section 一 that by itself makes this narrative finding (the first one, if several)."""
    section = report.sections.get(1)
    if section is None:
        return None
    for sentence in sentences(section.text):
        alone = dataclasses.replace(report, sections={1: dataclasses.replace(section, text=sentence)})
        if any(f.message == finding.message for f in narrative_mismatch(alone, ValidationConfig())):
            return sentence
    return None


def _promoted(report: Report, finding: Finding) -> Finding:
    if finding.rule not in PROMOTED or finding.severity == "error":
        return finding
    message = finding.message
    if finding.rule == "narrative_mismatch":
        sentence = _sentence_of(report, finding)
        if sentence:
            message = M.NARRATIVE_SENTENCE.format(message=message, sentence=sentence)
    return dataclasses.replace(finding, severity="error", message=message + M.BLOCKS)


def placeholders(report: Report) -> list[Finding]:
    """One error per sentence of a written section that still holds a template's prompt.

    The prompt is looked for in the whole text (a bracketed prompt may hold a full stop of its own),
    then named with the sentence where it starts.
    """
    out = []
    for number, label in WRITTEN.items():
        section = report.sections.get(number)
        text = section.text if section else ""
        spans = [(m.start(), m.end(), m.group(0).strip()) for m in _SENTENCE.finditer(text)]
        named = set()
        for found in _PLACEHOLDER.finditer(text):
            sentence = next((s for start, end, s in spans if start <= found.start() < end), found.group(0))
            if sentence in named:
                continue
            named.add(sentence)
            out.append(Finding("placeholder", "error",
                               M.PLACEHOLDER.format(section=label, found=found.group(0), sentence=sentence),
                               (f"sections.{number}",)))
    return out


def future_date(published_on: dt.date | None, today: dt.date, *, what: str = "发布日期") -> list[Finding]:
    if published_on is not None and published_on > today:
        return [Finding("future_publication", "error",
                        M.FUTURE_DATE.format(what=what, date=published_on.isoformat(), today=today.isoformat()))]
    return []


def strict(report: Report, found: list[Finding]) -> list[Finding]:
    """The findings of the core with the platform's stricter grades, and the placeholders added."""
    return [*(_promoted(report, f) for f in found), *placeholders(report)]
