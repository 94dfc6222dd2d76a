"""One gate for what the commands print: control characters that a profile holds (ESC
sequences that retitle or clear a terminal, BEL, bidi overrides) are shown escaped, never
sent raw to the user's terminal, by `check`, a failing `build`, a cohort and `serve`."""

from __future__ import annotations

import ast
import os
import subprocess
from pathlib import Path

import pytest

from profile_gen.app import terminal
from tests.conftest import ROOT, copy_sample
from tests.test_terminal import run

RAW = ("\x1b", "\x07", "\x9b", "\u202e", "\r")
HOSTILE_NAME = '"Zoé\\e]0;PWNED\\a\\e[2J\\e[3J"'
HOSTILE_HEADLINE = '"Cheffe\\e[31m rouge \\u202etxt.exe \\x9b1m"'


def assert_inert(result: subprocess.CompletedProcess[str]) -> None:
    for stream in (result.stdout, result.stderr):
        for char in RAW:
            assert char not in stream, (char, stream)
    assert "Traceback" not in result.stderr


def test_safe_escapes_controls_and_keeps_lines():
    text = "a\x1b]0;x\x07b\n\tc\u202ed\x9be\rf 👩🏽‍💻 é"
    assert terminal.safe(text) == "a\\x1b]0;x\\x07b\n\tc\\u202ed\\x9be\\x0df 👩🏽‍💻 é"
    assert terminal.safe("Léa Moreau\n") == "Léa Moreau\n"
    assert terminal.safe("\ud800") == "\\ud800"


def test_check_of_a_profile_with_controls_refuses_them_inert(tmp_path):
    """Control characters in values are refused where they are (they would break the
    documents); the bidi override, a character a text may hold, is shown escaped."""
    profile = tmp_path / "profile.yaml"
    profile.write_text(
        f"identity:\n  name: {HOSTILE_NAME}\n  headline: {HOSTILE_HEADLINE}\n", encoding="utf-8"
    )
    result = run(["check", str(profile)], tmp_path)
    assert result.returncode == 2, result.stderr
    assert_inert(result)
    assert f"{profile}:2:9: identity.name" in result.stderr and "U+001B" in result.stderr
    fixed = HOSTILE_HEADLINE.replace("\\e[31m", "").replace(" \\x9b1m", "")
    profile.write_text(f"identity:\n  name: Zoé\n  headline: {fixed}\n", encoding="utf-8")
    result = run(["check", str(profile)], tmp_path)
    assert result.returncode == 1, result.stderr
    assert_inert(result)


def test_check_of_an_invalid_profile_shows_its_controls_escaped(tmp_path):
    profile = tmp_path / "profile.yaml"
    profile.write_text(
        f"identity:\n  name: {HOSTILE_NAME}\n  headline: {HOSTILE_HEADLINE}\n"
        '  color: "\\e[31m#zz"\n'
        '  contact:\n    email: "x\\e]2;mail\\a@"\n'
        '  "\\e]0;key\\a\\e[2J": 1\n',
        encoding="utf-8",
    )
    result = run(["check", str(profile)], tmp_path)
    assert result.returncode == 2
    assert_inert(result)
    assert f"{profile}:7:3: identity.\\x1b]0;key\\x07\\x1b[2J" in result.stderr
    assert "identity.color" in result.stderr and "identity.contact.email" in result.stderr


def hostile_project(root: Path) -> Path:
    return copy_sample(
        root,
        "  name: Léa Moreau\n",
        f'  name: {HOSTILE_NAME}\n  "\\e]0;oops\\a": {HOSTILE_HEADLINE}\n',
    )


def test_a_failing_build_shows_its_controls_escaped(tmp_path):
    root = hostile_project(tmp_path)
    result = run(["build", "--no-pdf"], root)
    assert result.returncode == 2
    assert_inert(result)
    assert "\\x1b]0;oops\\x07" in result.stderr


