"""`private.yaml`: contact details kept off a public repository, merged by the loader,
reported with their own file and line; `check` warns about such details in profile.yaml."""

from __future__ import annotations

import re
import shutil
import subprocess
import textwrap

import pytest

from profile_gen.errors import ProfileError
from profile_gen.profile.loader import load
from tests.conftest import MINIMAL, ROOT, require

PHONE = "+33 6 12 34 56 78"


def write(folder, name: str, text: str) -> None:
    (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")


def test_private_contact_items_are_merged(tmp_path):
    write(tmp_path, "profile.yaml", MINIMAL + "  contact:\n    email: c@example.fr\n")
    write(
        tmp_path,
        "private.yaml",
        f"""\
        identity:
          contact:
            phone: "{PHONE}"
            address: 1 rue de l'Exemple, Lyon
        """,
    )
    contact = load(tmp_path / "profile.yaml").identity.contact
    assert str(contact.email) == "c@example.fr" and contact.phone == PHONE
    assert set(contact.shown_on("annexe")) == {"email", "phone", "address"}
    assert set(contact.shown_on("online")) == {"email"}


def test_the_starter_private_file_with_comments_only_is_empty(run_cli, tmp_path):
    assert run_cli("init", str(tmp_path)).code == 0
    assert load(tmp_path / "profile.yaml").identity.contact.phone is None


def test_errors_in_the_private_file_name_it(tmp_path):
    write(tmp_path, "profile.yaml", MINIMAL + "  contact:\n    email: c@example.fr\n")
    write(
        tmp_path,
        "private.yaml",
        """\
        identity:
          contact:
            phone: pas un numéro
            phnoe: "+33 6 00 00 00 00"
            email: autre@example.fr
          name: Autre
        summary: oups
        """,
    )
    with pytest.raises(ProfileError) as caught:
        load(tmp_path / "profile.yaml")
    text = caught.value.format()
    private = str(tmp_path / "private.yaml")
    assert f"{private}:3:12: identity.contact.phone\n" in text
    assert f"{private}:4:5: identity.contact.phnoe\n" in text and "« phone »" in text
    assert f"{private}:5:5: identity.contact.email\n" in text
    assert "déjà dans profile.yaml (ligne 5)" in text
    assert f"{private}:6:3: identity.name\n" in text and f"{private}:7:1: summary\n" in text
    assert "5 erreurs" in text


def test_profile_and_private_errors_each_name_their_file(tmp_path):
    write(tmp_path, "profile.yaml", "identity:\n  name: A\n  headlin: B\n")
    write(tmp_path, "private.yaml", "identity:\n  contact:\n    phone: x\n")
    with pytest.raises(ProfileError) as caught:
        load(tmp_path / "profile.yaml")
    text = caught.value.format()
    assert f"{tmp_path / 'profile.yaml'}:3:3: identity.headlin" in text
    assert f"{tmp_path / 'private.yaml'}:3:12: identity.contact.phone" in text


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("identity:\n  contact: [1\n", ":2:12"),  # where the bracket opens
        ("- a\n- b\n", ":1:1"),
        ("identity:\n  contact: du texte\n", ":2:12: identity.contact"),
    ],
)
def test_a_broken_private_file_is_named(tmp_path, text, where):
    write(tmp_path, "profile.yaml", MINIMAL)
    (tmp_path / "private.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ProfileError) as caught:
        load(tmp_path / "profile.yaml")
    assert f"{tmp_path / 'private.yaml'}{where}" in caught.value.format()


def test_private_data_stays_off_the_book(run_cli, tmp_path, in_dir):
    write(tmp_path, "profile.yaml", MINIMAL)
    write(tmp_path, "private.yaml", f'identity:\n  contact:\n    phone: "{PHONE}"\n')
    in_dir(tmp_path)
    assert run_cli("build", "--formats", "").code == 0  # the Book's pages: what is read here
    output = tmp_path / "output"
    holding = {
        path.relative_to(output).parts[0]
        for path in output.rglob("*.html")
        if PHONE in path.read_text("utf-8")
    }
    assert holding == {"annexe", "cv"}


def git(folder, *args: str) -> None:
    subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True)


@pytest.fixture
def repository(tmp_path):
    """A git repository holding a profile with its phone written in profile.yaml."""
    require(shutil.which("git"), "git is not installed")
    write(tmp_path, "profile.yaml", MINIMAL + f'  contact:\n    phone: "{PHONE}"\n')
    git(tmp_path, "init", "-q")
    return tmp_path


