"""Pictures of the Word annexe: QR codes as sharp PNGs, the photo cropped to the printed
CV's frame, each with its alternative text (`wp:docPr/@descr`)."""

from __future__ import annotations

import io
import math

from docx.shared import Cm, Length
from docx.text.paragraph import Paragraph
from PIL import Image

from profile_gen.media.qr import QrCode
from profile_gen.office.docx.inline import clean

QR_WIDTH = Cm(4.5)
"""Printed side of a QR code, quiet zone included: the symbol itself stays over 3 cm even
for the smallest version (21 of 29 modules)."""
QR_DPI = 600
"""Minimum resolution of a QR code's PNG at its printed size."""
PHOTO_FRAME = (Cm(3.6), Cm(4.5))
"""The photo's printed frame, the printed CV's (`.cv-photo` in `print.css`): 4:5."""


def qr_png(code: QrCode, width: Length = QR_WIDTH, dpi: int = QR_DPI) -> bytes:
    """The QR code as a black and white PNG of at least `dpi` at `width`, whole pixels per
    module (sharp edges), its resolution recorded so it opens at the printed size."""
    scale = math.ceil(width.inches * dpi / code.modules)
    symbol = Image.new("1", (code.modules, code.modules), 1)
    for x, y, run in code.runs:
        for column in range(x, x + run):
            symbol.putpixel((column, y), 0)
    side = code.modules * scale
    image = symbol.resize((side, side), Image.Resampling.NEAREST)
    resolution = side / width.inches
    buffer = io.BytesIO()
    image.save(buffer, "PNG", dpi=(resolution, resolution))
    return buffer.getvalue()


def framed(
    data: bytes, focus: tuple[float, float], frame: tuple[Length, Length] = PHOTO_FRAME
) -> bytes:
    """The JPEG `data` cropped to the proportions of `frame` as CSS's `object-fit: cover`
    and `object-position: x% y%` crop it in the PDF: the `focus` point (0 to 1 from the
    left and from the top) in the same place of the frame."""
    with Image.open(io.BytesIO(data)) as image:
        width, height = image.size
        ratio = frame[0] / frame[1]
        kept = (min(width, round(height * ratio)), min(height, round(width / ratio)))
        if kept == (width, height):
            return data
        left = round((width - kept[0]) * focus[0])
        top = round((height - kept[1]) * focus[1])
        buffer = io.BytesIO()
        cropped = image.crop((left, top, left + kept[0], top + kept[1]))
        # the source's own quantization: the crop loses no more than the JPEG already did
        tables = getattr(image, "quantization", None)
        options = {"qtables": tables} if tables else {"quality": 90}
        cropped.save(buffer, "JPEG", optimize=True, **options)
    return buffer.getvalue()


def add_picture(
    paragraph: Paragraph, data: bytes, width: int, height: int, description: str
) -> None:
    """The picture `data` at `width` x `height` (EMU) in `paragraph`, described for screen
    readers (and for Word's "alt text")."""
    run = paragraph.add_run()
    shape = run.add_picture(io.BytesIO(data), width=Length(width), height=Length(height))
    shape._inline.docPr.set("descr", clean(description))
