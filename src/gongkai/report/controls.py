"""Control characters: the one definition of what is taken out of text bound for a document.

Why: XML 1.0 cannot hold C0 controls at all, so one NUL or backspace typed (or pasted from an old
system) into a name or a report section made python-docx refuse the whole Word file, and a PDF
viewer shows C1 controls as boxes or drops the line. No person means them: tab, newline and carriage
return stay, every other C0 control (U+0000–U+001F), DEL (U+007F) and every C1 control
(U+0080–U+009F) goes. The platform removes them from what is typed and the renderers remove them
again from what they write, so text stored before either guard existed still renders.
"""

from __future__ import annotations

import re

CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def strip_controls(text: str) -> str:
    """``text`` without control characters other than tab, newline and carriage return."""
    return CONTROLS.sub("", text)


def has_controls(text: str) -> bool:
    return CONTROLS.search(text) is not None
