"""The Book in headless Chromium, opened from file://: layout, requests, links, contrast."""

from __future__ import annotations

from pathlib import Path

import pytest

from profile_gen.app.build import run_pelican
from profile_gen.profile import colors
from tests.browser import RequestLog
from tests.conftest import copy_sample

CONTRAST_JS = """
() => {
  const parse = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const ch = [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2];
  };
  const background = (el) => {
    for (; el; el = el.parentElement) {
      const c = parse(getComputedStyle(el).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0.99)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const worst = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const el = node.parentElement;
    if (!node.textContent.trim() || !el.getClientRects().length) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || el.closest('svg') || el.closest('.visually-hidden')) continue;
    if (el.closest('.skip-link')) continue;
    const fg = parse(style.color).slice(0, 3), bg = background(el);
    const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    const ratio = (a + 0.05) / (b + 0.05);
    const large = parseFloat(style.fontSize) >= 24 || (parseFloat(style.fontSize) >= 18.6 && parseInt(style.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5)) worst.push(`${ratio.toFixed(2)} ${el.tagName}.${el.className}: ${node.textContent.trim().slice(0, 30)}`);
  }
  return worst;
}
"""


@pytest.fixture
def site(sample_site) -> Path:
    return sample_site


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


WIDTHS = (320, 375, 1280, 1920)
AT_WIDTH = """async () => {
  const loading = [...document.images].filter((i) => i.loading !== 'lazy' && !i.complete);
  const loaded = Promise.all(loading.map((i) => new Promise((done) => {
    i.addEventListener('load', done, {once: true});
    i.addEventListener('error', done, {once: true});
  })));
  await Promise.race([loaded, new Promise((done) => setTimeout(done, 30000))]);  // else: broken
  const root = document.documentElement;
  return [[root.scrollWidth, root.clientWidth],
          [...document.images].filter((i) => i.loading !== 'lazy' && !(i.complete && i.naturalWidth)).map((i) => i.src)];
}"""
"""At a width: once every image not lazy loaded is loaded, or broken (what the load event
waits for, again after a resize: a `srcset` may pick another file for the new width), the
page's scroll and client widths and its broken images, in one call."""


@pytest.fixture(scope="module")
def readings(chromium, sample_site) -> dict:
    """Every page of the sample's Book loaded once at 1280 × 800 and read: its texts'
    contrast light and dark, then at each width (resized) its scroll width and broken
    images; the requests of them all. The 404 pages (their links and styles point at the
    public address) are read for contrast only, after."""
    context = chromium.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    log = RequestLog(page)
    found: dict = {"contrast": {}, "scroll": {}, "broken": {}}

    def contrast(path: Path) -> None:  # the page is light when loaded, and left light
        found["contrast"][path, "light"] = page.evaluate(CONTRAST_JS)
        page.emulate_media(color_scheme="dark")
        found["contrast"][path, "dark"] = page.evaluate(CONTRAST_JS)
        page.emulate_media(color_scheme="light")

    not_found = [path for path in pages(sample_site) if path.name == "404.html"]
    for path in pages(sample_site):
        if path in not_found:
            continue
        page.set_viewport_size({"width": 1280, "height": 800})
        page.goto(path.as_uri())
        contrast(path)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 800})
            found["scroll"][path, width], found["broken"][path, width] = page.evaluate(AT_WIDTH)
    found["requests"] = (list(log.urls), log.outside, list(log.failed))
    page.set_viewport_size({"width": 1280, "height": 800})
    for path in not_found:
        page.goto(path.as_uri())
        contrast(path)
    context.close()
    return found


def test_no_horizontal_scroll_and_no_outside_request(readings):
    """Every page at each width, from a phone's to a wide screen's."""
    assert {width for _, width in readings["scroll"]} == set(WIDTHS)
    for (path, width), (scroll, client) in readings["scroll"].items():
        assert scroll <= client, f"{path} overflows at {width}px ({scroll} > {client})"
        assert readings["broken"][path, width] == [], (path, width)
    urls, outside, failed = readings["requests"]
    assert outside == []
    assert failed == []
    assert any(url.endswith("book.css") for url in urls)


def test_text_contrast_meets_wcag_aa(readings, site):
    """Every page, light and dark."""
    assert {path for path, _ in readings["contrast"]} == set(pages(site))
    for (path, scheme), worst in readings["contrast"].items():
        assert worst == [], (path, scheme)


def test_links_work_from_file_urls(chromium, site):
    page = chromium.new_page()
    page.goto((site / "index.html").as_uri())
    page.get_by_role("navigation", name="Pages du Book").get_by_role(
        "link", name="Parcours"
    ).click()
    assert page.url.endswith("/parcours/index.html")
    assert page.locator("h1").inner_text() == "Parcours professionnel"
    page.locator(".lang-switch a[hreflang=en]").click()
    assert page.url.endswith("/en/path/index.html")
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("navigation", name="Book pages").get_by_role(
        "link", name="Achievements"
    ).click()
    page.get_by_role("link", name="ERP migration to SaaS").click()
    assert page.url.endswith("/en/achievements/migration-erp/index.html")
    assert page.evaluate("document.querySelector('picture img') === null")
    page.close()


def test_photo_loads(chromium, site):
    page = chromium.new_page(viewport={"width": 1280, "height": 800})
    page.goto((site / "index.html").as_uri())
    natural = page.evaluate("document.querySelector('img.portrait').naturalWidth")
    assert natural >= 160
    page.close()


def test_skip_link_appears_on_focus(chromium, site):
    page = chromium.new_page()
    page.goto((site / "parcours/index.html").as_uri())
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip-link"
    assert page.locator(".skip-link").bounding_box()["y"] >= 0
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.close()


def test_print_stylesheet_hides_navigation(chromium, site):
    page = chromium.new_page()
    page.goto((site / "index.html").as_uri())
    page.emulate_media(media="print")
    assert page.locator(".site-nav").is_hidden()
    family = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "Times New Roman" in family
    page.close()


ORANGE = "#ce430c"  # accepted by a hair: 4.54:1 on the light background


@pytest.fixture(scope="module")
def orange_site(tmp_path_factory) -> Path:
    root = copy_sample(
        tmp_path_factory.mktemp("orange"),
        "  name: Léa Moreau\n",
        f'  name: Léa Moreau\n  color: "{ORANGE}"\n',
    )
    return run_pelican(root / "pelican.conf.py", pdf=False).output


def test_a_chosen_colour_keeps_the_contrast(chromium, orange_site):
    """Light and dark: each page loaded once, read in each scheme."""
    context = chromium.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    for path in (
        "index.html",
        "competences/index.html",
        "realisations/index.html",
        "profil/index.html",
        "soutenance/index.html",
    ):
        page.goto((orange_site / path).as_uri())
        for scheme in ("light", "dark"):
            page.emulate_media(color_scheme=scheme)
            if path.startswith("soutenance/"):
                heading = page.evaluate(
                    "getComputedStyle(document.querySelector('.slide h2')).color"
                )
                assert heading == "rgb(206, 67, 12)", scheme  # the deck speaks the same colour
                continue
            assert page.evaluate(CONTRAST_JS) == [], (path, scheme)
            accent = page.evaluate(
                "getComputedStyle(document.documentElement).getPropertyValue('--accent').trim()"
            )
            assert accent == (ORANGE if scheme == "light" else colors.dark_variant(ORANGE))
    context.close()
