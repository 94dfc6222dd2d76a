"""Messages are whole whatever the terminal: never cut or wrapped inside a path or a
`file:line:col`, with a narrow terminal (COLUMNS=40), a long path, output to a pipe or to a
(forced) terminal, and paths that look like rich markup or emoji codes."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\r")
BROKEN = "identity:\n  name: Zoé\n  headline: Cheffe\n  headlin: oups\n"


def deep_folder(root: Path) -> Path:
    """A folder ~200 characters deep whose names rich could misread (markup, emoji code)."""
    folder = root / ("d" * 60) / ("e" * 60) / "x:fire:y [bold]z[/bold]" / "classe"
    folder.mkdir(parents=True)
    return folder


def run(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {key: value for key, value in os.environ.items() if key != "COLUMNS"}
    environment.update(COLUMNS="40", LINES="10", PROFILE_GEN_LANG="fr", **env)
    return subprocess.run(
        [sys.executable, "-m", "profile_gen.app.cli", *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        encoding="utf-8",
        stdin=subprocess.DEVNULL,
        timeout=600,
        check=False,
    )


def lines(text: str) -> list[str]:
    return ANSI.sub("", text).splitlines()


@pytest.mark.parametrize("terminal", [{}, {"TTY_COMPATIBLE": "1"}], ids=["pipe", "terminal"])
def test_cohort_errors_keep_the_whole_file_line_col(tmp_path, terminal):
    # the cohort's folder is named by its name (`from_cohort`): a long one, rich could misread
    member = deep_folder(tmp_path) / ("classe " + "f" * 80 + " x:fire:y [bold]z[/bold]") / "zoe"
    member.mkdir(parents=True)
    (member / "profile.yaml").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "pelican.conf.py").write_text(
        (Path(__file__).parents[1] / "pelican.conf.py").read_text("utf-8"), encoding="utf-8"
    )
    os.symlink(Path(__file__).parents[1] / "theme", tmp_path / "theme")
    result = run(
        ["build", "--cohort", str(member.parent), "--no-pdf", "-j", "1"], tmp_path, **terminal
    )
    assert result.returncode == 2, result.stderr
    where = f"{member.parent.name}/zoe/profile.yaml:4:3: identity.headlin"
    assert where in lines(result.stderr), result.stderr


def test_check_errors_keep_the_whole_file_line_col(tmp_path):
    profile = deep_folder(tmp_path) / "profile.yaml"
    profile.write_text(BROKEN, encoding="utf-8")
    result = run(["check", str(profile)], tmp_path)
    assert result.returncode == 2
    assert f"{profile}:4:3: identity.headlin" in lines(result.stderr), result.stderr


def test_in_process_output_does_not_depend_on_columns(tmp_path, run_cli, monkeypatch):
    profile = deep_folder(tmp_path) / "profile.yaml"
    profile.write_text(BROKEN, encoding="utf-8")
    outputs = []
    for columns in ("40", "300", None):
        if columns is None:
            monkeypatch.delenv("COLUMNS", raising=False)
        else:
            monkeypatch.setenv("COLUMNS", columns)
        result = run_cli("check", str(profile))
        outputs.append((result.code, result.out, result.err))
    assert outputs[0] == outputs[1] == outputs[2]
    assert f"{profile}:4:3: identity.headlin" in outputs[0][2].splitlines()


@pytest.mark.parametrize("command", ["check", "build", "publish", "export", "import", "serve"])
def test_help_wraps_at_spaces_only(command, capsys, monkeypatch):
    from profile_gen.app import cli

    monkeypatch.setenv("COLUMNS", "40")
    with pytest.raises(SystemExit):
        cli.main([command, "--help"])
    out = capsys.readouterr().out
    assert not [line for line in out.splitlines() if re.search(r"\w-$", line)], out
    if command == "publish":
        assert "gh-pages" in out
