"""The profile model, the Book's evidence: achievements, activities, recommendations."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from profile_gen.profile.base import ITEM_LIMIT, PATH_LIMIT, Id, Section, ShortText
from profile_gen.profile.fields import EndDate, Localized, Markdown, PartialDate
from profile_gen.profile.formats import WebUrl
from profile_gen.profile.identity import OtherLink


class Image(Section):
    path: str = Field(
        min_length=1, max_length=PATH_LIMIT, description="Relative to the folder of profile.yaml."
    )
    alt: Localized
    caption: Localized | None = None


class Achievement(Section):
    id: Id
    title: Localized
    start: PartialDate | None = None
    end: EndDate | None = None
    organization: ShortText | None = None
    context: Markdown | None = None
    role: Markdown | None = None
    results: list[Localized] = Field(default_factory=list, max_length=ITEM_LIMIT)
    body: Markdown | None = None
    skills: list[Localized] = Field(default_factory=list, max_length=ITEM_LIMIT)
    competencies: list[Id] = Field(
        default_factory=list,
        max_length=ITEM_LIMIT,
        description="Ids of the competencies this achievement evidences.",
    )
    images: list[Image] = Field(default_factory=list, max_length=ITEM_LIMIT)
    links: list[OtherLink] = Field(default_factory=list, max_length=ITEM_LIMIT)


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
    organization: ShortText | None = None
    relationship: Localized | None = Field(None, description="e.g. `Tutrice d'alternance`.")
    date: PartialDate | None = None
    text: Markdown
    url: WebUrl | None = None
