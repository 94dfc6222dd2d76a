"""The profile model: one pydantic class per section of `profile.yaml`.

Pure data and single-value validation. Cross-references (evidence ids, periods) are checked
by `profile_gen.profile.rules`; files (the photo) by `profile_gen.profile.loader`. No I/O, no HTML.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from profile_gen.profile.fields import (
    LANGUAGES,
    EndDate,
    Localized,
    Markdown,
    PartialDate,
    localize,
)
from profile_gen.profile.formats import Color, Email, Phone, WebUrl
from profile_gen.profile.frameworks import DEFAULT_SCALE, RNCP_35284

Id = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$",
        max_length=60,
        description="Identifier: lower-case letters, digits and dashes (e.g. `erp-migration`).",
    ),
]
ShortText = Annotated[str, Field(min_length=1, max_length=200)]


class Section(BaseModel):
    """Base of every section: unknown keys are errors, never silently ignored."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, defer_build=True)


# --------------------------------------------------------------------------- identity


class Visibility(StrEnum):
    public = "public"
    """On the public site and in the printed annexe."""
    annexe = "annexe"
    """In the printed annexe and CV only, never on the web."""
    private = "private"
    """Nowhere."""


Output = Literal["site", "annexe"]
"""Where data is shown: `site` (the Book and the deck, public) or `annexe` (printed)."""

SHOWN_ON: dict[str, frozenset[Visibility]] = {
    "site": frozenset({Visibility.public}),
    "annexe": frozenset({Visibility.public, Visibility.annexe}),
}
"""The one rule of visibility: which settings let an item reach each output."""


class ContactVisibility(Section):
    """Where each contact item appears. Phone and address stay off the web by default."""

    email: Visibility = Visibility.public
    phone: Visibility = Visibility.annexe
    address: Visibility = Visibility.annexe
    city: Visibility = Visibility.public
    photo: Visibility = Visibility.public


class Contact(Section):
    email: Email | None = None
    phone: Phone | None = None
    address: Localized | None = Field(None, description="Postal address.")
    city: Localized | None = Field(None, description="City and country, e.g. `Lyon, France`.")
    visibility: ContactVisibility = Field(
        default_factory=ContactVisibility,
        description="`public` (site and annexe), `annexe` (printed only) or `private`.",
    )

    def shown_on(self, output: Output) -> dict[str, object]:
        """The contact items the person chose to show on `output`, by field name."""
        return {
            name: value
            for name in ("email", "phone", "address", "city")
            if (value := getattr(self, name)) is not None
            and getattr(self.visibility, name) in SHOWN_ON[output]
        }

    def photo_shown_on(self, output: Output) -> bool:
        """Whether the photo may appear on `output` (the Book and the deck are `site`)."""
        return self.visibility.photo in SHOWN_ON[output]


class FocalPoint(Section):
    x: float = Field(0.5, ge=0, le=1, description="0 = left edge, 0.5 = centre, 1 = right edge.")
    y: float = Field(0.5, ge=0, le=1, description="0 = top edge, 0.5 = centre, 1 = bottom edge.")


class Photo(Section):
    path: str = Field(
        min_length=1,
        description="Image file (JPEG, PNG, WebP or HEIC), relative to the folder of "
        "profile.yaml; large phone photos are reduced.",
    )
    alt: Localized = Field(description="Description of the photo for screen readers.")
    focus: FocalPoint = Field(
        default_factory=FocalPoint,
        description="Where the face is, kept in view when the photo is cropped to its frame "
        "(e.g. `{x: 0.5, y: 0.3}` for a face in the upper third).",
    )


class Identity(Section):
    name: ShortText = Field(description="Full name as it should appear.")
    family_name: ShortText | None = Field(
        None,
        description="Family name, when it is not the last word of `name` "
        "(e.g. `Dos Santos`): references are cited as `Dos Santos, A. L.`",
    )
    headline: Localized = Field(description="One line: who you are professionally.")
    photo: Photo | None = None
    contact: Contact = Field(default_factory=Contact)
    color: Color | None = Field(
        None,
        description="Your colour for the Book and the deck (links, titles, buttons), "
        "`#rrggbb`, dark enough for white text; a lighter variant is made for dark mode.",
    )


class OtherLink(Section):
    label: Localized
    url: WebUrl


class Links(Section):
    book: WebUrl | None = Field(None, description="Public address of the Book (for its QR code).")
    linkedin: WebUrl | None = Field(None, description="LinkedIn profile address.")
    others: list[OtherLink] = Field(default_factory=list)

    @property
    def with_qr_code(self) -> dict[str, WebUrl | None]:
        """The links printed with a QR code (annexe and deck), by name, in order."""
        return {"book": self.book, "linkedin": self.linkedin}

    @field_validator("linkedin")
    @classmethod
    def _linkedin_host(cls, url: WebUrl | None) -> WebUrl | None:
        from urllib.parse import urlsplit

        from pydantic_core import PydanticCustomError

        host = (urlsplit(url).hostname or "").lower() if url else ""
        if url and not (host == "linkedin.com" or host.endswith(".linkedin.com")):
            raise PydanticCustomError("pg_linkedin", "not linkedin", {"found": str(url)})
        return url


