"""The report as a web page a government portal can publish as is.

Why it looks like this: portals must meet accessibility rules (GB/T 37668, WCAG), so every table
is a real ``<table>`` with a ``<caption>``, header cells are ``<th scope>`` and every value cell
names its headers with ``headers``, which screen readers need for merged multi-row headers. Wide
tables (section 四 has fifteen columns) scroll sideways inside a focusable region on a phone
instead of squeezing the page. No script, no external resource: the page is one file.
"""

from __future__ import annotations

from html import escape

from ..messages import RENDER
from .layout import Document, Grid, GridCell, Heading, Paragraph

_CSS = """
:root { color: #111; background: #fff; }
body { margin: 0; font: 16px/1.8 "仿宋_GB2312", "仿宋", FangSong, STFangsong, "Noto Serif CJK SC", "Songti SC",
  SimSun, serif; }
main { max-width: 60em; margin: 0 auto; padding: 1em; }
h1 { font: bold 1.5em/1.4 "方正小标宋简体", "宋体", SimSun, "Noto Serif CJK SC", serif; text-align: center; }
h2 { font: bold 1.1em/1.6 "黑体", SimHei, "Noto Sans CJK SC", sans-serif; margin: 1.2em 0 .6em; }
p { text-indent: 2em; margin: .4em 0; text-align: justify; }
p.signature { text-align: right; text-indent: 0; }
.table-wrap { overflow-x: auto; margin: .6em 0 1em; }
.table-wrap:focus { outline: 2px solid #1a56db; outline-offset: 2px; }
table { border-collapse: collapse; min-width: 100%; font: 14px/1.5 "宋体", SimSun, "Noto Serif CJK SC", serif; }
caption { text-align: left; font-weight: bold; padding: .3em 0; }
th, td { border: 1px solid #333; padding: .3em .5em; vertical-align: middle; }
th { font-weight: normal; text-align: center; }
th[scope=row], th[scope=rowgroup], td.note { text-align: left; }
th.caption { text-align: left; font-weight: bold; background: #f2f2f2; }
td { text-align: center; font-variant-numeric: tabular-nums; white-space: nowrap; }
th[scope=col] { min-width: 3.2em; }
td.note { white-space: normal; font-size: .9em; }
@media (max-width: 40em) { main { padding: .5em; } body { font-size: 15px; } }
"""


def _attrs(cell: GridCell) -> str:
    parts = []
    if cell.rowspan > 1:
        parts.append(f' rowspan="{cell.rowspan}"')
    if cell.colspan > 1:
        parts.append(f' colspan="{cell.colspan}"')
    if cell.is_header and cell.scope:
        parts.append(f' scope="{cell.scope}"')
    if cell.role == "caption":
        parts.append(' class="caption"')
    if cell.role == "note":
        parts.append(' class="note"')
    if cell.id:
        parts.append(f' id="{cell.id}"')
    if cell.headers:
        parts.append(f' headers="{" ".join(cell.headers)}"')
    return "".join(parts)


def _cell(cell: GridCell) -> str:
    tag = "th" if cell.is_header else "td"
    return f"<{tag}{_attrs(cell)}>{escape(cell.text)}</{tag}>"


def _table(grid: Grid, index: int) -> str:
    rows = grid.rows()
    head, body = rows[: grid.header_rows], rows[grid.header_rows :]
    caption_id = f"{grid.key}-caption"
    out = [
        f'<div class="table-wrap" role="region" tabindex="0" aria-labelledby="{caption_id}">',
        f'<table class="{grid.key}">',
        f'<caption id="{caption_id}">{escape(RENDER["table_region"].format(label=grid.label))}</caption>',
    ]
    if head:
        out.append("<thead>" + "".join("<tr>" + "".join(map(_cell, r)) + "</tr>" for r in head) + "</thead>")
    out.append("<tbody>" + "".join("<tr>" + "".join(map(_cell, r)) + "</tr>" for r in body) + "</tbody>")
    out.append("</table></div>")
    return "\n".join(out)


def render_html(doc: Document) -> bytes:
    body: list[str] = []
    section_open = False
    tables = 0
    for block in doc.blocks:
        if isinstance(block, Heading):
            if block.level == 1:
                body.append(f"<h1>{escape(block.text)}</h1>")
                continue
            if section_open:
                body.append("</section>")
            number = sum(1 for b in body if b.startswith("<section")) + 1
            body.append(f'<section aria-labelledby="s{number}"><h2 id="s{number}">{escape(block.text)}</h2>')
            section_open = True
        elif isinstance(block, Paragraph):
            if block.role == "signature" and section_open:
                body.append("</section>")
                section_open = False
            cls = ' class="signature"' if block.role == "signature" else ""
            body.append(f"<p{cls}>{escape(block.text)}</p>")
        else:
            tables += 1
            body.append(_table(block, tables))
    if section_open:
        body.append("</section>")
    page = (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(doc.title)}</title>\n<style>{_CSS}</style>\n</head>\n"
        "<body>\n<main>\n<article>\n" + "\n".join(body) + "\n</article>\n</main>\n</body>\n</html>\n"
    )
    return page.encode("utf-8")
