"""Which schema row a row label names.

Labels are matched by meaning: the schema's patterns over the folded, normalised text; then the
same text without its parenthesised explanations ("规范性文件（指各行政机关印发的有正式文号的文件）");
then, for a label fused with the header words before it in flattened text, its shortest matching
ending ("…对外公开总数量规章"); then a maintained fuzzy matcher (rapidfuzz) against the official
labels, for typos and dropped characters.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from .. import schema
from .fold import fold
from .normalize import label_key, nfkc

_PARENTHETICAL = re.compile(r"[(（][^()（）]{2,}[)）]")
# Leading item numbers of a label key ("三1属于国家秘密", "一本年新收…"): not part of its meaning.
_NUMBERING = re.compile(r"^[一二三四五六七八九十]{0,2}\d{0,2}")
_FUZZY_CUTOFF = 88
_SUFFIX_FROM = 12

# (id of the schema table, label text) → matched row. Labels repeat across reports (every report
# prints the same few dozen), and trying each row's patterns in turn is the costly part. The
# schema tables are module constants, so their ids are stable; the cache is emptied when full.
_MATCHES: dict[tuple[int, str], schema.Row | None] = {}
_MATCHES_MAX = 65536
_CHOICES: dict[int, dict[str, schema.Row]] = {}


def match_label(spec: schema.Table, text: str) -> schema.Row | None:
    cache_key = (id(spec), text)
    try:
        return _MATCHES[cache_key]
    except KeyError:
        pass
    found = _match(spec, text)
    if len(_MATCHES) >= _MATCHES_MAX:
        _MATCHES.clear()
    _MATCHES[cache_key] = found
    return found


def _match(spec: schema.Table, text: str) -> schema.Row | None:
    key = label_key(text)
    if not key:
        return None
    found = _by_pattern(spec, key)
    if found is not None:
        return found
    bare = label_key(_PARENTHETICAL.sub("", nfkc(fold(text))))
    if bare and bare != key:
        found = _by_pattern(spec, bare)
        if found is not None:
            return found
    if len(bare) >= _SUFFIX_FROM:
        for size in range(2, _SUFFIX_FROM):
            found = _by_pattern(spec, bare[-size:])
            if found is not None:
                return found
    plain = _NUMBERING.sub("", bare)
    if len(plain) >= 4:
        choices = _choices(spec)
        best = process.extractOne(plain, choices.keys(), scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF)
        if best is not None:
            return choices[best[0]]
    return None


def _by_pattern(spec: schema.Table, key: str) -> schema.Row | None:
    return next((row for row in spec.match_order if row.regex.search(key)), None)


def _choices(spec: schema.Table) -> dict[str, schema.Row]:
    """The official label of each row, without its numbering, as fuzzy-match targets."""
    choices = _CHOICES.get(id(spec))
    if choices is None:
        choices = {}
        for row in spec.rows:
            choices.setdefault(_NUMBERING.sub("", label_key(_PARENTHETICAL.sub("", row.label))), row)
        _CHOICES[id(spec)] = choices
    return choices
