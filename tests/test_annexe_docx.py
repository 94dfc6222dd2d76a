"""The annexe as Word: `annexe.docx` read back with python-docx, its XML inspected, its QR
codes decoded (zxing-cpp), and, with LibreOffice, converted to PDF and read again."""

from __future__ import annotations

import io
import itertools
import re
import zipfile
from pathlib import Path

import docx
import pypdfium2
import pytest
import zxingcpp
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from PIL import Image
from pypdf import PdfReader

from profile_gen.i18n import fr
from profile_gen.profile.loader import load
from profile_gen.profile.readiness import ANNEXE_ITEMS
from profile_gen.typography import typeset
from tests.conftest import LIBREOFFICE, SAMPLE, copy_sample
from tests.docx_support import W, build, headings, part_xml, pictures, qr_codes

PROFILE = load(SAMPLE)
LINKS = [str(PROFILE.links.book), str(PROFILE.links.linkedin)]


pytestmark = pytest.mark.xdist_group(LIBREOFFICE)  # with the decks' tests: one LibreOffice run


# ---------------------------------------------------------------------------- structure


def test_items_in_the_methodology_order_with_word_heading_styles(sample_docx):
    document = docx.Document(str(sample_docx))
    assert headings(document, 1) == [f"{PROFILE.identity.name} — Annexes"]
    assert headings(document, 2) == [
        typeset(fr.LABELS[f"annexe.heading.{key}"], "fr") for key in ANNEXE_ITEMS
    ]
    # the built-in styles (ids and names Word merges with its own on paste)
    styles = {p.style.style_id for p in document.paragraphs if p.style.name.startswith("Head")}
    assert styles == {"Heading1", "Heading2", "Heading3"}
    heading2 = document.styles["Heading 2"].element
    assert heading2.find(f"{W}name").get(f"{W}val") == "heading 2"
    assert heading2.pPr.numPr is not None  # "1.", "2."... numbered by the style, renumberable
    assert heading2.pPr.find(f"{W}outlineLvl").get(f"{W}val") == "1"  # enters the TOC
    entries = headings(document, 3)
    for job in PROFILE.experience:
        assert typeset(f"{PROFILE.text(job.title)} — {job.organization}", "fr") in entries
    for achievement in PROFILE.achievements:
        assert typeset(PROFILE.text(achievement.title), "fr") in entries


def test_an_entrys_heading_and_dates_stay_with_its_text(sample_docx):
    """A heading, and the italic line of dates under it, never end a page alone (Word's
    "keep with next"; LibreOffice showed a project's title and dates at a page's foot)."""
    document = docx.Document(str(sample_docx))
    paragraphs = document.paragraphs
    metas = [
        paragraph
        for before, paragraph in itertools.pairwise(paragraphs)
        if before.style.name == "Heading 3"
        and paragraph.runs
        and all(run.italic for run in paragraph.runs)
    ]
    assert len(metas) >= len(PROFILE.achievements)
    assert all(meta.paragraph_format.keep_with_next for meta in metas)
    for level in (1, 2, 3):
        style = document.styles[f"Heading {level}"]
        assert style.paragraph_format.keep_with_next is True


def test_body_is_times_new_roman_12_one_and_a_half_justified(sample_docx):
    document = docx.Document(str(sample_docx))
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size == Pt(12)
    fonts = normal.element.rPr.rFonts
    for script in ("ascii", "hAnsi", "eastAsia", "cs"):
        assert fonts.get(qn(f"w:{script}")) == "Times New Roman"
    assert normal.paragraph_format.line_spacing == 1.5
    assert normal.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert normal.element.rPr.find(qn("w:lang")).get(qn("w:val")) == "fr-FR"
    # no theme font anywhere: it would win over the explicit font
    assert "Theme=" not in part_xml(sample_docx, "word/styles.xml").replace("themeColor", "")
    # the summary is body text: Normal style, no direct font, size or alignment
    summary = next(p for p in document.paragraphs if p.text.startswith("Cheffe de projet SI en"))
    assert summary.style.name == "Normal" and summary.paragraph_format.alignment is None
    assert all(r.font.name is None and r.font.size is None for r in summary.runs)
    assert [r.text for r in summary.runs if r.bold] == ["Transalp Logistique"]
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert all(abs(m.cm - 2.5) < 0.01 for m in margins)


