"""`profile-gen publish --git`: the Book (never the print outputs) pushed to a branch of a
local bare repository with ghp-import; clear errors when it cannot be."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from profile_gen import outputs
from profile_gen.book import seo
from tests.conftest import ROOT

PHONE_DIGITS = "612345678"  # the sample's annexe-only phone, +33 6 12 34 56 78
TEXT_SUFFIXES = {".html", ".xml", ".txt", ".css", ".js", ".md", ".json", ".svg", ""}
SETTINGS = str(ROOT / "pelican.conf.py")


def git(folder: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, check=True)
    return done.stdout


@pytest.fixture
def no_git_identity(tmp_path, monkeypatch):
    """git as on a fresh machine: no global or system configuration, no name or e-mail."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "no-gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for variable in ("GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "GIT_DIR", "GIT_WORK_TREE"):
        monkeypatch.delenv(variable, raising=False)


@pytest.fixture
def book(sample_site, tmp_path) -> Path:
    """The shared sample build, copied, with the document files other outputs write."""
    output = tmp_path / "output"
    shutil.copytree(sample_site, output)
    for name in ("annexe.pdf", "cv.pdf", "annexe.docx", "soutenance.pdf", "soutenance.pptx"):
        (output / name).write_bytes(b"document with +33 6 12 34 56 78")
    (output / "images" / "handout.PDF").write_bytes(b"%PDF-1.7")
    return output


@pytest.fixture
def student(tmp_path, no_git_identity, in_dir) -> tuple[Path, Path]:
    """The student's repository (the current folder) and a bare remote to publish to."""
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(remote))
    repository = tmp_path / "book-repo"
    repository.mkdir()
    git(repository, "init", "-q", "-b", "main")
    in_dir(repository)
    return repository, remote


def branch_files(remote: Path, branch: str = "gh-pages") -> list[str]:
    return git(remote, "ls-tree", "-r", "--name-only", branch).splitlines()


def test_publish_git_pushes_the_book_and_nothing_printed(book, student, run_cli, tmp_path):
    repository, remote = student
    result = run_cli("publish", "--git", str(remote), "--settings", SETTINGS, "-o", str(book))
    assert result.code == 0, result.err
    assert "gh-pages" in result.out and str(remote) in result.out
    # what it leaves out, of what this build has: no PowerPoint of a language it lacks
    left = result.out.split("sans ")[1].split(" ni aucun")[0]
    assert left == "annexe, annexe.docx, annexe.pdf, cv, cv.pdf, soutenance.pdf, soutenance.pptx"

    files = branch_files(remote)
    assert ".nojekyll" in files  # GitHub Pages serves every folder as it is
    assert {"index.html", "en/index.html", "robots.txt"} <= set(files)
    for name in files:
        top = name.split("/")[0]
        assert not top.startswith(("annexe", "cv", "soutenance", "defence")), name
        assert not name.startswith("en/defence"), name  # the rehearsal material
        assert not name.lower().endswith((".pdf", ".docx", ".pptx")), name
    built = {
        str(path.relative_to(book))
        for path in book.rglob("*")
        if path.is_file() and not outputs.is_kept_off(str(path.relative_to(book)))
    }
    assert built == set(files) - {".nojekyll"}  # the whole Book, nothing else

    checkout = tmp_path / "checkout"
    git(tmp_path, "clone", "-q", "-b", "gh-pages", str(remote), str(checkout))
    for path in checkout.rglob("*"):
        if path.is_file() and ".git" not in path.parts and path.suffix in TEXT_SUFFIXES:
            digits = re.sub(r"\D", "", path.read_text("utf-8", errors="replace"))
            assert PHONE_DIGITS not in digits, path  # the phone is annexe-only
    # no identity configured: the commit is signed by profile-gen
    assert git(remote, "log", "-1", "--format=%cn %s", "gh-pages").strip() == (
        "profile-gen Publish the Book (profile-gen)"
    )
    assert git(repository, "branch", "--show-current").strip() == "main"  # untouched


def test_publishing_again_adds_a_commit(book, student, run_cli):
    _, remote = student
    args = ("publish", "--git", str(remote), "--settings", SETTINGS, "-o", str(book))
    assert run_cli(*args).code == 0
    (book / "index.html").write_text("<h1>Léa Moreau</h1>", encoding="utf-8")
    (book / "404.html").unlink()
    result = run_cli(*args, "--branch", "pages", "--message", "Book v2")
    assert result.code == 0, result.err
    git(Path.cwd(), "remote", "add", "origin", str(remote))  # a remote's name works too
    by_name = ("publish", "--git", "origin", "--settings", SETTINGS, "-o", str(book))
    assert run_cli(*by_name, "--message", "Book v2").code == 0
    log = git(remote, "log", "--format=%s", "gh-pages").splitlines()
    assert log == ["Book v2", "Publish the Book (profile-gen)"]
    files = branch_files(remote)
    assert "404.html" not in files  # the branch is the Book as built now
    assert git(remote, "show", "gh-pages:index.html") == "<h1>Léa Moreau</h1>"
    assert "index.html" in branch_files(remote, "pages")


