"""The Book's addresses, renderer-neutral: its pages and their folders in each language, the
deck's folder, the public base URL, the links behind the QR codes of every document
(annexe, HTML deck, Word, PowerPoint). One decision for every format."""

from __future__ import annotations

from dataclasses import dataclass

from profile_gen import i18n, outputs
from profile_gen.profile.model import Profile


@dataclass(frozen=True)
class BookPage:
    key: str
    slugs: dict[str, str]
    """The page's folder in each language (the one place where addresses are named)."""
    template: str

    def slug(self, lang: str) -> str:
        return self.slugs.get(lang, self.slugs["fr"])


PAGES = (
    BookPage("home", {"fr": "", "en": ""}, "home"),
    BookPage("path", {"fr": "parcours", "en": "path"}, "path"),
    BookPage("training", {"fr": "formations", "en": "training"}, "training"),
    BookPage("languages", {"fr": "langues", "en": "languages"}, "languages"),
    BookPage("achievements", {"fr": "realisations", "en": "achievements"}, "achievements"),
    BookPage("skills", {"fr": "competences", "en": "skills"}, "skills"),
    BookPage("activities", {"fr": "activites", "en": "activities"}, "activities"),
    BookPage("profile", {"fr": "profil", "en": "profile"}, "profile"),
)
PAGE_BY_KEY = {page.key: page for page in PAGES}


def deck_slug(lang: str) -> str:
    """The deck's folder name in `lang` (`soutenance`, `defence`: `outputs.DECK_SLUGS`)."""
    return outputs.BY_NAME["deck"].at(lang).rstrip("/")


FIGURES = {
    "achievements": "achievements",
    "certifications": "training",
    "recommendations": "skills",
    "languages": "languages",
}
"""The counts of the Book's home and the deck's profile slide, in order, each with the
Book page that lists what it counts."""


def figures(profile: Profile) -> list[tuple[str, int]]:
    """(key, count) of `FIGURES` the profile has some of: "0 certification" on a jury's
    slide or a Book's home reads as a weakness, so a count of none is not shown."""
    counted = ((key, len(getattr(profile, key))) for key in FIGURES)
    return [(key, count) for key, count in counted if count]


class Book:
    """Addresses of the Book's pages (relative to the site root) and its public base URL."""

    def __init__(self, profile: Profile, base_url: str | None) -> None:
        self.profile = profile
        self.languages = list(profile.locale)
        self.primary = profile.primary_language
        self.base_url = (base_url.rstrip("/") + "/") if base_url else None
        self._navigation: dict[str, list[tuple[str, str, str]]] = {}

    def prefix(self, lang: str) -> str:
        return outputs.prefix(lang, self.primary)

    def figures(self) -> list[tuple[str, int, str]]:
        """(key, count, the page listing them) of the home's figures (`figures`)."""
        return [(key, count, FIGURES[key]) for key, count in figures(self.profile)]

    def path(self, key: str, lang: str, item: str | None = None) -> str:
        """e.g. ``index.html``, ``en/path/index.html``, ``realisations/erp/index.html``."""
        slug = PAGE_BY_KEY[key].slug(lang)
        parts = [part for part in (slug, item) if part]
        folder = "/".join(parts) + "/" if parts else ""
        return f"{self.prefix(lang)}{folder}index.html"

    def deck_folder(self, lang: str) -> str:
        """The deck's folder, e.g. ``soutenance`` or ``en/defence`` (no trailing slash)."""
        return outputs.place("deck", lang, self.primary).rstrip("/")

    def public_deck_folder(self, lang: str) -> str:
        """The published deck's folder, e.g. ``diaporama`` or ``en/slides``."""
        return outputs.place("public_deck", lang, self.primary).rstrip("/")

    def not_found(self, lang: str) -> str:
        """The 404 page of `lang`: ``404.html`` at the root, ``en/404.html``."""
        return f"{self.prefix(lang)}404.html"

    def absolute(self, path: str) -> str | None:
        """The public address of `path`, without `index.html`, when the base URL is known."""
        if not self.base_url:
            return None
        return self.base_url + path.removesuffix("index.html")

    def alternates(self, key: str, item: str | None = None) -> list[tuple[str, str]]:
        return [(lang, self.path(key, lang, item)) for lang in self.languages]

    def navigation(self, lang: str) -> list[tuple[str, str, str]]:
        """(page key, label, path) of the navigation, computed once per language."""
        if lang not in self._navigation:
            self._navigation[lang] = [
                (page.key, i18n.label(lang, f"nav.{page.key}"), self.path(page.key, lang))
                for page in PAGES
            ]
        return self._navigation[lang]


def book_home(profile: Profile, book: Book, lang: str) -> str | None:
    """The Book's home in `lang`: `links.book` for the primary language, its `en/` page for
    the other one (when the Book's address is known)."""
    if not profile.links.book:
        return None
    if lang == profile.primary_language:
        return str(profile.links.book)
    return book.absolute(book.path("home", lang)) or str(profile.links.book)


def qr_links(profile: Profile, book: Book, lang: str) -> dict[str, str | None]:
    """The links printed with a QR code in a document in `lang`, by name, in order: the
    Book's home in that language, LinkedIn. Every format (annexe, HTML deck, Word,
    PowerPoint) takes its QR codes from here."""
    return {name: str(url) if url else None for name, url in profile.links.with_qr_code.items()} | {
        "book": book_home(profile, book, lang)
    }


def improvements_by_competency(profile: Profile) -> dict[str, list]:
    """For each competency id, the improvements that serve it (in the profile's order)."""
    mapping: dict[str, list] = {}
    for improvement in profile.improvements:
        for competency_id in improvement.competencies:
            mapping.setdefault(competency_id, []).append(improvement)
    return mapping


def book_url(settings: dict, profile: Profile) -> str | None:
    """The Book's public address, one source of truth: `links.book` (the address the QR
    codes show); the settings' `SITEURL` is only needed where there is no `links.book`
    (a differing one is reported by `siteurl_conflict`)."""
    return profile.links.book or settings.get("SITEURL") or None


def siteurl_conflict(settings: dict, profile: Profile, lang: str | None = None) -> str | None:
    """A warning (in `lang`, else the profile's language) when `SITEURL` and `links.book` are
    both set and name different addresses (the canonical links and the QR codes disagree)."""
    siteurl, book = settings.get("SITEURL") or "", profile.links.book or ""
    if not siteurl or not book or siteurl.rstrip("/") == book.rstrip("/"):
        return None
    lang = lang or profile.primary_language
    return i18n.text(lang, "online.siteurl_conflict", siteurl=siteurl, book=book)
