"""``gongkai corpus report``: the offline page on a small store whose figures are worked out below,
opened in Debian's headless Chromium (charts drawn, no request but the file itself, axe clean).

The store: nine county governments of three cities over 2021–2023 (Markdown rendered by the
project's renderer). 怀化市 and 岳阳市 have four counties each; 张家界市 has only 桑植县, whose 3 cases
a year are too few to rank (its region is named, not ranked). Findings: 辰溪县 carries in 2 in 2023
after carrying out 5 in 2022 (two carry_over warnings), 平江县 published its 2023 report on
2024-04-15 (late_publication, an error: the government's deadline is 03-31), 华容县 copied its 2022
narrative in 2023 (copied_previous_year). So the agencies with the most problems are, in order,
辰溪县 (2), 平江县 (1 error), 华容县 (1 warning).
"""

from __future__ import annotations

import random
import re
from datetime import date, datetime
from pathlib import Path

import pytest
from bench.corpus_data import narrative, rendered, report

from gongkai.cli import main
from gongkai.corpus import import_corpus

from .chromium import DESKTOP, PHONE, axe_source, horizontal_overflow, launch, require_chromium, serious_violations

SCREENSHOT = Path(__file__).resolve().parent.parent / "docs" / "corpus" / "report.png"
CITIES = {
    "怀化市": ("鹤城区", "中方县", "沅陵县", "辰溪县"),
    "岳阳市": ("岳阳楼区", "华容县", "湘阴县", "平江县"),
    "张家界市": ("桑植县",),
}
OUTCOMES = {  # cases of each county a year that are not granted, by city
    "怀化市": {"denied.third_party": 2, "unable.not_held": 3},
    "岳阳市": {"not_processed.duplicate": 2, "other.other": 1, "denied.state_secret": 1},
    "张家界市": {},
}
YEARS = (2021, 2022, 2023)


def build(folder: Path) -> tuple[Path, dict[int, int]]:
    """The reports and the roster; the new applications per year (for the trend chart)."""
    rng = random.Random(20)
    folder.mkdir(parents=True)
    roster = ["agency,parent,level,region,expected_from"]
    new_by_year = dict.fromkeys(YEARS, 0)
    for city, counties in CITIES.items():
        for county in counties:
            agency = f"{county}人民政府"
            roster.append(f"{agency},,county,{city},2021")
            text = narrative(rng)
            for year in YEARS:
                new = 3 if city == "张家界市" else rng.randint(12, 40) + 5 * (year - 2021)
                carried_out = 5 if (county, year) == ("辰溪县", 2023) else 0
                carried_in = 2 if (county, year) == ("辰溪县", 2023) else 0
                published = date(2024, 4, 15) if (county, year) == ("平江县", 2023) else None
                if not (county == "华容县" and year == 2023):
                    text = narrative(rng)
                doc = report(agency, year, new=new, carried_in=carried_in, carried_out=carried_out, sections=text,
                             outcomes=OUTCOMES[city], published=published)
                (folder / f"{county}-{year}.md").write_bytes(rendered(doc))
                new_by_year[year] += new
    roster_path = folder.parent / "roster.csv"
    roster_path.write_text("\n".join(roster) + "\n", encoding="utf-8")
    return roster_path, new_by_year


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    root = tmp_path_factory.mktemp("report")
    roster, new_by_year = build(root / "reports")
    db = str(root / "corpus.duckdb")
    summary = import_corpus([str(root / "reports")], db, jobs=2, roster=str(roster), show_progress=False)
    assert (summary.read, summary.failed) == (27, 0)
    from gongkai.corpus import page as pages

    path = Path(pages.write(db, str(root / "out"), now=datetime(2024, 6, 1, 9, 0)))
    return path, new_by_year


