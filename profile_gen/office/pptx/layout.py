"""What every slide shares: the canvas's regions (the HTML deck's, `deck.css`'s print
layout, in points), the deck's context (the profile in one language, the colour, the
pictures, the slide's type scale), the QR codes as pictures, the "to do" marker, texts
stacked in a column."""

from __future__ import annotations

import io
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from PIL import Image, ImageDraw

from profile_gen import i18n, tokens, typography
from profile_gen.media.qr import QrCode
from profile_gen.office.pptx import shapes
from profile_gen.office.pptx.shapes import MARGIN, WIDTH, Box, u
from profile_gen.profile.fields import localize
from profile_gen.profile.model import Profile
from profile_gen.views.deck_fit import SCALES
from profile_gen.views.measure import Para, height
from profile_gen.views.text import clean, format_date, plain

if TYPE_CHECKING:
    from profile_gen.views.deck import DeckView

BODY_TOP = u(tokens.deck("rule") + 52)
"""Where a slide's heading starts: under the accent rule and the body's top padding."""
TOP, BOTTOM = u(150), u(651)
"""Where the content goes, under the heading and above the footer (1136 × 501 units)."""
CONTENT_WIDTH = WIDTH - 2 * MARGIN
GAP = u(32)
"""Between cards."""
ROW_GAP = u(10)
"""Between the rows of numbered items."""
QR_SIZE, QR_GAP = u(230), u(18)
QR_CAPTION = u(22)
MODULE_PIXELS = 16


@dataclass(frozen=True)
class PhotoImage:
    blob: bytes
    size: tuple[int, int]
    alt: str


@dataclass
class DeckContext:
    """What every slide reads: the profile in one language, the colour, the pictures."""

    profile: Profile
    lang: str
    accent: str
    photo: PhotoImage | None = None
    qr_codes: list[tuple[str, QrCode]] = field(default_factory=list)
    contact: dict[str, object] = field(default_factory=dict)
    deck: DeckView | None = None
    """The deck's view in this language (`views.deck`): titles, numbers, links, figures."""
    title: str = "rule"
    """How a slide's title is drawn (`designs.SLIDE_TITLES`): the design's."""
    square_photo: bool = False
    """The photo in a square frame (the design's `[slides] photo`), else a round one."""
    soft: str = ""
    """The cards' panel (the design's `soft` colour; the theme's when empty)."""
    ink: str = shapes.INK
    """The slides' text, `muted` their secondary text, `paper` their background: the
    design's colours (`[color] ink`, `ink-muted`, `surface`), as the HTML deck's."""
    muted: str = shapes.MUTED
    paper: str = shapes.PAPER
    font: str = ""
    """The deck's font, as its texts were measured (`DeckView.font`, `measure.deck_font`)."""
    scale: float = 1.0
    """The slide's type scale (`deck_fit`: the HTML deck's `fit-N`), set before drawing."""

    def size(self, units: float) -> float:
        """A text size of the HTML deck (canvas units at `fit-1`), scaled, in points."""
        return u(units) * self.scale

    def floor(self, units: float) -> float:
        """The size a text may still shrink to: the HTML deck's smallest scale."""
        return u(units) * SCALES[-1]

    def para(self, text: str, units: float, **style) -> Para:
        """A text of the HTML deck set `units` high at `fit-1`: at the slide's scale, free
        to shrink down to the smallest scale's size."""
        return Para(text, self.size(units), minimum=self.floor(units), font=self.font, **style)

    @property
    def language_tag(self) -> str:
        return {"fr": "fr-FR", "en": "en-GB"}.get(self.lang, self.lang)

    def typeset(self, text: str) -> str:
        """`text` as the slide shows it, in the language's typography (what is measured is
        what is shown: a French ’ is wider than ')."""
        return typography.typeset(clean(text), self.lang)

    def t(self, value) -> str:
        return self.typeset(localize(value, self.lang, self.profile.primary_language))

    def md(self, value) -> str:
        """Markdown in one paragraph of plain text."""
        raw = clean(localize(value, self.lang, self.profile.primary_language))
        return self.typeset(plain(raw, " "))

    def say(self, key: str, **values) -> str:
        return self.typeset(i18n.text(self.lang, key, **values))


@lru_cache(maxsize=16)
def qr_png(code: QrCode) -> bytes:
    """The QR code as a black and white PNG, `MODULE_PIXELS` per module, quiet zone kept:
    made once for the title and the closing slides, and the decks of every language (the
    smallest PNG takes a few milliseconds to find)."""
    side = code.modules * MODULE_PIXELS
    image = Image.new("1", (side, side), 1)
    draw = ImageDraw.Draw(image)
    for x, y, run in code.runs:
        box = (
            x * MODULE_PIXELS,
            y * MODULE_PIXELS,
            (x + run) * MODULE_PIXELS - 1,
            (y + 1) * MODULE_PIXELS - 1,
        )
        draw.rectangle(box, fill=0)
    output = io.BytesIO()
    image.save(output, "PNG", optimize=True)
    return output.getvalue()


def qr_column(slide, ctx: DeckContext) -> float:
    """The QR codes stacked at the right, captioned, centred in the slide's body (the HTML
    deck's `.qr-pair`); returns where the text column must stop."""
    codes = [(key, code) for key, code in ctx.qr_codes if code]
    if not codes:
        return WIDTH - MARGIN
    figure = QR_SIZE + u(4) + QR_CAPTION * 1.3
    total = len(codes) * figure + (len(codes) - 1) * QR_GAP
    x, y = WIDTH - MARGIN - QR_SIZE, BODY_TOP + (u(586) - total) / 2
    for key, code in codes:
        name = {"book": "Book", "linkedin": "LinkedIn"}.get(key, key)
        description = ctx.say("annexe.qr_for", url=code.data)
        shapes.picture(
            slide, f"QR {name}", Box(x, y, QR_SIZE, QR_SIZE), qr_png(code), description, code.data
        )
        text = ctx.say(f"deck.qr.{key}")
        caption = Para(
            text, QR_CAPTION, bold=True, color=ctx.ink, align="center", line=1.3, font=ctx.font
        )
        shapes.text_box(
            slide,
            f"QR {name} caption",
            Box(x - u(20), y + QR_SIZE + u(4), QR_SIZE + u(40), QR_CAPTION * 1.3 * 2),
            [replace(caption, minimum=ctx.floor(22))],
            ctx.language_tag,
        )
        y += figure + QR_GAP
    return x - u(56)


@dataclass(frozen=True)
class Placed:
    """A text stacked in a column: its box, its paragraphs (fitted)."""

    box: Box
    paras: list[Para]


def stack(x: float, y: float, width: float, items: list[tuple[list[Para], float, float]]):
    """Texts one under the other from `y`: each `(paras, indent, gap after)`, its box as
    tall as the measure says. Returns the placed texts and the bottom of the last."""
    placed = []
    for paras, indent, after in items:
        tall = height(paras, width - indent)
        placed.append(Placed(Box(x + indent, y, width - indent, tall), paras))
        y += tall + after
    return placed, y


def period(ctx: DeckContext, item) -> str:
    start = format_date(getattr(item, "start", None), ctx.lang)
    end = format_date(getattr(item, "end", None), ctx.lang)
    return f"{start} – {end}" if start and end and start != end else start or end
