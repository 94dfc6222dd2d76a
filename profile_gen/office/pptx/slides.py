"""Each slide type of the defence plan, drawn as the HTML deck draws it (`deck/slides/`,
`deck.css`'s print layout): the accent rule, the heading in the person's colour, the same
boxes on the same 16:9 canvas, "n / N" in the footer. Text sizes are the HTML deck's at the
slide's type scale (`deck_fit`: the same plan, the same capacities), and `measure.fit`
checks each box: a text is shown whole, never cut."""

from __future__ import annotations

from math import ceil

from profile_gen import tokens
from profile_gen.office.pptx import shapes
from profile_gen.office.pptx.layout import (
    BODY_TOP,
    BOTTOM,
    CONTENT_WIDTH,
    GAP,
    ROW_GAP,
    TOP,
    DeckContext,
    period,
    qr_column,
    stack,
)
from profile_gen.office.pptx.shapes import MARGIN, Box, u
from profile_gen.profile.model import SlideType
from profile_gen.typography import nested
from profile_gen.views.deck import RESULTS_SHOWN, SlideView
from profile_gen.views.measure import SLACK, Para, height, shrunk, text_width
from profile_gen.views.text import format_date

NBSP = "\u00a0"
NUMBER, NUMBER_GAP = u(56), u(18)
"""The number badges of the strengths and improvements, and the gap after them."""
PADDING = u(28)
"""Inside the cards."""
TITLE_BODY = u(586)
"""The height the title and closing slides centre their columns in."""


def heading(slide, ctx: DeckContext, plan: SlideView) -> None:
    """The slide's heading and its part ("(n/m)" on a split slide), both from the deck's
    view, in the person's colour; on a band of that colour in the paper's (`band`), in ink
    beside a bar of it (`bar`)."""
    size = tokens.deck("h2")
    box = Box(MARGIN, BODY_TOP, CONTENT_WIDTH, TOP - BODY_TOP - u(20))
    color = {"band": ctx.paper, "bar": ctx.ink}.get(ctx.title, ctx.accent)
    if ctx.title == "band":
        band = shapes.rectangle(
            slide, "Title band", Box(0, 0, shapes.WIDTH, TOP - u(12)), ctx.accent
        )
        shapes.behind(band)
    elif ctx.title == "bar":
        bar = Box(MARGIN - u(28), BODY_TOP, u(10), u(size * 1.1))
        shapes.rectangle(slide, "Title bar", bar, ctx.accent)
    para = Para(
        plan.heading,
        u(size),
        bold=True,
        color=color,
        line=1.1,
        minimum=ctx.floor(size),
        tail=f" {plan.part}" if plan.part else "",
        tail_size=u(tokens.deck("part")),
        tail_color=ctx.paper if ctx.title == "band" else ctx.muted,
        tail_bold=True,
        font=ctx.font,
    )
    shapes.title(slide, [para], ctx.language_tag, box)


def _column(items: list[tuple[list[Para], float, float]], width: float, room: float):
    """`items` (a column's texts) at the largest sizes, 1 pt steps down to their floor,
    whose stack fits `room`; and the stack's height."""
    step = 0.0
    while True:
        trial = [(shrunk(paras, step), indent, after) for paras, indent, after in items]
        total = sum(height(paras, width - indent) + after for paras, indent, after in trial)
        smallest = all(p.size <= (p.minimum or p.size) for paras, _, _ in trial for p in paras)
        if total <= room or smallest:
            return trial, total
        step += 1


def _place(slide, ctx: DeckContext, name: str, placed) -> None:
    shapes.text_box(slide, name, placed.box, placed.paras, ctx.language_tag)


def _title_column(slide, ctx: DeckContext, items, names: list[str], right: float) -> list:
    """A title or closing slide's column, centred in the body's height left of the QR codes;
    its first text in the title placeholder."""
    width = right - MARGIN
    fitted, total = _column(items, width, TITLE_BODY)
    top = BODY_TOP + max(0.0, (TITLE_BODY - total) / 2)
    placed, _ = stack(MARGIN, top, width, fitted)
    shapes.title(slide, placed[0].paras, ctx.language_tag, placed[0].box)
    for name, item in zip(names, placed[1:], strict=True):
        _place(slide, ctx, name, item)
    return placed


def title_slide(slide, ctx: DeckContext, plan: SlideView) -> None:
    right = qr_column(slide, ctx)
    name = plan.heading
    base = 52 if len(name) > 44 else 64 if len(name) > 28 else tokens.deck("title")
    lead = ctx.t(ctx.profile.identity.headline)
    items = [
        ([ctx.para(ctx.typeset(name), base, bold=True, color=ctx.accent, line=1.05)], 0.0, u(20)),
        ([ctx.para(lead, 40, color=ctx.ink, line=1.3)], 0.0, u(16)),
        ([ctx.para(ctx.say("deck.context"), 24, color=ctx.muted, line=1.3)], u(22), 0.0),
    ]
    placed = _title_column(slide, ctx, items, ["Headline", "Context"], right)
    context = placed[2].box
    shapes.rectangle(slide, "Context rule", Box(MARGIN, context.y, u(6), context.h), ctx.accent)


