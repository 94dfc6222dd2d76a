"""One folder layout: `import` writes the profile where every command looks for it (the
current folder, `--content`, or the settings' `PATH`), the contact items kept off the web
in `private.yaml` beside it, replacing `init`'s untouched starters and nothing else."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from profile_gen.profile.loader import load
from tests.conftest import ROOT, copy_sample
from tests.test_interop import linkedin_files, make_zip

PHONE = "+33 6 00 00 00 00"


@pytest.fixture
def export_zip(tmp_path) -> Path:
    return make_zip(tmp_path / "Basic_LinkedInDataExport.zip", linkedin_files())


def _new(folder: Path) -> Path:
    folder.mkdir()
    return folder


def _contact(path: Path) -> dict:
    return ((yaml.safe_load(path.read_text("utf-8")) or {}).get("identity") or {}).get(
        "contact"
    ) or {}


@pytest.mark.pdf  # `check` counts the printed CV's pages with WeasyPrint
def test_import_in_an_empty_folder_then_check_and_export(tmp_path, run_cli, in_dir, export_zip):
    folder = in_dir(_new(tmp_path / "book"))
    result = run_cli("import", "linkedin", str(export_zip))
    assert result.code == 0, result.err
    assert sorted(p.name for p in folder.iterdir()) == [
        ".gitignore",
        "private.yaml",
        "profile.schema.json",
        "profile.yaml",
    ]
    assert "private.yaml" in (folder / ".gitignore").read_text("utf-8").splitlines()
    profile_text = (folder / "profile.yaml").read_text("utf-8")
    assert PHONE not in profile_text and "phone:" not in profile_text
    assert _contact(folder / "private.yaml") == {"phone": PHONE}
    assert "phone" not in _contact(folder / "profile.yaml")
    assert "puis lancez dans ce dossier :\n#     profile-gen check\n" in profile_text
    assert "`profile-gen check` et `profile-gen build` dans ce dossier" in result.out
    profile = load(folder / "profile.yaml")  # private.yaml merged in
    assert str(profile.identity.contact.phone) == PHONE
    assert profile.identity.name == "Camille Durand"
    checked = run_cli("check")
    assert checked.code == 1, checked.err  # incomplete, not "no profile"
    assert "aucun profil" not in checked.err
    exported = run_cli("export", "jsonresume")
    assert exported.code == 0, exported.err
    resume = json.loads(exported.out)
    assert resume["basics"]["name"] == "Camille Durand" and "phone" not in resume["basics"]
    private = json.loads(run_cli("export", "jsonresume", "--include-private").out)
    assert private["basics"]["phone"] == PHONE


def test_export_in_a_folder_without_profile_says_so(tmp_path, run_cli, in_dir):
    in_dir(tmp_path)
    result = run_cli("export", "jsonresume")
    assert result.code == 2 and "aucun profil dans" in result.err
    assert "Traceback" not in result.err


@pytest.mark.pdf  # `check` counts the printed CV's pages with WeasyPrint
def test_import_into_content_dir(tmp_path, run_cli, in_dir, export_zip):
    in_dir(tmp_path)
    result = run_cli("import", "linkedin", str(export_zip), "--content", "mine")
    assert result.code == 0, result.err
    assert (tmp_path / "mine/profile.yaml").is_file()
    assert _contact(tmp_path / "mine/private.yaml") == {"phone": PHONE}
    assert run_cli("check", "mine/profile.yaml").code == 1


@pytest.mark.pdf  # `check` counts the printed CV's pages with WeasyPrint
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_import_replaces_the_untouched_starters_of_init(
    tmp_path, run_cli, in_dir, export_zip, lang
):
    folder = tmp_path / "repo"
    assert run_cli("--lang", lang, "init", str(folder), "--host", "none").code == 0
    in_dir(folder)
    result = run_cli("--lang", lang, "import", "linkedin", str(export_zip))
    assert result.code == 0, result.err
    assert not (folder / "content").exists()  # one profile in the folder, not two
    assert load(folder / "profile.yaml").identity.name == "Camille Durand"
    private = (folder / "private.yaml").read_text("utf-8")
    assert _contact(folder / "private.yaml") == {"phone": PHONE}
    assert "#" not in private.split("identity:")[1]  # no earlier text kept: it was the starter
    assert private.startswith("# ")  # the starter's explanation stays on top
    assert run_cli("check").code == 1


def test_an_edited_profile_is_replaced_only_with_force(tmp_path, run_cli, in_dir, export_zip):
    folder = tmp_path / "repo"
    assert run_cli("init", str(folder), "--host", "none").code == 0
    in_dir(folder)
    profile = folder / "profile.yaml"
    edited = profile.read_text("utf-8").replace("Prénom Nom", "Alex Martin", 1)
    assert edited != profile.read_text("utf-8")
    profile.write_text(edited, encoding="utf-8")
    private_before = (folder / "private.yaml").read_text("utf-8")
    refused = run_cli("import", "linkedin", str(export_zip))
    assert refused.code == 2 and "--force" in refused.err and "profile.yaml" in refused.err
    assert "Traceback" not in refused.err
    assert profile.read_text("utf-8") == edited  # nothing written
    assert (folder / "private.yaml").read_text("utf-8") == private_before
    forced = run_cli("import", "linkedin", str(export_zip), "--force")
    assert forced.code == 0, forced.err
    assert load(profile).identity.name == "Camille Durand"


def test_a_starter_saved_with_windows_line_ends_is_still_untouched(
    tmp_path, run_cli, in_dir, export_zip
):
    folder = tmp_path / "repo"
    assert run_cli("init", str(folder), "--host", "none").code == 0
    profile = folder / "profile.yaml"
    profile.write_bytes(profile.read_bytes().replace(b"\n", b"\r\n"))
    in_dir(folder)
    assert run_cli("import", "linkedin", str(export_zip)).code == 0


def test_the_students_private_items_are_kept(tmp_path, run_cli, in_dir, export_zip):
    """An address and an email already in private.yaml stay there (the email is not
    written in profile.yaml too: it would be there twice); the phone is added; the file's
    own text stays as comments, so that nothing is lost."""
    folder = in_dir(tmp_path)
    mine = "# mine\nidentity:\n  contact:\n    address: 1 rue A\n    email: camille@example.fr\n"
    (folder / "private.yaml").write_text(mine, encoding="utf-8")
    result = run_cli("import", "linkedin", str(export_zip))
    assert result.code == 0, result.err
    contact = {"address": "1 rue A", "email": "camille@example.fr", "phone": PHONE}
    assert _contact(folder / "private.yaml") == contact
    assert "# # mine" in (folder / "private.yaml").read_text("utf-8")
    assert "email" not in _contact(folder / "profile.yaml")
    profile = load(folder / "profile.yaml")
    assert str(profile.identity.contact.email) == "camille@example.fr"


def test_an_unchanged_private_file_is_left_alone(tmp_path, run_cli, in_dir, export_zip):
    folder = in_dir(tmp_path)
    mine = f'# mine\nidentity:\n  contact:\n    phone: "{PHONE}"\n'
    (folder / "private.yaml").write_text(mine, encoding="utf-8")
    result = run_cli("import", "linkedin", str(export_zip))
    assert result.code == 0, result.err
    assert (folder / "private.yaml").read_text("utf-8") == mine
    assert "private.yaml" not in result.out


def test_a_changed_private_item_needs_force_and_is_kept_as_comment(
    tmp_path, run_cli, in_dir, export_zip
):
    folder = in_dir(tmp_path)
    mine = 'identity:\n  contact:\n    phone: "+33 7 11 11 11 11"\n    address: 1 rue A\n'
    (folder / "private.yaml").write_text(mine, encoding="utf-8")
    refused = run_cli("import", "linkedin", str(export_zip))
    assert refused.code == 2 and "private.yaml" in refused.err and "--force" in refused.err
    assert "phone" in refused.err
    assert not (folder / "profile.yaml").exists()  # neither file written
    assert (folder / "private.yaml").read_text("utf-8") == mine
    forced = run_cli("import", "linkedin", str(export_zip), "--force")
    assert forced.code == 0, forced.err
    text = (folder / "private.yaml").read_text("utf-8")
    assert _contact(folder / "private.yaml") == {"phone": PHONE, "address": "1 rue A"}
    assert '#     phone: "+33 7 11 11 11 11"' in text  # the old value, kept
    assert str(load(folder / "profile.yaml").identity.contact.phone) == PHONE


@pytest.mark.parametrize(
    "mine",
    [
        "notes: secret\n",
        "identity:\n  contact:\n    phone: [" * 1 + "[" * 5_000 + "]" * 5_001 + "\n",
        "identity: [\n",
        "- a list\n",
        "identity:\n  contact: text\n",
    ],
    ids=["other-key", "deep", "broken", "list", "not-a-mapping"],
)
def test_a_private_file_one_cannot_read_is_replaced_only_with_force(
    tmp_path, run_cli, in_dir, export_zip, mine
):
    folder = in_dir(tmp_path)
    (folder / "private.yaml").write_text(mine, encoding="utf-8")
    refused = run_cli("import", "linkedin", str(export_zip))
    assert refused.code == 2 and "private.yaml" in refused.err, refused.err
    assert "Traceback" not in refused.err
    assert (folder / "private.yaml").read_text("utf-8") == mine
    assert not (folder / "profile.yaml").exists()
    forced = run_cli("import", "linkedin", str(export_zip), "--force")
    assert forced.code == 0, forced.err
    assert _contact(folder / "private.yaml") == {"phone": PHONE}
    kept = (folder / "private.yaml").read_text("utf-8").split("# " + "-" * 78)[1]
    assert "\n".join(line[2:] for line in kept.splitlines()[2:]) + "\n" == mine


@pytest.mark.parametrize("mine", ["", "# only a comment\n"])
def test_an_empty_private_file_takes_the_import(tmp_path, run_cli, in_dir, export_zip, mine):
    folder = in_dir(tmp_path)
    (folder / "private.yaml").write_text(mine, encoding="utf-8")
    result = run_cli("import", "linkedin", str(export_zip))
    assert result.code == 0, result.err
    assert _contact(folder / "private.yaml") == {"phone": PHONE}
    text = (folder / "private.yaml").read_text("utf-8")
    assert ("# # only a comment" in text) == bool(mine)  # kept; nothing to keep otherwise


def test_import_jsonresume_follows_the_same_layout(tmp_path, run_cli, in_dir):
    resume = tmp_path / "resume.json"
    assert (
        run_cli(
            "export",
            "jsonresume",
            str(ROOT / "content/profile.yaml"),
            "--include-private",
            "-o",
            str(resume),
        ).code
        == 0
    )
    folder = in_dir(_new(tmp_path / "book"))
    result = run_cli("import", "jsonresume", str(resume))
    assert result.code == 0, result.err
    assert _contact(folder / "private.yaml") == {"phone": "+33 6 12 34 56 78"}
    assert "+33 6 12 34 56 78" not in (folder / "profile.yaml").read_text("utf-8")
    profile = load(folder / "profile.yaml")
    assert profile.identity.name == "Léa Moreau"
    assert str(profile.identity.contact.phone) == "+33 6 12 34 56 78"
    assert run_cli("export", "jsonresume").code == 0


@pytest.mark.pdf  # `check` counts the printed CV's pages with WeasyPrint
def test_the_repository_sample_is_found_through_its_settings(tmp_path, run_cli, in_dir):
    root = in_dir(copy_sample(tmp_path))
    checked = run_cli("check")
    assert "aucun profil" not in checked.err and checked.code in (0, 1), checked.err
    exported = run_cli("export", "jsonresume")
    assert exported.code == 0, exported.err
    assert json.loads(exported.out)["basics"]["name"] == "Léa Moreau"
    assert not (root / "profile.yaml").exists()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_gitignore_written_is_inits_in_the_students_language(
    tmp_path, run_cli, in_dir, export_zip, lang
):
    from profile_gen.app.init import starter_in

    folder = in_dir(_new(tmp_path / "book"))
    assert run_cli("import", "linkedin", str(export_zip), "--lang", lang).code == 0
    written = (folder / ".gitignore").read_text("utf-8")
    assert written == starter_in("gitignore.txt", lang)
    assert written != starter_in("gitignore.txt", {"fr": "en", "en": "fr"}[lang])


def test_an_existing_gitignore_gets_the_private_file(tmp_path, run_cli, in_dir, export_zip):
    folder = in_dir(tmp_path)
    (folder / ".gitignore").write_text("output/", encoding="utf-8")
    assert run_cli("import", "linkedin", str(export_zip)).code == 0
    lines = (folder / ".gitignore").read_text("utf-8").splitlines()
    assert lines[0] == "output/" and "private.yaml" in lines[1:]
    again = run_cli("import", "linkedin", str(export_zip), "--force")
    assert again.code == 0 and ".gitignore" not in again.out
    assert (folder / ".gitignore").read_text("utf-8").splitlines() == lines


def test_a_private_file_git_ignores_already_adds_no_gitignore(
    tmp_path, run_cli, in_dir, export_zip
):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    folder = in_dir(tmp_path)
    subprocess.run(["git", "init", "-q", str(folder)], check=True, timeout=60)
    (folder / ".gitignore").write_text("private.yaml\n", encoding="utf-8")
    result = run_cli("import", "linkedin", str(export_zip), "--content", "book")
    assert result.code == 0, result.err
    assert (folder / "book/private.yaml").is_file()
    assert not (folder / "book/.gitignore").exists()
    assert (folder / ".gitignore").read_text("utf-8") == "private.yaml\n"


def test_a_profile_written_elsewhere_names_its_own_check(tmp_path, run_cli, in_dir, export_zip):
    in_dir(tmp_path)
    result = run_cli("import", "linkedin", str(export_zip), "-o", "other/mine.yaml")
    assert result.code == 0, result.err
    text = (tmp_path / "other/mine.yaml").read_text("utf-8")
    assert "dans ce dossier :\n#     profile-gen check mine.yaml\n" in text
    assert _contact(tmp_path / "other/private.yaml") == {"phone": PHONE}
    assert "`profile-gen check other/mine.yaml` ; pour construire le Book, renommez" in result.out
    in_dir(tmp_path / "other")
    assert run_cli("check", "mine.yaml").code == 1


def test_a_named_import_beside_another_profile_leaves_its_private_file(
    tmp_path, run_cli, in_dir, export_zip
):
    """`-o other.yaml` in a folder whose own profile.yaml exists: that folder's private.yaml
    belongs to profile.yaml, so the import neither writes it nor breaks that profile."""
    folder = in_dir(_new(tmp_path / "book"))
    (folder / "profile.yaml").write_text(
        f"identity:\n  name: Sam Lee\n  headline: Analyste\n  contact:\n    phone: '{PHONE}'\n",
        encoding="utf-8",
    )
    result = run_cli("import", "linkedin", str(export_zip), "-o", "other.yaml")
    assert result.code == 0, result.err
    assert not (folder / "private.yaml").exists()
    assert str(load(folder / "profile.yaml").identity.contact.phone) == PHONE
    assert str(load(folder / "other.yaml").identity.contact.phone) == PHONE
