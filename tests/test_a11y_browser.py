"""axe-core (WCAG 2.2 AA) in Chromium on every Book page, the print previews and the deck,
light and dark; no word broken at 390 px; English slugs, language marks and whole dates."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
import tinycss2
from bs4 import BeautifulSoup

from tests.conftest import ROOT

pytestmark = pytest.mark.chromium

WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
EXTRA_RULES = ["heading-order"]  # a best practice, asked for on the CV page

ENGLISH = ("path", "achievements", "skills", "training", "languages", "activities", "profile")


@pytest.fixture(scope="module")
def site(sample_site) -> Path:
    return sample_site  # read only


def all_pages(site: Path) -> list[Path]:
    """Every HTML page: the Book in both languages (pages, achievements, articles, 404s),
    the annexe and CV previews, the decks and their printable outlines."""
    return sorted(site.rglob("*.html"))


AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": WCAG},
    "rules": {rule: {"enabled": True} for rule in EXTRA_RULES},  # run beside the tags' rules
    "resultTypes": ["violations"],  # the other kinds only summed up: what we read is the same
}


DARK_RULES = ["color-contrast", "link-in-text-block"]
"""The rules that read colours: the only ones the dark scheme can change the answer of, as it
swaps colour tokens and nothing else (`test_the_dark_scheme_changes_colours_only`)."""
DARK_OPTIONS = {"runOnly": {"type": "rule", "values": DARK_RULES}, "resultTypes": ["violations"]}


AXE_RUN = """(options) => axe.run(document, options).then((found) => found.violations.map(
  (v) => [v.id, v.nodes.map((n) => n.target)]))"""
"""axe's run, read in the page: the rules and the first targets of what it finds."""


@functools.cache
def axe_script() -> str:
    """axe-core's script, as axe-playwright-python ships it."""
    from axe_playwright_python.sync_playwright import Axe

    return Axe().axe_script


def axe_context(chromium, **options):
    """A browser context whose every page has axe-core in it before its own scripts run: put
    there by Chromium on each load (an init script), not sent again page after page."""
    context = chromium.new_context(**options)
    context.add_init_script(script=axe_script())
    return context


def axe_violations(page, axe=None, options: dict = AXE_OPTIONS) -> list[str]:
    """What axe finds on `page`: the WCAG rules and `EXTRA_RULES` (or `options`' rules), in
    one run; axe-core is put in the page unless it is there already (`axe_context`, or a
    run before on the same page load)."""
    if page.evaluate("typeof axe === 'undefined'"):
        page.evaluate(axe.axe_script if axe is not None else axe_script())
    found = page.evaluate(AXE_RUN, options)
    return [f"{rule}: {targets[:3]}" for rule, targets in found]


def light_and_dark(page) -> dict[str, list[str]]:
    """What axe finds on `page` in the light scheme (every rule) and in the dark one (the
    rules that read colours, `DARK_RULES`: the page is the same but for its colours). The
    page is left light."""
    page.emulate_media(color_scheme="light")
    found = {"light": axe_violations(page)}
    page.emulate_media(color_scheme="dark")
    found["dark"] = axe_violations(page, options=DARK_OPTIONS)
    page.emulate_media(color_scheme="light")
    return found


PHONES = (320, 390)


def phone_layout(relative: str) -> bool:
    """A Book page: not an A4 preview (annexe, CV) nor 16:9 slides."""
    if relative.split("/")[0] in ("annexe", "cv"):
        return False
    return "defence" not in relative and "soutenance" not in relative


@pytest.fixture(scope="module")
def readings(chromium, site) -> dict:
    """Every page loaded once at 1280 × 720: what axe finds light and dark (`light_and_dark`),
    then (a Book page) the words and dates broken at each phone's width (resized, 844 px
    high)."""
    context = axe_context(chromium)
    page = context.new_page()
    found: dict = {"axe": {}, "broken": {}, "phones": set()}
    for path in all_pages(site):
        relative = str(path.relative_to(site))
        page.set_viewport_size({"width": 1280, "height": 720})
        page.goto(path.as_uri())
        for scheme, violations in light_and_dark(page).items():
            if violations:
                found["axe"][f"{relative} ({scheme})"] = violations
        if not phone_layout(relative):
            continue
        for width in PHONES:
            page.set_viewport_size({"width": width, "height": 844})
            found["phones"].add((relative, width))
            if split := page.evaluate(f"[...({WORDS_SPLIT})(), ...({DATES_SPLIT})()]"):
                found["broken"][f"{relative} ({width})"] = split
    context.close()
    return found


COLOUR_TOKEN = re.compile(r"var\(--color-[a-z0-9-]+\)")


def _scheme_blocks(css: str) -> list:
    """The rules inside `css`'s `@media (prefers-color-scheme: …)` blocks."""
    return [
        rule
        for at in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
        if at.type == "at-rule" and "prefers-color-scheme" in tinycss2.serialize(at.prelude)
        for rule in tinycss2.parse_stylesheet(at.content or [], True, True)
    ]


