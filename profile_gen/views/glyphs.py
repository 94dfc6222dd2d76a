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
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel

from profile_gen.errors import format_path
from profile_gen.media import read_record, write_atomic
from profile_gen.profile.career import typed_index
from profile_gen.profile.fields import Localized

FONT_FILES = (
    "LiberationSerif-Regular.ttf",
    "LiberationSerif-Bold.ttf",
    "LiberationSerif-Italic.ttf",
    "LiberationSerif-BoldItalic.ttf",
)

_PICTOGRAPHS = "\U0001f000-\U0001faff"
"""Pictographs, emoticons, transport, flags (regional indicators), skin tones: drawn by
colour emoji fonts only."""
_SYMBOLS = "\u2600-\u27bf\u2b00-\u2bff"
"""Miscellaneous symbols, dingbats, arrows and stars (☺ ♪ ✓ ★ ➜): emoji in some fonts, text
in many."""
PRESENTATION = frozenset(
    "\u231a\u231b\u23e9\u23ea\u23eb\u23ec\u23f0\u23f3\u25fd\u25fe\u2614\u2615"
    "\u2648\u2649\u264a\u264b\u264c\u264d\u264e\u264f\u2650\u2651\u2652\u2653"
    "\u267f\u2693\u26a1\u26aa\u26ab\u26bd\u26be\u26c4\u26c5\u26ce\u26d4\u26ea"
    "\u26f2\u26f3\u26f5\u26fa\u26fd\u2705\u270a\u270b\u2728\u274c\u274e\u2753"
    "\u2754\u2755\u2757\u2795\u2796\u2797\u27b0\u27bf\u2b1b\u2b1c\u2b50\u2b55"
)
"""The symbols Unicode shows as colour emoji by default (`Emoji_Presentation`, outside the
pictographs): ✨ ✅ ⭐ ❌. The others (☺ ✓ ★) are text by default."""
_EMOJI = re.compile(f"[{_PICTOGRAPHS}{_SYMBOLS}]")
_PARTS = f"(?:[\ufe0f\ufe0e\u20e3]|\u200d[{_PICTOGRAPHS}{_SYMBOLS}]|[\U0001f3fb-\U0001f3ff])*"
"""What follows an emoji as part of it: presentation selectors, keycap, skin tone, and the
emoji a zero-width joiner, U+200D, binds to it."""
_SPACED_SEQUENCE = re.compile(
    f"(?P<before>[ \u00a0]*)(?P<char>[{_PICTOGRAPHS}{_SYMBOLS}]){_PARTS}(?P<after>[ \u00a0]*)"
)
"""An emoji with what is part of it (presentation selectors, keycap, skin tone, and the
emoji a zero-width joiner, U+200D, binds to it; a joiner elsewhere, in Devanagari, stays),
and the spaces around it: an emoji left out takes the spaces that set it apart with it."""


def _opens(char: str) -> bool:
    """Whether a text starts after `char`: none, a space, a tag's end, an opening sign."""
    return char == "" or char.isspace() or char in ">([{«“‘"


def _closes(char: str) -> bool:
    """Whether `char` needs no space before it: a space, a tag, a closing sign."""
    return char.isspace() or char in "<.,;:!?)]}»”’%…"


_JOINERS = "\u200d\ufe0f\ufe0e\u20e3"
"""Invisible parts of emoji sequences: removed with them."""
_IGNORED = {"\n", "\r", "\t", "\u00ad", "\u200b"}
"""Layout characters: never drawn, never missing."""


def is_emoji(char: str) -> bool:
    """Whether `char` is a pictograph or a symbol that fonts may draw as an emoji."""
    return bool(_EMOJI.fullmatch(char))


def strip_emoji(text: str, covered: frozenset[int] | None = None) -> str:
    """`text` without the emoji its font cannot draw, for printed pages. With the font's
    `covered` characters, a symbol it has (☺ ♪) stays; without them (a font chosen by the
    system: the deck's), symbols that are text by default (✓ ★ ➜) stay and those shown as
    colour emoji (✨ ✅) go. Pictographs always go, with their selectors and joined parts."""

    # the emoji goes with the spaces that set it apart ("ERP 🚀." → "ERP.", "🚀 Chef" →
    # "Chef"); one space stays where it parted two words ("sites 🚀 ✨ avec" → "sites avec")
    out: list[str] = []
    last, pending = 0, ""  # pending: the space to write if a word follows

    def follow(piece: str) -> None:
        nonlocal pending
        if pending and piece and not _closes(piece[0]):
            out.append(pending)
        pending = "" if piece else pending
        out.append(piece)

    for match in _SPACED_SEQUENCE.finditer(text):
        follow(text[last : match.start()])
        last = match.end()
        before, char, after = match["before"], match["char"], match["after"]
        if char <= "\uffff" and (
            ord(char) in covered if covered is not None else char not in PRESENTATION
        ):
            follow(before + char + after)
        elif before or after:
            previous = next((piece[-1] for piece in reversed(out) if piece), "")
            if not (pending or _opens(previous)):
                pending = " " if " " in before + after else "\u00a0"
    follow(text[last:])
    return "".join(out).translate(_SELECTORS)  # a keycap's digit stays: 1️⃣ → 1


_SELECTORS = str.maketrans("", "", "\ufe0f\ufe0e\u20e3")

_PRINTED_SPACES = str.maketrans({"\u202f": "\u00a0"})


def printed_spaces(text: str) -> str:
    """`text` with its narrow no-break spaces (French « », ; ! ?: `typography`) made plain
    no-break spaces, for WeasyPrint. The print fonts lack U+202F, so Pango draws it with the
    space glyph, and a PDF maps each glyph to the first character it drew: after « , every
    space of that face read as U+202F (copy, search and screen readers failed)."""
    return text.translate(_PRINTED_SPACES)


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
            return frozenset(json.loads(read_record(record)))
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
        return is_emoji(self.char[0])

    @property
    def described(self) -> str:
        """``« 🚀 » U+1F680``, ``« 👩‍💻 » U+1F469 U+1F4BB`` (the drawn parts of a sequence), in
        any language (Unicode's names are English)."""
        codes = " ".join(f"U+{ord(char):04X}" for char in self.char if char not in _JOINERS)
        return f"« {self.char} » {codes}"


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
            yield from _texts(item, (*path, typed_index(item, index)))


def unprintable(profile: BaseModel, covered: frozenset[int]) -> list[Missing]:
    """Each (field, character) the print font cannot draw, in the profile's order."""
    if not covered:
        return []
    found: dict[tuple[str, str], Missing] = {}
    for path, text in _texts(profile):
        after = 0  # the end of the last sequence named: its parts are not named again
        for at, char in enumerate(text):
            if at < after or ord(char) in covered or char in _IGNORED or char in _JOINERS:
                continue
            match = _SEEN.match(text, at)  # an emoji sequence (👩‍💻, 🇫🇷) is one
            seen = match.group() if match else char
            after = at + len(seen)
            key = (format_path(path), seen)
            found.setdefault(key, Missing(*key))
    return list(found.values())


_SEEN = re.compile(f"[\U0001f1e6-\U0001f1ff]{{2}}|[{_PICTOGRAPHS}{_SYMBOLS}]{_PARTS}|.", re.S)
"""What a reader sees as one character: a flag (two regional indicators), an emoji with what
is part of it, else one code point."""
