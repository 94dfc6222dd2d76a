"""The annexe as Word: `annexe.docx` read back with python-docx, its XML inspected, its QR
codes decoded (zxing-cpp), and, with LibreOffice, converted to PDF and read again."""

from __future__ import annotations

import datetime
import inspect
import io
import os
import re
import shutil
import subprocess
import textwrap
import zipfile
from pathlib import Path

import docx
import pypdfium2
import pytest
import zxingcpp
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from PIL import Image
from pypdf import PdfReader

from profile_gen.app.build import run_pelican
from profile_gen.i18n import en, fr
from profile_gen.profile.loader import load
from profile_gen.profile.readiness import ANNEXE_ITEMS
from profile_gen.site.docx import inline, markdown
from profile_gen.site.keys import FORMATS_KEY
from tests.conftest import ROOT, SAMPLE, copy_sample

PROFILE = load(SAMPLE)
LINKS = [str(PROFILE.links.book), str(PROFILE.links.linkedin)]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
IN_CI = os.environ.get("CI", "").lower() == "true"


def build(root: Path, formats: tuple[str, ...] = ("docx",), output: Path | None = None) -> Path:
    """Build the content of `root` (a copy of the sample, edited) writing only `formats`
    (no PDFs); the path of its `annexe.docx`."""
    settings = root / "pelican.conf.py"
    options = {}
    if "formats" in inspect.signature(run_pelican).parameters:
        options["formats"] = formats  # `run_pelican` chooses the formats itself
    else:  # the setting `run_pelican` passes on
        settings.write_text(
            settings.read_text("utf-8") + f"\n{FORMATS_KEY} = {set(formats)!r}\n", "utf-8"
        )
    built = run_pelican(settings, output or root / "output", pdf=False, **options)
    return built.output / "annexe.docx"


@pytest.fixture(scope="session")
def sample_docx(tmp_path_factory) -> Path:
    return build(copy_sample(tmp_path_factory.mktemp("docx-sample")))


def part_xml(path: Path, name: str = "word/document.xml") -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name).decode("utf-8")


def headings(document, level: int) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def pictures(document) -> list[tuple[bytes, int, int, str]]:
    """Every picture of the document (tables included): bytes, width, height (EMU), alt."""
    found = []
    for shape in document.inline_shapes:
        inline_element = shape._inline
        r_id = inline_element.graphic.graphicData.pic.blipFill.blip.embed
        blob = document.part.related_parts[r_id].blob
        found.append((blob, shape.width, shape.height, inline_element.docPr.get("descr")))
    return found


def qr_codes(document) -> dict[str, tuple[float, float, int]]:
    """The QR codes among the pictures, by text: printed width of the picture and of the
    symbol (cm), and the picture's resolution (pixels per inch)."""
    found = {}
    for blob, width, _height, _alt in pictures(document):
        image = Image.open(io.BytesIO(blob))
        for barcode in zxingcpp.read_barcodes(image.convert("L")):
            assert "QR" in str(barcode.format) and "Micro" not in str(barcode.format)
            points = barcode.position
            symbol_px = points.top_right.x - points.top_left.x
            width_cm = width / 360000
            found[barcode.text] = (
                width_cm,
                symbol_px / image.width * width_cm,
                round(image.width / (width_cm / 2.54)),
            )
    return found


def hyperlink_targets(path: Path) -> set[str]:
    document = docx.Document(str(path))
    parts = [document.part, *(s.footer.part for s in document.sections)]
    return {
        rel.target_ref
        for part in parts
        for rel in part.rels.values()
        if rel.reltype == RT.HYPERLINK
    }


# ---------------------------------------------------------------------------- structure


def test_items_in_the_methodology_order_with_word_heading_styles(sample_docx):
    document = docx.Document(str(sample_docx))
    assert headings(document, 1) == [f"{PROFILE.identity.name} — Annexes"]
    assert headings(document, 2) == [fr.LABELS[f"item.{key}"] for key in ANNEXE_ITEMS]
    # the built-in styles (ids and names Word merges with its own on paste)
    styles = {p.style.style_id for p in document.paragraphs if p.style.name.startswith("Head")}
    assert styles == {"Heading1", "Heading2", "Heading3"}
    heading2 = document.styles["Heading 2"].element
    assert heading2.find(f"{W}name").get(f"{W}val") == "heading 2"
    assert heading2.pPr.numPr is not None  # "1.", "2."... numbered by the style, renumberable
    assert heading2.pPr.find(f"{W}outlineLvl").get(f"{W}val") == "1"  # enters the TOC
    entries = headings(document, 3)
    for job in PROFILE.experience:
        assert f"{PROFILE.text(job.title)} — {job.organization}" in entries
    for achievement in PROFILE.achievements:
        assert PROFILE.text(achievement.title) in entries


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


