"""The documents of a build: their date (PDF, Word, PowerPoint), from the profile file or
`SOURCE_DATE_EPOCH`, never the clock, so that the formats agree and builds reproduce; and
`DocumentViews`, every document's view computed once per build."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path

from profile_gen.media.qr import QrCode, link_codes
from profile_gen.profile.deck_plan import DeckSlide
from profile_gen.profile.model import Profile
from profile_gen.views.book import Book, qr_links
from profile_gen.views.deck import DeckView, deck_view
from profile_gen.views.deck_fit import fitted_plan


def source_date(source: Path) -> datetime:
    """The PDFs' date: `SOURCE_DATE_EPOCH` when set (reproducible builds), else the time
    `source` (the profile) was last modified, to the second, in UTC."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    try:
        return datetime.fromtimestamp(int(source.stat().st_mtime), UTC)
    except OSError:  # a profile given as text: no file, no date but the epoch
        return datetime.fromtimestamp(0, UTC)


def document_date(settings: dict) -> datetime:
    """The date of every document of a build (PDF, Word, PowerPoint): `source_date` of
    the profile file the settings name, never the clock."""
    from profile_gen.keys import profile_path

    return source_date(profile_path(settings))


class DocumentViews:
    """Every document's view of one build, each computed once, when first asked: the
    fitted deck plan (the same slides in every language), the QR codes per language, the
    deck per language. `book.context.ensure_shared` puts one in the shared context."""

    def __init__(
        self,
        profile: Profile,
        book: Book,
        date: datetime,
        qr_cache: Path | None = None,
        font: str = "",
    ) -> None:
        self.profile, self.book, self.date, self.qr_cache = profile, book, date, qr_cache
        self.font = font
        """The deck's font (`measure.deck_font`): the design's, measured."""
        self._codes: dict[str, dict[str, QrCode | None]] = {}
        self._decks: dict[str, DeckView] = {}

    @cached_property
    def plan(self) -> list[DeckSlide]:
        """The deck's slides, a list split where its texts do not fit (`deck_fit`)."""
        return fitted_plan(self.profile, self.font)

    def qr_links(self, lang: str) -> dict[str, str | None]:
        return qr_links(self.profile, self.book, lang)

    def qr_codes(self, lang: str) -> dict[str, QrCode | None]:
        """The QR codes of the documents in `lang`, by link name (`book`, `linkedin`)."""
        if lang not in self._codes:
            self._codes[lang] = link_codes(self.qr_links(lang), self.qr_cache)
        return self._codes[lang]

    def deck(self, lang: str) -> DeckView:
        """The deck in `lang`: HTML deck, outline, cue cards, PDF and PowerPoint."""
        if lang not in self._decks:
            links, codes = self.qr_links(lang), self.qr_codes(lang)
            self._decks[lang] = deck_view(
                self.profile, lang, self.plan, links, codes, self.date, self.font
            )
        return self._decks[lang]