def test_page_number_is_the_only_field(sample_docx):
    footer = part_xml(sample_docx, "word/footer1.xml")
    assert re.findall(r'<w:fldSimple w:instr="([^"]*)"', footer) == [" PAGE "]
    assert f"{PROFILE.identity.name} — Annexes" in footer
    with zipfile.ZipFile(sample_docx) as archive:
        for name in archive.namelist():
            if name.endswith(".xml"):
                text = archive.read(name).decode("utf-8")
                assert "w:fldChar" not in text and "w:instrText" not in text, name
                if name != "word/footer1.xml":
                    assert "w:fldSimple" not in text, name


def test_properties(sample_docx):
    core = docx.Document(str(sample_docx)).core_properties
    assert core.title == f"{PROFILE.identity.name} — Annexes"
    assert core.author == PROFILE.identity.name
    assert core.subject == fr.LABELS["annexe.subtitle"]
    assert core.language == "fr-FR"
    assert "SQL" in core.keywords
    assert core.created == core.modified and core.revision == 1
    app = part_xml(sample_docx, "docProps/app.xml")
    assert "Microsoft" not in app and "<Template>" not in app
    with zipfile.ZipFile(sample_docx) as archive:
        assert not any("thumbnail" in name for name in archive.namelist())


def test_tables_where_the_pdf_has_tables(sample_docx):
    document = docx.Document(str(sample_docx))
    grids = [t for t in document.tables if t.style is not None and t.style.name == "Table Grid"]
    assert len(grids) == 2  # languages, self-assessment
    languages, competencies = grids
    assert [c.text for c in languages.rows[0].cells] == ["Langue", "Niveau", "Certification"]
    assert len(languages.rows) == 1 + len(PROFILE.languages)
    assert len(competencies.rows) == 1 + len(PROFILE.competencies.items)
    assert competencies.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # repeats
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in competencies.rows)
    assert languages.columns[0].width != languages.columns[2].width
    # the self-assessment's chart, as in the printed annexe, precedes its table
    (chart,) = [p for p in pictures(document) if p[3] == fr.LABELS["chart.title"]]
    blob, width, height, _ = chart
    assert blob.startswith(b"\x89PNG") and abs(width - Cm(15)) < Cm(0.01) and height > Cm(3)
    image = Image.open(io.BytesIO(blob)).convert("L")
    assert image.getextrema() == (0, 255)  # labels and bars drawn, not a blank picture


@pytest.fixture(scope="module")
def edited_docx(tmp_path_factory) -> Path:
    """The sample's annexe.docx, built once with Harvard references and emoji in the name,
    the summary and the photo's alternative text (the tests of each read the whole file)."""
    root = copy_sample(
        tmp_path_factory.mktemp("docx-edited"), "name: Léa Moreau\n", "name: Léa Moreau 🎓\n"
    )
    profile = root / "content/profile.yaml"
    text = profile.read_text(encoding="utf-8")
    text = text.replace("fr: Cheffe de projet SI en", "fr: 🚀 Cheffe de projet SI ✨ ☺ en", 1)
    text = text.replace("Portrait illustré de Léa Moreau", "Portrait 📷 illustré de Léa Moreau ♪")
    profile.write_text(text, encoding="utf-8")
    settings = root / "pelican.conf.py"
    settings.write_text(
        settings.read_text("utf-8")
        + 'CITATION_STYLE = "harvard"\nCITATION_ACCESSED = "2026-11-20"\n',
        "utf-8",
    )
    return build(root)


def test_references_in_the_chosen_style(edited_docx):
    document = docx.Document(str(edited_docx))
    references = [p for p in document.paragraphs if p.style.name == "Bibliography"]
    assert len(references) == len(PROFILE.activities) + 1  # and the sample's article
    available = fr.LABELS["cite.available"]
    assert all(available in p.text for p in references if "http" in p.text)
    assert all("consulté le 20 novembre 2026" in p.text for p in references if "http" in p.text)
    assert fr.LABELS["cite.style.harvard"] in [p.text for p in document.paragraphs]
    italic = [r.text for p in references for r in p.runs if r.italic]
    assert "LinkedIn" in italic


# ---------------------------------------------------------------------------- pictures


