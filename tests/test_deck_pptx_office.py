"""The PowerPoint deck as LibreOffice Impress shows it: converted to PDF headless (once per
session), one 16:9 page per slide, the text on the page and inside it, the QR codes
readable. Skipped without LibreOffice, except in CI (`.ci/run` installs it)."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest
import zxingcpp

from profile_gen.views.deck_fit import fitted_plan
from tests.conftest import LIBREOFFICE
from tests.test_deck_pptx import (
    LINKS,
    PROFILE,
    expected_titles,
    maximal_profile,
)

pytestmark = pytest.mark.xdist_group(LIBREOFFICE)  # with the Word annexe's: one LibreOffice run


@pytest.fixture(scope="module")
def rendered(libreoffice_pdfs):
    """The sample deck and the maximal one, as LibreOffice shows them (converted to PDF once
    per session, in one LibreOffice run: tests/conftest.py)."""
    decks = {"sample": PROFILE, "maximal": maximal_profile()}
    return {
        name: (profile, pdfium.PdfDocument(libreoffice_pdfs[name]))
        for name, profile in decks.items()
    }


@pytest.mark.parametrize("name", ["sample", "maximal"])
def test_one_16_9_page_per_slide_with_its_text_inside(rendered, name):
    profile, pdf = rendered[name]
    assert len(pdf) == len(fitted_plan(profile))
    titles = expected_titles(profile, profile.primary_language)
    for index, page in enumerate(pdf):
        width, height = page.get_size()
        assert width / height == pytest.approx(16 / 9, rel=0.005)
        text_page = page.get_textpage()
        text = " ".join(text_page.get_text_range().split())
        assert " ".join(titles[index].split()[:2]) in text, index
        for char in range(text_page.count_chars()):
            left, bottom, right, top = text_page.get_charbox(char)
            assert left >= -1 and right <= width + 1 and bottom >= -1 and top <= height + 1, index


def test_qr_codes_decode_from_the_rendered_pages(rendered):
    _, pdf = rendered["sample"]
    for page in (pdf[0], pdf[len(pdf) - 1]):
        image = page.render(scale=2).to_pil().convert("L")
        assert {barcode.text for barcode in zxingcpp.read_barcodes(image)} == LINKS
