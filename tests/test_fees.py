"""信息处理费 (国办函〔2020〕109号) by both scales, checked against hand calculations."""

import datetime as dt

import pytest

from gongkai.clock import ClockError
from gongkai.clock.fees import (
    application_band,
    application_unit_fee,
    ordinal_in_month,
    per_application_fee,
    per_page_fee,
)


def test_the_published_case_2219_pages():
    # A real fee notice: 2219 pages -> 83,460 元. By hand:
    # pages 1-30 free; 31-100: 70 x 10 = 700; 101-200: 100 x 20 = 2,000; 201-2219: 2019 x 40 = 80,760;
    # 0 + 700 + 2,000 + 80,760 = 83,460.
    fee = per_page_fee(2219)
    assert fee.total == 83_460
    assert [(b.low, b.high, b.count, b.unit_price, b.amount) for b in fee.bands] == [
        (1, 30, 30, 0, 0),
        (31, 100, 70, 10, 700),
        (101, 200, 100, 20, 2_000),
        (201, 2219, 2019, 40, 80_760),
    ]
    assert fee.explanation() == [
        "第 1–30 页：30 页 × 0 元 = 0 元（免费）",
        "第 31–100 页：70 页 × 10 元 = 700 元",
        "第 101–200 页：100 页 × 20 元 = 2,000 元",
        "第 201–2219 页：2019 页 × 40 元 = 80,760 元",
        "按量计收，共 2,219 页，合计 83,460 元。",
    ]
    assert fee.to_json()["total"] == 83_460


@pytest.mark.parametrize(("pages", "total"), [
    (0, 0),
    (30, 0),  # all free
    (31, 10),  # one page at 10
    (100, 700),  # 70 x 10
    (101, 720),  # 700 + 1 x 20
    (200, 2_700),  # 700 + 100 x 20
    (201, 2_740),  # 2,700 + 1 x 40
    (250, 4_700),  # 2,700 + 50 x 40
])
def test_page_band_boundaries(pages, total):
    assert per_page_fee(pages).total == total


@pytest.mark.parametrize(("ordinal", "band", "price"), [
    (1, (1, 10), 0),
    (10, (1, 10), 0),  # 1-10 free
    (11, (11, 30), 100),
    (30, (11, 30), 100),  # 11-30 at 100
    (31, (31, 40), 200),
    (40, (31, 40), 200),  # 31-40 at 200
    (41, (41, 50), 300),
    (50, (41, 50), 300),  # 41-50 at 300
    (51, (51, 60), 400),
    (61, (61, 70), 500),  # each band of 10 costs 100 more than the one before
])
def test_per_application_bands(ordinal, band, price):
    assert application_band(ordinal) == (*band, price)
    assert application_unit_fee(ordinal) == price


@pytest.mark.parametrize(("applications", "total"), [
    (0, 0),
    (10, 0),
    (11, 100),  # the 11th
    (30, 2_000),  # 20 x 100
    (31, 2_200),  # 2,000 + 200
    (40, 4_000),  # 2,000 + 10 x 200
    (45, 5_500),  # 4,000 + 5 x 300
    (50, 7_000),  # 4,000 + 10 x 300
    (51, 7_400),  # 7,000 + 400
])
def test_per_application_totals(applications, total):
    assert per_application_fee(applications).total == total


def test_per_application_calculation_is_shown():
    assert per_application_fee(45).explanation() == [
        "第 1–10 件：10 件 × 0 元 = 0 元（免费）",
        "第 11–30 件：20 件 × 100 元 = 2,000 元",
        "第 31–40 件：10 件 × 200 元 = 2,000 元",
        "第 41–45 件：5 件 × 300 元 = 1,500 元",
        "按件计收，共 45 件，合计 5,500 元。",
    ]


def test_ordinal_counts_one_calendar_month_only():
    earlier = [dt.date(2025, 2, 28)] + [dt.date(2025, 3, d) for d in range(1, 11)] + [dt.date(2025, 3, 30)]
    # Ten earlier applications in March up to the 20th (02-28 is last month, 03-30 is later): the 11th.
    n = ordinal_in_month(earlier, dt.date(2025, 3, 20))
    assert n == 11 and application_unit_fee(n) == 100
    assert ordinal_in_month([], dt.date(2025, 3, 20)) == 1


@pytest.mark.parametrize("bad", [-1, 1.5, True])
def test_bad_counts_are_refused(bad):
    with pytest.raises(ClockError):
        per_page_fee(bad)
    with pytest.raises(ClockError):
        per_application_fee(bad)
