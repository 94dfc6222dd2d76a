"""The profile model, the path (*parcours*): jobs, studies, certifications, languages, skills
and interests."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field, PrivateAttr, field_validator, model_validator

from profile_gen.profile.base import ITEM_LIMIT, Section, ShortText
from profile_gen.profile.fields import (
    LANGUAGES,
    TEXT_LIMIT,
    EndDate,
    Localized,
    Markdown,
    PartialDate,
)
from profile_gen.profile.formats import WebUrl


class ContractType(StrEnum):
    work_study = "work-study"
    internship = "internship"
    employee = "employee"
    freelance = "freelance"
    volunteer = "volunteer"
    other = "other"


class Dated(Section):
    """A job or a study: its list is kept newest first (`Profile`), not in the order typed;
    `typed_at` is its index as typed, where a problem with it is reported."""

    _typed_at: int | None = PrivateAttr(default=None)

    @property
    def typed_at(self) -> int | None:
        return self._typed_at


def typed_index(item: object, index: int) -> int:
    """Where `item`, found at `index` of its list, was typed: a job or a study's own
    `typed_at` (their lists are kept sorted), else `index`. Every path a problem names goes
    through it, so `experience[0]` is the first job written in `profile.yaml`."""
    typed = item.typed_at if isinstance(item, Dated) else None
    return index if typed is None else typed


class Experience(Dated):
    title: Localized = Field(description="Job title.")
    organization: ShortText
    location: Localized | None = None
    contract: ContractType | None = None
    start: PartialDate
    end: EndDate = Field(description="End date, or `present`.")
    description: Markdown | None = None
    highlights: list[Localized] = Field(default_factory=list, max_length=ITEM_LIMIT)


class Education(Dated):
    degree: Localized = Field(description="Degree or programme.")
    institution: ShortText
    location: Localized | None = None
    start: PartialDate
    end: EndDate
    description: Markdown | None = None


class Certification(Section):
    name: Localized
    issuer: ShortText
    date: PartialDate
    expires: PartialDate | None = None
    credential_id: ShortText | None = None
    url: WebUrl | None = None


class CefrLevel(StrEnum):
    A1 = "A1"
    A2 = "A2"
    B1 = "B1"
    B2 = "B2"
    C1 = "C1"
    C2 = "C2"
    native = "native"


class EuropassGrid(Section):
    """Self-assessment grid of the Europass language passport."""

    listening: CefrLevel
    reading: CefrLevel
    spoken_interaction: CefrLevel
    spoken_production: CefrLevel
    writing: CefrLevel


class LanguageCertificate(Section):
    name: ShortText = Field(description="e.g. TOEIC, IELTS, DELF.")
    score: ShortText | None = Field(None, description="e.g. `945/990`.")
    date: PartialDate | None = None


class Language(Section):
    name: Localized
    level: CefrLevel = Field(description="CEFR level A1–C2, or `native`.")
    certificate: LanguageCertificate | None = None
    europass: EuropassGrid | None = None

    @field_validator("level", mode="before")
    @classmethod
    def _upper(cls, value: object) -> object:
        """`b2`, `“B2”` (quotes a word processor curled), `Native`: the level meant; any
        other text as typed, which the error then quotes (`Courant`, not `COURANT`)."""
        if not isinstance(value, str):
            return value
        cleaned = value.strip().strip("“”„«»\"'‘’\u00a0 ")
        if cleaned.lower() == "native":
            return CefrLevel.native.value
        return cleaned.upper() if cleaned.upper() in CefrLevel.__members__ else value


class Skill(Section):
    """A skill, or a group of skills: `name: Langages` with `keywords: [Python, SQL]`."""

    name: Localized
    category: Localized | None = None
    level: int | None = Field(None, ge=1, le=5, description="Optional level from 1 to 5.")
    keywords: list[Localized] = Field(
        default_factory=list,
        max_length=ITEM_LIMIT,
        description="Tools, languages or methods of this skill (e.g. `[Python, TypeScript]`).",
    )


class Interest(Section):
    """A centre of interest (*Centres d'intérêt*): a name, and optional details."""

    name: Localized
    keywords: list[Localized] = Field(
        default_factory=list, max_length=ITEM_LIMIT, description="e.g. `[Piano, Jazz]`."
    )

    @model_validator(mode="before")
    @classmethod
    def _short_form(cls, value: object) -> object:
        """`- Randonnée` or `- {fr: Randonnée, en: Hiking}` is an interest with a name only."""
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            return {"name": value}
        if isinstance(value, dict) and value and set(value) <= set(LANGUAGES):
            return {"name": value}
        return value


_TEXT = {"type": "string", "minLength": 1, "maxLength": TEXT_LIMIT}
_LOCALIZED = {
    "anyOf": [
        _TEXT,
        {
            "type": "object",
            "properties": {lang: _TEXT for lang in LANGUAGES},
            "additionalProperties": False,
            "minProperties": 1,
        },
    ]
}
INTEREST_SCHEMA = {
    "description": "An interest: `Randonnée`, `{fr: Randonnée, en: Hiking}`, "
    "or `{name: Musique, keywords: [Piano, Jazz]}`.",
    "anyOf": [
        *_LOCALIZED["anyOf"],
        {
            "type": "object",
            "properties": {
                "name": _LOCALIZED,
                "keywords": {"type": "array", "items": _LOCALIZED, "maxItems": ITEM_LIMIT},
            },
            "required": ["name"],
            "additionalProperties": False,
        },
    ],
}
