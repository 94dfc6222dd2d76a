"""Phone photos (HEIC, 48 megapixels) and the print font's coverage, as `check` reports it."""

from __future__ import annotations

import functools
from pathlib import Path

import pillow_heif
import pytest
from PIL import Image

from profile_gen.app.build import run_pelican
from profile_gen.media import images
from profile_gen.profile.loader import load
from profile_gen.views import glyphs
from tests.conftest import ROOT
from tests.profiles import MINIMAL, long_and_french_only, make_project

FONTS = ROOT / "theme/static/fonts"


def test_heic_photo_is_accepted_and_printed(tmp_path):
    """An iPhone's HEIC photo: accepted by `check`, turned into JPEG/WebP variants."""
    pillow_heif.register_heif_opener()
    root = make_project(tmp_path, base=MINIMAL, image=None, articles=False)
    Image.new("RGB", (600, 800), (10, 20, 200)).save(root / "content/images/p.heic", "HEIF")
    profile = (root / "content/profile.yaml").read_text("utf-8")
    profile = profile.replace("identity:\n", "identity:\n  photo: {path: images/p.heic, alt: Me}\n")
    (root / "content/profile.yaml").write_text(profile, "utf-8")
    assert images.inspect(root / "content/images/p.heic") is None
    output = run_pelican(root / "pelican.conf.py", root / "output", pdf=False).output
    variants = sorted((output / "images").glob("portrait-*.jpg"))
    assert variants
    with Image.open(variants[-1]) as out:
        assert out.format == "JPEG" and out.height > out.width


def test_48_megapixel_photo_is_accepted_and_reduced(tmp_path):
    big = tmp_path / "big.jpg"
    Image.new("RGB", (8000, 6000), (200, 120, 90)).save(big, "JPEG", quality=30)
    assert images.inspect(big) is None
    picture = images.picture(big, "portrait", (480,), tmp_path / "out", tmp_path / "cache")
    assert (picture.largest.width, picture.largest.height) == (480, 360)


def test_bomb_guard_names_the_limit(tmp_path):
    huge = tmp_path / "huge.png"
    Image.new("1", (11_000, 10_000)).save(huge, "PNG")  # 110 MP, a tiny file
    code, context = images.inspect(huge)
    assert code == "image_too_large" and context["limit"] == 100 and context["size"] == 110


def test_font_coverage_reads_the_shipped_cmap():
    covered = glyphs.font_coverage(FONTS)
    assert ord("é") in covered and ord("œ") in covered and ord("€") in covered
    assert 0x1F680 not in covered  # 🚀


def test_every_unprintable_character_is_listed_with_its_field(tmp_path):
    root = make_project(tmp_path, long_and_french_only, articles=False)
    profile = load(root / "content/profile.yaml")
    found = glyphs.unprintable(profile, glyphs.font_coverage(FONTS))
    pairs = {(m.path, m.char) for m in found}
    assert ("identity.headline", "🚀") in pairs and ("identity.headline", "✨") in pairs
    assert all(m.emoji for m in found)
    assert not any(char in "\u200d\ufe0f" for _, char in pairs)  # joiners go with the emoji
    assert next(m.described for m in found if m.char == "🚀") == "« 🚀 » U+1F680"


def test_an_emoji_sequence_is_named_once_as_it_is_seen(write_profile):
    """👩‍💻 (two emoji a joiner binds) and 🇫🇷 (two regional indicators) are one character
    to a reader: named once, not as their parts; Unicode's English names are not shown."""
    text = "identity:\n  name: A\n  headline: Dev 👩🏽\u200d💻 🇫🇷 et ✓\n"
    found = glyphs.unprintable(load(write_profile(text)), glyphs.font_coverage(FONTS))
    assert [m.described for m in found] == [
        "« 👩🏽\u200d💻 » U+1F469 U+1F3FD U+1F4BB",
        "« 🇫🇷 » U+1F1EB U+1F1F7",
        "« ✓ » U+2713",
    ]
    assert [m.emoji for m in found] == [True, True, True]


@pytest.mark.parametrize(
    ("text", "printed"),
    [
        ("🚀 Cheffe de projet", "Cheffe de projet"),
        ("Dev 👩🏽‍💻 et data", "Dev et data"),
        ("Fan de ☺ et ♪", "Fan de ☺ et ♪"),  # symbols the font has stay
        ("Drapeau 🇫🇷", "Drapeau"),
        ("café – 10 €", "café – 10 €"),
        ("क्\u200dष", "क्\u200dष"),  # a joiner outside an emoji is the script's own
        ("1\ufe0f\u20e3 un", "1 un"),  # a keycap keeps its digit
        ("✓ livré ★", "livré"),  # the print font has neither
        # the spaces that set an emoji apart go with it; one stays between two words
        ("Saint-Exupéry 🚀.", "Saint-Exupéry."),
        ("sites 🚀 ✨ avec", "sites avec"),
        ("<h1>🚀 Cheffe</h1>", "<h1>Cheffe</h1>"),
        ("(🚀\u00a0projet)", "(projet)"),
        ("ERP🚀 Data", "ERP Data"),
    ],
)
def test_print_leaves_out_only_what_the_font_lacks(text, printed):
    assert glyphs.strip_emoji(text, glyphs.font_coverage(FONTS)) == printed


