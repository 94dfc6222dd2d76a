"""The output registry (`profile_gen.outputs`) is the one list of outputs: its paths are what
a build really writes (French-first, English-first, one language), everything a build
writes outside the Book is registered, and `--formats`, `publish`, `robots.txt`, the
sitemap and the "Documents" line all follow it."""

from __future__ import annotations

import importlib
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from profile_gen import outputs
from profile_gen.app import cli
from profile_gen.app.build import Built, documents_written, run_pelican
from profile_gen.app.publish import copy_public
from profile_gen.outputs import DOCUMENT_FORMATS, DOCUMENT_SUFFIXES, PRINT, PRIVATE, PUBLIC
from profile_gen.profile.loader import load
from tests.conftest import LIBREOFFICE, OFFICE_FORMATS
from tests.profiles import make_project

OFFICE = OFFICE_FORMATS
"""The documents the fast builds write (no WeasyPrint PDF)."""

pytestmark = pytest.mark.xdist_group(LIBREOFFICE)  # `sample_docx`: built once, on one worker


def english_first(data: dict) -> None:
    data["locale"] = ["en", "fr"]
    data["defence"] = {**data.get("defence", {}), "public_deck": True}


def french_only(data: dict) -> None:
    data["locale"] = "fr"


def english_only(data: dict) -> None:
    data["locale"] = "en"


# --------------------------------------------------------------------------- the registry


def test_the_registry_imports_no_pelican():
    code = "import sys, profile_gen.outputs; print('pelican' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


def test_every_output_is_declared_whole():
    assert DOCUMENT_FORMATS == ("pdf", "docx", "pptx")
    assert len({output.name for output in outputs.OUTPUTS}) == len(outputs.OUTPUTS)
    for output in outputs.OUTPUTS:
        assert output.format in ("html", *DOCUMENT_FORMATS), output
        assert output.audience in (PUBLIC, PRINT, PRIVATE), output
        module, _, name = output.writer.rpartition(".")
        assert callable(getattr(importlib.import_module(module), name)), output.writer
        assert set(output.place) == {"fr", "en"} and output.languages in (
            outputs.PRIMARY,
            outputs.EACH,
        )
        if output.printed_from:
            assert output.format == "pdf" and outputs.BY_NAME[output.printed_from].format == "html"
        if output.format != "html":  # a document is never public
            assert output.audience == PRINT, output


@pytest.mark.parametrize(
    ("languages", "deck", "pptx"),
    [
        (["fr", "en"], ["soutenance/", "en/defence/"], ["soutenance.pptx", "en/soutenance.pptx"]),
        (["en", "fr"], ["defence/", "fr/soutenance/"], ["soutenance.pptx", "fr/soutenance.pptx"]),
        (["fr"], ["soutenance/"], ["soutenance.pptx"]),
        (["en"], ["defence/"], ["soutenance.pptx"]),
    ],
)
def test_paths_follow_the_languages(languages, deck, pptx):
    primary = languages[0]
    by_name = outputs.BY_NAME
    assert list(outputs.paths(by_name["deck"], languages, primary).values()) == deck
    assert list(outputs.paths(by_name["deck.pptx"], languages, primary).values()) == pptx
    assert outputs.paths(by_name["annexe"], languages, primary) == {primary: "annexe/"}
    robots = [line.removeprefix("Disallow: ") for line in _robots(languages).splitlines()]
    assert {f"/{path}" for path in pptx} <= set(robots)
    assert not {f"/{path}" for path in deck} & set(robots)  # rehearsal: never named


def _robots(languages: list[str]) -> str:
    from profile_gen.book.seo import robots

    return robots(None, languages, languages[0])


