"""How text wraps in a text box: PowerPoint does not fit text when a file is written, so the
deck chooses its sizes here, and the tests check every box with the same measurement.

The deck's font is Atkinson Hyperlegible (SIL OFL, shipped in `theme/static/fonts/`; the
PowerPoint names it, Arial is its fallback, within 1 % of its advance widths). Its advance
widths are in `metrics.json`, so the measurement is the same on every machine without
reading a font file; `python scripts/deck_metrics.py` writes the table again from the
shipped files (a test keeps it current). Characters the shipped subsets lack but French
texts use (the narrow no-break space, the zero-width space, the arrow) take the widths of
the font a browser or PowerPoint falls back to (`FALLBACK_WIDTHS`); other characters the
font lacks (emoji, CJK) count as `MISSING_EM` em, wider than any fallback glyph.

A built-in design whose deck has a font of its own (`[font] deck` in its `tokens.toml`)
holds in its folder's `metrics.json` (the same script writes it) each character's widest
advance of that font and of the theme's (`design_table`): the deck of that design is
measured with them (`font`, the design's name; `""` is the theme's).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from profile_gen import designs, tokens

FONT = tokens.font("deck")
METRICS = Path(__file__).with_name("metrics.json")
STYLES = {"regular": (400, "normal"), "bold": (700, "normal"), "italic": (400, "italic")}
STYLES["bolditalic"] = (700, "italic")
FALLBACK_WIDTHS = {
    **dict.fromkeys((0x200B, 0x200C, 0x200D, 0x2060), 0.0),  # zero-width
    **dict.fromkeys((0x2009, 0x202F), 0.2),  # thin and narrow no-break spaces
    0x2192: 1.0,  # →
}
"""Widths, in em, of characters the shipped subsets lack (Liberation Sans's, a fallback)."""
LINE = 1.2
"""Height of a line, in em, where a text box sets no line height of its own."""
MISSING_EM = 1.2
FALLBACK_LINE = 1.45
"""Height of a line with a character of a fallback font (emoji fonts stand taller)."""
BULLET_INDENT = 20.0
SLACK = 0.97
"""Share of a box's width a line may fill: room for rounding and renderers' differences."""


@dataclass(frozen=True)
class Para:
    """One paragraph of a text box, as written and as measured."""

    text: str
    size: float
    """Font size in points."""
    bold: bool = False
    italic: bool = False
    color: str | None = None
    space_before: float = 0.0
    minimum: float = 0.0
    """The size it may shrink to (its own size when 0): a text is never cut."""
    line: float = LINE
    """Line height, in em (written as an exact spacing: the measure is the layout)."""
    tail: str = ""
    """A second run ending the paragraph (a date, a "(1/2)"), measured with the text."""
    tail_color: str | None = None
    tail_bold: bool = False
    tail_size: float = 0.0
    """The tail's size, in points (the text's when 0)."""
    link: str | None = None
    font: str = ""
    """The font it is measured with: `""` the theme's, else a built-in design's name."""
    align: str = "left"
    field: str | None = None
    """`slidenum`: the text is a field PowerPoint updates (the slide number)."""
    bullet: bool = False
    """A list item: a bullet hanging in the left margin (`BULLET_INDENT` wide)."""

    @property
    def whole(self) -> str:
        """The paragraph's text as shown: its text and its tail."""
        return self.text + self.tail

    @property
    def style(self) -> str:
        return ("bold" if self.bold else "") + ("italic" if self.italic else "") or "regular"


def metrics_file(font: str = "") -> Path:
    """The widths of a deck's font: the theme's, or those of the built-in design `font`
    (its `metrics.json`; the theme's when it has none)."""
    if font and (path := designs.built_in_folder() / font / METRICS.name).is_file():
        return path
    return METRICS


@lru_cache(maxsize=8)
def family(font: str = "") -> str:
    """The family of the font `font` names (what the PowerPoint's runs name)."""
    return str(json.loads(metrics_file(font).read_text(encoding="utf-8"))["font"])


def deck_font(design: str, project: Path | None = None) -> str:
    """The font the deck of `design` (a student's in `project`'s `designs/`) is measured
    with: its built-in design's name when that design ships its deck font's widths, else
    `""`, the theme's font."""
    built_in = designs.built_in_of(design, project)
    return built_in if metrics_file(built_in) != METRICS else ""


@lru_cache(maxsize=8)
def _table(font: str = "") -> tuple[int, dict[str, dict[int, int]]]:
    data = json.loads(metrics_file(font).read_text(encoding="utf-8"))
    styles = {}
    for style, runs in data["styles"].items():
        widths: dict[int, int] = {}
        for start, values in runs:
            widths.update(zip(range(start, start + len(values)), values, strict=True))
        styles[style] = widths
    return data["units"], styles


@lru_cache(maxsize=65536)
def _units(text: str, style: str, font: str = "") -> int:
    """The advance width of `text` in font units (a word is measured once per build)."""
    units, styles = _table(font)
    widths = styles[style]
    missing = round(MISSING_EM * units)
    return sum(widths.get(ord(char), 0 if ord(char) < 32 else missing) for char in text)


def text_width(text: str, size: float, style: str = "regular", font: str = "") -> float:
    """The advance width of `text` at `size` points, in points (no kerning: never less)."""
    return _units(text, style, font) * size / _table(font)[0]


def _split_word(word: str, size: float, style: str, width: float, font: str) -> list[str]:
    """A word longer than a line, broken between characters as PowerPoint does."""
    pieces, current = [], ""
    for char in word:
        if current and text_width(current + char, size, style, font) > width:
            pieces.append(current)
            current = char
        else:
            current += char
    return [*pieces, current]


def wrap(text: str, size: float, width: float, style: str = "regular", font: str = "") -> list[str]:
    """The lines of `text` in a box `width` points wide, broken at spaces (not at no-break
    spaces). Cached: the deck's fit wraps the same texts at the same sizes again and again
    (each scale, each plan tried, each language's deck)."""
    return list(_wrapped(text, size, width, style, font))


@lru_cache(maxsize=16384)
def _wrapped(text: str, size: float, width: float, style: str, font: str) -> tuple[str, ...]:
    limit = width * SLACK * _table(font)[0] / size  # in font units
    space = _units(" ", style, font)
    lines: list[str] = []
    for chunk in text.split("\n"):
        line: list[str] = []
        used = 0
        for word in chunk.split(" "):
            if not word:
                continue
            word_units = _units(word, style, font)
            if line and used + space + word_units <= limit:
                line.append(word)
                used += space + word_units
                continue
            if not line and word_units <= limit:
                line, used = [word], word_units
                continue
            if line:
                lines.append(" ".join(line))
            pieces = _split_word(word, size, style, width * SLACK, font)
            lines.extend(pieces[:-1])
            line, used = [pieces[-1]], _units(pieces[-1], style, font)
        lines.append(" ".join(line))
    return tuple(lines)


@lru_cache(maxsize=65536)
def needs_fallback(text: str, font: str = "") -> bool:
    widths = _table(font)[1]["regular"]
    return any(ord(char) not in widths for char in text if ord(char) >= 32)


def _line_height(line: str, para: Para) -> float:
    """A line holding a character the font lacks takes the fallback font's taller line."""
    tall = needs_fallback(line, para.font)
    return para.size * (max(para.line, FALLBACK_LINE) if tall else para.line)


def height(paras: list[Para], width: float) -> float:
    """The height `paras` take in a box `width` points wide (insets excluded)."""
    return sum(
        para.space_before + sum(_line_height(line, para) for line in lines(para, width))
        for para in paras
    )


def lines(para: Para, width: float) -> list[str]:
    """The lines of one paragraph in a box `width` points wide."""
    room = width - (BULLET_INDENT if para.bullet else 0)
    return wrap(para.whole, para.size, room, para.style, para.font)


def widest_line(paras: list[Para], width: float) -> float:
    return max(
        (
            text_width(line, para.size, para.style, para.font)
            for para in paras
            for line in lines(para, width)
        ),
        default=0.0,
    )


def shrunk(paras: list[Para], step: float) -> list[Para]:
    return [replace(p, size=max(p.minimum or p.size, p.size - step)) for p in paras]


def _breaks_words(paras: list[Para], width: float) -> bool:
    """Whether a word is wider than a line (and would be broken between letters)."""
    for para in paras:
        room = (width - (BULLET_INDENT if para.bullet else 0)) * SLACK
        words = para.whole.split(" ")
        if any(text_width(word, para.size, para.style, para.font) > room for word in words):
            return True
    return False


def fits(paras: list[Para], width: float, room: float) -> bool:
    """Whether `paras` fit a box `width` × `room` points without breaking a word."""
    return height(paras, width) <= room and not _breaks_words(paras, width)


def fit(paras: list[Para], width: float, room: float) -> list[Para]:
    """`paras` at the largest sizes (1 pt steps, down to each one's minimum) that fit a box
    `width` × `room` points without breaking a word. Never cut: a text that does not fit at
    its minimum stays whole (the deck's plan splits a slide before it comes to that)."""
    step = 0.0
    while True:
        trial = shrunk(paras, step)
        if fits(trial, width, room) or all(p.size <= (p.minimum or p.size) for p in trial):
            return trial
        step += 1


def _runs(widths: dict[int, int]) -> list[list]:
    runs: list[list] = []
    for cp in sorted(widths):
        if runs and runs[-1][0] + len(runs[-1][1]) == cp:
            runs[-1][1].append(widths[cp])
        else:
            runs.append([cp, [widths[cp]]])
    return runs


def _widths(font_dir: Path, weight: int, style: str) -> tuple[int, dict[int, int]]:
    """Units per em and the advance widths of one style (its whole TrueType face)."""
    from fontTools.ttLib import TTFont

    widths: dict[int, int] = {}
    units = 1000
    for name, file_weight, file_style in tokens.print_font_files():
        if (file_weight, file_style) != (weight, style):
            continue
        font = TTFont(font_dir / name)
        units = font["head"].unitsPerEm
        metrics = font["hmtx"].metrics
        for cp, glyph in font.getBestCmap().items():
            if cp <= 0xFFFF:
                widths.setdefault(cp, metrics[glyph][0])
    for cp, em in FALLBACK_WIDTHS.items():
        widths.setdefault(cp, round(em * units))
    return units, widths


def _merged(paths: list[Path]) -> tuple[int, dict[int, int]]:
    """Units per em and the widest advance of each character over the fonts of `paths`."""
    from fontTools.ttLib import TTFont

    widths: dict[int, int] = {}
    units = 1000
    for path in paths:
        font = TTFont(path)
        units = font["head"].unitsPerEm
        metrics = font["hmtx"].metrics
        for cp, glyph in font.getBestCmap().items():
            if cp <= 0xFFFF:
                widths[cp] = max(widths.get(cp, 0), metrics[glyph][0])
    for cp, em in FALLBACK_WIDTHS.items():
        widths.setdefault(cp, round(em * units))
    return units, widths


def design_table(folder: Path, family: str) -> str:
    """The text of a built-in design's `metrics.json`: each character's widest advance of its
    font `family` (its `[[fonts]]` of that family, TrueType files in `folder/fonts/`) and of
    the theme's font (`METRICS`): a text measured with it fits in the design's font (the
    HTML deck, its PDF), in the theme's font (which draws what the design's lacks) and in
    Arial (within 1 % of the theme's: what PowerPoint draws where the design's font is not
    installed). A style the design does not ship takes the widest of those it does (a
    browser draws bold italic from the bold or the italic face)."""
    faces = {
        (font.weight, font.style): folder / designs.FONTS / f"{font.file}.ttf"
        for layer in designs.load(folder.name, None, set()).layers
        for font in layer.fonts()
        if font.family == family
    }
    theme_units, theme = _table()
    styles, units = {}, 1000
    for style, (weight, slant) in STYLES.items():
        paths = [faces[weight, slant]] if (weight, slant) in faces else list(faces.values())
        units, widths = _merged(paths)
        for cp, width in theme[style].items():
            widths[cp] = max(widths.get(cp, 0), round(width * units / theme_units))
        styles[style] = _runs(widths)
    return json.dumps({"font": family, "units": units, "styles": styles}, separators=(",", ":"))


def table(font_dir: Path) -> str:
    """The text of `metrics.json`, measured on the shipped font's files in `font_dir`."""
    styles, units = {}, 1000
    for style, (weight, slant) in STYLES.items():
        units, widths = _widths(font_dir, weight, slant)
        styles[style] = _runs(widths)
    data = {"font": tokens.face()["family"], "units": units, "styles": styles}
    return json.dumps(data, separators=(",", ":"))
