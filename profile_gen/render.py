"""Jinja filters that present model values: localized text, Markdown, dates, labels.

Presentation only: they turn model values into text or safe HTML for the templates.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markupsafe import Markup

from . import i18n
from .fields import Localized, PartialDate

# CommonMark with raw HTML disabled: tags in user text come out as text, and
# markdown-it refuses javascript:, vbscript:, file: and data: link targets.
_MARKDOWN = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")

_MONTHS = {
    "fr": [
        "janv.",
        "févr.",
        "mars",
        "avr.",
        "mai",
        "juin",
        "juil.",
        "août",
        "sept.",
        "oct.",
        "nov.",
        "déc.",
    ],
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
}


def localize(value: Localized | str | None, lang: str, primary: str) -> str:
    if value is None:
        return ""
    if isinstance(value, Localized):
        return value.get(lang, primary)
    return str(value)


def markdown(value: Localized | str | None, lang: str, primary: str) -> Markup:
    return Markup(_MARKDOWN.render(localize(value, lang, primary)))


def format_date(value: PartialDate | None, lang: str) -> str:
    if value is None:
        return ""
    if value.is_present:
        return i18n.label(lang, "present")
    if value.month is None:
        return str(value.year)
    month = _MONTHS.get(lang, _MONTHS["fr"])[value.month - 1]
    if value.day is None:
        return f"{month} {value.year}"
    return f"{value.day} {month} {value.year}"
