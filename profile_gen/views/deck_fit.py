"""How the deck's texts fit their slides: measured, never clipped.

Every slide type knows the boxes its texts sit in (in canvas units: a slide is 1280 × 720,
the `--px` of `deck.css`) and the type each text is set in. The texts are measured with the
deck font's advance widths (Atkinson Hyperlegible, shipped with the package:
`views/measure.py`), and a slide takes the largest of three type scales (`fit-1`,
`fit-2`, `fit-3`) at which every text fits its box without breaking a word. The HTML deck
and its PDF (the same CSS) read the scale; `check` names every text that forced a smaller
size, its length and how much of it the slide shows at its normal size. A text that does
not fit even at the smallest scale splits its slide (`SPLITS`), or is still shown whole,
and named. The PowerPoint follows the same plan and type scales (`office/pptx/`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from math import ceil
from typing import Any

from profile_gen import i18n
from profile_gen.errors import format_path
from profile_gen.profile.career import typed_index
from profile_gen.profile.deck_plan import DeckSlide, plan_deck, split_slide
from profile_gen.profile.fields import localize
from profile_gen.profile.model import Profile, SlideType
from profile_gen.typography import nested
from profile_gen.views.measure import FALLBACK_LINE, SLACK, needs_fallback, text_width, wrap
from profile_gen.views.text import format_date, plain
from profile_gen.views.titles import slide_title

SCALES = (1.0, 0.86, 0.74)
"""The type scales of `fit-1`, `fit-2`, `fit-3`: `deck.css` sets the same `--fit`."""
FLOOR = 14.0
"""The smallest body text, in canvas units: 21 px on a 1920 × 1080 slide."""
CONTENT = 490.0
"""Height under a slide's heading, above its footer (494.8 on screen, 501 in print)."""
CONTENT_WIDTH = 1136.0
BODY = 1.3
"""The deck's line height."""
RESULTS_SHOWN = 2
"""The results an achievement's card shows (HTML, PDF, PowerPoint: `views.deck`)."""


@dataclass(frozen=True)
class Text:
    """One text of a slide, as the slide sets it (sizes at `fit-1`, in canvas units)."""

    field: str
    text: str
    size: float
    line: float
    width: float
    style: str = "regular"
    after: float = 0.0
    """Fixed space below it (margins, gaps: they do not scale)."""
    font: str = ""
    """The deck's font (`measure.deck_font`: `""`, the theme's, or a design's)."""

    def lines(self, scale: float) -> list[str]:
        return wrap(self.text, self.size * scale, self.width, self.style, self.font)

    def height(self, scale: float) -> float:
        size = self.size * scale
        tall = max(self.line, FALLBACK_LINE)
        return self.after + sum(
            size * (tall if needs_fallback(line, self.font) else self.line)
            for line in self.lines(scale)
        )

    def breaks_a_word(self, scale: float) -> bool:
        room = self.width * SLACK
        return any(
            text_width(word, self.size * scale, self.style, self.font) > room
            for word in self.text.split()
        )


@dataclass(frozen=True)
class Box:
    """Texts stacked in a box `room` units high."""

    texts: tuple[Text, ...]
    room: float

    def height(self, scale: float) -> float:
        return sum(text.height(scale) for text in self.texts)

    def fits(self, scale: float) -> bool:
        return self.height(scale) <= self.room and not any(
            text.breaks_a_word(scale) for text in self.texts
        )

    def shown(self, text: Text, scale: float) -> int:
        """Characters of `text` the box shows at `scale`, the other texts kept whole."""
        room = self.room - sum(other.height(scale) for other in self.texts if other is not text)
        words = text.text.split()
        low, high = 0, len(words)
        while low < high:
            middle = (low + high + 1) // 2
            trial = replace(text, text=" ".join(words[:middle]), after=0.0)
            if trial.height(scale) <= room and not trial.breaks_a_word(scale):
                low = middle
            else:
                high = middle - 1
        return len(" ".join(words[:low]))


@dataclass(frozen=True)
class Note:
    """A text that forced its slide to a smaller type (or does not fit at the smallest)."""

    field: str
    length: int
    shown: int
    """Characters of it the slide shows at its normal size."""
    slide: SlideType
    number: int
    """The slide's number in the deck."""
    fits: bool
    """Whether it fits at the smallest scale."""
    parts: int = 1
    """Into how many slides its slide was split for it (1: not split)."""
    title: str = ""
    """The slide's name in the text's language (`views.titles.slide_title`)."""

    @property
    def split(self) -> bool:
        """Whether its slide was split for it."""
        return self.parts > 1


@dataclass
class SlideFit:
    level: int = 1
    """1, 2 or 3: the `fit-N` class of the slide's texts."""
    fits: bool = True
    notes: list[Note] = field(default_factory=list)

    @property
    def css(self) -> str:
        return f"fit-{self.level}"