def test_a_cohort_names_its_failing_member_with_controls_escaped(tmp_path):
    cohort = tmp_path / "classe"
    member = cohort / "zoe"
    member.mkdir(parents=True)
    (member / "profile.yaml").write_text(
        f'identity:\n  name: {HOSTILE_NAME}\n  headline: x\n  "\\e]0;oops\\a": 1\n',
        encoding="utf-8",
    )
    (tmp_path / "pelican.conf.py").write_text(
        (ROOT / "pelican.conf.py").read_text("utf-8"), encoding="utf-8"
    )
    os.symlink(ROOT / "theme", tmp_path / "theme")
    result = run(["build", "--cohort", str(cohort), "--no-pdf", "-j", "1"], tmp_path)
    assert result.returncode == 2
    assert_inert(result)
    assert "\\x1b]0;oops\\x07" in result.stderr


def test_serve_shows_a_failed_rebuild_escaped(tmp_path, capsys):
    from profile_gen.app.serve import Server

    root = hostile_project(tmp_path)
    server = Server(root / "pelican.conf.py", port=0)  # prints through the gate by default
    try:
        assert server.rebuild() is False
    finally:
        server.httpd.server_close()
    out = capsys.readouterr().out
    assert "\\x1b]0;oops\\x07" in out
    assert not any(char in out for char in RAW)


def _prints(path: Path) -> list[int]:
    tree = ast.parse(path.read_text("utf-8"))
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "print"
    ]


@pytest.mark.parametrize(
    "path",
    sorted((ROOT / "profile_gen/app").glob("*.py")),
    ids=lambda path: path.name,
)
def test_the_commands_print_through_the_gate_only(path):
    if path.name == "terminal.py":
        return
    assert _prints(path) == [], f"{path.name}: print() -> terminal.say()"


def test_an_internal_error_is_quoted_short_and_inert(run_cli, monkeypatch, tmp_path):
    def boom(*args, **kwargs):
        raise UnicodeEncodeError("utf-8", "<html>" + "x" * 20_000 + "\x1b]0;t\x07", 1, 2, "no")

    monkeypatch.setattr("profile_gen.app.check.assess", boom)
    profile = tmp_path / "profile.yaml"
    profile.write_text("identity:\n  name: A\n  headline: B\n", encoding="utf-8")
    result = run_cli("check", str(profile))
    assert result.code == 3
    assert len(result.err) < 600 and "--debug" in result.err
    assert not any(char in result.err for char in RAW)


def starts_a_line(result: subprocess.CompletedProcess[str], text: str) -> list[str]:
    return [
        line
        for stream in (result.stdout, result.stderr)
        for line in stream.splitlines()
        if line.lstrip().startswith(text)
    ]


def test_a_key_holding_a_line_end_starts_no_line_of_a_ci_log(tmp_path):
    """A line starting `::error` in a GitHub Actions log is a command: a key of the profile
    holding a line end and one is quoted on the line of its message."""
    profile = tmp_path / "profile.yaml"
    profile.write_text(
        'identity:\n  name: Zoé\n  headline: x\n  "k\\n::error file=evil::injected": 1\n',
        encoding="utf-8",
    )
    result = run(["check", str(profile), "--format", "github"], tmp_path)
    assert result.returncode == 2
    assert_inert(result)
    assert starts_a_line(result, "::error file=evil") == []
    assert "k ::error file=evil::injected" in result.stderr


@pytest.mark.skipif(os.name == "nt", reason="no line end in a Windows file name")
def test_an_article_named_with_a_line_end_and_controls_is_quoted_inert(tmp_path):
    root = copy_sample(tmp_path)
    name = "a\n::error::inj\x1b]0;T\x07.md"
    (root / "content/articles" / name).write_text("Title: A\nDate: hier\n\nx\n", "utf-8")
    result = run(["build", "--no-pdf"], root)
    assert result.returncode == 2
    assert_inert(result)
    assert starts_a_line(result, "::error::inj") == []
