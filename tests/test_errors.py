"""One user-error hierarchy, worded in the asked language, reported in one place."""

from __future__ import annotations

import ast
import json
import re

import pytest

from profile_gen import errors, i18n
from profile_gen.errors import (
    BuildError,
    InteropError,
    PdfUnavailable,
    Problem,
    ProfileError,
    ProfileGenError,
)
from tests.conftest import MINIMAL, ROOT


def test_every_user_error_is_a_profile_gen_error_with_a_code():
    from profile_gen.interop import InteropError as ReExported
    from profile_gen.printing.pdf import PdfUnavailable as FromPdf

    assert ReExported is InteropError and FromPdf is PdfUnavailable
    for kind in (ProfileError, BuildError, InteropError, PdfUnavailable):
        assert issubclass(kind, ProfileGenError)
    assert BuildError("build_no_settings", path="x").code == "build_no_settings"
    assert ProfileError("p.yaml", []).code == "profile_invalid"
    assert PdfUnavailable("no pango").code == "pdf_unavailable"


def test_describe_honours_the_language():
    problem = Problem("missing", ("identity", "name"), {"field": "name"}, 3, 1)
    error = ProfileError("p.yaml", [problem], lang="fr")
    french, english = error.describe("fr"), error.describe("en")
    assert french != english
    assert "1 erreur" in french and "1 error" in english
    assert error.describe() == french  # no language asked: the profile's own
    build = BuildError("build_no_settings", path="x.py")
    assert build.describe("en") == i18n.message("en", "build_no_settings", path="x.py")
    assert "no pango" in PdfUnavailable("no pango").describe("en")
    assert str(PdfUnavailable("no pango")) == "no pango"


def test_the_field_path_no_longer_shadows_pathlib():
    assert not hasattr(errors, "Path")
    for module in ("loader", "readiness", "rules", "yaml_source"):
        source = (ROOT / f"profile_gen/profile/{module}.py").read_text("utf-8")
        assert "FsPath" not in source


def test_one_place_prints_errors_for_the_terminal():
    tree = ast.parse((ROOT / "profile_gen/app/cli.py").read_text("utf-8"))
    handlers = [node for node in ast.walk(tree) if isinstance(node, ast.ExceptHandler)]
    caught = {ast.unparse(handler.type) for handler in handlers if handler.type is not None}
    assert "BaseException" in caught  # main() hands everything to report(), but SystemExit
    for handler in handlers:  # no other handler writes a message itself
        calls = [n for n in ast.walk(handler) if isinstance(n, ast.Call)]
        assert not any(ast.unparse(call.func) == "print" for call in calls)
    for name in ("BuildError", "InteropError", "PdfUnavailable", "OSError"):
        assert not any(name in text for text in caught), name


def test_an_english_profiles_errors_speak_english_unless_asked(run_cli, write_profile):
    profile = write_profile("locale: en\nidentity:\n  name: A\n")
    assert "1 error to fix." in run_cli("check", str(profile)).err
    assert "1 erreur à corriger." in run_cli("--lang", "fr", "check", str(profile)).err


def test_a_bug_in_an_importer_is_an_internal_error_not_bad_input(tmp_path, run_cli, monkeypatch):
    from profile_gen.interop.jsonresume import read as reader

    (tmp_path / "r.json").write_text(json.dumps({"basics": {"name": "A"}}), "utf-8")

    def broken(resume, lang="fr"):
        raise TypeError("a bug of ours")

    monkeypatch.setattr(reader, "from_jsonresume", broken)
    monkeypatch.setattr("profile_gen.interop.jsonresume.from_jsonresume", broken)
    result = run_cli(
        "import", "jsonresume", str(tmp_path / "r.json"), "-o", str(tmp_path / "p.yaml")
    )
    assert result.code == 3
    assert "Erreur interne" in result.err and "JSON Resume lisible" not in result.err


