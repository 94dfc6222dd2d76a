"""What a valid profile still lacks for the thesis annexes and the defence.

`assess` returns data (which item is present, what is missing, which texts lack a
translation); `profile_gen.app.cli` prints it. No I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from profile_gen.errors import FieldPath, format_path
from profile_gen.profile.career import typed_index
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


ANNEXE_HINTS = {
    "cv": ("cv_photo", "cv_entries"),
    "skills_recommendations": ("skills", "recommendations"),
}
"""The hints of the two parts of an item, for when only one of them is missing."""


PLACEHOLDERS: dict[str, str] = {
    "identity.name": "Prénom Nom",
    "identity.headline": "À compléter",
    "identity.contact.email": "prenom.nom@example.fr",
    "experience.organization": "Entreprise",
    "experience.description": "Ce que vous faites, en quelques lignes.",
    "education.institution": "École",
}
"""The example values of the `init` template (`profile_gen/starter/profile.yaml`) and the
words the importers write where the source has nothing: a profile still holding one of
them is "not filled in yet". By place, list indices left out."""

PLACEHOLDERS_EN: dict[str, str] = {
    "identity.name": "First Last",
    "identity.contact.email": "first.last@example.com",
    "experience.organization": "Company",
    "experience.description": "What you do, in a few lines.",
    "education.institution": "School",
}
"""The same example values in the English template (`profile_gen/starter/profile.en.yaml`)."""

NAMES = {
    "identity.contact.city",
    "identity.contact.address",
    "links.others.label",
    "certifications.name",
    "activities.venue",
    "skills.keywords",
    "interests.keywords",
    "achievements.skills",
}
"""Fields that hold names (places, tools, publishers, certificates): written once, they
need no translation."""


def place(path: FieldPath) -> str:
    """``experience[2].organization`` -> ``experience.organization``."""
    return re.sub(r"\[\d+\]", "", format_path(path))


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
    plain_texts: list[str]
    """Where texts are written once (a plain string) in a multilingual profile, names and
    single words left out: they are shown as they are in every language."""
    too_long_for_linkedin: list[TooLong] = field(default_factory=list)
    placeholders: list[tuple[str, str]] = field(default_factory=list)
    """(where, value) of the template's example values still in the profile."""

    @property
    def missing(self) -> list[Check]:
        return [
            check for check in (*self.annexe, *self.defence) if not check.ok and not check.advisory
        ]

    @property
    def ready(self) -> bool:
        return not self.missing and not self.placeholders


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


def annexe_hint(profile: Profile, key: str) -> str:
    """The hint (``check.hint.<it>``) of an annexe item that lacks data: for an item made of
    two parts, the one still missing, so that the hint never asks for what is there."""
    halves = {
        "cv": (bool(profile.identity.photo), bool(profile.experience or profile.education)),
        "skills_recommendations": (bool(profile.skills), bool(profile.recommendations)),
    }
    if key not in halves or halves[key][0] == halves[key][1]:
        return key
    first, second = ANNEXE_HINTS[key]
    return second if halves[key][0] else first


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
    notes = _notes_check(profile, overruns)
    rehearsal = [
        Check(c.key, c.ok, c.context, c.advisory)
        for c in rehearsal_checks(profile)
        if not (notes.key == "no_speaker_notes" and c.key == "rehearsal_notes")  # said once
    ]
    return [
        Check("strengths", len(profile.strengths) == 10, {"count": len(profile.strengths)}),
        Check(
            "improvements", len(profile.improvements) == 10, {"count": len(profile.improvements)}
        ),
        # (none to check before there are competencies, achievements: no vacuous ✓)
        *(
            [Check("evidence", not without_evidence, {"items": ", ".join(without_evidence)})]
            if items
            else []
        ),
        *(
            [Check("dated", not undated, {"items": ", ".join(undated)})]
            if profile.achievements
            else []
        ),
        Check("slides", total == defence.duration, {"total": total, "duration": defence.duration}),
        notes,
        *rehearsal,
    ]


def _notes_check(profile: Profile, overruns: list) -> Check:
    """Notes that fit their slides; none at all is not "fitting": it is missing."""
    if not any(slide.notes for slide in profile.defence.slides):
        return Check("no_speaker_notes", False)
    rate = profile.defence.words_per_minute
    return Check("speaker_notes", not overruns, {"overruns": overruns, "rate": rate})


def iter_texts(value: Any, path: FieldPath = ()) -> Iterator[tuple[FieldPath, Localized]]:
    """Every `Localized` text inside a model, with its path."""
    if isinstance(value, Localized):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from iter_texts(getattr(value, name), (*path, name))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from iter_texts(item, (*path, typed_index(item, index)))


def assess(profile: Profile, article_count: int = 0) -> Readiness:
    annexe = [
        Check(key, ok, {} if ok else {"hint": annexe_hint(profile, key)})
        for key, ok in annexe_items(profile, article_count).items()
    ]
    missing: dict[str, list[str]] = {lang: [] for lang in profile.locale}
    plain = []
    for path, text in iter_texts(profile):
        if text.plain:
            if len(profile.locale) > 1 and _needs_translation(path, text):
                plain.append(format_path(path))
            continue
        for lang in profile.locale:
            if not text.has(lang):
                missing[lang].append(format_path(path))
    return Readiness(
        annexe,
        _defence_checks(profile),
        missing,
        plain,
        _linkedin_lengths(profile),
        placeholders_in(profile),
    )


def _needs_translation(path: FieldPath, text: Localized) -> bool:
    """Sentences and common nouns do; names do not: one word (`SQL`), words that all start
    with a capital or a digit (`Power BI`, `Jira / Confluence`, `ITIL 4 Foundation`), or a
    field that holds names (`NAMES`)."""
    words = next(iter(text.values.values())).split()
    return len(words) > 1 and any(word[:1].islower() for word in words) and place(path) not in NAMES


def placeholders_in(profile: Profile) -> list[tuple[str, str]]:
    """(where, value) of every example value of the template left in `profile`."""
    found = []
    for path, value in iter_values(profile):
        texts = value.values.values() if isinstance(value, Localized) else [str(value)]
        for examples in (PLACEHOLDERS, PLACEHOLDERS_EN):
            example = examples.get(place(path))
            if example is not None and example in texts:
                found.append((format_path(path), example))
    return found


def iter_values(value: Any, path: FieldPath = ()) -> Iterator[tuple[FieldPath, Any]]:
    """Every leaf value inside a model (texts, addresses, dates...), with its path."""
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from iter_values(getattr(value, name), (*path, name))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from iter_values(item, (*path, index))
    elif value is not None:
        yield path, value


def _linkedin_lengths(profile: Profile) -> list[TooLong]:
    texts: list[tuple[str, Localized | None, int]] = [
        ("identity.headline", profile.identity.headline, LINKEDIN_LIMITS["headline"]),
        ("summary", profile.summary, LINKEDIN_LIMITS["summary"]),
    ]
    texts += [
        (
            f"experience[{typed_index(job, index)}].description",
            job.description,
            LINKEDIN_LIMITS["description"],
        )
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
