"""Golden outputs and what the formats must agree on, for three profiles (the sample, a
minimal English one, a maximal bilingual one: `tests.golden`), each built once for the
session with every document and its PDFs (`golden_site`, which the deck tests read too).

- Each format's text and structure equal the stored files of `tests/golden/<profile>/`
  (refresh: `.venv/bin/python -m tests.golden --refresh`, then read the diff).
- The PowerPoint says what the HTML deck says, slide by slide; the Word CV what the PDF CV
  says; the English documents' QR codes lead to the English Book.
"""

from __future__ import annotations

import difflib
import io
import re
from datetime import UTC, datetime
from pathlib import Path

import docx
import pytest
import zxingcpp
from bs4 import BeautifulSoup
from PIL import Image
from pptx import Presentation

from profile_gen import i18n
from profile_gen.outputs import place
from profile_gen.profile.loader import load
from profile_gen.typography import typeset
from profile_gen.views.book import Book, book_home
from tests import golden
from tests.conftest import GOLDEN_GROUP
from tests.golden.extract import pptx_slides, slide_texts, soup_of, squeeze
from tests.qr_drawing import drawn as drawn_qr

NAMES = list(golden.PROFILES)
pytestmark = [pytest.mark.pdf, GOLDEN_GROUP]  # the builds print their PDFs (WeasyPrint)


@pytest.fixture
def builds(golden_site):
    """Each golden profile built once (on first use): (content, output); shared with the
    deck tests that read the same profiles (`golden_site`)."""
    return golden_site


def _diff(name: str, file: str, expected: str, actual: str) -> str:
    lines = difflib.unified_diff(
        expected.splitlines(), actual.splitlines(), f"golden/{name}/{file}", "built", lineterm=""
    )
    return "\n".join(list(lines)[:80])


@pytest.mark.parametrize("name", NAMES)
def test_every_format_says_what_its_golden_file_says(builds, name):
    _, site = builds(name)
    actual = {file: golden.dumps(data) for file, data in golden.collect(site).items()}
    expected = golden.stored(name)
    assert sorted(actual) == sorted(expected), f"refresh with {golden.REFRESH}"
    changed = [
        _diff(name, file, expected[file], actual[file])
        for file in expected
        if expected[file] != actual[file]
    ]
    assert not changed, "\n\n".join(changed) + f"\n\nIf meant: {golden.REFRESH}"


# --------------------------------------------------------------------------- across formats


def _plain(text: str) -> str:
    return " ".join(squeeze(text).split())


def _languages(content: Path) -> tuple[list[str], str]:
    profile = load(content / "profile.yaml")
    return list(profile.locale), profile.primary_language


@pytest.mark.parametrize(
    ("name", "lang"), [(n, lang) for n in NAMES for lang in golden.languages(n)]
)
def test_the_powerpoint_says_what_the_html_deck_says(builds, name, lang):
    content, site = builds(name)
    _, primary = _languages(content)
    page = soup_of((site / place("deck", lang, primary) / "index.html").read_text("utf-8"))
    html = [slide_texts(section) for section in page.select("section.slide")]
    pptx = pptx_slides(site / place("deck.pptx", lang, primary))["slides"]
    assert [s["heading"] for s in html] == [s["title"] for s in pptx]
    cut = []
    for number, (shown, drawn) in enumerate(zip(html, pptx, strict=True), 1):
        said = _plain(" ".join(drawn["texts"]))
        for text in shown["texts"]:
            if _plain(text) not in said:
                cut.append((number, text, said))
        assert [q.split()[-1] for q in shown["qr"]] == [p.split()[-1] for p in drawn["pictures"]][
            : len(shown["qr"])
        ]
        notes = page.select("section.slide")[number - 1].select_one("aside.notes")
        budget = _words(notes.select_one(".budget").get_text(" "))
        written = drawn["notes"]
        said_notes = _words(written if isinstance(written, str) else " ".join(written))
        if said_notes:  # else the HTML says there are none (`deck.no_notes`)
            assert _words(notes.get_text(" ")) - budget <= said_notes | budget, number
    assert not cut, cut[:3]


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", squeeze(text).lower()))


@pytest.mark.parametrize("name", NAMES)
def test_the_word_cv_says_what_the_pdf_cv_says(builds, name):
    from pypdf import PdfReader

    content, site = builds(name)
    _, primary = _languages(content)
    printed = _words("\n".join(p.extract_text() for p in PdfReader(site / "cv.pdf").pages))
    document = docx.Document(str(site / "annexe.docx"))
    contact = typeset(i18n.label(primary, "cv.contact"), primary)
    table = next(t for t in document.tables if contact in t.cell(0, 0).text)
    word = _words(" ".join(cell.text for row in table.rows for cell in row.cells))
    # the same words, interests included; "CV" titles the PDF, the annexe's heading the table
    assert (word - printed, printed - word) == (set(), {"cv"})


