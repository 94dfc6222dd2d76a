"""The Word annexe of other profiles: minimal, long, hostile; Markdown as Word formatting;
the same input giving the same bytes."""

from __future__ import annotations

import datetime
import re
import zipfile

import docx
from bs4 import BeautifulSoup
from docx.oxml.ns import qn

from profile_gen.i18n import en
from profile_gen.office.docx import inline, markdown
from profile_gen.profile.readiness import ANNEXE_ITEMS
from profile_gen.typography import typeset
from tests.conftest import copy_sample
from tests.docx_support import W, build, headings, hyperlink_targets, pictures, write_content

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


def test_minimal_profile_gives_a_valid_document(tmp_path):
    path = build(write_content(tmp_path, MINIMAL_EN))
    document = docx.Document(str(path))
    assert headings(document, 2) == [en.LABELS[f"annexe.heading.{key}"] for key in ANNEXE_ITEMS]
    assert headings(document, 1) == [f"Sam Minimal — {en.LABELS['annexe.title']}"]
    assert pictures(document) == []  # no photo, no links: no QR code
    assert hyperlink_targets(path) == set()
    assert document.styles["Normal"].element.rPr.find(qn("w:lang")).get(qn("w:val")) == "en-GB"
    assert document.core_properties.language == "en-GB"
    cv, table = document.tables
    assert "Sam Minimal" in cv.cell(0, 1).text
    # no e-mail, phone or link: no "Contact" heading over nothing, in Word as on the pages
    contact = en.LABELS["cv.contact"]
    assert contact not in cv._tbl.xml and contact.upper() not in cv._tbl.xml
    for page in ("cv/index.html", "annexe/index.html"):
        html = BeautifulSoup((path.parent / page).read_text("utf-8"), "html.parser")
        assert contact not in [h.get_text(strip=True) for h in html.find_all(["h2", "h3"])], page
    assert [c.text for c in table.rows[1].cells] == ["English", en.LABELS["cefr.native"], ""]
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
    # what the items lack is said by the HTML preview and `check`, never printed: the Word
    # file, like the PDF, goes into the thesis as it is
    page = (path.parent / "annexe/index.html").read_text("utf-8")
    assert page.count(en.LABELS["annexe.missing"]) >= 5
    assert en.LABELS["annexe.missing"] not in "\n".join(p.text for p in document.paragraphs)


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
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # the date: any profile's
    dated = build(write_content(tmp_path / "dated", MINIMAL_EN))
    core = docx.Document(str(dated)).core_properties
    expected = datetime.datetime(2023, 11, 14, 22, 13, 20)
    assert core.created.replace(tzinfo=None) == expected == core.modified.replace(tzinfo=None)
    with zipfile.ZipFile(dated) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}


def test_docx_format_can_be_left_out(tmp_path):
    """Another document written, the Word annexe left out (a small profile: the property
    is the build's, not the sample's)."""
    path = build(write_content(tmp_path, MINIMAL_EN), formats=("pptx",))
    assert not path.exists() and (path.parent / "annexe/index.html").exists()
    assert (path.parent / "soutenance.pptx").is_file()


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
    description: "**gras** { PAGE } fin"
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
        assert typeset(fragment, "fr") in text, fragment
    assert "gras fin" in text.replace("{ PAGE } ", "")  # (control characters: refused
    # by the loader, tests/test_inputs_gates.py)
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
    from profile_gen.office.docx import styles

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


VERBATIM = """\
identity:
  name: Zoé Martin
  headline: Cheffe de projet
summary: "J'ai réglé `config: true; x=l'outil` avant la mise en production : fini !"
links:
  book: "https://zoe.example.com/book/?a=1&b=x'y"
"""


def test_code_and_addresses_shown_as_links_stay_as_written(tmp_path):
    """The pages leave code and a link's address as written; so does the Word annexe (its
    last pass set `config: true` as `config : true` and `x'y` as `x’y`), while the prose
    around them is in French typography."""
    path = build(write_content(tmp_path, VERBATIM))
    document = docx.Document(str(path))
    body = document.element.body
    runs = list(body.iter(qn("w:r")))
    texts = ["".join(t.text or "" for t in run.iter(qn("w:t"))) for run in runs]
    code = [
        text
        for run, text in zip(runs, texts, strict=True)
        if (style := run.find(f"{qn('w:rPr')}/{qn('w:rStyle')}")) is not None
        and style.get(qn("w:val")) == inline.style_id(inline.CODE_STYLE)
    ]
    assert code and set(code) == {"config: true; x=l'outil"}  # the summary, where it shows
    whole = "".join(texts)
    assert "J’ai réglé" in whole and "production\u00a0: fini\u202f!" in whole
    shown = [
        "".join(t.text or "" for t in link.iter(qn("w:t"))) for link in body.iter(qn("w:hyperlink"))
    ]
    assert any("b=x'y" in text for text in shown), shown
    assert not any("x’y" in text for text in shown)
