"""`make test`'s coverage floor (scripts/coverage_floor.py) on what slipcover really writes:
the files not fully covered with their missing lines, and a failure under the floor."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

SCRIPT = ROOT / "scripts/coverage_floor.py"

MODULE = """\
def used():
    return 1


def unused():
    return 2
"""


def measured(tmp_path: Path) -> Path:
    """slipcover's JSON for a package with one function of two run, by a slipcover that
    knows nothing of the one measuring this suite: given `make test`'s shared folder
    (`SLIPCOVER_COVERAGE_DIR`), it would merge it and remove it at its exit, and the
    suite's workers' coverage with it."""
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "mod.py").write_text(MODULE)
    (tmp_path / "run.py").write_text("from pkg import mod\nmod.used()\n")
    out = tmp_path / "coverage.json"
    command = ["-m", "slipcover", "--source", str(package), "--json", "--out", str(out)]
    subprocess.run(
        [sys.executable, *command, str(tmp_path / "run.py")],
        cwd=tmp_path,
        env={k: v for k, v in os.environ.items() if not k.startswith("SLIPCOVER_")},
        check=True,
        capture_output=True,
    )
    return out


def floor(report: Path, share: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(SCRIPT), str(report), share],
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_floor_names_the_missing_lines_and_fails_under_it(tmp_path):
    report = measured(tmp_path)
    under = floor(report, "99")
    assert under.returncode == 1
    [row] = [line.split() for line in under.stdout.splitlines() if "mod.py" in line]
    assert row[-1] == "6"  # `unused`'s body, the one line not run: the "Missing" column
    assert "under the floor of 99 %" in under.stderr
    over = floor(report, "50")
    assert over.returncode == 0 and "(floor 50 %)" in over.stdout


def test_a_missing_or_broken_report_is_said_not_read(tmp_path):
    missing = floor(tmp_path / "none.json", "95")
    assert missing.returncode == 2 and "no coverage to read" in missing.stderr
    broken = tmp_path / "broken.json"
    broken.write_text("{")
    assert floor(broken, "95").returncode == 2


def test_the_measuring_slipcover_leaves_the_suites_shared_folder(tmp_path, monkeypatch):
    shared = tmp_path / "suite-coverage"
    shared.mkdir()
    monkeypatch.setenv("SLIPCOVER_COVERAGE_DIR", str(shared))
    measured(tmp_path)
    assert shared.is_dir()