def _english_home(content: Path) -> str:
    profile = load(content / "profile.yaml")
    home = book_home(profile, Book(profile, str(profile.links.book)), "en")
    assert home
    return home


def _decoded(images: list[Image.Image]) -> set[str]:
    return {code.text for image in images for code in zxingcpp.read_barcodes(image)}


def _svg_codes(page: Path) -> set[str]:
    """The QR codes of an HTML page (inline SVG paths), drawn and decoded."""
    soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
    images = []
    for svg in soup.select("svg.qr"):
        modules = int(svg["viewbox"].split()[-1])  # html.parser lowers names
        path = svg.find("path")  # lines a module wide: stroked, never filled
        assert (path.get("stroke"), path.get("fill")) == ("#000", "none"), path
        images.append(drawn_qr(modules, path["d"]))
    return _decoded(images)


def _pptx_codes(path: Path) -> set[str]:
    images = [
        Image.open(io.BytesIO(shape.image.blob)).convert("L")
        for slide in Presentation(str(path)).slides
        for shape in slide.shapes
        if shape.shape_type == 13 and shape.name.startswith("QR ")
    ]
    return _decoded(images)


def _docx_codes(path: Path) -> set[str]:
    document = docx.Document(str(path))
    images = [
        Image.open(io.BytesIO(part.blob)).convert("L")
        for part in document.part.package.parts
        if part.content_type == "image/png"
    ]
    return _decoded(images)


def _pdf_codes(path: Path) -> set[str]:
    import pypdfium2

    document = pypdfium2.PdfDocument(path)
    return _decoded([document[i].render(scale=3).to_pil() for i in range(len(document))])


@pytest.mark.parametrize("name", ["sample", "minimal_en", "maximal"])
def test_the_english_documents_lead_to_the_english_book(builds, name):
    content, site = builds(name)
    languages, primary = _languages(content)
    home = _english_home(content)
    deck = site / place("deck", "en", primary)
    found = {
        "HTML deck": _svg_codes(deck / "index.html"),
        "PowerPoint": _pptx_codes(site / place("deck.pptx", "en", primary)),
    }
    if primary == "en":  # the printed documents are in the primary language
        found["annexe HTML"] = _svg_codes(site / "annexe/index.html")
        found["annexe PDF"] = _pdf_codes(site / "annexe.pdf")
        found["Word annexe"] = _docx_codes(site / "annexe.docx")
        found["PDF deck"] = _pdf_codes(site / place("deck.pdf", "en", primary))
    else:
        french = _pptx_codes(site / place("deck.pptx", "fr", primary))
        assert home not in french and str(load(content / "profile.yaml").links.book) in french
    for document, codes in found.items():
        books = {code for code in codes if "linkedin" not in code}
        assert books == {home}, (document, codes)
    assert "en" in languages


@pytest.mark.parametrize("name", NAMES)
def test_every_document_has_the_same_date(builds, name):
    """The profile's date (here `SOURCE_DATE_EPOCH`) on the PDFs, the Word annexe and every
    PowerPoint, never a fallback of its own."""
    from pypdf import PdfReader

    content, site = builds(name)
    languages, primary = _languages(content)
    expected = datetime.fromtimestamp(int(golden.EPOCH), UTC).replace(tzinfo=None).isoformat()
    for pdf in ("annexe.pdf", "cv.pdf", place("deck.pdf", primary, primary)):
        created = PdfReader(site / pdf).metadata.creation_date
        assert created.replace(tzinfo=None).isoformat() == expected, pdf
    word = docx.Document(str(site / "annexe.docx")).core_properties.created
    assert word.replace(tzinfo=None).isoformat() == expected
    for lang in languages:
        pptx = Presentation(str(site / place("deck.pptx", lang, primary))).core_properties
        assert pptx.created.isoformat() == expected, lang


@pytest.mark.parametrize("name", NAMES)
def test_the_word_annexe_has_the_html_annexes_items(builds, name):
    """The same items, in the methodology's order, with the same titles; the HTML
    preview's "to complete" markers (`views.annexe`) are not printed, as in the PDF: the
    Word file goes into the thesis as it is."""
    from tests.golden.extract import annexe_html, docx_outline

    _, site = builds(name)
    html = annexe_html(site / "annexe/index.html")
    body = [line for line in docx_outline(site / "annexe.docx")["body"] if isinstance(line, str)]
    headings = [line.split(": ", 1)[1] for line in body if line.startswith("Heading 2: ")]
    assert [item["heading"].split(". ", 1)[1] for item in html] == headings
    printed = "\n".join(body)
    assert [
        item["missing"] for item in html if item["missing"] and item["missing"] in printed
    ] == []
    assert any(item["missing"] for item in html) or name != "minimal_en"
