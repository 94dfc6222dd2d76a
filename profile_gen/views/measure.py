"""How text wraps in a text box: PowerPoint does not fit text when a file is written, so the
deck chooses its sizes and cuts long texts here, and the tests check every box with the
same measurement.

The deck's font is Arial (every Windows, macOS and Google Slides has it; LibreOffice
substitutes Liberation Sans, designed with the same advance widths). The advance widths
of Liberation Sans 2 (SIL OFL) are shipped in `metrics.json`, so the measurement is the
same on every machine without reading a font file; `python -m
profile_gen.views.measure FONT_DIR` writes the table again. Characters the font lacks
(emoji, CJK) count as `MISSING_EM` em, wider than any fallback glyph.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

FONT = "Arial"
METRICS = Path(__file__).with_name("metrics.json")
STYLES = {
    "regular": "LiberationSans-Regular.ttf",
    "bold": "LiberationSans-Bold.ttf",
    "italic": "LiberationSans-Italic.ttf",
    "bolditalic": "LiberationSans-BoldItalic.ttf",
}
LINE = 1.2
"""Height of a line, in em: Arial's single spacing is 1.15 em (ascent + descent)."""
MISSING_EM = 1.2
FALLBACK_LINE = 1.45
"""Height of a line with a character of a fallback font (emoji fonts stand taller)."""
BULLET_INDENT = 20.0
ELLIPSIS = "\u00a0…"
"""Ends a cut text; the no-break space keeps it on the line of the last word."""
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
    minimum: float = 18.0
    """The size it may shrink to."""
    cut: bool = False
    """Whether its words may be cut (with an ellipsis) when it does not fit."""
    link: str | None = None
    align: str = "left"
    field: str | None = None
    """`slidenum`: the text is a field PowerPoint updates (the slide number)."""
    bullet: bool = False
    """A list item: a bullet hanging in the left margin (`BULLET_INDENT` wide)."""

    @property
    def style(self) -> str:
        return ("bold" if self.bold else "") + ("italic" if self.italic else "") or "regular"


@lru_cache(maxsize=1)
def _table() -> tuple[int, dict[str, dict[int, int]]]:
    data = json.loads(METRICS.read_text(encoding="utf-8"))
    styles = {}
    for style, runs in data["styles"].items():
        widths: dict[int, int] = {}
        for start, values in runs:
            widths.update(zip(range(start, start + len(values)), values, strict=True))
        styles[style] = widths
    return data["units"], styles


@lru_cache(maxsize=65536)
def _units(text: str, style: str) -> int:
    """The advance width of `text` in font units (a word is measured once per build)."""
    units, styles = _table()
    widths = styles[style]
    missing = round(MISSING_EM * units)
    return sum(widths.get(ord(char), 0 if ord(char) < 32 else missing) for char in text)


def text_width(text: str, size: float, style: str = "regular") -> float:
    """The advance width of `text` at `size` points, in points (no kerning: never less)."""
    return _units(text, style) * size / _table()[0]


def _split_word(word: str, size: float, style: str, width: float) -> list[str]:
    """A word longer than a line, broken between characters as PowerPoint does."""
    pieces, current = [], ""
    for char in word:
        if current and text_width(current + char, size, style) > width:
            pieces.append(current)
            current = char
        else:
            current += char
    return [*pieces, current]


def wrap(text: str, size: float, width: float, style: str = "regular") -> list[str]:
    """The lines of `text` in a box `width` points wide, broken at spaces (not at no-break
    spaces). Cached: the deck's fit wraps the same texts at the same sizes again and again
    (each scale, each plan tried, each language's deck)."""
    return list(_wrapped(text, size, width, style))


@lru_cache(maxsize=16384)
def _wrapped(text: str, size: float, width: float, style: str) -> tuple[str, ...]:
    limit = width * SLACK * _table()[0] / size  # in font units
    space = _units(" ", style)
    lines: list[str] = []
    for chunk in text.split("\n"):
        line: list[str] = []
        used = 0
        for word in chunk.split(" "):
            if not word:
                continue
            word_units = _units(word, style)
            if line and used + space + word_units <= limit:
                line.append(word)
                used += space + word_units
                continue
            if not line and word_units <= limit:
                line, used = [word], word_units
                continue
            if line:
                lines.append(" ".join(line))
            pieces = _split_word(word, size, style, width * SLACK)
            lines.extend(pieces[:-1])
            line, used = [pieces[-1]], _units(pieces[-1], style)
        lines.append(" ".join(line))
    return tuple(lines)


@lru_cache(maxsize=65536)
def needs_fallback(text: str) -> bool:
    widths = _table()[1]["regular"]
    return any(ord(char) not in widths for char in text if ord(char) >= 32)


def _line_height(line: str, size: float) -> float:
    """A line holding a character the font lacks takes the fallback font's taller line."""
    return size * (FALLBACK_LINE if needs_fallback(line) else LINE)


def height(paras: list[Para], width: float) -> float:
    """The height `paras` take in a box `width` points wide (insets excluded)."""
    return sum(
        para.space_before + sum(_line_height(line, para.size) for line in lines(para, width))
        for para in paras
    )


