"""Draw the sample's portrait: an illustrated, fictitious face (no photo of a real person).

Deterministic: the same Pillow version writes the same file. Run from the repository root:
    python scripts/make_portrait.py [content/images/portrait.jpg]
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

SIZE = 800


def draw_portrait() -> Image.Image:
    scale = 2  # draw large, then reduce: smooth edges without antialiasing support
    size = SIZE * scale
    image = Image.new("RGB", (size, size))
    draw = ImageDraw.Draw(image)
    for y in range(size):  # soft blue-grey studio background
        shade = int(200 - 60 * y / size)
        draw.line([(0, y), (size, y)], fill=(shade - 30, shade - 10, shade + 20))

    def box(cx: float, cy: float, rx: float, ry: float) -> list[float]:
        return [(cx - rx) * size, (cy - ry) * size, (cx + rx) * size, (cy + ry) * size]

    hair = (58, 38, 30)
    skin = (224, 178, 150)
    draw.ellipse(box(0.5, 0.40, 0.25, 0.29), fill=hair)  # hair, back
    draw.rectangle([0.25 * size, 0.40 * size, 0.75 * size, 0.72 * size], fill=hair)
    draw.ellipse(box(0.5, 1.05, 0.42, 0.30), fill=(34, 60, 98))  # jacket
    draw.polygon(  # shirt collar
        [(0.40 * size, 0.77 * size), (0.5 * size, 0.92 * size), (0.60 * size, 0.77 * size)],
        fill=(240, 240, 236),
    )
    draw.rectangle([0.44 * size, 0.62 * size, 0.56 * size, 0.80 * size], fill=skin)  # neck
    draw.ellipse(box(0.5, 0.46, 0.17, 0.22), fill=skin)  # face
    draw.chord(box(0.5, 0.33, 0.19, 0.14), 180, 360, fill=hair)  # fringe
    for cx in (0.44, 0.56):  # eyes and brows
        draw.ellipse(box(cx, 0.46, 0.018, 0.012), fill=(50, 40, 35))
        draw.line(
            [((cx - 0.03) * size, 0.425 * size), ((cx + 0.03) * size, 0.42 * size)],
            fill=hair,
            width=int(0.008 * size),
        )
    draw.arc(box(0.5, 0.53, 0.05, 0.03), 20, 160, fill=(170, 90, 90), width=int(0.007 * size))
    image = image.filter(ImageFilter.GaussianBlur(1.2))
    return image.resize((SIZE, SIZE), Image.Resampling.LANCZOS)


def main(argv: list[str]) -> int:
    target = Path(argv[1] if len(argv) > 1 else "content/images/portrait.jpg")
    target.parent.mkdir(parents=True, exist_ok=True)
    draw_portrait().save(target, "JPEG", quality=88, optimize=True)
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
