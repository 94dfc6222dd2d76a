"""The printed CV and annexe of generated profiles (not only the sample), read back from the
PDFs: the photo cropped to its frame, the CV on one full page, e-mails and dates whole,
jobs newest first, no heading alone at a page bottom, Markdown rendered, no emoji gaps."""

from __future__ import annotations

from pathlib import Path

import pypdfium2
import pytest
from bs4 import BeautifulSoup
from PIL import Image, ImageChops

from profile_gen.app.build import run_pelican
from profile_gen.views.cv import cv_colors
from tests.profiles import (
    BLUE,
    LANDSCAPE,
    LONG_EMAIL,
    MINIMAL,
    RED,
    make_project,
)

SCALE = 2  # render at 144 dpi
FOOTER = 2.4 * 72 / 2.54  # the annexe's bottom margin, in points: the footer lives below it


def build(root: Path) -> Path:
    """The Book, and only the document these tests read of it: the printed CV."""
    return run_pelican(
        root / "pelican.conf.py",
        root / "output",
        pdf=("cv.pdf",),
        content=root / "content",
        formats=("pdf",),
    ).output


@pytest.fixture(scope="module")
def outputs(sample_site_pdf, french_only_pdf, minimal_pdf) -> dict[str, Path]:
    """The sample, a one-language profile with a phone portrait and long texts, and a
    minimal two-language profile (English first) with a landscape photo and a focal point
    (the session's printed builds: read only)."""
    return {
        "sample": sample_site_pdf,
        "portrait": french_only_pdf / "output",
        "landscape": minimal_pdf / "output",
    }


def near(pixel: tuple[int, ...], colour: tuple[int, int, int], tolerance: int = 60) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel[:3], colour, strict=True))


