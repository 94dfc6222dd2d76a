"""The profile model: one pydantic class per section of `profile.yaml`.

Pure data and single-value validation. Cross-references (evidence ids, periods) are checked
by `profile_gen.profile.rules`; files (the photo) by `profile_gen.profile.loader`. No I/O, no HTML.

The sections live in `base`, `identity`, `career`, `portfolio` and `defence`; this module
holds `Profile` and re-exports every section, so `from profile_gen.profile.model import X`
works for all of them.
"""

from __future__ import annotations

from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema, field_validator

from profile_gen import designs
from profile_gen.profile.base import ITEM_LIMIT, Id, Section, ShortText
from profile_gen.profile.career import (
    INTEREST_SCHEMA,
    CefrLevel,
    Certification,
    ContractType,
    Education,
    EuropassGrid,
    Experience,
    Interest,
    Language,
    LanguageCertificate,
    Skill,
)
from profile_gen.profile.defence import (
    DEFAULT_SLIDES,
    Competencies,
    Competency,
    Defence,
    Improvement,
    QuestionId,
    QuestionKind,
    ScaleLevel,
    Slide,
    SlideType,
    Strength,
)
from profile_gen.profile.fields import LANGUAGES, Localized, Markdown, localize
from profile_gen.profile.identity import (
    SHOWN_ON,
    Contact,
    ContactVisibility,
    FocalPoint,
    Identity,
    Links,
    OtherLink,
    Output,
    Photo,
    Visibility,
)
from profile_gen.profile.portfolio import (
    Achievement,
    Activity,
    ActivityKind,
    Image,
    Recommendation,
)

__all__ = [
    "DEFAULT_SLIDES",
    "INTEREST_SCHEMA",
    "SHOWN_ON",
    "Achievement",
    "Activity",
    "ActivityKind",
    "BaseModel",
    "CefrLevel",
    "Certification",
    "Competencies",
    "Competency",
    "Contact",
    "ContactVisibility",
    "ContractType",
    "Defence",
    "Education",
    "EuropassGrid",
    "Experience",
    "FocalPoint",
    "Id",
    "Identity",
    "Image",
    "Improvement",
    "Interest",
    "Language",
    "LanguageCertificate",
    "Links",
    "Locale",
    "OtherLink",
    "Output",
    "Photo",
    "Profile",
    "QuestionId",
    "QuestionKind",
    "Recommendation",
    "ScaleLevel",
    "Section",
    "ShortText",
    "Skill",
    "Slide",
    "SlideType",
    "Strength",
    "Visibility",
]


Locale = Literal["fr", "en"]


def _period_key(item: Experience | Education) -> tuple:
    end = (9999, 12, 31) if item.end.is_present else item.end.key()
    return end, item.start.key()


class Profile(Section):
    """A student's whole profile, as written in `profile.yaml`."""

    model_config = ConfigDict(
        title="profile_gen profile",
        json_schema_extra={"$schema": "https://json-schema.org/draft/2020-12/schema"},
    )

    locale: Annotated[
        list[Locale],
        WithJsonSchema(
            {
                "anyOf": [
                    {"enum": list(LANGUAGES)},
                    {
                        "type": "array",
                        "items": {"enum": list(LANGUAGES)},
                        "minItems": 1,
                        "maxItems": len(LANGUAGES),
                        "uniqueItems": True,
                    },
                ]
            }
        ),
    ] = Field(
        default_factory=lambda: ["fr"],  # type: ignore[arg-type]  # a list of one Locale
        min_length=1,
        description="Language(s) of the outputs, primary first: `fr`, `en` or `[fr, en]`.",
    )
    identity: Identity
    links: Links = Field(default_factory=Links)
    summary: Markdown | None = Field(None, description="The LinkedIn summary / presentation.")
    experience: list[Experience] = Field(default_factory=list, max_length=100)
    education: list[Education] = Field(default_factory=list, max_length=100)
    certifications: list[Certification] = Field(default_factory=list, max_length=100)
    languages: list[Language] = Field(default_factory=list, max_length=ITEM_LIMIT)
    skills: list[Skill] = Field(default_factory=list, max_length=200)
    interests: list[Annotated[Interest, WithJsonSchema(INTEREST_SCHEMA)]] = Field(
        default_factory=list, max_length=100, description="Centres d'intérêt: `[Randonnée, Piano]`."
    )
    achievements: list[Achievement] = Field(default_factory=list, max_length=1_000)
    activities: list[Activity] = Field(default_factory=list, max_length=1_000)
    recommendations: list[Recommendation] = Field(default_factory=list, max_length=100)
    strengths: list[Strength] = Field(
        default_factory=list, max_length=ITEM_LIMIT, description="Exactly 10 for the defence."
    )
    improvements: list[Improvement] = Field(
        default_factory=list,
        max_length=ITEM_LIMIT,
        description="Exactly 10 for the defence, each with an action plan.",
    )
    competencies: Competencies = Field(default_factory=Competencies)
    defence: Defence = Field(default_factory=Defence)
    design: Annotated[
        str,
        WithJsonSchema(
            {
                "anyOf": [
                    {"enum": list(designs.names())},
                    {"type": "string", "pattern": designs.NAME.pattern, "maxLength": 40},
                ]
            }
        ),
    ] = Field(
        designs.DEFAULT,
        max_length=40,  # a design's name (`designs.NAME`)
        description=(
            "The look of the Book, the CV and the deck: "
            + ", ".join(f"`{name}`" for name in designs.names())
            + " (`profile-gen designs` describes them), or the name of your own design, "
            "a folder of `designs/` beside this file. The annexe keeps the thesis's layout."
        ),
    )

    @field_validator("locale", mode="before")
    @classmethod
    def _one_or_several(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value

    @field_validator("locale")
    @classmethod
    def _distinct(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            from pydantic_core import PydanticCustomError

            raise PydanticCustomError("pg_locale_repeat", "repeated", {"found": value})
        return value

    @field_validator("experience", "education")
    @classmethod
    def _newest_first(cls, value: list) -> list:
        """Jobs and studies newest first in every output (ongoing ones first, then by end
        and start date; equal dates keep the order typed), each knowing where it was typed."""
        for index, item in enumerate(value):
            item._typed_at = index
        return sorted(value, key=_period_key, reverse=True)

    @property
    def primary_language(self) -> str:
        return self.locale[0]

    def text(self, value: Localized | None, lang: str | None = None) -> str:
        """`value` in `lang` (default: primary language), falling back to the primary one."""
        return localize(value, lang or self.primary_language, self.primary_language)

    def achievement(self, achievement_id: str) -> Achievement | None:
        return next((a for a in self.achievements if a.id == achievement_id), None)

    def as_shown_on(self, output: Output) -> Profile:
        """The profile without the contact items and the photo whose visibility keeps them
        off `output` (`Identity.as_shown_on`): itself when nothing is kept off."""
        identity = self.identity.as_shown_on(output)
        if identity is self.identity:
            return self
        return self.model_copy(update={"identity": identity})

    @property
    def featured_achievements(self) -> list[Achievement]:
        """The achievements put forward (annexe, deck, home): `defence.featured`, or the
        first three."""
        chosen = [self.achievement(i) for i in self.defence.featured]
        return [a for a in chosen if a is not None] or self.achievements[:3]


assert set(LANGUAGES) == set(get_args(Locale))
