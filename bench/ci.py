"""The student's CI job, timed: the build job of the GitHub starter workflow that `profile-gen
init` writes, each of its `run:` steps in turn (the carried wheel checked and installed with
pip, `profile-gen check`, `profile-gen build --formats=`, `profile-gen publish`), in a fresh
virtual environment whose pip cache is warm (one install before, thrown away), on a
repository holding the sample's profile. Creating the environment (what `setup-python`
provides on GitHub) is timed apart."""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

WORKFLOW = ".github/workflows/book.yml"


def _steps(repo: Path) -> list[tuple[str, str]]:
    """(name, shell script) of each `run:` step of the workflow's build job."""
    workflow = yaml.safe_load((repo / WORKFLOW).read_text(encoding="utf-8"))
    return [
        (step.get("name", step["run"].split()[0]), step["run"])
        for step in workflow["jobs"]["build"]["steps"]
        if "run" in step
    ]


def _venv(folder: Path, env: dict[str, str]) -> tuple[float, dict[str, str]]:
    """A fresh virtual environment: the seconds it took, and the environment of its shell."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True, env=env)
    seconds = time.perf_counter() - started
    bin_dir = folder / ("Scripts" if os.name == "nt" else "bin")
    shell = {**env, "VIRTUAL_ENV": str(folder), "PATH": f"{bin_dir}{os.pathsep}{env['PATH']}"}
    return seconds, shell


def _job(
    repo: Path, steps: list[tuple[str, str]], env: dict[str, str]
) -> list[tuple[float, float]]:
    """Run the steps as GitHub does (`bash -e`), in a copy of `repo`: seconds of each, and
    its CPU seconds (user + system, of all its processes)."""
    times = []
    for name, script in steps:
        started, before = time.perf_counter(), _children_cpu()
        done = subprocess.run(
            ["bash", "-e", "-c", script], cwd=repo, env=env, capture_output=True, text=True
        )
        times.append((time.perf_counter() - started, _children_cpu() - before))
        if done.returncode != 0:
            raise SystemExit(f"CI step failed: {name}\n{done.stdout}\n{done.stderr}")
    return times


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def bench_ci(tmp: Path, runs: int, root: Path, bin_dir: Path, env: dict[str, str]) -> dict:
    """Median seconds of each step of the job over `runs` fresh environments."""
    repo = tmp / "ci-repo"
    subprocess.run(
        [str(bin_dir / "profile-gen"), "init", str(repo), "--host", "github"],
        check=True,
        env=env,
        capture_output=True,
    )
    for entry in (root / "content").iterdir():  # the sample as the student's profile
        target = repo / entry.name
        if entry.is_dir():
            shutil.copytree(entry, target, dirs_exist_ok=True)
        else:
            shutil.copy(entry, target)
    steps = _steps(repo)
    _, warm = _venv(tmp / "ci-warm", env)  # fills the pip cache
    _job(repo, [step for step in steps if "pip install" in step[1]], warm)
    venvs, rows = [], []
    for attempt in range(runs):
        seconds, shell = _venv(tmp / f"ci-venv-{attempt}", env)
        venvs.append(seconds)
        work = tmp / f"ci-run-{attempt}"
        shutil.copytree(repo, work)
        rows.append(_job(work, steps, shell))
        shutil.rmtree(work)
        shutil.rmtree(tmp / f"ci-venv-{attempt}")
    indexes = range(len(steps))
    return {
        "steps": [name for name, _ in steps],
        "seconds": [statistics.median(row[index][0] for row in rows) for index in indexes],
        "cpu": [statistics.median(row[index][1] for row in rows) for index in indexes],
        "total": statistics.median(sum(wall for wall, _ in row) for row in rows),
        "venv": statistics.median(venvs),
        "packages": _installed(tmp / "ci-warm"),
    }


def _installed(folder: Path) -> int:
    """How many distributions the job installs (pip itself aside)."""
    site = next(folder.glob("lib/python*/site-packages"), None) or folder / "Lib/site-packages"
    return sum(1 for path in site.glob("*.dist-info") if not path.name.startswith("pip-"))


def report(ci: dict) -> list[str]:
    steps = ", ".join(
        f"{name.split(' (')[0].lower()} {seconds:.1f} s ({cpu:.1f} s CPU)"
        for name, seconds, cpu in zip(ci["steps"], ci["seconds"], ci["cpu"], strict=True)
    )
    return [
        "## The student's CI job",
        "",
        "The build job of the GitHub starter workflow (`profile-gen init`), its `run:` steps "
        "in a fresh virtual environment with a warm pip cache, on the sample's profile: "
        f"**{ci['total']:.1f} s** ({steps}; {ci['packages']} distributions installed). "
        f"Creating the environment, `setup-python`'s part on GitHub: {ci['venv']:.1f} s.",
        "",
    ]
