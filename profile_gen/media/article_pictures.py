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
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from profile_gen.errors import BuildError
from profile_gen.media import images
from profile_gen.media.folder import IMAGE_LIMIT, checked_file
from profile_gen.text import one_line, slug

WIDTHS = (800, 1600)
PLACED = ("src", "srcset", "sizes", "width", "height", "loading")
"""The attributes of a picture this module writes (any the article gave are replaced)."""


@dataclass(frozen=True)
class PictureProblem:
    """A picture an article cannot show: `code` is a message code of `profile_gen.i18n`."""

    code: str
    article: str
    src: str
    refusal: tuple[str, dict] | None = None
    """Why `images.inspect` refused the file: its message code and context."""


class _Pictures(HTMLParser):
    """The `<img>` tags of an HTML text as a browser reads them (any quoting, entities):
    (start, end, attributes) of each, offsets in the text."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, int, list[tuple[str, str | None]]]] = []
        self._lines = [0, *(i + 1 for i, char in enumerate(html) if char == "\n")]
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            line, column = self.getpos()
            start = self._lines[line - 1] + column
            self.found.append((start, start + len(self.get_starttag_text() or ""), attrs))

    handle_startendtag = handle_starttag


def is_outside(src: str) -> bool:
    """Whether a browser would fetch `src` from another server (`https://`, `//host`,
    `\\\\host`, with the tabs and line breaks a browser ignores)."""
    address = "".join(char for char in src.strip() if char not in "\t\n\r").replace("\\", "/")
    return bool(urlsplit(address).scheme) or address.startswith("//")


def _tag(attributes: list[tuple[str, str | None]]) -> str:
    parts = [
        name if value is None else f'{name}="{escape(value, quote=True)}"'
        for name, value in attributes
    ]
    return "<img " + " ".join(parts) + ">"


def _name(source: Path) -> str:
    return "article-" + slug(source.stem, fallback="image")


def _find(src: str, article_folder: Path, content: Path) -> Path | None:
    """The picture `src` names, relative to the article or to the profile's folder, when
    it exists there; a `BuildError` when it is no regular file inside the folder."""
    path = unquote(urlsplit(src).path)
    root = content.resolve()
    for base in (article_folder, content):
        candidate = Path(os.path.normpath(base.resolve() / path))
        if candidate.is_relative_to(root) and os.path.lexists(candidate):
            return checked_file(candidate, root, IMAGE_LIMIT)
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

    def replace(attributes: list[tuple[str, str | None]]) -> str | None:
        src = dict(attributes).get("src")
        if src is None:  # its address refused by the sanitizer (`file:`, `data:`...)
            alt = one_line(dict(attributes).get("alt") or "")[:80]
            problems.append(PictureProblem("article_image_no_source", source_path, alt))
            return None
        if is_outside(src):
            problems.append(PictureProblem("article_image_outside", source_path, src))
            return None
        try:
            source = _find(src, article_folder, content)
        except BuildError as error:
            refusal = (error.code, error.context)
            problems.append(PictureProblem("article_image_bad", source_path, src, refusal))
            return None
        if source is None:
            problems.append(PictureProblem("article_image_missing", source_path, src))
            return None
        refused = images.inspect(source)
        if refused:
            problems.append(PictureProblem("article_image_bad", source_path, src, refused))
            return None
        name = f"{_name(source)}-{images.digest(source)[:8]}"
        picture = images.picture(source, name, WIDTHS, output, cache)
        largest = picture.largest
        srcset = ", ".join(f"{relative(v.jpeg)} {v.width}w" for v in picture.variants)
        placed = [
            ("src", relative(largest.jpeg)),
            ("srcset", srcset),
            ("sizes", "(max-width: 48rem) 100vw, 48rem"),
            ("width", str(largest.width)),
            ("height", str(largest.height)),
            ("loading", "lazy"),
        ]
        kept = [(name, value) for name, value in attributes if name not in PLACED]
        return _tag(placed + kept)

    pieces, done = [], 0
    for start, end, attributes in _Pictures(html).found:
        tag = replace(attributes)
        if tag is not None:
            pieces += [html[done:start], tag]
            done = end
    return "".join([*pieces, html[done:]]), problems
