"""Screenshots of the main public pages at phone and desktop width, for docs/portal/ (looked at by a person).

Seeds the demo county into a throw-away SQLite database (GONGKAI_TODAY fixed, so the pictures do
not change from day to day), serves it with gunicorn on a free loopback port, and photographs each
page in Debian's headless Chromium. Run: .venv/bin/python scripts/portal-screenshots.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "portal"
TODAY = "2025-11-20"
PAGES = {
    "county": "/zfxxgk/",
    "agency": "/zfxxgk/county/",
    "catalogue": "/zfxxgk/county/catalogue/",
    "search": "/zfxxgk/county/search/?q=预算",
    "document": None,  # the newest published document of the county, found below
    "apply": "/zfxxgk/county/apply/",
    "report": "/zfxxgk/county/reports/2024/",
}
WIDTHS = {"phone": {"width": 375, "height": 812}, "desktop": {"width": 1280, "height": 900}}


def main() -> None:
    from tests.chromium import launch

    var = tempfile.mkdtemp(prefix="gongkai-shots-")
    env = {**os.environ, "GONGKAI_VAR": var, "GONGKAI_TODAY": TODAY, "DJANGO_SETTINGS_MODULE": "gongkai.web.settings"}
    py = [sys.executable, "-m", "gongkai.web"]
    subprocess.run([*py, "migrate", "-v0"], env=env, check=True)
    subprocess.run([*py, "seed_demo"], env=env, check=True, stdout=subprocess.DEVNULL)
    os.environ.update(env)
    import django

    django.setup()
    from django.urls import reverse

    from gongkai.web.disclosures.models import Document

    doc = Document.objects.filter(agency__code="county", public_version__isnull=False,
                                  withdrawn_on__isnull=True).order_by("-published_on").first()
    PAGES["document"] = reverse("portal_document", args=["county", doc.index_number])
    port = "8765"
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "gongkai.web.wsgi:application", "-w", "2",
                               "-b", f"127.0.0.1:{port}", "--log-level", "warning"], env=env)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(60):
            try:
                urllib.request.urlopen(base + "/zfxxgk/", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        from playwright.sync_api import sync_playwright

        OUT.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as p:
            browser = launch(p)
            for label, viewport in WIDTHS.items():
                page = browser.new_page(viewport=viewport, locale="zh-CN")
                for name, path in PAGES.items():
                    page.goto(base + path)
                    target = OUT / f"{name}-{label}.png"
                    page.screenshot(path=str(target), full_page=name != "report")
                    print(target.relative_to(ROOT))
                page.close()
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
