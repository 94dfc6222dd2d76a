"""The printed annexe and the CV: real PDFs read back, QR codes decoded from rendered pages."""

from __future__ import annotations

import functools
import re
import shutil
from pathlib import Path

import pypdfium2
import pytest
import zxingcpp
from bs4 import BeautifulSoup
from pypdf import PdfReader

from profile_gen.app.build import run_pelican
from profile_gen.i18n import fr
from profile_gen.profile.loader import load
from profile_gen.profile.readiness import ANNEXE_ITEMS
from tests.conftest import ROOT, SAMPLE

PROFILE = load(SAMPLE)
A4 = (595.28, 841.89)
DPI = 150


ANNEXE = ("annexe.pdf",)
"""The one PDF the test that builds its own profile reads. Its PowerPoint deck is written
all the same: this profile's run through the deck's writer (no photo, no link, no strength)
is kept; its Word annexe adds nothing the other tests' do not cover."""


@pytest.fixture
def site(sample_site_pdf) -> Path:
    return sample_site_pdf


def pdf_text(path: Path) -> list[str]:
    """Each page's text, its spaces made single (read once per version of the file: the
    session's printed sample is read by several tests)."""
    stat = path.stat()
    return list(_pdf_text(path, stat.st_size, stat.st_mtime_ns))


