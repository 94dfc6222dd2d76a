"""Generated profiles for the output tests: other shapes than the sample's.

`make_project` writes a project (theme, settings, content) whose profile is the sample's
data changed by `edit`, or a minimal profile, with a generated photo: a phone portrait
(3024 x 4032), a landscape photo, etc. The photos are flat colours with a red "face" block,
so a test can find the photo and its face on a rendered page by colour.
"""

from __future__ import annotations

import copy
import shutil
from collections.abc import Callable
from pathlib import Path

import yaml
from PIL import Image, ImageDraw

from tests.conftest import ROOT

SAMPLE_DATA = yaml.safe_load((ROOT / "content/profile.yaml").read_text(encoding="utf-8"))
BLUE, RED = (20, 40, 230), (230, 20, 20)

LONG_NAME = "Marie-Christine Delacroix-Villeneuve de Saint-Exupéry"
LONG_EMAIL = "marie-christine.delacroix-villeneuve@universite-exemple-longue.fr"
EMOJI_HEADLINE = "🚀 Cheffe de projet SI 👩🏽‍💻 · Data & ERP ✨"


def photo(size: tuple[int, int], face: tuple[float, float, float, float]) -> Image.Image:
    """A blue photo of `size` with a red block at `face` (left, top, right, bottom, as
    fractions of the width and height)."""
    image = Image.new("RGB", size, BLUE)
    width, height = size
    left, top, right, bottom = face
    ImageDraw.Draw(image).rectangle(
        (left * width, top * height, right * width, bottom * height), fill=RED
    )
    return image


PORTRAIT = ((3024, 4032), (0.35, 0.25, 0.65, 0.5))
"""A phone portrait (3:4), the face centred in the upper half."""
LANDSCAPE = ((4032, 3024), (0.02, 0.3, 0.18, 0.6))
"""A landscape photo (4:3) whose face is at the far left: it needs a focal point."""

MINIMAL = {
    "locale": ["en", "fr"],
    "identity": {
        "name": "Sam Lee",
        "headline": {"en": "Business analyst", "fr": "Analyste métier"},
        "contact": {"email": "sam@example.org"},
    },
    "links": {"book": "https://sam.example.org/"},
    "experience": [
        {"title": "Analyst", "organization": "Acme", "start": "2023-01", "end": "present"}
    ],
}


def make_project(
    root: Path,
    edit: Callable[[dict], None] | None = None,
    *,
    base: dict | None = None,
    image: tuple | None = PORTRAIT,
    focus: dict | None = None,
    articles: bool = True,
) -> Path:
    """A project under `root`: theme, settings and `content/profile.yaml` (the sample's data,
    or `base`, changed by `edit`) with a generated photo; returns `root`."""
    shutil.copytree(ROOT / "theme", root / "theme")
    shutil.copy(ROOT / "pelican.conf.py", root / "pelican.conf.py")
    content = root / "content"
    if articles:
        shutil.copytree(ROOT / "content", content)
    else:
        (content / "images").mkdir(parents=True)
    data = copy.deepcopy(SAMPLE_DATA if base is None else base)
    if image is not None:
        size, face = image
        photo(size, face).save(content / "images/photo.jpg", "JPEG", quality=90)
        data["identity"]["photo"] = {"path": "images/photo.jpg", "alt": "Portrait"}
        if focus:
            data["identity"]["photo"]["focus"] = focus
    if edit:
        edit(data)
    (content / "profile.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return root


def long_and_french_only(data: dict) -> None:
    """One language, a long name and e-mail, emoji in the headline, jobs out of order."""
    data["locale"] = "fr"
    data["identity"]["name"] = LONG_NAME
    data["identity"]["headline"] = EMOJI_HEADLINE
    data["identity"]["contact"]["email"] = LONG_EMAIL
    data["experience"].reverse()  # typed oldest first: printed newest first
    data["education"].reverse()
    data["achievements"][0]["context"] = "Le *nouvel* ERP remplace **trois** outils."
    data["achievements"][0]["role"] = "Cheffe de projet, *côté client*."
