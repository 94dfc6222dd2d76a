"""The installed package, as a student gets it: the wheel built by `python -m build`,
installed into a fresh virtual environment outside the repository, used in an empty
folder; and the generated GitHub workflow's own `run:` steps, run against that wheel.

Slow (a build and an install, shared by the tests of the session); `CI=true` runs them.
"""

from __future__ import annotations

import email
import os
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from profile_gen import tokens
from tests.conftest import ROOT, require

pytestmark = pytest.mark.slow

PHONE = "+33 6 12 34 56 78"
SKIPPED = shutil.ignore_patterns(
    ".git",
    ".venv",
    "output",
    ".cache",
    "build",
    "dist",
    "*.egg-info",
    "__pycache__",
    ".*_cache",
    "node_modules",
)
PRINT_OUTPUTS = ("annexe", "cv", ".pdf", ".docx", ".pptx", ".odt")


@dataclass(frozen=True)
class Installed:
    wheel: Path
    dist: Path
    venv: Path
    package: Path

    @property
    def bin(self) -> Path:
        return self.venv / ("Scripts" if os.name == "nt" else "bin")

    def env(self, **extra: str) -> dict[str, str]:
        """The environment of a shell where the venv is first on PATH, and nothing points
        back at the repository."""
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("PYTHON", "VIRTUAL_ENV", "PIP_"))
        }
        env["PATH"] = f"{self.bin}{os.pathsep}{env.get('PATH', '')}"
        env["VIRTUAL_ENV"] = str(self.venv)
        return {**env, **extra}

    def run(self, *args: str, cwd: Path, ok: tuple[int, ...] = (0,)) -> str:
        result = subprocess.run(
            args, cwd=cwd, env=self.env(), capture_output=True, text=True, timeout=600
        )
        assert result.returncode in ok, f"{args}: {result.stdout}\n{result.stderr}"
        return result.stdout


def files_of(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        str(path.relative_to(folder)): (path.stat().st_size, path.stat().st_mtime_ns)
        for path in folder.rglob("*")
        if path.is_file()
    }


def _needed(requirements: list[str]) -> set[str]:
    """The distributions `requirements` need, and theirs, and so on (as installed in the
    venv running the tests), with pip."""
    from importlib import metadata

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    todo, seen, names = [(Requirement(text), ("",)) for text in requirements], set(), {"pip"}
    while todo:
        requirement, extras = todo.pop()
        if requirement.marker and not any(
            requirement.marker.evaluate({"extra": extra}) for extra in extras
        ):
            continue
        key = (canonicalize_name(requirement.name), frozenset(requirement.extras))
        if key in seen:
            continue
        seen.add(key)
        names.add(requirement.name)
        wanted = ("", *requirement.extras)
        todo += [(Requirement(text), wanted) for text in metadata.requires(requirement.name) or ()]
    return names


def lend_dependencies(wheel: Path, venv: Path, lent: Path) -> None:
    """Put the wheel's dependencies (those it declares, and theirs), and pip, as the venv
    running the tests has them, behind `venv`'s own packages: `lent` holds a link to each
    of their files, named by a `.pth` file. Nothing else is lent (an import the wheel
    does not declare fails as in a student's venv). The wheel installs with `--no-deps`:
    what is tested is the wheel and its entry point, not the package index."""
    from importlib import metadata

    with zipfile.ZipFile(wheel) as archive:
        (name,) = [name for name in archive.namelist() if name.endswith(".dist-info/METADATA")]
        declared = email.message_from_bytes(archive.read(name)).get_all("Requires-Dist") or []
    lent.mkdir()
    for needed in _needed(declared):
        distribution = metadata.distribution(needed)
        assert distribution.files is not None, needed
        for top in {file.parts[0] for file in distribution.files} - {"..", "__pycache__"}:
            path = Path(distribution.locate_file(top))
            if not (lent / top).exists():
                (lent / top).symlink_to(path, target_is_directory=path.is_dir())
    (site_packages,) = (venv / "lib").glob("python*/site-packages")
    (site_packages / "zz-lent-dependencies.pth").write_text(f"{lent}\n", "utf-8")


