"""Make imported data fit the profile model: whatever does not fit is dropped and reported,
so an import always writes a valid profile and never hides what it left out."""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

from profile_gen import i18n
from profile_gen.errors import Problem, format_path
from profile_gen.interop.mapping import PLACEHOLDERS
from profile_gen.profile import rules
from profile_gen.profile.loader import problem_from_pydantic
from profile_gen.profile.model import Profile
from profile_gen.profile.yaml_source import MAX_BYTES, MAX_NODES
from profile_gen.text import without_controls

"""Control characters (pasted from PDFs, word processors): never kept in imported text."""


def too_large(data: Any) -> Problem | None:
    """Why imported `data` could never be a profile the loader reads (more values, or more
    text, than its limits), counted before any work on it; None when it could."""
    nodes, size, stack = 0, 0, [data]
    while stack:
        item = stack.pop()
        nodes += 1
        if isinstance(item, dict):
            stack += [*item.keys(), *item.values()]
        elif isinstance(item, list):
            stack += item
        elif isinstance(item, str):
            size += len(item.encode("utf-8", "replace"))
        if nodes > MAX_NODES:
            return Problem("yaml_too_many_nodes", (), {"limit": MAX_NODES})
        if size > MAX_BYTES:
            return Problem("yaml_too_large", (), {"size": size, "limit": MAX_BYTES})
    return None


def clean_text(value: Any) -> Any:
    """Control characters (pasted from PDFs, word processors) removed from every string."""
    if isinstance(value, str):
        return without_controls(value).strip()
    if isinstance(value, list):
        return [clean_text(item) for item in value]
    if isinstance(value, dict):
        return {key: clean_text(item) for key, item in value.items()}
    return value


def _target(loc: tuple, missing: bool) -> tuple:
    """What to remove for a problem at `loc`: the value, or the whole list item (else the
    whole section) when a required field is missing."""
    if missing or len(loc) == 1:
        cut = max((i for i, part in enumerate(loc) if isinstance(part, int)), default=None)
        return loc[:1] if cut is None else loc[: cut + 1]
    return loc


def _at(data: Any, loc: tuple) -> Any:
    """The value at `loc` in `data`, or None when the path leads nowhere."""
    try:
        for part in loc:
            data = data[part]
    except (KeyError, IndexError, TypeError):
        return None
    return data


def _remove(data: Any, loc: tuple) -> bool:
    try:
        del _at(data, loc[:-1])[loc[-1]]
    except (KeyError, IndexError, TypeError):
        return False
    return True


def _order(loc: tuple) -> list[tuple[int, int, str]]:
    """A sort key for paths mixing names and list positions."""
    return [(1, part, "") if isinstance(part, int) else (0, 0, str(part)) for part in loc]


def _drop(data: Any, found: list[tuple[tuple, bool, str]]) -> list[tuple[str, str]]:
    """Remove (in place) what each problem (location, whether a required field is
    missing, its description) points at, all at once: each list from its end, so that no
    removal moves another's position. (path, description) of each thing removed."""
    targets: dict[tuple, tuple[int, str]] = {}
    done = []
    for index, (loc, missing, detail) in enumerate(found):
        if tuple(loc[:2]) in PLACEHOLDERS:
            data.setdefault("identity", {})[loc[1]] = PLACEHOLDERS[tuple(loc[:2])]
            done.append((index, format_path(loc[:2]), detail))
            continue
        targets.setdefault(_target(loc, missing), (index, detail))
    for loc in sorted(targets, key=_order, reverse=True):
        inside = any(loc[:depth] in targets for depth in range(1, len(loc)))
        if not inside and _remove(data, loc):
            done.append((targets[loc][0], format_path(loc), targets[loc][1]))
    return [(where, detail) for _, where, detail in sorted(done)]  # in the order found


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


def _shorten_lists(data: dict[str, Any], errors: list, lang: str) -> list[str]:
    """Each list longer than the profile takes (`too_long`) cut to its first items, in
    place; a report line for each."""
    report = []
    for found in errors:
        if found["type"] != "too_long":
            continue
        node = _at(data, tuple(found["loc"]))
        kept = found.get("ctx", {}).get("max_length")
        if isinstance(node, list) and isinstance(kept, int) and len(node) > kept:
            total = len(node)
            del node[kept:]
            where = format_path(tuple(found["loc"]))
            report.append(i18n.text(lang, "imp.shortened", where=where, kept=kept, total=total))
    return report


MAX_PASSES = 50
"""Each pass removes every problem found at once; a few passes always suffice."""


def fit(data: dict[str, Any], lang: str = "fr") -> tuple[dict[str, Any], list[str]]:
    """`data` made valid, and a report line (in `lang`) for each thing removed."""
    data = clean_text(data)
    report: list[str] = []
    for _ in range(MAX_PASSES):
        try:
            profile = Profile.model_validate(_unmarked(data))
        except ValidationError as error:
            errors = error.errors(include_url=False)
            if shortened := _shorten_lists(data, errors, lang):  # the first items kept
                report += shortened
                continue
            found = [
                (tuple(e["loc"]), e["type"] == "missing", problem_from_pydantic(e).describe(lang))
                for e in errors
            ]
            key = "imp.not_kept"
        else:
            problems = rules.check(profile)
            if not problems:
                return data, report
            found = [(tuple(p.path), True, p.describe(lang)) for p in problems]
            key = "imp.not_kept_rule"
        removed = _drop(data, found)
        if not removed:
            break
        report += [i18n.text(lang, key, where=where, detail=detail) for where, detail in removed]
    raise ValueError("the imported data could not be made valid")