def _level(boxes: list[Box]) -> tuple[int, bool]:
    for level, scale in enumerate(SCALES, 1):
        if all(box.fits(scale) for box in boxes):
            return level, True
    return len(SCALES), False


def fit_slide(boxes: list[Box], slide: SlideType, number: int) -> SlideFit:
    level, fits = _level(boxes)
    notes = []
    if level > 1 or not fits:
        smallest = SCALES[-1]
        for box in boxes:
            if box.fits(1.0):
                continue
            for text in box.texts:
                if not text.field:
                    continue
                length = len(" ".join(text.text.split()))
                shown = box.shown(text, 1.0)
                if shown < length or text.breaks_a_word(1.0):
                    last = box.shown(text, smallest) >= length
                    whole = last and not text.breaks_a_word(smallest)
                    notes.append(Note(text.field, length, shown, slide, number, whole))
    return SlideFit(level, fits, notes)


class _Texts:
    """The profile's texts in one language, as the slides print them."""

    def __init__(self, profile: Profile, lang: str, font: str = "") -> None:
        self.profile, self.lang, self.font = profile, lang, font

    def t(self, value: Any) -> str:
        return plain(localize(value, self.lang, self.profile.primary_language), " ")

    def say(self, key: str, **values: Any) -> str:
        return i18n.text(self.lang, key, **values)


def _period(item: Any, lang: str) -> str:
    """As the `period` filter prints it: each date unbreakable, a dash between."""
    start, end = (format_date(getattr(item, k, None), lang) for k in ("start", "end"))
    return f"{start} – {end}" if start and end and start != end else start or end


def _path(*parts: str | int) -> str:
    return format_path(parts)


def _strengths(slide: DeckSlide, texts: _Texts) -> list[Box]:
    rows = max(1, ceil(len(slide.items) / 2))
    room = (CONTENT - 10 * (rows - 1)) / rows
    width = (CONTENT_WIDTH - 40) / 2 - 74  # a column less the number and its gap
    boxes = []
    for item in slide.items:
        where = texts.profile.strengths.index(item)
        title = Text(_path("strengths", where, "title"), texts.t(item.title), 27, 1.12, width)
        explanation = texts.t(item.explanation)
        about = Text(_path("strengths", where, "explanation"), explanation, 20, 1.25, width)
        boxes.append(Box((replace(title, style="bold"), about), room))
    return boxes


def _improvements(slide: DeckSlide, texts: _Texts) -> list[Box]:
    rows = max(1, len(slide.items))
    room = (CONTENT - 10 * (rows - 1)) / rows
    width = CONTENT_WIDTH - 74
    boxes = []
    for item in slide.items:
        where = texts.profile.improvements.index(item)
        title = Text(_path("improvements", where, "title"), texts.t(item.title), 27, 1.12, width)
        target = format_date(item.target, texts.lang)
        plan = f"→ {texts.t(item.action_plan)} ({target})"
        action = Text(_path("improvements", where, "action_plan"), plan, 21, 1.25, width)
        boxes.append(Box((replace(title, style="bold"), action), room))
    return boxes


def _card_width(count: int) -> float:
    return (CONTENT_WIDTH - 32 * (count - 1)) / max(count, 1) - 56


CARD_ROOM = CONTENT - 56 - 8
"""A card's height less its padding and its top border."""


def _achievements(slide: DeckSlide, texts: _Texts) -> list[Box]:
    width = _card_width(len(slide.items))
    boxes = []
    for item in slide.items:
        where = texts.profile.achievements.index(item)
        title = Text(
            _path("achievements", where, "title"), texts.t(item.title), 34, 1.15, width, "bold"
        )
        meta = Text("", _period(item, texts.lang), 21, BODY, width, after=10 + 20 + 8)
        results = tuple(
            Text(_path("achievements", where, "results", n), texts.t(r), 27, BODY, width - 19)
            for n, r in enumerate(item.results[:RESULTS_SHOWN])
        )
        gaps = Text("", "", 27, 0, width, after=12 * max(len(results) - 1, 0))
        boxes.append(Box((title, meta, *results, gaps), CARD_ROOM))
    return boxes


def _recommendations(slide: DeckSlide, texts: _Texts) -> list[Box]:
    width = _card_width(len(slide.items))
    boxes = []
    for item in slide.items:
        where = texts.profile.recommendations.index(item)
        quote = texts.say("quote", text=nested(texts.t(item.text), texts.lang))  # whole
        body = Text(_path("recommendations", where, "text"), quote, 25, BODY, width, "italic")
        author = Text("", item.author, 24, BODY, width, "bold", after=16)
        role = texts.t(item.role) if item.role else ""
        caption = Text(_path("recommendations", where, "role"), role, 21, BODY, width)
        boxes.append(Box((body, author, caption), CARD_ROOM))
    return boxes


