"""Debian's headless Chromium driven by Playwright, and axe-core: shared by every browser test.

Playwright's own browser download cannot work offline, so the tests launch /usr/bin/chromium (the
Debian package that scripts/setup.sh installs). On CI a missing Chromium fails the run instead of
skipping the browser tests silently.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from .needs import missing

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-quic"]
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}


def require_chromium() -> None:
    if not Path(CHROMIUM).exists():
        missing(f"Chromium is not installed at {CHROMIUM} (Debian package chromium, in scripts/apt-packages.txt)")


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def axe_source() -> str:
    return (resources.files("axe_playwright_python") / "axe.min.js").read_text("utf-8")


def serious_violations(page, axe: str) -> list[tuple]:
    """axe-core's serious and critical violations on the page as loaded: (rule, impact, first targets)."""
    page.add_script_tag(content=axe)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


def horizontal_overflow(page) -> int:
    """Pixels the page scrolls sideways (wide tables must scroll inside their own box instead)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
