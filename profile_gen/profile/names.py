"""A person's name as a reference cites it (`Moreau, L.`): used by the citations and by the
importers, which guess whether a family name needs saying apart."""

from __future__ import annotations

import unicodedata

PARTICLES = frozenset(
    {"de", "du", "des", "la", "le", "les", "van", "von", "der", "den", "da", "di", "del"}
    | {"della", "dos", "das", "ten", "ter", "zu"}
)
"""Words (in any case) that begin a family name: `Jean de La Tour` is `de La Tour, J.`"""


_NOT_NAME = "\ufe0e\ufe0f\u20e3"
"""Emoji selectors and the keycap: marks, yet no part of a name."""


def plain_name(name: str) -> str:
    """`name` as a reference writes it: without the emoji and symbols a student may put in
    a display name (``Léa Moreau 🌻`` → ``Léa Moreau``), spaces made single. Letters,
    marks, digits and the name's own punctuation (``-`` ``'`` ``’`` ``.``) stay."""
    kept = (
        char
        if char not in _NOT_NAME and (unicodedata.category(char)[0] in "LMNZ" or char in "-'’.")
        else " "
        for char in name
    )
    return " ".join("".join(kept).split())


def author_name(full_name: str, family_name: str | None = None) -> str:
    """``Léa Moreau`` → ``Moreau, L.``; ``Jean-Pierre de La Tour`` → ``de La Tour, J.-P.``.

    The family name is `family_name` when given (and found at the end of the full name),
    otherwise the last word with the particles before it. Emoji and symbols are no part of
    the name (`plain_name`).
    """
    words = _words(full_name)
    if not words:
        return ""
    family = _words(family_name or "")
    if family and words[-len(family) :] == family:
        given = words[: -len(family)]
    else:
        start = len(words) - 1
        while start > 1 and words[start - 1].lower() in PARTICLES:
            start -= 1
        family, given = words[start:], words[:start]
    if not given:
        return " ".join(family)
    return f"{' '.join(family)}, {' '.join(_initials(word) for word in given)}"


def _words(name: str) -> list[str]:
    """The words of `name` that hold a letter, its emoji and symbols left out."""
    return [word for word in plain_name(name).split() if any(c.isalpha() for c in word)]


def _initials(given: str) -> str:
    """``Jean-Pierre`` → ``J.-P.``; ``Léa`` → ``L.``; the first letter of each part."""
    parts = (next((c for c in part if c.isalpha()), "") for part in given.split("-"))
    return "-".join(f"{initial}." for initial in parts if initial)
