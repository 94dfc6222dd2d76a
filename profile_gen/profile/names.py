"""A person's name as a reference cites it (`Moreau, L.`): used by the citations and by the
importers, which guess whether a family name needs saying apart."""

from __future__ import annotations

PARTICLES = frozenset(
    {"de", "du", "des", "la", "le", "les", "van", "von", "der", "den", "da", "di", "del"}
    | {"della", "dos", "das", "ten", "ter", "zu"}
)
"""Words (in any case) that begin a family name: `Jean de La Tour` is `de La Tour, J.`"""


def author_name(full_name: str, family_name: str | None = None) -> str:
    """``Léa Moreau`` → ``Moreau, L.``; ``Jean-Pierre de La Tour`` → ``de La Tour, J.-P.``.

    The family name is `family_name` when given (and found at the end of the full name),
    otherwise the last word with the particles before it.
    """
    words = full_name.split()
    if not words:
        return ""
    family = (family_name or "").split()
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


def _initials(given: str) -> str:
    """``Jean-Pierre`` → ``J.-P.``; ``Léa`` → ``L.``"""
    return "-".join(f"{part[0]}." for part in given.split("-") if part)
