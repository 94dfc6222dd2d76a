"""French typography in every output of a French text, English as written; plurals by the
catalogue's rule; and what the formats must agree on (QR targets, the CV's texts, dates)."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import docx
import pytest
import zxingcpp
from bs4 import BeautifulSoup
from PIL import Image
from pptx import Presentation

from profile_gen import i18n
from profile_gen.app.build import run_pelican
from profile_gen.typography import MINUS, NBSP, NNBSP, ZWSP, typeset, typeset_html
from tests.profiles import make_project

# ---------------------------------------------------------------------------- the rules


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("l'équipe d'aujourd'hui", "l’équipe d’aujourd’hui"),
        ("Résultat : bon", f"Résultat{NBSP}: bon"),
        ("Résultat: bon", f"Résultat{NBSP}: bon"),
        ("oui ; non", f"oui{NNBSP}; non"),
        ("Bravo !", f"Bravo{NNBSP}!"),
        ("Bravo!", f"Bravo{NNBSP}!"),
        ("Vraiment ?!", f"Vraiment{NNBSP}?!"),
        ("« citation »", f"«{NNBSP}citation{NNBSP}»"),
        ("«citation»", f"«{NNBSP}citation{NNBSP}»"),
        ("coûts -70 % en un an", f"coûts {MINUS}70{NBSP}% en un an"),
        ("-70%", f"{MINUS}70{NBSP}%"),
        ("14 km et 3 ans", f"14{NBSP}km et 3{NBSP}ans"),
        # left as they are: times, ranges, compound words, references
        ("de 10:30 à 11:00", "de 10:30 à 11:00"),
        ("2019-2021, Saint-Étienne, RNCP 35284", "2019-2021, Saint-Étienne, RNCP 35284"),
    ],
)
def test_french_rules(text, expected):
    assert typeset(text, "fr") == expected
    assert typeset(expected, "fr") == expected  # applied twice: the same


def test_english_keeps_its_own_rules():
    """As written, but for the space the student wrote between a number and its unit or %,
    or inside a number (a French text shown on an English page too): it never breaks."""
    text = 'The team\'s result: great; really! Why? "Quote" -70 % at 10:30'
    kept = text.replace("70 %", f"70{NBSP}%")
    assert typeset(text, "en") == kept
    assert typeset_html(f"<p>{text}</p>", "en") == f"<p>{kept}</p>"
    assert (
        typeset("12% of 1,200 users in 2 weeks", "en") == f"12% of 1,200{NBSP}users in 2{NBSP}weeks"
    )
    shown = typeset("1 200 € saved, 3,5 jours", "en")
    assert shown == f"1{NBSP}200{NBSP}€ saved, 3,5{NBSP}jours"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("1 200 € économisés", f"1{NNBSP}200{NBSP}€ économisés"),
        ("3 000 000 et 1 234,5", f"3{NNBSP}000{NNBSP}000 et 1{NNBSP}234,5"),
        ("en 2019 2020", "en 2019 2020"),  # two years, not one number
        ("06 12 34 56 78", "06 12 34 56 78"),  # a phone number's pairs
    ],
)
def test_a_french_number_in_groups_of_three_never_breaks(text, shown):
    """« 1 200 € » once printed « 1 » at a line's end and « 200 € » on the next."""
    assert typeset(text, "fr") == shown


def test_addresses_are_never_typeset_and_break_after_slash_dot_at():
    text = "Voir https://exemple.fr/a?b=c;d:e ou jean-baptiste.long@exemple-long.fr !"
    shown = typeset(text, "fr")
    assert "https://exemple.fr/a?b=c;d:e" in shown
    assert "jean-baptiste.long@exemple-long.fr" in shown and shown.endswith(f"fr{NNBSP}!")
    broken = typeset("a.b@c-d.fr https://x.fr/p", "en", breaks=ZWSP)
    assert broken == f"a.{ZWSP}b@{ZWSP}c-d.{ZWSP}fr https://{ZWSP}x.{ZWSP}fr/{ZWSP}p"
    assert "-" + ZWSP not in broken  # never at a hyphen


LONG_WORD_WITH_AT = """
from profile_gen.book.render import breakable_words
from profile_gen.typography import has_address, typeset
word = "a" * 1_000_000 + "@"
assert not has_address(word) and has_address(word + "exemple.fr")
assert typeset(word + " !", "fr", breaks="-").endswith("\u202f!")
assert "\u200b" in breakable_words(word)
"""


