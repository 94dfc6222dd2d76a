"""The CI files `init` writes: actionlint finds nothing in the GitHub workflow, both files
match their schemas, and the workflow publishes the Book only, with GitHub's Pages actions.
(`tests/test_install.py` runs the workflow's own steps against the built wheel.)"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from profile_gen.app.init import ci_file, install_spec

BIN = Path(sys.executable).parent


@pytest.fixture(scope="module", params=["fr", "en"])
def repository(request, tmp_path_factory) -> Path:
    """A repository with both CI files, as `init` writes them in each language."""
    root = tmp_path_factory.mktemp(f"ci-{request.param}")
    for host in ("github", "gitlab"):
        found = ci_file(host, request.param)
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
    assert uses == [
        "actions/checkout",
        "actions/setup-python",
        "actions/configure-pages",
        "actions/upload-pages-artifact",
    ]
    runs = "\n".join(step["run"] for step in build["steps"] if "run" in step)
    assert f'pip install "{install_spec()}"' in runs
    assert "profile-gen check" in runs and "profile-gen build --no-pdf" in runs
    assert runs.index("profile-gen check") < runs.index("profile-gen build")
    uploaded = build["steps"][-1]["with"]["path"]
    assert f"profile-gen publish {uploaded}" in runs  # the Book without the print outputs
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"] == {
        "name": "github-pages",
        "url": "${{ steps.deployment.outputs.page_url }}",
    }
    assert deploy["steps"] == [{"id": "deployment", "uses": "actions/deploy-pages@v5"}]
    assert workflow["permissions"] == {"contents": "read"}


def test_gitlab_publishes_the_book_only_in_public(repository):
    pages = yaml.safe_load((repository / ".gitlab-ci.yml").read_text("utf-8"))["pages"]
    script = "\n".join(pages["script"])
    assert f'pip install "{install_spec()}"' in script
    assert "profile-gen build --no-pdf" in script and "profile-gen publish public" in script
    assert pages["artifacts"]["paths"] == ["public"]
