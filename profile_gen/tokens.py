"""The design tokens (`tokens.toml`, read once): colours, fonts, type sizes and spacing, as
the CSS custom properties every page inlines, and as values the Word and PowerPoint writers
read. Pure: no Pelican, no office library."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

SOURCE = Path(__file__).with_name("tokens.toml")
FONT_FOLDER = "theme/fonts"
"""Where the shipped fonts are in a built Book (the theme's `static/fonts/`)."""


@cache
def _data() -> dict[str, dict[str, Any]]:
    return tomllib.loads(SOURCE.read_text(encoding="utf-8"))


def color(name: str, table: str = "color") -> str:
    """A colour as `#rrggbb` (`color("ink")`, `color("bar", "print")`)."""
    return str(_data()[table][name])


def hex6(name: str, table: str = "color") -> str:
    """A colour as `RRGGBB`, as the office formats write it."""
    return color(name, table).lstrip("#").upper()


def deck(name: str) -> float:
    """A deck size in canvas units (a slide is 1280 × 720)."""
    return float(_data()["deck"][name])


def word(name: str) -> Any:
    """A setting of the Word annexe (`[word]`: sizes in points, the font)."""
    return _data()["word"][name]


def font(name: str) -> str:
    """The first family of a font stack: the one the office files name."""
    return str(_data()["font"][name][0])


def face() -> dict[str, Any]:
    return dict(_data()["face"])


SUBSETS = ("latin", "latin-ext")


def font_files() -> list[tuple[str, int, str, str]]:
    """The shipped font's files for screens (name, weight, style, subset): WOFF2 subsets,
    fontsource's names, each with its `unicode-range`."""
    spec = face()
    return [
        (f"{spec['stem']}-{subset}-{weight}-{style}.woff2", weight, style, subset)
        for weight in spec["weights"]
        for style in spec["styles"]
        for subset in SUBSETS
    ]


def print_font_files() -> list[tuple[str, int, str]]:
    """The shipped font's whole TrueType faces (name, weight, style): one file per weight
    and style, every character of both subsets. What WeasyPrint prints with and what the
    deck's measure reads: WeasyPrint takes two files of one family, weight and style for
    one font and prints the second's letters with the first's glyphs (a ``Ł`` turned the
    deck's every bold line into other letters)."""
    spec = face()
    return [
        (f"{spec['stem']}-{weight}-{style}.ttf", weight, style)
        for weight in spec["weights"]
        for style in spec["styles"]
    ]


def _css_value(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(
            f'"{item}"' if " " in item or item[:1].isupper() else item for item in value
        )
    return str(value)


def _properties() -> list[str]:
    lines = []
    for table, values in _data().items():
        if table in ("face", "word"):
            continue
        for key, value in values.items():
            name = f"--{table}" if key == table else f"--{table}-{key}"
            lines.append(f"  {name}: {_css_value(value)};")
    return lines


def font_display(sheet: str) -> str:
    """How a page of the stylesheet `sheet` waits for its web fonts (`font-display`). The
    Book's pages: `optional`, with their upright faces preloaded (`preloaded_fonts`): the
    font is there at the first paint or that page keeps the fallback, so no text moves once
    shown (no layout shift: Lighthouse's CLS); a slow first visit reads the fallback, the
    next page the cached font. Elsewhere (the deck, the CV, the cue cards): `swap`, the
    font drawn as soon as it comes (what they measure and print is laid out in it)."""
    return "optional" if sheet == "book" else "swap"


def _face(base: str, name: str, weight: int, style: str, display: str, extra: str = "") -> str:
    kind = "woff2" if name.endswith(".woff2") else "truetype"
    return (
        f'@font-face {{ font-family: "{face()["family"]}"; font-style: {style};'
        f" font-weight: {weight}; font-display: {display};"
        f' src: url("{base}/{FONT_FOLDER}/{name}") format("{kind}");{extra} }}'
    )


def font_faces(base: str, sheet: str = "book") -> str:
    """The shipped font's @font-face rules, `base` the Book's root (the pages' `SITEURL`),
    for a page of the stylesheet `sheet` (`font_display`): on screen the WOFF2 subsets, each
    loaded when a page draws one of its characters (`unicode-range`); in print the whole
    TrueType faces (`print_font_files`; WeasyPrint would decompress WOFF2 in Python)."""
    display = font_display(sheet)
    screen = "\n".join(
        _face(base, name, weight, style, display, f" unicode-range: {face()[subset]};")
        for name, weight, style, subset in font_files()
    )
    printed = "\n".join(
        _face(base, name, weight, style, display) for name, weight, style in print_font_files()
    )
    return f"@media screen {{\n{screen}\n}}\n@media print {{\n{printed}\n}}\n"


def preloaded_fonts() -> list[str]:
    """The shipped font's files a Book page preloads, from the Book's root: the latin
    subset's upright regular and bold, which every page draws (`font_display`)."""
    return [
        f"{FONT_FOLDER}/{name}"
        for name, _weight, style, subset in font_files()
        if style == "normal" and subset == "latin"
    ]


@cache
def css() -> str:
    """The tokens as CSS custom properties on `:root` (the inlined design tokens)."""
    body = "\n".join(_properties())
    return f"/* profile_gen design tokens, from profile_gen/tokens.toml */\n:root {{\n{body}\n}}\n"
