"""The tool a student's repository carries (`.profile-gen/`): the running version's wheel,
rebuilt from the installed files (`profile_gen.app.wheel`), its hash, `init --install`,
`profile-gen upgrade`; and `check --format github`'s annotations.

The wheel built from a regular installation, installed and run by the workflow's own
steps, is tested in `tests/test_install.py` (slow tier)."""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import re
import zipfile
from importlib import metadata
from pathlib import Path

import pytest
import yaml

from profile_gen.app import wheel as wheel_module
from profile_gen.app.annotations import annotation
from profile_gen.app.init import SLIM_GIT, wheel_name
from profile_gen.app.wheel import WheelError, record_hash, running_wheel
from tests.conftest import ROOT

VERSION = metadata.version("profile_gen")
WHEEL = f".profile-gen/{wheel_name()}"
WORKFLOW = ".github/workflows/book.yml"


@pytest.fixture(scope="module")
def rebuilt() -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(running_wheel().data))


def test_the_running_wheel_is_a_valid_wheel_with_every_file(rebuilt):
    info = f"profile_gen-{VERSION}.dist-info"
    names = rebuilt.namelist()
    assert names[-1] == f"{info}/RECORD"
    record = list(csv.reader(io.StringIO(rebuilt.read(f"{info}/RECORD").decode())))
    assert [row[0] for row in record] == names
    for name, digest, size in record[:-1]:  # every file's hash and size, RECORD's own empty
        data = rebuilt.read(name)
        expected = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
        assert digest == f"sha256={expected.decode()}" and int(size) == len(data), name
    assert record[-1] == [f"{info}/RECORD", "", ""]
    wheel = rebuilt.read(f"{info}/WHEEL").decode()
    assert "Root-Is-Purelib: true\n" in wheel and "Tag: py3-none-any\n" in wheel
    assert (
        "profile-gen = profile_gen.app.cli:run" in rebuilt.read(f"{info}/entry_points.txt").decode()
    )
    assert f"Version: {VERSION}\n" in rebuilt.read(f"{info}/METADATA").decode()
    assert f"{info}/licenses/LICENSE" in names
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
    assert not {f"{info}/{n}" for n in ("INSTALLER", "REQUESTED", "direct_url.json")} & set(names)
    theme = [n for n in names if n.startswith("profile_gen/theme/templates/")]
    assert len(theme) == len(list((ROOT / "theme/templates").glob("**/*.html")))
    for expected in (
        "profile_gen/theme/static/fonts/LiberationSerif-Regular.ttf",
        "profile_gen/starter/github/book.yml",
        "profile_gen/views/metrics.json",
    ):
        assert expected in names
    sources = {p.relative_to(ROOT).as_posix() for p in (ROOT / "profile_gen").rglob("*.py")}
    assert sources <= set(names)


def test_the_same_installation_gives_the_same_bytes():
    """The zip's dates and order are fixed: the hash in SHA256SUMS is reproducible."""
    assert running_wheel().sha256 == running_wheel().sha256


def _installed(site: Path, files: dict[str, bytes], tamper: str = "") -> metadata.Distribution:
    """A regular installation in `site`: the files, and a RECORD as pip writes it."""
    info = site / "profile_gen-9.9.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.4\nName: profile_gen\nVersion: 9.9\n")
    files = {
        **files,
        "profile_gen-9.9.dist-info/METADATA": (info / "METADATA").read_bytes(),
        "profile_gen-9.9.dist-info/INSTALLER": b"pip\n",
        "profile_gen-9.9.dist-info/direct_url.json": b"{}",
    }
    rows = []
    for name, data in files.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_bytes(data)
        rows.append(f"{name},{record_hash(data)},{len(data)}")
    rows += [
        "../../../bin/profile-gen,sha256=x,1",
        "profile_gen/__pycache__/__init__.cpython-311.pyc,,",
        "profile_gen-9.9.dist-info/RECORD,,",
    ]
    (info / "RECORD").write_text("\n".join(rows) + "\n")
    if tamper:
        (site / tamper).write_bytes(b"changed after installation")
    return metadata.PathDistribution(info)


def test_a_regular_installation_is_read_back_from_record(tmp_path):
    files = {"profile_gen/__init__.py": b"", "profile_gen/theme/base.html": b"<html>"}
    found = wheel_module._installed_files(_installed(tmp_path, files))
    assert found == {
        **files,
        "profile_gen-9.9.dist-info/METADATA": found["profile_gen-9.9.dist-info/METADATA"],
    }