WARNING = "profile.yaml contient des coordonnées réservées aux annexes (votre téléphone)"


@pytest.mark.pdf  # `check` counts the printed CV's pages with WeasyPrint
def test_check_warns_in_a_repository_with_or_without_a_remote(run_cli, repository, in_dir):
    in_dir(repository)
    # no remote yet: a commit made now is pushed with the history once one is added
    assert WARNING in run_cli("check").out
    git(repository, "remote", "add", "origin", "https://example.invalid/book.git")
    result = run_cli("check")
    assert WARNING in result.out and "private.yaml" in result.out
    english = run_cli("--lang", "en", "check")
    assert "profile.yaml holds your phone number, meant for the annexes only" in english.out
    (repository / ".gitignore").write_text("profile.yaml\n", encoding="utf-8")
    assert WARNING not in run_cli("check").out  # ignored by git: never committed


@pytest.mark.pdf  # `check` counts the printed CV's pages with WeasyPrint
def test_check_warns_before_the_folder_is_a_repository(run_cli, tmp_path, in_dir):
    """The guide has the student fill the profile before `git init`: the first `git add -A`
    takes the phone written there. `check` says so already."""
    write(tmp_path, "profile.yaml", MINIMAL + f'  contact:\n    phone: "{PHONE}"\n')
    in_dir(tmp_path)
    assert WARNING in run_cli("check").out


@pytest.mark.pdf  # `check` counts the printed CV's pages with WeasyPrint
def test_no_warning_once_the_phone_is_private(run_cli, repository, in_dir):
    git(repository, "remote", "add", "origin", "https://example.invalid/book.git")
    write(repository, "profile.yaml", MINIMAL)
    write(repository, "private.yaml", f'identity:\n  contact:\n    phone: "{PHONE}"\n')
    in_dir(repository)
    assert WARNING not in run_cli("check").out


@pytest.mark.pdf  # `check` counts the printed CV's pages with WeasyPrint
def test_no_warning_for_a_public_phone(run_cli, repository, in_dir):
    git(repository, "remote", "add", "origin", "https://example.invalid/book.git")
    with open(repository / "profile.yaml", "a", encoding="utf-8") as profile:
        profile.write("    visibility:\n      phone: public\n")
    in_dir(repository)
    assert WARNING not in run_cli("check").out


UNIGNORED = "n'est pas ignoré par git"


@pytest.mark.pdf  # `check` counts the printed CV's pages with WeasyPrint
def test_check_warns_when_git_would_take_the_private_file(run_cli, repository, in_dir):
    """The private file itself, not ignored (a `.gitignore` of the host's, without it), or
    committed all the same: the next push publishes what it holds."""
    write(repository, "profile.yaml", MINIMAL)
    write(repository, "private.yaml", f'identity:\n  contact:\n    phone: "{PHONE}"\n')
    (repository / ".gitignore").write_text("__pycache__/\n", encoding="utf-8")
    in_dir(repository)
    result = run_cli("check")
    assert f"⚠ private.yaml {UNIGNORED} dans ce dépôt" in result.out
    assert "git rm --cached private.yaml" in result.out
    english = run_cli("--lang", "en", "check").out
    assert "⚠ private.yaml is not ignored by git in this repository" in english
    (repository / ".gitignore").write_text("__pycache__/\nprivate.yaml\n", encoding="utf-8")
    assert UNIGNORED not in run_cli("check").out
    git(repository, "add", "-f", "private.yaml")  # ignored, but committed all the same
    assert UNIGNORED in run_cli("check").out


def test_build_warns_when_git_would_take_the_printed_documents(run_cli, repository, in_dir):
    """The annexes and the CV hold the phone: a build says so when the output folder is
    not ignored (`OUTPUT_PATH = "docs"`, a `.gitignore` without `output/`), and not else."""
    write(repository, "profile.yaml", MINIMAL)
    write(repository, "private.yaml", f'identity:\n  contact:\n    phone: "{PHONE}"\n')
    (repository / ".gitignore").write_text("private.yaml\n", encoding="utf-8")
    in_dir(repository)
    result = run_cli("build", "--formats", "")
    assert f"⚠ {repository / 'output'} {UNIGNORED}" in result.out
    assert "Ajoutez la ligne output/ au fichier .gitignore" in result.out
    (repository / ".gitignore").write_text("private.yaml\noutput/\n", encoding="utf-8")
    assert UNIGNORED not in run_cli("build", "--formats", "").out


