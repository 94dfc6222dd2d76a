"""The design tokens (`profile_gen/tokens.toml`) are the one home of colours, fonts and sizes:
the pages' CSS custom properties, the Word annexe's styles and the PowerPoint's colours,
font and sizes agree with the file, read back from the outputs; the shipped font is wired
with local addresses and is the one the deck's texts are measured with; the PowerPoint's
slides are the HTML deck's, title for title and number for number."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from docx import Document
from docx.shared import Pt as DocxPt
from docx.shared import RGBColor as DocxRGB
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.util import Pt

from profile_gen import tokens
from profile_gen.app.build import run_pelican
from profile_gen.outputs import place
from profile_gen.profile import colors
from profile_gen.profile.loader import load
from profile_gen.typography import ZWSP
from profile_gen.views import measure
from tests.conftest import ROOT, copy_sample
from tests.deck_profiles import deck_dir, many_strengths, maximal, minimal_english
from tests.docx_support import build as build_docx
from tests.profiles import MINIMAL, make_project
from tests.test_deck_pptx import PROFILE, assert_fits, deck_bytes, open_deck, profile_with

TOKENS = tomllib.loads((ROOT / "profile_gen/tokens.toml").read_text(encoding="utf-8"))
UNIT = 0.75
"""Points per canvas unit of the HTML deck (1280 units on a 960 pt slide)."""


def words(text: str) -> str:
    return " ".join(text.replace(ZWSP, "").split())


def inlined_css(page: Path) -> str:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return "\n".join(style.get_text() for style in soup.find_all("style"))


# --------------------------------------------------------------------------- CSS


@pytest.mark.parametrize(
    "page", ["index.html", "soutenance/index.html", "annexe/index.html", "en/index.html"]
)
def test_every_page_inlines_every_token_as_a_custom_property(sample_site, page):
    css = inlined_css(sample_site / page)
    for table, values in TOKENS.items():
        if table in ("face", "word"):
            continue
        for key, value in values.items():
            name = f"--{table}" if key == table else f"--{table}-{key}"
            shown = re.search(rf"{re.escape(name)}:\s*([^;]+);", css)
            assert shown, name
            if isinstance(value, list):  # a font stack: the same families, in order
                families = [family.strip().strip('"') for family in shown[1].split(",")]
                assert families == value, name
            else:
                assert shown[1].strip() == str(value), name
    assert not (ROOT / "theme/static/css/tokens.css").exists()  # one home: the TOML file


def test_the_shipped_font_is_declared_with_local_addresses(sample_site):
    for page in ("index.html", "realisations/index.html", "soutenance/index.html"):
        css = inlined_css(sample_site / page)
        faces = re.findall(r"@font-face\s*\{([^}]*)\}", css)
        # every weight, style and subset in WOFF2 on screen; every whole TrueType face in print
        assert len(faces) == len(tokens.font_files()) + len(tokens.print_font_files()) == 12, page
        for face in faces:
            assert f'font-family: "{TOKENS["face"]["family"]}"' in face
            # the Book's pages: drawn at the first paint or not at all (no text moves)
            display = "swap" if page.startswith("soutenance") else "optional"
            assert f"font-display: {display}" in face, page
            (url,) = re.findall(r'url\("([^"]+)"\)', face)
            assert not re.match(r"^([a-z]+:|//)", url), url  # relative: no outside request
            assert (sample_site / page).parent.joinpath(url).resolve().is_file(), url
    # the printed annexe keeps the thesis's serif: no screen font declared there
    assert "@font-face" not in inlined_css(sample_site / "annexe/index.html").split("</style>")[0]
    css = (sample_site / "theme/css/deck.css").read_text(encoding="utf-8")
    assert "--deck-font: var(--font-deck)" in css
    assert TOKENS["font"]["deck"][0] == TOKENS["face"]["family"]


def test_chromium_draws_the_book_and_the_deck_in_the_shipped_font(chromium, sample_site):
    """Opened from the disk (file://), the pages load the shipped WOFF2 files: the regular
    and bold latin subsets (35 KB), the italic where a page sets one."""
    page = chromium.new_page()
    family = TOKENS["face"]["family"]
    try:
        for path in ("index.html", "realisations/index.html", "soutenance/index.html"):
            page.goto((sample_site / path).as_uri())
            page.evaluate("document.fonts.ready.then(() => true)")
            loaded = page.evaluate(
                "Array.from(document.fonts).filter(f => f.status === 'loaded')"
                ".map(f => `${f.family.replaceAll('\"', '')} ${f.weight} ${f.style}`)"
            )
            assert {f"{family} 400 normal", f"{family} 700 normal"} <= set(loaded), path
            body = page.evaluate("getComputedStyle(document.body).fontFamily")
            assert body.startswith(f'"{family}"'), path
    finally:
        page.close()


def test_the_deck_pdf_embeds_the_shipped_font_and_the_annexe_the_print_font(sample_site_pdf):
    import pikepdf

    def fonts(name: str) -> set[str]:
        with pikepdf.open(sample_site_pdf / name) as pdf:
            return {
                str(font.get("/BaseFont")).split("+")[-1]
                for page in pdf.pages
                for font in (page.Resources.get("/Font") or {}).values()
            }

    family = TOKENS["face"]["family"].replace(" ", "-")
    deck = fonts("soutenance.pdf")
    assert {family, f"{family}-Bold", f"{family}-Italic"} <= deck, deck
    annexe = fonts("annexe.pdf")
    assert "Liberation-Serif" in annexe and not any(f.startswith(family) for f in annexe)


def test_the_shipped_font_files_and_licence():
    fonts = ROOT / "theme/static/fonts"
    for name, *_ in tokens.font_files():
        assert (fonts / name).read_bytes()[:4] == b"wOF2", name
    for name, *_ in tokens.print_font_files():
        assert (fonts / name).read_bytes()[:4] == b"\0\1\0\0", name
    # no TrueType subset beside the whole faces (WeasyPrint would mix two files' glyphs)
    assert sorted(fonts.glob("atkinson*.ttf")) == sorted(
        fonts / name for name, *_ in tokens.print_font_files()
    )
    licence = (fonts / "LICENSE-AtkinsonHyperlegible.txt").read_text(encoding="utf-8")
    assert "SIL Open Font License, Version 1.1" in licence


def test_the_measurement_table_is_the_shipped_fonts():
    """`metrics.json` is current: `python scripts/deck_metrics.py` writes it again."""
    assert measure.table(ROOT / "theme/static/fonts") == measure.METRICS.read_text("utf-8")
    assert TOKENS["face"]["family"] == measure.FONT


# --------------------------------------------------------------------------- Word


@pytest.fixture(scope="module")
def annexe_docx(tmp_path_factory) -> Path:
    """A small profile's Word annexe (no photo, no article): the styles are the document's,
    whatever it holds, and a small CV is fitted to its page in fewer tries."""
    root = tmp_path_factory.mktemp("tokens-docx")
    return build_docx(make_project(root, base=MINIMAL, image=None, articles=False))


def test_word_styles_are_the_tokens(annexe_docx):
    styles = Document(str(annexe_docx)).styles
    word, black = TOKENS["word"], DocxRGB.from_string(TOKENS["print"]["text"][1:].upper())
    normal = styles["Normal"]
    assert normal.font.name == word["font"]
    assert normal.font.size == DocxPt(word["body"])
    assert normal.font.color.rgb == black
    for level in (1, 2, 3, 4):
        heading = styles[f"Heading {level}"]
        assert heading.font.size == DocxPt(word[f"heading-{level}"]), level
        assert heading.font.name == word["font"] and heading.font.color.rgb == black
    assert styles["Title"].font.size == DocxPt(word["title"])
    assert styles["Caption"].font.size == DocxPt(word["caption"])
    assert styles["Table Text"].font.size == DocxPt(word["table"])
    link = DocxRGB.from_string(TOKENS["print"]["link"][1:].upper())
    assert styles["Hyperlink"].font.color.rgb == link


# --------------------------------------------------------------------------- PowerPoint


def hex6(color: str) -> str:
    return color.lstrip("#").upper()


def fills(slide) -> dict[str, str]:
    return {
        shape.name: str(shape.fill.fore_color.rgb)
        for shape in slide.shapes
        if shape.shape_type == 1 and shape.fill.type == 1  # an auto shape, solid fill
    }


def first_run(shape):
    return shape.text_frame.paragraphs[0]._p.xpath("./a:r/a:rPr | ./a:fld/a:rPr")[0]


def run_colour(properties) -> str:
    return properties.xpath("./a:solidFill/a:srgbClr/@val")[0]


@pytest.mark.parametrize("color", [None, "#7a2e5c"])
def test_powerpoint_colours_font_and_sizes_are_the_tokens(color):
    profile = profile_with(identity={**PROFILE.model_dump(mode="json")["identity"], "color": color})
    deck = open_deck(deck_bytes(profile))
    accent = hex6(color or TOKENS["color"]["accent"])  # the person's colour wins
    assert accent == hex6(profile.identity.color or colors.DEFAULT)
    color_tokens = TOKENS["color"]
    for number, slide in enumerate(deck.slides, 1):
        shapes = {shape.name: shape for shape in slide.shapes}
        rule = shapes["Accent rule"]
        assert fills(slide)["Accent rule"] == accent
        assert rule.height == Pt(TOKENS["deck"]["rule"] * UNIT) and rule.top == 0
        footer = first_run(shapes["Footer"])
        assert run_colour(footer) == hex6(color_tokens["ink-muted"])
        assert int(footer.get("sz")) == round(TOKENS["deck"]["footer"] * UNIT * 100)
        title = first_run(slide.shapes.title)
        assert run_colour(title) == accent, number
        if number not in (1, len(deck.slides)):  # the name and the thanks are larger
            assert int(title.get("sz")) == round(TOKENS["deck"]["h2"] * UNIT * 100), number
        # every run names the shipped font, with a proportional sans-serif fallback
        for latin in slide._element.iter(qn("a:latin")):
            assert latin.get("typeface") == TOKENS["face"]["family"]
            assert latin.get("pitchFamily") == "34"
    theme = deck.slide_master.part.part_related_by(RT.THEME).blob.decode("utf-8")
    for name in ("majorFont", "minorFont"):  # a box the student adds is set in it too
        assert f'<a:{name}><a:latin typeface="{TOKENS["face"]["family"]}"' in theme
    cards = fills(deck.slides[2])
    assert cards["Achievement 1"] == hex6(color_tokens["soft"])
    assert cards["Achievement 1 rule"] == accent
    strengths = {shape.name: shape for shape in deck.slides[4].shapes}
    assert fills(deck.slides[4])["Strength 1 number"] == accent
    assert run_colour(first_run(strengths["Strength 1 number"])) == hex6(
        color_tokens["accent-text"]
    )
    row = strengths["Strength 1"].text_frame.paragraphs
    assert run_colour(row[0]._p.xpath("./a:r/a:rPr")[0]) == hex6(color_tokens["ink"])
    assert run_colour(row[1]._p.xpath("./a:r/a:rPr")[0]) == hex6(color_tokens["ink-muted"])


def test_no_colour_literal_in_the_office_writers():
    """The Word and PowerPoint writers take every colour from the tokens."""
    files = [
        path
        for path in (ROOT / "profile_gen").rglob("*.py")
        if path.parent.name in ("docx", "pptx")
    ]
    assert len(files) >= 12
    literal = re.compile(r"#[0-9a-fA-F]{3,8}\b|RGBColor\(\s*(0x|\d)|[\"'][0-9a-fA-F]{6}[\"']")
    for path in files:
        assert not literal.findall(path.read_text(encoding="utf-8")), path.name


# --------------------------------------------------------------------------- one deck


def html_slides(site: Path, prefix: str) -> list[tuple[str, str, str, list[str]]]:
    """Each slide of the HTML deck: its type, title, number and the titles it lists."""
    html = (deck_dir(site, prefix) / "index.html").read_text(encoding="utf-8")
    slides = []
    for section in BeautifulSoup(html, "html.parser").select("section.slide"):
        kind = next(c for c in section["class"] if c.startswith("slide-")).removeprefix("slide-")
        title = words(section.select_one("h1, h2").get_text(" "))
        number = words(section.select_one(".slide-number").get_text())
        listed = [words(s.get_text(" ")) for s in section.select("li > div > strong, h3")]
        slides.append((kind, title, number, listed))
    return slides


@pytest.mark.parametrize(
    "data",
    [None, maximal(), many_strengths(), minimal_english()],
    ids=["sample", "long-texts", "twelve-strengths", "minimal-english"],
)
def test_the_powerpoint_has_the_html_decks_slides_titles_and_numbers(tmp_path, data):
    """Slide for slide, the PowerPoint is the HTML deck: the same titles ("(n/m)" of a
    split slide included), the same "n / N", the same items listed; every text whole and
    inside its box by the shipped font's measure."""
    copy_sample(tmp_path)
    if data is not None:
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
        (tmp_path / "content/profile.yaml").write_text(text, encoding="utf-8")
    settings = tmp_path / "pelican.conf.py"
    site = run_pelican(settings, tmp_path / "output", pdf=False, formats=("pptx",)).output
    profile = load(tmp_path / "content/profile.yaml")
    for lang in profile.locale:
        prefix = "" if lang == profile.primary_language else f"{lang}/"
        expected = html_slides(site, prefix)
        deck = Presentation(str(site / place("deck.pptx", lang, profile.primary_language)))
        assert len(deck.slides) == len(expected)
        for slide, (kind, title, number, listed) in zip(deck.slides, expected, strict=True):
            assert words(slide.shapes.title.text) == title, (prefix, kind)
            numbers = [s for s in slide.shapes if s.name == "Slide number"]
            assert words(numbers[0].text_frame.text) == number, (prefix, kind)
            text = words(" ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame))
            for item in listed:  # the same strengths, improvements, cards on the same slide
                assert item in text, (prefix, kind, item)
        whole = words(
            " ".join(
                s.text_frame.text for slide in deck.slides for s in slide.shapes if s.has_text_frame
            )
        )
        assert "…" not in whole  # no text cut: the profiles wrote none
        assert assert_fits(deck) > 10
