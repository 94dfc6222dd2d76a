"""Each slide type of the defence plan, drawn like the HTML deck (`deck.html`): a title
bar in the person's colour, the content spread over the canvas, large type for a
projector. Text sizes come from `measure.fit`, so nothing leaves its box."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from profile_gen.office.pptx import shapes
from profile_gen.office.pptx.layout import (
    BOTTOM,
    CONTENT_WIDTH,
    TOP,
    DeckContext,
    columns,
    missing,
    period,
    qr_column,
    side_strip,
)
from profile_gen.office.pptx.shapes import INK, INSET_X, MARGIN, MUTED, WIDTH, Box
from profile_gen.profile.deck_plan import IMPROVEMENTS_PER_SLIDE, QUOTE_WORDS, DeckSlide
from profile_gen.profile.model import SlideType
from profile_gen.views.measure import Para, most_words, same_sizes, shorten
from profile_gen.views.text import clean, format_date

NBSP = "\u00a0"
CARD_PADDING = 14.4
"""Inner margin of the cards, in points."""


def title_slide(slide, ctx: DeckContext, plan: DeckSlide) -> None:
    side_strip(slide, ctx)
    right = qr_column(slide, ctx)
    width = right - MARGIN + INSET_X
    shapes.title(
        slide,
        ctx.profile.identity.name,
        ctx.accent,
        ctx.language_tag,
        Box(MARGIN - INSET_X, 70, width, 190),
        bar=False,
    )
    paras = [
        Para(ctx.t(ctx.profile.identity.headline), 28, color=INK, minimum=20, cut=True),
        Para(ctx.say("deck.context"), 20, color=MUTED, space_before=18, cut=True),
    ]
    shapes.text_box(
        slide, "Headline", Box(MARGIN - INSET_X, 276, width, 200), paras, ctx.language_tag
    )


def closing_slide(slide, ctx: DeckContext, plan: DeckSlide) -> None:
    side_strip(slide, ctx)
    right = qr_column(slide, ctx)
    width = right - MARGIN + INSET_X
    shapes.title(
        slide,
        ctx.say("deck.thanks"),
        ctx.accent,
        ctx.language_tag,
        Box(MARGIN - INSET_X, 60, width, 170),
        bar=False,
    )
    who = ctx.profile.identity.name + (
        f" · {ctx.contact['email']}" if ctx.contact.get("email") else ""
    )
    paras = [
        Para(ctx.say("deck.questions"), 28, color=MUTED, minimum=20, cut=True),
        Para(clean(who), 24, color=INK, space_before=24, cut=True),
    ]
    links = ctx.profile.links
    for url in (links.book, links.linkedin):
        if url:
            paras.append(
                Para(str(url), 20, color=ctx.accent, space_before=8, link=str(url), minimum=18)
            )
    shapes.text_box(
        slide, "Closing", Box(MARGIN - INSET_X, 246, width, 230), paras, ctx.language_tag
    )


def _figures(slide, ctx: DeckContext, figures: list[tuple[str, int]], boxes: list[Box]) -> None:
    """The profile's counts, big, each over its label; all at the same sizes."""
    groups = [
        [
            Para(str(count), 60, bold=True, color=ctx.accent, minimum=40),
            Para(ctx.say(f"figure.{key}", count=count), 24, color=INK, minimum=18, cut=True),
        ]
        for key, count in figures
    ]
    rooms = [box.inner() for box in boxes]
    for (key, _), box, paras in zip(figures, boxes, same_sizes(groups, rooms), strict=True):
        shapes.text_box(slide, f"Figure {key}", box, paras, ctx.language_tag)


