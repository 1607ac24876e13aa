"""The supervisor's roster: which agencies must publish, from which year, where they sit.

A CSV file with a header line and the columns ``agency, parent, level, region, expected_from``
(required, in any order) and optionally ``aggregate`` (yes/是/1/true: this agency's report sums its
members', the agencies whose ``parent`` it is), ``aliases`` (other names of the same agency,
separated by ``|``, e.g. its name before a reorganisation) and ``deadline`` (``MM-DD``: the day in
the following year by which this agency must publish, where a local rule sets its own). UTF-8
(with or without BOM) or GB18030, as Excel saves it.

Matching a report to the roster (conservative, see ``agency``): the report's normalised name equals
a roster agency's or alias's normalised name; failing that, the two differ only by leading place
names (``湖南省怀化市鹤城区人民政府`` ↔ ``鹤城区人民政府``) and exactly one roster agency fits. Anything else stays
unmatched and is reported, never guessed.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from . import agency as names
from .messages import ERRORS

REQUIRED = ("agency", "parent", "level", "region", "expected_from")
YES = {"yes", "y", "true", "1", "是", "汇总"}


class RosterError(Exception):
    """A roster that cannot be used; ``message`` is the Chinese sentence for the supervisor."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True, slots=True)
class Entry:
    agency: str
    parent: str | None
    level: str | None
    region: str | None
    expected_from: int | None
    aggregate: bool = False
    aliases: str = ""
    deadline: str | None = None  # MM-DD

    def month_day(self) -> tuple[int, int] | None:
        return _month_day(self.deadline) if self.deadline else None


def _month_day(text: str) -> tuple[int, int] | None:
    """``MM-DD`` as (month, day), or None when it is no day of the calendar."""
    from datetime import date

    month, sep, day = text.partition("-")
    try:
        date(2001, int(month), int(day))
    except ValueError:
        return None
    return (int(month), int(day)) if sep else None


def _text(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnicodeDecodeError("roster", data, 0, 1, "neither UTF-8 nor GB18030")


def load(path: str) -> list[Entry]:
    try:
        with open(path, "rb") as fh:
            text = _text(fh.read())
    except (OSError, UnicodeDecodeError) as exc:
        raise RosterError(ERRORS["roster_unreadable"].format(path=path, reason=exc)) from exc
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in reader.fieldnames or []]
    for column in REQUIRED:
        if column not in header:
            raise RosterError(ERRORS["roster_column"].format(path=path, column=column))
    entries = []
    for line, row in enumerate(reader, start=2):
        row = {(k or "").strip(): (v or "").strip() for k, v in row.items()}
        key = names.normalise(row["agency"])
        if key is None:
            raise RosterError(ERRORS["roster_row"].format(path=path, line=line, reason="机关名称为空"))
        try:
            expected = int(row["expected_from"]) if row["expected_from"] else None
        except ValueError:
            raise RosterError(ERRORS["roster_row"].format(
                path=path, line=line, reason=f"expected_from“{row['expected_from']}”不是年份")) from None
        aliases = "|".join(filter(None, (names.normalise(a) for a in row.get("aliases", "").split("|"))))
        deadline = row.get("deadline", "")
        if deadline and _month_day(deadline) is None:
            raise RosterError(ERRORS["roster_row"].format(
                path=path, line=line, reason=f"deadline“{deadline}”不是“月-日”（如 02-28）"))
        entries.append(Entry(key, names.normalise(row["parent"]), row["level"] or None, row["region"] or None,
                             expected, row.get("aggregate", "").lower() in YES, aliases, deadline or None))
    return entries


_PLACE_ENDS = ("省", "自治区", "市", "州", "盟", "县", "区", "旗")


def tails(name: str) -> list[str]:
    """The name without its leading places, one more each time (``湖南省怀化市鹤城区人民政府`` →
    ``怀化市鹤城区人民政府``, ``鹤城区人民政府``); a tail keeps at least a place and its body."""
    out = []
    for i in range(1, len(name) - 3):
        if name[:i].endswith(_PLACE_ENDS) and not name[i:].startswith(("人民政府", "政府")):
            out.append(name[i:])
    return out


class Matcher:
    """Maps a normalised issuer name to the roster agency it is (or None)."""

    def __init__(self, entries: list[Entry]) -> None:
        self.exact: dict[str, str] = {}
        for e in entries:
            self.exact.setdefault(e.agency, e.agency)
            for alias in filter(None, e.aliases.split("|")):
                self.exact.setdefault(alias, e.agency)
        # Each roster name's tails, so that a report without the leading places still matches.
        self.by_tail: dict[str, set[str]] = {}
        for key, target in self.exact.items():
            for tail in tails(key):
                self.by_tail.setdefault(tail, set()).add(target)

    def match(self, name_key: str | None) -> str | None:
        if not name_key:
            return None
        if name_key in self.exact:
            return self.exact[name_key]
        found = set(self.by_tail.get(name_key, ()))
        for tail in tails(name_key):  # the report names more places than the roster does
            if tail in self.exact:
                found.add(self.exact[tail])
        return found.pop() if len(found) == 1 else None