def lines(para: Para, width: float) -> list[str]:
    """The lines of one paragraph in a box `width` points wide."""
    return wrap(para.text, para.size, width - (BULLET_INDENT if para.bullet else 0), para.style)


def widest_line(paras: list[Para], width: float) -> float:
    return max(
        (text_width(line, para.size, para.style) for para in paras for line in lines(para, width)),
        default=0.0,
    )


def shrunk(paras: list[Para], step: float) -> list[Para]:
    return [replace(p, size=max(p.minimum, p.size - step)) for p in paras]


def _cut(text: str, words: int) -> str:
    kept = text.split()[:words]
    return " ".join(kept).rstrip(",;:.") + ELLIPSIS if kept else ""


def shorten(text: str, words: int) -> str:
    """At most `words` words of `text`, an ellipsis when some are left out."""
    return text if len(text.split()) <= words else _cut(text, words) or ELLIPSIS.strip()


def _one_line_less(para: Para, width: float) -> Para:
    """`para` cut (with an ellipsis) to one line fewer than it takes."""
    text = para.text.removesuffix(ELLIPSIS)
    words = text.split()
    target = len(lines(para, width)) - 1
    low, high = 0, len(words) - 1  # the most words that keep within `target` lines
    while low < high:
        middle = (low + high + 1) // 2
        if len(lines(replace(para, text=_cut(text, middle)), width)) <= target:
            low = middle
        else:
            high = middle - 1
    return replace(para, text=_cut(text, low))


def _cut_to_fit(paras: list[Para], width: float, room: float) -> list[Para]:
    """Cut a line off the tallest cuttable paragraph until the whole fits; a paragraph left
    without words goes."""
    while height(paras, width) > room:
        cuttable = [i for i, p in enumerate(paras) if p.cut]
        if not cuttable:
            break
        index = max(cuttable, key=lambda i: (len(lines(paras[i], width)), i))
        shorter = _one_line_less(paras[index], width)
        paras = [*paras[:index], *([shorter] if shorter.text else []), *paras[index + 1 :]]
    return paras


def _breaks_words(paras: list[Para], width: float) -> bool:
    """Whether a word is wider than a line (and would be broken between letters)."""
    for para in paras:
        room = (width - (BULLET_INDENT if para.bullet else 0)) * SLACK
        if any(text_width(word, para.size, para.style) > room for word in para.text.split(" ")):
            return True
    return False


def shrink_step(paras: list[Para], width: float, room: float) -> float:
    """How many points `fit` takes off every size (each stops at its minimum) for `paras`
    to fit without breaking a word."""
    step = 0.0
    while True:
        trial = shrunk(paras, step)
        if all(p.size <= p.minimum for p in trial):
            return step
        if height(trial, width) <= room and not _breaks_words(trial, width):
            return step
        step += 1


def fit(paras: list[Para], width: float, room: float) -> list[Para]:
    """`paras` at the largest sizes (1 pt steps, down to each one's minimum) that fit a box
    `width` × `room` points without breaking a word; what still does not fit at the
    minimum is cut."""
    trial = shrunk(paras, shrink_step(paras, width, room))
    return trial if height(trial, width) <= room else _cut_to_fit(trial, width, room)


def same_sizes(groups: list[list[Para]], rooms: list[tuple[float, float]]) -> list[list[Para]]:
    """Boxes side by side (cards, rows) shrunk alike: each by the largest step any needs."""
    step = max((shrink_step(g, *room) for g, room in zip(groups, rooms, strict=True)), default=0)
    return [shrunk(group, step) for group in groups]


def most_words(make, words: int, width: float, room: float) -> int:
    """The most words (up to `words`) `make(n)` may keep and still fit at its minimum sizes:
    for texts whose end must stay (a closing quotation mark, a date after the text)."""
    low, high = 0, words
    while low < high:
        middle = (low + high + 1) // 2
        if height(shrunk(make(middle), 1000), width) <= room:
            low = middle
        else:
            high = middle - 1
    return low


def _font(path: Path):
    from fontTools.ttLib import TTFont

    return TTFont(path)


def _runs(font_path: Path) -> list[list]:
    font = _font(font_path)
    metrics = font["hmtx"].metrics
    widths = {cp: metrics[name][0] for cp, name in font.getBestCmap().items() if cp <= 0xFFFF}
    runs: list[list] = []
    for cp in sorted(widths):
        if runs and runs[-1][0] + len(runs[-1][1]) == cp:
            runs[-1][1].append(widths[cp])
        else:
            runs.append([cp, [widths[cp]]])
    return runs


def write_table(font_dir: Path) -> None:
    """Write `metrics.json` from the Liberation Sans files in `font_dir`."""
    units = _font(font_dir / STYLES["regular"])["head"].unitsPerEm
    styles = {style: _runs(font_dir / name) for style, name in STYLES.items()}
    METRICS.write_text(
        json.dumps(
            {"font": "Liberation Sans 2", "units": units, "styles": styles}, separators=(",", ":")
        ),
        encoding="utf-8",
    )


if __name__ == "__main__":  # pragma: no cover - a maintenance command
    write_table(Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/truetype/liberation2"))
