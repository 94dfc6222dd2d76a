"""Every user-facing text exists in French and English, once."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
from pathlib import Path

import pytest

from profile_gen import i18n
from profile_gen.i18n import en, fr

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("module", [fr, en])
def test_no_key_is_defined_twice(module):
    """Not twice in one dict of the catalogue's files, nor in two parts of `LABELS` (when
    they are merged, the later part would silently win)."""
    files = sorted(Path(module.__file__).parent.glob("*.py"))
    assert len(files) > 1  # the package's parts, not only its `__init__`
    for file in files:
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Dict):
                keys = [k.value for k in node.keys if isinstance(k, ast.Constant)]
                duplicates = {k for k in keys if keys.count(k) > 1}
                assert not duplicates, (file.name, duplicates)
    parts = [
        table
        for info in pkgutil.iter_modules(module.__path__)
        for name, table in vars(importlib.import_module(f"{module.__name__}.{info.name}")).items()
        if name.startswith("LABELS_")
    ]
    assert len(parts) > 1 and sum(map(len, parts)) == len(module.LABELS)


def test_both_languages_have_the_same_texts():
    assert set(fr.MESSAGES) == set(en.MESSAGES)
    assert set(fr.LABELS) == set(en.LABELS)
    assert set(fr.KINDS) == set(en.KINDS)


def test_every_label_used_by_the_templates_exists():
    used = set()
    for template in (ROOT / "theme/templates").glob("*.html"):
        used |= set(re.findall(r"label\('([a-z_.]+)'", template.read_text(encoding="utf-8")))
    missing = sorted(k for k in used if not k.endswith(".") and k not in fr.LABELS)
    assert not missing


def test_every_text_formats_with_its_own_placeholders():
    """Literal braces are doubled (`{{ }}`): a text never fails when it is filled."""
    for module in (fr, en):
        for table in (module.MESSAGES, module.LABELS):
            for template in table.values():
                names = set(re.findall(r"(?<!{){(\w+)}", template))
                template.format(**{name: "x" for name in names})  # raises on a stray brace


def test_placeholders_agree_between_languages():
    for table in ("MESSAGES", "LABELS"):
        for key, french in getattr(fr, table).items():
            english = getattr(en, table)[key]
            assert set(re.findall(r"{(\w+)}", french)) == set(re.findall(r"{(\w+)}", english)), key


def test_unknown_message_code_never_raises_in_production(caplog):
    previous = i18n.set_strict(False)
    try:
        assert "zzz" in i18n.message("fr", "zzz")
        assert i18n.label("en", "no.such.label") == "no.such.label"
        assert i18n.text("fr", "init.created") == i18n.label("fr", "init.created")  # no path
    finally:
        i18n.set_strict(previous)
    assert "no message 'zzz'" in caplog.text and "bad placeholder" in caplog.text


def test_strict_mode_fails_loudly_in_tests():
    assert i18n.set_strict(True) is True  # the tests run strict (tests/conftest.py)
    with pytest.raises(i18n.TextError, match="zzz"):
        i18n.message("fr", "zzz")
    with pytest.raises(i18n.TextError, match=r"no\.such\.label"):
        i18n.label("fr", "no.such.label")
    with pytest.raises(i18n.TextError, match="bad placeholder"):
        i18n.text("fr", "init.created")


@pytest.mark.parametrize(
    ("lang", "count", "expected"),
    [
        ("fr", 0, "0 point à compléter."),
        ("fr", 1, "1 point à compléter."),
        ("fr", 2, "2 points à compléter."),
        ("en", 0, "0 items to complete."),
        ("en", 1, "1 item to complete."),
        ("en", 12, "12 items to complete."),
    ],
)
def test_plurals_follow_each_language(lang, count, expected):
    assert i18n.text(lang, "check.incomplete", count=count) == expected


@pytest.mark.parametrize(
    ("lang", "count", "expected"),
    [
        ("fr", 0, "Mes points forts"),  # none yet: never « Mon point fort » (0 is one in French)
        ("fr", 1, "Mon point fort"),
        ("fr", 3, "Mes 3 points forts"),
        ("en", 0, "My strengths"),  # never "My 0 strengths"
        ("en", 1, "My strength"),
        ("en", 3, "My 3 strengths"),
    ],
)
def test_a_heading_with_none_yet_has_its_own_form(lang, count, expected):
    assert i18n.text(lang, "section.strengths", count=count) == expected


def test_the_books_profile_page_with_none_yet_says_the_heading_in_words(tmp_path):
    from bs4 import BeautifulSoup

    from profile_gen.profile.loader import load
    from profile_gen.views.book import Book
    from tests.deck_profiles import build

    data = {"locale": "fr", "identity": {"name": "Léa Martin", "headline": "Cheffe de projet"}}
    output = build(tmp_path, data)
    profile = load(tmp_path / "content/profile.yaml")
    page = output / Book(profile, None).path("profile", "fr")
    soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
    headings = [h2.get_text() for h2 in soup.select("h2#strengths, h2#improvements")]
    assert headings == ["Mes points forts", "Mes axes d’amélioration"]


def test_no_text_writes_a_plural_with_parentheses():
    for module in (fr, en):
        for table in (module.MESSAGES, module.LABELS):
            for key, value in table.items():
                assert not re.search(r"\w\(s\)", value), (key, value)


def test_every_plural_form_has_its_other_form():
    for module in (fr, en):
        for table in (module.MESSAGES, module.LABELS):
            for key in table:
                if key.endswith("_one"):
                    assert key[: -len("_one")] in table, key


@pytest.mark.parametrize(
    ("date", "lang", "short", "expected"),
    [
        ((2025, 9, 18), "fr", True, "18 sept. 2025"),
        ((2025, 9, None), "fr", True, "sept. 2025"),
        ((2025, None, None), "en", True, "2025"),
        ((2025, 9, 18), "en", True, "18 Sep 2025"),
        ((2025, 2, None), "fr", False, "février 2025"),
        ((2025, 12, 1), "en", False, "1 December 2025"),
    ],
)
def test_dates_are_written_by_one_function(date, lang, short, expected):
    from profile_gen.profile.fields import PartialDate

    assert i18n.format_date(PartialDate(*date), lang, short) == expected


def test_month_names_exist_once_in_the_catalogues():
    """The renderer, the citations and the importers' date reader all use them."""
    from profile_gen.interop.dates import parse_date

    for module in (fr, en):
        assert {f"month.{n}" for n in range(1, 13)} <= set(module.LABELS)
        assert {f"month_short.{n}" for n in range(1, 13)} <= set(module.LABELS)
    assert parse_date("févr. 2024") == "2024-02" and parse_date("Sept 2024") == "2024-09"
    assert parse_date("decembre 2023") == "2023-12" and parse_date("jui 2024") is None
    sources = [ROOT / "profile_gen/book/render.py", ROOT / "profile_gen/interop/dates.py"]
    for source in sources:
        assert "janv" not in source.read_text(encoding="utf-8").lower()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Élodie Nguyen", "Curriculum vitæ d'Élodie Nguyen"),
        ("Anne Roy", "Curriculum vitæ d'Anne Roy"),
        ("Œdipe Roi", "Curriculum vitæ d'Œdipe Roi"),
        ("Léa Moreau", "Curriculum vitæ de Léa Moreau"),
        ("Hélène Roy", "Curriculum vitæ de Hélène Roy"),  # h: aspirated or not, unknown
        ("Yves Martin", "Curriculum vitæ de Yves Martin"),
        ("🌻 Anne", "Curriculum vitæ de 🌻 Anne"),
    ],
)
def test_french_elides_de_before_a_name_starting_with_a_vowel(name, expected):
    assert i18n.text("fr", "pdf.subject.cv", name=name) == expected
    assert i18n.text("en", "pdf.subject.cv", name=name) == f"Curriculum vitae of {name}"


def test_elision_is_for_names_only():
    """A path, a host or a remote is code: « de origin » stays as the program names it."""
    assert "de origin" in i18n.text("fr", "publish.pushed", branch="b", remote="origin", left="x")
