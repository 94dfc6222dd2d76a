"""A QR code's SVG path data (`_macros.qr`: a line one module wide through the middle of each
run of dark modules) drawn as a picture, as a scanner would see it, for zxing-cpp."""

from __future__ import annotations

import re

from PIL import Image

LINE = re.compile(r"M(\d+) (\d+)\.5h(\d+)")


def drawn(modules: int, path: str, scale: int = 8) -> Image.Image:
    lines = LINE.findall(path)
    assert "".join(f"M{x} {y}.5h{run}" for x, y, run in lines) == path, "not only lines"
    image = Image.new("L", (modules * scale, modules * scale), 255)
    for x, y, run in (map(int, line) for line in lines):
        image.paste(0, (x * scale, y * scale, (x + run) * scale, (y + 1) * scale))
    return image
