"""Make imported data fit the profile model: whatever does not fit is dropped and reported,
so an import always writes a valid profile and never hides what it left out."""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

from profile_gen import i18n
from profile_gen.errors import format_path
from profile_gen.interop.mapping import PLACEHOLDERS
from profile_gen.profile import rules
from profile_gen.profile.loader import problem_from_pydantic
from profile_gen.profile.model import Profile

CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""Control characters (pasted from PDFs, word processors): never kept in imported text."""


def clean_text(value: Any) -> Any:
    """Control characters (pasted from PDFs, word processors) removed from every string."""
    if isinstance(value, str):
        return CONTROL_CHARS.sub("", value).strip()
    if isinstance(value, list):
        return [clean_text(item) for item in value]
    if isinstance(value, dict):
        return {key: clean_text(item) for key, item in value.items()}
    return value


def _drop(data: Any, loc: tuple, missing: bool) -> str | None:
    """Remove what `loc` points at (a whole list item when a required field is missing)."""
    if tuple(loc[:2]) in PLACEHOLDERS:
        data.setdefault("identity", {})[loc[1]] = PLACEHOLDERS[tuple(loc[:2])]
        return format_path(loc[:2])
    if missing or len(loc) == 1:
        cut = max((i for i, part in enumerate(loc) if isinstance(part, int)), default=None)
        if cut is None:
            data.pop(loc[0], None)
            return format_path(loc[:1])
        loc = loc[: cut + 1]
    parent = data
    for part in loc[:-1]:
        try:
            parent = parent[part]
        except (KeyError, IndexError, TypeError):
            return None
    try:
        del parent[loc[-1]]
    except (KeyError, IndexError, TypeError):
        return None
    return format_path(loc)


_MARKER = re.compile(r"@@\w+@@")
"""Comment markers the YAML writer turns into comments (`B2@@lang0@@`)."""


def _unmarked(value: Any) -> Any:
    if isinstance(value, str):
        return _MARKER.sub("", value)
    if isinstance(value, list):
        return [_unmarked(item) for item in value]
    if isinstance(value, dict):
        return {key: _unmarked(item) for key, item in value.items()}
    return value


def fit(data: dict[str, Any], lang: str = "fr") -> tuple[dict[str, Any], list[str]]:
    """`data` made valid, and a report line (in `lang`) for each thing removed."""
    data = clean_text(data)
    report: list[str] = []
    for _ in range(200):
        try:
            profile = Profile.model_validate(_unmarked(data))
        except ValidationError as error:
            first = error.errors(include_url=False)[0]
            where = _drop(data, tuple(first["loc"]), first["type"] == "missing")
            if where is None:
                break
            detail = problem_from_pydantic(first).describe(lang)
            report.append(i18n.text(lang, "imp.not_kept", where=where, detail=detail))
            continue
        problems = rules.check(profile)
        if not problems:
            return data, report
        where = _drop(data, tuple(problems[0].path), missing=True)
        if where is None:
            break
        detail = problems[0].describe(lang)
        report.append(i18n.text(lang, "imp.not_kept_rule", where=where, detail=detail))
    raise ValueError("the imported data could not be made valid")