@pytest.mark.parametrize(
    "meta",
    [
        {"experience": "abc", "identity": {"contact": "x"}, "locale": 3},
        {"skills": [1, "a"], "education": {"a": 1}, "competencies": []},
        {"achievements": "x", "summary": 5, "links_others": {"a": 1}},
    ],
)
def test_our_meta_edited_into_any_shape_still_imports(tmp_path, run_cli, meta):
    resume = {"basics": {"name": "Ana"}, "work": [{"position": "Dev", "startDate": "2020"}]}
    resume["meta"] = {"profile_gen": meta}
    (tmp_path / "r.json").write_text(json.dumps(resume), "utf-8")
    result = run_cli(
        "import", "jsonresume", str(tmp_path / "r.json"), "-o", str(tmp_path / "p.yaml")
    )
    assert result.code == 0, result.err


def test_bad_json_is_named_bad_input(tmp_path, run_cli):
    (tmp_path / "r.json").write_text("[1, 2]", "utf-8")
    result = run_cli(
        "import", "jsonresume", str(tmp_path / "r.json"), "-o", str(tmp_path / "p.yaml")
    )
    assert result.code == 2 and "n'est pas un JSON Resume lisible" in result.err


def test_pdf_unavailable_is_reported_by_the_one_reporter(run_cli, monkeypatch, tmp_path):
    from profile_gen.printing import pdf

    out = tmp_path / "out"
    for page in pdf.PDFS:
        (out / page).parent.mkdir(parents=True, exist_ok=True)
        (out / page).write_text("<html></html>", "utf-8")

    def unavailable(*args, **kwargs):
        raise PdfUnavailable("cannot load library 'libpango-1.0-0'")

    monkeypatch.setattr(pdf, "write_pdfs", unavailable)
    result = run_cli("pdf", "--settings", str(ROOT / "pelican.conf.py"), "-o", str(out))
    assert result.code == 2
    assert "libpango" in result.err and "interne" not in result.err


def test_the_importers_speak_through_the_catalogues():
    """No French sentence is written in the importers' code (their words are in i18n)."""
    folder = ROOT / "profile_gen/interop"
    for path in folder.rglob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                assert " non import" not in node.value and "sans date" not in node.value, path
                assert "À COMPLÉTER" not in node.value, path


def test_an_unchanged_minimal_profile_still_loads(write_profile):
    from profile_gen.profile.loader import load

    assert load(write_profile(MINIMAL)).identity.name == "Camille Test"


def test_the_missing_pango_message_helps_on_every_system():
    for lang in ("fr", "en"):
        text = PdfUnavailable("cannot load library 'libpango-1.0-0'").describe(lang)
        for hint in ("apt-get install", "dnf install pango", "brew install pango", "WSL"):
            assert hint in text, text
        assert "https://doc.courtbouillon.org/weasyprint/" in text


def test_a_file_system_error_without_a_file_name_names_the_folder(tmp_path, monkeypatch, capsys):
    """An OSError naming no file (a full disk while a library writes) still says where."""
    import errno as errnos

    from profile_gen.app import cli as cli_module

    monkeypatch.chdir(tmp_path)
    code = cli_module.report(OSError(errnos.ENOSPC, "No space left on device"), "fr")
    err = capsys.readouterr().err
    assert code == 2
    assert str(tmp_path) in err and not err.startswith(" :") and not err.startswith(":")