def near_box(image, colours, step: int = 2) -> tuple[int, int, int, int] | None:
    """The bounding box of the pixels of `image` on every `step`-th row and column that are
    `near` one of `colours` (None: not one), computed band by band by Pillow."""
    bands = image.convert("RGB").split()
    found = None
    for colour in colours:
        each = [
            band.point(lambda v, value=value: 255 if abs(v - value) <= 60 else 0)
            for band, value in zip(bands, colour, strict=True)
        ]
        both = ImageChops.darker(ImageChops.darker(each[0], each[1]), each[2])
        found = both if found is None else ImageChops.lighter(found, both)
    width, height = image.size
    row = ((b"\xff" + bytes(step - 1)) * (width // step + 1))[:width] + bytes(width * (step - 1))
    grid = Image.frombytes("L", image.size, (row * (height // step + 1))[: width * height])
    return ImageChops.darker(found, grid).getbbox()


def photo_box(image) -> tuple[int, int, int, int] | None:
    """The bounding box of the generated photo's pixels (blue or red) on a rendered page."""
    return near_box(image, (BLUE, RED))


def render(pdf: Path, page: int = 0):
    return pypdfium2.PdfDocument(pdf)[page].render(scale=SCALE).to_pil()


def face_span(image) -> tuple[float, float, float, float]:
    """Where the red face is in `image` (a photo), as fractions: left, top, right, bottom."""
    red = near_box(image, (RED,))
    assert red, "the face is cropped out"
    left, top, right, bottom = red
    width, height = image.size
    return left / width, top / height, (right - 1) / width, (bottom - 1) / height


@pytest.mark.parametrize(
    ("name", "pdf"),
    [
        ("portrait", "cv.pdf"),
        ("landscape", "cv.pdf"),
        ("portrait", "annexe.pdf"),
        ("landscape", "annexe.pdf"),
    ],
)
def test_photo_fills_its_frame_with_its_aspect(outputs, name, pdf):
    """No oval, no stretching: the photo is a 4:5 rectangle whose corners are photo pixels,
    and its content keeps the source's proportions (the face block stays a 0.3 x 0.25 block
    of a 3:4 portrait: square-ish, not squashed)."""
    page = render(outputs[name] / pdf)
    box = photo_box(page)
    assert box is not None, "photo not found on the page"
    left, top, right, bottom = box
    width, height = right - left, bottom - top
    assert abs(width / height - 0.8) < 0.03, (width, height)  # the frame: 4:5
    pixels = page.convert("RGB").load()
    for x, y in (
        (left + 3, top + 3),
        (right - 4, top + 3),
        (left + 3, bottom - 4),
        (right - 4, bottom - 4),
    ):
        assert near(pixels[x, y], BLUE) or near(pixels[x, y], RED), (x, y)  # square corners
    face = page.crop(box)
    left, top, right, bottom = face_span(face)
    face_w, face_h = (right - left) * face.width, (bottom - top) * face.height
    if name == "portrait":  # 0.30 of 3024 wide, 0.25 of 4032 high: 907 x 1008 px
        assert abs(face_w / face_h - 907 / 1008) < 0.1
    else:  # the focal point keeps the face at the far left in view
        assert left < 0.1


@pytest.mark.parametrize("name", ["portrait", "landscape"])
def test_the_word_annexe_frames_the_photo_as_the_pdf(outputs, name):
    """The same 4:5 crop around the same focal point: the face sits at the same place of the
    frame in `annexe.docx` as in `cv.pdf`; the frame is 3.6 x 4.5 cm, as in the PDF, and
    the picture itself is cropped to 4:5, not squeezed, from a portrait as from a landscape."""
    import io

    import docx
    from docx.shared import Cm
    from PIL import Image

    from tests.docx_support import pictures

    document = docx.Document(str(outputs[name] / "annexe.docx"))
    [(blob, width, height, alt)] = [p for p in pictures(document) if p[0][:2] == b"\xff\xd8"]
    assert abs(width - Cm(3.6)) < 2 and abs(height - Cm(4.5)) < 2
    assert alt == "Portrait"  # the profile's alternative text (tests/profiles.py)
    with Image.open(io.BytesIO(blob)) as photo:
        assert abs(photo.width / photo.height - 0.8) < 0.01, photo.size
        in_word = face_span(photo)
    page = render(outputs[name] / "cv.pdf")
    in_pdf = face_span(page.crop(photo_box(page)))
    assert all(abs(a - b) < 0.03 for a, b in zip(in_word, in_pdf, strict=True)), (in_word, in_pdf)


def test_without_focal_point_a_side_face_is_cropped(tmp_path):
    """The focal point is what keeps it: centred, the landscape's left-side face is cut."""
    small = ((800, 600), LANDSCAPE[1])  # the landscape's shape and face, fewer pixels to scale
    root = make_project(tmp_path, base=MINIMAL, image=small, articles=False)
    page = render(build(root) / "cv.pdf")
    face = page.crop(photo_box(page))
    assert near_box(face, (RED,), step=3) is None


@pytest.mark.parametrize("name", ["sample", "portrait", "landscape"])
def test_cv_is_one_full_page(outputs, name):
    """One page, and the side column runs from the top margin to the bottom margin."""
    document = pypdfium2.PdfDocument(outputs[name] / "cv.pdf")
    assert len(document) == 1
    page = document[0].render(scale=1).to_pil().convert("RGB")
    panel = tuple(bytes.fromhex(cv_colors(None)[1][1:]))  # no colour: the theme's, tinted
    column = [y for y in range(page.height) if page.getpixel((60, y)) == panel]
    margin = 1.4 * 72 / 2.54
    assert column[0] <= margin + 2 and column[-1] >= page.height - margin - 3, (
        column[0],
        column[-1],
    )


def page_text(pdf: Path) -> list[str]:
    document = pypdfium2.PdfDocument(pdf)
    return [page.get_textpage().get_text_range() for page in document]


def test_long_email_breaks_only_at_safe_points(outputs):
    """The e-mail is whole once the line ends are removed, and no line ends at a hyphen."""
    for pdf in ("cv.pdf", "annexe.pdf"):
        text = page_text(outputs["portrait"] / pdf)[0]
        assert LONG_EMAIL in text.replace("\r\n", "")
        for index, char in enumerate(LONG_EMAIL):
            if char == "-":
                assert LONG_EMAIL[max(0, index - 8) : index + 1] + "\r\n" not in text


@pytest.mark.parametrize("name", ["sample", "portrait"])
def test_printed_spaces_read_as_spaces(outputs, name):
    """French typography puts narrow no-break spaces in « » and before ; ! ? ; the print
    font lacks them, and once one came first, the PDF read every space of that face as one
    (`glyphs.printed_spaces`): no U+202F in the annexe's and the CV's text."""
    for pdf in ("cv.pdf", "annexe.pdf"):
        text = "".join(page_text(outputs[name] / pdf))
        assert "\u202f" not in text and text.count(" ") > 100, pdf


def test_jobs_and_studies_newest_first(outputs):
    """Typed oldest first in the portrait profile: every output lists them newest first."""
    for page in ("cv/index.html", "annexe/index.html", "parcours/index.html"):
        soup = BeautifulSoup((outputs["portrait"] / page).read_text("utf-8"), "html.parser")
        text = " ".join(soup.get_text(" ").split())
        assert text.index("Transalp Logistique") < text.index("Mairie de Bron"), page


def heading_texts(html: Path) -> list[str]:
    soup = BeautifulSoup(html.read_text("utf-8"), "html.parser")
    # the CV's own headings are capitals in print; the items after the CV start on page 2;
    # an item with no data is a heading alone by nature (the preview and `check` say so)
    kept = "section:not(.item-cv):not(.item-incomplete)"
    headings = soup.select(f"{kept} h2, {kept} h3, main caption")
    found = [h.get_text(" ", strip=True) for h in headings]
    return [" ".join(text.split())[:28] for text in found if text]


@pytest.mark.parametrize("name", ["sample", "portrait", "landscape"])
def test_no_heading_alone_at_a_page_bottom(outputs, name):
    """Under every heading of the annexe, on the same page, there is body text."""
    document = pypdfium2.PdfDocument(outputs[name] / "annexe.pdf")
    for heading in heading_texts(outputs[name] / "annexe/index.html"):
        for index in range(1, len(document)):
            textpage = document[index].get_textpage()
            searcher = textpage.search(heading, match_case=True)
            hit = searcher.get_next()
            if not hit:
                continue
            start, count = hit
            bottom = min(textpage.get_charbox(i)[1] for i in range(start, start + count))
            below = [
                i
                for i in range(start + count, textpage.count_chars())
                if textpage.get_text_range(i, 1).strip()
                and FOOTER < textpage.get_charbox(i)[3] < bottom - 2
            ]
            assert below, f"{heading!r} ends page {index + 1}"
            break


def test_markdown_renders_in_the_annexe(outputs):
    soup = BeautifulSoup(
        (outputs["portrait"] / "annexe/index.html").read_text("utf-8"), "html.parser"
    )
    item = soup.find(id="item-achievements")
    assert item.find("em", string="nouvel") and item.find("strong", string="trois")
    assert item.find("em", string="côté client")
    assert "*nouvel*" not in item.get_text()


def test_emoji_leave_no_gap_in_print(outputs):
    """The headline's emoji are left out of the printed pages, kept on the Book."""
    for pdf in ("cv.pdf", "annexe.pdf"):
        text = page_text(outputs["portrait"] / pdf)[0]
        assert "Cheffe de projet SI" in text and "🚀" not in text and "✨" not in text
        assert "Cheffe de projet SI  " not in text.replace("\r\n", " ").replace("SI ·", "")
    home = (outputs["portrait"] / "index.html").read_text("utf-8")
    assert "🚀" in home


def test_chart_bars_start_at_the_scale_origin(outputs):
    soup = BeautifulSoup(
        (outputs["sample"] / "annexe/index.html").read_text("utf-8"), "html.parser"
    )
    svg = soup.select_one(".chart svg")
    first_tick = min(float(t["x"]) for t in svg.select(".tick-label"))
    for bar, label in zip(svg.select("rect.bar"), svg.select(".bar-label"), strict=True):
        assert float(bar["x"]) == first_tick
        # the label's descenders (about 0.3 em of 14 px) end clear of the bar
        assert float(bar["y"]) - float(label["y"]) >= 0.3 * 14 + 4


@pytest.mark.parametrize("name", ["sample", "portrait"])
def test_annexe_cv_holds_its_first_page(outputs, name):
    """Page 1 is the CV, whole (a long two-line name too); the path starts page 2."""
    pages = page_text(outputs[name] / "annexe.pdf")
    assert "1. Curriculum vitae" in pages[0] and "2. Parcours professionnel" not in pages[0]
    assert pages[1].lstrip().startswith("2. Parcours professionnel")