@pytest.fixture(scope="session")
def installed(tmp_path_factory) -> Installed:
    """The wheel, built from a copy of the sources (its sdist first, then the wheel from
    it, as `python -m build` does), installed into a fresh venv (its dependencies lent by
    the venv running the tests: `lend_dependencies`). `PROFILE_GEN_WHEEL` names an already
    built wheel instead (the release workflow tests the one it publishes)."""
    work = tmp_path_factory.mktemp("wheel")
    source, dist, venv = work / "source", work / "dist", work / "venv"
    given = os.environ.get("PROFILE_GEN_WHEEL")
    if given:
        dist.mkdir()
        shutil.copy(given, dist)
    else:
        shutil.copytree(ROOT, source, ignore=SKIPPED)
        build = [
            sys.executable,
            "-m",
            "build",
            "--no-isolation",
            "--outdir",
            str(dist),
            str(source),
        ]
        result = subprocess.run(build, capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, result.stdout + result.stderr
    (wheel,) = dist.glob("profile_gen-*.whl")
    subprocess.run(
        [sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=300
    )
    lend_dependencies(wheel, venv, work / "lent")
    python = venv / "bin" / "python"
    pip = [str(python), "-m", "pip", "--disable-pip-version-check"]
    result = subprocess.run(
        [*pip, "install", "--quiet", "--no-deps", "--no-index", str(wheel)],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    result = subprocess.run([*pip, "check"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr  # every dependency is lent
    where = subprocess.run(
        [str(python), "-c", "import profile_gen, os; print(os.path.dirname(profile_gen.__file__))"],
        cwd=work,
        capture_output=True,
        text=True,
        check=True,
    )
    package = Path(where.stdout.strip())
    assert package.is_relative_to(venv)
    return Installed(wheel, dist, venv, package)


def fill(folder: Path) -> None:
    """What a student writes first: a name, and the phone in the private file."""
    profile = folder / "profile.yaml"
    profile.write_text(
        profile.read_text("utf-8").replace("name: Prénom Nom", "name: Zoé Étudiante", 1), "utf-8"
    )
    private = folder / "private.yaml"
    private.write_text(
        private.read_text("utf-8").replace('# phone: "+33 6 00 00 00 00"', f'phone: "{PHONE}"'),
        "utf-8",
    )


def assert_book_only(site: Path) -> None:
    assert "Zoé Étudiante" in (site / "index.html").read_text("utf-8")
    for path in site.rglob("*"):
        name = path.relative_to(site).as_posix()
        assert not any(marker in name for marker in PRINT_OUTPUTS), name
        if path.is_file():
            assert PHONE.encode() not in path.read_bytes(), name


def test_the_wheel_carries_the_theme_the_settings_and_the_starters(installed):
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    for expected in (
        "profile_gen/theme/templates/base.html",
        "profile_gen/theme/static/css/book.css",
        "profile_gen/theme/static/js/deck.js",
        "profile_gen/theme/static/fonts/LiberationSerif-Regular.ttf",
        "profile_gen/theme/static/fonts/LICENSE-LiberationSerif.txt",
        "profile_gen/theme/static/fonts/LICENSE-AtkinsonHyperlegible.txt",
        *(f"profile_gen/theme/static/fonts/{name}" for name, *_ in tokens.font_files()),
        *(f"profile_gen/theme/static/fonts/{name}" for name, *_ in tokens.print_font_files()),
        "profile_gen/tokens.toml",
        "profile_gen/book/settings.py",
        "profile_gen/starter/profile.yaml",
        "profile_gen/starter/private.en.yaml",
        "profile_gen/starter/README.fr.md",
        "profile_gen/starter/gitignore.txt",
        "profile_gen/starter/gitignore.en.txt",
        "profile_gen/starter/github/book.yml",
        "profile_gen/starter/gitlab/gitlab-ci.yml",
        "profile_gen/views/metrics.json",
        "profile_gen/theme/templates/annexe/items/cv.html",
        "profile_gen/theme/templates/deck/slides/strengths.html",
    ):
        assert expected in names, expected
    theme = {name for name in names if name.startswith("profile_gen/theme/templates/")}
    assert len(theme) == len(list((ROOT / "theme/templates").glob("**/*.html")))


def assert_no_rehearsal(site: Path) -> None:
    """The deck with its speaker notes, the cue cards, the outline and the questions with
    the prepared answers stay on the student's computer (private by default)."""
    from profile_gen.outputs import PRIVATE, kept_off

    for folder in kept_off([PRIVATE]):
        assert not (site / folder).exists(), folder
    for page in site.rglob("*.html"):
        assert '<aside class="notes"' not in page.read_text("utf-8", errors="replace"), page


def ci_commands(folder: Path, host: str) -> tuple[list[str], Path]:
    """The shell commands of the CI file `init` wrote for `host`, in order, and the folder
    they publish."""
    if host == "github":
        workflow = yaml.safe_load((folder / ".github/workflows/book.yml").read_text("utf-8"))
        steps = workflow["jobs"]["build"]["steps"]
        return [step["run"] for step in steps if "run" in step], folder / steps[-1]["with"]["path"]
    pages = yaml.safe_load((folder / ".gitlab-ci.yml").read_text("utf-8"))["pages"]
    return pages["script"], folder / pages["artifacts"]["paths"][0]


def _git(cwd: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Zoé",
        "GIT_AUTHOR_EMAIL": "zoe@example.org",
        "GIT_COMMITTER_NAME": "Zoé",
        "GIT_COMMITTER_EMAIL": "zoe@example.org",
    }
    result = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_a_student_folder_from_init_to_build_and_online(installed, tmp_path):
    """init → fill (private.yaml too) → check → build (every document) → publish into a
    folder: the Book only, nothing written into the package nor beside the two folders;
    → publish --git (a local bare repository): the Book, no phone, no rehearsal; → check
    --online against that branch served on 127.0.0.1: the QR code's address answers with
    the Book. (One student folder for both roads: one init and one build.)"""
    import functools
    import http.server
    import threading

    before = files_of(installed.package)
    folder = tmp_path / "book"
    version = installed.run("profile-gen", "--version", cwd=tmp_path)
    assert version.strip() == f"profile-gen {installed.wheel.name.split('-')[1]}"
    # where pip's scripts folder is not on the PATH (Windows, `pip install --user`)
    assert installed.run("python", "-m", "profile_gen", "--version", cwd=tmp_path) == version
    installed.run("profile-gen", "init", "book", cwd=tmp_path)
    fill(folder)
    report = installed.run("profile-gen", "check", cwd=folder, ok=(1,))  # valid, incomplete
    assert "profile.yaml" in report
    served = tmp_path / "served"
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(served))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    url = f"http://127.0.0.1:{httpd.server_address[1]}/"
    profile = folder / "profile.yaml"
    text = profile.read_text("utf-8")
    assert "  # book: https://votre-nom.github.io/book/" in text
    profile.write_text(
        text.replace("  # book: https://votre-nom.github.io/book/", f"  book: {url}")
    )
    installed.run("profile-gen", "build", cwd=folder)
    output = folder / "output"
    assert "Zoé Étudiante" in (output / "index.html").read_text("utf-8")
    assert (output / "theme/fonts/LiberationSerif-Regular.ttf").is_file() or any(
        output.rglob("*.ttf")
    )
    assert PHONE in (output / "annexe/index.html").read_text("utf-8")  # the private file
    assert (output / "annexe.pdf").is_file()  # printed: the wheel carries what prints
    publish = installed.run("profile-gen", "publish", str(tmp_path / "site"), cwd=folder)
    assert publish
    assert_book_only(tmp_path / "site")
    assert files_of(installed.package) == before  # nothing written into the package
    assert sorted(path.name for path in tmp_path.iterdir()) == ["book", "site"]

    require(shutil.which("git"), "git is not installed")  # the road online
    remote = tmp_path / "remote.git"
    _git(tmp_path, "init", "-q", "--bare", str(remote))
    _git(folder, "init", "-q", "-b", "main")
    _git(folder, "add", "-A")
    _git(folder, "commit", "-q", "-m", "My profile")
    said = installed.run("profile-gen", "publish", "--git", str(remote), cwd=folder)
    assert "gh-pages" in said
    files = _git(remote, "ls-tree", "-r", "--name-only", "gh-pages").split()
    assert "index.html" in files and ".nojekyll" in files
    assert not [name for name in files if any(mark in name for mark in PRINT_OUTPUTS)]
    assert "private.yaml" not in _git(folder, "ls-tree", "-r", "--name-only", "HEAD")  # ignored
    _git(tmp_path, "clone", "-q", "-b", "gh-pages", str(remote), str(served))
    assert_book_only(served)  # private.yaml was there: still no phone
    assert_no_rehearsal(served)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        env = {k: v for k, v in installed.env().items() if not k.lower().endswith("_proxy")}
        result = subprocess.run(
            [str(installed.bin / "profile-gen"), "check", "--online"],
            cwd=folder,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert result.returncode == 0, result.stdout + result.stderr
    assert url in result.stdout
    assert files_of(installed.package) == before


# --------------------------------------------------------------------------- the road online


def test_the_distributions_pass_twine_check_strict(installed):
    """What PyPI would refuse or render badly (the README as description, the metadata)."""
    if not list(installed.dist.glob("*.tar.gz")):
        pytest.skip("a wheel given by PROFILE_GEN_WHEEL: the release workflow checks it")
    files = sorted(str(path) for path in installed.dist.iterdir())
    twine = [sys.executable, "-m", "twine", "check", "--strict", *files]
    result = subprocess.run(twine, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("PASSED") == 2


def _contents(wheel: Path) -> dict[str, bytes]:
    """A wheel's files, without the two that say how it was made (RECORD, WHEEL)."""
    with zipfile.ZipFile(wheel) as archive:
        return {
            name: archive.read(name)
            for name in archive.namelist()
            if not name.endswith((".dist-info/RECORD", ".dist-info/WHEEL"))
        }


def test_the_editable_install_rebuilds_the_wheel_build_makes(installed):
    """The developer's `pip install -e` install, rebuilt by the package rules of
    pyproject.toml, holds the same files as the wheel `python -m build` makes."""
    from profile_gen.app.wheel import running_wheel

    rebuilt = installed.dist.parent / "rebuilt.whl"
    rebuilt.write_bytes(running_wheel().data)
    mine, built = _contents(rebuilt), _contents(installed.wheel)
    assert mine.keys() == built.keys()
    for name in mine:  # METADATA's wording follows the setuptools of each build
        if not name.endswith(".dist-info/METADATA"):
            assert mine[name] == built[name], name


def _step(command: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    """One `run:` step (or GitLab script line) in bash, as the runners run them."""
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.mark.parametrize("host", ["github", "gitlab"])
def test_a_fresh_repository_publishes_the_book_with_the_wheel_it_carries(installed, tmp_path, host):
    """The issue's "done when": from the installed tool, `init` in a new git repository,
    a profile, a commit; then, in a fresh checkout (what a runner has: no private.yaml),
    the CI file's own commands in order. The install step installs the wheel the
    repository carries (checked by its hash; pip is given no index), the artifact holds the
    Book and no phone number, no print document; an invalid profile stops the check step
    with the file and the line (a GitHub annotation on GitHub)."""
    require(shutil.which("git"), "git is not installed")
    require(shutil.which("sha256sum"), "sha256sum is not installed")
    repository, runner = tmp_path / "repository", tmp_path / "runner"
    repository.mkdir()
    _git(repository, "init", "-q", "-b", "main")
    installed.run("profile-gen", "init", "--host", host, cwd=repository)
    fill(repository)
    _git(repository, "add", "-A")
    _git(repository, "commit", "-q", "-m", "My profile")
    _git(tmp_path, "clone", "-q", str(repository), str(runner))
    assert not (runner / "private.yaml").exists()  # git-ignored: the runner never has it
    (carried,) = (runner / ".profile-gen").glob("*.whl")
    assert carried.name == installed.wheel.name
    assert _contents(carried) == _contents(installed.wheel)  # the tool, file for file
    commands, published = ci_commands(runner, host)
    env = installed.env(
        GITHUB_ACTIONS="true" if host == "github" else "false",
        GITLAB_CI="true" if host == "gitlab" else "",
        PIP_NO_INDEX="1",  # nothing from an index: the repository carries the tool
        PIP_NO_DEPS="1",  # its dependencies are those of the venv
        PIP_FORCE_REINSTALL="1",
        PIP_DISABLE_PIP_VERSION_CHECK="1",
    )
    said = []
    for command in commands:
        result = _step(command, runner, env)
        assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
        said.append(result.stdout)
    assert f"{carried.relative_to(runner)}: OK" in said[0]  # sha256sum checked it
    origin = (
        installed.package.parent / f"profile_gen-{carried.name.split('-')[1]}.dist-info"
    ) / "direct_url.json"
    assert carried.name in origin.read_text("utf-8")  # pip installed the carried file
    if host == "github":
        assert "::warning::" in "".join(said)  # incomplete: published, with a warning
    assert_book_only(published)
    built = (runner / "output/soutenance/index.html").read_text("utf-8")
    assert '<aside class="notes"' in built  # built for the student's computer...
    assert_no_rehearsal(published)  # ...never published
    assert not [
        path for path in (runner / "output").rglob("*") if path.suffix in (".pdf", ".docx", ".pptx")
    ]  # HTML only: no document was even written
    # an invalid profile: the check step fails and says where
    profile = runner / "profile.yaml"
    profile.write_text(profile.read_text("utf-8").replace("\nlocale:", "\nlocal: fr\nlocale:", 1))
    line = profile.read_text("utf-8").splitlines().index("local: fr") + 1
    (check,) = [command for command in commands if command.startswith("profile-gen check")]
    result = _step(check, runner, env)
    assert result.returncode != 0  # `check` says 2, the step's `|| test $? -eq 1` fails
    assert f"profile.yaml:{line}:1: local" in result.stderr  # the job log, on both hosts
    if host == "github":
        assert f"::error file=profile.yaml,line={line},col=1::" in result.stdout