def test_a_long_word_with_an_at_sign_is_read_once():
    """A student's 1 MB word holding an `@` (an e-mail's mark) is searched for addresses in
    one pass: the e-mail pattern was tried at each of its letters, minutes of work (CPU in
    the square of the length) in every page that shows it. Run apart, with a cap hundreds of
    times what a pass takes, so that a relapse fails instead of stalling the suite."""
    result = subprocess.run(
        [sys.executable, "-c", LONG_WORD_WITH_AT], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr


def test_html_text_nodes_only():
    html = (
        '<p title="a ; b">L\'idée : <a href="https://x.fr/a?b=c;d">https://x.fr/a?b=c;d</a>'
        " &amp; <code>x ; y</code> &lt;b&gt; !</p>"
    )
    shown = typeset_html(html, "fr")
    assert 'title="a ; b"' in shown and 'href="https://x.fr/a?b=c;d"' in shown
    assert f"L’idée{NBSP}:" in shown and "<code>x ; y</code>" in shown
    assert ">https://<wbr>x.<wbr>fr/<wbr>a?b=c;d</a>" in shown
    assert "&amp; " in shown and f"&lt;b&gt;{NNBSP}!" in shown


# ---------------------------------------------------------------------------- the outputs

EMAIL = "jean-baptiste.delacroix-villeneuve@universite-exemple-longue.fr"
URL = "https://exemple-long.fr/projets/migration-erp?etape=2;3"
SUMMARY_FR = (
    "L'équipe a dit : « bravo » ; vraiment ! Pourquoi ? Les coûts : -70 % en un an. "
    f"Écrire à {EMAIL}, voir [le dépôt]({URL}) et `a ; b`."
)
SUMMARY_EN = "The team's verdict: great; really! Why? Costs -70 % in a year."
STRENGTH_FR = "L'écoute : 14 entretiens ; -70 % d'écarts !"
STRENGTH_EN = "Listening: 14 interviews; -70 % gaps!"


def typographic(data: dict) -> None:
    data["summary"] = {"fr": SUMMARY_FR, "en": SUMMARY_EN}
    data["strengths"][0]["explanation"] = {"fr": STRENGTH_FR, "en": STRENGTH_EN}
    data["identity"]["contact"]["email"] = EMAIL


def french_marks(text: str) -> None:
    """The marks of `SUMMARY_FR` or `STRENGTH_FR`, as French prints them."""
    assert "L’" in text and "'" not in text.split("`")[0]
    assert f"{NNBSP};" in text and f"{NNBSP}!" in text
    assert f"{MINUS}70{NBSP}%" in text and "-70" not in text


def pptx_text(path: Path) -> str:
    presentation = Presentation(str(path))
    return "\n".join(
        shape.text_frame.text
        for slide in presentation.slides
        for shape in slide.shapes
        if shape.has_text_frame
    )


@pytest.fixture(scope="module")
def typo_site(tmp_path_factory) -> Path:
    """The typographic profile built once, with the printed annexe and CV, the Word annexe
    and the decks: the pages and every document these tests read. Read-only."""
    root = make_project(tmp_path_factory.mktemp("typography"), typographic, articles=False)
    return run_pelican(
        root / "pelican.conf.py", pdf=("annexe.pdf", "cv.pdf"), formats=("pdf", "docx", "pptx")
    ).output


def test_book_pages_in_french_typography_english_as_written(typo_site):
    home = BeautifulSoup((typo_site / "index.html").read_text("utf-8"), "html.parser")
    summary = home.get_text()
    french_marks(summary)
    assert f"dit{NBSP}:" in summary and f"«{NNBSP}bravo{NNBSP}»" in summary
    assert f"Pourquoi{NNBSP}?" in summary
    assert any(a.get("href") == URL for a in home.find_all("a"))  # the target as written
    assert "a ; b" in summary  # a code span as written
    for mail in home.find_all("a", href=f"mailto:{EMAIL}"):  # breaks at <wbr>: / . @
        assert mail.get_text() == EMAIL and len(mail.find_all("wbr")) == 3
    raw = (typo_site / "index.html").read_text("utf-8")
    assert "jean-baptiste.<wbr>delacroix-villeneuve@<wbr>universite-exemple-longue.<wbr>fr" in raw
    english = BeautifulSoup((typo_site / "en/index.html").read_text("utf-8"), "html.parser")
    assert SUMMARY_EN.replace("70 %", f"70{NBSP}%") in english.get_text()


def test_our_french_labels_take_the_apostrophe_too(typo_site):
    profile = (typo_site / "profil/index.html").read_text("utf-8")
    assert "axes d’amélioration" in profile and "axes d'amélioration" not in profile


def test_word_annexe_in_french_typography(typo_site):
    document = docx.Document(str(typo_site / "annexe.docx"))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    text = "\n".join([p.text for p in document.paragraphs] + cells)
    french_marks(text)
    # as written: a zero-width space as a break point would be copied with the address
    assert "jean-baptiste.delacroix-villeneuve@universite-exemple-longue.fr" in text
    assert ZWSP not in text
    targets = {rel.target_ref for rel in document.part.rels.values() if rel.is_external}
    assert URL in targets and not any(ZWSP in target for target in targets)


def test_powerpoint_in_french_typography_english_as_written(typo_site):
    french = pptx_text(typo_site / "soutenance.pptx")
    french_marks(french)
    english = pptx_text(typo_site / "en/soutenance.pptx")
    assert STRENGTH_EN.replace("70 %", f"70{NBSP}%") in english and NNBSP not in english
    # the closing slide's addresses as written: a zero-width space would be copied with them
    for text in (french, english):
        assert "jean-baptiste.delacroix-villeneuve@universite-exemple-longue.fr" in text
        assert ZWSP not in text


# ---------------------------------------------------------------------------- plurals


def counted(count: int):
    def edit(data: dict) -> None:
        for key in ("achievements", "certifications", "recommendations", "languages"):
            data[key] = data[key][:count]
        kept = {a["id"] for a in data["achievements"]}
        for item in (*data["strengths"], *data["competencies"]["items"]):
            item["evidence"] = [e for e in item.get("evidence", []) if e in kept]
        data.pop("defence", None)
        data["identity"].pop("photo", None)  # none read: not drawn for nothing

    return edit


FIGURES = {
    ("fr", 1): ["1 réalisation", "1 certification", "1 recommandation", "1 langue"],
    ("en", 1): ["1 achievement", "1 certification", "1 recommendation", "1 language"],
    # a count of none is not shown ("0 certification" reads as a weakness to a jury)
    ("fr", 0): [],
    ("en", 0): [],
    ("fr", 2): ["2 réalisations", "2 certifications", "2 recommandations", "2 langues"],
    ("en", 2): ["2 achievements", "2 certifications", "2 recommendations", "2 languages"],
}


def figures(html: Path) -> list[str]:
    soup = BeautifulSoup(html.read_text("utf-8"), "html.parser")
    return [" ".join(li.get_text(" ").split()) for li in soup.select(".figures li")]


@pytest.mark.parametrize("count", [0, 1, 2])
def test_counts_take_the_plural_of_each_language(tmp_path, count):
    root = make_project(tmp_path, counted(count), image=None, articles=False)
    site = run_pelican(root / "pelican.conf.py", pdf=False, formats=("pptx",)).output
    for lang, prefix, deck in (("fr", "", "soutenance"), ("en", "en/", "en/defence")):
        expected = FIGURES[(lang, count)]
        assert figures(site / f"{prefix}index.html") == expected
        deck_html = BeautifulSoup((site / deck / "index.html").read_text("utf-8"), "html.parser")
        deck_text = " ".join(deck_html.get_text(" ").split())
        assert all(figure in deck_text for figure in expected), (lang, deck_text)
        slides = " ".join(pptx_text(site / f"{prefix}soutenance.pptx").split())
        assert all(figure in slides for figure in expected), (lang, slides)
        if not count:
            assert "0 réalisation" not in deck_text + slides and "0 achievement" not in slides


# ---------------------------------------------------------------------------- across formats


def decoded_qr_codes(path: Path) -> set[str]:
    found = set()
    for slide in Presentation(str(path)).slides:
        for shape in slide.shapes:
            if shape.name.startswith("QR ") and shape.shape_type == 13:
                image = Image.open(io.BytesIO(shape.image.blob)).convert("L")
                found |= {barcode.text for barcode in zxingcpp.read_barcodes(image)}
    return found


def test_english_documents_lead_to_the_english_book(typo_site):
    deck = BeautifulSoup((typo_site / "en/defence/index.html").read_text("utf-8"), "html.parser")
    english_home = deck.select_one(".closing-links li").get_text()
    assert english_home.endswith("/en/")
    french = decoded_qr_codes(typo_site / "soutenance.pptx")
    english = decoded_qr_codes(typo_site / "en/soutenance.pptx")
    assert english_home in english and english_home not in french
    assert english_home.removesuffix("en/") in french


def test_word_cv_says_what_the_printed_cv_says(typo_site):
    printed = BeautifulSoup((typo_site / "cv/index.html").read_text("utf-8"), "html.parser")
    section = printed.select_one(".cv")
    document = docx.Document(str(typo_site / "annexe.docx"))
    contact = typeset(i18n.label("fr", "cv.contact"), "fr")
    cv_table = next(t for t in document.tables if contact in t.cell(0, 0).text)
    word = " ".join(" ".join(c.text for c in row.cells) for row in cv_table.rows)
    for heading in section.find_all(re.compile("^h[2-6]$")):
        assert heading.get_text(" ").strip() in word, heading
    interests = section.select_one(".cv-interests").get_text()
    assert interests and interests in word


def test_printed_annexe_in_french_typography(typo_site):
    from pypdf import PdfReader

    text = "\n".join(page.extract_text() for page in PdfReader(typo_site / "annexe.pdf").pages)
    assert "L’équipe" in text and f"{MINUS}70" in text and "-70" not in text


def test_powerpoint_is_dated_as_the_pdfs(typo_site):
    from pypdf import PdfReader

    printed = PdfReader(typo_site / "annexe.pdf").metadata.creation_date
    for name in ("soutenance.pptx", "en/soutenance.pptx"):
        created = Presentation(str(typo_site / name)).core_properties.created
        assert created == printed.replace(tzinfo=None), name


def words_of(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.replace(ZWSP, "").lower()))


