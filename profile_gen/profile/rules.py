"""Consistency rules across fields: periods, unique ids and references between sections.

Each rule reads a validated `Profile` and yields `Problem`s with the exact field path;
the loader adds the file positions. No I/O.
"""

from __future__ import annotations

from collections.abc import Iterator

from profile_gen.errors import FieldPath, Problem, format_path
from profile_gen.profile.career import typed_index
from profile_gen.profile.frameworks import RNCP_35284
from profile_gen.profile.model import Profile


def _known(ids: list[str]) -> str:
    return ", ".join(ids) if ids else "—"


def check_periods(profile: Profile) -> Iterator[Problem]:
    """An end before its start, at the item as typed (jobs and studies are kept sorted)."""
    for section in ("experience", "education", "achievements"):
        for index, item in enumerate(getattr(profile, section)):
            if item.start and item.end and item.end.precedes(item.start):
                yield Problem(
                    "end_before_start",
                    (section, typed_index(item, index), "end"),
                    {"start": str(item.start), "end": str(item.end)},
                )


def _unique(ids: list[str], section: FieldPath) -> Iterator[Problem]:
    first: dict[str, int] = {}
    for index, item_id in enumerate(ids):
        if item_id in first:
            yield Problem(
                "duplicate_id",
                (*section, index, "id"),
                {"found": item_id, "first": format_path((*section, first[item_id]))},
            )
        else:
            first[item_id] = index


def competency_ids(profile: Profile) -> list[str]:
    """Ids a reference to a competency may use: the profile's own, else RNCP 35284's."""
    own = [c.id for c in profile.competencies.items]
    return own or list(RNCP_35284)


def check_ids(profile: Profile) -> Iterator[Problem]:
    yield from _unique([a.id for a in profile.achievements], ("achievements",))
    yield from _unique([c.id for c in profile.competencies.items], ("competencies", "items"))
    for index, competency in enumerate(profile.competencies.items):
        if competency.name is None and competency.id not in RNCP_35284:
            yield Problem(
                "competency_name_required",
                ("competencies", "items", index, "id"),
                {"found": competency.id},
            )


def check_references(profile: Profile) -> Iterator[Problem]:
    achievements = [a.id for a in profile.achievements]
    competencies = competency_ids(profile)

    def refs(ids: list[str], known: list[str], path: FieldPath, code: str) -> Iterator[Problem]:
        for index, ref in enumerate(ids):
            if ref not in known:
                yield Problem(code, (*path, index), {"found": ref, "known": _known(known)})

    for i, strength in enumerate(profile.strengths):
        yield from refs(
            strength.evidence, achievements, ("strengths", i, "evidence"), "unknown_achievement"
        )
    for i, item in enumerate(profile.competencies.items):
        yield from refs(
            item.evidence,
            achievements,
            ("competencies", "items", i, "evidence"),
            "unknown_achievement",
        )
    for i, achievement in enumerate(profile.achievements):
        yield from refs(
            achievement.competencies,
            competencies,
            ("achievements", i, "competencies"),
            "unknown_competency",
        )
    for i, improvement in enumerate(profile.improvements):
        yield from refs(
            improvement.competencies,
            competencies,
            ("improvements", i, "competencies"),
            "unknown_competency",
        )
    featured = profile.defence.featured
    yield from refs(featured, achievements, ("defence", "featured"), "unknown_achievement")
    for index, ref in enumerate(featured):
        if ref in featured[:index]:
            yield Problem("featured_duplicate", ("defence", "featured", index), {"found": ref})
    count = len(profile.recommendations)
    for index, position in enumerate(profile.defence.quotes):
        if position > count:
            yield Problem(
                "unknown_quote", ("defence", "quotes", index), {"found": position, "count": count}
            )


def check_scale(profile: Profile) -> Iterator[Problem]:
    scale = profile.competencies.scale
    levels = [step.level for step in scale]
    for index, level in enumerate(levels):
        if level in levels[:index]:
            yield Problem(
                "scale_duplicate", ("competencies", "scale", index, "level"), {"found": level}
            )
    shown = ", ".join(str(level) for level in sorted(set(levels)))
    for i, item in enumerate(profile.competencies.items):
        for name in ("level", "target"):
            value = getattr(item, name)
            if value is not None and value not in levels:
                yield Problem(
                    "level_not_on_scale",
                    ("competencies", "items", i, name),
                    {"found": value, "levels": shown},
                )


RULES = (check_periods, check_ids, check_references, check_scale)


def check(profile: Profile) -> list[Problem]:
    """Every consistency problem of `profile`, in the order of the rules."""
    return [problem for rule in RULES for problem in rule(profile)]
