"""The competency chart of the self-assessment as a PNG: the HTML annexe's SVG drawn with
Pillow, from the same geometry (`profile_gen.views.charts`), colours and font."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

from docx.shared import Cm
from PIL import Image, ImageDraw, ImageFont

from profile_gen import tokens
from profile_gen.views.charts import Bar, Chart

WIDTH = Cm(15)
"""Printed width, as the HTML chart's `max-width`."""
DPI = 300
MARGIN = (10, 24, 10, 10)
"""Left, top, right and bottom margins around the chart, in chart units (the SVG viewBox)."""


BAR_HEIGHT = 14
TEXT, BAR, TICK, TARGET = (
    tokens.color(name, "print") for name in ("text", "bar", "tick", "target")
)
"""The print palette of the design tokens, as the HTML chart's CSS reads it."""


def _rows(bar: Bar) -> tuple[float, float]:
    """The label's baseline and the bar's top: the geometry's own when it gives them (as the
    SVG template reads them), else the SVG's fixed offsets in the row."""
    return getattr(bar, "label_y", bar.y + 14), getattr(bar, "bar_y", bar.y + 20)


def _font(path: Path | None, size: float) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    if path is not None and path.is_file():
        return ImageFont.truetype(str(path), round(size))
    return ImageFont.load_default(round(size))


def chart_png(chart: Chart, labels: Sequence[str], font: Path | None) -> tuple[bytes, float]:
    """The chart with a label over each bar, and its height/width ratio."""
    left, top, right, bottom = MARGIN
    units_wide = chart.width + left + right
    units_high = chart.height + top + bottom
    scale = WIDTH.inches * DPI / units_wide
    image = Image.new("RGB", (round(units_wide * scale), round(units_high * scale)), "white")
    draw = ImageDraw.Draw(image)

    def at(x: float, y: float) -> tuple[float, float]:
        return (x + left) * scale, (y + top) * scale

    tick_font, label_font = _font(font, 12 * scale), _font(font, 14 * scale)
    for level, x in chart.ticks:
        draw.text(at(x, -10), str(level), fill=BAR, font=tick_font, anchor="ms")
    for bar, label in zip(chart.bars, labels, strict=True):
        label_y, bar_y = _rows(bar)
        for _, x in chart.ticks:  # beside the bar only, as in the HTML: never across a label
            line = [at(x, bar_y - 5), at(x, bar_y + BAR_HEIGHT + 5)]
            draw.line(line, fill=TICK, width=max(1, round(scale)))
        draw.text(at(0, label_y), label, fill=TEXT, font=label_font, anchor="ls")
        draw.rounded_rectangle(
            [at(0, bar_y), at(bar.level_width, bar_y + BAR_HEIGHT)],
            radius=3 * scale,
            fill=BAR,
        )
        if bar.target_x is not None:
            target = [at(bar.target_x - 2, bar_y - 3), at(bar.target_x + 2, bar_y + BAR_HEIGHT + 3)]
            draw.rectangle(target, fill=TARGET)
    buffer = io.BytesIO()
    # zlib's fastest level: half the time of the default for 40 % more bytes (some 15 KB)
    image.save(buffer, "PNG", dpi=(DPI, DPI), compress_level=1)
    return buffer.getvalue(), image.height / image.width
