"""Deposit-ready PDFs read back with pikepdf: PDF/A-3u and tagged, metadata, bookmarks,
alternative texts, live links, the attached profile imported back; the deck's PDF."""

from __future__ import annotations

import json
import re
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pikepdf
import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from profile_gen import i18n
from profile_gen.app import cli, cli_words
from profile_gen.app.build import run_pelican
from profile_gen.app.cohort import Outcome, write_index
from profile_gen.book.seo import robots
from profile_gen.interop.embedded import ATTACHMENT_NAME, attachment_text, printed_profile
from profile_gen.outputs import print_paths
from profile_gen.printing import pdf as pdf_step
from profile_gen.profile.deck_plan import plan_deck
from profile_gen.profile.loader import load
from profile_gen.profile.model import Visibility
from profile_gen.profile.readiness import annexe_items
from profile_gen.typography import typeset
from tests.conftest import ROOT, copy_sample

DEPOSIT = ("annexe.pdf", "cv.pdf")
DECKS = ("soutenance.pdf",)


@pytest.fixture
def sample(sample_project_pdf) -> Path:
    """A built copy of the sample: its folder, with `output/` (the session's: read only)."""
    return sample_project_pdf


def fonts_embedded(pdf: pikepdf.Pdf) -> list[str]:
    """Every font of the file, checking each one carries its font program."""
    names = []
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Dictionary) or obj.get("/Type") != "/Font":
            continue
        if obj.get("/Subtype") == "/Type3":  # glyphs drawn in the file itself
            names.append("Type3")
            continue
        fonts = [obj] if obj.get("/Subtype") != "/Type0" else list(obj.DescendantFonts)
        for font in fonts:
            descriptor = font.FontDescriptor
            assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), (
                font.get("/BaseFont")
            )
            names.append(str(font.BaseFont))
    return names


