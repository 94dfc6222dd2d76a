"""A photo for print only (`visibility: photo: annexe`): in the printed annexe and CV, never in
the Book, its deck, its link previews or its structured data, nor in what `publish` puts
online (folder or git branch)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from profile_gen.app.build import run_pelican
from profile_gen.app.publish import publish_folder
from profile_gen.book.generators.annexe import PRINT_IMAGES
from profile_gen.outputs import PRINT, classify
from tests.conftest import copy_sample

TEXTS = {".html", ".xml", ".txt", ".json", ".md", ".svg", ".js", ".css"}


def build(root: Path, visibility: str, public: bool = False) -> Path:
    copy_sample(
        root,
        "      phone: annexe # printed annexe only",
        f"      photo: {visibility}\n      phone: annexe # printed annexe only",
    )
    return run_pelican(root / "pelican.conf.py", root / "output", pdf=False, public=public).output


@pytest.fixture(scope="module")
def annexe_only(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("annexe-photo"), "annexe")


def photo_files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("portrait-*") if p.is_file())


def public_texts(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): path.read_text("utf-8", errors="replace")
        for path in folder.rglob("*")
        if path.is_file()
        and path.suffix in TEXTS
        and not is_print_output(path.relative_to(folder).as_posix())
    }


def is_print_output(relative: str) -> bool:
    output = classify(relative)
    return output is not None and output.audience == PRINT


def test_the_print_folder_is_a_print_output():
    assert is_print_output(PRINT_IMAGES + "/portrait-480.jpg")


def test_annexe_only_photo_is_printed_not_in_the_book(annexe_only):
    output = annexe_only
    assert photo_files(output) == [
        f"{PRINT_IMAGES}/portrait-480.jpg",
        f"{PRINT_IMAGES}/portrait-480.webp",
    ]
    for page in ("annexe/index.html", "cv/index.html"):
        soup = BeautifulSoup((output / page).read_text("utf-8"), "html.parser")
        src = soup.select_one("img.cv-photo")["src"]
        assert (output / page).parent.joinpath(src).resolve() == (
            output / PRINT_IMAGES / "portrait-480.jpg"
        ).resolve()
    texts = public_texts(output)
    assert "index.html" in texts and "soutenance/index.html" in texts and "robots.txt" in texts
    for name, text in texts.items():
        assert "portrait-" not in text, name  # no <img>, og:image, JSON-LD image, sitemap entry
        assert 'property="og:image"' not in text, name
    home = BeautifulSoup((output / "index.html").read_text("utf-8"), "html.parser")
    for script in home.select('script[type="application/ld+json"]'):
        assert '"image"' not in script.text
    assert "Disallow: /annexe/" in texts["robots.txt"]


def test_publish_leaves_the_annexe_only_photo_out(annexe_only, tmp_path, capsys):
    site = tmp_path / "site"
    assert publish_folder(annexe_only, site, force=False, lang="fr") == 0
    assert photo_files(site) == []
    assert not (site / "annexe").exists()
    assert (site / "index.html").is_file()


def test_publish_git_leaves_the_annexe_only_photo_out(annexe_only, tmp_path, monkeypatch):
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "no-gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    from profile_gen.app.publish import publish_git

    def git(folder: Path, *args: str) -> str:
        done = subprocess.run(
            ["git", *args], cwd=folder, capture_output=True, text=True, check=True
        )
        return done.stdout

    remote, repository = tmp_path / "remote.git", tmp_path / "repo"
    git(tmp_path, "init", "-q", "--bare", str(remote))
    repository.mkdir()
    git(repository, "init", "-q", "-b", "main")
    assert publish_git(annexe_only, str(remote), folder=repository) == 0
    files = git(remote, "ls-tree", "-r", "--name-only", "gh-pages").splitlines()
    assert "index.html" in files
    assert not [name for name in files if "portrait" in name], files


def test_public_photo_is_in_the_book_and_its_own_copy_in_the_annexe(tmp_path):
    output = build(tmp_path, "public")
    files = photo_files(output)
    assert "images/portrait-480.jpg" in files and f"{PRINT_IMAGES}/portrait-480.jpg" in files
    site = tmp_path / "site"
    publish_folder(output, site, force=False, lang="fr")
    assert "images/portrait-480.jpg" in photo_files(site)
    assert not (site / PRINT_IMAGES).exists()


def test_a_public_build_has_no_annexe_only_photo(tmp_path):
    output = build(tmp_path, "annexe", public=True)
    assert (output / "index.html").is_file()
    assert photo_files(output) == []
