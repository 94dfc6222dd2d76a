"""Pictures in the Book's articles: checked, cleaned and resized like the profile's photos.

A Markdown article shows a picture with ``![description](../images/plan.png)`` (relative to
the article) or ``![description](images/plan.png)`` (relative to the profile's folder). The
file is re-encoded without its metadata (EXIF, GPS) into ``images/``, and the ``<img>``
points at it with a relative address, so the article works from the disk and under any
sub-path. A picture from another server is refused: the Book asks nothing of other servers
when it is opened. Nothing here knows the theme; the tag keeps its ``alt``.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from profile_gen.media import images
from profile_gen.text import slug

WIDTHS = (800, 1600)
IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
SRC = re.compile(r'\bsrc="([^"]*)"', re.IGNORECASE)


@dataclass(frozen=True)
class PictureProblem:
    """A picture an article cannot show: `code` is a message code of `profile_gen.i18n`."""

    code: str
    article: str
    src: str
    refusal: tuple[str, dict] | None = None
    """Why `images.inspect` refused the file: its message code and context."""


def _name(source: Path) -> str:
    return "article-" + slug(source.stem, fallback="image")


def _find(src: str, article_folder: Path, content: Path) -> Path | None:
    path = unquote(urlsplit(src).path)
    for base in (article_folder, content):
        candidate = (base / path).resolve()
        if candidate.is_relative_to(content.resolve()) and candidate.is_file():
            return candidate
    return None


def place_pictures(
    html: str, source_path: str, save_as: str, content: Path, output: Path, cache: Path
) -> tuple[str, list[PictureProblem]]:
    """`html` of the article at `source_path` (relative to `content`), written to `save_as`,
    with its pictures copied clean into `output/images/`; and what could not be shown."""
    problems: list[PictureProblem] = []
    article_folder = (content / source_path).parent
    page_folder = os.path.dirname(save_as) or "."

    def relative(path: str) -> str:  # from the article's page, so it works from the disk
        return os.path.relpath(path, page_folder).replace(os.sep, "/")

    def replace(tag_match: re.Match) -> str:
        tag = tag_match.group(0)
        src_match = SRC.search(tag)
        if not src_match:
            return tag
        src = src_match.group(1)
        parts = urlsplit(src)
        if parts.scheme or src.startswith("//"):
            problems.append(PictureProblem("article_image_outside", source_path, src))
            return tag
        source = _find(src, article_folder, content)
        if source is None:
            problems.append(PictureProblem("article_image_missing", source_path, src))
            return tag
        refused = images.inspect(source)
        if refused:
            problems.append(PictureProblem("article_image_bad", source_path, src, refused))
            return tag
        name = f"{_name(source)}-{images.digest(source)[:8]}"
        picture = images.picture(source, name, WIDTHS, output, cache)
        largest = picture.largest
        srcset = ", ".join(f"{relative(v.jpeg)} {v.width}w" for v in picture.variants)
        attributes = (
            f'src="{relative(largest.jpeg)}" srcset="{srcset}" sizes="(max-width: 48rem) 100vw, '
            f'48rem" width="{largest.width}" height="{largest.height}" loading="lazy"'
        )
        return tag[: src_match.start()] + attributes + tag[src_match.end() :]

    return IMG.sub(replace, html), problems
