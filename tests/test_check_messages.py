"""`check` sees what the outputs will show: articles as the build reads them, untranslated
texts by place, missing notes, the template's example values; and its messages are whole."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from tests.conftest import MINIMAL, ROOT, SAMPLE, copy_sample

BAD_DATE = "Title: KYC\nDate: 12 septembre 2025\n\nLe texte.\n"


def _profile_with_article(folder: Path, article: str, name: str = "kyc.md") -> Path:
    """The sample profile (ready) in `folder`, with one article."""
    shutil.copytree(ROOT / "content", folder)
    (folder / "articles" / name).write_text(article, encoding="utf-8")
    return folder / "profile.yaml"


def test_a_bad_article_date_gets_the_same_verdict_from_any_folder(tmp_path, run_cli, in_dir):
    profile = _profile_with_article(tmp_path / "moi", BAD_DATE)
    in_dir(profile.parent)
    here = run_cli("check", "profile.yaml")
    in_dir(ROOT)
    there = run_cli("check", str(profile))
    for result in (here, there):
        # the build stops on it: `check` fails as the build would (exit 2), not "incomplete"
        assert result.code == 2, result.out + result.err
        assert "Prêt pour" not in result.out
        assert "articles/kyc.md" in result.out and "« 12 septembre 2025 »" in result.out
        assert "AAAA-MM-JJ" in result.out and "articles/kyc.md" in result.err
    # said as what it is: an error that stops the build, not an item to complete
    assert "1 erreur arrête la construction" in here.out and "à compléter" not in here.out
    # in CI, an error annotated on the article's file: the workflow stops before the build
    github = run_cli("check", "--format", "github", str(profile))
    assert github.code == 2
    assert "::error file=" in github.out, github.out
    assert "articles/kyc.md,line=2,col=1::" in github.out, github.out  # at its Date: line


@pytest.mark.parametrize(
    ("article", "expected"),
    [
        (BAD_DATE, "date illisible « 12 septembre 2025 » ; écrivez-la AAAA-MM-JJ"),
        # Pelican would read the 10th of May where a French student meant the 5th of October
        ("Title: KYC\nDate: 05/10/2025\n\nLe texte.\n", "date illisible « 05/10/2025 »"),
        ("Title: KYC\nDate: 2025-09-12\nModified: 12/09/2025\n\nx\n", "« 12/09/2025 »"),
        ("Title: KYC\nDate: 2025-09-12\nTemplate: cv\n\nx\n", "Template: cv ne nomme aucun"),
        ("Title: KYC\nDate: 2025-09-12\nTemplate: absent\n\nx\n", "templates/absent.html"),
        ("Title: KYC\n\nLe texte.\n", "l'article n'a pas de date"),
        ("Date: 2025-09-12\n\nLe texte.\n", "l'article n'a pas de titre"),
        # Pelican skips a page it would write out of the output folder, and says it in English
        ("Title: KYC\nDate: 2025-09-12\nSave_as: ../../kyc.html\n\nx\n", "« Save_as: ../../kyc"),
        (
            "Title: KYC\nDate: 2025-09-12\nSlug: ../../../kyc\n\nx\n",
            "« Slug: ../../../kyc » écrirait",
        ),
        # or that would replace a page of the Book, or write a folder for an unknown language
        ("Title: KYC\nDate: 2025-09-12\nSave_as: index.html\n\nx\n", "place de « index.html »"),
        ("Title: KYC\nDate: 2025-09-12\nSave_as: cv/index.html\n\nx\n", "« cv/index.html »"),
        ("Title: KYC\nDate: 2025-09-12\nSave_as: articles/k.svg\n\nx\n", "« articles/k.svg »"),
        # a way back up still lands on the Book's pages, as Pelican joins it
        (
            "Title: KYC\nDate: 2025-09-12\nSave_as: articles/../index.html\n\nx\n",
            "« articles/../index.html »",
        ),
        ("Title: KYC\nDate: 2025-09-12\nSlug: ..\n\nx\n", "« articles/../index.html »"),
        (
            "Title: KYC\nDate: 2025-09-12\nLang: de\n\nx\n",
            "« Lang: de » n'est pas une langue du Book",
        ),
        ('Title: KYC\nDate: 2025-09-12\nLang: fr" x="y\n\nx\n', "du Book (fr, en)"),
    ],
)
def test_the_build_names_the_article_and_what_it_lacks(tmp_path, run_cli, article, expected):
    project = copy_sample(tmp_path)
    (project / "content/articles/kyc.md").write_text(article, encoding="utf-8")
    result = run_cli("build", "--settings", str(project / "pelican.conf.py"), "--no-pdf")
    assert result.code == 2, result.out
    assert "articles/kyc.md" in result.err and expected in result.err
    assert "Pelican" not in result.err and "Traceback" not in result.err
    assert "Skipping" not in result.err and "Could not process" not in result.err  # English


def test_an_article_saved_in_latin_1_is_named_with_what_to_do(tmp_path, run_cli):
    project = copy_sample(tmp_path)
    article = project / "content/articles/kyc.md"
    article.write_bytes("Title: Café\nDate: 2025-09-12\n\nRédigé sous Windows.\n".encode("cp1252"))
    said = "articles/kyc.md:1 : octet 0xE9 invalide en UTF-8 ; enregistrez l'article en UTF-8"
    result = run_cli("build", "--settings", str(project / "pelican.conf.py"), "--no-pdf")
    assert result.code == 2 and said in result.err, result.err
    checked = run_cli("check", str(project / "content/profile.yaml"))
    assert said in checked.out and "métadonnées" not in checked.out + result.err


@pytest.mark.parametrize(
    "date", ["2025-09-12", "2025-09-12 14:30", "2025-09-12T14:30:05+02:00", "2025-09-12_14:30"]
)
def test_an_iso_date_with_or_without_its_time_is_read(tmp_path, date):
    from profile_gen.book.article_meta import article_date, article_problems

    content = tmp_path / "c"
    (content / "articles").mkdir(parents=True)
    (content / "articles/a.md").write_text(f"Title: A\nDate: {date}\n\nx\n", "utf-8")
    assert article_problems(content) == []
    assert article_date(date).date().isoformat() == "2025-09-12"


def test_drafts_and_dated_file_names_need_no_date_line(tmp_path):
    from profile_gen.book.article_meta import article_problems

    content = tmp_path / "c"
    (content / "articles").mkdir(parents=True)
    (content / "articles/draft.md").write_text("Title: A\nStatus: draft\n\nx\n", "utf-8")
    (content / "articles/2025-09-12-b.md").write_text("Title: B\n\nx\n", "utf-8")
    (content / "articles/c.md").write_text("Title: C\nDate: 2025-09-12 10:30\n\nx\n", "utf-8")
    assert article_problems(content) == []


@pytest.mark.pdf  # `check` counts the printed CV's pages with WeasyPrint
def test_untranslated_texts_are_listed_by_place_without_names(run_cli, write_profile):
    profile = write_profile(
        "locale: [fr, en]\n"
        "identity:\n  name: Camille Test\n  headline: {fr: Cheffe, en: Manager}\n"
        "  contact: {city: 'Lyon, France'}\n"
        "skills:\n  - {name: SQL}\n  - {name: Jira}\n  - {name: Gestion de projet agile}\n"
        "certifications:\n  - {name: ITIL 4 Foundation, issuer: PeopleCert, date: 2025}\n"
        "strengths:\n"
        "  - {title: {fr: Écoute, en: Listening}, explanation: {fr: Un, en: One}}\n"
        "  - {title: Esprit de synthèse, explanation: {fr: Un, en: One}}\n"
    )
    result = run_cli("check", str(profile))
    out = result.out
    assert "2 textes écrits une seule fois, affichés tels quels en anglais :" in out
    assert "    - strengths[1].title" in out and "    - skills[2].name" in out
    for name in ("skills[0].name", "skills[1].name", "certifications[0].name", "contact.city"):
        assert name not in out


def test_no_speaker_notes_are_missing_notes(run_cli, write_profile):
    result = run_cli("check", str(write_profile(MINIMAL)))
    assert "✗ Notes de l'orateur : aucune n'est écrite — ajoutez notes" in result.out
    assert "dans le temps de chaque diapositive" not in result.out
    noted = write_profile(
        MINIMAL + "defence:\n  slides:\n    - {type: title, seconds: 300, notes: Bonjour.}\n"
    )
    assert "✓ Notes de l'orateur dans le temps" in run_cli("check", str(noted)).out


@pytest.mark.pdf  # `check` counts the printed CV's pages with WeasyPrint
def test_the_untouched_init_template_is_not_filled_yet(tmp_path, run_cli):
    assert run_cli("init", str(tmp_path / "p")).code == 0
    result = run_cli("check", str(tmp_path / "p/profile.yaml"))
    assert result.code == 1
    line = next(line for line in result.out.splitlines() if "Pas encore rempli" in line)
    for where in (
        "identity.name (« Prénom Nom »)",
        "identity.contact.email (« prenom.nom@example.fr »)",
        "experience[0].organization (« Entreprise »)",
        "education[0].institution (« École »)",
    ):
        assert where in line


@pytest.mark.pdf  # `check` counts the printed CV's pages with WeasyPrint
def test_the_untouched_english_template_is_not_filled_yet(tmp_path, run_cli):
    assert run_cli("init", str(tmp_path / "p"), "--lang", "en").code == 0
    result = run_cli("--lang", "en", "check", str(tmp_path / "p/profile.yaml"))
    assert result.code == 1
    line = next(line for line in result.out.splitlines() if "Not filled in yet" in line)
    for where in ("identity.name", "identity.contact.email", "experience[0].organization"):
        assert where in line


@pytest.mark.parametrize("name", ["profile.yaml", "profile.en.yaml"])
def test_every_example_value_of_the_template_is_a_known_placeholder(name):
    """The starters and the lists `check` knows stay one (an edit to one shows here)."""
    from profile_gen.profile.loader import load
    from profile_gen.profile.readiness import PLACEHOLDERS, placeholders_in

    starter = load(ROOT / "profile_gen/starter" / name)
    found = {where for where, _ in placeholders_in(starter)}
    assert found >= {"identity.name", "identity.contact.email", "experience[0].organization"}
    assert {"education[0].institution", "experience[0].description"} <= found
    assert not placeholders_in(load(SAMPLE))
    assert set(PLACEHOLDERS.values()) >= {"Prénom Nom", "Entreprise", "prenom.nom@example.fr"}


def test_the_activities_hint_names_the_profiles_own_folder(tmp_path, run_cli):
    (tmp_path / "moi").mkdir()
    profile = tmp_path / "moi/profile.yaml"
    profile.write_text(MINIMAL, encoding="utf-8")
    out = run_cli("check", str(profile)).out
    assert f"ajoutez activities ou des articles dans {tmp_path / 'moi' / 'articles'}" in out
    assert "content/articles" not in out


def test_a_comma_inside_braces_gets_a_hint(run_cli, write_profile):
    profile = write_profile(
        MINIMAL + "skills:\n  - name: { fr: Analyse (KYC, LCB-FT), en: Analysis (KYC, AML) }\n"
    )
    result = run_cli("check", str(profile))
    assert result.code == 2
    assert "« LCB-FT) » n'est pas une langue" in result.err
    assert 'fr: "Analyse (KYC, LCB-FT)"' in result.err
    assert f"{profile}:5:" in result.err  # the line of the item is named


def test_the_next_step_after_an_import_is_filled_in(tmp_path, run_cli):
    from tests.test_interop import linkedin_files, make_zip

    export = make_zip(tmp_path / "e.zip", linkedin_files())
    target = tmp_path / "moi/profile.yaml"
    result = run_cli("import", "linkedin", str(export), "-o", str(target))
    assert result.code == 0, result.err
    assert f"profile-gen check {target}`" in result.out
    assert f"build --content {target.parent}`" in result.out
    assert "{" not in result.out


def test_the_import_report_speaks_the_users_language(tmp_path, run_cli):
    from tests.test_interop import linkedin_files, make_zip

    export = make_zip(tmp_path / "e.zip", linkedin_files())
    target = tmp_path / "p.yaml"
    result = run_cli("--lang", "en", "import", "linkedin", str(export), "-o", str(target))
    assert result.code == 0, result.err
    text = target.read_text("utf-8")
    assert "Import report" in text and "1 hidden recommendation skipped" in text
    assert "CEFR level guessed from LinkedIn" in text and "TO COMPLETE" in text
    assert "Rapport" not in text and "non importé" not in text
    assert "Not imported automatically:" in result.out


def test_an_article_with_a_front_matter_is_read_as_the_build_reads_it(tmp_path, run_cli, in_dir):
    """`---` around the metadata (a YAML front matter, as other site generators write it):
    Python-Markdown reads it, so `check` does too, and the article is built."""
    assert run_cli("init", str(tmp_path)).code == 0
    (tmp_path / "articles/front.md").write_text(
        "---\nTitle: Recette partagée\nDate: 2025-09-12\n---\n\nLe texte.\n", "utf-8"
    )
    checked = run_cli("check", str(tmp_path / "profile.yaml"))
    assert checked.code == 1 and "front.md" not in checked.out + checked.err, checked.out
    in_dir(tmp_path)
    built = run_cli("build", "--formats=")
    assert built.code == 0, built.err
    assert (tmp_path / "output/articles/recette-partagee/index.html").is_file()


def test_articles_the_build_cannot_read_are_all_named_at_their_line_and_count_for_nothing(
    tmp_path, run_cli, in_dir
):
    """The only articles unreadable: the annexe item « Articles et activités » is not met
    (the Book would have none); each is named at its `Date:` line, on stderr and on GitHub."""
    assert run_cli("init", str(tmp_path)).code == 0
    articles = tmp_path / "articles"
    (articles / "a.md").write_text("Title: A\nDate: 12/09/2025\n\nx\n", "utf-8")
    (articles / "b.md").write_text("Title: B\nStatus: published\nDate: demain\n\nx\n", "utf-8")
    checked = run_cli("check", str(tmp_path / "profile.yaml"))
    assert checked.code == 2
    assert "✗ Articles et activités" in checked.out, checked.out
    assert checked.err.splitlines() == [
        "articles/a.md:2 : date illisible « 12/09/2025 » ; écrivez-la AAAA-MM-JJ "
        "(ex. Date: 2025-09-12)",
        "articles/b.md:3 : date illisible « demain » ; écrivez-la AAAA-MM-JJ "
        "(ex. Date: 2025-09-12)",
    ]
    in_dir(tmp_path)
    github = run_cli("check", "--format", "github").out
    assert "::error file=articles/a.md,line=2,col=1::" in github
    assert "::error file=articles/b.md,line=3,col=1::" in github
    (articles / "c.md").write_text("Title: C\nDate: 2025-09-12\n\nx\n", "utf-8")
    assert "✓ Articles et activités" in run_cli("check").out  # one readable is enough


@pytest.mark.pdf  # `check` counts the printed CV's pages with WeasyPrint
def test_an_expired_certification_is_told_and_the_book_says_it_expired(tmp_path, run_cli, in_dir):
    """The CV and the annexe cite a certification without its expiry: `check` names one
    that has expired, and the Book says « expirée en » of it, « expire en » of one to come
    (at the documents' date: the profile's)."""
    shutil.copytree(ROOT / "content", tmp_path / "moi")
    profile = tmp_path / "moi/profile.yaml"
    text = profile.read_text("utf-8")
    text = text.replace("    credential_id: GR671234567LM\n", "    expires: 2001-06\n", 1)
    url = "    url: https://www.scrum.org/certificates\n"
    text = text.replace(url, url + "    expires: 2099-01\n", 1)
    profile.write_text(text, "utf-8")
    result = run_cli("check", str(profile))
    checked = result.out
    assert result.code in (0, 1), result.err
    assert "⚠ Certification expirée en juin\u00a02001 : ITIL 4 Foundation ;" in checked, checked
    assert "PSM I" not in checked.split("Certification expirée")[1]
    in_dir(profile.parent)
    assert run_cli("build", "--formats", "pdf,docx").code == 0
    output = profile.parent / "output"
    training = (output / "formations/index.html").read_text("utf-8")
    assert "expirée en juin\u00a02001" in training and "expire en janv.\u00a02099" in training
    # the printed lists, which give no expiry, say so of the expired one alone
    cv = " ".join(page.extract_text() for page in PdfReader(output / "cv.pdf").pages)
    annexe = docx.Document(str(output / "annexe.docx"))
    cells = [c.text for t in annexe.tables for row in t.rows for c in row.cells]
    word = " ".join([p.text for p in annexe.paragraphs] + cells)
    for shown in (" ".join(cv.split()), " ".join(word.split())):
        assert "PeopleCert, nov. 2024 (expirée en juin 2001)" in shown.replace("\u00a0", " ")
        assert "expirée en janv." not in shown and "2099" not in shown


@pytest.mark.parametrize(
    ("book", "suggested"),
    [
        ("https://github.com/Lea-Moreau/book", "https://lea-moreau.github.io/book/"),
        ("https://www.gitlab.com/lea/portfolio/", "https://lea.gitlab.io/portfolio/"),
        ("https://github.com/", "https://name.github.io/REPO/"),
    ],
)
def test_check_warns_when_the_book_address_is_its_repository(tmp_path, run_cli, book, suggested):
    """The repository's page in `links.book`: the annexes' QR codes would lead to the
    sources. The published site's address is suggested; a published one is not warned."""
    (tmp_path / "profile.yaml").write_text(f"{MINIMAL}links:\n  book: {book}\n", "utf-8")
    result = run_cli("check", str(tmp_path / "profile.yaml"))
    assert f"⚠ links.book ({book}) est l'adresse des sources du Book" in result.out
    assert f"sans doute {suggested}" in result.out
    (tmp_path / "profile.yaml").write_text(f"{MINIMAL}links:\n  book: {suggested}\n", "utf-8")
    assert "links.book (" not in run_cli("check", str(tmp_path / "profile.yaml")).out


def test_check_takes_the_profiles_folder_as_the_messages_say(tmp_path, run_cli, in_dir):
    """From another folder, `check` says to give `--content DOSSIER`: it takes it, and a
    folder given as the profile is its profile (it said "not a file: rename or delete it",
    of the student's folder)."""
    book = tmp_path / "book"
    book.mkdir()
    (book / "profile.yaml").write_text("identity:\n  name: A B\n  headline: C\n", "utf-8")
    elsewhere = tmp_path / "ailleurs"
    elsewhere.mkdir()
    in_dir(elsewhere)
    assert "--content" in run_cli("check").err
    for args in (("--content", str(book)), (str(book),)):
        result = run_cli("check", *args)
        assert result.code in (0, 1), result.err
        assert "profile.yaml : profil valide" in result.out
