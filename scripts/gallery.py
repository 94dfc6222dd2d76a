"""Write the designs' gallery: the sample built in each design (`profile-gen designs`), its
Book's home on a desktop and a 390 px phone, the CV, a deck slide and the annexe's first
page, screenshot in Chromium into docs/designs/, and docs/designs.md listing them.

Run from the repository root (needs Chromium at /usr/bin/chromium, WeasyPrint for the PDFs):
    .venv/bin/python scripts/gallery.py          (or: make gallery)
"""

from __future__ import annotations

import io
import re
import shutil
import sys
import tempfile
from pathlib import Path

import pypdfium2
from PIL import Image
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from profile_gen import designs  # noqa: E402
from profile_gen.app.build import run_pelican  # noqa: E402

TARGET = ROOT / "docs" / "designs"
PAGE = ROOT / "docs" / "designs.md"
WIDTH = 900
SLIDE = 4
"""The deck slide shown: the achievements (cards, a title, the footer)."""


def save(image: Image.Image, name: str) -> str:
    """A small PNG: at most WIDTH px wide, 256 colours, optimised; its name."""
    if image.width > WIDTH:
        image = image.resize((WIDTH, round(image.height * WIDTH / image.width)), Image.LANCZOS)
    image.convert("RGB").quantize(256, method=Image.Quantize.MEDIANCUT).save(
        TARGET / name, optimize=True
    )
    return name


def first_page(pdf: Path, width: int) -> Image.Image:
    page = pypdfium2.PdfDocument(pdf)[0]
    return page.render(scale=width / page.get_width()).to_pil().convert("RGB")


def build(design: str, folder: Path) -> Path:
    """The sample in `design`, with its PDFs; the output folder."""
    shutil.copytree(ROOT / "content", folder / "content")
    shutil.copy(ROOT / "pelican.conf.py", folder / "pelican.conf.py")
    profile = folder / "content" / "profile.yaml"
    text = profile.read_text(encoding="utf-8")
    text = re.sub(r"^design:.*\n", "", text, flags=re.M)
    profile.write_text(
        re.sub(r"^(locale:.*\n)", rf"\1design: {design}\n", text, count=1, flags=re.M)
    )
    return run_pelican(
        folder / "pelican.conf.py", folder / "output", content=folder / "content"
    ).output


def shoot(browser, site: Path, design: str) -> list[str]:
    shots = []
    for name, size, full in (
        ("book-desktop", (1280, 900), False),
        ("book-phone", (390, 844), False),
    ):
        page = browser.new_page(viewport={"width": size[0], "height": size[1]})
        page.goto((site / "index.html").as_uri())
        image = Image.open(io.BytesIO(page.screenshot(full_page=full)))
        shots.append(save(image, f"{design}-{name}.png"))
        page.close()
    shots.append(save(first_page(site / "cv.pdf", WIDTH), f"{design}-cv.png"))
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto((site / "soutenance" / "index.html").as_uri() + f"#{SLIDE}")
    page.wait_for_timeout(300)
    image = Image.open(io.BytesIO(page.locator(".deck-slides > .slide.active").screenshot()))
    shots.append(save(image, f"{design}-deck.png"))
    page.close()
    shots.append(save(first_page(site / "annexe.pdf", WIDTH), f"{design}-annexe.png"))
    return shots


def page_text(shots: dict[str, list[str]]) -> str:
    lines = [
        "# Designs",
        "",
        "`design: NAME` in `profile.yaml` chooses the look of the Book, the CV and the deck",
        "(`profile-gen designs` lists them; `profile-gen init --design NAME` starts with one).",
        "The annexe keeps the methodology's rules in every design (A4, a Times-like serif 12 pt,",
        "line spacing 1.5, justified, black on white). This page and its pictures are made by",
        "`scripts/gallery.py` (`make gallery`) from the sample: run it again after a change.",
        "",
        "Every design keeps the Book's home page at 100 in Lighthouse's four categories",
        "(performance, accessibility, best practices, SEO), on a desktop and on a phone (whose",
        "performance, measured on a shared machine, is held at 90 or more): `make lighthouse`",
        "checks it (`tests/test_lighthouse.py`, part of `make test`).",
        "",
    ]
    for design, files in shots.items():
        lines += [
            f"## {design}",
            "",
            designs.about(design, "en") + ".",
            "",
            "| Book (desktop) | Book (phone) | CV |",
            "|---|---|---|",
            f"| ![{design}: Book, desktop](designs/{files[0]}) | ![{design}: Book, phone](designs/{files[1]}) | ![{design}: CV](designs/{files[2]}) |",
            "",
            "| Deck (slide 4) | Annexe, page 1 |",
            "|---|---|",
            f"| ![{design}: deck slide](designs/{files[3]}) | ![{design}: annexe](designs/{files[4]}) |",
            "",
        ]
    return "\n".join(lines) + "\n" + WORKED_EXAMPLE


WORKED_EXAMPLE = (
    (ROOT / "docs" / "designs-own.md").read_text(encoding="utf-8")
    if (ROOT / "docs" / "designs-own.md").is_file()
    else ""
)


def main() -> int:
    TARGET.mkdir(parents=True, exist_ok=True)
    shots: dict[str, list[str]] = {}
    with tempfile.TemporaryDirectory() as temp:
        sites = {name: build(name, Path(temp) / name) for name in designs.names()}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=["--no-sandbox"]
            )
            for name, site in sites.items():
                shots[name] = shoot(browser, site, name)
            browser.close()
    PAGE.write_text(page_text(shots), encoding="utf-8")
    for path in sorted(TARGET.glob("*.png")):
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