def test_an_altered_installation_is_refused(tmp_path):
    files = {"profile_gen/__init__.py": b"", "profile_gen/app/cli.py": b"print()"}
    dist = _installed(tmp_path, files, tamper="profile_gen/app/cli.py")
    with pytest.raises(WheelError) as caught:
        wheel_module._installed_files(dist)
    assert caught.value.code == "wheel_altered"
    assert "cli.py" in caught.value.describe("en") and "--install" in caught.value.describe("en")


def test_an_editable_install_without_its_sources_is_refused_and_init_writes_nothing(
    run_cli, tmp_path, monkeypatch
):
    monkeypatch.setattr(wheel_module, "_source_tree", lambda: tmp_path / "gone")
    result = run_cli("init", str(tmp_path / "book"))
    assert result.code == 2
    assert "pip install -e" in result.err and "--install SPEC" in result.err
    assert not (tmp_path / "book").exists()
    # a published version needs no wheel: that road stays open
    assert run_cli("init", str(tmp_path / "book"), "--install", "profile-gen==1.0").code == 0


def test_init_carries_the_wheel_and_its_hash(run_cli, tmp_path):
    assert run_cli("init", str(tmp_path)).code == 0
    data = (tmp_path / WHEEL).read_bytes()
    sums = (tmp_path / ".profile-gen/SHA256SUMS").read_text()
    assert sums == f"{hashlib.sha256(data).hexdigest()}  {WHEEL}\n"
    names = zipfile.ZipFile(tmp_path / WHEEL).namelist()
    assert "profile_gen/app/cli.py" in names
    written = (tmp_path / ".profile-gen/ci.sha256").read_text()
    workflow = (tmp_path / WORKFLOW).read_bytes()
    assert written == f"{hashlib.sha256(workflow).hexdigest()}  {WORKFLOW}\n"


def test_init_with_a_published_version_carries_no_wheel(run_cli, tmp_path):
    spec = "profile_gen @ git+https://git.example.org/profile_gen.git@v{version}"
    result = run_cli("init", str(tmp_path), "--host", "gitlab", "--install", spec)
    assert result.code == 0, result.err
    assert not (tmp_path / ".profile-gen/SHA256SUMS").exists()
    assert not list(tmp_path.glob(".profile-gen/*.whl"))
    expected = spec.replace("{version}", VERSION)
    script = yaml.safe_load((tmp_path / ".gitlab-ci.yml").read_text())["pages"]["script"]
    assert script[:2] == [SLIM_GIT, f"python -m pip install --no-compile '{expected}'"]
    readme = (tmp_path / "README.md").read_text()
    assert f"`{expected}`" in readme and f"pipx install '{expected}'" in readme
    assert "SHA256SUMS" not in readme and "profile-gen upgrade --install" in readme


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--index-url", "https://pypi.example/simple"], "--install"),
        (["--install", "profile-gen\n==1"], "--install"),
        (["--install", " "], "--install"),
    ],
)
def test_a_bad_install_choice_is_a_clear_error(run_cli, tmp_path, args, said):
    result = run_cli("init", str(tmp_path), *args)
    assert result.code == 2 and said in result.err and "Traceback" not in result.err
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- upgrade


def _as_if_made_by(folder: Path, old: str) -> None:
    """The repository as version `old` of profile-gen would have left it: its wheel,
    SHA256SUMS, the workflow installing it, and ci.sha256 recording that workflow."""
    old_wheel = f".profile-gen/profile_gen-{old}-py3-none-any.whl"
    (folder / WHEEL).rename(folder / old_wheel)
    sums = folder / ".profile-gen/SHA256SUMS"
    sums.write_text(sums.read_text().replace(WHEEL, old_wheel))
    for name in (WORKFLOW, "README.md"):
        path = folder / name
        path.write_text(path.read_text().replace(WHEEL, old_wheel).replace("@v7", "@v6"))
    digest = hashlib.sha256((folder / WORKFLOW).read_bytes()).hexdigest()
    (folder / ".profile-gen/ci.sha256").write_text(f"{digest}  {WORKFLOW}\n")


