"""Re-laying out a report text without changing what it says, for the property tests.

Each function takes a report text and returns it in another layout that a person would read the
same way: the cells stay, only how they are written changes (pipes or tabs, one cell per line,
empty lines, wrapped labels, full-width digits, traditional characters). Where a layout cannot say
something the text says (which cell of a row is blank), the function leaves that part alone.
"""

from __future__ import annotations

import re

import opencc

_S2T = opencc.OpenCC("s2t")
_FULL = str.maketrans("0123456789", "０１２３４５６７８９")


def traditional(text: str) -> str:
    return _S2T.convert(text)


def full_width_digits(text: str) -> str:
    return text.translate(_FULL)


def more_empty_lines(text: str) -> str:
    """One more empty line in every run of empty lines: the usual spacing grows, what stands out
    from it stays."""
    return re.sub(r"\n(\s*\n)+", lambda m: m.group(0) + "\n", text)


def fewer_empty_lines(text: str) -> str | None:
    """Every empty line removed, where no run of them is longer than the usual spacing (so none
    stands for a blank cell); None where they carry meaning."""
    runs = [len(m.group(0)) - 1 for m in re.finditer(r"\n(?:[ \t]*\n)+", text)]
    if runs and max(runs) > _mode(runs):
        return None
    if "\t" in text:
        return None  # tab-led cell blocks end at an empty line
    return re.sub(r"\n(?:[ \t]*\n)+", "\n", text)


def _mode(values: list[int]) -> int:
    return max(set(values), key=values.count)


def _cells_of_pipe_line(line: str) -> list[str] | None:
    stripped = line.strip()
    if stripped.count("|") < 2 or set(stripped) <= {"|", " "}:
        return None
    parts = stripped.split("|")
    if not parts[0].strip():
        parts = parts[1:]
    if parts and not parts[-1].strip():
        parts = parts[:-1]
    return [p.strip() for p in parts]


def _broken_pipe_rows(text: str) -> bool:
    """Whether pipe rows are broken over lines ("0 |" alone, lone "|" lines): a layout of its own
    that tabs or one cell per line cannot mix with."""
    return any(line.strip() and _cells_of_pipe_line(line) is None and "|" in line for line in text.split("\n"))


def pipes_to_tabs(text: str) -> str | None:
    """Whole pipe rows on one line written as tab-separated rows."""
    if _broken_pipe_rows(text):
        return None
    changed = False
    out = []
    for line in text.split("\n"):
        cells = _cells_of_pipe_line(line)
        if cells is not None and len(cells) > 1:
            out.append("\t".join(cells))
            changed = True
        else:
            out.append(line)
    return "\n".join(out) if changed else None


def tabs_to_pipes(text: str) -> str | None:
    """Tab-separated rows written as pipe rows (the one-cell-per-line tab blocks stay)."""
    changed = False
    out = []
    for line in text.split("\n"):
        if line.count("\t") >= 1 and not line.lstrip(" ").startswith("\t") and "|" not in line:
            out.append("| " + " | ".join(c.strip() for c in line.split("\t")) + " |")
            changed = True
        else:
            out.append(line)
    return "\n".join(out) if changed else None


def one_cell_per_line(text: str) -> str | None:
    """Every whole pipe or tab row written one cell per line with an empty line after each cell, a
    blank cell as one more empty line (the layout Word-to-web converters print)."""
    if _broken_pipe_rows(text):
        return None
    changed = False
    out: list[str] = []
    for line in text.split("\n"):
        cells = _cells_of_pipe_line(line)
        if cells is None and line.count("\t") >= 1 and not line.lstrip(" ").startswith("\t"):
            cells = [c.strip() for c in line.split("\t")]
        if cells is None or len(cells) < 2:
            out.append(line)
            continue
        changed = True
        for cell in cells:
            out.extend([cell, ""] if cell else [""])
    return "\n".join(out) if changed else None


def wrapped_labels(text: str) -> str | None:
    """Long row labels of pipe or tab rows wrapped onto a second line, as narrow cells print them."""
    changed = False
    out = []
    for line in text.split("\n"):
        stripped = line.strip()
        sep = "|" if stripped.count("|") >= 2 else ("\t" if "\t" in stripped else None)
        lead = "| " if sep == "|" and stripped.startswith("|") else ""
        body = stripped[1:] if lead else stripped
        label, found, tail = body.partition(sep) if sep else ("", "", "")
        label = label.strip()
        if not found or len(label) < 10:
            out.append(line)
            continue
        half = len(label) // 2
        out.extend([f"{lead}{label[:half]}", f"{label[half:]} {sep}{tail}"])
        changed = True
    return "\n".join(out) if changed else None


VARIANTS = {
    "traditional": traditional,
    "full_width_digits": full_width_digits,
    "more_empty_lines": more_empty_lines,
    "fewer_empty_lines": fewer_empty_lines,
    "pipes_to_tabs": pipes_to_tabs,
    "tabs_to_pipes": tabs_to_pipes,
    "one_cell_per_line": one_cell_per_line,
    "wrapped_labels": wrapped_labels,
}
