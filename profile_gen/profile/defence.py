"""The profile model, the defence: strengths, improvements, self-assessed competencies, the
deck's slides and the answers prepared for the jury."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field

from profile_gen.profile.base import ITEM_LIMIT, Id, Section
from profile_gen.profile.fields import Localized, Markdown, PartialDate
from profile_gen.profile.frameworks import DEFAULT_SCALE, RNCP_35284


class Strength(Section):
    title: Localized
    explanation: Localized = Field(description="One or two sentences, with an example.")
    evidence: list[Id] = Field(
        default_factory=list, max_length=ITEM_LIMIT, description="Achievement ids."
    )


class Improvement(Section):
    title: Localized
    explanation: Localized
    action_plan: Markdown = Field(description="What you will do, concretely.")
    target: PartialDate = Field(description="When the plan should be achieved.")
    competencies: list[Id] = Field(
        default_factory=list,
        max_length=ITEM_LIMIT,
        description="Ids of the competencies this improvement serves.",
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
    evidence: list[Id] = Field(
        default_factory=list, max_length=ITEM_LIMIT, description="Achievement ids."
    )
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
    scale: list[ScaleLevel] = Field(
        default_factory=_default_scale, min_length=2, max_length=ITEM_LIMIT
    )
    items: list[Competency] = Field(default_factory=list, max_length=100)


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
    slides: list[Slide] = Field(default_factory=_default_slides, min_length=1, max_length=100)
    answers: dict[QuestionId, Markdown] = Field(
        default_factory=dict,
        description="Answers prepared for the jury's likely questions, by question id "
        "(listed on the questions page, `soutenance/questions.html`).",
    )
    public_deck: bool = Field(
        False,
        description="Publish the slides with the Book (`diaporama/`, `en/slides/`), without "
        "speaker notes. The notes, cue cards, outline, questions and prepared answers stay on "
        "your computer whatever this says.",
    )

    def without_rehearsal(self) -> Defence:
        """The plan without its rehearsal texts (speaker notes, prepared answers): what a
        printed document may carry (the annexe's attached profile); they stay on the
        student's computer, and editing them reprints no annexe."""
        slides = [slide.model_copy(update={"notes": None}) for slide in self.slides]
        return self.model_copy(update={"slides": slides, "answers": {}})
