"""The printed annexe as every format shows it (HTML, PDF, Word): the methodology's items in
its order (`profile.readiness.ANNEXE_ITEMS`, the registry `check` reads too), numbered,
each with its title, whether it has data and, when not, the marker saying what to add;
the QR codes of its two QR items and their targets; the activities as references in the
thesis's citation style; the CV (`views.cv`); the document's date. The HTML template and
the Word writer only lay this out."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from profile_gen import i18n
from profile_gen.media.qr import QrCode
from profile_gen.profile.fields import PartialDate
from profile_gen.profile.model import Profile
from profile_gen.profile.names import author_name, plain_name
from profile_gen.profile.readiness import annexe_hint, annexe_items
from profile_gen.views import citations
from profile_gen.views.book import Book
from profile_gen.views.cv import CvView

QR_ITEMS = {"book_qr": "book", "linkedin_qr": "linkedin"}
"""The annexe items that print a QR code, and the link (`views.book.qr_links`) of each."""


@dataclass(frozen=True)
class AnnexeItem:
    key: str
    """`ANNEXE_ITEMS`' key: the template `annexe/items/<key>.html`, the Word writer."""
    present: bool
    hint: str
    """What to add, when the item lacks data (``check.hint.<hint>``)."""
    number: int = 0
    """1-based, in the methodology's order."""
    heading: str = ""
    """The printed title (``annexe.heading.<key>``)."""
    missing: str = ""
    """The marker of an item without data ("À compléter — ..."), "" when it has data."""


@dataclass(frozen=True)
class AnnexeView:
    lang: str
    items: list[AnnexeItem]
    cv: CvView
    qr_links: dict[str, str | None] = field(default_factory=dict)
    """By item key (`book_qr`, `linkedin_qr`): the address behind the QR code."""
    qr_codes: dict[str, QrCode | None] = field(default_factory=dict)
    """By item key: the QR code printed, None when its link is not given."""
    references: list[list[citations.Part]] = field(default_factory=list)
    citation_style: str = "apa"
    date: datetime | None = None
    """The document's date (`views.documents.document_date`): PDF and Word."""


def annexe_entries(profile: Profile, article_count: int, lang: str) -> list[AnnexeItem]:
    """The methodology's items in its order, in `lang`, with what each shows when empty."""
    items = []
    for number, (key, present) in enumerate(annexe_items(profile, article_count).items(), 1):
        hint = annexe_hint(profile, key)
        missing = ""
        if not present:
            missing = (
                f"{i18n.text(lang, 'annexe.missing')} — {i18n.text(lang, f'check.hint.{hint}')}"
            )
        heading = i18n.text(lang, f"annexe.heading.{key}")
        items.append(AnnexeItem(key, present, hint, number, heading, missing))
    return items


def reference_list(
    profile: Profile,
    book: Book,
    entries: Iterable[Any],
    lang: str,
    style: str,
    accessed: PartialDate | None,
) -> list[list[citations.Part]]:
    """The activities and the Book's articles (`entries`: `book.context.activity_entries`)
    as references in the thesis's style."""
    author = author_name(profile.identity.name, profile.identity.family_name)
    book_name = i18n.text(lang, "cite.book", name=plain_name(profile.identity.name))
    works = []
    for entry in entries:
        if entry.external:
            title, venue = profile.text(entry.title, lang), profile.text(entry.venue, lang)
            work = citations.Work(entry.kind, title, entry.date, venue or None, entry.url)
        else:  # an article of the Book: its public address, when known
            work = citations.Work(
                entry.kind, str(entry.title), entry.date, book_name, book.absolute(entry.url)
            )
        works.append(citations.reference(work, style, lang, author, accessed))
    return works


def annexe_view(
    profile: Profile,
    cv: CvView,
    *,
    article_count: int = 0,
    qr_links: dict[str, str | None] | None = None,
    qr_codes: dict[str, QrCode | None] | None = None,
    references: list[list[citations.Part]] | None = None,
    citation_style: str = "apa",
    date: datetime | None = None,
) -> AnnexeView:
    """The annexe in the profile's primary language; the QR links and codes by link name
    (`book`, `linkedin`: `views.book.qr_links`), given by item here."""
    lang = profile.primary_language
    links, codes = qr_links or {}, qr_codes or {}
    return AnnexeView(
        lang=lang,
        items=annexe_entries(profile, article_count, lang),
        cv=cv,
        qr_links={item: links.get(name) for item, name in QR_ITEMS.items()},
        qr_codes={item: codes.get(name) for item, name in QR_ITEMS.items()},
        references=references or [],
        citation_style=citation_style,
        date=date,
    )
