"""Markdown of the profile as plain text for slides and speaker notes: no marks (`*`, `#`),
no raw HTML, links reduced to their words. The text stays text: nothing here is ever read
as markup, a field code or a link by PowerPoint."""

from __future__ import annotations

import re
from functools import lru_cache

from profile_gen.site.render import MARKDOWN  # the HTML outputs' parser, same safety

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
