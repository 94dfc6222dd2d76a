"""The defence deck as every format shows it, one language at a time: its slides with their
numbers, headings and titles ("(n/m)" on a list split over several slides), each slide's
type scale, its notes and speaking time, the QR codes and their targets, the closing
links, the figures, the document's date. The HTML deck, its outline, `outline.md`, the cue
cards, the presenter view, the PDF deck and the PowerPoint only lay this out.

Computed once per build (`DocumentViews.deck`), like RenderCV's `process_model`: one
preparation for every renderer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from profile_gen.media.qr import QrCode
from profile_gen.profile.deck_plan import DeckSlide
from profile_gen.profile.fields import localize
from profile_gen.profile.model import Profile, SlideType
from profile_gen.views.book import figures
from profile_gen.views.deck_fit import RESULTS_SHOWN, SlideFit, fit_deck
from profile_gen.views.titles import part_label, slide_heading, slide_title

__all__ = ["RESULTS_SHOWN", "DeckView", "SlideView", "deck_view", "slide_title"]


@dataclass(frozen=True)
class SlideView:
    """One slide as every format shows it."""

    number: int
    """1-based, in the deck."""
    plan: DeckSlide
    heading: str
    """The heading on the slide, without its part."""
    part: str
    """"(n/m)" on a slide of a split list, else ""."""
    title: str
    """The slide's name where it is listed (outline, cards, presenter), with its part."""
    fit: SlideFit
    """The slide's type scale (`deck_fit`)."""
    notes_text: str
    """The speaker's notes (Markdown) in the deck's language, "" when none."""
    words: int
    speaking: int
    """Seconds it takes to say the notes at the profile's rate."""

    @property
    def type(self) -> SlideType:
        return self.plan.type

    @property
    def items(self) -> list[Any]:
        return self.plan.items

    @property
    def notes(self) -> Any:
        """The notes as written in the profile (each language), for the templates' filters."""
        return self.plan.notes

    @property
    def without_notes(self) -> str:
        """The label said where the slide has no notes: a slide the tool split off a list
        (its second part on) goes on from the one before, whose notes cover it; another has
        none written yet."""
        return "deck.notes_continued" if self.plan.part > 1 else "deck.no_notes"

    @property
    def seconds(self) -> int:
        return self.plan.seconds

    @property
    def first_number(self) -> int:
        return self.plan.first_number


@dataclass(frozen=True)
class DeckView:
    """The deck in one language."""

    lang: str
    name: str
    slides: list[SlideView]
    qr_links: dict[str, str | None]
    """The targets of the QR codes, by name (`book`, `linkedin`): `views.book.qr_links`."""
    qr_codes: list[tuple[str, QrCode]] = field(default_factory=list)
    """The QR codes shown (title and closing slides), in order."""
    closing_links: list[str] = field(default_factory=list)
    """The addresses the closing slide prints: the Book in this language, LinkedIn."""
    contact: dict[str, object] = field(default_factory=dict)
    """The contact items shown online (the closing slide's e-mail)."""
    figures: list[tuple[str, int]] = field(default_factory=list)
    """The profile slide's counts: (key of `figure.<key>`, count)."""
    photo_alt: str | None = None
    """The photo's alternative text when the deck shows the photo, else None."""
    date: datetime | None = None
    """The document's date (`views.documents.document_date`): PDF and PowerPoint."""
    font: str = ""
    """The font its texts were measured with (`measure.deck_font`), the PowerPoint's too."""

    @property
    def book_home(self) -> str | None:
        return self.qr_links.get("book")

    @property
    def total(self) -> int:
        return len(self.slides)


def slide_views(
    profile: Profile, lang: str, plan: list[DeckSlide], font: str = ""
) -> list[SlideView]:
    """The slides of `plan` (the fitted plan) in `lang`, measured in `font`."""
    primary, rate = profile.primary_language, profile.defence.words_per_minute
    views = []
    fits = fit_deck(profile, lang, plan, font)
    for number, (slide, fit) in enumerate(zip(plan, fits, strict=True), 1):
        part = part_label(slide)
        title = slide_title(profile, lang, slide.type)
        views.append(
            SlideView(
                number=number,
                plan=slide,
                heading=slide_heading(profile, lang, slide.type),
                part=part,
                title=f"{title} {part}" if part else title,
                fit=fit,
                notes_text=localize(slide.notes, lang, primary).strip() if slide.notes else "",
                words=slide.note_words(lang, primary),
                speaking=slide.speaking_seconds(lang, primary, rate),
            )
        )
    return views


def deck_view(
    profile: Profile,
    lang: str,
    plan: list[DeckSlide],
    qr_links: dict[str, str | None],
    qr_codes: dict[str, QrCode | None] | None = None,
    date: datetime | None = None,
    font: str = "",
) -> DeckView:
    """The deck of `profile` in `lang`: `plan` is the fitted plan (the same slides in every
    language), `qr_links` the QR targets in `lang`, `qr_codes` their codes."""
    photo = profile.identity.photo
    shown = photo if photo and profile.identity.contact.photo_shown_on("online") else None
    linkedin = str(profile.links.linkedin) if profile.links.linkedin else None
    return DeckView(
        lang=lang,
        name=profile.identity.name,
        slides=slide_views(profile, lang, plan, font),
        qr_links=qr_links,
        qr_codes=[(key, code) for key, code in (qr_codes or {}).items() if code],
        closing_links=[url for url in (qr_links.get("book"), linkedin) if url],
        contact=profile.identity.contact.shown_on("online"),
        figures=figures(profile),
        photo_alt=localize(shown.alt, lang, profile.primary_language) if shown else None,
        date=date,
        font=font,
    )
