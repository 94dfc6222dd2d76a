"""`profile-gen init`: a student's repository that validates, builds and never overwrites."""

from __future__ import annotations

import shutil
import subprocess
from importlib import metadata

import pytest
import yaml

from profile_gen.app.init import wheel_name
from profile_gen.profile.loader import load
from tests.conftest import require

WHEEL = f".profile-gen/{wheel_name()}"
TOOL_FILES = {WHEEL, ".profile-gen/SHA256SUMS"}
GITHUB_FILES = {
    "profile.yaml",
    "private.yaml",
    "profile.schema.json",
    "README.md",
    ".gitignore",
    "articles/.gitkeep",
    "images/.gitkeep",
    ".github/workflows/book.yml",
    ".profile-gen/ci.sha256",
    *TOOL_FILES,
}


def written(folder) -> set[str]:
    return {path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()}


def test_init_makes_a_github_repository(run_cli, tmp_path):
    folder = tmp_path / "mon-book"
    result = run_cli("init", str(folder))
    assert result.code == 0, result.err
    assert written(folder) == GITHUB_FILES
    text = (folder / "profile.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=profile.schema.json")
    assert "# Votre profil professionnel" in text
    assert load(folder / "profile.yaml").locale == ["fr"]
    # a fresh profile is valid but not ready: check exits 1 with the list
    assert run_cli("check", str(folder / "profile.yaml")).code == 1
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert "Settings → Pages" in readme and "« GitHub Actions »" in readme
    assert "https://UTILISATEUR.github.io/DEPOT/" in readme and "private.yaml" in readme
    assert "GitLab" not in readme and "<!--" not in readme
    assert f"pipx install {WHEEL}" in readme and "profile-gen upgrade" in readme
    assert "Use this template" in readme  # the browser-only road
    workflow = (folder / ".github/workflows/book.yml").read_text(encoding="utf-8")
    assert workflow.startswith("# Le Book en ligne")
    assert f"python -m pip install --no-compile {WHEEL}\n" in workflow
    assert "Settings → Pages" in result.out and f"cd {folder} && profile-gen check" in result.out


def test_the_carried_wheel_is_this_version():
    assert wheel_name() == f"profile_gen-{metadata.version('profile_gen')}-py3-none-any.whl"


