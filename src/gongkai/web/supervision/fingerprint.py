"""The stable name of one finding, so that the county office's decision on it outlives the report.

Why these parts and no others: an agency re-files its report, the office re-uploads a corrected PDF,
a correction is published — each time the findings are computed again from a new document. What
stays the same for "the same problem" is whose report it is, which year, which rule, which cells it
is about and (for a comparison with another agency's report) which agency. The values and the
message wording change with the document, or with a new release of the rules' sentences, and must
not make the office decide again; so they are left out on purpose.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable


def fingerprint(agency_id: int, year: int, rule: str, cells: Iterable[str] = (), related_agency_id: int | None = None,
                ) -> str:
    """sha256 (64 hex digits) of the agency, year, rule, the sorted distinct cell paths and, for a
    finding about two agencies (copied from another agency's report), the other agency."""
    parts = [int(agency_id), int(year), rule, sorted(set(cells))]
    if related_agency_id is not None:
        parts.append(int(related_agency_id))
    raw = json.dumps(parts, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()