def test_upgrade_of_an_untouched_repository_moves_everything(run_cli, tmp_path):
    assert run_cli("init", str(tmp_path)).code == 0
    fresh = {name: (tmp_path / name).read_bytes() for name in (WORKFLOW, "README.md", WHEEL)}
    _as_if_made_by(tmp_path, "0.1.0")
    workflow = tmp_path / WORKFLOW  # checked out on Windows (core.autocrlf)
    workflow.write_bytes(workflow.read_bytes().replace(b"\n", b"\r\n"))
    result = run_cli("upgrade", str(tmp_path))
    assert result.code == 0, result.out + result.err
    assert not (tmp_path / ".profile-gen/profile_gen-0.1.0-py3-none-any.whl").exists()
    for name, data in fresh.items():
        assert (tmp_path / name).read_bytes() == data, name  # as `init` writes them today
    assert not (tmp_path / f"{WORKFLOW}.new").exists()
    assert "git commit" in result.out
    again = run_cli("upgrade", str(tmp_path))
    assert again.code == 0 and "déjà à jour" in again.out and "écrit" not in again.out


def test_upgrade_never_overwrites_an_edited_workflow(run_cli, tmp_path):
    assert run_cli("init", str(tmp_path)).code == 0
    _as_if_made_by(tmp_path, "0.1.0")
    workflow = tmp_path / WORKFLOW
    edited = workflow.read_text() + "# my own step\n"
    workflow.write_text(edited)
    result = run_cli("--lang", "en", "upgrade", str(tmp_path))
    assert result.code == 1
    assert workflow.read_text() == edited  # left as it was
    new = (tmp_path / f"{WORKFLOW}.new").read_text()
    assert f"python -m pip install --no-compile {WHEEL}\n" in new and "@v7" in new
    assert f"{WORKFLOW}.new" in result.out and "edited" in result.out
    # the edited workflow still installs the old wheel: kept until the student merges
    assert (tmp_path / ".profile-gen/profile_gen-0.1.0-py3-none-any.whl").is_file()
    assert (tmp_path / WHEEL).is_file()


def test_upgrade_to_a_published_version_and_back(run_cli, tmp_path):
    assert run_cli("init", str(tmp_path), "--lang", "en").code == 0
    result = run_cli(
        "upgrade",
        str(tmp_path),
        "--install",
        "profile-gen=={version}",
        "--index-url",
        "https://pypi.school.example/simple",
    )
    assert result.code == 0, result.out + result.err
    assert list((tmp_path / ".profile-gen").iterdir()) == [tmp_path / ".profile-gen/ci.sha256"]
    workflow = yaml.safe_load((tmp_path / WORKFLOW).read_text())
    install = workflow["jobs"]["build"]["steps"][2]["run"]
    assert install == (
        f"python -m pip install --no-compile --index-url https://pypi.school.example/simple "
        f"profile-gen=={VERSION}\n"
    )
    assert (tmp_path / WORKFLOW).read_text().startswith("# The Book online")  # its language
    readme = (tmp_path / "README.md").read_text()  # written by init: tells the wheel
    assert f"pipx install {WHEEL}" in readme
    assert run_cli("upgrade", str(tmp_path)).code == 0
    assert (tmp_path / WHEEL).is_file() and (tmp_path / ".profile-gen/SHA256SUMS").is_file()


def test_upgrade_outside_a_repository_is_refused(run_cli, tmp_path):
    result = run_cli("upgrade", str(tmp_path))
    assert result.code == 2 and "profile-gen init" in result.err
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- annotations


def test_annotation_escapes_what_github_reads():
    assert annotation("a%b\nc", "dir/a,b:c.yaml", 3, 5) == (
        "::error file=dir/a%2Cb%3Ac.yaml,line=3,col=5::a%25b%0Ac"
    )
    assert annotation("x", level="warning") == "::warning::x"
    assert annotation("\x1b]8;;evil\x07k") == "::error::\ufffd]8;;evil\ufffdk"  # inert
    assert annotation("x", "profile.yaml") == "::error file=profile.yaml::x"


def test_check_for_github_annotates_each_error_at_its_line(run_cli, tmp_path, in_dir):
    in_dir(tmp_path)
    assert run_cli("init", "--lang", "en").code == 0
    profile = tmp_path / "profile.yaml"
    text = profile.read_text()
    assert "\nlocale: en " in text
    profile.write_text(text.replace("\nlocale: en ", "\nunknown_key: 1\nlocale: en ", 1))
    line = profile.read_text().splitlines().index("unknown_key: 1") + 1
    result = run_cli("check", "--format", "github")
    assert result.code == 2
    (first,) = [row for row in result.out.splitlines() if row.startswith("::error ")]
    assert first.startswith(f"::error file=profile.yaml,line={line},col=1::unknown_key: ")
    assert f"profile.yaml:{line}:1: unknown_key" in result.err  # the job log, as on GitLab
    plain = run_cli("check")
    assert plain.code == 2 and "::error" not in plain.out + plain.err
    assert f"profile.yaml:{line}:1" in plain.err


