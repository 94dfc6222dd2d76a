"""The names of the deck's slides, one home for every format: the heading a slide shows,
its "(n/m)" on a list split over several slides, and its name where slides are listed (the
outline, `outline.md`, the cue cards, the presenter view, `check`)."""

from __future__ import annotations

from profile_gen import i18n
from profile_gen.profile.deck_plan import DeckSlide
from profile_gen.profile.model import Profile, SlideType

COUNTED = {
    SlideType.strengths: ("section.strengths", "strengths"),
    SlideType.improvements: ("section.improvements", "improvements"),
}
"""Slides whose heading counts the profile's list (the methodology's ten)."""


def part_label(slide: DeckSlide) -> str:
    """ "(n/m)" on a slide of a list split over several, else ""."""
    return f"({slide.part}/{slide.parts})" if slide.parts > 1 else ""


def slide_heading(profile: Profile, lang: str, kind: SlideType) -> str:
    """The heading a slide shows (without its part): the person's name on the title slide,
    the thanks on the closing one, the counted list on the strengths and improvements."""
    if kind == SlideType.title_page:
        return profile.identity.name
    if kind == SlideType.closing:
        return i18n.text(lang, "deck.thanks")
    return slide_title(profile, lang, kind)


def slide_title(profile: Profile, lang: str, kind: SlideType) -> str:
    """The slide's name in the outline, the cue cards, the presenter view and `check`: its
    heading, or what it is for the title and closing slides (without its part)."""
    if kind in COUNTED:
        key, items = COUNTED[kind]
        return i18n.text(lang, key, count=len(getattr(profile, items)))
    return i18n.text(lang, f"deck.title.{kind.value}")