@functools.cache
def _pdf_text(path: Path, _size: int, _mtime: int) -> tuple[str, ...]:
    return tuple(" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages)


def fonts(path: Path) -> set[str]:
    names = set()
    for page in PdfReader(path).pages:
        for font in (page.get("/Resources", {}).get("/Font") or {}).values():
            font = font.get_object()
            names.add(str(font.get("/BaseFont")))
            for descendant in font.get("/DescendantFonts", []):
                descriptor = descendant.get_object().get("/FontDescriptor").get_object()
                assert "/FontFile2" in descriptor or "/FontFile3" in descriptor, "font not embedded"
    return names


def decode_qr_codes(path: Path) -> list[tuple[str, float, str]]:
    """Every QR code in the PDF: its text, printed width in cm, and symbol format."""
    found = []
    document = pypdfium2.PdfDocument(path)
    for index in range(len(document)):
        image = document[index].render(scale=DPI / 72).to_pil()
        for barcode in zxingcpp.read_barcodes(image):
            points = barcode.position
            width_px = (
                (points.top_right.x - points.top_left.x) ** 2
                + (points.top_right.y - points.top_left.y) ** 2
            ) ** 0.5
            found.append((barcode.text, width_px / DPI * 2.54, str(barcode.format)))
    return found


def test_annexe_items_in_the_methodology_order(site):
    text = " ".join(pdf_text(site / "annexe.pdf"))
    headings = [
        f"{number}. {fr.LABELS['annexe.heading.' + key]}"
        for number, key in enumerate(ANNEXE_ITEMS, 1)
    ]
    positions = [text.find(heading) for heading in headings]
    assert -1 not in positions, [h for h, p in zip(headings, positions, strict=True) if p < 0]
    assert positions == sorted(positions)


def test_annexe_holds_the_sample(site):
    text = " ".join(pdf_text(site / "annexe.pdf"))
    for job in PROFILE.experience:
        assert job.organization in text
    for rec in PROFILE.recommendations:
        assert rec.author in text
    assert str(PROFILE.identity.contact.phone) in text  # visibility: annexe
    assert "Élément manquant" not in text


def test_pages_are_a4(site):
    for name in ("annexe.pdf", "cv.pdf"):
        for page in PdfReader(site / name).pages:
            width, height = float(page.mediabox.width), float(page.mediabox.height)
            assert abs(width - A4[0]) < 1 and abs(height - A4[1]) < 1


def test_serif_font_is_embedded(site):
    for name in ("annexe.pdf", "cv.pdf"):
        names = fonts(site / name)
        assert names and all("Liberation-Serif" in n or "LiberationSerif" in n for n in names), (
            names
        )


def test_page_numbers_and_running_footer(site):
    pages = pdf_text(site / "annexe.pdf")
    total = len(pages)
    for number, text in enumerate(pages, 1):
        assert f"{number} / {total}" in text
        assert "Léa Moreau — Annexes" in text


def test_qr_codes_decode_to_their_urls_and_are_big_enough(site):
    codes = decode_qr_codes(site / "annexe.pdf")
    texts = sorted(text for text, _, _ in codes)
    assert texts == sorted([str(PROFILE.links.book), str(PROFILE.links.linkedin)])
    for text, width_cm, symbology in codes:
        assert width_cm >= 3.0, (text, width_cm)
        assert "Micro" not in symbology and "QR" in symbology
    # each URL is printed beside its code
    joined = " ".join(pdf_text(site / "annexe.pdf"))
    for url in texts:
        assert url in joined


def test_qr_codes_are_vector_with_a_quiet_zone(site):
    soup = BeautifulSoup((site / "annexe/index.html").read_text("utf-8"), "html.parser")
    svgs = soup.find_all("svg", class_="qr")
    assert len(svgs) == 2 and all(svg.find("path") for svg in svgs)
    for svg in svgs:
        modules = int(svg["viewbox"].split()[2])
        moves = [tuple(map(int, m)) for m in re.findall(r"M(\d+) (\d+)", svg.find("path")["d"])]
        runs = [int(h) for h in re.findall(r"h(\d+)", svg.find("path")["d"])]
        assert min(x for x, _ in moves) == 4 and min(y for _, y in moves) == 4
        assert max(x + run for (x, _), run in zip(moves, runs, strict=True)) == modules - 4
        assert max(y for _, y in moves) == modules - 5
    reader = PdfReader(site / "annexe.pdf")
    images = {img.name for page in reader.pages for img in page.images}
    assert len(images) == 1  # the CV photo only: the QR codes are drawn, not bitmaps


def test_cv_is_one_page(site):
    assert len(PdfReader(site / "cv.pdf").pages) == 1
    text = pdf_text(site / "cv.pdf")[0]
    assert PROFILE.identity.name in text and "Transalp Logistique" in text


# the missing items are marked in the HTML only: tests/test_deposit_pdf.py's
# test_pdf_command_writes_deposit_ready_files (a profile without LinkedIn, reprinted by `pdf`)


def test_long_profile_paginates_without_splitting_items(tmp_path, monkeypatch):
    from profile_gen.printing import pdf as pdf_step

    laid_out = {}  # the documents WeasyPrint lays out for the build, by page
    render = pdf_step._render

    def keep(page, *args, **kwargs):
        laid_out[page] = render(page, *args, **kwargs)
        return laid_out[page]

    monkeypatch.setattr(pdf_step, "_render", keep)
    shutil.copytree(ROOT / "theme", tmp_path / "theme")
    shutil.copy(ROOT / "pelican.conf.py", tmp_path / "pelican.conf.py")
    (tmp_path / "content").mkdir()
    jobs = "".join(
        f"  - title: Poste {i:02d}\n    organization: Entreprise {i:02d}\n    start: 20{10 + i % 10}-01\n"
        f"    end: 20{10 + i % 10}-12\n    description: |\n      Debut{i:02d} "
        + "une description assez longue pour occuper plusieurs lignes de texte justifié. " * 9
        + f"Fin{i:02d}\n    highlights: [Résultat A, Résultat B, Résultat C]\n"
        for i in range(30)
    )
    (tmp_path / "content/profile.yaml").write_text(
        "identity:\n  name: Long Profil\n  headline: Test\nexperience:\n" + jobs, "utf-8"
    )
    formats = ("pdf", "pptx")
    final = run_pelican(tmp_path / "pelican.conf.py", pdf=ANNEXE, formats=formats).output
    pages = pdf_text(final / "annexe.pdf")
    assert len(pages) > 6
    for i in range(30):
        first = [n for n, text in enumerate(pages) if f"Debut{i:02d}" in text]
        last = [n for n, text in enumerate(pages) if f"Fin{i:02d}" in text]
        assert len(first) == 1 and first == last, (i, first, last)
    # a heading is never the last thing on a page
    bottoms = bottom_boxes(laid_out["annexe/index.html"])
    assert len(bottoms) == len(pages)
    for number, bottom in enumerate(bottoms[:-1]):  # the last page ends with the document
        assert bottom not in ("h1", "h2", "h3"), (number, bottom)


def bottom_boxes(document) -> list[str]:
    """For each page of `document` (laid out by WeasyPrint), the tag of the lowest box of the
    page's content."""
    result = []
    for page in document.pages:
        lowest, tag = -1.0, None
        stack = list(page._page_box.children)
        while stack:
            box = stack.pop()
            if type(box).__name__.startswith("Margin"):
                continue  # running footer
            stack.extend(getattr(box, "children", []))
            element_tag = getattr(box, "element_tag", None)
            if element_tag in (
                "h1",
                "h2",
                "h3",
                "p",
                "li",
                "td",
                "th",
                "blockquote",
                "div",
                "img",
                "svg",
            ):
                bottom = box.position_y + box.margin_height()
                if bottom > lowest + 0.5 or (
                    abs(bottom - lowest) <= 0.5 and element_tag.startswith("h")
                ):
                    lowest, tag = bottom, element_tag
        result.append(tag)
    return result


def test_chromium_prints_the_html_annexe_like_the_pdf(site, chromium):
    page = chromium.new_page()
    page.goto((site / "annexe/index.html").as_uri())
    printed = page.pdf(format="A4", prefer_css_page_size=True)
    page.close()
    chromium_pages = len(PdfReader(__import__("io").BytesIO(printed)).pages)
    weasy_pages = len(PdfReader(site / "annexe.pdf").pages)
    assert abs(chromium_pages - weasy_pages) <= 1, (chromium_pages, weasy_pages)


def test_without_pdfs_a_build_writes_the_html_and_pdf_prints_it(
    site, sample_copy, in_dir, run_cli, monkeypatch
):
    """One folder built three ways in a row (each build replaces the whole output): without
    WeasyPrint, with `--no-pdf`, then printed by `pdf` from the last build; the same input
    in another folder gives byte-identical PDFs (those the session's build printed)."""
    from profile_gen.printing import pdf

    def unavailable():
        raise pdf.PdfUnavailable("cannot load library 'libpango-1.0-0'")

    in_dir(sample_copy)
    output = sample_copy / "output"
    with monkeypatch.context() as patched:  # the PDF step without WeasyPrint still writes HTML
        patched.setattr(pdf, "weasyprint_module", unavailable)
        result = run_cli("build", "--formats", "pdf")
    assert result.code == 0
    assert "apt-get install libpango-1.0-0" in result.err and "libpango-1.0-0" in result.err
    assert (output / "annexe/index.html").is_file()
    assert not (output / "annexe.pdf").exists()
    # --no-pdf: the pages, no PDF
    (output / "cv/index.html").unlink()
    assert run_cli("build", "--no-pdf").code == 0
    assert (output / "cv/index.html").is_file()
    assert not (output / "cv.pdf").exists()
    # `pdf` prints the last build
    result = run_cli("pdf")
    assert result.code == 0 and "cv.pdf (1 p.)" in result.out
    assert len(PdfReader(output / "annexe.pdf").pages) > 3
    for name in ("annexe.pdf", "cv.pdf", "soutenance.pdf"):
        assert (output / name).read_bytes() == (site / name).read_bytes(), name


@pytest.mark.pdf  # `check` counts the printed CV's pages with WeasyPrint
def test_check_warns_when_the_cv_overflows(sample_copy, in_dir, run_cli, monkeypatch):
    from profile_gen.printing import pdf

    in_dir(sample_copy)
    # the sample's invented phone, in profile.yaml, is warned of (no git ignores it); its CV fits
    assert "⚠ Le CV imprimé" not in run_cli("check").out
    laid_out = []  # CVs laid out by WeasyPrint from now on
    render = pdf._render
    monkeypatch.setattr(pdf, "_render", lambda *a: laid_out.append(a) or render(*a))
    (sample_copy / "content").rename(sample_copy / "profil")  # any folder, with the theme
    profile = sample_copy / "profil/profile.yaml"
    short = profile.read_text("utf-8")
    skills = "".join(f"  - name: Compétence supplémentaire numéro {i}\n" for i in range(60))
    profile.write_text(short.replace("skills:\n", "skills:\n" + skills, 1), "utf-8")
    result = run_cli("check", str(profile))
    [said] = re.findall(r"⚠ Le CV imprimé fait (\d) pages", result.out)
    assert said in ("2", "3")
    assert len(laid_out) == 1
    # edits that leave the CV as it is do not lay it out again: its page count is kept
    edited = profile.read_text("utf-8").replace("Écoute des utilisateurs", "Écoute active", 1)
    profile.write_text(edited, "utf-8")
    assert "⚠ Le CV imprimé fait" in run_cli("check", str(profile)).out
    profile.write_text(short, "utf-8")
    assert "⚠ Le CV imprimé" not in run_cli("check", str(profile)).out
    assert len(laid_out) == 1
    # the build says so too, with the count of the CV it printed, which `check` foretold: the
    # content a printing build chooses (`views.cv.fit`), set smaller
    profile.write_text(edited, "utf-8")
    result = run_cli("build", "--content", "profil", "--formats", "pdf")
    printed = sample_copy / "profil/output/cv.pdf"
    assert f"Le CV imprimé ({printed}) fait {said} pages, même en plus petit" in result.out
    assert len(PdfReader(printed).pages) == int(said)
    profile.write_text(short, "utf-8")
    assert "Le CV imprimé" not in run_cli("build", "--content", "profil", "--formats", "pdf").out
