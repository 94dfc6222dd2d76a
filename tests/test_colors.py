"""The accent colour: WCAG contrast arithmetic, the dark-mode variant, and the theme's palette."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from profile_gen import tokens
from profile_gen.profile import colors
from tests.conftest import ROOT

HEX = st.integers(0, 0xFFFFFF).map(lambda n: f"#{n:06x}")


def test_contrast_follows_wcag():
    assert colors.contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert colors.contrast("#777777", "#777777") == pytest.approx(1.0)
    assert colors.contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # WebAIM
    assert colors.luminance("#ffffff") == pytest.approx(1.0)


@given(HEX)
def test_every_accepted_colour_reads_in_both_modes(color):
    if colors.light_contrast(color) < colors.AA:
        return  # refused by the model
    palette = colors.palette(color)
    for background in colors.LIGHT_BACKGROUNDS:
        assert colors.contrast(palette.light, background) >= colors.AA
        assert colors.contrast(palette.light, "#ffffff") >= colors.AA  # white button text
    for background in colors.DARK_BACKGROUNDS:
        assert colors.contrast(palette.dark, background) >= colors.AA
    assert colors.contrast(palette.dark, "#0d1117") >= colors.AA  # dark button text


def test_dark_variant_keeps_the_hue():
    assert colors.dark_variant("#7a2e5c") == "#aa7997"
    assert colors.dark_variant("#1f4e8c") != "#ffffff"


def test_palette_data_matches_the_theme():
    """colors.py checks the accent against the backgrounds of the one set of design tokens."""
    css = tokens.css()  # the custom properties every page inlines
    value = lambda name: re.search(rf"--color-{name}:\s*(#[0-9a-f]{{6}})", css).group(1)  # noqa: E731
    assert value("accent") == colors.DEFAULT
    assert (value("bg"), value("surface")) == colors.LIGHT_BACKGROUNDS
    assert (value("bg-dark"), value("surface-dark")) == colors.DARK_BACKGROUNDS
    assert value("accent-text-dark") == "#0d1117"


def test_no_colour_outside_the_tokens():
    """book.css, deck.css and the cohort page take their colours from the design tokens."""
    for name in ("static/css/book.css", "static/css/deck.css", "templates/cohort.html"):
        text = (ROOT / "theme" / name).read_text(encoding="utf-8")
        screen = text.split("@media print")[0]  # print forces black and white
        assert not re.findall(r"--[a-z-]+:\s*#[0-9a-f]{3,6}", screen), name


@given(st.one_of(st.none(), HEX))
def test_the_cv_colours_read_on_white_and_on_their_panel(color):
    from profile_gen.views.cv import cv_colors

    if color is not None and colors.light_contrast(color) < colors.AA:
        return  # refused by the model
    accent, panel = cv_colors(color)
    assert colors.contrast(accent, "#ffffff") >= colors.AA
    assert colors.contrast(accent, panel) >= colors.AA
    assert colors.contrast("#000000", panel) >= 7  # the side column's text
    if color is None:
        assert accent == colors.DEFAULT