TEMPLATE_ROUTES = (
    "profile.identity.contact.phone|string|list|join('~')",
    "profile.identity.contact.address|string|reverse",
    "profile.identity.contact.shown_on('annexe')",
    "profile.identity",
    "views.profile.identity.contact",
    "book.profile.identity.contact",
    "PROFILE_GEN_PROFILE is defined",  # Pelican's copy of the settings: not there
)
"""Ways a template found elsewhere could print the annexe's phone and address on a page
of the Book, disguised from a search for the value."""


def test_a_students_template_cannot_reach_what_is_kept_off_the_web(sample_copy, run_cli, in_dir):
    """The templates' context holds the profile as the Book shows it: the phone and the
    address (visibility `annexe`) are not in it, by any road; the annexe still prints them."""
    shown = "".join(f"<p>{{{{ {route} }}}}</p>" for route in TEMPLATE_ROUTES)
    template = f'{{% extends "base.html" %}}{{% block content %}}{shown}{{% endblock %}}'
    (sample_copy / "content/templates").mkdir()
    (sample_copy / "content/templates/home.html").write_text(template, encoding="utf-8")
    in_dir(sample_copy)
    result = run_cli("build", "--formats=")
    assert result.code == 0, result.err
    output = sample_copy / "output"
    home = (output / "index.html").read_text("utf-8")
    assert home.count("<p>") >= len(TEMPLATE_ROUTES)  # the page is the template's
    assert "<p>False</p>" in home
    for page in output.rglob("*.html"):
        if page.relative_to(output).parts[0] in ("annexe", "cv"):
            continue  # printed only: `publish` and `--public` leave them out
        digits = re.sub(r"\D", "", page.read_text("utf-8"))
        assert "612345678" not in digits and "876543216" not in digits, page
    annexe = (output / "annexe/index.html").read_text("utf-8")
    assert "+33\u00a06\u00a012" in annexe or "+33 6 12 34 56 78" in annexe


@pytest.mark.parametrize(
    ("where", "text", "page"),
    [
        (  # its page, and the list of activities that quotes it: the first one found
            "articles/appel.md",
            "Title: Appel\nDate: 2025-09-19\nSlug: appel\n\nAppelez-moi au +33 6.12.34.56.78 !\n",
            "activites/index.html",
        ),
    ],
)
def test_a_page_showing_a_contact_item_kept_off_the_web_stops_the_build(
    sample_copy, run_cli, in_dir, where, text, page
):
    """A student's article that writes the phone (kept for the annexe) on a page of the
    Book: the build names the page and the field, and publishes nothing."""
    (sample_copy / "content" / where).parent.mkdir(exist_ok=True)
    (sample_copy / "content" / where).write_text(text, encoding="utf-8")
    in_dir(sample_copy)
    for public in ((), ("--public",)):
        result = run_cli("build", "--formats=", *public)
        assert result.code == 2 and "Traceback" not in result.err, result.err
        assert f"{page} : la page montre identity.contact.phone" in result.err
        assert not (sample_copy / "output").exists()


def test_a_page_is_searched_for_the_value_not_for_its_words(tmp_path):
    """An e-mail kept off the web is found as the Book shows an address (a break after `@`
    and `.`), never in a Book address of the same words (`zoe.example.org`); a phone through
    the spaces typography puts in it."""
    from profile_gen.app.privacy import web_leaks

    profile = load(ROOT / "content/profile.yaml")
    contact = profile.identity.contact.model_copy(
        update={
            "email": "zoe@example.org",
            "visibility": profile.identity.contact.visibility.model_copy(
                update={"email": "private"}
            ),
        }
    )
    profile = profile.model_copy(
        update={"identity": profile.identity.model_copy(update={"contact": contact})}
    )
    (tmp_path / "index.html").write_text('<a href="https://zoe.example.org/book/">x</a>', "utf-8")
    (tmp_path / "cv").mkdir()  # a print output: never published, never searched
    (tmp_path / "cv/index.html").write_text("zoe@example.org +33 6 12 34 56 78", "utf-8")
    assert web_leaks(tmp_path, profile) == []
    (tmp_path / "a.html").write_text("<p>zoe@<wbr>example.<wbr>org</p>", "utf-8")
    (tmp_path / "b.xml").write_text("<t>+33&nbsp;6&#8239;12 34.56-78</t>", "utf-8")
    assert sorted(web_leaks(tmp_path, profile)) == [("a.html", "email"), ("b.xml", "phone")]
    for national in ("06 12 34 56 78", "06.12.34.56.78", "0612345678", "tel:+33612345678"):
        (tmp_path / "b.xml").write_text(f"<t>{national}</t>", "utf-8")  # as students write it
        assert ("b.xml", "phone") in web_leaks(tmp_path, profile), national
    (tmp_path / "b.xml").write_text("<t>06 12 34 56 789, 01 12 34 56 70</t>", "utf-8")
    assert ("b.xml", "phone") not in web_leaks(tmp_path, profile)  # other numbers'


