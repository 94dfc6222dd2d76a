"""Every design holds the default's rules, and looks different where a person looks
(issue 22): the sample and a generated profile built in each design, with their PDFs; the
CV on one page; in every design but the default (`OTHERS`: its own modules hold these), no
slide text outside its slide, cut, outside its box nor split over two lines at 1920×1080
and 1280×720, in the French and the English deck; the presenter view, a rehearsal and the
second window; axe-core finds nothing on any template's page, light and dark; the annexe
keeps the thesis's rules; the fonts (the deck's too), colours, CV layout and slide titles
measured in Chromium differ between designs."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from profile_gen import designs
from profile_gen.app.build import run_pelican
from tests.browser import every_slide
from tests.deck_profiles import deck_dir
from tests.test_a11y_browser import axe_context, light_and_dark
from tests.test_deck import open_deck
from tests.test_deck_fit import HIDDEN
from tests.test_deck_layout import MEASURE
from tests.test_deck_rehearsal import spend, table

pytestmark = pytest.mark.chromium

DESIGNS = designs.names()
OTHERS = [name for name in DESIGNS if name != designs.DEFAULT]
"""The designs whose slides, presenter view and pages this module measures; the default's are
measured by the modules of its rules: tests/test_deck_fit.py (every slide's text, audience and
presenter, the sample's and longer decks at both sizes), test_deck_layout.py (every slide in
its canvas), test_deck.py and test_deck_rehearsal.py (presenter, timers, rehearsal, second
window), test_a11y_browser.py (axe on every page)."""


def generated(data: dict) -> None:
    """A denser career than the sample's: a long name, two more jobs, one language."""
    from tests.profiles import long_and_french_only

    long_and_french_only(data)
    jobs = data["experience"]
    jobs += [dict(jobs[-1], organization=f"{jobs[-1]['organization']} {n}") for n in (2, 3)]


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[tuple[str, str], Path]:
    """(design, "sample" or "generated") → the built Book, with the PDFs a test reads: the
    CV's and the deck's for the sample, the CV's for the generated profile (no test reads an
    annexe's PDF, nor the generated deck's)."""
    from tests.profiles import make_project

    built = {}
    for name in DESIGNS:
        for kind in ("sample", "generated"):

            def edit(data: dict, name: str = name, kind: str = kind) -> None:
                if kind == "generated":
                    generated(data)
                data["design"] = name

            root = make_project(tmp_path_factory.mktemp(f"{name}-{kind}"), edit)
            output = root / "output"
            printed = ("cv.pdf", "soutenance.pdf") if kind == "sample" else ("cv.pdf",)
            built[name, kind] = run_pelican(
                root / "pelican.conf.py",
                output,
                printed,
                content=root / "content",
                formats=("pdf",),
            ).output
    return built


@pytest.mark.parametrize("kind", ["sample", "generated"])
@pytest.mark.parametrize("name", DESIGNS)
def test_the_cv_holds_on_one_page(sites, name, kind):
    site = sites[name, kind]
    assert len(PdfReader(site / "cv.pdf").pages) == 1
    assert f"/theme/designs/{name}/" in (site / "cv/index.html").read_text("utf-8") or (
        name == "classique"
    )


def pdf_fonts(path: Path) -> set[str]:
    """The fonts a PDF's pages use (their base names, without the subset's prefix)."""
    fonts = set()
    for page in PdfReader(path).pages:
        for ref in page["/Resources"].get("/Font", {}).values():
            fonts.add(str(ref.get_object()["/BaseFont"]).split("+")[-1])
    return fonts


