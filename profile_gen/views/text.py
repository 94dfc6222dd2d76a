"""Text every format shares, renderer-neutral: the one Markdown parser (raw HTML off, safe link
targets), dates as the documents print them, and Markdown as plain text for slides and speaker
notes (no marks, links reduced to their words: nothing here is ever read as markup, a field
code or a link by PowerPoint)."""

from __future__ import annotations

import datetime
import re
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt

from profile_gen import i18n
from profile_gen.profile import formats
from profile_gen.profile.fields import PartialDate

# CommonMark with raw HTML disabled: tags in user text come out as text, and
# markdown-it refuses javascript:, vbscript:, file: and data: link targets; what it writes
# then passes the one HTML gate of every student's text (`sanitize.clean`).


def _browser_safe_link(url: str) -> bool:
    """markdown-it's refusals, and an http(s) target must be one `WebUrl` accepts (no
    `user@` before the host, no host mixing alphabets): else the link stays text."""
    if not _COMMONMARK.validateLink(url):
        return False
    return not url.lower().startswith(("http:", "https:")) or formats.is_web_url(url)


_COMMONMARK = MarkdownIt("commonmark")


INLINE_DEPTH = 10
"""Inline marks (emphasis, strong, links) kept one inside another; deeper ones stay text."""


def _shallow_inline(state: Any) -> None:
    """Inline marks nested deeper than `INLINE_DEPTH` (`*a *a *a … b* b* b*` hundreds deep)
    become the text they were written as: every format lays out what stays (WeasyPrint's
    boxes, Word's runs) by recursion, and Python's limit stopped the build there."""
    for block in state.tokens:
        depth = 0
        for token in block.children or ():
            if token.nesting == 1:
                depth += 1
            deep, closing = depth > INLINE_DEPTH, token.nesting == -1
            if token.nesting and deep:
                token.type, token.tag, token.content = "text", "", token.markup
                token.attrs, token.nesting = {}, 0
            if closing:
                depth -= 1


def commonmark() -> MarkdownIt:
    """A CommonMark parser with raw HTML off and only safe link targets: every format parses
    the profile's Markdown with one of these (the Book's adds its HTML rendering rules)."""
    parser = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")
    parser.validateLink = _browser_safe_link  # type: ignore[method-assign]
    parser.core.ruler.push("shallow_inline", _shallow_inline)
    return parser


MARKDOWN = commonmark()
"""The parser of the Word and PowerPoint writers and of `check` (tokens, never HTML)."""


def format_date(value: PartialDate | datetime.date | None, lang: str) -> str:
    """``18 sept. 2025``, ``sept. 2025`` or ``2025``, as precise as the date is known, with
    no-break spaces: a date never breaks inside, on a page, a slide or in Word."""
    if value is None:
        return ""
    if isinstance(value, datetime.date):  # a Pelican article's date
        value = PartialDate(value.year, value.month, value.day)
    if value.is_present:
        return unbreakable(i18n.label(lang, "present"))
    return unbreakable(i18n.format_date(value, lang))


def expired(value: PartialDate | None, on: datetime.datetime) -> bool:
    """Whether the period `value` names (a certification's expiry) was over on `on`: the
    documents' date in a build (`views.documents.document_date`), today in `check`."""
    day = on.date()
    return value is not None and value.precedes(PartialDate(day.year, day.month, day.day))


def expiry_note(cert: Any, on: datetime.datetime, lang: str) -> str:
    """`` (expirée en nov. 2026)`` after a certification that had expired on `on`, in the
    lists that otherwise give no expiry (the CV, the annexe); else nothing."""
    if not expired(cert.expires, on):
        return ""
    return f" ({i18n.label(lang, 'expired')} {format_date(cert.expires, lang)})"


NBSP = "\u00a0"


def unbreakable(text: str) -> str:
    """`text` with no-break spaces: a date on a page never breaks inside (``nov. 2024``)."""
    return text.replace(" ", NBSP)


def text_images(profile: Any) -> list[tuple[str, str]]:
    """(field, address) of each picture written in the profile's Markdown texts, which the
    outputs show as its description only (`_image_as_text`)."""
    from profile_gen.errors import format_path
    from profile_gen.profile.fields import Markdown
    from profile_gen.profile.readiness import iter_texts

    found = []
    for path, value in iter_texts(profile):
        if not isinstance(value, Markdown):
            continue
        for lang, text in value.values.items():
            where = format_path(path if value.plain else (*path, lang))
            for token in MARKDOWN.parse(text) if "![" in text else ():
                found += [
                    (where, str(child.attrGet("src") or ""))
                    for child in token.children or ()
                    if child.type == "image"
                ]
    return found


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
"""Characters XML 1.0 refuses (python-pptx would fail on them): dropped."""


def clean(text: str) -> str:
    """`text` without the control characters a .pptx cannot hold."""
    return _CONTROL.sub("", text)


def _inline(children) -> str:
    parts = []
    for child in children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
        elif child.type == "image":
            parts.append(_inline(child.children))
    return "".join(parts)


@lru_cache(maxsize=4096)
def _paragraphs(text: str) -> tuple[str, ...]:
    paragraphs: list[str] = []
    lists: list[list[int]] = []  # for each open list: [ordered?, next number]
    prefix = ""
    for token in MARKDOWN.parse(text):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            ordered = token.type == "ordered_list_open"
            lists.append([int(ordered), int(token.attrGet("start") or 1)])
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif token.type == "list_item_open" and lists:
            numbered, number = lists[-1]
            prefix = "  " * (len(lists) - 1) + (f"{number}. " if numbered else "• ")
            lists[-1][1] += 1
        elif token.type == "inline":
            paragraphs.append(prefix + _inline(token.children))
            prefix = ""
        elif token.type in ("fence", "code_block"):
            paragraphs.extend(token.content.rstrip("\n").splitlines())
    return tuple(clean(p).strip() for p in paragraphs if p.strip())


def paragraphs(text: str | None) -> list[str]:
    """The paragraphs (and list items, headings, table cells) of Markdown `text`, plain."""
    return list(_paragraphs(text)) if text else []


def plain(text: str | None, separator: str = "\n") -> str:
    """Markdown `text` as plain text, paragraphs joined by `separator`."""
    return separator.join(paragraphs(text))