def profile_slide(slide, ctx: DeckContext, plan: DeckSlide) -> None:
    profile = ctx.profile
    shapes.title(slide, ctx.say("deck.title.profile"), ctx.accent, ctx.language_tag)
    figures = [
        ("achievements", len(profile.achievements)),
        ("certifications", len(profile.certifications)),
        ("recommendations", len(profile.recommendations)),
        ("languages", len(profile.languages)),
    ]
    if ctx.photo:
        size = 250.0
        shapes.photo(
            slide, Box(MARGIN, TOP + 8, size, size), ctx.photo.blob, ctx.photo.size, ctx.photo.alt
        )
        left = MARGIN + size + 48
        cell = (WIDTH - MARGIN - left) / 2
        boxes = [
            Box(left + (i % 2) * cell, TOP + 8 + (i // 2) * 128, cell - 12, 122) for i in range(4)
        ]
        lead_top = TOP + size + 36
    else:
        cell = CONTENT_WIDTH / 4
        boxes = [Box(MARGIN - INSET_X + i * cell, TOP + 40, cell - 12, 150) for i in range(4)]
        lead_top = TOP + 240
    _figures(slide, ctx, figures, boxes)
    if profile.experience:
        job = profile.experience[0]
        text = f"{ctx.t(job.title)} — {clean(job.organization)}"
        para = Para(text, 26, color=MUTED, minimum=20, cut=True)
        shapes.text_box(
            slide,
            "Current position",
            Box(MARGIN - INSET_X, lead_top, CONTENT_WIDTH, BOTTOM - lead_top),
            [para],
            ctx.language_tag,
        )


def _card_room(box: Box) -> tuple[float, float]:
    inset = CARD_PADDING + shapes.card_inset(box)
    return box.inner(inset, inset)


def _cards(slide, ctx: DeckContext, name: str, boxes: list[Box], groups: list[list[Para]]):
    """Cards side by side, their text at the same sizes."""
    soft = shapes.tint(ctx.accent, 0.9)
    rooms = [_card_room(box) for box in boxes]
    for index, (box, paras) in enumerate(zip(boxes, same_sizes(groups, rooms), strict=True), 1):
        shapes.card(slide, f"{name} {index}", box, paras, soft, ctx.language_tag, CARD_PADDING)


def _achievement(ctx: DeckContext, item) -> list[Para]:
    paras = [Para(ctx.t(item.title), 26, bold=True, color=INK, minimum=20, cut=True)]
    if dates := period(ctx, item):
        paras.append(Para(dates, 20, color=MUTED, space_before=6))
    return paras + [
        Para(ctx.t(r), 22, color=INK, space_before=14, cut=True, bullet=True)
        for r in item.results[:2]
    ]


def _heading(text: str, plan: DeckSlide) -> str:
    """A slide's title, with "(n/m)" on a list split over several slides."""
    return f"{text} ({plan.part}/{plan.parts})" if plan.parts > 1 else text


def achievements_slide(slide, ctx: DeckContext, plan: DeckSlide) -> None:
    heading = _heading(ctx.say("deck.title.achievements"), plan)
    shapes.title(slide, heading, ctx.accent, ctx.language_tag)
    if not plan.items:
        missing(slide, ctx, "achievements")
    groups = [_achievement(ctx, item) for item in plan.items]
    _cards(slide, ctx, "Achievement", columns(len(plan.items)), groups)


def _unbroken(quote: str) -> str:
    """French quotation marks never end up alone on a line."""
    return quote.replace("« ", "«\u00a0").replace(" »", "\u00a0»")


def _quote(ctx: DeckContext, item, text: str, words: int) -> list[Para]:
    paras = [
        Para(_unbroken(ctx.say("quote", text=shorten(text, words))), 22, italic=True, color=INK),
        Para(clean(item.author), 20, bold=True, color=INK, space_before=14, cut=True),
    ]
    if item.role:
        paras.append(Para(ctx.t(item.role), 18, color=MUTED, cut=True))
    return paras


def recommendations_slide(slide, ctx: DeckContext, plan: DeckSlide) -> None:
    heading = _heading(ctx.say("deck.title.recommendations"), plan)
    shapes.title(slide, heading, ctx.accent, ctx.language_tag)
    if not plan.items:
        missing(slide, ctx, "recommendations")
    boxes = columns(len(plan.items))
    groups = []
    for item, box in zip(plan.items, boxes, strict=True):
        text = ctx.md(item.text)
        make = partial(_quote, ctx, item, text)
        room = _card_room(box)
        groups.append(make(most_words(make, min(QUOTE_WORDS, len(text.split())), *room)))
    _cards(slide, ctx, "Recommendation", boxes, groups)


def _numbered_rows(
    slide,
    ctx: DeckContext,
    boxes: list[Box],
    rows: list[tuple[int, Callable[[int], list[Para]], int]],
    name: str,
) -> None:
    """One row per item: a number badge, then its text box (made by `make(words)`), the
    rows' text at the same sizes."""
    text_boxes = [Box(box.x + 50 - INSET_X, box.y, box.w - 50 + INSET_X, box.h) for box in boxes]
    rooms = [text_box.inner() for text_box in text_boxes]
    groups = [
        make(most_words(make, words, *room))
        for (_, make, words), room in zip(rows, rooms, strict=True)
    ]
    for box, text_box, paras, (number, _, _) in zip(
        boxes, text_boxes, same_sizes(groups, rooms), rows, strict=True
    ):
        badge_box = Box(box.x, box.y + 6, 40, 40)
        shapes.badge(
            slide, f"{name} {number} number", badge_box, number, ctx.accent, ctx.language_tag
        )
        shapes.text_box(slide, f"{name} {number}", text_box, paras, ctx.language_tag)


def _strength(title: str, explanation: str, words: int) -> list[Para]:
    return [
        Para(title, 20, bold=True, color=INK, cut=True),
        Para(shorten(explanation, words), 18, color=MUTED),
    ]


def strengths_slide(slide, ctx: DeckContext, plan: DeckSlide) -> None:
    heading = _heading(ctx.say("section.strengths", count=len(ctx.profile.strengths)), plan)
    shapes.title(slide, heading, ctx.accent, ctx.language_tag)
    if not plan.items:
        missing(slide, ctx, "strengths")
    per_column = (len(plan.items) + 1) // 2
    row = (BOTTOM - TOP) / max(per_column, 1)
    column = (CONTENT_WIDTH - 36) / 2
    boxes = [
        Box(
            MARGIN + (i // per_column) * (column + 36),
            TOP + (i % per_column) * row,
            column,
            row - 4,
        )
        for i in range(len(plan.items))
    ]
    rows: list[tuple[int, Callable[[int], list[Para]], int]] = []
    for number, item in enumerate(plan.items, plan.first_number):
        explanation = ctx.t(item.explanation)
        make = partial(_strength, ctx.t(item.title), explanation)
        rows.append((number, make, len(explanation.split())))
    _numbered_rows(slide, ctx, boxes, rows, "Strength")


def _improvement(title: str, action: str, target: str, words: int) -> list[Para]:
    return [
        Para(title, 22, bold=True, color=INK, cut=True),
        # the date stays whole, on the line of the plan's last word
        Para(shorten(action, words) + NBSP + f"({target})".replace(" ", NBSP), 20, color=MUTED),
    ]


def improvements_slide(slide, ctx: DeckContext, plan: DeckSlide) -> None:
    heading = _heading(ctx.say("section.improvements", count=len(ctx.profile.improvements)), plan)
    shapes.title(slide, heading, ctx.accent, ctx.language_tag)
    if not plan.items:
        missing(slide, ctx, "improvements")
    row = (BOTTOM - TOP) / IMPROVEMENTS_PER_SLIDE
    boxes = [Box(MARGIN, TOP + i * row, CONTENT_WIDTH, row - 4) for i in range(len(plan.items))]
    rows: list[tuple[int, Callable[[int], list[Para]], int]] = []
    for number, item in enumerate(plan.items, plan.first_number):
        action = ctx.md(item.action_plan)
        make = partial(_improvement, ctx.t(item.title), action, format_date(item.target, ctx.lang))
        rows.append((number, make, len(action.split())))
    _numbered_rows(slide, ctx, boxes, rows, "Improvement")


DRAW = {
    SlideType.title_page: title_slide,
    SlideType.profile: profile_slide,
    SlideType.achievements: achievements_slide,
    SlideType.recommendations: recommendations_slide,
    SlideType.strengths: strengths_slide,
    SlideType.improvements: improvements_slide,
    SlideType.closing: closing_slide,
}
