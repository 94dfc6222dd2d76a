"""Headless Chromium (Debian's system package) driven by Playwright, for browser tests.

Skipped on a workstation without Chromium; in CI (CI=true) a missing browser fails.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import IN_CI

CHROMIUM = Path("/usr/bin/chromium")
PLAYWRIGHT_DISABLED = (
    "AvoidUnnecessaryBeforeUnloadCheckSync",
    "DestroyProfileOnBrowserClose",
    "HttpsUpgrades",
    "HttpsFirstBalancedModeAutoEnable",
    "LensOverlay",
    "MediaRouter",
    "PaintHolding",
    "ThirdPartyStoragePartitioning",
    "AvoidCorsURLLoaderRestartOnRedirect",
    "TcpPortRandomizationWin",
    "OptimizationHints",
    "NetworkTimeServiceQuerying",
    "AimEnabled",
    "PreconnectToSearch",
)
"""The features Playwright's own `--disable-features` turns off (no query to outside servers
at start-up, no HTTPS upgrade...): Chromium reads one `--disable-features`, the last, so
ours repeats them (`test_browser_switches.py` fails when Playwright adds one)."""
DISABLED_FEATURES = (
    *PLAYWRIGHT_DISABLED,
    # a page's navigation to the next keeps its frame (Chromium otherwise makes a new one
    # for each document): the suite loads hundreds of pages in a row in one tab; measured,
    # 5–7 % less of the browser modules' CPU (tests see the same pages, laid out the same)
    "RenderDocument",
)
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-features=" + ",".join(DISABLED_FEATURES),
]


def launch(playwright):
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)


@pytest.fixture(scope="session")
def chromium():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - dev extra not installed
        if IN_CI:
            pytest.fail("playwright is not installed")
        pytest.skip("playwright is not installed")
    if not CHROMIUM.exists():
        if IN_CI:
            pytest.fail(f"{CHROMIUM} is missing in CI: install Debian's chromium package")
        pytest.skip(f"{CHROMIUM} not found (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


class RequestLog:
    """Every request a page makes, and the ones that failed."""

    def __init__(self, page) -> None:
        self.urls: list[str] = []
        self.failed: list[str] = []
        page.on("request", lambda request: self.urls.append(request.url))
        page.on("requestfailed", self._failed)

    def _failed(self, request) -> None:
        # Chromium aborts a srcset candidate it no longer needs (another one was picked,
        # often from its memory cache): not a failure; broken images are checked on the page
        if request.failure != "net::ERR_ABORTED":
            self.failed.append(f"{request.url} {request.failure}")

    @property
    def outside(self) -> list[str]:
        return [url for url in self.urls if not url.startswith(("file://", "data:", "about:"))]


def show(page, number: int) -> None:
    """Go to slide `number` of the deck open in `page`, once it is the active one."""
    page.evaluate(f"location.hash = '#{number}'")
    page.wait_for_function(f"document.querySelector('.slide.active').id === 'slide-{number}'")


EVERY_SLIDE = """async () => {
  const measure = %s;
  const found = [];
  const total = document.querySelectorAll('.deck-slides > .slide').length;
  for (let number = 1; number <= total; number++) {
    if (location.hash !== '#' + number) {  // the deck shows it on the change, as `show` asks
      const changed = new Promise((done) => addEventListener('hashchange', done, {once: true}));
      location.hash = '#' + number;
      await changed;
    }
    const slide = document.querySelector('.deck-slides > .slide.active');
    if (slide.id !== 'slide-' + number) throw new Error(`slide ${number} is not the active one`);
    found.push(measure(slide));
  }
  return found;
}"""


def every_slide(page, measure: str) -> list:
    """`measure` (a JavaScript function of the active slide) on each slide of the deck open
    in `page`, from the first, each shown as `show` shows it: in one call, not two or three
    per slide."""
    return page.evaluate(EVERY_SLIDE % measure)
