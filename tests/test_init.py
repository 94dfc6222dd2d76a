"""`profile-gen init`: a commented French starter that validates and never overwrites."""

from __future__ import annotations

from profile_gen.profile.loader import load


def test_init_creates_a_valid_profile(run_cli, tmp_path):
    folder = tmp_path / "mon-profil"
    result = run_cli("init", str(folder))
    assert result.code == 0
    text = (folder / "profile.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=profile.schema.json")
    assert "# Votre profil professionnel" in text
    assert (folder / "profile.schema.json").is_file()
    profile = load(folder / "profile.yaml")
    assert profile.locale == ["fr"]
    # a fresh profile is valid but not ready: check exits 1 with the list
    assert run_cli("check", str(folder / "profile.yaml")).code == 1
    assert f"profile-gen build --content {folder}" in result.out


def test_init_then_build_the_new_folder(run_cli, sample_copy, in_dir):
    """The starter builds into a Book with the project's theme, before anything is filled."""
    in_dir(sample_copy)
    assert run_cli("init", "mon-profil").code == 0
    built = run_cli("build", "--content", "mon-profil", "--no-pdf")
    assert built.code == 0, built.err
    home = (sample_copy / "output/index.html").read_text(encoding="utf-8")
    assert "Prénom Nom" in home and "Léa Moreau" not in home


def test_init_never_overwrites(run_cli, tmp_path):
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "profile.yaml").write_text("mine\n", encoding="utf-8")
    result = run_cli("init", str(folder))
    assert result.code == 0
    assert (folder / "profile.yaml").read_text(encoding="utf-8") == "mine\n"
    assert "existe déjà, non modifié" in result.out
    assert (folder / "profile.schema.json").is_file()
