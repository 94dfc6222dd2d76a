"""The one gate for the HTML a student writes: an allow-list kept by `nh3` (ammonia).

Every piece of HTML that comes from a student's folder passes here before a page shows it:
an article's body (Markdown or reStructuredText), its summary and other formatted metadata,
and the profile's Markdown texts. What stays is the formatting Markdown, docutils and code
highlighting produce; scripts, styles, frames, forms, objects, event handlers, `style`
attributes and every link or picture address that is not http(s), mailto or relative are
dropped, and every link gets ``rel="noopener noreferrer"``. A picture from another server
is not this module's business: `profile_gen.media.article_pictures` refuses it by name.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import nh3

TAGS = frozenset(
    {
        *("a", "abbr", "aside", "b", "blockquote", "br", "caption", "cite", "code", "col"),
        *("colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption"),
        *("figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li"),
        *("mark", "ol", "p", "pre", "q", "s", "samp", "section", "small", "span", "strong"),
        *("sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time"),
        *("tr", "u", "ul", "var", "wbr"),
    }
)
"""What Markdown (with its `extra` extensions), docutils' HTML5 writer and Pygments write."""

_CELL = {"colspan", "rowspan", "headers", "scope", "align"}
ATTRIBUTES = {
    "*": {"class", "id", "title", "lang", "dir"},  # highlighting, anchors, footnotes
    "a": {"href", "hreflang", "target"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": _CELL,
    "th": _CELL,
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "time": {"datetime"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
    "details": {"open"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
"""Addresses kept in `href` and `src`, with relative ones (`../images/x.png`, `#note`,
Pelican's `{filename}`); `javascript:`, `vbscript:`, `file:`, `data:` and the rest go."""


def clean(html: str) -> str:
    """`html` written by a student, with only what the allow-list keeps."""
    return _clean(html, TAGS)


def without_images(html: str) -> str:
    """`clean(html)` without its pictures (a summary shown away from its article, whose
    pictures are addressed from the article's page)."""
    return _clean(html, TAGS - {"img"})


def _clean(html: str, tags: frozenset[str]) -> str:
    return _cleaner(tags)(html)


@functools.cache
def _cleaner(tags: frozenset[str]) -> Callable[[str], str]:
    """The sanitizer keeping `tags`, built once: nh3's `Cleaner` keeps the allow-list
    converted, which `nh3.clean` converts again on every call (6 times slower on a
    paragraph)."""
    attributes = {tag: set(names) for tag, names in ATTRIBUTES.items() if tag in tags or tag == "*"}
    return nh3.Cleaner(
        tags=set(tags),
        attributes=attributes,
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).clean
