"""Dates as LinkedIn and JSON Resume write them, to the profile's `YYYY[-MM[-DD]]`."""

from __future__ import annotations

import re
import unicodedata

from profile_gen import i18n


def _month_names() -> dict[str, int]:
    """Every spelling of each month the catalogues know, full and short, with and without
    accents, and its first three letters when they name one month only (not ``jui``)."""
    found: dict[str, set[int]] = {}
    for lang in i18n.LANGUAGES:
        for month in range(1, 13):
            for short in (False, True):
                name = i18n.month_name(lang, month, short).lower().rstrip(".")
                plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
                for spelling in (name, plain, name[:3], plain[:3]):
                    found.setdefault(spelling, set()).add(month)
    return {name: months.pop() for name, months in found.items() if len(months) == 1}


_MONTHS = _month_names()


def parse_date(text: str | None) -> str | None:
    """`Jan 2024` -> `2024-01`; `2015`; `Jan 30, 2020` -> `2020-01-30`;
    `03/14/11, 01:52 AM` -> `2011-03-14`; ISO dates kept. None when empty or unknown."""
    if not text or not text.strip():
        return None
    value = text.strip()
    if match := re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:T.*)?", value):
        return "-".join(part for part in match.groups() if part)
    if match := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2,4})(?:,?\s+.*)?", value):
        month, day, year = (int(part) for part in match.groups())
        year += 2000 if year < 100 else 0
        return f"{year:04d}-{month:02d}-{day:02d}"
    if match := re.fullmatch(r"([A-Za-zéûÉ]+)\.?\s+(\d{1,2}),\s*(\d{4})", value):
        named = _MONTHS.get(match.group(1).lower())
        if named:
            return f"{int(match.group(3)):04d}-{named:02d}-{int(match.group(2)):02d}"
    if match := re.fullmatch(r"([A-Za-zéûÉ]+)\.?\s+(\d{4})", value):
        named = _MONTHS.get(match.group(1).lower())
        if named:
            return f"{int(match.group(2)):04d}-{named:02d}"
    return None
