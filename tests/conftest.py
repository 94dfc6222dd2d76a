"""Shared fixtures: the repository's sample, temporary profiles, the CLI run in-process."""

from __future__ import annotations

import os
import shutil
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

# A missing text or a bad placeholder fails the tests (production falls back and logs);
# set before the package is imported, and inherited by the processes a test starts.
os.environ["PROFILE_GEN_STRICT_I18N"] = "1"

from profile_gen.app import cli

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "content" / "profile.yaml"

MINIMAL = """\
identity:
  name: Camille Test
  headline: Cheffe de projet
"""


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def run_cli(capsys):
    """Run `profile-gen ARGS` in-process; return its exit code and output."""

    def run(*args: str) -> Result:
        code = cli.main(list(args))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture
def write_profile(tmp_path):
    """Write a profile (text is dedented; bytes as they are) and return its path."""

    def write(text: str | bytes, name: str = "profile.yaml") -> Path:
        path = tmp_path / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


def copy_sample(root: Path, old: str = "", new: str = "") -> Path:
    """The repository's content/, theme and settings copied into `root`, the sample profile
    with its first `old` replaced by `new` (which must be there); returns `root`."""
    shutil.copytree(ROOT / "content", root / "content")
    shutil.copytree(ROOT / "theme", root / "theme")
    shutil.copy(ROOT / "pelican.conf.py", root / "pelican.conf.py")
    if old:
        profile = root / "content/profile.yaml"
        text = profile.read_text("utf-8")
        assert old in text, old
        profile.write_text(text.replace(old, new, 1), "utf-8")
    return root


@pytest.fixture
def sample_copy(tmp_path) -> Path:
    """A copy of the repository's content/ and settings, safe to modify and build."""
    return copy_sample(tmp_path)


@pytest.fixture
def in_dir(monkeypatch):
    def enter(path: Path) -> Path:
        monkeypatch.chdir(path)
        return path

    return enter


from tests.browser import chromium  # noqa: E402, F401 - one session-wide browser fixture
