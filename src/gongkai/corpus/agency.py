"""The issuer's name normalised into an agency key that stays the same from year to year.

Why conservative: a wrong merge silently mixes two agencies' figures and invents carry-over and copy
findings, while a missed merge only leaves a gap the roster can close (its ``aliases`` column). So
the normaliser only folds variations that never change which body is meant:

- Unicode compatibility forms (full-width letters and digits), traditional characters (OpenCC ``t2s``),
  spaces, dots and quotes;
- bracketed annotations, e.g. ``（本级）``, ``(县政务公开办)``;
- ``政府`` after a place name is ``人民政府`` (``鹤城区政府`` → ``鹤城区人民政府``), also before
  ``办公室``/``办公厅``;
- a bare place name is that place's government (``朗县`` → ``朗县人民政府``; ``XX街道`` → ``XX街道办事处``),
  except the zones run by a 管委会 (``开发区``, ``园区``...).

It does NOT strip the ``人民政府办公室`` of a government's general office (the office is an agency of
its own that may publish its own report), nor drop leading province or city names (``怀化市鹤城区``
vs ``鹤城区``): both are left to the roster, which matches a name to the one roster agency whose name
ends with it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import opencc

_T2S = opencc.OpenCC("t2s")
_BRACKETS = re.compile(r"[（(【\[〔][^）)】\]〕]*[）)】\]〕]")
_NOISE = re.compile(r"[\s·•・.。,，、:：;；\"'“”‘’《》<>「」『』]+")
_PLACE = "省|自治区|市|州|盟|县|区|旗|乡|镇"
_SHORT_GOVERNMENT = re.compile(rf"({_PLACE})政府((?:办公室|办公厅)?)$")
_BARE_PLACE = re.compile(rf"(?:{_PLACE})$")
_BARE_STREET = re.compile(r"街道$")
# Zones run by an administrative committee (管委会), not by a people's government.
_ZONES = ("开发区", "园区", "示范区", "景区", "保护区", "试验区", "合作区")
_MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")
# A city's own name may end in 州 (杭州市): 州 and 盟 only close a region as 自治州 or after a region.
_REGION = re.compile(r"^(.{2,}?(?:省|自治区|市|县|旗)|.{2,}?(?:自治州|盟|地区))")


@lru_cache(maxsize=65536)
def normalise(issuer: str | None) -> str | None:
    """The agency key of an issuer's name as written, or None when there is no usable name."""
    if not issuer:
        return None
    name = _T2S.convert(unicodedata.normalize("NFKC", issuer))
    name = _NOISE.sub("", _BRACKETS.sub("", name))
    if not name:
        return None
    name = _SHORT_GOVERNMENT.sub(r"\1人民政府\2", name)
    if _BARE_STREET.search(name):
        name += "办事处"
    elif _BARE_PLACE.search(name) and len(name) >= 2 and not name.endswith(_ZONES):
        name += "人民政府"
    return name


def level(agency: str | None) -> str:
    """``province``, ``city``, ``county``, ``township`` or ``department``, read from the normalised name."""
    if not agency:
        return "department"
    if agency.endswith("街道办事处") or re.search(r"(乡|镇|苏木)人民政府$", agency):
        return "township"
    if agency.endswith("人民政府"):
        place = agency[: -len("人民政府")]
        if place in _MUNICIPALITIES or place.endswith(("省", "自治区")):
            return "province"
        if place.endswith(("市", "州", "盟")):
            return "city"
        if place.endswith(("县", "区", "旗")):
            return "county"
    return "department"


def region(agency: str | None) -> str | None:
    """The first place named in the agency key (``北京市东城区人民政府办公室`` → ``北京市``): a stand-in
    for the roster's region when the agency is not in a roster."""
    if not agency:
        return None
    found = _REGION.match(agency)
    return found.group(1) if found else None
