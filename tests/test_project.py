"""Projects: any folder holding `profile.yaml` builds with the package's defaults, its own
`pelican.conf.py` merged over them and its `templates/` overriding the theme's."""

from __future__ import annotations

import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from setuptools import find_packages

from profile_gen.app.project import default_settings, project_settings
from profile_gen.app.serve import Server, snapshot
from tests.conftest import MINIMAL, ROOT


@pytest.fixture
def folder(tmp_path) -> Path:
    """A student's folder: a minimal profile and nothing else."""
    (tmp_path / "profile.yaml").write_text(MINIMAL, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("command", ["build", "check", "serve", "pdf", "publish"])
def test_a_folder_without_profile_is_named(run_cli, tmp_path, in_dir, command):
    in_dir(tmp_path)
    args = [command, "dest"] if command == "publish" else [command]
    result = run_cli(*args)
    assert result.code == 2 and "Traceback" not in result.err
    assert f"aucun profil dans {tmp_path} : profile.yaml introuvable" in result.err
    assert "profile-gen init" in result.err
    english = run_cli("--lang", "en", *args)
    assert f"no profile in {tmp_path}: profile.yaml not found" in english.err
    assert list(tmp_path.iterdir()) == []  # nothing written


@pytest.mark.parametrize("command", ["build", "pdf"])  # (publish asks for a build first)
@pytest.mark.parametrize("kind", ["pipe", "folder"])
def test_a_profile_that_is_no_file_is_named_not_waited_for(
    run_cli, tmp_path, in_dir, command, kind
):
    """A pipe would hold whoever opens it: named as `check` names it, not "not found"."""
    import os

    if kind == "pipe":
        os.mkfifo(tmp_path / "profile.yaml")
    else:
        (tmp_path / "profile.yaml").mkdir()
    in_dir(tmp_path)
    result = run_cli("--lang", "en", command)
    assert result.code == 2 and "Traceback" not in result.err
    assert "profile.yaml is not a file (a folder, a pipe or a device)" in result.err


def test_version_text(capsys):
    from profile_gen.app import cli

    with pytest.raises(SystemExit):
        cli.main(["--version"])
    assert capsys.readouterr().out.strip() == f"profile-gen {metadata.version('profile_gen')}"


def test_defaults_build_a_folder_with_the_package_theme(run_cli, folder, in_dir):
    in_dir(folder)
    result = run_cli("build", "--formats", "")
    assert result.code == 0, result.err
    home = BeautifulSoup((folder / "output/index.html").read_text("utf-8"), "html.parser")
    assert home.find("h1").get_text() == "Camille Test"
    assert (folder / "output/theme/css/book.css").is_file()
    expected = [".cache", ".output.lock", "output", "profile.yaml"]  # the lock: app/build.py
    assert sorted(path.name for path in folder.iterdir()) == expected


def test_a_folder_settings_file_holds_only_its_changes(run_cli, folder, in_dir):
    (folder / "pelican.conf.py").write_text(
        'SITEURL = "https://camille.github.io/book"\nOUTPUT_PATH = "public"\n', "utf-8"
    )
    in_dir(folder)
    result = run_cli("build", "--formats", "")
    assert result.code == 0, result.err
    home = BeautifulSoup((folder / "public/index.html").read_text("utf-8"), "html.parser")
    assert home.find("link", rel="canonical")["href"].startswith("https://camille.github.io/book")
    assert not (folder / "output").exists()


def test_templates_beside_the_profile_override_the_theme(run_cli, folder, in_dir):
    (folder / "templates").mkdir()
    (folder / "templates/404.html").write_text(
        "<!doctype html><title>404</title><p>Page introuvable, {{ SITENAME }}</p>", "utf-8"
    )
    in_dir(folder)
    assert run_cli("build", "--formats", "").code == 0
    assert "Page introuvable, " in (folder / "output/404.html").read_text("utf-8")
    home = (folder / "output/index.html").read_text("utf-8")
    assert "Camille Test" in home  # the other templates are the theme's


def test_the_sample_settings_are_the_defaults_plus_its_own_values():
    sample = project_settings(ROOT / "pelican.conf.py")
    assert Path(sample["PATH"]) == ROOT / "content"
    assert Path(sample["THEME"]) == ROOT / "theme"  # the package's theme, mapped to theme/
    for name, value in default_settings().items():
        if name not in ("PATH", "OUTPUT_PATH", "CACHE_PATH", "THEME"):
            assert sample[name] == value, name


def test_every_package_is_in_the_wheel():
    """pyproject lists the packages (the theme is mapped): a new one must be listed."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
    found = set(find_packages(str(ROOT), include=["profile_gen*"]))
    assert set(config["packages"]) == found | {"profile_gen.theme"}
    assert config["package-dir"] == {"profile_gen.theme": "theme"}


def test_serve_ignores_what_builds_write_in_the_watched_folder(folder):
    server = Server(None, port=0, say=lambda _: None, content=folder)
    try:
        written = ("output/index.html", ".output.building/x", ".output.old/y", ".cache/z")
        # what git, an editor, Office, a virtual environment leave there: no build reads them
        others = (".git/index", ".profile.yaml.swp", "profile.yaml~", "~$annexe.docx")
        others += ("venv/pyvenv.cfg", "venv/lib/site.py", "articles/__pycache__/a.pyc")
        for name in (*written, *others):
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text("x", "utf-8")
        (folder / "articles/a.md").write_text("Title: A\n", "utf-8")
        seen = snapshot([folder], server.watched_files, server.skipped)
        assert sorted(path.relative_to(folder).as_posix() for path in seen) == [
            "articles/a.md",
            "profile.yaml",
        ]
    finally:
        server.httpd.server_close()


def test_another_settings_file_never_writes_into_its_own_folder(run_cli, sample_copy):
    """`--settings` of another project with `--content DIR`: the outputs still go to
    `DIR/output`, never to the settings' own output folder (another build)."""
    folder = sample_copy / "camille"
    folder.mkdir()
    (folder / "profile.yaml").write_text(MINIMAL, encoding="utf-8")
    result = run_cli(
        "build", "--settings", str(sample_copy / "pelican.conf.py"), "--content", str(folder)
    )
    assert result.code == 0, result.err
    assert "Camille Test" in (folder / "output/index.html").read_text("utf-8")
    assert not (sample_copy / "output").exists()