# --------------------------------------------------------------------------- path


class ContractType(StrEnum):
    work_study = "work-study"
    internship = "internship"
    employee = "employee"
    freelance = "freelance"
    volunteer = "volunteer"
    other = "other"


class Experience(Section):
    title: Localized = Field(description="Job title.")
    organization: ShortText
    location: Localized | None = None
    contract: ContractType | None = None
    start: PartialDate
    end: EndDate = Field(description="End date, or `present`.")
    description: Markdown | None = None
    highlights: list[Localized] = Field(default_factory=list)


class Education(Section):
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
    credential_id: str | None = None
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
    score: str | None = Field(None, description="e.g. `945/990`.")
    date: PartialDate | None = None


class Language(Section):
    name: Localized
    level: CefrLevel = Field(description="CEFR level A1–C2, or `native`.")
    certificate: LanguageCertificate | None = None
    europass: EuropassGrid | None = None

    @field_validator("level", mode="before")
    @classmethod
    def _upper(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) and value.lower() != "native" else value


class Skill(Section):
    """A skill, or a group of skills: `name: Langages` with `keywords: [Python, SQL]`."""

    name: Localized
    category: Localized | None = None
    level: int | None = Field(None, ge=1, le=5, description="Optional level from 1 to 5.")
    keywords: list[Localized] = Field(
        default_factory=list,
        description="Tools, languages or methods of this skill (e.g. `[Python, TypeScript]`).",
    )


class Interest(Section):
    """A centre of interest (*Centres d'intérêt*): a name, and optional details."""

    name: Localized
    keywords: list[Localized] = Field(default_factory=list, description="e.g. `[Piano, Jazz]`.")

    @model_validator(mode="before")
    @classmethod
    def _short_form(cls, value: object) -> object:
        """`- Randonnée` or `- {fr: Randonnée, en: Hiking}` is an interest with a name only."""
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            return {"name": value}
        if isinstance(value, dict) and value and set(value) <= set(LANGUAGES):
            return {"name": value}
        return value


_TEXT = {"type": "string", "minLength": 1}
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
            "properties": {"name": _LOCALIZED, "keywords": {"type": "array", "items": _LOCALIZED}},
            "required": ["name"],
            "additionalProperties": False,
        },
    ],
}


# --------------------------------------------------------------------------- book


class Image(Section):
    path: str = Field(min_length=1, description="Relative to the folder of profile.yaml.")
    alt: Localized
    caption: Localized | None = None


class Achievement(Section):
    id: Id
    title: Localized
    start: PartialDate | None = None
    end: EndDate | None = None
    organization: str | None = None
    context: Markdown | None = None
    role: Markdown | None = None
    results: list[Localized] = Field(default_factory=list)
    body: Markdown | None = None
    skills: list[Localized] = Field(default_factory=list)
    competencies: list[Id] = Field(
        default_factory=list, description="Ids of the competencies this achievement evidences."
    )
    images: list[Image] = Field(default_factory=list)
    links: list[OtherLink] = Field(default_factory=list)


class ActivityKind(StrEnum):
    article = "article"
    talk = "talk"
    post = "post"
    event = "event"
    video = "video"
    other = "other"


class Activity(Section):
    kind: ActivityKind
    title: Localized
    date: PartialDate
    url: WebUrl | None = None
    venue: Localized | None = Field(None, description="Publisher, event or platform.")
    summary: Markdown | None = None


class Recommendation(Section):
    author: ShortText
    role: Localized | None = Field(None, description="Author's job title.")
    organization: str | None = None
    relationship: Localized | None = Field(None, description="e.g. `Tutrice d'alternance`.")
    date: PartialDate | None = None
    text: Markdown
    url: WebUrl | None = None


# --------------------------------------------------------------------------- defence


class Strength(Section):
    title: Localized
    explanation: Localized = Field(description="One or two sentences, with an example.")
    evidence: list[Id] = Field(default_factory=list, description="Achievement ids.")


class Improvement(Section):
    title: Localized
    explanation: Localized
    action_plan: Markdown = Field(description="What you will do, concretely.")
    target: PartialDate = Field(description="When the plan should be achieved.")
    competencies: list[Id] = Field(
        default_factory=list, description="Ids of the competencies this improvement serves."
    )


class ScaleLevel(Section):
    level: int = Field(ge=0, le=10)
    label: Localized


class Competency(Section):
    id: Id
    name: Localized | None = Field(
        None, description="Optional for the built-in ids of RNCP 35284 (e.g. `gestion-projets`)."
    )
    description: Markdown | None = None
    level: int = Field(ge=0, le=10, description="Self-assessed level on the scale.")
    target: int | None = Field(None, ge=0, le=10, description="Level aimed at.")
    evidence: list[Id] = Field(default_factory=list, description="Achievement ids.")
    comment: Markdown | None = None

    def display_name(self) -> Localized:
        if self.name is not None:
            return self.name
        return Localized(dict(RNCP_35284[self.id]))


