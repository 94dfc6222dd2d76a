"""Colour arithmetic for the person's accent colour: WCAG contrast and a dark-mode variant.

The Book is read in light and dark mode and its text must keep the WCAG AA contrast (4.5:1)
in both. A person chooses one colour; it is checked against the light background, and its
dark-mode variant is derived by mixing it with white until it reads on the dark surfaces.
Pure functions on ``#rrggbb`` strings; the palette is the design tokens' (`profile_gen/tokens.toml`).
"""

from __future__ import annotations

from dataclasses import dataclass

from profile_gen import tokens

AA = 4.5
"""WCAG AA contrast for normal text."""

LIGHT_BACKGROUNDS = (tokens.color("bg"), tokens.color("surface"))
"""Where the accent is read in light mode (page, cards, slides); it carries white text."""
DARK_BACKGROUNDS = (tokens.color("bg-dark"), tokens.color("surface-dark"))
"""Where the accent is read in dark mode; it carries near-black text (`accent-text-dark`)."""
DEFAULT = tokens.color("accent")


def _channels(color: str) -> tuple[int, int, int]:
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


def luminance(color: str) -> float:
    """WCAG relative luminance of ``#rrggbb``."""

    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(c) for c in _channels(color))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio, from 1 (same) to 21 (black on white)."""
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def light_contrast(color: str) -> float:
    """The lowest contrast of `color` on the light backgrounds it is read on."""
    return min(contrast(color, background) for background in LIGHT_BACKGROUNDS)


def mix_with_white(color: str, share: float) -> str:
    mixed = (round(c + (255 - c) * share) for c in _channels(color))
    return "#" + "".join(f"{c:02x}" for c in mixed)


def dark_variant(color: str) -> str:
    """`color` lightened just enough to reach AA on every dark background."""
    for step in range(101):
        candidate = mix_with_white(color, step / 100)
        if all(contrast(candidate, background) >= AA for background in DARK_BACKGROUNDS):
            return candidate
    return "#ffffff"


def readable_on(color: str, backgrounds: tuple[str, ...]) -> str:
    """`color` darkened just enough to reach AA on every one of `backgrounds`."""
    channels = _channels(color)
    for step in range(101):
        share = 1 - step / 100
        candidate = "#" + "".join(f"{round(c * share):02x}" for c in channels)
        if all(contrast(candidate, background) >= AA for background in backgrounds):
            return candidate
    return "#000000"


@dataclass(frozen=True)
class Palette:
    light: str
    dark: str


def palette(color: str) -> Palette:
    """The accent in light mode (as chosen) and in dark mode (derived)."""
    return Palette(light=color.lower(), dark=dark_variant(color.lower()))