@pytest.mark.parametrize("name", DESIGNS)
def test_the_deck_pdf_is_set_in_the_design_deck_font(sites, name):
    """The PDF deck (printed from the HTML deck) in the font its texts were measured with,
    one page per slide."""
    site = sites[name, "sample"]
    fonts = pdf_fonts(site / "soutenance.pdf")
    family = DECK_FONT[name].replace(" ", "")
    assert any(font.replace("-", "").startswith(family) for font in fonts), fonts
    html = (site / "soutenance" / "index.html").read_text("utf-8")
    slides = html.count('<section class="slide slide-')
    assert len(PdfReader(site / "soutenance.pdf").pages) == slides


DECKS = {
    ("generated", ""): [(1920, 1080), (1280, 720)],
    ("sample", "en/"): [(1920, 1080), (1280, 720)],
    ("sample", ""): [(1280, 720)],
}
"""(profile, language prefix) → the windows its deck is measured in, in each design: the
denser French deck and the English deck at both sizes, the sample's French deck at the
smaller. One page per deck, resized: the slides' layout is CSS only."""
SLIDE_CHECKS = f"""(slide) => ({{measured: ({MEASURE})(), texts: ({HIDDEN})(slide)}})"""


@pytest.mark.parametrize(
    ("kind", "prefix"), list(DECKS), ids=[f"{p[:-1] or 'fr'}-{k}" for k, p in DECKS]
)
@pytest.mark.parametrize("name", OTHERS)
def test_no_slide_text_leaves_its_box_or_is_cut_or_split(chromium, sites, name, kind, prefix):
    """Every slide of the French deck (the generated profile: a long name, a denser career;
    the sample's) and of the English one (the sample's, `en/defence/`): nothing outside the
    slide, cut or under the arrows; the last character of every text inside its box, its
    card and its slide, and no word broken over two lines (`test_deck_fit.HIDDEN`)."""
    page = chromium.new_page()
    page.goto((deck_dir(sites[name, kind], prefix) / "index.html").as_uri())
    for width, height in DECKS[kind, prefix]:
        page.set_viewport_size({"width": width, "height": height})
        slides = every_slide(page, SLIDE_CHECKS)
        assert len(slides) >= 7
        for number, found in enumerate(slides, start=1):
            where = (name, kind, prefix, (width, height), number)
            assert found["measured"]["outside"] == [], where
            assert found["measured"]["cut"] == [], where
            assert found["measured"]["covered"] == 0, where
            texts = found["texts"]
            assert texts["problems"] == [] and texts["count"] > 0, where
    page.close()


DECK_FONT = {"classique": "Atkinson Hyperlegible", "compact": "IBM Plex Sans Condensed"}
DECK_FONT["moderne"] = "Inter"
FONTS = """(selector) => {
  const first = (e) => getComputedStyle(e).fontFamily.split(',')[0].replaceAll('"', '').trim();
  const slide = document.querySelector(selector);
  const loaded = [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family.replaceAll('"', ''));
  return {title: first(slide.querySelector('h2, h1')),
          body: first([...slide.querySelectorAll('.slide-body p, .slide-body li')].pop()), loaded};
}"""


