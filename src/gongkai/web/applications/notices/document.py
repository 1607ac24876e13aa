"""A notice as a neutral document, which the Word writer and the PDF writer both walk.

Why one model for both: the Word file (finished and stamped by the office) and the PDF (archived,
sent by e-mail) must say the same thing in the same order, so the template is rendered once into
this model and each writer only lays it out. Frozen: a writer can never change what it prints.
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.report.controls import strip_controls


@dataclass(frozen=True)
class Row:
    """One line of a form (回执, 送达回证): a label and its value; an empty value is room to write or sign."""

    label: str
    value: str = ""
    tall: bool = False  # room for a signature


@dataclass(frozen=True)
class Notice:
    title: str
    number: str  # 文号
    paragraphs: tuple[str, ...]  # the first one may be the addressee ("张三："), printed unindented
    agency: str  # the signature, where the seal goes
    date: str  # the date under the signature, in Chinese
    rows: tuple[Row, ...] = ()  # a form, printed after the paragraphs
    contact: tuple[str, ...] = ()  # 联系人、电话、地址, printed last
    seal: bool = True  # the seal position is marked beside the signature

    @property
    def texts(self) -> list[str]:
        """Everything printed, in order (for tests and the plain-text view)."""
        rows = [f"{r.label} {r.value}".strip() for r in self.rows]
        return [self.title, self.number, *self.paragraphs, *rows, self.agency, self.date, *self.contact]


def paragraphs_of(text: str) -> tuple[str, ...]:
    """Rendered template text as paragraphs: one per non-empty line, control characters removed."""
    return tuple(p.strip() for p in strip_controls(text).splitlines() if p.strip())


def is_addressee(text: str) -> bool:
    return text.endswith(("：", ":")) and len(text) <= 60


def to_json(notice: Notice) -> dict:
    """The notice as stored when it is issued (models.IssuedNotice.document)."""
    return {"title": notice.title, "number": notice.number, "paragraphs": list(notice.paragraphs),
            "agency": notice.agency, "date": notice.date, "contact": list(notice.contact), "seal": notice.seal,
            "rows": [{"label": r.label, "value": r.value, "tall": r.tall} for r in notice.rows]}


def from_json(data: dict) -> Notice:
    return Notice(title=data["title"], number=data["number"], paragraphs=tuple(data["paragraphs"]),
                  agency=data["agency"], date=data["date"], contact=tuple(data.get("contact", ())),
                  seal=data.get("seal", True), rows=tuple(Row(r["label"], r.get("value", ""), r.get("tall", False))
                                                          for r in data.get("rows", ())))