def closing_slide(slide, ctx: DeckContext, plan: SlideView) -> None:
    right = qr_column(slide, ctx)
    email = ctx.contact.get("email")
    who = ctx.profile.identity.name + (f" · {email}" if email else "")
    links = ctx.deck.closing_links if ctx.deck else []  # the Book in the deck's language
    items = [
        ([ctx.para(plan.heading, 76, bold=True, color=ctx.accent, line=1.1)], 0.0, u(28)),
        ([ctx.para(ctx.say("deck.questions"), 34, color=ctx.muted, line=1.3)], 0.0, u(16)),
        ([ctx.para(ctx.typeset(who), 30, bold=True, color=ctx.ink, line=1.3)], 0.0, u(12)),
    ]
    if links:
        paras = [ctx.para(url, 24, color=ctx.accent, line=1.3, link=url) for url in links]
        items.append((paras, 0.0, 0.0))
    names = ["Closing", "Contact", "Links"][: len(items) - 1]
    _title_column(slide, ctx, items, names, right)


def _figure_width(paras: list[Para]) -> float:
    return max(text_width(p.text, p.size, p.style, p.font) for p in paras) / SLACK + u(4)


def profile_slide(slide, ctx: DeckContext, plan: SlideView) -> None:
    """The photo and its figures (up to four, two a row; none of a count of none) in the
    middle of the content, the current job under them."""
    profile = ctx.profile
    heading(slide, ctx, plan)
    bottom = BOTTOM
    if profile.experience:
        job = profile.experience[0]
        text = f"{ctx.t(job.title)} — {ctx.typeset(job.organization)}"
        para = ctx.para(text, 34, color=ctx.muted, align="center", line=1.3)
        fitted, tall = _column([([para], 0.0, 0.0)], CONTENT_WIDTH, u(148))  # deck_fit's room
        bottom -= tall
        box = Box(MARGIN, bottom, CONTENT_WIDTH, tall + 1)
        shapes.text_box(slide, "Current position", box, fitted[0][0], ctx.language_tag)
        bottom -= u(16)
    counts = ctx.deck.figures if ctx.deck else []
    groups = [
        [
            Para(str(count), u(96), bold=True, color=ctx.accent, line=1.0, font=ctx.font),
            Para(
                ctx.say(f"figure.{key}", count=count), u(30), color=ctx.ink, line=1.3, font=ctx.font
            ),
        ]
        for key, count in counts
    ]
    photo = u(300) if ctx.photo else 0.0
    lead = photo + u(72) if photo else 0.0
    widest = (CONTENT_WIDTH - lead - u(72)) / 2
    columns = [
        min(widest, max((_figure_width(group) for group in groups[i::2]), default=0.0))
        for i in (0, 1)
    ]
    gap = u(72) if columns[1] else 0.0
    left = MARGIN + (CONTENT_WIDTH - lead - columns[0] - gap - columns[1]) / 2
    row = u(96) + u(30) * 1.3
    rows = (len(groups) + 1) // 2
    grid = rows * row + max(0, rows - 1) * u(32)
    top = TOP + max(0.0, (bottom - TOP - max(grid, photo)) / 2)
    if ctx.photo:
        box = Box(left, top + (max(grid, photo) - photo) / 2, photo, photo)
        shapes.photo(
            slide,
            box,
            ctx.photo.blob,
            ctx.photo.size,
            ctx.photo.alt,
            ctx.accent,
            ctx.square_photo,
        )
    grid_top = top + (max(grid, photo) - grid) / 2
    for index, ((key, _), paras) in enumerate(zip(counts, groups, strict=True)):
        column, line = index % 2, index // 2
        x = left + lead + (columns[0] + u(72)) * column
        box = Box(x, grid_top + line * (row + u(32)), columns[column], row + u(8))
        shapes.text_box(slide, f"Figure {key}", box, paras, ctx.language_tag)


def _cards(count: int) -> list[Box]:
    width = (CONTENT_WIDTH - GAP * (count - 1)) / max(count, 1)
    return [Box(MARGIN + i * (width + GAP), TOP, width, BOTTOM - TOP) for i in range(count)]


def _inside(box: Box) -> Box:
    """A card's room for text: under its accent rule, inside its padding."""
    return Box(
        box.x + PADDING, box.y + u(8) + PADDING, box.w - 2 * PADDING, box.h - u(8) - 2 * PADDING
    )


