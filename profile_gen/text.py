"""Small text helpers shared by every layer (pure: no I/O, no Pelican, no Jinja)."""

from __future__ import annotations

import re
import unicodedata


def slug(
    text: str, taken: set[str] | None = None, fallback: str = "item", limit: int | None = None
) -> str:
    """Lower-case ASCII letters, digits and dashes (`Lyon — Été` -> `lyon-ete`), at most
    `limit` characters, `fallback` when nothing is left; with `taken`, made unique against
    it (`-2`, `-3`, ...) and added to it."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if limit is not None:
        base = base[:limit].strip("-")
    base = base or fallback
    if taken is None:
        return base
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    taken.add(candidate)
    return candidate


def folded(text: str) -> str:
    """`text` lower-cased without its accents (`Étudiant` -> `etudiant`): what a search
    typed in a hurry matches (the cohort page's filter folds what is typed the same way)."""
    decomposed = unicodedata.normalize("NFD", text)  # every mark out, as the script's \p{M}
    return "".join(c for c in decomposed if not unicodedata.category(c).startswith("M")).lower()


LRM = "\u200e"
"""Left-to-right mark: a strong left-to-right character that is never drawn."""


def bidi_closed(text: str) -> str:
    """`text` followed by a left-to-right mark when its last strongly directed character is
    right-to-left (Arabic, Hebrew): a run of a Word or PowerPoint line that follows it (`·
    31 janv. 2022`) then keeps its own order; without it the number joined the Arabic and
    the date was torn apart (the PDF, made from HTML, showed it whole)."""
    for char in reversed(text):
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return text + LRM
        if kind == "L":
            return text
    return text


_BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
"""Characters that reorder the text around them: a line could show other than it says."""


def _escaped(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, keep: str = "") -> str:
    """`text` with its control characters (C0, DEL, C1), bidi controls and lone surrogates
    written as escapes (ESC -> `\\x1b`, U+202E -> `\\u202e`): shown, never obeyed by a
    terminal; the characters of `keep` (e.g. a newline) stay as they are."""
    if text.isprintable() and not _BIDI_CONTROLS.intersection(text):
        return text  # the usual case, without a pass per character
    return "".join(
        _escaped(char)
        if char not in keep
        and (unicodedata.category(char) in ("Cc", "Cs") or char in _BIDI_CONTROLS)
        else char
        for char in text
    )


_SURROGATE = re.compile("[\ud800-\udfff]")


CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
"""Control characters (C0 but tab and line ends, DEL, C1) and the noncharacters U+FFFE and
U+FFFF: invisible, refused by XML (Word, PowerPoint, PDF metadata); the controls are obeyed
by terminals."""


def one_line(text: str) -> str:
    """`text` on one line (its line ends, `\u2028` included, made spaces): a student's value
    quoted in a message cannot start a line of its own (`::error::…`, which a GitHub
    Actions log obeys as a command)."""
    return " ".join(text.splitlines())


def control_character(text: str) -> str | None:
    """`U+001B` for the first control character in `text`, None when there is none."""
    found = CONTROL_CHARS.search(text)
    return f"U+{ord(found.group()):04X}" if found else None


def without_controls(text: str) -> str:
    """`text` without its control characters (tab and line ends kept)."""
    return CONTROL_CHARS.sub("", text)


def lone_surrogate(text: str) -> str | None:
    """`U+D800` for the first lone UTF-16 surrogate in `text` (half of a pair: no file or
    page can hold one), None when there is none."""
    found = _SURROGATE.search(text)
    return f"U+{ord(found.group()):04X}" if found else None
