"""References to the person's own articles, talks and posts in the thesis's citation style.

The methodology asks for one consistent citation style in the thesis, APA or Harvard; the
annexe's "articles and activities" item lists them as references in that style. A reference
is text only: a list of `Part`s (plain, italic, or a link), which the templates turn into
HTML. Both styles exist in French and English (French month names, « » quotes, « consulté
le »); the words live in `profile_gen.i18n`.

APA 7: ``Moreau, L. (2025, July 10). Title. *LinkedIn*. https://…`` for an article (the
site in italics), ``Moreau, L. (2025, March 28). *Title* [Post]. LinkedIn. https://…`` for
the other kinds (the work in italics, its kind in brackets).
Harvard (Cite Them Right): ``Moreau, L. (2025) 'Title', *LinkedIn*, 10 July. Available at:
https://… (Accessed: 20 November 2026).`` for an article, post or talk (the part in quotes,
the whole in italics); a video or another standalone work has its title in italics.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pydantic_core import PydanticCustomError

from profile_gen import i18n
from profile_gen.errors import BuildError
from profile_gen.profile.fields import PartialDate

STYLES = ("apa", "harvard")
"""Accepted values of the `CITATION_STYLE` setting."""

BRACKETED = frozenset({"post", "talk", "video", "event"})
"""Kinds named in square brackets after the title: `[Post]`, `[Conference presentation]`."""

HARVARD_QUOTED = frozenset({"article", "post", "talk"})
"""Kinds that are part of something else (a site, a conference): quoted titles in Harvard."""


def from_settings(settings: dict) -> tuple[str, PartialDate | None]:
    """`CITATION_STYLE` (apa, the default, or harvard) and `CITATION_ACCESSED` (a date)."""
    style = settings.get("CITATION_STYLE", "apa")
    if style not in STYLES:
        raise BuildError("build_citation_style", found=repr(style), expected=" | ".join(STYLES))
    accessed = settings.get("CITATION_ACCESSED")
    if accessed is None:
        return style, None
    try:
        return style, PartialDate.parse(accessed)
    except PydanticCustomError:
        raise BuildError("build_citation_accessed", found=repr(accessed)) from None


@dataclass(frozen=True)
class Part:
    text: str
    italic: bool = False
    link: bool = False


@dataclass(frozen=True)
class Work:
    """What a reference needs to know about one activity, in one language."""

    kind: str
    """An `ActivityKind` value: article, talk, post, event, video, other."""
    title: str
    date: PartialDate
    venue: str | None = None
    url: str | None = None


def _day_month(date: PartialDate, lang: str, style: str) -> str:
    """The day and month in words, without the year: ``July 10`` (APA, English),
    ``10 July`` (Harvard), ``1er juillet`` (French); the month alone when no day is known."""
    if date.month is None:
        return ""
    month = i18n.month_name(lang, date.month)
    if date.day is None:
        return month
    day = i18n.label(lang, "cite.first_day") if date.day == 1 else str(date.day)
    return i18n.label(lang, f"cite.{style}.day_month").format(day=day, month=month)


def _full_date(date: PartialDate, lang: str, style: str) -> str:
    day_month = _day_month(date, lang, style)
    return f"{day_month} {date.year}" if day_month else str(date.year)


def _kind(work: Work, lang: str) -> str:
    return i18n.label(lang, f"cite.kind.{work.kind}") if work.kind in BRACKETED else ""


def _sentence(text: str) -> str:
    """`text` ending with a full stop, unless it already ends with one, `?` or `!`."""
    text = text.strip()
    return text if re.search(r"[.?!…]$", text) else f"{text}."


def reference(
    work: Work, style: str, lang: str, author: str, accessed: PartialDate | None = None
) -> list[Part]:
    """The reference of `work` in `style` ("apa" or "harvard") and `lang`."""
    if style == "harvard":
        return _harvard(work, lang, author, accessed)
    return _apa(work, lang, author)


def _apa(work: Work, lang: str, author: str) -> list[Part]:
    day_month = _day_month(work.date, lang, "apa")
    when = f"{work.date.year}, {day_month}" if day_month else str(work.date.year)
    parts = [Part(f"{author} ({when}). ")]
    kind = _kind(work, lang)
    if work.kind == "article":
        parts.append(Part(_sentence(work.title) + " "))
        if work.venue:
            parts += [Part(work.venue, italic=True), Part(". ")]
    else:
        if kind:
            parts += [Part(work.title, italic=True), Part(f" [{kind}]. ")]
        else:
            parts += [Part(_sentence(work.title), italic=True), Part(" ")]
        if work.venue:
            parts.append(Part(_sentence(work.venue) + " "))
    if work.url:
        parts.append(Part(work.url, link=True))
    return _trimmed(parts)


def _harvard(work: Work, lang: str, author: str, accessed: PartialDate | None) -> list[Part]:
    parts = [Part(f"{author} ({work.date.year}) ")]
    open_quote, close_quote = i18n.label(lang, "cite.quotes").split("|")
    kind = _kind(work, lang)
    bracket = f" [{kind}]" if kind else ""
    if work.kind in HARVARD_QUOTED:
        parts.append(Part(f"{open_quote}{work.title}{close_quote}{bracket}"))
        if work.venue:
            parts += [Part(", "), Part(work.venue, italic=True)]
    else:
        parts += [Part(work.title, italic=True), Part(bracket)]
        if work.venue:
            parts.append(Part(f", {work.venue}"))
    day_month = _day_month(work.date, lang, "harvard")
    parts.append(Part(f", {day_month}. " if day_month else ". "))
    if work.url:
        parts += [Part(i18n.label(lang, "cite.available") + " "), Part(work.url, link=True)]
        if accessed:
            accessed_text = i18n.label(lang, "cite.accessed").format(
                date=_full_date(accessed, lang, "harvard")
            )
            parts.append(Part(f" ({accessed_text})"))
        parts.append(Part("."))
    return _trimmed(parts)


def _trimmed(parts: list[Part]) -> list[Part]:
    """Without trailing spaces, so the reference ends on its last character."""
    while parts and not parts[-1].text.strip():
        parts.pop()
    if parts and parts[-1].text != parts[-1].text.rstrip():
        last = parts[-1]
        parts[-1] = Part(last.text.rstrip(), last.italic, last.link)
    return parts


def plain_text(parts: list[Part]) -> str:
    """The reference as one line of text (tests, `outline.md`, logs)."""
    return "".join(part.text for part in parts)
