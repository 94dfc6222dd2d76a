"""The defence deck: the 5-minute profile segment as slides with budgets and speaker notes.

`plan_deck` turns the profile's `defence` settings into the slides to show (long lists are
split over continuation slides that share the budget), and counts each slide's notes as
speaking time. Data only: the templates draw it, `check` and the outline read it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from profile_gen.profile.fields import Localized
from profile_gen.profile.model import Profile, SlideType

IMPROVEMENTS_PER_SLIDE = 5
QUOTES = 3

_WORD = re.compile(r"[\w’'-]+", re.UNICODE)


def count_words(text: str) -> int:
    """Words as a speaker says them: Markdown marks and punctuation do not count."""
    text = re.sub(r"\]\([^)]*\)", " ", text)  # a link's address is not said
    return len(_WORD.findall(re.sub(r"[*_`#>\[\]()]", " ", text)))


@dataclass
class DeckSlide:
    type: SlideType
    seconds: int
    """Time budget of this slide (a continuation slide has its share)."""
    notes: Localized | None
    part: int = 1
    parts: int = 1
    items: list[Any] = field(default_factory=list)
    per_part: int = IMPROVEMENTS_PER_SLIDE
    """Items on each slide of a list split over several."""

    @property
    def first_number(self) -> int:
        """Number of the slide's first item in its whole list (continuation slides go on)."""
        return (self.part - 1) * self.per_part + 1

    def note_words(self, lang: str, primary: str) -> int:
        return count_words(self.notes.get(lang, primary)) if self.notes else 0

    def speaking_seconds(self, lang: str, primary: str, words_per_minute: int) -> int:
        return round(self.note_words(lang, primary) * 60 / words_per_minute)


def _split(seconds: int, parts: int) -> list[int]:
    """`seconds` shared over `parts`, whole seconds that add up exactly."""
    base, extra = divmod(seconds, parts)
    return [base + (1 if index < extra else 0) for index in range(parts)]


def split_slide(slide: DeckSlide, size: int) -> list[DeckSlide]:
    """`slide` as continuation slides of `size` items each, sharing its budget; the notes
    go with the first."""
    chunks = [slide.items[i : i + size] for i in range(0, len(slide.items), size)]
    budgets = _split(slide.seconds, len(chunks))
    return [
        DeckSlide(
            slide.type,
            seconds,
            slide.notes if index == 0 else None,
            index + 1,
            len(chunks),
            chunk,
            size,
        )
        for index, (chunk, seconds) in enumerate(zip(chunks, budgets, strict=True))
    ]


def plan_deck(profile: Profile) -> list[DeckSlide]:
    """The slides of the segment, in the order and with the budgets of `defence.slides`."""
    defence = profile.defence
    featured: list[Any] = profile.featured_achievements
    quoted = [profile.recommendations[i - 1] for i in defence.quotes] or profile.recommendations[
        :QUOTES
    ]
    slides: list[DeckSlide] = []
    for slide in profile.defence.slides:
        if (
            slide.type == SlideType.improvements
            and len(profile.improvements) > IMPROVEMENTS_PER_SLIDE
        ):
            whole = DeckSlide(slide.type, slide.seconds, slide.notes, items=profile.improvements)
            slides += split_slide(whole, IMPROVEMENTS_PER_SLIDE)
            continue
        items: list[Any] = {
            SlideType.achievements: featured,
            SlideType.recommendations: quoted,
            SlideType.strengths: profile.strengths,
            SlideType.improvements: profile.improvements,
        }.get(slide.type, [])
        slides.append(DeckSlide(slide.type, slide.seconds, slide.notes, items=list(items)))
    return slides


@dataclass(frozen=True)
class BudgetWarning:
    index: int
    """0-based position in `defence.slides`."""
    type: SlideType
    words: int
    speaking: int
    budget: int


def note_overruns(profile: Profile, lang: str | None = None) -> list[BudgetWarning]:
    """Slides whose notes take longer to say than their budget, at `words_per_minute`."""
    lang = lang or profile.primary_language
    rate = profile.defence.words_per_minute
    warnings = []
    for index, slide in enumerate(profile.defence.slides):
        planned = DeckSlide(slide.type, slide.seconds, slide.notes)
        speaking = planned.speaking_seconds(lang, profile.primary_language, rate)
        if speaking > slide.seconds:
            words = planned.note_words(lang, profile.primary_language)
            warnings.append(BudgetWarning(index, slide.type, words, speaking, slide.seconds))
    return warnings