def structure(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    """Every element of the structure tree, depth first."""
    found, stack = [], [pdf.Root.StructTreeRoot]
    while stack:
        node = stack.pop()
        if "/S" in node:
            found.append(node)
        kids = node.get("/K")
        if isinstance(kids, pikepdf.Dictionary):
            kids = [kids]
        if isinstance(kids, pikepdf.Array):
            stack.extend(kid for kid in reversed(list(kids)) if isinstance(kid, pikepdf.Dictionary))
    return found


def uris(pdf: pikepdf.Pdf) -> list[str]:
    return [
        str(annot.A.URI)
        for page in pdf.pages
        for annot in page.get("/Annots", [])
        if annot.get("/Subtype") == "/Link" and "/A" in annot
    ]


@pytest.mark.parametrize("name", DEPOSIT)
def test_annexe_and_cv_are_pdfa_3u_tagged_and_unlocked(sample, name):
    with pikepdf.open(sample / "output" / name) as pdf:
        meta = pdf.open_metadata()
        assert (meta.get("pdfaid:part"), meta.get("pdfaid:conformance")) == ("3", "U")
        assert meta.get("pdfuaid:part") == "1"
        xmp = pdf.Root.Metadata.read_bytes()
        assert b"<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>" in xmp  # declared for PDF/A
        intents = list(pdf.Root.OutputIntents)
        assert [str(intent.S) for intent in intents] == ["/GTS_PDFA1"]
        icc = intents[0].DestOutputProfile.read_bytes()
        assert icc[16:20] == b"RGB " and b"sRGB" in icc
        assert not pdf.is_encrypted and "/Encrypt" not in pdf.trailer
        assert fonts_embedded(pdf) and "Type3" not in fonts_embedded(pdf)
        assert "/StructTreeRoot" in pdf.Root and pdf.Root.MarkInfo.Marked
        assert str(pdf.Root.Lang) == "fr"
        assert pdf.Root.ViewerPreferences.DisplayDocTitle
        for key in ("/JavaScript", "/OpenAction", "/AA"):
            assert key not in pdf.Root and key not in pdf.Root.get("/Names", {})


def parent_tree(pdf: pikepdf.Pdf) -> dict[int, pikepdf.Object]:
    """The structure tree's parent tree (a number tree): each page's array of the elements
    its marked contents belong to, by the page's `/StructParents`."""
    found, stack = {}, [pdf.Root.StructTreeRoot.ParentTree]
    while stack:
        node = stack.pop()
        numbers = list(node.get("/Nums", []))
        found.update({int(numbers[i]): numbers[i + 1] for i in range(0, len(numbers), 2)})
        stack.extend(node.get("/Kids", []))
    return found


def marked_contents(page: pikepdf.Page) -> list[tuple[str, pikepdf.Dictionary | None]]:
    """The page's marked content sequences, in order: their tag and properties."""
    return [
        (str(operands[0]), operands[1] if str(operator) == "BDC" else None)
        for operands, operator in pikepdf.parse_content_stream(page)
        if str(operator) in ("BDC", "BMC")
    ]


@pytest.mark.parametrize("name", DEPOSIT)
def test_every_marked_content_is_in_the_tree_or_an_artifact(sample, name):
    """PDF/UA: content is tagged or an artifact. WeasyPrint left the running footer (name,
    page number) in marked contents no element of the tree claims; they are pagination
    artifacts now, as Word marks footers, and the parent tree points only to elements of
    the tree."""
    with pikepdf.open(sample / "output" / name) as pdf:
        reachable = {element.objgen for element in structure(pdf)}
        parents = parent_tree(pdf)
        footers = 0
        for page in pdf.pages:
            slots = parents[int(page.StructParents)]
            for tag, properties in marked_contents(page):
                if tag == "/Artifact":
                    footers += properties is not None and properties.get("/Type") == "/Pagination"
                    continue
                mcid = int(properties.MCID)
                assert slots[mcid].objgen in reachable, (name, tag, mcid)
            owners = [slot for slot in slots if not isinstance(slot, type(None))]
            assert all(owner.objgen in reachable for owner in owners), name
        if name == "annexe.pdf":  # a footer on every page: the name, then the page number
            assert footers == 2 * len(pdf.pages)


def test_table_headers_say_which_cells_they_head(sample):
    """`<th scope="col">` of a header row and `<th scope="row">` of a body row keep their
    scope in the tags (WeasyPrint drops it); a header row repeated on a table's next page
    is a header row there too."""
    html = (sample / "output/annexe/index.html").read_text("utf-8")
    soup = BeautifulSoup(html, "html.parser")
    expected = [th["scope"] for th in soup.select("table th")]
    with pikepdf.open(sample / "output/annexe.pdf") as pdf:
        headers = [element for element in structure(pdf) if element.S == "/TH"]
        scopes = [str(header.A.Scope) for header in headers]
        assert all(str(header.A.O) == "/Table" for header in headers)
    printed = "".join("C" if scope == "/Column" else "R" for scope in scopes)
    wanted = "".join("C" if s == "col" else "R" for s in expected)
    assert re.sub(r"(?<=R)C+(?=R)", "", printed) == wanted  # less the repeated header rows
    assert "/Column" in scopes and "/Row" in scopes


def test_metadata_title_author_subject_and_the_source_date(sample):
    profile = load(sample / "content/profile.yaml")
    mtime = int((sample / "content/profile.yaml").stat().st_mtime)
    stamp = datetime.fromtimestamp(mtime, UTC)
    subjects = {"annexe.pdf": "Annexes du mémoire", "cv.pdf": "Curriculum vitæ"}
    for name in (*DEPOSIT, "soutenance.pdf"):
        with pikepdf.open(sample / "output" / name) as pdf:
            info = pdf.docinfo
            assert str(info.Title).endswith(" · Léa Moreau") and str(info.Author) == "Léa Moreau"
            assert str(info.Subject).startswith(subjects.get(name, "Soutenance de Léa Moreau"))
            assert str(info.CreationDate) == stamp.strftime("D:%Y%m%d%H%M%SZ")
            assert str(info.ModDate) == str(info.CreationDate)
            if name in DEPOSIT:  # the XMP packet says the same
                meta = pdf.open_metadata()
                assert meta.get("dc:title") == str(info.Title)
                assert meta.get("dc:creator") == [profile.identity.name]
                assert meta.get("dc:description") == str(info.Subject)
                assert meta.get("xmp:CreateDate") == stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
                assert meta.get("xmp:ModifyDate") == meta.get("xmp:CreateDate")


def test_source_date_epoch_wins_over_the_file_date(tmp_path, monkeypatch):
    source = tmp_path / "profile.yaml"
    source.write_text("x", encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    assert pdf_step.source_date(source) == datetime(2026, 1, 1, tzinfo=UTC)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "not a number")
    assert pdf_step.source_date(source).timestamp() == int(source.stat().st_mtime)


def test_one_bookmark_per_annex_item_in_order(sample):
    profile = load(sample / "content/profile.yaml")
    expected = [
        f"{number}. {typeset(i18n.label('fr', 'annexe.heading.' + key), 'fr')}"
        for number, key in enumerate(annexe_items(profile, 3), 1)
    ]
    with pikepdf.open(sample / "output/annexe.pdf") as pdf, pdf.open_outline() as outline:
        assert [item.title for item in outline.root] == expected
        assert all(not item.children for item in outline.root)


def test_photo_chart_and_qr_codes_have_alternative_text(sample):
    profile = load(sample / "content/profile.yaml")
    with pikepdf.open(sample / "output/annexe.pdf") as pdf:
        figures = [node for node in structure(pdf) if node.S == "/Figure"]
        alts = [str(node.get("/Alt", "")) for node in figures]
    assert all(alts), alts
    assert profile.text(profile.identity.photo.alt) in alts
    assert i18n.label("fr", "chart.title") in alts
    for link in (profile.links.book, profile.links.linkedin):
        assert f"QR code vers {link}" in alts
    with pikepdf.open(sample / "output/cv.pdf") as pdf:
        alts = [str(n.get("/Alt", "")) for n in structure(pdf) if n.S == "/Figure"]
    assert alts == [profile.text(profile.identity.photo.alt)]


def test_links_are_live(sample):
    profile = load(sample / "content/profile.yaml")
    mine = {str(profile.links.book), str(profile.links.linkedin)}
    with pikepdf.open(sample / "output/annexe.pdf") as pdf:
        annexe = set(uris(pdf))
    with pikepdf.open(sample / "output/cv.pdf") as pdf:
        cv = set(uris(pdf))
    assert mine <= annexe and mine <= cv
    assert f"mailto:{profile.identity.contact.email}" in cv
    for uri in annexe | cv:
        assert uri.startswith(("https://", "http://", "mailto:")), uri
    # the self-assessment's evidence: the achievements' pages of the public Book
    evidence = [uri for uri in annexe if uri.startswith(f"{profile.links.book}realisations/")]
    assert evidence and all(uri.endswith("/") for uri in evidence), evidence


def test_the_annexe_carries_the_profile_and_import_gives_it_back(sample, run_cli, tmp_path):
    with pikepdf.open(sample / "output/annexe.pdf") as pdf:
        assert list(pdf.attachments) == [ATTACHMENT_NAME]
        spec = pdf.attachments[ATTACHMENT_NAME]
        assert spec.obj.AFRelationship == "/Source"
        assert spec.obj.objgen in {item.objgen for item in pdf.Root.AF}
        attached = spec.get_file()
        assert attached.mime_type == "application/json"
        resume = json.loads(attached.read_bytes())
    assert resume["basics"]["name"] == "Léa Moreau" and "profile_gen" in resume["meta"]
    with pikepdf.open(sample / "output/cv.pdf") as pdf:
        assert not pdf.attachments
    original = load(sample / "content/profile.yaml")
    content = shutil.copytree(sample / "content", tmp_path / "content")
    for command in ("pdf", "jsonresume"):
        target = content / f"recovered-{command}.yaml"  # beside the photo
        result = run_cli("import", command, str(sample / "output/annexe.pdf"), "-o", str(target))
        assert result.code == 0, result.err
        # all but the rehearsal texts (speaker notes, prepared answers): not printed
        assert load(target) == printed_profile(original)
        target.unlink()


def test_import_refuses_a_pdf_without_profile(sample, run_cli, tmp_path):
    result = run_cli("import", "pdf", str(sample / "output/cv.pdf"), "-o", str(tmp_path / "p.yaml"))
    assert result.code == 2 and "ne contient pas de profil joint" in result.err
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 20)
    result = run_cli("import", "pdf", str(broken), "-o", str(tmp_path / "p.yaml"))
    assert result.code == 2 and "Traceback" not in result.err, result.err
    assert not (tmp_path / "p.yaml").exists()