@pytest.mark.parametrize(
    ("text", "printed"),
    [
        ("✓ Livré à temps ★ ☎ ✉ ➜ ⚙", "✓ Livré à temps ★ ☎ ✉ ➜ ⚙"),  # text by default
        ("Top ✨ ✅ ⭐ 🚀", "Top"),  # colour emoji by default
        ("☎\ufe0f appel", "☎ appel"),
        ("❤\ufe0f\u200d🔥 feu", "❤ feu"),
    ],
)
def test_for_a_system_font_symbols_stay_and_colour_emoji_go(text, printed):
    """The deck prints in the system's sans-serif: whatever it is, it draws the symbols that
    are text by default, and no colour emoji."""
    assert glyphs.strip_emoji(text) == printed


@pytest.mark.pdf  # `check` counts the printed CV's pages with WeasyPrint
def test_check_lists_field_and_character(run_cli, tmp_path):
    root = make_project(tmp_path, long_and_french_only)
    result = run_cli("check", str(root / "content/profile.yaml"))
    lines = result.out.splitlines()
    assert any("police d'impression" in line for line in lines)
    rocket = [line for line in lines if "🚀" in line]
    assert rocket and "identity.headline" in rocket[0] and "U+1F680" in rocket[0]
    assert "émoji" in rocket[0]


def test_clean_profile_has_no_glyph_warning(run_cli):
    result = run_cli("check", str(ROOT / "content/profile.yaml"))
    assert "police d'impression" not in result.out


def test_english_check_says_it_in_english(run_cli, tmp_path: Path):
    root = make_project(tmp_path, long_and_french_only, articles=False)
    result = run_cli("--lang", "en", "check", str(root / "content/profile.yaml"))
    assert "the print font (Liberation Serif) cannot draw" in result.out


def test_markdown_fields_never_use_the_plain_text_filter():
    """Every long-text (Markdown) field renders through `md` (or `plain` where text only
    fits): no template prints one with `|t`, which would show its asterisks."""
    import re

    from profile_gen.profile import model
    from profile_gen.profile.fields import Markdown

    names = {
        name
        for cls in vars(model).values()
        if isinstance(cls, type) and issubclass(cls, model.BaseModel)
        for name, field in cls.model_fields.items()
        if "Markdown" in str(field.annotation) or field.annotation is Markdown
    }
    assert {"context", "role", "action_plan", "summary", "text"} <= names
    offenders = []
    for template in (ROOT / "theme/templates").rglob("*.html"):
        if template.name == "deck.html":
            continue  # the deck's own helper rewrites it into slide partials
        for line_number, line in enumerate(template.read_text("utf-8").splitlines(), 1):
            for match in re.finditer(r"\.(\w+)\|t\b", line):
                if match[1] in names - {"role"} or (match[1] == "role" and "rec.role" not in line):
                    offenders.append(f"{template.name}:{line_number}: {match[0]}")
    assert offenders == []


def test_check_names_a_field_once_with_the_characters_it_lacks(write_profile):
    """A paragraph in a script the print font lacks is one line of `check` per field (its
    first characters named, then how many more), not a line per character; a job is named
    where it was typed though jobs are shown newest first."""
    from profile_gen import i18n
    from profile_gen.app.check import GLYPHS_SHOWN, _glyph_lines

    chinese = "".join(chr(0x4E00 + i * 7) for i in range(30))
    text = (
        f"identity:\n  name: A\n  headline: 'Analyste {chinese}'\n"
        "experience:\n"
        "  - {title: Stage 🚀, organization: O, start: 2019-01, end: 2019-06}\n"
        "  - {title: Poste, organization: O, start: 2023-01, end: present}\n"
    )
    found = glyphs.unprintable(load(write_profile(text)), glyphs.font_coverage(FONTS))
    for lang in ("fr", "en"):
        lines = _glyph_lines(tuple(found), functools.partial(i18n.text, lang))
        assert len(lines) == 2, lines
        headline, job = lines
        assert headline.startswith("identity.headline") and chinese[GLYPHS_SHOWN - 1] in headline
        assert chinese[GLYPHS_SHOWN] not in headline
        assert str(len(chinese) - GLYPHS_SHOWN) in headline
        assert job.startswith("experience[0].title") and "🚀" in job


@pytest.mark.parametrize("design", ["moderne", "compact"])
def test_check_names_the_letters_a_built_in_designs_font_lacks(run_cli, write_profile, design):
    """Inter and IBM Plex Sans Condensed ship their Western European letters: `Ł`, `ř`, `ễ`
    of a name come out in another font in the Book, the CV and the deck. `check` says so,
    with the field; the default design's fonts draw them and say nothing."""
    text = f"design: {design}\nidentity:\n  name: Łucja Dvořák\n  headline: Cheffe\n"
    result = run_cli("check", str(write_profile(text)))
    assert f"police du design « {design} »" in result.out, result.out
    assert "identity.name : « Ł » U+0141, « ř » U+0159" in result.out
    plain = run_cli("check", str(write_profile("identity:\n  name: Lucie Dupont\n  headline: C\n")))
    assert "police du design" not in plain.out