@pytest.mark.parametrize("name", OTHERS)
def test_presenter_view_rehearsal_and_second_window(chromium, sites, name):
    """What tests/test_deck.py and test_deck_rehearsal.py hold for the default, in each
    design: the presenter view shows the current and next slides, the notes and the timers,
    its slide in the design's deck font with no text outside its box nor split; a rehearsal
    is timed slide by slide and reported; the presenter's second window drives the audience's."""
    site = sites[name, "sample"]
    context = chromium.new_context(viewport={"width": 1280, "height": 720})
    page = open_deck(chromium, site, hash_="#3", fake_clock=True, context=context)
    page.keyboard.press("p")
    assert page.locator("#presenter").is_visible()
    assert page.locator("#presenter-current .slide-achievements").count() == 1
    assert page.locator("#presenter-next .slide").count() == 1
    assert len(page.locator("#presenter-notes").inner_text()) > 40
    page.clock.run_for(10_000)  # both timers count down: the slide's budget, the segment's
    left = int(page.locator("#slide-3").get_attribute("data-seconds")) - 10
    assert page.locator("#slide-timer").inner_text() == f"{left // 60}:{left % 60:02d}"
    assert page.locator("#segment-timer").inner_text() == "4:50"
    found = page.locator("#presenter-current .slide").evaluate(HIDDEN)
    assert found["problems"] == [] and found["count"] > 0, name
    fonts = page.evaluate(FONTS, "#presenter-current .slide")
    assert fonts["title"] == fonts["body"] == DECK_FONT[name], fonts
    assert DECK_FONT[name] in fonts["loaded"], fonts
    page.keyboard.press("p")
    # a rehearsal: 12 s on slide 1, 30 s on slide 2, then ended
    page.keyboard.press("s")
    spend(page, [12, 30])
    page.keyboard.press("e")
    assert page.locator("#report").is_visible()
    rows = {row[0]: row for row in table(page)}
    assert float(rows["1"][3]) == 12 and float(rows["2"][3]) == 30, rows
    page.close()
    # the second window: the presenter's keys move the audience's slides
    audience = context.new_page()
    audience.goto((site / "soutenance" / "index.html").as_uri() + "#2")
    with context.expect_page() as popup:
        audience.keyboard.press("w")
    presenter = popup.value
    presenter.wait_for_load_state()
    assert "?presenter" in presenter.url and presenter.locator("#presenter").is_visible()
    presenter.wait_for_function("document.querySelector('.slide.active').id === 'slide-2'")
    presenter.keyboard.press("ArrowRight")
    audience.wait_for_function("document.querySelector('.slide.active').id === 'slide-3'")
    found = presenter.locator("#presenter-current .slide").evaluate(HIDDEN)
    assert found["problems"] == [] and found["count"] > 0, name
    context.close()


def one_page_per_template(site: Path) -> list[Path]:
    """Every French page, one achievement and one article standing for the others (the
    same template), and the English home and deck."""
    chosen: dict[str, Path] = {}
    for path in sorted(site.rglob("*.html")):
        parts = path.relative_to(site).parts
        if parts[0] != "en":  # `realisations/<slug>/index.html`: one of them
            chosen.setdefault(parts[0] if len(parts) == 3 else "/".join(parts), path)
    return [*chosen.values(), site / "en/index.html", site / "en/defence/index.html"]


@pytest.mark.parametrize("name", OTHERS)
def test_axe_finds_nothing_on_any_page_light_and_dark(chromium, sites, name):
    """Every template's page (the Book's, the CV, the annexe, the decks, the outline, the
    questions, the cue cards) in each design, light and dark (`light_and_dark`). The
    default design's pages, every one of them, are tests/test_a11y_browser.py's."""
    context = axe_context(chromium)
    page = context.new_page()
    report = {}
    site = sites[name, "sample"]
    pages = one_page_per_template(site)
    assert len(pages) >= 17 and all(path.is_file() for path in pages)
    for path in pages:
        page.goto(path.as_uri())
        for scheme, violations in light_and_dark(page).items():
            if violations:
                report[f"{path.relative_to(site)} ({scheme})"] = violations
    context.close()
    assert report == {}


ANNEXE_TEXT = """() => {
  const p = [...document.querySelectorAll('.item:not(.item-cv) p')].find((e) => e.textContent.length > 80);
  const s = getComputedStyle(p);
  return [s.fontFamily.split(',')[0].replaceAll('"', ''), s.fontSize, s.lineHeight, s.textAlign, s.color];
}"""


@pytest.mark.parametrize("name", DESIGNS)
def test_the_annexe_keeps_the_thesis_rules(chromium, sites, name):
    page = chromium.new_page()
    page.goto((sites[name, "sample"] / "annexe" / "index.html").as_uri())
    family, size, line, align, color = page.evaluate(ANNEXE_TEXT)
    page.close()
    assert family == "Liberation Serif"
    assert size == "16px" and line == "24px"  # 12 pt, spacing 1.5
    assert align == "justify" and color == "rgb(0, 0, 0)"


