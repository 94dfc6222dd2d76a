"""What every slide shares: the canvas's regions, the deck's context (the profile in one
language, the colour, the pictures), the QR codes as pictures, the "to do" marker."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from PIL import Image, ImageDraw
from pptx.enum.dml import MSO_LINE

from profile_gen import i18n
from profile_gen.media.qr import QrCode
from profile_gen.office.pptx import shapes
from profile_gen.office.pptx.shapes import HEIGHT, INK, MARGIN, WIDTH, Box
from profile_gen.profile.fields import localize
from profile_gen.profile.model import Profile
from profile_gen.views.measure import Para, fit
from profile_gen.views.text import clean, format_date, plain

TOP, BOTTOM = 104.0, HEIGHT - 42
"""Where the content goes, under the title bar and above the footer."""
CONTENT_WIDTH = WIDTH - 2 * MARGIN
GAP = 24.0
QR_SIZE, QR_CAPTION = 170.0, 30.0
MODULE_PIXELS = 16
_MODULES = re.compile(r"M(\d+) (\d+)h(\d+)")


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

    @property
    def language_tag(self) -> str:
        return {"fr": "fr-FR", "en": "en-GB"}.get(self.lang, self.lang)

    def t(self, value) -> str:
        return clean(localize(value, self.lang, self.profile.primary_language))

    def md(self, value) -> str:
        """Markdown in one paragraph of plain text."""
        return plain(self.t(value), " ")

    def say(self, key: str, **values) -> str:
        return i18n.text(self.lang, key, **values)


def qr_png(code: QrCode) -> bytes:
    """The QR code as a black and white PNG, `MODULE_PIXELS` per module, quiet zone kept."""
    side = code.modules * MODULE_PIXELS
    image = Image.new("1", (side, side), 1)
    draw = ImageDraw.Draw(image)
    for x, y, run in ((int(a), int(b), int(c)) for a, b, c in _MODULES.findall(code.path)):
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


def missing(slide, ctx: DeckContext, section: str) -> None:
    """The HTML deck's "to do" marker: a dashed red frame saying what to add."""
    box = Box(MARGIN, TOP + 20, CONTENT_WIDTH, 110)
    shape = shapes.rectangle(slide, "To do", box, shapes.WARN)
    shape.fill.background()
    shape.line.color.rgb = shapes.rgb(shapes.WARN)
    shape.line.width = shapes.Pt(3)
    shape.line.dash_style = MSO_LINE.DASH
    text = ctx.say("deck.missing", section=section)
    para = Para(text, 24, bold=True, color=shapes.WARN, cut=True)
    frame = shape.text_frame
    shapes.write_paragraphs(frame, fit([para], *box.inner(18, 12)), ctx.language_tag, "middle")
    frame.margin_left = frame.margin_right = shapes.Pt(18)
    frame.margin_top = frame.margin_bottom = shapes.Pt(12)


def qr_column(slide, ctx: DeckContext) -> float:
    """The QR codes stacked at the right, captioned; returns where the text must stop."""
    codes = [(key, code) for key, code in ctx.qr_codes if code]
    if not codes:
        return WIDTH - MARGIN
    total = len(codes) * (QR_SIZE + QR_CAPTION) + (len(codes) - 1) * GAP
    x, y = WIDTH - MARGIN - QR_SIZE, (HEIGHT - 40 - total) / 2
    for key, code in codes:
        name = {"book": "Book", "linkedin": "LinkedIn"}.get(key, key)
        description = ctx.say("annexe.qr_for", url=code.data)
        shapes.picture(
            slide, f"QR {name}", Box(x, y, QR_SIZE, QR_SIZE), qr_png(code), description, code.data
        )
        caption = Para(
            ctx.say(f"deck.qr.{key}"), 20, bold=True, color=INK, align="center", cut=True
        )
        shapes.text_box(
            slide,
            f"QR {name} caption",
            Box(x - 20, y + QR_SIZE, QR_SIZE + 40, QR_CAPTION + 4),
            [caption],
            ctx.language_tag,
        )
        y += QR_SIZE + QR_CAPTION + GAP
    return x - 40


def side_strip(slide, ctx: DeckContext) -> None:
    shapes.rectangle(slide, "Accent", Box(0, 0, 18, HEIGHT), ctx.accent)


def columns(count: int) -> list[Box]:
    if not count:
        return []
    width = (CONTENT_WIDTH - GAP * (count - 1)) / count
    return [
        Box(MARGIN + i * (width + GAP), TOP + 8, width, BOTTOM - TOP - 16) for i in range(count)
    ]


def period(ctx: DeckContext, item) -> str:
    start = format_date(getattr(item, "start", None), ctx.lang)
    end = format_date(getattr(item, "end", None), ctx.lang)
    return f"{start} – {end}" if start and end and start != end else start or end