def achievements_slide(slide, ctx: DeckContext, plan: SlideView) -> None:
    heading(slide, ctx, plan)
    for number, (item, box) in enumerate(zip(plan.items, _cards(len(plan.items)), strict=True), 1):
        name = f"Achievement {number}"
        shapes.card(slide, name, box, ctx.accent, ctx.soft)
        room = _inside(box)
        dates = period(ctx, item)
        items = [
            ([ctx.para(ctx.t(item.title), 34, bold=True, color=ctx.ink, line=1.15)], 0.0, u(8)),
            ([ctx.para(dates, 21, color=ctx.muted, line=1.3)] if dates else [], 0.0, u(30)),
        ]
        for result in item.results[:RESULTS_SHOWN]:
            items.append(([ctx.para(ctx.t(result), 27, color=ctx.ink, line=1.3)], u(19), u(12)))
        fitted, _ = _column(items, room.w, room.h)
        placed, _ = stack(room.x, room.y, room.w, fitted)
        _place(slide, ctx, f"{name} title", placed[0])
        if dates:
            _place(slide, ctx, f"{name} dates", placed[1])
        for index, result in enumerate(placed[2:], 1):
            bar = Box(room.x, result.box.y, u(5), result.box.h)
            shapes.rectangle(slide, f"{name} result {index} rule", bar, ctx.accent)
            _place(slide, ctx, f"{name} result {index}", result)


def _unbroken(quote: str) -> str:
    """French quotation marks never end up alone on a line."""
    return quote.replace("« ", "«\u00a0").replace(" »", "\u00a0»")


def recommendations_slide(slide, ctx: DeckContext, plan: SlideView) -> None:
    heading(slide, ctx, plan)
    for number, (item, box) in enumerate(zip(plan.items, _cards(len(plan.items)), strict=True), 1):
        name = f"Recommendation {number}"
        shapes.card(slide, name, box, ctx.accent, ctx.soft)
        room = _inside(box)
        caption = [ctx.para(ctx.typeset(item.author), 24, bold=True, color=ctx.ink, line=1.3)]
        if item.role:
            caption.append(ctx.para(ctx.t(item.role), 21, color=ctx.muted, line=1.3))
        quote = _unbroken(ctx.say("quote", text=nested(ctx.md(item.text), ctx.lang)))  # whole
        body = [ctx.para(quote, 25, italic=True, color=ctx.ink, line=1.3)]
        fitted, _ = _column([(body, 0.0, u(16)), (caption, 0.0, 0.0)], room.w, room.h)
        (body, _, _), (caption, _, _) = fitted
        tall = height(caption, room.w)
        signed = Box(room.x, room.y + room.h - tall, room.w, tall + 1)
        shapes.text_box(
            slide,
            name,
            Box(room.x, room.y, room.w, signed.y - room.y - u(16)),
            body,
            ctx.language_tag,
        )
        shapes.text_box(slide, f"{name} author", signed, caption, ctx.language_tag)


def _numbered(
    slide, ctx: DeckContext, name: str, plan: SlideView, rows: list[list[Para]], columns: int
) -> None:
    """Numbered rows (strengths: two columns filled column by column; improvements: one),
    spread over the content's height, each text centred on its row beside its number."""
    per_column = max(1, ceil(len(rows) / columns))
    step = (BOTTOM - TOP + ROW_GAP) / per_column
    width = (CONTENT_WIDTH - u(40) * (columns - 1)) / columns
    for index, paras in enumerate(rows):
        number = plan.first_number + index
        x = MARGIN + (index // per_column) * (width + u(40))
        y = TOP + (index % per_column) * step
        badge = Box(x, y + (step - ROW_GAP - NUMBER) / 2, NUMBER, NUMBER)
        shapes.badge(
            slide, f"{name} {number} number", badge, number, ctx.accent, ctx.language_tag, ctx.font
        )
        box = Box(x + NUMBER + NUMBER_GAP, y, width - NUMBER - NUMBER_GAP, step - ROW_GAP)
        shapes.text_box(slide, f"{name} {number}", box, paras, ctx.language_tag, "middle")


def strengths_slide(slide, ctx: DeckContext, plan: SlideView) -> None:
    heading(slide, ctx, plan)
    rows = [
        [
            ctx.para(ctx.t(item.title), 27, bold=True, color=ctx.ink, line=1.12),
            ctx.para(ctx.t(item.explanation), 20, color=ctx.muted, line=1.25),
        ]
        for item in plan.items
    ]
    _numbered(slide, ctx, "Strength", plan, rows, 2)


def improvements_slide(slide, ctx: DeckContext, plan: SlideView) -> None:
    heading(slide, ctx, plan)
    rows = []
    for item in plan.items:
        target = format_date(item.target, ctx.lang)
        rows.append(
            [
                ctx.para(ctx.t(item.title), 27, bold=True, color=ctx.ink, line=1.12),
                ctx.para(
                    f"→ {ctx.md(item.action_plan)}",
                    21,
                    color=ctx.ink,
                    line=1.25,
                    tail=f"{NBSP}({target})",  # the date stays whole, on the plan's last line
                    tail_color=ctx.accent,
                    tail_bold=True,
                ),
            ]
        )
    _numbered(slide, ctx, "Improvement", plan, rows, 1)


DRAW = {
    SlideType.title_page: title_slide,
    SlideType.profile: profile_slide,
    SlideType.achievements: achievements_slide,
    SlideType.recommendations: recommendations_slide,
    SlideType.strengths: strengths_slide,
    SlideType.improvements: improvements_slide,
    SlideType.closing: closing_slide,
}