def test_word_cv_and_pdf_cv_say_the_same_words(typo_site):
    from pypdf import PdfReader

    printed = words_of("\n".join(p.extract_text() for p in PdfReader(typo_site / "cv.pdf").pages))
    document = docx.Document(str(typo_site / "annexe.docx"))
    contact = typeset(i18n.label("fr", "cv.contact"), "fr")
    cv_table = next(t for t in document.tables if contact in t.cell(0, 0).text)
    word = words_of(" ".join(c.text for row in cv_table.rows for c in row.cells))
    # the same words, interests included; "CV" titles the PDF, the annexe's heading the table
    assert (word - printed, printed - word) == (set(), {"cv"})


def test_a_french_article_is_set_in_french_typography(sample_copy, run_cli, in_dir):
    """An article's title, text and summary get the typography of every French text (’,
    the spaces before : ; ! and in « »); code stays as written, the address as it was."""
    from bs4 import BeautifulSoup

    article = (
        "Title: Retour d'expérience : l'atelier\nDate: 2025-01-02\n\n"
        "J'ai pris de l'avance ; c'est « bien » ! Voir `l'code`.\n"
    )
    (sample_copy / "content/articles/typo.md").write_text(article, encoding="utf-8")
    in_dir(sample_copy)
    assert run_cli("build", "--formats=").code == 0
    page = sample_copy / "output/articles/retour-dexperience-latelier/index.html"
    soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
    assert soup.h1.get_text() == "Retour d’expérience\u00a0: l’atelier"
    text = soup.select_one("main").get_text()
    assert "J’ai pris de l’avance\u202f; c’est «\u202fbien\u202f»\u202f!" in text
    assert soup.find("code").get_text() == "l'code"


def test_a_quote_opened_with_a_straight_single_quote_opens():
    """« objectif 'zéro papier' » once printed ’zéro papier’: an apostrophe at both ends."""
    assert typeset("objectif 'zéro papier' atteint", "fr") == "objectif ‘zéro papier’ atteint"
    assert typeset("aujourd'hui, l'équipe (d'accord)", "fr") == "aujourd’hui, l’équipe (d’accord)"


def test_a_quote_inside_a_quote_takes_the_inner_marks():
    """A recommendation holding « … » set between « »: its » read as the end of the whole."""
    from profile_gen.typography import nested

    inner = typeset("rares : « elle ne laisse rien au hasard ». Je la recommande.", "fr")
    assert nested(inner, "fr") == f"rares{NBSP}: “elle ne laisse rien au hasard”. Je la recommande."
    assert nested("She said “never give up”.", "en") == "She said ‘never give up’."
    assert nested("sans guillemets", "fr") == "sans guillemets"
