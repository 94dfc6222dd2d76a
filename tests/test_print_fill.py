"""Full printed pages: the annexe leaves no page half empty but an item's last (a long table
breaks with its header row repeated), the CV fills its one page from the profile's own
content in the person's colour, and the Word CV shows what the PDF CV shows.

Read back from the PDFs (pypdfium2 text boxes, pypdf bookmarks) and the Word file, for the
sample and generated profiles: minimal, maximal (long texts, two languages), French only
with a long name, and a complete profile with short texts (room on its CV)."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pypdfium2
import pytest
from docx.oxml.ns import qn
from pypdf import PdfReader

from profile_gen.app.build import run_pelican
from profile_gen.i18n import fr
from profile_gen.profile import colors
from profile_gen.profile.loader import load
from profile_gen.profile.readiness import ANNEXE_ITEMS
from profile_gen.typography import typeset
from profile_gen.views.cv import cv_colors
from tests.conftest import SAMPLE
from tests.deck_profiles import maximal
from tests.profiles import long_and_french_only, make_project

CM = 72 / 2.54
ANNEXE_MARGINS = (2.5 * CM, 2.4 * CM)  # print.css: @page (top, bottom)
CV_MARGINS = (1.4 * CM, 1.4 * CM)  # @page cv
MAIN_COLUMN = (1.5 + 5.2 + 0.8) * CM  # the CV's main column: past the margin and the side
GREEN = "#0a7d3b"


def roomy(data: dict) -> None:
    """A complete profile with short texts, in green: its CV has room for more."""
    data["identity"]["color"] = GREEN
    data["summary"] = {lang: text.split("\n\n")[0] for lang, text in data["summary"].items()}
    for job in data["experience"]:
        job["highlights"] = job.get("highlights", [])[:1]
    data["education"] = data["education"][:2]
    data["certifications"] = data["certifications"][:1]


PROFILES = {
    "minimal": {},  # the session's `minimal_pdf`: MINIMAL, no article, a landscape photo
    "maximal": {"base": maximal()},
    "french_only": {"edit": long_and_french_only},
    "roomy": {"edit": roomy},
}
FULL_CVS = ("sample", "french_only", "roomy")
"""Complete profiles: their CV fills its page."""
WORD_READ = ("roomy",)
"""The generated profiles built here whose Word annexe is read (the session's have one)."""


@pytest.fixture(scope="module")
def built(tmp_path_factory, sample_site_pdf, french_only_pdf, minimal_pdf):
    """name -> (profile folder, output folder), each profile built once, on demand."""
    done: dict[str, tuple[Path, Path]] = {}

    def get(name: str) -> tuple[Path, Path]:
        if name == "sample":
            return SAMPLE.parent, sample_site_pdf
        if name == "french_only":  # the session's, with the Word annexe (test_print.py)
            return french_only_pdf / "content", french_only_pdf / "output"
        if name == "minimal":  # the session's (a landscape photo), with the Word annexe
            return minimal_pdf / "content", minimal_pdf / "output"
        if name not in done:
            root = make_project(tmp_path_factory.mktemp(name), **PROFILES[name])
            output = root / "output"
            run_pelican(
                root / "pelican.conf.py",
                output,
                pdf=("annexe.pdf", "cv.pdf"),
                formats=("pdf", "docx") if name in WORD_READ else ("pdf",),
            )
            done[name] = root / "content", output
        return done[name]

    return get


def fills(path: Path, margins: tuple[float, float], right_of: float = 0) -> list[float]:
    """Each page's share of its text area above its lowest text (the footer left out),
    or its lowest text right of `right_of` points (the CV's main column)."""
    top, bottom = margins
    document = pypdfium2.PdfDocument(path)
    shares = []
    for page in document:
        height = page.get_height()
        text = page.get_textpage()
        boxes = [text.get_rect(i) for i in range(text.count_rects())]
        lows = [box[1] for box in boxes if box[0] >= right_of]
        lowest = min((low for low in lows if low > bottom - 1), default=height - top)
        shares.append((height - top - lowest) / (height - top - bottom))
    return shares


def item_pages(path: Path) -> list[int]:
    """The page (from 0) where each annex item starts: the PDF's bookmarks."""
    reader = PdfReader(path)
    return [reader.get_destination_page_number(item) for item in reader.outline]


def page_texts(path: Path, start: int = 0) -> list[str]:
    """Each page's text; the pages before `start` are not read (empty)."""
    pages = PdfReader(path).pages
    return [
        " ".join((page.extract_text() or "").split()) if number >= start else ""
        for number, page in enumerate(pages)
    ]


def plain(text: str) -> str:
    """`text` with its spaces and apostrophes made plain, a line broken after a hyphen
    joined ("week-" / "end")."""
    for special in "\u00a0\u202f\u2009":
        text = text.replace(special, " ")
    return re.sub(r"-\s+", "-", " ".join(text.replace("’", "'").split()))


@pytest.mark.parametrize("name", ["sample", *PROFILES])
def test_no_annexe_page_but_an_items_last_is_under_half_full(built, name):
    _, output = built(name)
    annexe = output / "annexe.pdf"
    starts = item_pages(annexe)
    assert len(starts) == len(ANNEXE_ITEMS)
    assert starts[:2] == [0, 1], "the CV holds on the annexe's first page"
    shares = fills(annexe, ANNEXE_MARGINS)
    lasts = {start - 1 for start in starts[1:]} | {len(shares) - 1}
    thin = {page + 1: round(share, 2) for page, share in enumerate(shares) if share < 0.5}
    assert set(thin) <= {page + 1 for page in lasts}, thin


@pytest.mark.parametrize("name", ["sample", "maximal"])
def test_the_self_assessment_table_breaks_with_its_header_row(built, name):
    _, output = built(name)
    annexe = output / "annexe.pdf"
    first = item_pages(annexe)[ANNEXE_ITEMS.index("self_assessment")]
    texts = page_texts(annexe, first)
    header = " ".join(
        typeset(fr.LABELS[key], "fr") for key in ("competency", "level", "target_level", "evidence")
    )
    caption = next(
        page
        for page in range(first, len(texts))
        if typeset(fr.LABELS["chart.table"], "fr") in texts[page]
    )
    assert header in texts[caption]
    following = texts[caption + 1 :]
    assert following, "the sample's table runs over two pages"
    for text in following:
        assert header in text
    assert fills(annexe, ANNEXE_MARGINS)[caption] > 0.75  # its first rows fill the page


@pytest.mark.parametrize("name", ["sample", *PROFILES])
def test_the_cv_is_one_page_and_a_complete_profiles_fills_it(built, name):
    _, output = built(name)
    (share,) = fills(output / "cv.pdf", CV_MARGINS)
    (main,) = fills(output / "cv.pdf", CV_MARGINS, right_of=MAIN_COLUMN)
    if name in FULL_CVS:
        assert share >= 0.8 and main >= 0.8, (share, main)


@pytest.mark.parametrize("name", ["sample", "roomy", "minimal"])
def test_the_word_cv_shows_what_the_pdf_cv_shows(built, name):
    content, output = built(name)
    profile = load(content / "profile.yaml")
    lang = profile.primary_language
    pdf = plain(page_texts(output / "cv.pdf")[0])
    table = docx.Document(output / "annexe.docx").tables[0]  # the annexe's first item
    word = plain(" ".join(cell.text for cell in table._cells))

    def shown(text: str) -> tuple[bool, ...]:
        def said(value) -> str:  # as every output prints it: in the language's typography
            return plain(typeset(profile.text(value, lang), lang))

        titles = [said(a.title) for a in profile.achievements]
        results = [said(a.results[0]) for a in profile.achievements if a.results]
        links = [said(link.label) for link in profile.links.others]
        return tuple(part in text for part in titles + results + links)

    assert shown(pdf) == shown(word)
    if name == "roomy":  # room for everything: every achievement, result and link
        assert all(shown(pdf))
        assert "Musique (Piano, Jazz)" in pdf and "Musique (Piano, Jazz)" in word
    if name == "sample":  # full: more than the featured achievements' titles
        assert sum(shown(pdf)) > len(profile.featured_achievements)


def test_the_cv_is_in_the_persons_colour(built):
    _, output = built("roomy")
    accent, panel = cv_colors(GREEN)
    assert colors.contrast(accent, "#ffffff") >= colors.AA
    html = (output / "cv/index.html").read_text(encoding="utf-8")
    assert f"--cv-accent: {accent}; --cv-panel: {panel}" in html
    document = docx.Document(output / "annexe.docx")
    name_run = document.tables[0].rows[0].cells[1].paragraphs[0].runs[0]
    assert str(name_run.font.color.rgb) == accent.lstrip("#").upper()
    cell_shading = document.tables[0].rows[0].cells[0]._tc.tcPr.find(qn("w:shd"))
    assert cell_shading.get(qn("w:fill")) == panel.lstrip("#").upper()


def test_the_word_annexes_long_table_repeats_its_header_row(built):
    _, output = built("sample")
    document = docx.Document(output / "annexe.docx")
    header = typeset(fr.LABELS["competency"], "fr")
    (table,) = [t for t in document.tables if t.rows[0].cells[0].text == header]
    rows = [row._tr.trPr for row in table.rows]
    assert rows[0].find(qn("w:tblHeader")) is not None
    assert all(props.find(qn("w:cantSplit")) is not None for props in rows)
    assert all(props.find(qn("w:tblHeader")) is None for props in rows[1:])
