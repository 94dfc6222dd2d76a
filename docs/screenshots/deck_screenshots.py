"""Screenshots of the defence deck for the README: the sample (French) and a generated
profile with long texts (English), at 1280×720, in Debian's Chromium.

    .venv/bin/python docs/screenshots/deck_screenshots.py
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

import tests.conftest  # noqa: E402, F401 - first: tests.browser reads it
from tests.browser import launch  # noqa: E402
from tests.deck_profiles import build, deck_dir, maximal  # noqa: E402

SHOTS = Path(__file__).resolve().parent
SLIDES = ("title", "profile", "strengths", "improvements")
"""Slide types shot, each at its first slide (splits move the numbers)."""


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        sample = build(Path(folder) / "sample", None)
        # emoji left out: a machine without an emoji font draws them as empty boxes
        text = json.dumps(maximal(), ensure_ascii=False, default=str)
        other = build(
            Path(folder) / "other", json.loads(re.sub("[\U0001f300-\U0001faff\u2728]", "", text))
        )
        with sync_playwright() as playwright:
            browser = launch(playwright)
            page = browser.new_page(viewport={"width": 1280, "height": 720})
            for name, site, prefix, slides in (
                ("sample", sample, "", SLIDES),
                ("long-texts-en", other, "en/", ("title", "strengths")),
            ):
                page.goto((deck_dir(site, prefix) / "index.html").as_uri())
                for slide in slides:
                    number = page.evaluate(
                        "(type) => [...document.querySelectorAll('.deck-slides > .slide')]"
                        ".findIndex((s) => s.classList.contains('slide-' + type)) + 1",
                        slide,
                    )
                    page.evaluate(f"location.hash = '#{number}'")
                    page.screenshot(path=str(SHOTS / f"deck-{name}-{slide}.png"))
            page.goto((sample / "soutenance/index.html").as_uri() + "#3")
            page.keyboard.press("p")
            page.screenshot(path=str(SHOTS / "deck-sample-presenter.png"))
            browser.close()


if __name__ == "__main__":
    main()