def test_a_profile_text_writing_the_phone_is_named_by_the_build(tmp_path, run_cli, in_dir):
    """The phone kept in `private.yaml`, written in the summary the way a French student
    writes it: the build stops and names the profile's text, not a template."""
    write(tmp_path, "profile.yaml", MINIMAL + "summary: Joignable au 06 12 34 56 78, le soir.\n")
    write(tmp_path, "private.yaml", f'identity:\n  contact:\n    phone: "{PHONE}"\n')
    in_dir(tmp_path)
    result = run_cli("build", "--formats", "")
    assert result.code == 2 and "Traceback" not in result.err
    assert "la page montre identity.contact.phone" in result.err
    assert "le texte summary de votre profil l'écrit" in result.err
    assert not (tmp_path / "output").exists()


def test_a_private_export_written_into_the_repository_is_warned_of(run_cli, repository, in_dir):
    """`export --include-private -o FILE` holds the phone: said when git would take it."""
    write(repository, "profile.yaml", MINIMAL)
    write(repository, "private.yaml", f'identity:\n  contact:\n    phone: "{PHONE}"\n')
    in_dir(repository)
    args = ("export", "jsonresume", "--include-private", "-o")
    result = run_cli(*args, "resume-private.json")
    assert result.code == 0 and PHONE in (repository / "resume-private.json").read_text("utf-8")
    assert (
        f"⚠ resume-private.json contient vos coordonnées réservées aux annexes et {UNIGNORED}"
        in result.err
    )
    (repository / ".gitignore").write_text("private.yaml\nresume-*.json\n", encoding="utf-8")
    assert UNIGNORED not in run_cli(*args, "resume-private.json", "--force").err
    assert UNIGNORED not in run_cli("export", "jsonresume", "-o", "public.json").err  # no phone


@pytest.mark.pdf  # `check` counts the printed CV's pages with WeasyPrint
def test_check_says_when_a_private_item_is_made_public(tmp_path, run_cli, in_dir):
    """private.yaml's header says its items are never published: a `visibility: public`
    in profile.yaml publishes one all the same, which `check` says (and not else)."""
    write(tmp_path, "profile.yaml", MINIMAL + "  contact:\n    visibility:\n      phone: public\n")
    write(tmp_path, "private.yaml", f'identity:\n  contact:\n    phone: "{PHONE}"\n')
    in_dir(tmp_path)
    said = "private.yaml garde votre téléphone hors du dépôt, mais profile.yaml les montre"
    result = run_cli("check")
    assert said in result.out and "visibility: phone: annexe" in result.out
    assert (
        "private.yaml keeps your phone number out of the repository"
        in run_cli("--lang", "en", "check").out
    )
    write(tmp_path, "profile.yaml", MINIMAL)
    assert "profile.yaml les montre" not in run_cli("check").out


@pytest.mark.pdf  # `check` counts the printed CV's pages with WeasyPrint
def test_check_warns_of_a_phone_number_written_in_a_text(tmp_path, run_cli, in_dir):
    """In a CI job (no private.yaml to compare with), a number written in a text is seen as
    one; figures that are not phone numbers are not."""
    text = "summary: Joignable au 06.12.34.56.78 ; 20 000 utilisateurs en 2024-2025.\n"
    write(tmp_path, "profile.yaml", MINIMAL + text)
    in_dir(tmp_path)
    said = "summary : ce texte du profil semble contenir un numéro de téléphone"
    assert said in run_cli("check").out
    # speaker notes are never on the Book, but profile.yaml goes into the repository
    notes = (
        "defence:\n  slides:\n    - {type: title, seconds: 20, notes: Appelez le 06 12 34 56 78}\n"
    )
    write(tmp_path, "profile.yaml", MINIMAL + notes)
    result = run_cli("check").out
    assert "defence.slides[0].notes" in result and "dans votre dépôt git" in result
    write(
        tmp_path,
        "profile.yaml",
        MINIMAL + "summary: 20 000 utilisateurs, SIRET 123 456 789 00012.\n",
    )
    assert "numéro de téléphone" not in run_cli("check").out
