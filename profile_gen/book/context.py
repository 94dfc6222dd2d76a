"""The context every output shares, built once per build from the profile and Pelican's
articles: the Book's addresses, the activities merged with the articles, the competency
chart, the colour palette. Each output's generator asks for it (`ensure_shared`), so no
output depends on another having run first."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from markupsafe import Markup
from pelican.generators import Generator

from profile_gen import tokens
from profile_gen.book import sanitize
from profile_gen.book.design import DESIGN_KEY, Head
from profile_gen.keys import PROFILE_KEY, SHARED_KEY
from profile_gen.media import cache_folder
from profile_gen.profile import colors
from profile_gen.profile.fields import Localized, PartialDate
from profile_gen.profile.model import Profile
from profile_gen.views import charts, measure
from profile_gen.views.book import Book, book_url, improvements_by_competency, siteurl_conflict
from profile_gen.views.documents import DocumentViews, document_date

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ActivityEntry:
    """One line of the activities page: a profile activity or a Pelican article."""

    kind: str
    title: Localized | str
    date: PartialDate
    url: str | None
    external: bool
    venue: Localized | None = None
    summary: Localized | None = None
    summary_html: Markup | None = None
    language: str | None = None
    """The language an article is written in (None: the profile's texts, in every language)."""


def _in_language(article, lang: str | None):
    """The article's translation in `lang` (Pelican links them by slug), else the article."""
    if lang is None or article.lang == lang:
        return article
    return next((t for t in article.translations if t.lang == lang), article)


def activity_entries(
    profile: Profile, articles: list, lang: str | None = None
) -> list[ActivityEntry]:
    """The profile's activities and Pelican's articles (in `lang` when translated), newest
    first."""
    entries = [
        ActivityEntry(
            kind=activity.kind.value,
            title=activity.title,
            date=activity.date,
            url=activity.url,
            external=True,
            venue=activity.venue,
            summary=activity.summary,
        )
        for activity in profile.activities
    ]
    for article in (_in_language(article, lang) for article in articles):
        when = article.date
        entries.append(
            ActivityEntry(
                kind="article",
                title=article.title,
                date=PartialDate(when.year, when.month, when.day),
                url=article.url,
                external=False,
                # a summary cut from the article may hold a picture addressed from the article
                summary_html=(
                    Markup(sanitize.without_images(article.summary)) if article.summary else None
                ),
                language=article.lang,
            )
        )
    return sorted(entries, key=lambda entry: (entry.date.key(), str(entry.url)), reverse=True)


def design_head(settings: dict) -> Head | None:
    """What every page adds after its stylesheet for the chosen design (`design.css(kind,
    SITEURL)` in `_head.html`)."""
    chosen = settings.get(DESIGN_KEY)
    return Head(chosen) if chosen is not None else None


def deck_font(settings: dict) -> str:
    """The font the deck is measured with: the chosen design's (`measure.deck_font`)."""
    chosen = settings.get(DESIGN_KEY)
    return measure.deck_font(chosen.built_in) if chosen is not None else ""


def print_profile(settings: dict) -> Profile:
    """The whole profile, for the printed documents (the annexe, the CV, the Word annexe)."""
    return settings[PROFILE_KEY]


def ensure_shared(context: dict, settings: dict) -> None:
    """Add the shared context to Pelican's `context` (one dict for every generator), once."""
    if context.get(SHARED_KEY):
        return
    full: Profile = settings[PROFILE_KEY]
    base_url = book_url(settings, full)
    if conflict := siteurl_conflict(settings, full):
        log.warning(conflict)
    # the templates' profile is the Book's: without the contact items (and the photo) kept
    # off the web, whatever a student's template prints; the print generators give theirs
    # the whole profile (`print_profile`); Pelican's copy of the settings holds it too
    profile = full.as_shown_on("online")  # as the Book may show it
    context.pop(PROFILE_KEY, None)
    book = Book(profile, base_url)
    context.update(
        profile=profile,
        book=book,
        # every document's view, each computed once when first asked (`views.documents`)
        views=DocumentViews(
            profile,
            book,
            document_date(settings),
            cache_folder(settings, "qr"),
            deck_font(settings),
        ),
        lang=profile.primary_language,
        primary_lang=profile.primary_language,
        SITENAME=profile.identity.name,
        chart=charts.competency_chart(profile),
        scale_labels={step.level: step.label for step in profile.competencies.scale},
        activities=activity_entries(profile, context.get("articles", []), profile.primary_language),
        improvements_by_competency=improvements_by_competency(profile),
        palette=colors.palette(profile.identity.color) if profile.identity.color else None,
        tokens_css=Markup(tokens.css()),  # the design tokens, inlined in every page
        design=design_head(settings),
    )
    context[SHARED_KEY] = True


class ProfileGenerator(Generator):
    """Base of the outputs' generators: the shared context is ready before any of them
    writes, whichever runs first."""

    def generate_context(self) -> None:
        ensure_shared(self.context, self.settings)
