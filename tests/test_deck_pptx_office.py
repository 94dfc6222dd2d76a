"""The PowerPoint deck as LibreOffice Impress shows it: converted to PDF headless (once per
session), one 16:9 page per slide, the text on the page and inside it, the QR codes
readable. Skipped without LibreOffice, except in CI (`.ci/run` installs it)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import zxingcpp

from profile_gen.views.deck_fit import fitted_plan
from tests.conftest import ROOT, require
from tests.test_deck_pptx import (
    LINKS,
    PROFILE,
    deck_bytes,
    expected_titles,
    jpeg,
    maximal_profile,
)


def with_fonts(folder: Path) -> dict[str, str]:
    """The environment of a machine where the deck's font is installed: fontconfig also
    reads the shipped fonts (as a student who installs them from theme/fonts/)."""
    config = folder / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
        f"<dir>{ROOT / 'theme/static/fonts'}</dir><cachedir>{folder / 'fc'}</cachedir>"
        "</fontconfig>",
        encoding="utf-8",
    )
    return {**os.environ, "FONTCONFIG_FILE": str(config)}


@pytest.fixture(scope="session")
def rendered(tmp_path_factory):
    """The sample deck and the maximal one, converted to PDF in one LibreOffice run."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    require(soffice, "LibreOffice is missing: apt-get install libreoffice-impress-nogui")
    folder = tmp_path_factory.mktemp("pptx-render")
    decks = {"sample": PROFILE, "maximal": maximal_profile()}
    for name, profile in decks.items():
        (folder / f"{name}.pptx").write_bytes(deck_bytes(profile, photo=jpeg(300, 500)))
    command = [soffice, f"-env:UserInstallation={(folder / 'lo').as_uri()}", "--headless"]
    command += ["--convert-to", "pdf", "--outdir", str(folder)]
    command += [str(folder / f"{name}.pptx") for name in decks]
    subprocess.run(command, check=True, capture_output=True, timeout=300, env=with_fonts(folder))
    return {
        name: (profile, pdfium.PdfDocument(folder / f"{name}.pdf"))
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
