"""Importers on hostile or odd input: linear in size, bounded in depth and field size,
decoding what Excel writes on Windows; every refusal names the file and the limit."""

from __future__ import annotations

import codecs
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from profile_gen.errors import ProfileError
from profile_gen.interop.archive import decode, read_export
from profile_gen.interop.writer import to_yaml
from profile_gen.profile.fields import TEXT_LIMIT
from profile_gen.profile.loader import load, load_text
from tests.conftest import ROOT
from tests.test_interop import csv_text, linkedin_files, make_zip

GUARD = 600
"""Seconds before a subprocess counts as hung: only to never hang the suite, not a timing."""


def _profile_gen(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = os.environ | {"PROFILE_GEN_STRICT_I18N": "1", "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "profile_gen", *args]
    return subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=GUARD, check=False
    )


# --------------------------------------------------------------------------- long words


def test_the_writer_handles_a_one_megabyte_word():
    word = "x" * 1_000_000
    data = {
        "identity": {"name": "Camille Durand", "headline": "Cheffe"},
        "summary": word,
        "languages": [{"name": "Anglais", "level": "B2@@lang0@@"}],
    }
    text = to_yaml(data, {"lang0": "deviné"}, [word[:10]], "s.json", "x.zip")
    assert word in text and "level: B2  # deviné" in text
    with pytest.raises(ProfileError) as refused:  # longer than a profile's text may be
        load_text(text, "p.yaml")
    said = refused.value.format()
    assert "p.yaml:" in said and "summary" in said and f"{TEXT_LIMIT}" in said
    longest = "x" * TEXT_LIMIT
    text = to_yaml({**data, "summary": longest}, {"lang0": "deviné"}, [], "s.json", "x.zip")
    assert load_text(text, "p.yaml").summary.get("fr", "fr") == longest


def test_a_marker_written_by_the_student_stays_text():
    data = {"identity": {"name": "C D", "headline": "x@@other@@"}, "summary": "a\nb@@lang0@@ c"}
    text = to_yaml(data, {"lang0": "deviné"}, [], "s.json", "x.zip")
    profile = load_text(text, "p.yaml")
    assert profile.identity.headline.get("fr", "fr") == "x@@other@@"
    assert profile.summary.get("fr", "fr") == "a\nb@@lang0@@ c"


def test_import_of_a_one_megabyte_word_completes(tmp_path):
    word = "é" * 1_000_000
    resume = {
        "basics": {"name": "Camille Durand", "label": "Cheffe", "summary": word},
        "work": [
            {"name": "Transalp", "position": "Cheffe", "startDate": "2024-09", "summary": word}
        ],
    }
    (tmp_path / "resume.json").write_text(json.dumps(resume), encoding="utf-8")
    result = _profile_gen("import", "jsonresume", "resume.json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    profile = load(tmp_path / "profile.yaml")  # the texts over a profile's limit left out,
    assert profile.summary is None and profile.experience[0].description is None  # and said
    assert f"summary : valeur non reprise (texte trop long (maximum {TEXT_LIMIT}" in result.stdout
    assert "experience[0].description : valeur non reprise" in result.stdout


def test_import_of_a_long_linkedin_word_completes(tmp_path):
    word = "y" * 120_000  # just under the CSV field limit; took minutes before
    files = linkedin_files()
    files["Profile Summary.csv"] = csv_text(["Profile Summary"], [[word]])
    make_zip(tmp_path / "export.zip", files)
    result = _profile_gen("import", "linkedin", "export.zip", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert load(tmp_path / "profile.yaml").summary is None  # over a profile's text limit:
    assert "summary : valeur non reprise (texte trop long" in result.stdout  # left out, said


# --------------------------------------------------------------------------- bounds


@pytest.mark.parametrize("depth", [65, 900, 100_000])
def test_deep_json_is_refused_with_its_name(tmp_path, run_cli, depth):
    source = tmp_path / "deep.json"
    source.write_text('{"basics": ' + '{"a": ' * depth + "1" + "}" * depth + "}", "utf-8")
    result = run_cli("import", "jsonresume", str(source), "-o", str(tmp_path / "p.yaml"))
    assert result.code == 2, result.err
    assert str(source) in result.err and "Traceback" not in result.err
    assert "merci de la signaler" not in result.err
    assert not (tmp_path / "p.yaml").exists()


def test_json_at_the_depth_limit_is_read(tmp_path, run_cli):
    source = tmp_path / "ok.json"
    nested = '{"a": ' * 62 + "1" + "}" * 62
    source.write_text(
        '{"basics": {"name": "Camille Durand", "label": "x"}, "x": ' + nested + "}", "utf-8"
    )
    result = run_cli("import", "jsonresume", str(source), "-o", str(tmp_path / "p.yaml"))
    assert result.code == 0, result.err


def test_the_depth_refusal_says_the_limit(tmp_path, run_cli):
    source = tmp_path / "deep.json"
    source.write_text('{"basics": ' + '{"a": ' * 900 + "1" + "}" * 900 + "}", "utf-8")
    result = run_cli("import", "jsonresume", str(source), "-o", str(tmp_path / "p.yaml"))
    assert "plus de 64 niveaux" in result.err
    target = str(tmp_path / "p.yaml")
    english = run_cli("--lang", "en", "import", "jsonresume", str(source), "-o", target)
    assert "over 64 levels of nesting" in english.err


@pytest.mark.parametrize("where", ["zip", "folder"])
def test_a_csv_field_over_the_limit_names_file_and_line(tmp_path, run_cli, where):
    files = linkedin_files()
    files["Positions.csv"] = csv_text(
        ["Company Name", "Title", "Description", "Started On"],
        [["A", "B", "court", "Jan 2020"], ["C", "D", "z" * 200_000, "Jan 2021"]],
    )
    if where == "zip":
        source = make_zip(tmp_path / "export.zip", files)
    else:
        source = tmp_path / "export"
        source.mkdir()
        for name, text in files.items():
            (source / name).write_text(text, encoding="utf-8")
    result = run_cli("import", "linkedin", str(source), "-o", str(tmp_path / "p.yaml"))
    assert result.code == 2, result.err
    assert "Positions.csv" in result.err and str(source) in result.err
    assert "ligne 3" in result.err and "128 Ko" in result.err
    assert "Traceback" not in result.err and "merci de la signaler" not in result.err
    assert not (tmp_path / "p.yaml").exists()


def test_an_oversized_result_is_a_user_error_naming_the_input(tmp_path, run_cli, monkeypatch):
    """A profile larger than the loader takes: the input's fault, said as such (the limit
    is lowered here to keep the test small)."""
    monkeypatch.setattr("profile_gen.profile.yaml_source.MAX_BYTES", 50_000)
    source = tmp_path / "resume.json"
    text = "mot " * 10_000  # each text under a profile's limit, all of them over the size
    resume = {
        "basics": {"name": "Camille Durand", "label": "x", "summary": text},
        "work": [
            {"name": "Transalp", "position": "Cheffe", "startDate": "2024-09", "summary": text}
        ],
    }
    source.write_text(json.dumps(resume), encoding="utf-8")
    result = run_cli("import", "jsonresume", str(source), "-o", str(tmp_path / "out/p.yaml"))
    assert result.code == 2, result.err
    assert f"{source} est trop grand pour un profil" in result.err
    assert "maximum 50000" in result.err
    assert "merci de la signaler" not in result.err
    assert not (tmp_path / "out").exists()  # nothing written, not even the schema


# --------------------------------------------------------------------------- encodings

PROFILE = csv_text(["First Name", "Last Name", "Headline"], [["Hélène", "Œuvray", "Cheffe €"]])


@pytest.mark.parametrize(
    "raw",
    [
        PROFILE.encode("utf-8"),  # with LinkedIn's BOM (csv_text adds it)
        PROFILE.lstrip("\ufeff").encode("utf-8"),
        PROFILE.encode("utf-16"),  # Excel's "Unicode text": a BOM, little-endian
        PROFILE.lstrip("\ufeff").encode("utf-16-le"),  # no BOM
        codecs.BOM_UTF16_BE + PROFILE.lstrip("\ufeff").encode("utf-16-be"),
        PROFILE.lstrip("\ufeff").encode("utf-16-be"),
        PROFILE.lstrip("\ufeff").encode("cp1252"),  # re-saved by Excel on Windows
    ],
    ids=["utf8-bom", "utf8", "utf16", "utf16le-no-bom", "utf16be", "utf16be-no-bom", "cp1252"],
)
def test_linkedin_csv_in_any_encoding_excel_writes(tmp_path, run_cli, raw):
    with zipfile.ZipFile(tmp_path / "export.zip", "w") as archive:
        archive.writestr("Export/Profile.csv", raw)
        archive.writestr("Export/Skills.csv", "Name\nSQL\n")
    assert read_export(tmp_path / "export.zip")["profile"][0]["First Name"] == "Hélène"
    target = tmp_path / "x/p.yaml"
    result = run_cli("import", "linkedin", str(tmp_path / "export.zip"), "-o", str(target))
    assert result.code == 0, result.err
    profile = load(target)
    assert profile.identity.name == "Hélène Œuvray"
    assert profile.identity.headline.get("fr", "fr") == "Cheffe €"


def test_decode_never_fails():
    assert decode(b"") == ""
    assert decode(b"\xff\xfe") == ""
    assert decode(b"\xff\xfeA") == "\ufffd"  # an odd byte: replaced, not an error
    assert decode(b"caf\xe9") == "café"
    assert decode("café".encode()) == "café"


def test_an_export_zipped_again_says_to_unpack_it(tmp_path, run_cli):
    inner = make_zip(tmp_path / "Basic_LinkedInDataExport.zip", linkedin_files())
    with zipfile.ZipFile(tmp_path / "outer.zip", "w") as archive:
        archive.write(inner, "Downloads/Basic_LinkedInDataExport.zip")
    result = run_cli("import", "linkedin", str(tmp_path / "outer.zip"), "-o", "unused.yaml")
    assert result.code == 2 and "Traceback" not in result.err
    assert "contient une autre archive, « Downloads/Basic_LinkedInDataExport.zip »" in result.err
    assert not Path("unused.yaml").exists()


def test_a_source_name_with_a_line_break_stays_in_its_comment(tmp_path, run_cli):
    source = tmp_path / "x\nidentity: evil\r.json"
    source.write_text('{"basics": {"name": "Camille Durand", "label": "x"}}', "utf-8")
    result = run_cli("import", "jsonresume", str(source), "-o", str(tmp_path / "p.yaml"))
    assert result.code == 0, result.err
    text = (tmp_path / "p.yaml").read_text("utf-8")
    assert "\nidentity: evil" not in text and "# Profil importé de x identity: evil .json" in text
    assert load(tmp_path / "p.yaml").identity.name == "Camille Durand"


def test_hundreds_of_bad_entries_are_each_reported(tmp_path, run_cli):
    """Every problem of a pass is removed at once (no limit of 200 removals, no pass per
    problem); the report names each, in the profile's order."""
    resume = {
        "basics": {"name": "Camille Durand", "label": "x"},
        "certificates": [
            {"name": f"c{i}", "issuer": "x", "date": "2020-01", "url": "notaurl"}
            for i in range(300)
        ],
        "projects": [{"name": f"p{i}", "url": "javascript:alert(1)"} for i in range(300)],
    }
    source = tmp_path / "resume.json"
    source.write_text(json.dumps(resume), encoding="utf-8")
    result = run_cli("import", "jsonresume", str(source), "-o", str(tmp_path / "p.yaml"))
    assert result.code == 0, result.err
    # more certifications than a profile holds: the first ones kept, and said
    assert "certifications : seuls les 100 premiers sur 300 repris" in result.out
    reported = [line for line in result.out.splitlines() if "certifications[" in line]
    assert len(reported) == 100
    assert "certifications[0].url" in reported[0] and "certifications[99].url" in reported[-1]
    profile = load(tmp_path / "p.yaml")
    assert len(profile.certifications) == 100 and profile.certifications[0].url is None
    assert profile.certifications[-1].name.get("fr", "fr") == "c99"
    assert len(profile.achievements) == 300
    assert all(not achievement.links for achievement in profile.achievements)


def test_an_export_with_too_many_values_is_refused_before_any_work(tmp_path, run_cli, monkeypatch):
    """Counted on the data read, before fitting it to the model (which would take minutes
    for the half-million rows of the real limit, lowered here)."""
    monkeypatch.setattr("profile_gen.interop.fit.MAX_NODES", 1_000)
    files = linkedin_files()
    files["Skills.csv"] = csv_text(["Name"], [[f"skill {i}"] for i in range(2_000)])
    source = make_zip(tmp_path / "export.zip", files)
    result = run_cli("import", "linkedin", str(source), "-o", str(tmp_path / "out/p.yaml"))
    assert result.code == 2, result.err
    assert f"{source} est trop grand pour un profil" in result.err
    assert "plus de 1000 valeurs" in result.err
    assert not (tmp_path / "out").exists()


def test_half_characters_of_json_are_replaced_not_a_crash(tmp_path, run_cli):
    source = tmp_path / "resume.json"
    source.write_text(
        '{"basics": {"name": "Camille \\ud800 Durand", "label": "x\\udfff", "\\ud83d": 1},'
        ' "work": [{"name": "A\\ud83d", "position": "B", "startDate": "2020-01"}]}',
        encoding="utf-8",
    )
    result = run_cli("import", "jsonresume", str(source), "-o", str(tmp_path / "p.yaml"))
    assert result.code == 0, result.err
    profile = load(tmp_path / "p.yaml")
    assert profile.identity.name == "Camille \ufffd Durand"
    assert profile.experience[0].organization == "A\ufffd"
