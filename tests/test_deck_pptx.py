"""The deck as PowerPoint (`soutenance.pptx`), read back with python-pptx: the plan's slides
in order, notes, QR codes, photo, sizes, no text outside its box; then rendered by
LibreOffice (skipped without it, except in CI)."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
import yaml
import zxingcpp
from bs4 import BeautifulSoup
from PIL import Image
from pptx import Presentation
from pptx.util import Pt

from profile_gen import i18n
from profile_gen.app.build import run_pelican
from profile_gen.book.render import localize, markdown
from profile_gen.media.qr import make_qr
from profile_gen.office.pptx.deck import build, deck_context
from profile_gen.office.pptx.shapes import geometry_inset
from profile_gen.profile import colors
from profile_gen.profile.deck_plan import plan_deck
from profile_gen.profile.loader import load, load_text
from profile_gen.profile.model import SlideType
from profile_gen.typography import typeset
from profile_gen.views import deck_fit, measure
from profile_gen.views.deck import deck_view
from profile_gen.views.deck_fit import fitted_plan
from profile_gen.views.documents import source_date
from tests.conftest import MINIMAL, ROOT, SAMPLE, copy_sample

PROFILE = load(SAMPLE)
HEADING = 52 * 0.75
"""The slides' headings, in points (52 canvas units: the HTML deck's `h2`)."""
FLOOR = deck_fit.FLOOR * 0.75
"""The smallest text, in points (the HTML deck's floor, 14 canvas units)."""
LINKS = {str(PROFILE.links.book), str(PROFILE.links.linkedin)}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("pptx") / "output"
    return run_pelican(ROOT / "pelican.conf.py", output, pdf=False, formats=("pptx",)).output


def deck_bytes(profile, lang=None, photo=None) -> bytes:
    """The deck of `profile` as the generator builds it, without Pelican."""
    lang = lang or profile.primary_language
    links = {key: str(url) if url else None for key, url in profile.links.with_qr_code.items()}
    codes = {key: make_qr(url) if url else None for key, url in links.items()}
    date = source_date(Path("/no/such/profile.yaml"))
    deck = deck_view(profile, lang, fitted_plan(profile), links, codes, date)
    return build(deck, deck_context(profile, deck, photo))


def open_deck(data: bytes | Path):
    return Presentation(io.BytesIO(data) if isinstance(data, bytes) else str(data))


def shape(slide, name: str):
    return next((s for s in slide.shapes if s.name == name), None)


def expected_titles(profile, lang: str) -> list[str]:
    titles = []
    for planned in fitted_plan(profile):
        key = planned.type
        part = f" ({planned.part}/{planned.parts})" if planned.parts > 1 else ""
        if key == SlideType.title_page:
            titles.append(profile.identity.name)
        elif key == SlideType.closing:
            titles.append(i18n.text(lang, "deck.thanks"))
        elif key in (SlideType.strengths, SlideType.improvements):
            count = len(getattr(profile, key.value))  # none yet: "Mes points forts"
            name = f"section.{key.value}" + ("" if count else "_none")
            titles.append(i18n.text(lang, name, count=count) + part)
        else:
            titles.append(i18n.text(lang, f"deck.title.{key.value}") + part)
    return [typeset(title, lang) for title in titles]  # the typography of every output


def words(text: str) -> str:
    return " ".join(text.split())


def frame_paras(text_frame, font: str = "") -> list[measure.Para]:
    """The paragraphs of a text frame as written in the file, for the measurement (in the
    deck font `font`: a design's, `measure.deck_font`)."""
    paras = []
    for paragraph in text_frame.paragraphs:
        runs = paragraph._p.xpath("./a:r/a:rPr | ./a:fld/a:rPr")
        assert runs, "every paragraph holds text"
        properties = runs[0]
        before = paragraph.space_before.pt if paragraph.space_before is not None else 0
        size = int(properties.get("sz")) / 100
        spacing = paragraph.line_spacing
        assert spacing is not None and not isinstance(spacing, float), "an exact line height"
        paras.append(
            measure.Para(
                paragraph.text,  # every run: a tail is measured at the text's size
                size,
                bold=any(run.get("b") == "1" for run in runs),
                italic=properties.get("i") == "1",
                space_before=before,
                bullet=bool(paragraph._p.xpath("./a:pPr/a:buChar")),
                line=spacing.pt / size,
                font=font,
            )
        )
    return paras


def assert_fits(presentation, font: str = "") -> int:
    """Every text box holds its text by the deck's measurement (in `font`) and stays on the
    slide; returns the number of boxes checked."""
    width, height = presentation.slide_width, presentation.slide_height
    checked = 0
    for number, slide in enumerate(presentation.slides, 1):
        for item in slide.shapes:
            assert item.left >= 0 and item.left + item.width <= width, (number, item.name)
            assert item.top >= 0 and item.top + item.height <= height, (number, item.name)
            if not (item.has_text_frame and item.text_frame.text):
                continue
            frame = item.text_frame
            extra_x, extra_y = geometry_inset(item)
            inner_w = (item.width - frame.margin_left - frame.margin_right) / Pt(1) - 2 * extra_x
            inner_h = (item.height - frame.margin_top - frame.margin_bottom) / Pt(1) - 2 * extra_y
            paras = frame_paras(frame, font)
            assert measure.height(paras, inner_w) <= inner_h + 0.01, (number, item.name)
            assert measure.widest_line(paras, inner_w) <= inner_w, (number, item.name)
            checked += 1
    return checked


def deck_text(presentation) -> str:
    """Every text of the slides, one space between words (no break point of addresses)."""
    texts = [
        item.text_frame.text
        for slide in presentation.slides
        for item in slide.shapes
        if item.has_text_frame
    ]
    return words(" ".join(texts))


def font_sizes(slide):
    for item in slide.shapes:
        if item.has_text_frame:
            for size in item.text_frame._txBody.xpath(".//a:rPr/@sz"):
                yield item, int(size) / 100


# --------------------------------------------------------------------------- the sample


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_slides_follow_the_plan(site, prefix):
    lang = prefix.rstrip("/") or "fr"
    presentation = open_deck(site / f"{prefix}soutenance.pptx")
    assert (presentation.slide_width, presentation.slide_height) == (Pt(960), Pt(540))
    assert abs(presentation.slide_width / presentation.slide_height - 16 / 9) < 1e-3
    slides = list(presentation.slides)
    assert len(slides) == len(fitted_plan(PROFILE)) == 8  # improvements over two slides
    assert [slide.shapes.title.text for slide in slides] == expected_titles(PROFILE, lang)
    assert presentation.core_properties.language == {"fr": "fr-FR", "en": "en-GB"}[lang]
    assert PROFILE.identity.name in presentation.core_properties.title
    for number, slide in enumerate(slides, 1):
        assert slide.slide_layout.name == "Title Only"
        assert shape(slide, "Footer").text_frame.text == PROFILE.identity.name
        assert shape(slide, "Slide number").text_frame.text == f"{number} / {len(slides)}"
        assert slide.shapes.title.is_placeholder
    text = " ".join(s.text_frame.text for slide in slides for s in slide.shapes if s.has_text_frame)
    for item in [*PROFILE.strengths, *PROFILE.improvements]:
        assert typeset(localize(item.title, lang, "fr"), lang) in text


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_notes_are_the_plans_notes_without_markdown(site, prefix):
    lang = prefix.rstrip("/") or "fr"
    presentation = open_deck(site / f"{prefix}soutenance.pptx")
    for slide, planned in zip(presentation.slides, fitted_plan(PROFILE), strict=True):
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        if planned.notes is None:
            assert notes == ""
            continue
        html = markdown(planned.notes, lang, "fr")
        expected = typeset(BeautifulSoup(html, "html.parser").get_text(" "), lang)
        assert words(notes) == words(expected)
        assert "**" not in notes


def qr_texts(slide) -> dict[str, str]:
    found = {}
    for item in slide.shapes:
        if item.name.startswith("QR ") and item.shape_type == 13:  # a picture
            image = Image.open(io.BytesIO(item.image.blob))
            assert item.width >= Pt(150) and item.width == item.height  # 2 in or more, square
            (barcode,) = zxingcpp.read_barcodes(image.convert("L"))
            assert item.click_action.hyperlink.address == barcode.text
            found[item.name] = barcode.text
    return found


def test_qr_codes_decode_to_the_links_on_title_and_closing(site):
    slides = list(open_deck(site / "soutenance.pptx").slides)
    for slide in (slides[0], slides[-1]):
        assert qr_texts(slide) == {
            "QR Book": str(PROFILE.links.book),
            "QR LinkedIn": str(PROFILE.links.linkedin),
        }


def test_links_are_in_the_persons_colour(site):
    """The theme's hyperlink colours are the profile's colour (the template's are blue and
    purple), and the closing slide's links use them."""
    import re

    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    deck = open_deck(site / "soutenance.pptx")
    theme = deck.slide_master.part.part_related_by(RT.THEME).blob.decode("utf-8")
    colour = (PROFILE.identity.color or colors.DEFAULT).lstrip("#").upper()
    for name in ("hlink", "folHlink"):
        assert re.search(rf'<a:{name}><a:srgbClr val="{colour}"/>', theme), name
    closing = list(deck.slides)[-1]
    links = [
        r.hyperlink.address
        for s in closing.shapes
        if s.has_text_frame
        for p in s.text_frame.paragraphs
        for r in p.runs
        if r.hyperlink.address
    ]
    assert str(PROFILE.links.book) in links


def test_sample_photo_and_type_sizes(site):
    presentation = open_deck(site / "soutenance.pptx")
    photo = shape(presentation.slides[1], "Photo")
    assert photo is not None and photo._element.nvPicPr.cNvPr.get("descr")
    for slide in presentation.slides:
        titles = [size for _, size in font_sizes_of(slide.shapes.title)]
        assert titles and titles[0] >= HEADING  # set, not inherited (a part's "(1/2)": 30 units)
        assert all(size >= FLOOR for _, size in font_sizes(slide))
    assert assert_fits(presentation) > 50


def font_sizes_of(item):
    for size in item.text_frame._txBody.xpath(".//a:rPr/@sz"):
        yield item, int(size) / 100


def test_source_date_epoch_dates_the_file(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    properties = open_deck(deck_bytes(PROFILE)).core_properties
    assert properties.created.year == properties.modified.year == 2026


def test_build_is_deterministic(site):
    first = deck_bytes(PROFILE)
    assert first == deck_bytes(PROFILE)
    assert open_deck(first).core_properties.created.year == 1970  # no profile file: epoch
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        names = archive.namelist()
        assert names[0] == "[Content_Types].xml"
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert not any("vba" in name.lower() or "thumbnail" in name for name in names)


# --------------------------------------------------------------------------- other profiles


def profile_with(**changes):
    data = yaml.safe_load(SAMPLE.read_text("utf-8"))
    data.update(changes)
    return load_text(yaml.safe_dump(data, allow_unicode=True), base_dir=SAMPLE.parent)


def jpeg(width: int, height: int) -> tuple[bytes, tuple[int, int]]:
    output = io.BytesIO()
    Image.new("RGB", (width, height), (40, 90, 160)).save(output, "JPEG")
    return output.getvalue(), (width, height)


@pytest.mark.parametrize("size", [(300, 500), (800, 400), (400, 400)])
def test_photo_keeps_its_aspect(size):
    presentation = open_deck(deck_bytes(PROFILE, photo=jpeg(*size)))
    photo = shape(presentation.slides[1], "Photo")
    visible_w = size[0] * (1 - photo.crop_left - photo.crop_right)
    visible_h = size[1] * (1 - photo.crop_top - photo.crop_bottom)
    assert visible_w / visible_h == pytest.approx(photo.width / photo.height, rel=0.01)
    assert min(photo.crop_left, photo.crop_right, photo.crop_top, photo.crop_bottom) >= 0


LONG = "Paragraphe très long avec des mots interminables et des détails 🚀 " * 6
MAXIMAL = dict(
    identity=dict(
        PROFILE.model_dump(mode="json")["identity"],
        name="Marie-Anne-Charlotte Dos Santos de la Fontaine-Mirabeau 🎓✨",
        headline={"fr": LONG, "en": LONG},
    ),
    strengths=[
        {"title": f"Point fort numéro {n} très longuement intitulé 💡 {n}", "explanation": LONG}
        for n in range(10)
    ],
    improvements=[
        {
            "title": f"Axe d'amélioration {n} au titre vraiment très long 🔧",
            "explanation": LONG,
            "action_plan": "**Suivre** une *formation* [certifiante](https://example.org) " + LONG,
            "target": "2027-06",
        }
        for n in range(10)
    ],
)


def maximal_profile():
    data = yaml.safe_load(SAMPLE.read_text("utf-8"))
    data.update(MAXIMAL)
    for item in data["achievements"]:
        item["title"] = {"fr": LONG[:150], "en": LONG[:150]}
        item["results"] = [LONG[:180]] * 4
    for item in data["recommendations"]:
        item["text"] = LONG * 2
        item["role"] = LONG[:150]
    for slide in data["defence"]["slides"]:
        slide["notes"] = "**Gras**, *italique*, `code`, [lien](https://example.org)\n\n- un\n- deux"
    return load_text(yaml.safe_dump(data, allow_unicode=True), base_dir=SAMPLE.parent)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_maximal_profile_fits(lang):
    """Long texts: the slides split as the HTML deck's do, every text whole in its box."""
    profile = maximal_profile()
    presentation = open_deck(deck_bytes(profile, lang, photo=jpeg(300, 500)))
    plan = fitted_plan(profile)
    assert len(presentation.slides) == len(plan) > len(plan_deck(profile))
    assert assert_fits(presentation) > 60
    for slide, planned in zip(presentation.slides, plan, strict=True):
        assert all(size >= FLOOR for _, size in font_sizes(slide))
        titles = [size for _, size in font_sizes_of(slide.shapes.title)]
        assert titles and titles[0] >= HEADING * 0.74  # set, not inherited
        notes = slide.notes_slide.notes_text_frame.text if planned.notes else ""
        expected = ["Gras, italique, code, lien", "• un", "• deux"] if planned.notes else []
        assert notes.splitlines() == expected
    text = deck_text(presentation)
    assert "…" not in text  # the profile wrote none
    quote = typeset(i18n.text(lang, "quote", text=LONG.strip() + " " + LONG.strip()), lang)
    assert words(quote.replace("« ", "«\u00a0").replace(" »", "\u00a0»")) in text


def test_the_longest_name_fits_every_footer():
    """A name of 200 characters, the most a profile takes: the footer grows upward to hold
    it on two lines, on the slide (it once ran past the slide's bottom edge)."""
    name = ("Marie-Charlotte Delacroix-Montmorency de La Tour-Saint-Germain " * 4)[:200]
    data = yaml.safe_load(SAMPLE.read_text("utf-8"))
    data["identity"]["name"] = name.rstrip()
    profile = load_text(yaml.safe_dump(data, allow_unicode=True), base_dir=SAMPLE.parent)
    presentation = open_deck(deck_bytes(profile))
    assert assert_fits(presentation) > 20
    footers = [shape(slide, "Footer") for slide in presentation.slides]
    assert {footer.text_frame.text for footer in footers} == {name.rstrip()}
    numbers = [shape(slide, "Slide number") for slide in presentation.slides]
    for footer, number in zip(footers, numbers, strict=True):
        assert footer.top + footer.height == number.top + number.height  # one bottom line
        assert footer.height > number.height  # two lines
        # above it, the content's box ends 70 of the canvas's 720 above the bottom edge
        assert footer.top >= presentation.slide_height * (720 - 70) / 720 - Pt(0.5)


def test_a_recommendation_quoting_someone_keeps_one_pair_of_guillemets():
    """Its own « » become “ ” inside the deck's « »: the slide, as the HTML deck, shows
    where the whole quote ends."""
    data = yaml.safe_load(SAMPLE.read_text("utf-8"))
    data["recommendations"][0]["text"] = "Qualités rares : « elle ne laisse rien au hasard »."
    profile = load_text(yaml.safe_dump(data, allow_unicode=True), base_dir=SAMPLE.parent)
    text = deck_text(open_deck(deck_bytes(profile)))
    assert "« Qualités rares : “elle ne laisse rien au hasard”. »" in text, text


def test_minimal_profile(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / "profile.yaml").write_text(MINIMAL, "utf-8")
    shutil.copy(ROOT / "pelican.conf.py", tmp_path / "pelican.conf.py")
    shutil.copytree(ROOT / "theme", tmp_path / "theme")
    site = run_pelican(tmp_path / "pelican.conf.py", pdf=False, formats=("pptx",)).output
    assert not (site / "en").exists()
    presentation = open_deck(site / "soutenance.pptx")
    profile = load_text(MINIMAL)
    assert [s.shapes.title.text for s in presentation.slides] == expected_titles(profile, "fr")
    pictures = [s for slide in presentation.slides for s in slide.shapes if s.shape_type == 13]
    assert pictures == []
    # what the slides lack is said on screen (the HTML deck) and by `check`; the
    # PowerPoint, like the PDF, is the jury's copy: its heading alone
    assert all(shape(slide, "To do") is None for slide in presentation.slides)
    assert not any(slide.has_notes_slide for slide in presentation.slides)
    assert assert_fits(presentation) > 10


def test_hidden_photo_and_formats(tmp_path):
    root = copy_sample(
        tmp_path / "a", "      city: public\n", "      city: public\n      photo: private\n"
    )
    site = run_pelican(root / "pelican.conf.py", pdf=False, formats=("pptx",)).output
    slides = list(open_deck(site / "soutenance.pptx").slides)
    assert shape(slides[1], "Photo") is None
    other = tmp_path / "b"  # the settings' formats: a minimal profile is enough
    (other / "content").mkdir(parents=True)
    (other / "content/profile.yaml").write_text(MINIMAL, "utf-8")
    shutil.copy(ROOT / "pelican.conf.py", other / "pelican.conf.py")
    shutil.copytree(ROOT / "theme", other / "theme")
    with (other / "pelican.conf.py").open("a", encoding="utf-8") as settings:
        settings.write('\nPROFILE_GEN_FORMATS = {"pdf"}\n')
    site = run_pelican(other / "pelican.conf.py", pdf=False, formats=()).output
    assert not list(site.rglob("*.pptx"))


HOSTILE = [
    "<script>alert(1)</script>",
    "javascript:alert(1)",
    '{ HYPERLINK "https://evil.example" }',
    "=cmd|' /C calc'!A0",
]


def test_hostile_text_stays_inert():
    data = yaml.safe_load(SAMPLE.read_text("utf-8"))
    data["identity"]["name"] = HOSTILE[0]
    data["strengths"][0]["title"] = HOSTILE[1]
    data["strengths"][1]["title"] = HOSTILE[2]
    data["strengths"][2]["explanation"] = HOSTILE[3]
    data["defence"]["slides"][0]["notes"] = "[clic](javascript:alert(1)) <script>x</script>"
    profile = load_text(yaml.safe_dump(data, allow_unicode=True), base_dir=SAMPLE.parent)
    data = deck_bytes(profile)
    presentation = open_deck(data)
    text = " ".join(
        s.text_frame.text for slide in presentation.slides for s in slide.shapes if s.has_text_frame
    )
    for hostile in HOSTILE:
        assert typeset(hostile, "fr") in text
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        external = set()
        for name in archive.namelist():
            if name.endswith(".rels"):
                rels = BeautifulSoup(archive.read(name), "xml")
                external |= {
                    r["Target"] for r in rels.find_all("Relationship", TargetMode="External")
                }
        types = archive.read("[Content_Types].xml").decode()
        slides = [name for name in archive.namelist() if name.startswith("ppt/slides/slide")]
        fields = [archive.read(name).count(b"<a:fld ") for name in slides]
        numbers = [archive.read(name).count(b'type="slidenum"') for name in slides]
    assert external == LINKS
    assert "macroEnabled" not in types and "vbaProject" not in types
    assert fields == numbers == [1] * len(slides)  # the slide number, no other field
    notes = presentation.slides[0].notes_slide.notes_text_frame.text
    # a javascript: link is no link in Markdown (as in the Book): it stays text, as written
    assert notes == "[clic](javascript:alert(1)) <script>x</script>"


def test_measurement_table_matches_the_font():
    """The table holds the shipped font's advance widths (bold here)."""
    font_file = ROOT / "theme/static/fonts/atkinson-hyperlegible-700-normal.ttf"
    from PIL import ImageFont

    font = ImageFont.truetype(str(font_file), 100)
    for char in "AVWaimé—«»’€0123456789":
        assert measure.text_width(char, 100, "bold") == pytest.approx(font.getlength(char), abs=0.5)
    assert measure.text_width("🚀", 100) == pytest.approx(measure.MISSING_EM * 100, abs=0.1)


@pytest.mark.parametrize(
    "kept", [("achievements",), ("achievements", "languages", "certifications")]
)
def test_a_count_of_none_is_no_figure(kept):
    """ "0 certification" on the jury's slide reads as a weakness: the profile slide shows
    the counts the profile has some of (one to four, two a row), in PowerPoint as in the
    HTML deck and the Book's home, each inside the slide."""
    from profile_gen.views.book import FIGURES

    data = yaml.safe_load(SAMPLE.read_text("utf-8"))
    for key in FIGURES:
        if key not in kept:
            data[key] = []
    if "recommendations" not in kept:
        data["defence"]["slides"] = [
            s for s in data["defence"]["slides"] if s.get("type") != "recommendations"
        ]
    profile = load_text(yaml.safe_dump(data, allow_unicode=True), base_dir=SAMPLE.parent)
    presentation = open_deck(deck_bytes(profile, photo=jpeg(300, 500)))
    names = {s.name for slide in presentation.slides for s in slide.shapes}
    shown = {name.removeprefix("Figure ") for name in names if name.startswith("Figure ")}
    assert shown == set(kept)
    assert_fits(presentation)
