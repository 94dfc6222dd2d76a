"""The articles' metadata checked as Pelican will read it, with messages that say what to fix.

Pelican skips an article without a title, with an unreadable date, saved in another encoding
than UTF-8 or written (`Save_as`, `Slug`) out of the output folder, with a log line that
does not say what to fix. `check` and the build both call
`article_problems`, so they give the same verdict from any folder.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from pelican.utils import get_date

from profile_gen.book.settings import ARTICLE_SAVE_AS
from profile_gen.errors import BuildError
from profile_gen.media.folder import ARTICLE_LIMIT, walk
from profile_gen.text import lone_surrogate

MARKDOWN = (".md", ".markdown", ".mkd", ".mdown")
READ_SUFFIXES = (*MARKDOWN, ".rst", ".html", ".htm")
"""What Pelican's readers read in the articles' folder (Markdown, reStructuredText, HTML)."""
SLUG_LIMIT = 80
"""Characters of an article's address (its folder's name) at most: the title's first words."""
_KEY = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)$")
_MORE = re.compile(r"^[ ]{4,}(?P<value>.*)$")
_BEGIN = re.compile(r"^-{3}(\s.*)?$")
_END = re.compile(r"^(-{3}|\.{3})(\s.*)?$")
"""Python-Markdown's `meta`: a block may open with `---` and close with `---` or `...`."""
_DATED_NAME = re.compile(r"^\d{4}-\d{2}-\d{2}")
"""Pelican's default FILENAME_METADATA: a name starting with a date gives the date."""
ISO_DATE = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:[ T_]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
)
"""The date an article may give (`2025-09-12`, `2025-09-12 14:30`): Pelican reads many more,
`05/10/2025` among them, as the 10th of May, where a French student meant the 5th of October."""


def article_date(value: str):
    """The date of an article's `Date:` (or `Modified:`) as Pelican reads it, when written
    YYYY-MM-DD (a time may follow); ValueError otherwise."""
    if ISO_DATE.fullmatch(value.strip()) is None:
        raise ValueError(value)
    return get_date(value.replace("_", " "))


def written_at(save_as: str) -> str:
    """Where a page saved as `save_as` lands, relative to the output folder, as Pelican
    joins it (`sanitised_join`): `articles/../index.html` is `index.html`."""
    return posixpath.normpath(save_as.replace("\\", "/"))


def _outside(save_as: str) -> bool:
    """Whether a page written at `save_as` would leave the output folder: an absolute path,
    or more `..` than folders."""
    path = written_at(save_as)
    return path.startswith("/") or path == ".." or path.startswith("../")


def metadata(text: str) -> dict[str, str]:
    """The metadata block at the top of a Markdown article (Python-Markdown's `meta`)."""
    return _metadata(text)[0]


def _metadata(text: str) -> tuple[dict[str, str], dict[str, int]]:
    """The metadata block at the top of a Markdown article as Python-Markdown's `meta`
    reads it (between `---` lines, as a YAML front matter, or not), and the line of each key."""
    found: dict[str, str] = {}
    lines: dict[str, int] = {}
    key = None
    written = text.lstrip("\ufeff").splitlines()
    start = 1 if written and _BEGIN.match(written[0]) else 0
    for number, line in enumerate(written[start:], start=start + 1):
        if start and _END.match(line):
            break
        if (match := _KEY.match(line)) is not None:
            key = match.group("key").lower()
            found[key] = match.group("value").strip()
            lines.setdefault(key, number)
        elif key is not None and (match := _MORE.match(line)) is not None:
            found[key] = f"{found[key]} {match.group('value').strip()}".strip()
        else:
            break
    return found, lines


def problems_of(path: Path, shown: str) -> list[BuildError]:
    """What would make Pelican skip the article at `path` (named `shown` in messages)."""
    try:
        meta, lines = _metadata(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as error:  # saved in Latin-1 or Windows-1252, say
        byte = f"0x{error.object[error.start]:02X}"
        line = error.object[: error.start].count(b"\n") + 1
        return [BuildError("article_encoding", file=shown, line=line, byte=byte)]
    except OSError:
        return []  # the build names unreadable files itself
    found: list[BuildError] = []
    for key, where in (("save_as", "{slug}"), ("slug", ARTICLE_SAVE_AS)):
        value = meta.get(key, "")
        if value and _outside(where.format(slug=value)):
            named = {"key": key.capitalize(), "value": value, "line": lines[key]}
            found.append(BuildError("article_outside", file=shown, **named))
    if url := meta.get("url"):
        where = f"{shown}:{lines['url']}"
        found.append(BuildError("article_url", file=where, found=url[:200]))
    if not meta.get("title"):
        found.append(BuildError("article_no_title", file=shown))
    draft = meta.get("status", "").lower() == "draft"
    value = meta.get("date", "")
    if not value and not draft and not _DATED_NAME.match(path.name):
        found.append(BuildError("article_no_date", file=shown))
    for key in ("date", "modified"):
        if given := meta.get(key, ""):
            try:
                article_date(given)
            except ValueError:
                line = lines[key]
                found.append(BuildError("article_bad_date", file=shown, line=line, found=given))
    return found


def article_problems(
    content: Path, folders: list[str] | tuple[str, ...] = ("articles",)
) -> list[BuildError]:
    """Every problem of the Markdown articles under `content`'s article folders; a file the
    build would refuse to open (a link out, a pipe, a loop, too large) is the only one."""
    try:
        paths = walk(content, folders, MARKDOWN, ARTICLE_LIMIT)
    except BuildError as error:
        return [error]
    found = []
    for path in paths:
        found += problems_of(path, path.relative_to(content.resolve()).as_posix())
    return found


def invalid_character(article) -> BuildError | None:
    """A lone UTF-16 surrogate in a read article (reStructuredText's `unicode:: U+D800`
    makes one), which no page can be written with: the error naming its file."""
    if (marked := getattr(article, "profile_gen_invalid", None)) is not None:
        return marked
    texts = [article._content, *article.metadata.values()]
    for text in texts:
        if isinstance(text, str) and (code := lone_surrogate(text)):
            return BuildError("article_invalid_char", file=article.relative_source_path, char=code)
    return None