def test_no_pdf_is_every_format_but_pdf():
    assert outputs.formats_asked(None, False) == DOCUMENT_FORMATS
    assert outputs.formats_asked(None, True) == tuple(f for f in DOCUMENT_FORMATS if f != "pdf")
    assert outputs.formats_asked(("pdf", "docx"), True) == ("docx",)
    assert outputs.formats_asked((), False) == ()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_formats_help_lists_the_registry(lang, capsys):
    with pytest.raises(SystemExit):
        cli.parser(lang).parse_args(["build", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert f"--formats {','.join(DOCUMENT_FORMATS)}" in help_text
    assert ", ".join(DOCUMENT_FORMATS) in help_text
    assert f"--formats {','.join(outputs.formats_asked(None, True))}" in help_text  # --no-pdf
    with pytest.raises(SystemExit):
        cli.parser(lang).parse_args(["build", "--formats", "odt"])
    assert ", ".join(DOCUMENT_FORMATS) in capsys.readouterr().err


# --------------------------------------------------------------------------- real builds


def _built(root: Path, formats: tuple[str, ...]):
    pdf = "pdf" in formats  # every PDF when it is asked for
    return run_pelican(root / "pelican.conf.py", root / "output", pdf=pdf, formats=formats)


def _project(root: Path, kind: str) -> Path:
    edits = {"english-first": english_first, "french-only": french_only}
    return make_project(root, edits.get(kind, english_only))


@pytest.fixture(scope="module")
def english_first_built(tmp_path_factory):
    """English-first, built once with every document, its PDFs too (WeasyPrint): the
    deck's PDF is printed from `defence/`."""
    return _built(
        _project(tmp_path_factory.mktemp("english-first"), "english-first"), DOCUMENT_FORMATS
    )


@pytest.fixture(scope="module", params=["sample", "english-first", "french-only", "english-only"])
def built(request, tmp_path_factory):
    """A build and the documents it wrote: the office ones (no WeasyPrint), or every one
    for English-first (built once, for the tests of its own below too)."""
    if request.param == "english-first":
        return request.getfixturevalue("english_first_built"), DOCUMENT_FORMATS
    if request.param == "sample":  # the session's office build (tests/conftest.py)
        output = request.getfixturevalue("sample_docx").parent
        return Built(output, load(output.parent / "content/profile.yaml"), None), OFFICE
    root = _project(tmp_path_factory.mktemp(request.param), request.param)
    return _built(root, OFFICE), OFFICE


def _files(output: Path) -> list[str]:
    return sorted(p.relative_to(output).as_posix() for p in output.rglob("*") if p.is_file())


def _registered(output: outputs.Output, profile) -> list[str]:
    return list(outputs.paths(output, profile.locale, profile.primary_language).values())


def assert_everything_registered(output: Path, profile) -> None:
    """Every document file and every print or rehearsal page is in the registry, at one of
    the paths it gives this profile: an output added without registering fails here."""
    for relative in _files(output):
        found = outputs.classify(relative)
        if relative.lower().endswith(DOCUMENT_SUFFIXES):
            assert found is not None and found.audience == PRINT, relative
        if relative.endswith(".html"):
            soup = BeautifulSoup((output / relative).read_text("utf-8"), "html.parser")
            noindex = soup.find("meta", attrs={"name": "robots", "content": "noindex"})
            if noindex and not relative.endswith("404.html"):  # print, deck, rehearsal
                assert found is not None, relative
            if soup.find(class_="notes"):  # speaker notes: rehearsal only
                assert found is not None and found.audience == PRIVATE, relative
        if found is not None:
            mine = _registered(found, profile)
            assert any(relative == p or relative.startswith(p) for p in mine), (relative, mine)


def assert_registered_paths_written(output: Path, profile, formats: tuple[str, ...]) -> None:
    for registered in outputs.OUTPUTS:
        expected = registered.format == "html" or registered.format in formats
        if registered.name == "public_deck":
            expected = profile.defence.public_deck
        for path in _registered(registered, profile):
            assert (output / path).exists() == expected, (registered.name, path)


def assert_kept_off_everywhere(output: Path, profile, target: Path) -> None:
    """`publish` leaves out every print and rehearsal output; `robots.txt` disallows every
    print output and names no rehearsal folder; the sitemap lists no kept-off page."""
    copy_public(output, target)
    for relative in _files(target):
        assert not outputs.is_kept_off(relative), relative
        assert not relative.lower().endswith(DOCUMENT_SUFFIXES), relative
    robots = (output / "robots.txt").read_text("utf-8")
    disallowed = {line.removeprefix("Disallow: ") for line in robots.splitlines()}
    for relative in _files(output):
        found = outputs.classify(relative)
        if found is not None and found.audience == PRINT:
            assert any(("/" + relative).startswith(path) for path in disallowed), relative
    for folder in outputs.kept_off([PRIVATE]):
        assert f"/{folder}/" not in disallowed
    tree = ET.parse(output / "sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    base = str(profile.links.book).rstrip("/") + "/"
    locations = [loc.text for loc in tree.getroot().findall("s:url/s:loc", ns)]
    assert locations and all(url.startswith(base) for url in locations)
    for url in locations:
        assert not outputs.is_kept_off(url.removeprefix(base)), url
    public_deck = outputs.place("public_deck", profile.primary_language, profile.primary_language)
    assert base + public_deck not in locations  # published or not, the deck is noindex


def test_the_registry_is_what_a_build_writes(built, tmp_path):
    built, formats = built
    output, profile = built.output, built.profile
    assert_everything_registered(output, profile)
    assert_registered_paths_written(output, profile, formats)
    assert_kept_off_everywhere(output, profile, tmp_path / "published")
    documents = [f for f in _files(output) if f.lower().endswith(DOCUMENT_SUFFIXES)]
    assert sorted(documents_written(output, profile)) == documents


def test_an_english_first_book_keeps_its_french_deck_off(english_first_built):
    output = english_first_built.output
    assert (output / "fr/soutenance.pptx").is_file() and (output / "fr/soutenance").is_dir()
    robots = (output / "robots.txt").read_text("utf-8")
    assert "Disallow: /fr/soutenance.pptx\n" in robots and "/en/" not in robots
    assert "/fr/soutenance/" not in robots  # rehearsal: kept off, never named
    assert outputs.is_kept_off("fr/soutenance.pptx") and outputs.is_kept_off("fr/soutenance")


def test_every_pdf_is_registered(english_first_built):
    """With the PDFs (WeasyPrint), English-first: every document the registry names for
    it is written (the registry's checks of this build: the test above)."""
    output, profile = english_first_built.output, english_first_built.profile
    assert documents_written(output, profile) == outputs.documents(["en", "fr"], "en")