LOOK = """() => {
  const style = (selector, name) => { const e = document.querySelector(selector);
    return e ? getComputedStyle(e)[name] : null; };
  const first = (family) => family.split(',')[0].replaceAll('"', '').trim();
  return {
    body: first(style('body', 'fontFamily')),
    heading: style('main h2', 'borderLeftWidth') + ' ' + style('main h2', 'textTransform')
      + ' ' + style('main h2', 'borderBottomWidth'),
    accent: style('.site-nav a[aria-current="page"]', 'backgroundColor'),
    photo: style('.portrait', 'borderTopLeftRadius') + ' ' + style('.portrait', 'borderTopWidth'),
  };
}"""
CV = """() => {
  const box = (s) => document.querySelector(s).getBoundingClientRect();
  const side = box('.cv-side'), main = box('.cv-main');
  const s = getComputedStyle(document.querySelector('.cv-side'));
  return {
    font: getComputedStyle(document.querySelector('.cv')).fontFamily.split(',')[0].replaceAll('"', ''),
    side: side.left < main.left ? 'left' : 'right',
    top: Math.round(main.top - box('.cv-name').top),
    panel: s.backgroundColor,
    photo: getComputedStyle(document.querySelector('.cv-photo')).borderTopLeftRadius,
  };
}"""
SLIDE = """() => {
  const h2 = document.querySelector('.deck-slides > .slide.active h2');
  const s = getComputedStyle(h2);
  return [s.backgroundColor, s.color, s.borderLeftWidth, s.fontWeight].join(' ');
}"""
DECK_TEXT = """() => {
  const first = (e) => getComputedStyle(e).fontFamily.split(',')[0].replaceAll('"', '').trim();
  const slide = document.querySelector('.deck-slides > .slide.active');
  return [first(slide.querySelector('h2')), first(slide.querySelector('.slide-body li, .slide-body p'))];
}"""


def looks(chromium, site: Path) -> dict:
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    page.goto((site / "index.html").as_uri())
    found = page.evaluate(LOOK)
    page.goto((site / "cv" / "index.html").as_uri())
    found["cv"] = page.evaluate(CV)
    page.goto((site / "soutenance" / "index.html").as_uri() + "#3")
    page.wait_for_function("document.querySelector('.slide.active').id === 'slide-3'")
    found["slide"] = page.evaluate(SLIDE)
    found["deck"] = page.evaluate(DECK_TEXT)
    page.close()
    return found


def test_the_designs_differ_where_a_person_looks(chromium, sites):
    seen = {name: looks(chromium, sites[name, "sample"]) for name in DESIGNS}
    for key in ("body", "heading", "accent", "photo", "slide"):
        values = [seen[name][key] for name in DESIGNS]
        assert len(set(values)) == len(DESIGNS), (key, values)
    fonts = [seen[name]["cv"]["font"] for name in DESIGNS]
    assert fonts == ["Liberation Serif", "IBM Plex Sans Condensed", "Inter"][: len(DESIGNS)]
    panels = {seen[name]["cv"]["panel"] for name in DESIGNS}
    assert len(panels) == len(DESIGNS)  # grey tint, none, the person's colour
    layout = {name: (seen[name]["cv"]["side"], seen[name]["cv"]["top"] > 0) for name in DESIGNS}
    assert layout["classique"] == layout["moderne"] == ("left", False)  # a side column
    assert layout["compact"] == ("right", True)  # a band, then two columns
    photos = {seen[name]["cv"]["photo"] for name in DESIGNS}
    assert len(photos) >= 2  # round in moderne, square elsewhere
    # the deck's titles and texts in each design's deck font (`[font] deck`), as measured
    assert {name: seen[name]["deck"] for name in DESIGNS} == {
        name: [DECK_FONT[name]] * 2 for name in DESIGNS
    }