# the same input in another folder gives byte-identical PDFs: tests/test_annexe.py's
# test_without_pdfs_a_build_writes_the_html_and_pdf_prints_it, which prints it again


def test_deck_pdf_one_16_9_page_per_slide_in_order(sample):
    """In the primary language only: the defence's (the English deck stays HTML)."""
    profile = load(sample / "content/profile.yaml")
    name = "soutenance.pdf"
    assert not (sample / "output/en/soutenance.pdf").exists()
    html = (sample / "output/soutenance/index.html").read_text("utf-8")
    slides = BeautifulSoup(html, "html.parser").select("section.slide")
    assert len(slides) == len(plan_deck(profile))
    reader = PdfReader(sample / "output" / name)
    assert len(reader.pages) == len(slides)
    for page, slide in zip(reader.pages, slides, strict=True):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(width / height - 16 / 9) < 0.01
        title = " ".join(slide.find(["h1", "h2"]).get_text().split())
        assert title in " ".join((page.extract_text() or "").split()), title
    with pikepdf.open(sample / "output" / name) as pdf:
        assert str(pdf.Root.Lang) == "fr"


# --------------------------------------------------------------------------- other profiles

ODD = """\
locale: en
identity:
  name: "Zoë <script>alert(1)</script> O'Brien-Łukasiewicz 🎓"
  headline: "Analyst {PAGE} <b>bold</b>"
  contact:
    email: zoe@example.org
    phone: "+44 20 7946 0958"
    address: 1 Private Road, London
    visibility:
      email: private
      address: private
links:
  book: https://zoe.example.org/book/
"""