def test_a_reader_that_stops_early_gets_no_error(tmp_path):
    """`profile-gen check | head -1`: the closed pipe is no error of the user's."""
    import subprocess
    import sys

    from tests.conftest import SAMPLE

    command = [sys.executable, "-m", "profile_gen", "check", str(SAMPLE)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.close()  # as `head` does once it has its lines: before any write
        err = process.stderr.read().decode()
        process.wait(timeout=300)  # a guard only
    assert err == "", err


def test_a_text_over_the_limit_is_refused_naming_its_line_and_field(run_cli, write_profile):
    """A megabyte of Markdown link openings in the summary (minutes of rendering in every
    document before), and a translation over the limit: each named by file, line and
    field, the profile read no further; a text of the limit is taken."""
    from profile_gen.profile.fields import TEXT_LIMIT

    long = "[a](" * (1_000_000 // 4)
    profile = write_profile(
        f"{MINIMAL}summary: |\n  {long}\nlanguages:\n  - name:\n      fr: Anglais\n"
        f"      en: {'x' * (TEXT_LIMIT + 1)}\n    level: C1\n"
    )
    result = run_cli("--lang", "en", "check", str(profile))
    assert result.code == 2 and "Traceback" not in result.err
    assert f"profile.yaml:4:10: summary\n    text too long (at most {TEXT_LIMIT} char" in result.err
    # the translation's own line and language, not the mapping's first line
    assert "profile.yaml:9:11: languages[0].name.en\n    text too long" in result.err
    assert "2 errors to fix." in result.err
    fits = write_profile(f"{MINIMAL}summary: |\n  {long[:TEXT_LIMIT]}\n")
    assert "profile.yaml : profil valide" in run_cli("check", str(fits)).out


def test_a_text_of_one_language_is_named_with_its_language(run_cli, write_profile):
    """An empty or unreadable text in a `{fr: …, en: …}` mapping: the language's line and
    the field with its language (`identity.headline.en`), the other language's text kept."""
    profile = write_profile(
        "identity:\n  name: Camille Test\n  headline:\n    fr: Cheffe de projet\n"
        "    en: ''\nsummary: {fr: Résumé, en: [a, b]}\n"
    )
    result = run_cli("check", str(profile))
    assert result.code == 2 and "Traceback" not in result.err
    assert "profile.yaml:5:9: identity.headline.en\n    le texte est vide" in result.err
    assert "profile.yaml:6:27: summary.en\n" in result.err
    named = re.findall(r"profile\.yaml:\d+:\d+: (\S+)\n", result.err)
    assert named == ["identity.headline.en", "summary.en"]  # the French texts, taken


@pytest.mark.parametrize(
    ("old", "field"),
    [
        ("      score: 885/990", "score"),
        ("    credential_id: GR671234567LM", "credential_id"),
        ("    url: https://www.scrum.org/certificates", "url"),
        ("    organization: Transalp Logistique", "organization"),
    ],
)
def test_a_short_value_over_its_limit_is_refused_at_once(run_cli, tmp_path, old, field):
    """A megabyte in a field the CV shows on one line (a test score of short words: the
    CV's fit took minutes over its line breaks): refused with its line and field."""
    from tests.conftest import SAMPLE

    text = SAMPLE.read_text("utf-8")
    assert old in text
    indent, _, value = old.partition(f"{field}: ")
    huge = f"{value}/{'a' * 1_000_000}" if field == "url" else "a b " * 250_000
    profile = tmp_path / "profile.yaml"
    profile.write_text(text.replace(old, f"{indent}{field}: '{huge}'", 1), "utf-8")
    result = run_cli("--lang", "en", "check", str(profile))
    assert result.code == 2 and "Traceback" not in result.err
    line = text[: text.index(old)].count("\n") + 1
    assert re.search(rf"profile\.yaml:{line}:\d+: \S*{field}\n    text too long", result.err)


def test_a_list_over_its_limit_is_refused_at_once(run_cli, write_profile):
    """Ten thousand one-word highlights (each laid out again at every try of the CV's fit:
    minutes of `check`): refused with the list's line and field, in no time."""
    from profile_gen.profile.base import ITEM_LIMIT

    highlights = "".join(f"      - h{n}\n" for n in range(10_000))
    job = "  - organization: A\n    title: B\n    start: 2024-01\n    end: present\n"
    profile = write_profile(f"{MINIMAL}experience:\n{job}    highlights:\n{highlights}")
    result = run_cli("--lang", "en", "check", str(profile))
    assert result.code == 2 and "Traceback" not in result.err
    assert "profile.yaml:10:7: experience[0].highlights\n" in result.err
    assert f"expected at most {ITEM_LIMIT} items; found: 10000" in result.err
    fits = write_profile(
        f"{MINIMAL}experience:\n{job}    highlights:\n{highlights[: 8 * ITEM_LIMIT]}"
    )
    assert "profil valide" in run_cli("check", str(fits)).out
