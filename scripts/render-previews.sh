#!/usr/bin/env bash
# Rebuilds docs/render/: one seed per format rendered to PDF, the page with the section 三 and 四
# tables rasterised to PNG (pdftoppm, poppler-utils). Look at the PNGs before committing them.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for fmt in 2021 2019; do
  seed=$(.venv/bin/python -c "
import glob
from gongkai.report import parse_file
print(next(f for f in sorted(glob.glob('tests/data/seeds/*.txt')) if parse_file(f).format == '$fmt'))")
  .venv/bin/gongkai parse --json "$seed" > "$tmp/$fmt.json"
  .venv/bin/gongkai render "$tmp/$fmt.json" --to pdf --allow-errors -o "$tmp/$fmt.pdf" 2>/dev/null >/dev/null
  page=$(.venv/bin/python -c "
import pdfplumber
with pdfplumber.open('$tmp/$fmt.pdf') as pdf:
    print(next(i for i, p in enumerate(pdf.pages, 1) if '勾稽关系' in (p.extract_text() or '')))")
  pdftoppm -r 80 -png -f "$page" -l "$page" -singlefile "$tmp/$fmt.pdf" "docs/render/official-$fmt"
  echo "docs/render/official-$fmt.png: $seed, page $page"
done