def test_gitignore_keeps_outputs_and_the_private_file_out_of_git(run_cli, tmp_path):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    assert run_cli("init", str(tmp_path)).code == 0
    # what Word, an editor and the system leave beside the files (a Word lock file holds
    # the student's name)
    working = ("~$annexe.docx", "articles/.retour.md.swp", "profile.yaml~", "Thumbs.db")
    working += ("desktop.ini", "images/.DS_Store", ".~lock.annexe.docx#", ".venv/bin/python")
    working += (".site.spare/index.html", ".site.lock")  # `build -o site`'s
    for name in (
        "output/index.html",
        ".output.building/x",
        ".cache/x",
        "_site/x",
        "public/x",
        *working,
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    listed = subprocess.run(
        ["git", "-C", str(tmp_path), "ls-files", "--others", "--exclude-standard"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert set(listed) == GITHUB_FILES - {"private.yaml"}
    # its comments in the student's language, as the rest of what `init` writes
    assert "# Votre téléphone" in (tmp_path / ".gitignore").read_text("utf-8")
    assert run_cli("init", "--lang", "en", str(tmp_path / "en")).code == 0
    assert "# Your phone" in (tmp_path / "en/.gitignore").read_text("utf-8")


@pytest.mark.parametrize("where", ["before", "after"])
def test_init_in_english_gitlab(run_cli, tmp_path, where):
    args = ["init", str(tmp_path), "--host", "gitlab"]
    args = ["--lang", "en", *args] if where == "before" else [*args, "--lang", "en"]
    result = run_cli(*args)
    assert result.code == 0, result.err
    assert ".gitlab-ci.yml" in written(tmp_path) and ".github/workflows/book.yml" not in written(
        tmp_path
    )
    assert load(tmp_path / "profile.yaml").locale == ["en"]
    assert "# Your phone" not in (tmp_path / "profile.yaml").read_text(encoding="utf-8")
    readme = (tmp_path / "README.md").read_text(encoding="utf-8")
    assert "GitLab Pages" in readme and "GitHub Actions" not in readme
    ci = yaml.safe_load((tmp_path / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert ci["pages"]["artifacts"]["paths"] == ["public"]
    assert "created:" in result.out and "GitLab" in result.out


def test_init_without_host(run_cli, tmp_path):
    assert run_cli("init", str(tmp_path), "--host", "none").code == 0
    assert written(tmp_path) == GITHUB_FILES - {
        ".github/workflows/book.yml",
        ".profile-gen/ci.sha256",
    }
    readme = (tmp_path / "README.md").read_text(encoding="utf-8")
    assert "GitHub" not in readme and "GitLab" not in readme and "private.yaml" in readme


def test_init_in_the_current_folder_by_default(run_cli, tmp_path, in_dir):
    in_dir(tmp_path)
    result = run_cli("init")
    assert result.code == 0
    assert written(tmp_path) == GITHUB_FILES
    assert "`profile-gen check`" in result.out and "cd " not in result.out


def test_init_never_overwrites(run_cli, tmp_path):
    """A README of the repository's own is kept: the student's guide is written beside it,
    and named where the next steps point to it."""
    (tmp_path / "profile.yaml").write_text("mine\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("# my repo\n", encoding="utf-8")
    result = run_cli("init", str(tmp_path))
    assert result.code == 0
    assert (tmp_path / "profile.yaml").read_text(encoding="utf-8") == "mine\n"
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == "# my repo\n"
    assert result.out.count("existe déjà, non modifié") == 1
    guide = (tmp_path / "GUIDE-profile-gen.md").read_text(encoding="utf-8")
    assert "private.yaml" in guide and "(voir GUIDE-profile-gen.md)" in result.out
    assert (tmp_path / ".github/workflows/book.yml").is_file()
    again = run_cli("init", str(tmp_path))
    assert again.out.count("existe déjà, non modifié") == len(GITHUB_FILES)


def test_init_then_build_in_the_folder(run_cli, tmp_path, in_dir):
    """The starter builds, before anything is filled, with the package's theme, into
    output/ beside the profile."""
    in_dir(tmp_path)
    assert run_cli("init").code == 0
    built = run_cli("build", "--no-pdf")
    assert built.code == 0, built.err
    home = (tmp_path / "output/index.html").read_text(encoding="utf-8")
    assert "Prénom Nom" in home and "Léa Moreau" not in home
    # said by the build too, not by `check` alone: published as it is, it would show them
    [said] = [line for line in built.out.splitlines() if "valeurs d'exemple du modèle" in line]
    assert said.startswith("⚠") and "identity.name (« Prénom Nom »)" in said
    assert "education[0].institution (« École »)" in said
    profile = tmp_path / "profile.yaml"
    profile.write_text(profile.read_text("utf-8").replace("Prénom Nom", "Léa Moreau"), "utf-8")
    built = run_cli("build", "--no-pdf")
    [said] = [line for line in built.out.splitlines() if "valeurs d'exemple du modèle" in line]
    assert "identity.name" not in said and "education[0].institution" in said


def test_build_another_folder_writes_beside_its_profile(run_cli, tmp_path, in_dir):
    assert run_cli("init", str(tmp_path / "book")).code == 0
    in_dir(tmp_path)
    built = run_cli("build", "--content", "book", "--no-pdf")
    assert built.code == 0, built.err
    assert (tmp_path / "book/output/index.html").is_file()
    assert not (tmp_path / "output").exists()


def test_init_completes_the_gitignore_a_repository_has_already(run_cli, tmp_path):
    """A clone whose host wrote a `.gitignore` (Windows line ends here): the lines of ours it
    lacks are added under their comments, its own kept as they were; git then leaves out
    the private file, the printed documents and the cache. Run again, nothing is added."""
    require(shutil.which("git"), "git is not installed")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    theirs = b"# Python\r\n__pycache__/\r\n.venv/\r\n/output\r\n"
    (tmp_path / ".gitignore").write_bytes(theirs)
    result = run_cli("init", str(tmp_path))
    assert result.code == 0
    text = (tmp_path / ".gitignore").read_bytes()
    assert text.startswith(theirs) and b"\n" not in text.replace(b"\r\n", b"")
    added = text[len(theirs) :].decode("utf-8").split("\r\n")
    assert "private.yaml" in added and ".cache/" in added and "_site/" in added
    assert "output/" not in added and "__pycache__/" not in added  # listed already
    assert "# Votre téléphone et votre adresse postale" in text.decode("utf-8")
    assert f"complété : {tmp_path / '.gitignore'} (ajouté : " in result.out
    for path in ("private.yaml", "output/annexe.pdf", ".cache/profile_gen/x.pdf"):
        ignored = subprocess.run(["git", "-C", str(tmp_path), "check-ignore", "-q", path])
        assert ignored.returncode == 0, path
    again = run_cli("init", str(tmp_path))
    assert (tmp_path / ".gitignore").read_bytes() == text
    assert f"existe déjà, non modifié : {tmp_path / '.gitignore'}" in again.out


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_guide_says_how_to_send_the_folder_and_what_must_stay_behind(run_cli, tmp_path, lang):
    """A student who knows little git: Pages turned on before the first push, the commands
    that send the folder, what `git status` must not list, and the run to start again."""
    assert run_cli("init", str(tmp_path), "--lang", lang).code == 0
    guide = (tmp_path / "README.md").read_text(encoding="utf-8")
    assert guide.index("GitHub Actions") < guide.index("git push -u origin main")
    for said in ("git add -A", "git status", "private.yaml", "output/", "Re-run all jobs"):
        assert said in guide, said