def test_the_dark_scheme_changes_colours_only():
    """Every stylesheet of the theme and its designs, and the templates' own styles: what the
    dark scheme sets is custom properties given a colour token (`--text: var(--color-text-
    dark)`), nothing else, so that only `DARK_RULES` can find more in it than in the light."""
    sheets = {path: path.read_text("utf-8") for path in (ROOT / "theme").rglob("*.css")}
    for path in (ROOT / "theme").rglob("*.html"):
        soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        sheets[path] = "\n".join(style.get_text() for style in soup.find_all("style"))
    swapped = {}
    for path, css in sheets.items():
        for rule in _scheme_blocks(css):
            assert rule.type == "qualified-rule", (path, rule)
            for item in tinycss2.parse_blocks_contents(rule.content, True, True):
                value = tinycss2.serialize(getattr(item, "value", [])).strip()
                assert item.type == "declaration", (path, item)
                assert item.name.startswith("--") and COLOUR_TOKEN.fullmatch(value), (path, item)
                swapped[item.name] = value
    assert {"--bg", "--text", "--accent"} <= set(swapped)  # book.css's, found
    assert _scheme_blocks("@media print { a { color: red } }") == []
    bad = _scheme_blocks("@media (prefers-color-scheme: dark) { a { display: none } }")
    assert [item.name for item in tinycss2.parse_blocks_contents(bad[0].content, True, True)] == [
        "display"
    ]


def test_axe_finds_nothing(readings, site):
    """Every page, light and dark."""
    pages = all_pages(site)
    assert len(pages) > 30
    assert {
        "annexe/index.html",
        "cv/index.html",
        "soutenance/index.html",
        "en/defence/index.html",
    } <= {str(p.relative_to(site)) for p in pages}
    assert readings["axe"] == {}


WORDS_SPLIT = """() => {
  const split = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    if (!node.parentElement.checkVisibility()) continue;
    for (const match of node.textContent.matchAll(/[\\p{L}\\p{N}]{5,}/gu)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
      if (tops.size > 1) split.push(match[0]);
    }
  }
  return split;
}"""

DATES_SPLIT = """() => [...document.querySelectorAll('.meta, time, .period')].flatMap(el => {
  const found = [];
  for (const match of el.textContent.matchAll(/\\S+\\u00a0\\d{4}/g)) {
    const node = [...el.childNodes].find(n => n.nodeType === 3 && n.textContent.includes(match[0]));
    if (!node) continue;
    const at = node.textContent.indexOf(match[0]);
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + match[0].length);
    const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
    if (tops.size > 1) found.push(match[0]);
  }
  return found;
})"""


def test_no_word_or_date_broken_on_a_phone(readings, site):
    """At 320 and 390 px wide, every Book page (A4 previews and 16:9 slides are not phone
    layouts)."""
    book = [str(p.relative_to(site)) for p in all_pages(site)]
    book = [relative for relative in book if phone_layout(relative)]
    assert len(book) > 20 and "index.html" in book
    assert readings["phones"] == {(relative, width) for relative in book for width in PHONES}
    assert readings["broken"] == {}


def test_english_pages_use_english_slugs(site):
    for slug in ENGLISH:
        assert (site / "en" / slug / "index.html").is_file(), slug
    assert (site / "en/defence/index.html").is_file() and (site / "en/404.html").is_file()
    assert not any((site / "en" / fr).exists() for fr in ("parcours", "realisations", "soutenance"))
    nav = BeautifulSoup((site / "en/index.html").read_text("utf-8"), "html.parser")
    hrefs = [a["href"] for a in nav.select(".site-nav a")]
    assert "../en/path/index.html" in hrefs and "../en/achievements/index.html" in hrefs


def test_french_only_article_is_marked_on_the_english_page(site):
    soup = BeautifulSoup((site / "en/activities/index.html").read_text("utf-8"), "html.parser")
    link = soup.find("a", href=lambda h: h and "planning-recette-partage" in h)
    assert link.find_parent("span")["lang"] == "fr"
    assert link.find_parent("h2").find(class_="lang-mark").get_text() == "(in French)"
    french = BeautifulSoup((site / "activites/index.html").read_text("utf-8"), "html.parser")
    assert not french.find(class_="lang-mark")


def test_skill_levels_are_text_not_a_prohibited_label(site):
    soup = BeautifulSoup((site / "competences/index.html").read_text("utf-8"), "html.parser")
    levels = soup.select("span.level")
    assert levels and not any(level.has_attr("aria-label") for level in levels)
    assert all("sur 5" in level.find(class_="visually-hidden").get_text() for level in levels)


def test_dates_are_unbreakable_in_every_page(site):
    soup = BeautifulSoup((site / "realisations/index.html").read_text("utf-8"), "html.parser")
    metas = [m.get_text() for m in soup.select(".card .meta")]
    assert metas and all("\u00a02025" in m or "\u00a02024" in m for m in metas)