@pytest.mark.pdf  # `check` counts the printed CV's pages with WeasyPrint
def test_check_for_github_warns_once_when_incomplete(run_cli, tmp_path, in_dir):
    in_dir(tmp_path)
    assert run_cli("init").code == 0
    result = run_cli("check", "--format", "github")
    assert result.code == 1
    assert re.findall(r"^::(\w+)", result.out, re.M) == ["warning"]
    assert "Check the profile" in result.out and "points à compléter" in result.out


def test_check_for_github_annotates_an_error_outside_the_profile(run_cli, tmp_path, in_dir):
    in_dir(tmp_path)
    result = run_cli("check", "--format", "github", str(tmp_path.parent / "nowhere.yaml"))
    assert result.code == 2
    (line,) = result.out.splitlines()
    assert line.startswith(f"::error file={(tmp_path.parent / 'nowhere.yaml').as_posix()}::")


def test_no_installation_or_an_incomplete_one_is_refused(monkeypatch):
    monkeypatch.setattr(wheel_module.metadata, "distributions", lambda **_: [])
    with pytest.raises(WheelError) as caught:
        running_wheel()
    assert caught.value.code == "wheel_not_installed"
    monkeypatch.undo()
    monkeypatch.setattr(wheel_module, "_editable_files", lambda dist: {})
    with pytest.raises(WheelError) as caught:
        running_wheel()
    assert caught.value.code == "wheel_incomplete"


def test_files_of_another_distribution_are_left_out(tmp_path):
    files = {"profile_gen/__init__.py": b"", "elsewhere/x.py": b"x = 1"}
    found = wheel_module._installed_files(_installed(tmp_path, files))
    assert found is not None and "elsewhere/x.py" not in found


def test_check_for_github_in_a_folder_without_a_profile(run_cli, tmp_path, in_dir):
    in_dir(tmp_path)
    result = run_cli("check", "--format", "github")
    assert result.code == 2 and result.out.startswith("::error")
    assert "profile-gen init" in result.out and result.err


def test_a_school_index_is_named_in_the_readme(run_cli, tmp_path):
    index = "https://pypi.school.example/simple"
    args = ["init", str(tmp_path), "--lang", "en", "--install", "profile-gen=={version}"]
    assert run_cli(*args, "--index-url", index).code == 0
    readme = (tmp_path / "README.md").read_text()
    assert f"`profile-gen=={VERSION} (index {index})`" in readme
    assert f"pipx install --index-url {index} profile-gen=={VERSION}" in readme


LEGACY_COMMIT = "bf8c7fb"
"""A commit whose `init` wrote `pip install "profile-gen==0.2.0"` and no ci.sha256."""


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_upgrade_repairs_a_repository_made_before_the_tool_was_carried(run_cli, tmp_path, lang):
    """The CI files 0.2.0 wrote (an install that always failed) are replaced as they
    are, with no `.new` to merge by hand; their hashes are in `upgrade.LEGACY`."""
    import shutil
    import subprocess

    from profile_gen.app.upgrade import LEGACY

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    shown = {}
    for host, template in (("github", "github/book.yml"), ("gitlab", "gitlab/gitlab-ci.yml")):
        found = subprocess.run(
            ["git", "show", f"{LEGACY_COMMIT}:profile_gen/starter/{template}"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        if found.returncode != 0:
            pytest.skip(f"{LEGACY_COMMIT} is not in this clone's history")
        from profile_gen import i18n

        header = "\n".join(f"# {x}" for x in i18n.label(lang, f"init.ci_{host}").split("\n"))
        shown[host] = found.stdout.replace("# @header", header, 1).replace(
            "@install", "profile-gen==0.2.0"
        )
        assert hashlib.sha256(shown[host].encode()).hexdigest() in LEGACY
    (tmp_path / "profile.yaml").write_text("name: x\n")
    (tmp_path / WORKFLOW).parent.mkdir(parents=True)
    (tmp_path / WORKFLOW).write_text(shown["github"])
    (tmp_path / ".gitlab-ci.yml").write_text(shown["gitlab"])
    result = run_cli("upgrade", str(tmp_path), "--lang", lang)
    assert result.code == 0, result.out
    workflow = (tmp_path / WORKFLOW).read_text()
    assert (
        f"python -m pip install --no-compile {WHEEL}\n" in workflow
        and "configure-pages" not in workflow
    )
    assert (
        f"python -m pip install --no-compile {WHEEL}" in (tmp_path / ".gitlab-ci.yml").read_text()
    )
    assert (tmp_path / WHEEL).is_file() and not list(tmp_path.rglob("*.new"))
