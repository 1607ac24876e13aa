"""信息处理费 under 国办函〔2020〕109号, by either scale, with the calculation shown band by band.

A fee is charged only when an applicant's requests go beyond a reasonable volume; whether to charge,
and which of the two scales to use for an application, is the agency's decision and is not made here.
Both scales are progressive (超额累进): each page or application is priced by the band it falls in,
like income tax, so the amount is a sum over bands. Amounts are whole yuan, kept as ``int``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from . import messages as M
from .errors import ClockError

PER_PAGE = "per_page"
PER_APPLICATION = "per_application"

# (first page, last page or None for open-ended, yuan per page)
PAGE_BANDS: tuple[tuple[int, int | None, int], ...] = (
    (1, 30, 0),
    (31, 100, 10),
    (101, 200, 20),
    (201, None, 40),
)

FREE_APPLICATIONS = 10  # per applicant per calendar month
FIRST_PAID_LAST = 30  # applications 11–30 cost FIRST_PAID_PRICE each
FIRST_PAID_PRICE = 100
BAND_WIDTH = 10  # from 31 on, each band of 10 costs 100 元 more per application than the one before
BAND_STEP = 100


@dataclass(frozen=True, slots=True)
class FeeBand:
    low: int
    high: int  # last unit of the band actually charged (not the band's nominal end)
    open_ended: bool
    unit_price: int

    @property
    def count(self) -> int:
        return self.high - self.low + 1

    @property
    def amount(self) -> int:
        return self.count * self.unit_price

    def to_json(self) -> dict[str, Any]:
        return {"from": self.low, "to": self.high, "count": self.count, "unit_price": self.unit_price,
                "amount": self.amount}


@dataclass(frozen=True)
class FeeCalculation:
    scale: str  # PER_PAGE or PER_APPLICATION
    quantity: int
    bands: tuple[FeeBand, ...]

    # 按件计收 of one application: its rank in the applicant's month (None: a whole month's total).
    rank: int | None = None

    @property
    def total(self) -> int:
        return sum(b.amount for b in self.bands)

    def explanation(self) -> list[str]:
        unit = M.FEE_UNITS[self.scale]
        if self.rank is not None:
            b = self.bands[0]
            band_low, band_high, _ = application_band(self.rank)
            return [M.FEE_RANK.format(rank=self.rank, low=band_low, high=band_high, price=b.unit_price),
                    M.FEE_ONE.format(rank=self.rank, price=b.unit_price, amount=f"{b.amount:,}")
                    + (M.FEE_FREE if b.unit_price == 0 else ""),
                    M.FEE_TOTAL.format(scale=M.FEE_SCALES[self.scale], quantity=1, unit=unit,
                                       total=f"{self.total:,}")]
        lines = []
        for b in self.bands:
            # An open-ended band shows its actual last unit: "第 201–2219 页" is what the notice must say.
            line = M.FEE_BAND.format(low=b.low, high=b.high, unit=unit, count=b.count, price=b.unit_price,
                                   amount=f"{b.amount:,}")
            if b.unit_price == 0:
                line += M.FEE_FREE
            lines.append(line)
        lines.append(M.FEE_TOTAL.format(scale=M.FEE_SCALES[self.scale], quantity=f"{self.quantity:,}", unit=unit,
                                        total=f"{self.total:,}"))
        return lines

    def explain(self) -> str:
        return "\n".join(self.explanation())

    def to_json(self) -> dict[str, Any]:
        return {"scale": self.scale, "quantity": self.quantity, "total": self.total,
                "bands": [b.to_json() for b in self.bands], "explanation": self.explanation()}


def _check_count(count: int) -> None:
    if isinstance(count, bool) or not isinstance(count, int) or count < 0:
        raise ClockError("bad_count", f"count must be an int >= 0, got {count!r}", count=count)


def _clip(bands: Iterable[tuple[int, int | None, int]], quantity: int) -> tuple[FeeBand, ...]:
    out = []
    for low, high, price in bands:
        if quantity < low:
            break
        last = quantity if high is None else min(high, quantity)
        out.append(FeeBand(low, last, high is None, price))
    return tuple(out)


def per_page_fee(pages: int) -> FeeCalculation:
    """按量计收: pages 1–30 free, 31–100 at 10 元, 101–200 at 20 元, above 200 at 40 元 a page."""
    _check_count(pages)
    return FeeCalculation(PER_PAGE, pages, _clip(PAGE_BANDS, pages))


def application_band(ordinal: int) -> tuple[int, int, int]:
    """(first, last, price) of the band holding the ``ordinal``-th application of the month (1-based)."""
    if ordinal < 1:
        raise ClockError("bad_count", f"application ordinal must be >= 1, got {ordinal!r}", count=ordinal)
    if ordinal <= FREE_APPLICATIONS:
        return 1, FREE_APPLICATIONS, 0
    if ordinal <= FIRST_PAID_LAST:
        return FREE_APPLICATIONS + 1, FIRST_PAID_LAST, FIRST_PAID_PRICE
    k = (ordinal - FIRST_PAID_LAST - 1) // BAND_WIDTH  # 0 for 31–40, 1 for 41–50, ...
    low = FIRST_PAID_LAST + 1 + k * BAND_WIDTH
    return low, low + BAND_WIDTH - 1, FIRST_PAID_PRICE + (k + 1) * BAND_STEP


def application_unit_fee(ordinal: int) -> int:
    """Fee for the ``ordinal``-th application one applicant made in one calendar month."""
    return application_band(ordinal)[2]


def per_application_fee(applications: int) -> FeeCalculation:
    """按件计收 for ``applications`` made by one applicant in one calendar month, all bands summed."""
    _check_count(applications)
    bands = []
    n = 1
    while n <= applications:
        low, high, price = application_band(n)
        bands.append(FeeBand(low, min(high, applications), False, price))
        n = high + 1
    return FeeCalculation(PER_APPLICATION, applications, tuple(bands))


def application_fee(rank: int) -> FeeCalculation:
    """按件计收 of one application, the ``rank``-th of its applicant's calendar month, on its own band.

    Why not ``per_application_fee(rank)``: that is the month's cumulative total over all bands, which
    would bill the 31st application 2,200 元 instead of the 200 元 of its own band.
    """
    price = application_band(rank)[2]
    return FeeCalculation(PER_APPLICATION, 1, (FeeBand(rank, rank, False, price),), rank=rank)


def ordinal_in_month(earlier: Iterable[dt.date], received: dt.date) -> int:
    """Which application of its calendar month this is, given the same applicant's other receipt dates.

    Counting is per applicant and per calendar month (not a rolling 30 days), so only dates in the
    same year and month up to and including ``received`` count; the caller passes the dates of that one
    applicant's applications (excluding this one).
    """
    same = sum(1 for d in earlier if (d.year, d.month) == (received.year, received.month) and d <= received)
    return same + 1