def test_qr_codes_decode_to_the_two_links_at_3_cm(sample_docx):
    document = docx.Document(str(sample_docx))
    codes = qr_codes(document)
    assert sorted(codes) == sorted(LINKS)
    for url, (width_cm, symbol_cm, dpi) in codes.items():
        assert width_cm >= 3 and symbol_cm >= 3, (url, width_cm, symbol_cm)
        assert dpi >= 600, (url, dpi)
    # each link is written out under its code, and clickable
    for url in LINKS:
        # shown as written: a zero-width space as a break point would be copied with it
        paragraph = next(p for p in document.paragraphs if p.text == url)
        links = paragraph._p.findall(qn("w:hyperlink"))
        assert len(links) == 1
        assert document.part.rels[links[0].get(qn("r:id"))].target_ref == url
    alts = [alt for *_, alt in pictures(document)]
    assert f"QR code vers {LINKS[0]}" in alts and f"QR code vers {LINKS[1]}" in alts


def test_emoji_are_left_out_as_in_the_pdfs(edited_docx):
    """Times New Roman has no emoji: the text, the footer, the properties and the
    alternative texts leave them out, one space kept between words; symbols the print font
    has (☺ ♪) stay."""
    with zipfile.ZipFile(edited_docx) as archive:
        parts = {
            name: archive.read(name).decode("utf-8")
            for name in archive.namelist()
            if name.endswith((".xml", ".rels"))
        }
    xml = "".join(parts.values())
    assert not re.search("[\U0001f000-\U0001faff\u2728]", xml)
    assert "Cheffe de projet SI ☺ en alternance" in xml
    assert 'descr="Portrait illustré de Léa Moreau ♪"' in xml
    assert "<dc:title>Léa Moreau — " in parts["docProps/core.xml"]
    footer = "".join(text for name, text in parts.items() if "footer" in name)
    assert "Léa Moreau — " in footer


def test_a_private_photo_stays_out(tmp_path):
    root = copy_sample(tmp_path, "      phone: annexe", "      phone: annexe\n      photo: private")
    document = docx.Document(str(build(root)))
    assert all(blob[:2] != b"\xff\xd8" for blob, *_ in pictures(document))
    assert len(qr_codes(document)) == 2


# ---------------------------------------------------------------------------- LibreOffice


@pytest.fixture
def docx_as_pdf(libreoffice_pdfs) -> Path:
    """The sample's annexe.docx as LibreOffice lays it out (converted once per session)."""
    return libreoffice_pdfs["annexe"]


def test_libreoffice_lays_it_out(docx_as_pdf):
    reader = PdfReader(docx_as_pdf)
    assert 4 <= len(reader.pages) <= 15
    for page in reader.pages:
        assert abs(float(page.mediabox.width) - 595.3) < 1
    pages = [" ".join((page.extract_text() or "").split()) for page in reader.pages]
    text = " ".join(pages)
    positions = [
        text.find(f"{number}. {fr.LABELS['annexe.heading.' + key]}")
        for number, key in enumerate(ANNEXE_ITEMS, 1)
    ]
    assert -1 not in positions and positions == sorted(positions), positions
    for job in PROFILE.experience:
        assert job.organization in text
    for number, page in enumerate(pages, 1):
        assert page.endswith(f"— {number}") or f"Annexes — {number}" in page


def test_libreoffice_qr_codes_decode_at_3_cm(docx_as_pdf):
    document = pypdfium2.PdfDocument(docx_as_pdf)
    dpi = 200
    found = {}
    for index in range(len(document)):
        image = document[index].render(scale=dpi / 72).to_pil()
        for barcode in zxingcpp.read_barcodes(image):
            points = barcode.position
            found[barcode.text] = (points.top_right.x - points.top_left.x) / dpi * 2.54
    assert sorted(found) == sorted(LINKS)
    assert all(width >= 3 for width in found.values()), found


def test_the_charts_scale_lines_stand_beside_the_bars_not_across_the_labels():
    """As in the HTML chart: a tick line from 5 units above a bar to 5 below it, so the
    competency's name over the bar is never crossed out."""
    from profile_gen.office.docx import chart as docx_chart
    from profile_gen.views.charts import competency_chart

    geometry = competency_chart(PROFILE)
    data, _ = docx_chart.chart_png(geometry, [""] * len(geometry.bars), None)
    image = Image.open(io.BytesIO(data)).convert("L")
    left, top, right, _ = docx_chart.MARGIN
    scale = image.width / (geometry.width + left + right)
    for bar in geometry.bars:
        for _, x in geometry.ticks[1:]:  # the first tick is where the bars start
            column = round((x + left) * scale)
            beside = image.getpixel((column, round((bar.bar_y - 3 + top) * scale)))
            over_label = image.getpixel((column, round((bar.label_y - 4 + top) * scale)))
            assert beside < 200 and over_label == 255, (bar.competency_id, x, beside, over_label)