def test_a_one_language_profile_keeps_its_private_contact_out(tmp_path, run_cli):
    root = copy_sample(tmp_path)
    (root / "content/profile.yaml").write_text(ODD, encoding="utf-8")
    shutil.rmtree(root / "content/articles")  # the sample's article is in French
    # the PDFs it reads (not the CV's: fitting it to its page costs several layouts)
    pdfs = ("annexe.pdf", "soutenance.pdf")
    output = run_pelican(root / "pelican.conf.py", pdf=pdfs, formats=("pdf",)).output
    assert (output / "soutenance.pdf").is_file() and not (output / "en/soutenance.pdf").exists()
    with pikepdf.open(output / "annexe.pdf") as pdf:
        assert str(pdf.Root.Lang) == "en"
        meta = pdf.open_metadata()
        assert meta.get("dc:creator") == ["Zoë <script>alert(1)</script> O'Brien-Łukasiewicz 🎓"]
        assert meta.get("pdfaid:part") == "3" and fonts_embedded(pdf)
        attached = pdf.attachments[ATTACHMENT_NAME].get_file().read_bytes().decode()
        assert "zoe@example.org" not in attached and "Private Road" not in attached
        assert "+44 20 7946 0958" in attached  # printed on the annexe: allowed there
        assert set(uris(pdf)) == {"https://zoe.example.org/book/"}
    target = root / "recovered/profile.yaml"  # its own folder: the phone goes to private.yaml
    assert run_cli("import", "pdf", str(output / "annexe.pdf"), "-o", str(target)).code == 0
    original = load(root / "content/profile.yaml")
    assert load(target) == printed_profile(original)
    assert original.identity.contact.visibility == load(target).identity.contact.visibility


def test_printed_profile_follows_the_visibility_rules():
    profile = load(ROOT / "content/profile.yaml")
    contact = profile.identity.contact
    private_ = Visibility.private
    hidden = contact.visibility.model_copy(update={"phone": private_, "photo": private_})
    private = profile.model_copy(
        update={
            "identity": profile.identity.model_copy(
                update={"contact": contact.model_copy(update={"visibility": hidden})}
            )
        }
    )
    printed = printed_profile(private)
    assert printed.identity.contact.phone is None and printed.identity.photo is None
    assert printed.identity.contact.email == contact.email
    assert "+33 6 12 34 56 78" not in attachment_text(private)
    assert "+33 6 12 34 56 78" in attachment_text(profile)  # `annexe`: printed, so attached
    rehearsed = profile.defence.without_rehearsal()
    assert printed_profile(profile) == profile.model_copy(update={"defence": rehearsed})


# --------------------------------------------------------------------------- commands


def test_formats_option(capsys):
    """A build with `--formats docx,pptx` writes no PDF: the next test."""
    with pytest.raises(SystemExit) as stopped:
        cli.main(["build", "--formats", "pdf,odt"])
    err = capsys.readouterr().err
    assert stopped.value.code == 2 and "format inconnu : odt" in err and "pdf, docx, pptx" in err
    assert cli_words.formats_list("en")(" PDF, pptx,,pdf") == ("pdf", "pptx")
    assert cli_words.formats_list("en")("") == ()