def test_publish_git_errors_are_clear(book, student, run_cli, tmp_path):
    _, remote = student
    where = ("--settings", SETTINGS, "-o", str(book))

    result = run_cli("publish", "--git", str(tmp_path / "nowhere.git"), *where)
    assert result.code == 2 and "ne répond pas" in result.err and "nowhere.git" in result.err

    result = run_cli("--lang", "en", "publish", "--git", str(remote), "--branch", "main", *where)
    assert result.code == 2 and "the branch you are working on" in result.err

    empty = tmp_path / "empty"
    empty.mkdir()
    result = run_cli("publish", "--git", str(remote), "--settings", SETTINGS, "-o", str(empty))
    assert result.code == 2 and "aucun Book construit" in result.err

    result = run_cli("publish", str(tmp_path / "site"), "--git", str(remote), *where)
    assert result.code == 2 and "l'un ou l'autre" in result.err
    result = run_cli("publish", *where)
    assert result.code == 2 and "l'un ou l'autre" in result.err

    assert "Traceback" not in result.err
    assert git(remote, "branch").strip() == ""  # nothing was pushed


def test_publish_git_outside_a_repository(book, run_cli, tmp_path, in_dir, monkeypatch):
    folder = tmp_path / "plain"
    folder.mkdir()
    in_dir(folder)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))  # no repository above either
    result = run_cli("publish", "--git", "origin", "--settings", SETTINGS, "-o", str(book))
    assert result.code == 2 and "n'est pas dans un dépôt git" in result.err
    assert "git init" in result.err and str(folder) in result.err


def test_publish_git_without_git(book, student, run_cli, monkeypatch):
    _, remote = student
    monkeypatch.setattr(shutil, "which", lambda name: None)
    result = run_cli("publish", "--git", str(remote), "--settings", SETTINGS, "-o", str(book))
    assert result.code == 2 and "git est introuvable" in result.err


def test_one_list_of_print_outputs():
    names = set(outputs.kept_off([outputs.PRINT]))
    assert {"annexe", "cv", "annexe.pdf", "cv.pdf", "annexe.docx"} <= names
    assert {
        "soutenance.pdf",
        "soutenance.pptx",
        "en/soutenance.pptx",
        "fr/soutenance.pptx",
    } <= names
    assert outputs.is_kept_off("annexe/index.html") and outputs.is_kept_off("images/x.PDF")
    assert outputs.classify("soutenance/index.html").audience == outputs.PRIVATE
    assert outputs.classify("index.html") is None and not outputs.is_kept_off("index.html")
    kept = outputs.is_kept_off
    assert kept("soutenance/index.html") and kept("en/defence/cards.html")
    assert kept("annexe/index.html") and not kept("diaporama/index.html")
    for languages in (["fr", "en"], ["en", "fr"], ["fr"], ["en"]):
        robots = seo.robots(None, languages, languages[0])
        for path in outputs.print_paths(languages, languages[0]):
            assert f"Disallow: {path}\n" in robots


def test_a_branch_changed_elsewhere_is_not_overwritten(book, student, run_cli, tmp_path, in_dir):
    _, remote = student
    args = ("publish", "--git", str(remote), "--settings", SETTINGS, "-o", str(book))
    assert run_cli(*args).code == 0
    other = tmp_path / "other-laptop"  # a second clone, whose gh-pages is not the remote's
    other.mkdir()
    git(other, "init", "-q", "-b", "main")
    in_dir(other)
    # another commit than the remote's (the same Book published within the same second
    # would be the very same commit, and its push a no-op)
    result = run_cli(*args, "--message", "from the other laptop")
    assert result.code == 2 and "a échoué" in result.err and "git fetch" in result.err
    assert len(git(remote, "log", "--format=%s", "gh-pages").splitlines()) == 1  # unchanged


def test_a_custom_domain_set_on_the_published_branch_is_kept(book, student, run_cli, tmp_path):
    """GitHub commits `CNAME` on the branch when the student sets a custom domain: the next
    publication keeps it (ghp-import writes only the Book), else the domain would go."""
    repository, remote = student
    args = ("publish", "--git", str(remote), "--settings", SETTINGS, "-o", str(book))
    assert run_cli(*args).code == 0
    pages = tmp_path / "pages"  # the branch as GitHub's Settings → Pages leaves it
    git(tmp_path, "clone", "-q", "-b", "gh-pages", str(remote), str(pages))
    (pages / "CNAME").write_text("book.lea-moreau.fr\n", encoding="utf-8")
    git(pages, "add", "CNAME")
    git(
        pages,
        "-c",
        "user.name=GitHub",
        "-c",
        "user.email=noreply@github.com",
        "commit",
        "-qm",
        "Create CNAME",
    )
    git(pages, "push", "-q", "origin", "gh-pages")
    git(repository, "fetch", "-q", str(remote), "gh-pages:gh-pages")
    (book / "index.html").write_text("<h1>Léa Moreau</h1>", encoding="utf-8")
    assert run_cli(*args, "--message", "Book v2").code == 0
    assert git(remote, "show", "gh-pages:CNAME").strip() == "book.lea-moreau.fr"
    assert git(remote, "show", "gh-pages:index.html") == "<h1>Léa Moreau</h1>"