def test_references_in_the_chosen_style(tmp_path):
    root = copy_sample(tmp_path)
    settings = root / "pelican.conf.py"
    settings.write_text(
        settings.read_text("utf-8").replace('CITATION_STYLE = "apa"', 'CITATION_STYLE = "harvard"')
        + 'CITATION_ACCESSED = "2026-11-20"\n',
        "utf-8",
    )
    document = docx.Document(str(build(root)))
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
        paragraph = next(p for p in document.paragraphs if p.text == url)
        links = paragraph._p.findall(qn("w:hyperlink"))
        assert len(links) == 1
        assert document.part.rels[links[0].get(qn("r:id"))].target_ref == url
    alts = [alt for *_, alt in pictures(document)]
    assert f"QR code vers {LINKS[0]}" in alts and f"QR code vers {LINKS[1]}" in alts


def replace_photo(root: Path, size: tuple[int, int]) -> None:
    image = Image.new("RGB", size, (200, 180, 160))
    image.paste((40, 60, 90), (size[0] // 4, size[1] // 4, size[0] // 2, size[1] // 2))
    image.save(root / "content/images/portrait.jpg", "JPEG")


@pytest.mark.parametrize("size", [(600, 800), (800, 600)], ids=["portrait", "landscape"])
def test_photo_keeps_its_proportions(tmp_path, size):
    root = copy_sample(tmp_path)
    replace_photo(root, size)
    document = docx.Document(str(build(root)))
    photos = [(w, h, alt) for blob, w, h, alt in pictures(document) if blob[:2] == b"\xff\xd8"]
    assert len(photos) == 1
    width, height, alt = photos[0]
    assert abs(width / height - size[0] / size[1]) < 0.005
    assert max(width, height) == Cm(4.5) or abs(max(width, height) - Cm(4.5)) < 2
    assert alt == PROFILE.text(PROFILE.identity.photo.alt)


def test_a_private_photo_stays_out(tmp_path):
    root = copy_sample(tmp_path, "      phone: annexe", "      phone: annexe\n      photo: private")
    document = docx.Document(str(build(root)))
    assert all(blob[:2] != b"\xff\xd8" for blob, *_ in pictures(document))
    assert len(qr_codes(document)) == 2


# ---------------------------------------------------------------------------- other profiles


MINIMAL_EN = """\
locale: en
identity:
  name: Sam Minimal
  headline: Junior analyst
languages:
  - name: English
    level: native
"""


def write_content(root: Path, profile: str) -> Path:
    shutil.copytree(ROOT / "theme", root / "theme")
    shutil.copy(ROOT / "pelican.conf.py", root / "pelican.conf.py")
    (root / "content").mkdir()
    (root / "content/profile.yaml").write_text(textwrap.dedent(profile), "utf-8")
    return root


def test_minimal_profile_gives_a_valid_document(tmp_path):
    path = build(write_content(tmp_path, MINIMAL_EN))
    document = docx.Document(str(path))
    assert headings(document, 2) == [en.LABELS[f"item.{key}"] for key in ANNEXE_ITEMS]
    assert headings(document, 1) == [f"Sam Minimal — {en.LABELS['annexe.title']}"]
    assert pictures(document) == []  # no photo, no links: no QR code
    assert hyperlink_targets(path) == set()
    assert document.styles["Normal"].element.rPr.find(qn("w:lang")).get(qn("w:val")) == "en-GB"
    assert document.core_properties.language == "en-GB"
    cv, table = document.tables
    assert "Sam Minimal" in cv.cell(0, 1).text
    assert [c.text for c in table.rows[1].cells] == ["English", en.LABELS["cefr.native"], ""]
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None


def test_long_name_and_many_skills_fit_the_properties(tmp_path):
    name = "Marie-" + "Anne-" * 37 + "Dupont"  # 198 characters: the longest name allowed
    skills = "".join(f"  - name: Compétence numéro {i}\n" for i in range(60))
    profile = MINIMAL_EN.replace("Sam Minimal", name) + "skills:\n" + skills
    document = docx.Document(str(build(write_content(tmp_path, profile))))
    core = document.core_properties
    assert len(core.title) <= 255 and core.title.startswith(name) and core.author == name
    assert len(core.keywords) <= 255 and core.keywords.endswith("…")
    assert core.keywords[:-1].split(", ")[-1].startswith("Compétence numéro")  # whole items
    assert headings(document, 1) == [f"{name} — {en.LABELS['annexe.title']}"]  # in full


def test_same_input_same_bytes(tmp_path, monkeypatch):
    root = copy_sample(tmp_path)
    first = build(root).read_bytes()
    assert build(root, output=tmp_path / "again").read_bytes() == first
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    core = docx.Document(str(build(root))).core_properties
    expected = datetime.datetime(2023, 11, 14, 22, 13, 20)
    assert core.created.replace(tzinfo=None) == expected == core.modified.replace(tzinfo=None)
    with zipfile.ZipFile(tmp_path / "output/annexe.docx") as archive:
        assert {info.date_time for info in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}


def test_docx_format_can_be_left_out(tmp_path):
    path = build(copy_sample(tmp_path), formats=("pptx",))
    assert not path.exists() and (path.parent / "annexe/index.html").exists()


HOSTILE = r"""
locale: fr
identity:
  name: "Zoé <script>alert(1)</script> Test 🚀"
  headline: "{ MERGEFIELD Nom } javascript:alert(1)"
  contact:
    email: zoe@example.org
links:
  book: https://zoe.example.org/book/
summary: |
  Texte { MERGEFIELD Nom } et { DDEAUTO "c:\\windows\\system32\\cmd.exe" } <script>alert(1)</script>
  [piège](javascript:alert(1)) [data](data:text/html,x) [fichier](file:///etc/passwd)
  [relatif](../x) [courriel](mailto:a@example.org) [bon](https://ok.example.org/page)
  <a href="javascript:alert(2)">lien</a>
experience:
  - title: "Poste { HYPERLINK \"https://evil.example\" }"
    organization: "Org { INCLUDETEXT \"c:/x\" }"
    start: 2024-01
    end: present
    description: "**gras** { PAGE } \x01\x0b\x7f fin"
    highlights: ["<img src=x onerror=alert(1)>"]
recommendations:
  - author: "<b>Chef</b>"
    text: "{ SET x \"y\" } [z](vbscript:msgbox)"
"""


def test_hostile_text_stays_inert(tmp_path):
    path = build(write_content(tmp_path, HOSTILE))
    document = docx.Document(str(path))
    text = "\n".join(p.text for p in document.paragraphs)
    for fragment in (
        "{ MERGEFIELD Nom }",
        "<script>alert(1)</script>",
        '{ DDEAUTO "c:\\windows\\system32\\cmd.exe" }',
        "[piège](javascript:alert(1))",
        '<a href="javascript:alert(2)">lien</a>',
        '{ HYPERLINK "https://evil.example" }',
        "<img src=x onerror=alert(1)>",
        "{ PAGE }",
        '{ SET x "y" }',
    ):
        assert fragment in text, fragment
    assert "gras \ufffd\ufffd\ufffd fin" in text.replace("{ PAGE } ", "")
    # only the profile's own http(s) links are hyperlinks
    assert hyperlink_targets(path) == {
        "https://zoe.example.org/book/",
        "https://ok.example.org/page",
    }
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        content_types = archive.read("[Content_Types].xml").decode()
        xml = {name: archive.read(name).decode("utf-8") for name in names if name.endswith("xml")}
    assert not any("vbaProject" in name or name.endswith(".bin") for name in names)
    assert "macroEnabled" not in content_types
    for name, part in xml.items():
        assert "w:fldChar" not in part and "w:instrText" not in part, name
        assert "altChunk" not in part and "oleObject" not in part, name
        fields = re.findall(r'w:instr="([^"]*)"', part)
        assert fields in ([], [" PAGE "]), (name, fields)
        for target, mode in re.findall(r'Target="([^"]*)"(?: TargetMode="(\w+)")?', part):
            assert mode != "External" or target.startswith("https://"), (name, target)


def test_markdown_becomes_word_formatting():
    document = docx.Document()
    from profile_gen.site.docx import styles

    styles.setup(document, "fr")
    markdown.write(
        document,
        "Un **gras** et *italique* et [lien](https://a.example.org/x).\n\n"
        "- puce *un*\n- puce deux\n  1. sous-liste\n\n"
        "3. trois\n4. quatre\n\npara\n\n1. un\n2. deux\n\n> citation\n\n## Titre\n\n"
        "| a | b |\n|---|---|\n| **1** | 2 |\n\n```\ncode  x\n  y\n```\n",
    )
    paragraphs = document.paragraphs
    first = paragraphs[0]
    assert [(r.text, bool(r.bold), bool(r.italic)) for r in first.runs] == [
        ("Un ", False, False),
        ("gras", True, False),
        (" et ", False, False),
        ("italique", False, True),
        (" et ", False, False),
        (".", False, False),
    ]
    assert first.text == "Un gras et italique et lien."  # the link's run is in w:hyperlink
    link = first._p.find(qn("w:hyperlink"))
    assert document.part.rels[link.get(qn("r:id"))].target_ref == "https://a.example.org/x"
    by_style = [(p.style.name, p.text) for p in paragraphs[1:]]
    assert by_style[:4] == [
        ("List Bullet", "puce un"),
        ("List Bullet", "puce deux"),
        ("List Number 2", "sous-liste"),
        ("List Number", "trois"),
    ]
    assert ("Quote", "citation") in by_style and ("Heading 4", "Titre") in by_style
    assert ("Normal", "code  x\n  y") in by_style  # spaces and lines kept
    assert not any("**" in text or "](" in text for _, text in by_style)
    # each numbered list has its own numbering, starting where the Markdown says
    numbers = {}
    for paragraph in paragraphs:
        num_pr = paragraph._p.pPr.numPr if paragraph._p.pPr is not None else None
        if num_pr is not None and paragraph.style.name.startswith("List Number"):
            numbers.setdefault(paragraph.text, num_pr.numId.val)
    assert numbers["trois"] == numbers["quatre"] != numbers["un"] == numbers["deux"]
    numbering = document.part.numbering_part.element
    starts = {
        num.numId: num.find(f"{W}lvlOverride/{W}startOverride").get(f"{W}val")
        for num in numbering.findall(f"{W}num")
        if num.find(f"{W}lvlOverride") is not None
    }
    assert starts[numbers["trois"]] == "3" and starts[numbers["un"]] == "1"
    (table,) = document.tables
    assert table.cell(1, 0).paragraphs[0].runs[0].bold


def test_characters_xml_cannot_hold_become_visible_replacements():
    assert inline.clean("a\x00b\x1fc\x7fd\ud800e\tf\ng") == "a\ufffdb\ufffdc\ufffdd\ufffde\tf\ng"
    for url in ("javascript:alert(1)", "file:///etc/passwd", "https://a b", "//x.org", None):
        assert not inline.is_web_url(url)
    assert inline.is_web_url("https://ok.example.org/a?b=c#d")


# ---------------------------------------------------------------------------- LibreOffice


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    message = "LibreOffice is missing: apt-get install libreoffice-writer-nogui"
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def docx_as_pdf(sample_docx, tmp_path_factory) -> Path:
    """The sample's annexe.docx converted by LibreOffice, once per session, with its own
    user profile (a first start writes one; parallel sessions must not share it)."""
    program = soffice()
    folder = tmp_path_factory.mktemp("libreoffice")
    profile = (folder / "profile").as_uri()
    command = [program, f"-env:UserInstallation={profile}", "--headless", "--norestore"]
    command += ["--convert-to", "pdf", "--outdir", str(folder), str(sample_docx)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    pdf = folder / "annexe.pdf"
    assert pdf.exists(), (result.returncode, result.stdout, result.stderr)
    return pdf


def test_libreoffice_lays_it_out(docx_as_pdf):
    reader = PdfReader(docx_as_pdf)
    assert 4 <= len(reader.pages) <= 15
    for page in reader.pages:
        assert abs(float(page.mediabox.width) - 595.3) < 1
    pages = [" ".join((page.extract_text() or "").split()) for page in reader.pages]
    text = " ".join(pages)
    positions = [
        text.find(f"{number}. {fr.LABELS['item.' + key]}")
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