def test_no_pdf_keeps_the_other_documents(monkeypatch, tmp_path, run_cli):
    from profile_gen.app import build as build_module

    seen = []

    def fake(settings_file, output=None, pdf=True, content=None, formats=None, **_):
        seen.append(build_module.chosen_formats(pdf, formats))
        return build_module.Built(tmp_path, load(ROOT / "content/profile.yaml"), {})

    monkeypatch.setattr(build_module, "run_pelican", fake)
    for args in (["--no-pdf"], ["--formats", "pdf,docx"], [], ["--formats", ""]):
        assert run_cli("build", *args).code == 0
    assert seen == [{"docx", "pptx"}, {"pdf", "docx"}, {"pdf", "docx", "pptx"}, set()]
    assert build_module.chosen_formats(False, None) == set()  # check, serve: pages only
    assert build_module.chosen_formats(("cv.pdf",), None) == {"pdf", "docx", "pptx"}


def test_print_paths_cover_every_document():
    for name in (*DEPOSIT, *DECKS, "annexe.docx", "soutenance.pptx"):
        assert f"/{name}" in print_paths(["fr", "en"], "fr")
        assert f"Disallow: /{name}\n" in robots(None, ["fr", "en"], "fr")


def test_cohort_index_links_each_students_documents(tmp_path):
    book = Outcome(
        "lea", True, name="Léa", documents=("annexe.pdf", "annexe.docx", "soutenance.pptx")
    )
    bare = Outcome("marc", True, name="Marc")
    write_index(ROOT / "theme", tmp_path, [book, bare], "fr")
    soup = BeautifulSoup((tmp_path / "index.html").read_text("utf-8"), "html.parser")
    links = [a["href"] for a in soup.find_all("a")]
    assert {"lea/annexe.pdf", "lea/annexe.docx", "lea/soutenance.pptx"} <= set(links)
    assert not [
        link for link in links if link.endswith((".pdf", ".docx", ".pptx")) and "marc" in link
    ]


def test_pdf_command_writes_deposit_ready_files(sample_copy, in_dir, run_cli):
    """`pdf --content DIR` attaches that folder's profile, like the build it reprints. The
    profile has no LinkedIn link: the missing item is marked in the HTML only (the printed
    annexe keeps the item's heading, and one QR code: the Book's)."""
    in_dir(sample_copy)
    other = sample_copy / "autre"
    shutil.copytree(sample_copy / "content", other)
    profile = other / "profile.yaml"
    text = profile.read_text("utf-8").replace("Léa Moreau", "Inès Autre")
    linkedin = "  linkedin: https://www.linkedin.com/in/lea-moreau-exemple/\n"
    assert linkedin in text
    profile.write_text(text.replace(linkedin, "", 1), "utf-8")
    result = run_cli("build", "--formats", "docx,pptx", "--content", "autre")
    assert result.code == 0, result.err
    assert (other / "output/annexe.docx").is_file()  # the output is beside the profile
    assert not list((other / "output").rglob("*.pdf"))  # --formats: the Word, PowerPoint files
    result = run_cli("pdf", "--content", "autre")
    assert result.code == 0, result.err
    assert "soutenance.pdf" in result.out
    with pikepdf.open(other / "output/annexe.pdf") as pdf:
        assert pdf.open_metadata().get("pdfaid:part") == "3"
        assert str(pdf.docinfo.Author) == "Inès Autre"
        resume = json.loads(pdf.attachments[ATTACHMENT_NAME].get_file().read_bytes())
    assert resume["basics"]["name"] == "Inès Autre"
    assert_only_linkedin_missing(other / "output")


def assert_only_linkedin_missing(final: Path) -> None:
    """The missing LinkedIn link is marked in the annexe's HTML only."""
    from tests.test_annexe import PROFILE, decode_qr_codes, pdf_text

    soup = BeautifulSoup((final / "annexe/index.html").read_text("utf-8"), "html.parser")
    missing = soup.find_all(class_="missing")
    assert len(missing) == 1 and missing[0].find_parent("section")["id"] == "item-linkedin_qr"
    printed = " ".join(pdf_text(final / "annexe.pdf"))
    assert "6. Profil LinkedIn" in printed and "Élément manquant" not in printed
    assert [text for text, _, _ in decode_qr_codes(final / "annexe.pdf")] == [
        str(PROFILE.links.book)
    ]