def _title(slide: DeckSlide, texts: _Texts) -> list[Box]:
    name = texts.profile.identity.name
    size = 52 if len(name) > 44 else 64 if len(name) > 28 else 84
    width = CONTENT_WIDTH - 56 - 230
    return [
        Box(
            (
                Text(_path("identity", "name"), name, size, 1.05, width, "bold", after=20),
                Text(
                    _path("identity", "headline"),
                    texts.t(texts.profile.identity.headline),
                    40,
                    BODY,
                    width,
                    after=16,
                ),
                Text("", texts.say("deck.context"), 24, BODY, width - 22),
            ),
            CONTENT + 86,
        )
    ]


def _profile(slide: DeckSlide, texts: _Texts) -> list[Box]:
    experience = texts.profile.experience
    if not experience:
        return []
    job = f"{texts.t(experience[0].title)} — {experience[0].organization}"
    where = _path("experience", typed_index(experience[0], 0), "title")
    text = Text(where, job, 34, BODY, CONTENT_WIDTH)
    return [Box((text,), CONTENT - 310 - 32)]


SLIDES: dict[SlideType, Callable[[DeckSlide, _Texts], list[Box]]] = {
    SlideType.strengths: _strengths,
    SlideType.improvements: _improvements,
    SlideType.achievements: _achievements,
    SlideType.recommendations: _recommendations,
    SlideType.title_page: _title,
    SlideType.profile: _profile,
}


SPLITS = (
    SlideType.strengths,
    SlideType.achievements,
    SlideType.recommendations,
    SlideType.improvements,
)
"""The slides that split when their texts do not fit at the smallest scale (in two, then
three... as long as it takes; the improvements, split by five in `deck_plan`, split into
more parts when five do not fit)."""


def _fit(slide: DeckSlide, texts: _Texts, number: int) -> SlideFit:
    measure = SLIDES.get(slide.type)
    boxes = [
        Box(tuple(replace(text, font=texts.font) for text in box.texts), box.room)
        for box in (measure(slide, texts) if measure else [])
    ]
    return fit_slide(boxes, slide.type, number)


def _groups(plan: list[DeckSlide]) -> Iterator[list[DeckSlide]]:
    """The plan's slides, a list already split over several slides as one group."""
    index = 0
    while index < len(plan):
        count = plan[index].parts if plan[index].part == 1 else 1
        yield plan[index : index + count]
        index += count


def _whole(group: list[DeckSlide]) -> DeckSlide:
    """A group's slides as the one slide they were split from."""
    if len(group) == 1:
        return group[0]
    first = group[0]
    items = [item for slide in group for item in slide.items]
    return DeckSlide(first.type, sum(s.seconds for s in group), first.notes, items=items)


def _planned(profile: Profile, font: str) -> list[tuple[list[DeckSlide], list[DeckSlide]]]:
    """Each slide of the plan (a split list as one group) and the slides it is shown as:
    itself, or split into more parts when its texts do not fit at the smallest scale in
    some language."""
    langs = [_Texts(profile, lang, font) for lang in profile.locale]

    def fits(slides: list[DeckSlide]) -> bool:
        return all(_fit(part, texts, 0).fits for part in slides for texts in langs)

    pairs = []
    for group in _groups(plan_deck(profile)):
        shown = group
        if group[0].type in SPLITS:
            whole = _whole(group)
            for parts in range(len(group) + 1, len(whole.items) + 1):
                if fits(shown):
                    break
                shown = split_slide(whole, ceil(len(whole.items) / parts))
        pairs.append((group, shown))
    return pairs


def fitted_plan(profile: Profile, font: str = "") -> list[DeckSlide]:
    """The deck's plan, a list slide split into as many parts as needed when its texts do
    not fit at the smallest scale in any language (the same slides in every language),
    measured in `font`."""
    return [shown for _, slides in _planned(profile, font) for shown in slides]


def fit_deck(
    profile: Profile, lang: str, slides: list[DeckSlide] | None = None, font: str = ""
) -> list[SlideFit]:
    """Each slide's type scale in `lang`, in the order of `slides` (the fitted plan)."""
    texts = _Texts(profile, lang, font)
    planned = slides if slides is not None else fitted_plan(profile, font)
    return [_fit(slide, texts, number) for number, slide in enumerate(planned, 1)]


def deck_notes(profile: Profile, font: str = "") -> Iterator[tuple[str, Note]]:
    """Every text of the deck that forced a smaller type or a split, in every language:
    measured on the slide as planned, numbered as the deck shows it."""
    pairs = _planned(profile, font)
    for lang in profile.locale:
        texts = _Texts(profile, lang, font)
        number = 1
        for group, shown in pairs:
            split = len(shown) > len(group)
            title = slide_title(profile, lang, group[0].type)
            for index, slide in enumerate(group):
                at = number if split else number + index
                for note in _fit(slide, texts, at).notes:
                    yield lang, replace(note, parts=len(shown) if split else 1, title=title)
            number += len(shown)