def _default_scale() -> list[ScaleLevel]:
    return [ScaleLevel(level=n, label=Localized(dict(label))) for n, label in DEFAULT_SCALE]


class Competencies(Section):
    framework: Localized | None = Field(
        None, description="Name of the framework; RNCP 35284 by default."
    )
    scale: list[ScaleLevel] = Field(default_factory=_default_scale, min_length=2)
    items: list[Competency] = Field(default_factory=list)


class SlideType(StrEnum):
    title_page = "title"  # not `title`: that would hide `str.title`
    profile = "profile"
    achievements = "achievements"
    recommendations = "recommendations"
    strengths = "strengths"
    improvements = "improvements"
    closing = "closing"


class Slide(Section):
    type: SlideType
    seconds: int = Field(ge=5, le=300, description="Time budget of the slide.")
    notes: Markdown | None = Field(None, description="Speaker notes.")


DEFAULT_SLIDES = (
    (SlideType.title_page, 20),
    (SlideType.profile, 40),
    (SlideType.achievements, 60),
    (SlideType.recommendations, 30),
    (SlideType.strengths, 60),
    (SlideType.improvements, 70),
    (SlideType.closing, 20),
)
"""The default plan of the 5-minute segment; the seconds add up to exactly 300."""


def _default_slides() -> list[Slide]:
    return [Slide(type=kind, seconds=seconds) for kind, seconds in DEFAULT_SLIDES]


class QuestionKind(StrEnum):
    """Kinds of the jury's likely questions (`profile_gen.profile.rehearsal`)."""

    level = "level"
    """A competency below its target."""
    evidence = "evidence"
    """A competency with thin evidence."""
    improvement = "improvement"
    """An improvement that serves no competency of the self-assessment."""
    strength = "strength"
    """A strength with no achievement as evidence."""
    figures = "figures"
    """An achievement's figures, to be ready to explain."""
    plan = "plan"
    """An improvement serving a competency already at its target."""


QuestionId = Annotated[
    str,
    Field(
        pattern=r"^(level|evidence|improvement|strength|figures|plan)/[a-z0-9]+(-[a-z0-9]+)*$",
        description="A question's id as the questions page shows it, e.g. `level/gestion-projets`.",
    ),
]


class Defence(Section):
    duration: int = Field(300, ge=60, le=3600, description="Length of the segment in seconds.")
    words_per_minute: int = Field(140, ge=60, le=250)
    featured: list[Id] = Field(
        default_factory=list, max_length=3, description="2 or 3 achievement ids to highlight."
    )
    quotes: list[Annotated[int, Field(ge=1)]] = Field(
        default_factory=list,
        max_length=3,
        description="Recommendations to quote, by position (1 = the first); the first 3 by default.",
    )
    slides: list[Slide] = Field(default_factory=_default_slides, min_length=1)
    answers: dict[QuestionId, Markdown] = Field(
        default_factory=dict,
        description="Answers prepared for the jury's likely questions, by question id "
        "(listed on the questions page, `soutenance/questions.html`).",
    )


# --------------------------------------------------------------------------- profile


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
                    {"enum": ["fr", "en"]},
                    {
                        "type": "array",
                        "items": {"enum": ["fr", "en"]},
                        "minItems": 1,
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
    experience: list[Experience] = Field(default_factory=list)
    education: list[Education] = Field(default_factory=list)
    certifications: list[Certification] = Field(default_factory=list)
    languages: list[Language] = Field(default_factory=list)
    skills: list[Skill] = Field(default_factory=list)
    interests: list[Annotated[Interest, WithJsonSchema(INTEREST_SCHEMA)]] = Field(
        default_factory=list, description="Centres d'intérêt: `[Randonnée, Piano]`."
    )
    achievements: list[Achievement] = Field(default_factory=list)
    activities: list[Activity] = Field(default_factory=list)
    recommendations: list[Recommendation] = Field(default_factory=list)
    strengths: list[Strength] = Field(
        default_factory=list, description="Exactly 10 for the defence."
    )
    improvements: list[Improvement] = Field(
        default_factory=list, description="Exactly 10 for the defence, each with an action plan."
    )
    competencies: Competencies = Field(default_factory=Competencies)
    defence: Defence = Field(default_factory=Defence)

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
        and start date; equal dates keep the order typed)."""
        return sorted(value, key=_period_key, reverse=True)

    @property
    def primary_language(self) -> str:
        return self.locale[0]

    def text(self, value: Localized | None, lang: str | None = None) -> str:
        """`value` in `lang` (default: primary language), falling back to the primary one."""
        return localize(value, lang or self.primary_language, self.primary_language)

    def achievement(self, achievement_id: str) -> Achievement | None:
        return next((a for a in self.achievements if a.id == achievement_id), None)

    @property
    def featured_achievements(self) -> list[Achievement]:
        """The achievements put forward (annexe, deck, home): `defence.featured`, or the
        first three."""
        chosen = [self.achievement(i) for i in self.defence.featured]
        return [a for a in chosen if a is not None] or self.achievements[:3]


assert set(LANGUAGES) == set(get_args(Locale))
