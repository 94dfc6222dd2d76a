"""References in the annexe: APA 7 and Harvard, in French and English, from the profile."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import docx
import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from profile_gen.app.build import run_pelican
from profile_gen.profile.fields import PartialDate
from profile_gen.profile.names import author_name, plain_name
from profile_gen.views.citations import Work, plain_text, reference

D = PartialDate
AUTHOR = "Moreau, L."
ARTICLE = Work("article", "Migrer un ERP : 5 leçons", D(2025, 7, 10), "LinkedIn", "https://l.in/a")
POST = Work("post", "Ce que PSM I m’a appris ?", D(2025, 3), "LinkedIn", "https://l.in/p")
TALK = Work("talk", "Bons de livraison", D(2025, 10, 1), "Meetup Lyon")
VIDEO = Work("video", "Démo", D(2024), None, "https://v.example/d")
EVENT = Work("event", "Hackathon", D(2024, 11, 23), "Epitech")
ACCESSED = D(2026, 11, 20)

EXPECTED = [
    # APA 7: the site in italics for an article, the work in italics and its kind in brackets
    ("apa", "fr", ARTICLE, "Moreau, L. (2025, 10 juillet). Migrer un ERP : 5 leçons. LinkedIn. https://l.in/a"),
    ("apa", "en", ARTICLE, "Moreau, L. (2025, July 10). Migrer un ERP : 5 leçons. LinkedIn. https://l.in/a"),
    ("apa", "fr", POST, "Moreau, L. (2025, mars). Ce que PSM I m’a appris ? [Publication]. LinkedIn. https://l.in/p"),
    ("apa", "en", POST, "Moreau, L. (2025, March). Ce que PSM I m’a appris ? [Post]. LinkedIn. https://l.in/p"),
    ("apa", "fr", TALK, "Moreau, L. (2025, 1er octobre). Bons de livraison [Communication]. Meetup Lyon."),
    ("apa", "en", TALK, "Moreau, L. (2025, October 1). Bons de livraison [Conference presentation]. Meetup Lyon."),
    ("apa", "en", VIDEO, "Moreau, L. (2024). Démo [Video]. https://v.example/d"),
    ("apa", "fr", EVENT, "Moreau, L. (2024, 23 novembre). Hackathon [Événement]. Epitech."),
    # Harvard (Cite Them Right): quoted parts, italic wholes, where to find it and when seen
    ("harvard", "fr", ARTICLE, "Moreau, L. (2025) «\u00a0Migrer un ERP : 5 leçons\u00a0», LinkedIn, 10 juillet. Disponible à l’adresse\u00a0: https://l.in/a (consulté le 20 novembre 2026)."),
    ("harvard", "en", ARTICLE, "Moreau, L. (2025) ‘Migrer un ERP : 5 leçons’, LinkedIn, 10 July. Available at: https://l.in/a (Accessed: 20 November 2026)."),
    ("harvard", "en", POST, "Moreau, L. (2025) ‘Ce que PSM I m’a appris ?’ [Post], LinkedIn, March. Available at: https://l.in/p (Accessed: 20 November 2026)."),
    ("harvard", "en", TALK, "Moreau, L. (2025) ‘Bons de livraison’ [Conference presentation], Meetup Lyon, 1 October."),
    ("harvard", "fr", VIDEO, "Moreau, L. (2024) Démo [Vidéo]. Disponible à l’adresse\u00a0: https://v.example/d (consulté le 20 novembre 2026)."),
    ("harvard", "en", EVENT, "Moreau, L. (2024) Hackathon [Event], Epitech, 23 November."),
]  # fmt: skip


@pytest.mark.parametrize(("style", "lang", "work", "expected"), EXPECTED)
def test_reference_text(style, lang, work, expected):
    assert plain_text(reference(work, style, lang, AUTHOR, ACCESSED)) == expected


def test_italics_and_links():
    apa = reference(ARTICLE, "apa", "en", AUTHOR)
    assert [p.text for p in apa if p.italic] == ["LinkedIn"]
    assert [p.text for p in apa if p.link] == ["https://l.in/a"]
    assert [p.text for p in reference(POST, "apa", "en", AUTHOR) if p.italic] == [POST.title]
    harvard = reference(ARTICLE, "harvard", "en", AUTHOR)
    assert [p.text for p in harvard if p.italic] == ["LinkedIn"]
    assert [p.text for p in reference(VIDEO, "harvard", "en", AUTHOR) if p.italic] == ["Démo"]


def test_harvard_without_an_accessed_date_says_where_only():
    text = plain_text(reference(ARTICLE, "harvard", "en", AUTHOR))
    assert text.endswith("Available at: https://l.in/a.")


def test_apa_title_keeps_its_own_final_mark():
    work = Work("other", "Pourquoi migrer ?", D(2023), "Blog", None)
    assert plain_text(reference(work, "apa", "fr", AUTHOR)) == (
        "Moreau, L. (2023). Pourquoi migrer ? Blog."
    )


@pytest.mark.parametrize(
    ("name", "family", "expected"),
    [
        ("Léa Moreau", None, "Moreau, L."),
        ("Jean-Pierre de La Tour", None, "de La Tour, J.-P."),
        ("Anne Marie van der Berg", None, "van der Berg, A. M."),
        ("Ana Lucia Dos Santos", "Dos Santos", "Dos Santos, A. L."),
        ("Ana Lucia Dos Santos", None, "Dos Santos, A. L."),
        ("Ana Lucia Santos", "Absent", "Santos, A. L."),  # not at the end of the name: ignored
        ("Ana Lucia Santos", "a Santos", "Santos, A. L."),  # whole words only
        ("Madonna", None, "Madonna"),
        ("Le Goff", None, "Goff, L."),  # capitalised: a given name, unless family_name says so
        ("Yann Le Goff", None, "Le Goff, Y."),
        ("Ana Maria Lopez Garcia", "Lopez Garcia", "Lopez Garcia, A. M."),
        # emoji and symbols of a display name are no part of it, wherever they are
        ("Élodie Nguyen 🌻", None, "Nguyen, É."),
        ("🌻 Élodie Nguyen", None, "Nguyen, É."),
        ("Léa 👩🏽\u200d💻 Moreau ✨", None, "Moreau, L."),
        (
            "Élodie-Maëlle Nguyễn-Ollivier de Saint-Exupéry 🌻",
            None,
            "de Saint-Exupéry, É.-M. N.-O.",
        ),
        ("Léa Moreau 🌻", "Moreau 🌻", "Moreau, L."),
        ("Léa✨Moreau", None, "Moreau, L."),
        ("🌻", None, ""),
    ],
)
def test_author_name(name, family, expected):
    assert author_name(name, family) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Élodie Nguyen 🌻", "Élodie Nguyen"),
        ("  Léa \u00a0 Moreau 1️⃣ ", "Léa Moreau 1"),
        ("Seán O’Brien-Dupont Jr.", "Seán O’Brien-Dupont Jr."),
    ],
)
def test_plain_name_keeps_the_name_only(name, expected):
    assert plain_name(name) == expected


# --------------------------------------------------------------------------- in the outputs


def _set(project: Path, **settings: str) -> None:
    conf = project / "pelican.conf.py"
    lines = "".join(f"{key} = {value!r}\n" for key, value in settings.items())
    conf.write_text(conf.read_text(encoding="utf-8") + lines, encoding="utf-8")


def _references(output: Path) -> list[BeautifulSoup]:
    soup = BeautifulSoup((output / "annexe/index.html").read_text("utf-8"), "html.parser")
    return soup.select("ul.references > li")


def test_sample_annexe_cites_in_apa_by_default(sample_site_pdf):
    output = sample_site_pdf  # the sample as it comes: its settings choose no style
    items = _references(output)
    texts = [item.get_text() for item in items]
    assert len(items) == 5  # four activities and the Book's article, newest first
    assert texts[2] == (  # in French typography, as the Word annexe and the Book write it
        "Moreau, L. (2025, 10 juillet). Migrer un ERP sans arrêter les camions\u00a0: 5 leçons. "
        "LinkedIn. https://www.linkedin.com/pulse/migrer-erp-sans-arreter-camions-lea-moreau-exemple/"
    )
    assert not any("'" in text for text in texts)  # d’un pilote, m’a appris
    # the Book's own article, at its public address
    assert texts[1].endswith(
        "Book de Léa Moreau. https://lea-moreau.github.io/book/articles/planning-recette-partage/"
    )
    assert items[2].find("i").get_text() == "LinkedIn"
    assert items[2].find("a")["href"].startswith("https://www.linkedin.com/pulse/")
    soup = BeautifulSoup((output / "annexe/index.html").read_text("utf-8"), "html.parser")
    assert "normes APA" in soup.select_one("ul.references").find_previous("p").get_text()
    printed = " ".join(
        " ".join((p.extract_text() or "").split()) for p in PdfReader(output / "annexe.pdf").pages
    )
    assert "Moreau, L. (2025, 10 juillet). Migrer un ERP sans arrêter les camions" in printed


@pytest.mark.pdf  # the Word CV is fitted with WeasyPrint
def test_a_name_with_an_emoji_is_cited_by_its_words_in_every_format(tmp_path):
    """The display name keeps its emoji (the Book's pages); the references of the annexe, in
    HTML and Word, cite the name's words, and elide « de » before its vowel."""
    from tests import docx_support
    from tests.profiles import make_project

    def edit(data: dict) -> None:
        data["identity"]["name"] = "🌻 Élodie-Maëlle Nguyễn-Ollivier de Saint-Exupéry 🌻"

    root = make_project(tmp_path, edit)
    document = docx_support.build(root)
    output = document.parent
    cited = "de Saint-Exupéry, É.-M. N.-O. ("
    book = "Book d'Élodie-Maëlle Nguyễn-Ollivier de Saint-Exupéry. https://"
    texts = [item.get_text().replace("’", "'") for item in _references(output)]
    assert texts and all(text.startswith(cited) for text in texts), texts
    assert sum(book in text for text in texts) == 1, texts
    words = [p.text.replace("’", "'") for p in docx.Document(str(document)).paragraphs]
    cited_in_word = [text for text in words if text.startswith(cited)]
    assert len(cited_in_word) == len(texts), words
    assert sum(book in text for text in cited_in_word) == 1, cited_in_word
    home = BeautifulSoup((output / "index.html").read_text("utf-8"), "html.parser")
    assert "🌻" in home.select_one("h1").get_text()  # the Book shows the name as written


def test_harvard_with_the_accessed_date(sample_copy):
    _set(sample_copy, CITATION_STYLE="harvard", CITATION_ACCESSED="2026-11-20")
    output = run_pelican(sample_copy / "pelican.conf.py", pdf=False).output
    texts = [item.get_text() for item in _references(output)]
    assert texts[2] == (
        "Moreau, L. (2025) «\u202fMigrer un ERP sans arrêter les camions\u00a0: 5 leçons\u202f», "
        "LinkedIn, 10 juillet. Disponible à l’adresse\u00a0: https://www.linkedin.com/pulse/"
        "migrer-erp-sans-arreter-camions-lea-moreau-exemple/ (consulté le 20 novembre 2026)."
    )


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"CITATION_STYLE": "mla"}, "CITATION_STYLE = 'mla' : attendu apa | harvard"),
        ({"CITATION_ACCESSED": "hier"}, "CITATION_ACCESSED = 'hier' : attendu une date"),
    ],
)
def test_bad_citation_settings_are_named(sample_copy, in_dir, run_cli, settings, message):
    _set(sample_copy, **settings)
    in_dir(sample_copy)
    result = run_cli("build", "--no-pdf")
    assert result.code == 2
    assert message in result.err and "Traceback" not in result.err
    assert not (sample_copy / "output").exists()
    plain = subprocess.run(
        [str(Path(sys.executable).parent / "pelican"), "-s", "pelican.conf.py"],
        capture_output=True,
        text=True,
    )
    assert plain.returncode == 2 and message in plain.stderr and "Traceback" not in plain.stderr


@pytest.mark.pdf  # `check` counts the printed CV's pages with WeasyPrint
def test_check_asks_harvard_for_the_accessed_date(sample_copy, in_dir, run_cli):
    in_dir(sample_copy)
    assert "CITATION_ACCESSED" not in run_cli("check").out  # APA needs none
    _set(sample_copy, CITATION_STYLE="harvard")
    result = run_cli("check")
    assert "⚠ Style Harvard sans date de consultation : ajoutez CITATION_ACCESSED" in result.out
    _set(sample_copy, CITATION_ACCESSED="2026-11-20")
    assert "CITATION_ACCESSED" not in run_cli("check").out
    _set(sample_copy, CITATION_STYLE="chicago")
    result = run_cli("check")
    assert result.code == 2 and "CITATION_STYLE = 'chicago'" in result.err
