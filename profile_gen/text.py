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
