"""The installed console script, as a user runs it."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from tests.conftest import SAMPLE


def _script() -> str:
    found = shutil.which("profile-gen") or str(
        __import__("pathlib").Path(sys.executable).parent / "profile-gen"
    )
    return found


def test_console_script_checks_the_sample():
    result = subprocess.run([_script(), "check", str(SAMPLE)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_bad_profile_exits_2_without_traceback(tmp_path):
    bad = tmp_path / "profile.yaml"
    bad.write_text("identity:\n  name: A\n  headline: B\nexperiance: []\n", encoding="utf-8")
    result = subprocess.run([_script(), "check", str(bad)], capture_output=True, text=True)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"{bad}:4:1: experiance" in result.stderr


@pytest.mark.parametrize("args", [["--help"], ["check", "--help"], ["build", "--help"]])
def test_help(args):
    result = subprocess.run([_script(), *args], capture_output=True, text=True)
    assert result.returncode == 0 and "utilisation : profile-gen" in result.stdout
    assert "options :" in result.stdout or "options:" in result.stdout


def test_internal_errors_are_one_line_unless_debug(run_cli, monkeypatch, tmp_path):
    def boom(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("profile_gen.app.check.assess", boom)
    result = run_cli("check", str(SAMPLE))
    assert result.code == 3
    assert "RuntimeError('boom')" in result.err and "--debug" in result.err
    with pytest.raises(RuntimeError):
        run_cli("--debug", "check", str(SAMPLE))


def test_help_texts_in_both_languages(capsys, monkeypatch):
    from profile_gen.app import cli

    for argv, expected in (
        (["--help"], "valider un profil et dire ce qui manque"),
        (["--lang", "en", "--help"], "validate a profile and say what is missing"),
    ):
        with pytest.raises(SystemExit):
            cli.main(argv)
        assert expected in " ".join(capsys.readouterr().out.split())  # wrapped to COLUMNS
    monkeypatch.setenv("PROFILE_GEN_LANG", "en")
    with pytest.raises(SystemExit):
        cli.main(["build", "--help"])
    assert "every format but PDF (faster)" in " ".join(capsys.readouterr().out.split())


@pytest.mark.parametrize(
    ("argv", "french", "english"),
    [
        (["build", "--bogus"], "arguments inconnus : --bogus", "unrecognized arguments: --bogus"),
        (
            ["import", "xml", "f"],
            "argument format : choix invalide 'xml' (choix possibles : 'linkedin', 'jsonresume', 'pdf')",
            "argument format: invalid choice: 'xml' (choose from 'linkedin', 'jsonresume', 'pdf')",
        ),
        (
            ["serve", "-p", "70000"],
            "argument -p/--port : nombre entier de 0 à 65535 attendu, trouvé « 70000 »",
            "argument -p/--port: a whole number from 0 to 65535 expected, found '70000'",
        ),
        (
            ["build", "--cohort", "x", "-j", "-1"],
            "argument -j/--jobs : nombre entier de 1 à 256 attendu, trouvé « -1 »",
            "argument -j/--jobs: a whole number from 1 to 256 expected, found '-1'",
        ),
        (
            ["build", "--cohort", "x", "--time-limit", "0"],
            "argument --time-limit : nombre entier de 1 à 1440 attendu, trouvé « 0 »",
            "argument --time-limit: a whole number from 1 to 1440 expected, found '0'",
        ),
        ([], "arguments obligatoires manquants : COMMAND", "arguments are required: COMMAND"),
        (
            ["build", "--settings"],
            "argument --settings : une valeur est attendue",
            "argument --settings: expected one argument",
        ),
    ],
)
def test_argument_errors_in_the_users_language(capsys, argv, french, english):
    from profile_gen.app import cli

    for lang, expected, usage in (("fr", french, "utilisation :"), ("en", english, "usage:")):
        with pytest.raises(SystemExit) as stopped:
            cli.main(["--lang", lang, *argv])
        assert stopped.value.code == 2
        err = capsys.readouterr().err
        assert err.startswith(usage) and expected in err, err
        assert ("erreur :" if lang == "fr" else "error:") in err


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["schema", "-o", "{tmp}/absent/schema.json"], "fichier ou dossier introuvable"),
        (["init", "{tmp}/a-file/profil"], "une partie du chemin n'est pas un dossier"),
        (
            ["export", "jsonresume", str(SAMPLE), "-o", "{tmp}/absent/resume.json"],
            "fichier ou dossier introuvable",
        ),
    ],
)
def test_file_system_errors_name_the_path(run_cli, tmp_path, args, reason):
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    result = run_cli(*[arg.format(tmp=tmp_path) for arg in args])
    assert result.code == 2, result.err
    assert str(tmp_path) in result.err and reason in result.err
    assert "interne" not in result.err and "Traceback" not in result.err


def test_argparse_words_come_from_the_catalogues_through_gettext():
    import argparse

    from profile_gen.app.cli_words import ArgparseWords, speaking

    words = ArgparseWords("fr")
    assert words.gettext("invalid %(type)s value: %(value)r") % {"type": "int", "value": "x"} == (
        "valeur invalide 'x'"
    )
    assert words.gettext("something argparse may say one day") == (
        "something argparse may say one day"
    )
    assert words.ngettext("expected %s argument", "expected %s arguments", 2) % 2 == (
        "2 valeurs attendues"
    )
    assert words.ngettext("expected %s argument", "expected %s arguments", 1) % 1 == (
        "1 valeur attendue"
    )
    before = argparse._  # type: ignore[attr-defined]
    with speaking("fr"):
        assert argparse._("options") == "options"  # type: ignore[attr-defined]
        assert argparse._("usage: ") == "utilisation : "  # type: ignore[attr-defined]
    assert argparse._ is before  # type: ignore[attr-defined]


def test_lang_is_accepted_after_the_command_too(run_cli):
    result = run_cli("check", "--lang", "en", str(SAMPLE))
    assert result.code == 0, result.err
    assert "Ready for the annexes and the defence." in result.out
    french = run_cli("--lang", "en", "check", "--lang", "fr", str(SAMPLE))
    assert "Prêt pour les annexes et la soutenance." in french.out
    kept = run_cli("--lang", "en", "check", str(SAMPLE))
    assert "Ready for the annexes" in kept.out