def with_keywords(data: dict) -> None:
    data["skills"][0]["keywords"] = [
        "BPMN",
        "UML",
        {"fr": "Récits utilisateur", "en": "User stories"},
    ]
    data["skills"][1]["keywords"] = ["PostgreSQL", "dbt"]


@pytest.mark.pdf  # the Word CV is fitted with WeasyPrint
def test_the_word_cv_lists_each_skill_with_its_keywords_as_the_cv_page(tmp_path):
    """The CV of the Word annexe says what the CV page and its PDF say: each skill, its
    keywords in brackets (`SQL (PostgreSQL, dbt)`)."""
    from bs4 import BeautifulSoup

    from tests.profiles import make_project

    document_path = build(make_project(tmp_path, with_keywords))
    page = (document_path.parent / "cv/index.html").read_text("utf-8")
    shown = BeautifulSoup(page, "html.parser").select_one(".cv-skills").get_text()
    assert "(BPMN, UML, Récits utilisateur)" in shown and "(PostgreSQL, dbt)" in shown
    document = docx.Document(str(document_path))
    paragraphs = [
        p.text
        for table in document.tables
        for row in table.rows
        for cell in row.cells
        for p in cell.paragraphs
    ]
    assert " ".join(shown.split()) in [" ".join(text.split()) for text in paragraphs]


def imported_jobs() -> dict:
    """A profile as a LinkedIn import leaves it: jobs that say what they were, nothing
    else to fill the CV's page with."""
    from tests.profiles import MINIMAL

    jobs = [
        {
            "title": f"Analyste {number}",
            "organization": f"Société {number}",
            "start": f"{2020 + number}-01",
            "end": f"{2020 + number}-12",
            "description": f"Mission {number} : recueil des besoins, **ateliers** et recette "
            f"d'un outil de pilotage pour {10 * number} utilisateurs, livré par étapes.",
        }
        for number in (1, 2, 3)
    ]
    return {**MINIMAL, "locale": "fr", "experience": jobs}


@pytest.mark.pdf  # the CV's content is chosen by laying it out in WeasyPrint
def test_a_cv_with_room_shows_the_jobs_descriptions_in_every_format(tmp_path):
    """A CV that would leave half its page empty shows what each job was (its description)
    on the CV page, in its PDF and in the Word annexe, and still holds on one page."""
    from bs4 import BeautifulSoup
    from pypdf import PdfReader

    from profile_gen.printing.pdf import write_pdfs
    from tests.profiles import make_project

    project = make_project(tmp_path, base=imported_jobs(), articles=False)
    document_path = build(project, formats=("docx", "pdf"))
    output = document_path.parent
    page = BeautifulSoup((output / "cv/index.html").read_text("utf-8"), "html.parser")
    described = [" ".join(d.get_text(" ").split()) for d in page.select(".cv-description")]
    assert len(described) == 3 and all("livré par étapes" in d for d in described)
    document = docx.Document(str(document_path))
    paragraphs = {
        " ".join(p.text.split())
        for table in document.tables
        for row in table.rows
        for cell in row.cells
        for p in cell.paragraphs
    }
    assert set(described) <= paragraphs
    write_pdfs(output, only=("cv.pdf",))
    printed = PdfReader(output / "cv.pdf")
    assert len(printed.pages) == 1
    text = " ".join(printed.pages[0].extract_text().split())
    for description in described:  # the last words of each, where a cut would show
        assert " ".join(description.split()[-4:]) in text, description


def test_a_job_written_right_to_left_keeps_its_date_whole(libreoffice_pdfs):
    """`محللة بيانات — شركة البيانات · 31 janv. 2022 – déc. 2022` in the Word CV: the day
    joined the Arabic (a number after right-to-left letters is theirs to Unicode's
    algorithm) and was printed 150 points away from its month."""
    page = pypdfium2.PdfDocument(libreoffice_pdfs["bidi"])[0].get_textpage()
    chars = [(page.get_text_range(k, 1), page.get_charbox(k)) for k in range(page.count_chars())]
    days = [
        box for (char, _), (after, box) in itertools.pairwise(chars) if char == "3" and after == "1"
    ]
    assert days
    for _, day_top, day_right, _ in days:
        months = [
            box[0] - day_right for char, box in chars if char == "j" and abs(box[1] - day_top) < 4
        ]
        assert months and min(abs(gap) for gap in months) < 20, (day_right, months)
