"""The CI files `init` writes, and the project's own workflows: actionlint finds nothing in
the GitHub workflows, every file matches its schema, and the student's workflow publishes
the Book only (HTML), with GitHub's Pages actions, installing the wheel the repository
carries. (`tests/test_install.py` runs the workflow's own steps against the built wheel.)"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from profile_gen.app.init import SLIM_GIT, Install, ci_file, wheel_name
from tests.conftest import ROOT

BIN = Path(sys.executable).parent
PROJECT_WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.yml"))
WHEEL = f".profile-gen/{wheel_name()}"


@pytest.fixture(scope="module", params=["fr", "en"])
def repository(request, tmp_path_factory) -> Path:
    """A repository with both CI files, as `init` writes them in each language."""
    root = tmp_path_factory.mktemp(f"ci-{request.param}")
    for host in ("github", "gitlab"):
        found = ci_file(host, request.param, Install.chosen())
        assert found is not None
        path, text = found
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    return root


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=120)


def test_actionlint_finds_nothing(repository):
    """actionlint knows the majors of the official actions and flags those on a
    deprecated runtime (node20: checkout@v4, setup-python@v5, deploy-pages@v4, ...)."""
    result = run(str(BIN / "actionlint"), "-no-color", ".github/workflows/book.yml", cwd=repository)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_actionlint_does_flag_an_outdated_major(tmp_path, repository):
    """The test above can fail: the same file with checkout@v4 is refused."""
    text = (repository / ".github/workflows/book.yml").read_text("utf-8")
    old = tmp_path / "old.yml"
    old.write_text(text.replace("actions/checkout@v7", "actions/checkout@v4"), "utf-8")
    result = run(str(BIN / "actionlint"), "-no-color", str(old), cwd=tmp_path)
    assert result.returncode == 1 and "node20" in result.stdout


@pytest.mark.parametrize(
    ("path", "schema"),
    [
        (".github/workflows/book.yml", "vendor.github-workflows"),
        (".gitlab-ci.yml", "vendor.gitlab-ci"),
    ],
)
def test_ci_files_match_their_schema(repository, path, schema):
    result = run(str(BIN / "check-jsonschema"), "--builtin-schema", schema, path, cwd=repository)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_workflow_deploys_the_book_only_with_the_pages_actions(repository):
    workflow = yaml.safe_load((repository / ".github/workflows/book.yml").read_text("utf-8"))
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    uses = [step["uses"].split("@")[0] for step in build["steps"] if "uses" in step]
    # no configure-pages: its outputs are unused, and it needs a `pages` permission
    assert uses == ["actions/checkout", "actions/setup-python", "actions/upload-pages-artifact"]
    python = build["steps"][1]["with"]
    assert python["cache"] == "pip"
    assert python["cache-dependency-path"] == ".github/workflows/book.yml"  # exists
    runs = [step["run"] for step in build["steps"] if "run" in step]
    assert runs[0].split("\n")[:2] == [
        "sha256sum --check --strict .profile-gen/SHA256SUMS",
        f"python -m pip install --no-compile {WHEEL}",
    ]
    script = "\n".join(runs)
    assert "profile-gen check --format github || test $? -eq 1" in script
    assert "profile-gen build --formats=\n" in script  # HTML only: no document at all
    assert script.index("profile-gen check") < script.index("profile-gen build")
    uploaded = build["steps"][-1]["with"]["path"]
    assert f"profile-gen publish {uploaded}" in script  # the Book without the print outputs
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"] == {
        "name": "github-pages",
        "url": "${{ steps.deployment.outputs.page_url }}",
    }
    assert deploy["steps"] == [{"id": "deployment", "uses": "actions/deploy-pages@v5"}]
    assert workflow["permissions"] == {"contents": "read"}
    # a pull request is checked and built (its errors shown on it), never published
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["pull_request"] == {"branches": ["main", "master"]}
    not_on_pr = "github.event_name != 'pull_request'"
    assert deploy["if"] == not_on_pr and build["steps"][-1]["if"] == not_on_pr
    assert "if" not in build and all("if" not in step for step in build["steps"][:-1])


def test_gitlab_publishes_the_book_only_in_public(repository):
    pages = yaml.safe_load((repository / ".gitlab-ci.yml").read_text("utf-8"))["pages"]
    assert pages["script"][:2] == [
        "sha256sum --check --strict .profile-gen/SHA256SUMS",
        f"python -m pip install --no-compile {WHEEL}",
    ]
    script = "\n".join(pages["script"])
    assert "profile-gen build --formats=\n" in script and "profile-gen publish public" in script
    assert pages["artifacts"]["paths"] == ["public"]
    assert pages["cache"]["paths"] == [".cache/pip"]
    assert pages["variables"]["PIP_CACHE_DIR"] == "$CI_PROJECT_DIR/.cache/pip"


@pytest.mark.parametrize(
    ("spec", "index", "command"),
    [
        ("profile-gen==0.3.0", None, "python -m pip install --no-compile profile-gen==0.3.0"),
        (
            "profile_gen @ git+https://git.example.org/p.git@v1",
            None,
            "python -m pip install --no-compile 'profile_gen @ git+https://git.example.org/p.git@v1'",
        ),
        (
            "profile-gen=={version}",
            "https://pypi.ecole.example/simple",
            "python -m pip install --no-compile --index-url https://pypi.ecole.example/simple "
            f"profile-gen=={wheel_name().split('-')[1]}",
        ),
        ("it's: # odd", None, "python -m pip install --no-compile 'it'\"'\"'s: # odd'"),
        ("a: b: c", None, "python -m pip install --no-compile 'a: b: c'"),
    ],
)
def test_a_chosen_install_goes_into_both_ci_files_as_one_shell_command(
    tmp_path, spec, index, command
):
    install = Install.chosen(spec, index)
    for host in ("github", "gitlab"):
        found = ci_file(host, "en", install)
        assert found is not None
        path, text = found
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text, "utf-8")
    workflow = yaml.safe_load((tmp_path / ".github/workflows/book.yml").read_text("utf-8"))
    assert workflow["jobs"]["build"]["steps"][2]["run"] == command + "\n"
    gitlab = yaml.safe_load((tmp_path / ".gitlab-ci.yml").read_text("utf-8"))
    script = gitlab["pages"]["script"]
    if "git+" in spec:  # pip clones it, and GitLab's slim Python image has no git
        assert script[0] == SLIM_GIT and script[1] == command
    else:
        assert script[0] == command and "apt-get" not in "\n".join(script)
    assert "sha256sum" not in workflow["jobs"]["build"]["steps"][2]["run"]
    for path, schema in ((".github/workflows/book.yml", "vendor.github-workflows"),):
        result = run(str(BIN / "check-jsonschema"), "--builtin-schema", schema, path, cwd=tmp_path)
        assert result.returncode == 0, result.stdout
    result = run(str(BIN / "actionlint"), "-no-color", ".github/workflows/book.yml", cwd=tmp_path)
    assert result.returncode == 0, result.stdout


# --------------------------------------------------------------------------- the project's


def test_the_project_has_its_ci_and_release_workflows():
    assert {path.name for path in PROJECT_WORKFLOWS} >= {"ci.yml", "release.yml"}


@pytest.mark.parametrize("workflow", PROJECT_WORKFLOWS, ids=lambda path: path.name)
def test_the_project_workflows_pass_actionlint_and_their_schema(workflow):
    result = run(str(BIN / "actionlint"), "-no-color", str(workflow), cwd=ROOT)
    assert result.returncode == 0 and result.stdout == "", result.stdout + result.stderr
    schema = ("--builtin-schema", "vendor.github-workflows", str(workflow))
    result = run(str(BIN / "check-jsonschema"), *schema, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_release_publishes_testpypi_first_with_trusted_publishing_only_there():
    release = yaml.safe_load((ROOT / ".github/workflows/release.yml").read_text("utf-8"))
    assert release[True]["push"]["tags"] == ["v*"]  # YAML 1.1 reads `on` as True
    assert release["permissions"] == {"contents": "read"}
    jobs = release["jobs"]
    publishing = {
        name
        for name, job in jobs.items()
        if any("gh-action-pypi-publish" in step.get("uses", "") for step in job["steps"])
    }
    assert publishing == {"testpypi", "pypi"}
    for name, job in jobs.items():
        granted = job.get("permissions", {})
        assert (granted == {"id-token": "write"}) == (name in publishing), name
    assert jobs["testpypi"]["environment"]["name"] == "testpypi"
    assert jobs["pypi"]["environment"]["name"] == "pypi"
    assert "testpypi" in jobs["pypi"]["needs"]
    (upload,) = [
        s for s in jobs["testpypi"]["steps"] if "gh-action-pypi-publish" in s.get("uses", "")
    ]
    assert upload["with"]["repository-url"] == "https://test.pypi.org/legacy/"
    build = "\n".join(step.get("run", "") for step in jobs["build"]["steps"])
    assert "python -m build" in build and "twine check --strict dist/*" in build
    assert "test-wheel" in jobs["testpypi"]["needs"]


def test_the_ci_workflow_runs_the_same_entry_point_as_the_other_ci():
    ci = yaml.safe_load((ROOT / ".github/workflows/ci.yml").read_text("utf-8"))
    (job,) = ci["jobs"].values()
    assert [step["run"] for step in job["steps"] if "run" in step][-1] == ".ci/run"
    assert job["container"].startswith("python:3.")  # Debian with Python, pip and gcc


def test_the_project_address_is_written_in_one_place():
    """`[project.urls]` of pyproject.toml; every other file of the project refers to it."""
    import shutil
    import tomllib

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    urls = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["urls"]
    repository = urls["Repository"]
    assert all(url.startswith(repository) for url in urls.values())
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    naming = [
        name
        for name in tracked
        if (ROOT / name).is_file()
        and repository.encode() in (ROOT / name).read_bytes()
        and name != "pyproject.toml"
    ]
    assert naming == []


# --------------------------------------------------------------------------- the docs'


def test_the_cohort_recipes_pass_actionlint_their_schema_and_install_the_carried_wheel(tmp_path):
    """docs/cohort.md's sharding recipes, as a tutor copies them: valid CI files on current
    action majors, each job installing the wheel the repository carries (its hash checked
    first; `profile-gen` is not a name on PyPI), every share built `--public`."""
    import re

    text = (ROOT / "docs/cohort.md").read_text("utf-8")
    github, gitlab = re.findall(r"```yaml\n(.*?)```", text, re.S)
    workflow = tmp_path / ".github/workflows/cohort.yml"
    workflow.parent.mkdir(parents=True)
    workflow.write_text(github, "utf-8")
    (tmp_path / ".gitlab-ci.yml").write_text(gitlab, "utf-8")
    result = run(str(BIN / "actionlint"), "-no-color", str(workflow), cwd=tmp_path)
    assert result.returncode == 0 and result.stdout == "", result.stdout + result.stderr
    for path, schema in (
        (workflow, "vendor.github-workflows"),
        (".gitlab-ci.yml", "vendor.gitlab-ci"),
    ):
        result = run(
            str(BIN / "check-jsonschema"), "--builtin-schema", schema, str(path), cwd=tmp_path
        )
        assert result.returncode == 0, result.stdout + result.stderr
    for recipe in (github, gitlab):
        installs = re.findall(r".*pip install.*", recipe)
        assert len(installs) == 2, installs  # the shares' job and the merge's
        for line in installs:
            assert "sha256sum --check --strict .profile-gen/SHA256SUMS &&" in line
            assert ".profile-gen/profile_gen-" in line and "install profile-gen" not in line
        shares = [line for line in recipe.splitlines() if "--shard" in line]
        assert shares and all("--public" in line for line in shares)
        merges = [line for line in recipe.splitlines() if "--merge" in line]
        assert merges and all("--public" in line for line in merges)
    # a class repository has no requirements.txt: setup-python's pip cache needs its path
    jobs = yaml.safe_load(github)["jobs"].values()
    for step in (step for job in jobs for step in job["steps"]):
        if "setup-python" in step.get("uses", "") and step.get("with", {}).get("cache"):
            assert step["with"]["cache-dependency-path"] == ".profile-gen/SHA256SUMS"
