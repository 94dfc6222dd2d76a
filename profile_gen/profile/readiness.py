"""What a valid profile still lacks for the thesis annexes and the defence.

`assess` returns data (which item is present, what is missing, which texts lack a
translation); `profile_gen.app.cli` prints it. No I/O.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from profile_gen.errors import Path, format_path
from profile_gen.profile.deck_plan import note_overruns
from profile_gen.profile.fields import Localized
from profile_gen.profile.model import Profile
from profile_gen.profile.rehearsal import rehearsal_checks

ANNEXE_ITEMS = (
    "cv",
    "path",
    "training",
    "languages",
    "book_qr",
    "linkedin_qr",
    "achievements",
    "summary",
    "activities",
    "skills_recommendations",
    "self_assessment",
)
"""The annexe items of the methodology, in its order, then the competency self-assessment
prepared for the 15-minute exchange (labels: ``item.<key>``)."""


@dataclass
class Check:
    key: str
    ok: bool
    context: dict[str, Any] = field(default_factory=dict)
    advisory: bool = False
    """Advice only: does not make the profile incomplete."""


LINKEDIN_LIMITS = {"headline": 220, "summary": 2600, "description": 2000}
"""Characters LinkedIn accepts in the headline, the About section and a position's
description: the profile's texts are meant to be pasted there."""


@dataclass(frozen=True)
class TooLong:
    """A text longer than its LinkedIn field accepts."""

    path: str
    lang: str
    length: int
    limit: int


@dataclass
class Readiness:
    annexe: list[Check]
    defence: list[Check]
    missing_translations: dict[str, list[str]]
    """Per language, the paths of texts that fall back to the primary language."""
    plain_texts: int
    """Texts written once (a plain string) in a multilingual profile."""
    too_long_for_linkedin: list[TooLong] = field(default_factory=list)

    @property
    def missing(self) -> list[Check]:
        return [
            check for check in (*self.annexe, *self.defence) if not check.ok and not check.advisory
        ]

    @property
    def ready(self) -> bool:
        return not self.missing


def annexe_items(profile: Profile, article_count: int = 0) -> dict[str, bool]:
    """Whether each annexe item of the methodology has data, in the methodology's order."""
    identity = profile.identity
    return {
        "cv": bool(identity.photo and (profile.experience or profile.education)),
        "path": bool(profile.experience),
        "training": bool(profile.education or profile.certifications),
        "languages": bool(profile.languages),
        "book_qr": profile.links.book is not None,
        "linkedin_qr": profile.links.linkedin is not None,
        "achievements": bool(profile.achievements),
        "summary": profile.summary is not None,
        "activities": bool(profile.activities) or article_count > 0,
        "skills_recommendations": bool(profile.skills and profile.recommendations),
        "self_assessment": bool(profile.competencies.items),
    }


def _defence_checks(profile: Profile) -> list[Check]:
    items = profile.competencies.items
    lang = profile.primary_language
    without_evidence = [profile.text(c.display_name(), lang) for c in items if not c.evidence]
    undated = [profile.text(a.title, lang) for a in profile.achievements if a.start is None]
    defence = profile.defence
    total = sum(slide.seconds for slide in defence.slides)
    overruns = [
        (lang, warning) for lang in profile.locale for warning in note_overruns(profile, lang)
    ]
    return [
        Check("strengths", len(profile.strengths) == 10, {"count": len(profile.strengths)}),
        Check(
            "improvements", len(profile.improvements) == 10, {"count": len(profile.improvements)}
        ),
        Check("evidence", not without_evidence, {"items": ", ".join(without_evidence)}),
        Check("dated", not undated, {"items": ", ".join(undated)}),
        Check("slides", total == defence.duration, {"total": total, "duration": defence.duration}),
        Check(
            "speaker_notes", not overruns, {"overruns": overruns, "rate": defence.words_per_minute}
        ),
        *(Check(c.key, c.ok, c.context, c.advisory) for c in rehearsal_checks(profile)),
    ]


def iter_texts(value: Any, path: Path = ()) -> Iterator[tuple[Path, Localized]]:
    """Every `Localized` text inside a model, with its path."""
    if isinstance(value, Localized):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from iter_texts(getattr(value, name), (*path, name))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from iter_texts(item, (*path, index))


def assess(profile: Profile, article_count: int = 0) -> Readiness:
    annexe = [Check(key, ok) for key, ok in annexe_items(profile, article_count).items()]
    missing: dict[str, list[str]] = {lang: [] for lang in profile.locale}
    plain = 0
    for path, text in iter_texts(profile):
        if text.plain:
            plain += 1 if len(profile.locale) > 1 else 0
            continue
        for lang in profile.locale:
            if not text.has(lang):
                missing[lang].append(format_path(path))
    return Readiness(annexe, _defence_checks(profile), missing, plain, _linkedin_lengths(profile))


def _linkedin_lengths(profile: Profile) -> list[TooLong]:
    texts: list[tuple[str, Localized | None, int]] = [
        ("identity.headline", profile.identity.headline, LINKEDIN_LIMITS["headline"]),
        ("summary", profile.summary, LINKEDIN_LIMITS["summary"]),
    ]
    texts += [
        (f"experience[{index}].description", job.description, LINKEDIN_LIMITS["description"])
        for index, job in enumerate(profile.experience)
    ]
    found = []
    for path, text, limit in texts:
        if text is None:
            continue
        for lang in profile.locale:
            length = len(profile.text(text, lang))
            if length > limit and (text.has(lang) or lang == profile.primary_language):
                found.append(TooLong(path, lang, length, limit))
    return found
