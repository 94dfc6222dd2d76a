"""The characters the print font cannot draw, found before they print as blank gaps.

The annexe and the CV are set in Liberation Serif (Times New Roman's metrics, shipped in
`theme/static/fonts/`). A character outside its character map (cmap) would be drawn with
some other font of the machine that prints, or as an empty box or a blank gap. `check`
lists each such character with the field it is in.

Emoji (common in LinkedIn headlines) are a decision, not an accident: the thesis is printed
in black and white in a Times-like face, and a colour pictogram font (several megabytes)
would look out of place there. The printed annexe and CV, the deck's PDF and the Word
annexe leave emoji out (`strip_emoji`); the Book and the deck, on screen (and in
PowerPoint), keep them; `check` says so per field.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel

from profile_gen.errors import format_path
from profile_gen.media import write_atomic
from profile_gen.profile.fields import Localized

FONT_FILES = (
    "LiberationSerif-Regular.ttf",
    "LiberationSerif-Bold.ttf",
    "LiberationSerif-Italic.ttf",
    "LiberationSerif-BoldItalic.ttf",
)

_EMOJI = re.compile(
    "["
    "\U0001f000-\U0001faff"  # pictographs, emoticons, transport, symbols and pictographs
    "\u2600-\u27bf"  # miscellaneous symbols, dingbats
    "\u2b00-\u2bff"  # arrows and stars used as emoji (⭐ ⬆)
    "\U0001f1e6-\U0001f1ff"  # regional indicators (flags)
    "\ufe0f\ufe0e\u20e3"  # emoji / text presentation selectors, keycap
    "\u200d"  # zero-width joiner of emoji sequences
    "]"
)
_JOINERS = "\u200d\ufe0f\ufe0e\u20e3"
"""Invisible parts of emoji sequences: removed with them."""
_IGNORED = {"\n", "\r", "\t", "\u00ad", "\u200b"}
"""Layout characters: never drawn, never missing."""


def is_emoji(char: str) -> bool:
    return bool(_EMOJI.fullmatch(char))


def strip_emoji(text: str, covered: frozenset[int] = frozenset()) -> str:
    """`text` without the emoji the print font lacks (and their joiners and selectors), for
    the printed pages; symbols the font has (☺ ♪) stay."""
    return _EMOJI.sub(lambda m: m[0] if ord(m[0]) in covered and m[0] not in _JOINERS else "", text)


def strip_file(path: Path, covered: frozenset[int]) -> None:
    """Rewrite the page at `path` without the emoji the print font lacks."""
    text = path.read_text(encoding="utf-8")
    stripped = strip_emoji(text, covered)
    if stripped != text:
        path.write_text(stripped, encoding="utf-8")


@lru_cache(maxsize=4)
def font_coverage(folder: Path, cache: Path | None = None) -> frozenset[int]:
    """The code points every shipped style of the print font can draw; kept in `cache` by
    the fonts' names, sizes and dates, so a build reads no font file when none changed."""
    fonts = [folder / name for name in FONT_FILES if (folder / name).is_file()]
    key = "|".join(f"{font.name}:{font.stat().st_size}:{font.stat().st_mtime_ns}" for font in fonts)
    record = None
    if cache is not None:
        record = cache / f"{hashlib.sha256(key.encode()).hexdigest()[:24]}.json"
        try:
            return frozenset(json.loads(record.read_text(encoding="ascii")))
        except (OSError, ValueError):
            pass
    from fontTools.ttLib import TTFont

    covered: set[int] | None = None
    for path in fonts:
        with TTFont(path, lazy=True) as font:
            codes = set(font.getBestCmap())
        covered = codes if covered is None else covered & codes
    result = frozenset(covered or ())
    if record is not None:
        write_atomic(record, json.dumps(sorted(result)))
    return result


@dataclass(frozen=True)
class Missing:
    """One character the print font lacks, and where it was found."""

    path: str
    char: str

    @property
    def emoji(self) -> bool:
        return is_emoji(self.char)

    @property
    def described(self) -> str:
        """``« 🚀 » U+1F680 ROCKET``."""
        name = unicodedata.name(self.char, "")
        code = f"U+{ord(self.char):04X}"
        return f"« {self.char} » {code} {name}".rstrip()


def _texts(value: object, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """Every piece of text inside the profile, with its path (languages as the last part)."""
    if isinstance(value, Localized):
        for lang, text in value.values.items():
            yield (path if value.plain else (*path, lang)), text
    elif isinstance(value, str):
        yield path, str(value)
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _texts(getattr(value, name), (*path, name))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from _texts(item, (*path, index))


def unprintable(profile: BaseModel, covered: frozenset[int]) -> list[Missing]:
    """Each (field, character) the print font cannot draw, in the profile's order."""
    if not covered:
        return []
    found: dict[tuple[str, str], Missing] = {}
    for path, text in _texts(profile):
        for char in text:
            if ord(char) in covered or char in _IGNORED or char in _JOINERS:
                continue
            key = (format_path(path), char)
            found.setdefault(key, Missing(*key))
    return list(found.values())
