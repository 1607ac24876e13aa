"""The reader-neutral intermediate form: rows of raw cells with their locations.

A row is ``structured`` when the reader knows the cell boundaries (tab-separated text, Markdown
pipes, an HTML/DOCX/PDF table): then an empty cell is a real blank cell at that position. An
unstructured row is a line of running text, possibly split at the numbers it ends with.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Location


@dataclass(slots=True)
class RawCell:
    """Never changed once made (readers build new cells to join text); not frozen only because a
    frozen dataclass is three times slower to construct, and readers make thousands."""

    text: str
    where: Location
    # A grid position covered by a merged cell that starts elsewhere (colspan/rowspan, gridSpan/
    # vMerge, a PDF cell spanning ruling lines). Blank, but never a blank *value*.
    covered: bool = False
    # A digit run cut out of flattened text ("规章555"): possibly several cells' digits run together.
    run: bool = False


@dataclass(slots=True)
class RawRow:
    cells: list[RawCell]
    where: Location
    structured: bool = False
    # A heading the source marks as such (Markdown '#', HTML <h1>…, DOCX heading style).
    heading: bool = False
    # Text sources only: the empty lines just before this row (a run of them may stand for blank
    # cells), and whether the line opens or closes with a pipe (between a closing and an opening
    # pipe lies a line break that may be a blank cell of a pipe table broken over lines).
    gap: int = 0
    pipe_open: bool = False
    pipe_close: bool = False

    @property
    def text(self) -> str:
        cells = self.cells
        if len(cells) == 1:  # a line of running text: asked for by every step that reads lines
            return cells[0].text
        return "".join([c.text for c in cells])

    def nonempty(self) -> list[RawCell]:
        return [c for c in self.cells if c.text.strip()]


@dataclass(slots=True)
class RawDocument:
    kind: str
    rows: list[RawRow] = field(default_factory=list)