def test_the_command_writes_one_page_and_its_data(page, tmp_path):
    path, _ = page
    db = str(path.parent.parent / "corpus.duckdb")
    assert main(["corpus", "report", "--db", db, "-o", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data.json", "index.html"]


def test_the_page_holds_everything_it_shows(page):
    html = page[0].read_text("utf-8")
    assert "<script" not in html and "<link" not in html and "<img" not in html
    assert not re.search(r"""(?:src|href)\s*=|url\(|@import|https?://(?!www\.w3\.org/2000/svg)""", html)
    assert "Content-Security-Policy\" content=\"default-src 'none'" in html
    assert html.count("<svg") == 5  # new applications, disclosure rate, regions, agencies, rules


def test_rankings_carry_their_definitions_and_hide_groups_too_small_to_rank(page):
    html = page[0].read_text("utf-8")
    regions = re.search(r'<svg class="chart" id="chart-regions".*?</svg>', html).group(0)
    assert "怀化市" in regions and "岳阳市" in regions and "张家界市" not in regions
    assert "样本过少而未排名的地区 1 个：张家界市" in html
    # 怀化市: 5 of each county's cases are not granted, 岳阳市: 4, on similar totals: 岳阳市 ranks first.
    assert regions.index("岳阳市") < regions.index("怀化市")
    for term in ("公开率", "样本下限", "问题最多的机关", "雷同"):
        assert f"<dt>{term}</dt>" in html
    assert "（予以公开 + 部分公开）÷ 办理结果总计" in html


def test_the_agencies_with_the_most_findings_come_first(page):
    html = page[0].read_text("utf-8")
    chart = re.search(r'<svg class="chart" id="chart-agencies".*?</svg>', html).group(0)
    names = re.findall(r"<title>([^<：]+)：\d+</title>", chart)
    assert names == ["辰溪县人民政府", "平江县人民政府", "华容县人民政府"]
    pairs = html[html.index('id="pairs"'):]
    assert "华容县人民政府 2023（华容县-2023.md）" in pairs and "与往年雷同" in pairs


def test_the_page_in_chromium_draws_its_charts_fetches_nothing_and_passes_axe(page):
    require_chromium()
    from playwright.sync_api import sync_playwright

    path, new_by_year = page
    url = path.as_uri()
    axe = axe_source()
    with sync_playwright() as p:
        browser = launch(p)
        try:
            # The page's own Content-Security-Policy would block any fetch (and axe's injected script):
            # bypassed here, so that a reference to anything outside the file would show as a request.
            tab = browser.new_page(viewport=DESKTOP, bypass_csp=True)
            requests: list[str] = []
            tab.on("request", lambda r: requests.append(r.url))
            tab.goto(url)
            tab.wait_for_load_state("networkidle")
            assert requests == [url]
            marks = {key: tab.locator(f"svg#{key} .mark").count() for key in (
                "chart-new", "chart-rate", "chart-regions", "chart-agencies", "chart-rules")}
            # A column per year; a point per year (every year has ≥ 30 cases); 2 regions × 5 outcomes,
            # minus the outcomes a region has none of (怀化市: 不予处理, 其他处理; 岳阳市: 无法提供).
            assert marks == {"chart-new": 3, "chart-rate": 3, "chart-regions": 7, "chart-agencies": 3,
                             "chart-rules": marks["chart-rules"]} and marks["chart-rules"] >= 3
            titles = tab.locator("svg#chart-new .mark title").all_text_contents()
            assert titles == [f"{y}：{n:,}" for y, n in new_by_year.items()]
            box = tab.locator("svg#chart-regions").bounding_box()
            assert box["width"] > 600 and box["height"] > 60  # drawn at its size, not collapsed
            assert serious_violations(tab, axe) == []
            SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
            tab.screenshot(path=str(SCREENSHOT), full_page=True)
            tab.set_viewport_size(PHONE)
            tab.reload()
            assert serious_violations(tab, axe) == []
            assert horizontal_overflow(tab) <= 0
        finally:
            browser.close()
