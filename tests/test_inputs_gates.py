"""Odd inputs that once ended in an internal error or were quietly skipped: a lone UTF-16
surrogate (`"\\uD800"`) in a profile, its private file or an article; an empty
`private.yaml`; a folder, a FIFO or a link out of the folder named `private.yaml`."""

from __future__ import annotations

import os

import pytest

from profile_gen.app.build import run_pelican
from profile_gen.errors import BuildError
from tests.conftest import MINIMAL, copy_sample

LONE = '"Zo\\uD800é"'  # as a student writes it in a double-quoted YAML string


@pytest.mark.parametrize(("lang", "words"), [("fr", "caractère invalide"), ("en", "invalid char")])
def test_lone_surrogate_in_the_profile_is_a_profile_error(write_profile, run_cli, lang, words):
    path = write_profile(MINIMAL + f"summary: {LONE}\n")
    result = run_cli("check", str(path), "--lang", lang)
    assert result.code == 2, result.err
    assert f"{path}:4:10: summary" in result.err
    assert f"{words}" in result.err and "U+D800" in result.err
    assert len(result.err) < 1000  # one message, not a page of HTML


def test_lone_surrogate_in_a_name_and_a_key(write_profile, run_cli):
    path = write_profile(
        'identity:\n  name: "A\\uDC00"\n  headline: Cheffe\nsummary: "x"\n"k\\uD801": 1\n'
    )
    result = run_cli("check", str(path))
    assert result.code == 2
    assert f"{path}:2:9: identity.name" in result.err and "U+DC00" in result.err
    assert f"{path}:5:1" in result.err and "U+D801" in result.err
    assert "string_unicode" not in result.err


@pytest.mark.pdf  # `check` counts the printed CV's pages with WeasyPrint
def test_a_pair_written_as_two_escapes_is_one_character(write_profile, run_cli):
    path = write_profile(MINIMAL + 'summary: "Bravo \\uD83D\\uDE00"\n')
    result = run_cli("check", str(path))
    assert result.code in (0, 1), result.err


def test_lone_surrogate_in_private_yaml_names_the_private_file(write_profile, run_cli):
    path = write_profile(MINIMAL)
    private = write_profile(
        'identity:\n  contact:\n    address: "1 rue \\uD800"\n', name="private.yaml"
    )
    result = run_cli("check", str(path))
    assert result.code == 2
    assert f"{private}:3:14: identity.contact.address" in result.err
    assert "U+D800" in result.err


def test_lone_surrogate_in_an_article_is_an_error_naming_it(tmp_path, run_cli, in_dir):
    root = copy_sample(tmp_path)
    (root / "content/articles/essai.rst").write_text(
        "Essai\n#####\n\n:date: 2025-01-02\n\nBonjour |x| fin.\n\n.. |x| unicode:: U+D800\n",
        encoding="utf-8",
    )
    with pytest.raises(BuildError) as raised:
        run_pelican(root / "pelican.conf.py", root / "output", pdf=False)
    assert raised.value.code == "article_invalid_char"
    message = raised.value.describe("fr")
    assert "essai.rst" in message and "U+D800" in message
    in_dir(root)
    result = run_cli("build", "--no-pdf")
    assert result.code == 2 and "essai.rst" in result.err and len(result.err) < 1000


@pytest.mark.parametrize("text", ["", "\n", "# mes coordonnées plus tard\n", "~\n"])
def test_an_empty_private_file_means_no_private_details(write_profile, run_cli, text):
    path = write_profile(MINIMAL)
    write_profile(text, name="private.yaml")
    result = run_cli("check", str(path))
    assert result.code in (0, 1), result.err
    assert "init" not in result.err


def _not_a_file(kind: str, folder):
    target = folder / "private.yaml"
    if kind == "folder":
        target.mkdir()
    elif kind == "fifo":
        os.mkfifo(target)
    else:  # a link to another student's private file
        other = folder.parent / "other"
        other.mkdir()
        (other / "private.yaml").write_text("identity:\n  contact:\n    phone: 0612345678\n")
        target.symlink_to(other / "private.yaml")
    return target


@pytest.mark.parametrize(
    ("kind", "words"),
    [("folder", "n'est pas un fichier"), ("fifo", "n'est pas un fichier"), ("link", "sort du")],
)
def test_a_private_yaml_that_is_no_file_of_the_folder_is_an_error(
    tmp_path, write_profile, run_cli, kind, words
):
    folder = tmp_path / "student"
    folder.mkdir()
    path = folder / "profile.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    private = _not_a_file(kind, folder)
    result = run_cli("check", str(path))
    assert result.code == 2
    assert str(private) in result.err and words in result.err
    assert "0612345678" not in result.err + result.out


@pytest.mark.parametrize("escape", ["\\e]0;pwned\\a", "\\x1b[31m", "\\x00", "\\x9b2J", "\\x7f"])
def test_control_characters_are_errors_naming_the_field(write_profile, run_cli, escape):
    """Invisible control characters would break the Word, PowerPoint and PDF files and can
    command a terminal: refused where they are written, in either file."""
    path = write_profile(MINIMAL + f'summary: "Bonjour {escape} fin"\n')
    result = run_cli("check", str(path))
    assert result.code == 2, result
    assert f"{path}:4:10: summary" in result.err and "U+00" in result.err
    assert "\x1b" not in result.err + result.out
    private = write_profile(
        f'identity:\n  contact:\n    address: "1 rue{escape}"\n', "private.yaml"
    )
    path = write_profile(MINIMAL)
    result = run_cli("check", str(path))
    assert result.code == 2 and f"{private}:3:14: identity.contact.address" in result.err


@pytest.mark.parametrize(("kind", "words"), [("fifo", "n'est pas un fichier"), ("link", "sort du")])
def test_a_profile_that_is_no_file_of_its_folder_is_an_error(tmp_path, run_cli, kind, words):
    """A profile.yaml linked to another student's file (in a cohort) is not read; a pipe
    is not opened (it would hang the command)."""
    folder = tmp_path / "student"
    folder.mkdir()
    path = folder / "profile.yaml"
    if kind == "fifo":
        os.mkfifo(path)
    else:
        other = tmp_path / "other"
        other.mkdir()
        (other / "private.yaml").write_text("identity:\n  contact:\n    phone: 0612345678\n")
        path.symlink_to(other / "private.yaml")
    result = run_cli("check", str(path))
    assert result.code == 2
    assert str(path) in result.err and words in result.err
    assert "0612345678" not in result.err + result.out
