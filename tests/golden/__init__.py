"""Golden outputs: what each format says (text and structure, not pixels) for three
profiles, stored under `tests/golden/<profile>/` as readable JSON and compared by
`tests/test_golden.py`. After a change that is meant to change the outputs, refresh them
with one command and read the diff before committing:

    .venv/bin/python -m tests.golden --refresh

The profiles: the sample (`content/`), a minimal English one and a maximal bilingual one
(`tests/deck_profiles.py`). The builds are dated by `SOURCE_DATE_EPOCH`, so the files hold
no date of the machine, no folder, no line break that depends on the fonts.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

from profile_gen.app.build import run_pelican
from profile_gen.outputs import LANGUAGES, place
from tests.conftest import copy_sample
from tests.deck_profiles import maximal, minimal_english
from tests.golden import extract
from tests.profiles import SAMPLE_DATA

HERE = Path(__file__).resolve().parent
EPOCH = "1767225600"
"""2026-01-01 00:00:00 UTC: the date of every document of the golden builds."""
PROFILES: dict[str, Callable[[], dict] | None] = {
    "sample": None,
    "minimal_en": minimal_english,
    "maximal": maximal,
}
"""The golden profiles: None is the sample as it is."""
REFRESH = ".venv/bin/python -m tests.golden --refresh"


def languages(name: str) -> list[str]:
    """The languages of the golden profile `name`, as its file lists them."""
    make = PROFILES[name]
    data = make() if make else SAMPLE_DATA
    locale = data["locale"]
    return [locale] if isinstance(locale, str) else list(locale)


@contextmanager
def fixed_date() -> Iterator[None]:
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


def build(name: str, root: Path) -> Path:
    """The golden profile `name` built under `root` with every document and its PDFs."""
    copy_sample(root)
    make = PROFILES[name]
    if make is not None:
        text = yaml.safe_dump(make(), allow_unicode=True, sort_keys=False, width=1000)
        (root / "content/profile.yaml").write_text(text, encoding="utf-8")
    with fixed_date():
        return run_pelican(root / "pelican.conf.py", root / "output").output


def _deck_folders(site: Path) -> dict[str, tuple[Path, Path]]:
    """Per language of the Book: the deck's folder and the PowerPoint, where the output
    registry places them (the root's language is the primary one)."""
    html = (site / "index.html").read_text(encoding="utf-8")
    primary = html.split('lang="', 1)[1].split('"', 1)[0]
    found = {}
    for lang in sorted({primary, *LANGUAGES}):
        deck = site / place("deck", lang, primary)
        if (deck / "index.html").is_file():
            found[lang] = (deck, site / place("deck.pptx", lang, primary))
    return found


def collect(site: Path) -> dict[str, Any]:
    """Every golden file of a built site: {file name: its data}."""
    files: dict[str, Any] = {}
    for lang, (deck, pptx) in _deck_folders(site).items():
        files[f"deck_html.{lang}.json"] = {
            "slides": extract.deck_html(deck / "index.html"),
            "outline": extract.listed_slides(deck / "plan.html", ".outline-slide h2"),
            "cards": extract.listed_slides(deck / "cards.html", "section.card h2"),
            "outline_md": (deck / "outline.md").read_text(encoding="utf-8").splitlines(),
        }
        if pptx.is_file():
            files[f"pptx.{lang}.json"] = extract.pptx_slides(pptx)
    files["annexe_html.json"] = extract.annexe_html(site / "annexe/index.html")
    files["cv_html.json"] = extract.cv_html(site / "cv/index.html")
    files["docx.json"] = extract.docx_outline(site / "annexe.docx")
    files["pdf.json"] = {
        "annexe.pdf": extract.pdf_text(site / "annexe.pdf", site / "annexe/index.html"),
        "cv.pdf": extract.pdf_text(site / "cv.pdf", site / "cv/index.html"),
    }
    return files


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def stored(name: str) -> dict[str, str]:
    """The golden files of profile `name`, as text."""
    folder = HERE / name
    return {path.name: path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.json"))}


def write(name: str, files: dict[str, Any]) -> None:
    folder = HERE / name
    folder.mkdir(exist_ok=True)
    for old in folder.glob("*.json"):
        old.unlink()
    for file, data in files.items():
        (folder / file).write_text(dumps(data), encoding="utf-8")
