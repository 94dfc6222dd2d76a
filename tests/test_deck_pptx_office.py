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


def overprints(document) -> list[tuple[int, tuple, tuple]]:
    """(page, box, box) of two runs of text drawn over each other: boxes that share more
    than a third of the smaller one's width and height."""
    found = []
    for number, page in enumerate(document, start=1):
        text_page = page.get_textpage()
        boxes = [text_page.get_rect(index) for index in range(text_page.count_rects())]
        for index, a in enumerate(boxes):
            for b in boxes[index + 1 :]:
                wide = min(a[2], b[2]) - max(a[0], b[0])
                tall = min(a[3], b[3]) - max(a[1], b[1])
                if (
                    wide > min(a[2] - a[0], b[2] - b[0]) / 3
                    and tall > min(a[3] - a[1], b[3] - b[1]) / 3
                ):
                    found.append((number, a, b))
    return found


def crowded_profile():
    """Titles of five lines at the design's font, three-sentence quotes, a long name: the
    boxes a wider face overflows (an outside review's profile, reduced)."""
    import yaml

    from profile_gen.profile.loader import load_text
    from tests.conftest import SAMPLE

    data = yaml.safe_load(SAMPLE.read_text("utf-8"))
    for number, item in enumerate(data["achievements"]):
        item["title"] = {
            "fr": "Déploiement international d'une plateforme réglementaire de gestion "
            f"électronique des documents n° {number}",
            "en": "International roll-out of a regulatory electronic document management "
            f"platform no. {number}",
        }
    for item in data["recommendations"]:
        item["text"] = {
            "fr": "Léa a piloté la migration avec une rigueur remarquable et une écoute "
            "constante des équipes. " * 3,
            "en": "Lea led the migration with remarkable rigour and constant attention to the "
            "teams. " * 3,
        }
    data["identity"]["name"] = "Marie-Éléonore Dûchâteau-Bérengère de La Rochefoucauld-Montbéliard"
    return load_text(yaml.safe_dump(data, allow_unicode=True), base_dir=SAMPLE.parent)


@pytest.fixture(scope="module")
def without_fonts(tmp_path_factory):
    """A crowded deck in French and English as LibreOffice shows it on a machine without the
    designs' fonts (a jury's PC): it draws another, wider face (DejaVu Sans on Debian)."""
    import shutil
    import subprocess

    from tests.conftest import require
    from tests.test_deck_pptx import deck_bytes, jpeg

    program = shutil.which("soffice") or shutil.which("libreoffice")
    require(program, "LibreOffice is missing: apt-get install libreoffice-impress-nogui")
    folder = tmp_path_factory.mktemp("no-fonts")
    profile = crowded_profile()
    sources = [folder / f"{lang}.pptx" for lang in ("fr", "en")]
    for source in sources:
        source.write_bytes(deck_bytes(profile, source.stem, photo=jpeg(300, 500)))
    command = [str(program), f"-env:UserInstallation={(folder / 'lo').as_uri()}", "--headless"]
    command += ["--norestore", "--convert-to", "pdf", "--outdir", str(folder), *map(str, sources)]
    subprocess.run(command, capture_output=True, timeout=300, check=False)
    assert all(source.with_suffix(".pdf").exists() for source in sources)
    return [pdfium.PdfDocument(source.with_suffix(".pdf")) for source in sources]


def test_without_the_fonts_no_text_is_drawn_over_another(rendered, without_fonts):
    """Without the design's font, a wider face made the boxes' text run over the next one
    (an achievement's title over its dates, a quote over its author): the boxes shrink
    their text to fit (`normAutofit`), which LibreOffice applies as it draws."""
    for document in without_fonts:
        assert overprints(document) == []
    assert overprints(rendered["maximal"][1]) == []  # with the fonts: as measured
