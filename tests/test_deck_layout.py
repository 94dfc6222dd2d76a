"""The deck on a projector, measured in Chromium: at 1280×720, 1920×1080 and 1024×768, for
the sample and generated profiles, no content leaves its slide or is cut off, no slide leaves
most of its height empty, the navigation never covers the content, the layout does not shift
after load, and the English deck's Book QR code leads to the English Book."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import every_slide, show
from tests.conftest import DECK_GROUP
from tests.deck_profiles import deck_dir

pytestmark = DECK_GROUP  # the builds: `deck_html_site`
SIZES = [(1280, 720), (1920, 1080), (1024, 768)]
PROFILES = ["sample", "maximal", "minimal-en"]


@pytest.fixture(scope="module")
def sites(sample_site, deck_html_site) -> dict[str, Path]:
    """Each profile's Book, HTML only: the sample's, the deck profiles' (shared with
    tests/test_deck_fit.py)."""
    return {
        "sample": sample_site,
        "maximal": deck_html_site("maximal"),
        "minimal-en": deck_html_site("minimal_english"),
    }


def deck_url(site: Path, prefix: str = "") -> str:
    return (deck_dir(site, prefix) / "index.html").as_uri()


MEASURE = """() => {
  const slide = document.querySelector('.deck-slides > .slide.active');
  const box = (e) => e.getBoundingClientRect();
  const s = box(slide);
  const body = box(slide.querySelector('.slide-body'));
  const visible = (e) => { const r = box(e); return r.width > 0 && r.height > 0
      && getComputedStyle(e).visibility !== 'hidden'; };
  const all = [...slide.querySelectorAll('.slide-body *, .slide-footer *')].filter(visible);
  const outside = all.filter((e) => { const r = box(e);
      return r.left < s.left - 1 || r.top < s.top - 1 || r.right > s.right + 1 || r.bottom > s.bottom + 1; })
    .map((e) => e.tagName + '.' + e.className);
  // cut off: a box that hides part of its content (no text is clamped: see test_deck_fit)
  const cut = all.filter((e) => getComputedStyle(e).overflow !== 'visible'
      && (e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1))
    .map((e) => e.tagName + '.' + e.className + ' ' + e.scrollHeight + '>' + e.clientHeight);
  const leaves = [...slide.querySelectorAll('.slide-body *')].filter(visible)
    .filter((e) => e.matches('img, svg, .missing') || !e.children.length)
    .filter((e) => !e.closest('svg') || e.matches('svg'));
  // spilled: a text of a row (a strength, an action plan) past its row, over the next one
  const spill = leaves.filter((e) => { const row = e.closest('.plan-list > li, .grid-list > li');
      if (!row) return false; const r = box(e), w = box(row);
      return r.bottom > w.bottom + 1 || r.top < w.top - 1; })
    .map((e) => e.tagName + '.' + e.className + ' ' + e.textContent.slice(0, 30));
  const top = Math.min(...leaves.map((e) => box(e).top));
  const bottom = Math.max(...leaves.map((e) => box(e).bottom));
  const nav = [...document.querySelectorAll('.deck-nav button')].map(box);
  const content = [...slide.querySelectorAll('.slide-body *, .slide-footer span')].filter(visible)
    .filter((e) => !e.children.length || e.matches('img, svg')).map(box);
  const hit = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  const covered = content.filter((c) => nav.some((n) => hit(n, c))).length;
  return {slide: [s.left, s.top, s.right, s.bottom], outside, cut, covered, spill,
          filled: (bottom - top) / body.height, type: slide.className,
          offset: ((top + bottom) / 2 - (body.top + body.bottom) / 2) / body.height};
}"""


@pytest.mark.parametrize("profile", PROFILES)
def test_slides_fill_their_canvas_without_overflow(chromium, sites, profile):
    """At each size (one page, resized: the slides' layout is CSS only), every slide."""
    page = chromium.new_page()
    page.goto(deck_url(sites[profile]))
    for size in SIZES:
        width, height = size
        page.set_viewport_size({"width": width, "height": height})
        slides = every_slide(page, MEASURE)
        assert len(slides) >= 7
        for number, found in enumerate(slides, start=1):
            where = (profile, size, number, found["type"])
            left, top, right, bottom = found["slide"]
            # the canvas: the largest 16:9 box of the window, centred
            assert left >= -0.5 and top >= -0.5 and right <= width + 0.5 and bottom <= height + 0.5
            assert abs((right - left) / (bottom - top) - 16 / 9) < 0.01, where
            assert max(right - left, bottom - top) >= min(width, height * 16 / 9) - 1, where
            assert found["outside"] == [], where
            assert found["cut"] == [], where
            assert found["spill"] == [], (where, found["spill"])
            # no large empty area: the content spreads over the height, or a short content
            # is centred in it (a title slide), never stuck in the top half
            spread = found["filled"] >= 0.6
            centred = found["filled"] >= 0.35 and abs(found["offset"]) < 0.1
            assert spread or centred, (where, found["filled"], found["offset"])
            assert found["covered"] == 0, where  # the arrows never sit on the content
    page.close()


def test_navigation_is_visible_on_any_background(chromium, sites):
    page = chromium.new_page(viewport={"width": 1280, "height": 720})
    page.goto(deck_url(sites["sample"]))
    styles = page.evaluate(
        """() => [...document.querySelectorAll('.deck-nav button')].map((b) => {
          const s = getComputedStyle(b); return [s.backgroundColor, s.color, s.borderTopColor, s.opacity]; })"""
    )
    for background, color, border, opacity in styles:
        assert background.startswith("rgba(20, 24, 32") and color == "rgb(255, 255, 255)"
        assert border == "rgb(255, 255, 255)" and float(opacity) == 1
    # one visible slide counter: the footer's; the navigation's is for screen readers only
    counters = page.evaluate(
        """() => [...document.querySelectorAll('#counter, .slide.active .slide-number')]
             .filter((e) => e.getBoundingClientRect().width > 2).map((e) => e.textContent)"""
    )
    assert counters == ["1 / 8"]
    page.keyboard.press("?")
    help_box = page.locator("#keys-help").bounding_box()
    footer = page.locator(".slide.active .slide-footer span").first.bounding_box()
    assert help_box["y"] + help_box["height"] <= footer["y"]  # the help stays above the footer
    page.keyboard.press("Escape")
    assert page.locator("#keys-help").is_hidden()
    page.close()


CLS = """() => new Promise((done) => {
  let shift = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) shift += entry.value;
  }).observe({type: 'layout-shift', buffered: true});
  setTimeout(() => done(shift), 500);
})"""


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_no_layout_shift_after_load(chromium, sites, size):
    page = chromium.new_page(viewport={"width": size[0], "height": size[1]})
    page.goto(deck_url(sites["sample"]) + "#3")
    page.wait_for_load_state("load")
    assert page.evaluate(CLS) < 0.1
    page.close()


def decode_qr_codes(png: bytes) -> list[str]:
    import io

    import zxingcpp
    from PIL import Image

    return [found.text for found in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


@pytest.mark.parametrize("prefix, home", [("", ""), ("en/", "en/")])
def test_the_book_qr_code_leads_to_the_book_in_the_decks_language(chromium, sites, prefix, home):
    page = chromium.new_page(viewport={"width": 1280, "height": 720})
    page.goto((deck_dir(sites["sample"], prefix) / "index.html").as_uri())
    codes = set()
    for number in (1, 8):  # the title and closing slides
        show(page, number)
        figure = page.locator(".slide.active .qr-figure").first
        codes.update(decode_qr_codes(figure.screenshot()))
    links = page.locator(".slide.active .closing-links li").all_inner_texts()
    page.close()
    expected = f"https://lea-moreau.github.io/book/{home}"
    assert codes == {expected}
    assert links[0] == expected


def test_one_language_deck_has_its_book_at_the_root(sites):
    from bs4 import BeautifulSoup

    site = sites["minimal-en"]
    soup = BeautifulSoup((deck_dir(site) / "index.html").read_text("utf-8"), "html.parser")
    assert soup.html["lang"] == "en" and not (site / "en").exists()
    assert soup.select_one(".closing-links li").get_text() == "https://sam-lee.example.org/book/"


def test_markdown_of_action_plans_is_rendered_not_printed(sites):
    from bs4 import BeautifulSoup

    for prefix, word in (("", "nouvel"), ("en/", "new")):
        html = (deck_dir(sites["maximal"], prefix) / "index.html").read_text("utf-8")
        plan = BeautifulSoup(html, "html.parser").select_one(".plan-list .plan")
        assert plan.em.get_text() == word and "*" not in plan.get_text()
