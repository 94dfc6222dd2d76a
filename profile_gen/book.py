"""The Book: a Pelican generator that writes the portfolio pages from the profile.

One set of pages per language of the profile: the primary language at the site's root,
the others under `/<lang>/`. Pelican's own articles stay Pelican's job; they are listed on
the activities page next to the profile's activities.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup
from pelican.generators import Generator

from . import charts, colors, i18n, seo
from .fields import Localized, PartialDate
from .media import cache_folder, images
from .media.article_pictures import IMG
from .model import Profile, Visibility

PHOTO_WIDTHS = (160, 320, 480)
IMAGE_WIDTHS = (480, 960)


@dataclass(frozen=True)
class BookPage:
    key: str
    slug: str
    template: str


PAGES = (
    BookPage("home", "", "home"),
    BookPage("path", "parcours", "path"),
    BookPage("training", "formations", "training"),
    BookPage("languages", "langues", "languages"),
    BookPage("achievements", "realisations", "achievements"),
    BookPage("skills", "competences", "skills"),
    BookPage("activities", "activites", "activities"),
    BookPage("profile", "profil", "profile"),
)
PAGE_BY_KEY = {page.key: page for page in PAGES}


class Book:
    """Addresses of the Book's pages (relative to the site root) and its public base URL."""

    def __init__(self, profile: Profile, base_url: str | None) -> None:
        self.profile = profile
        self.languages = list(profile.locale)
        self.primary = profile.primary_language
        self.base_url = (base_url.rstrip("/") + "/") if base_url else None
        self._navigation: dict[str, list[tuple[str, str, str]]] = {}

    def prefix(self, lang: str) -> str:
        return "" if lang == self.primary else f"{lang}/"

    def path(self, key: str, lang: str, item: str | None = None) -> str:
        """e.g. ``index.html``, ``en/parcours/index.html``, ``realisations/erp/index.html``."""
        slug = PAGE_BY_KEY[key].slug
        parts = [part for part in (slug, item) if part]
        folder = "/".join(parts) + "/" if parts else ""
        return f"{self.prefix(lang)}{folder}index.html"

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
                summary_html=Markup(IMG.sub("", article.summary)) if article.summary else None,
            )
        )
    return sorted(entries, key=lambda entry: (entry.date.key(), str(entry.url)), reverse=True)


def improvements_by_competency(profile: Profile) -> dict[str, list]:
    """For each competency id, the improvements that serve it (in the profile's order)."""
    mapping: dict[str, list] = {}
    for improvement in profile.improvements:
        for competency_id in improvement.competencies:
            mapping.setdefault(competency_id, []).append(improvement)
    return mapping


class BookGenerator(Generator):
    """Writes the Book's pages with the theme's templates, once per language."""

    def generate_context(self) -> None:
        from .plugin import PROFILE_KEY

        profile: Profile = self.settings[PROFILE_KEY]
        self.profile = profile
        base_url = self.settings.get("SITEURL") or profile.links.book
        self.book = Book(profile, base_url)
        self.context.update(
            profile=profile,
            book=self.book,
            lang=profile.primary_language,
            primary_lang=profile.primary_language,
            SITENAME=profile.identity.name,
            chart=charts.competency_chart(profile),
            scale_labels={step.level: step.label for step in profile.competencies.scale},
            activities=activity_entries(
                profile, self.context.get("articles", []), profile.primary_language
            ),
            improvements_by_competency=improvements_by_competency(profile),
            palette=colors.palette(profile.identity.color) if profile.identity.color else None,
        )

    # ------------------------------------------------------------------ media

    def _media(self) -> None:
        profile = self.profile
        content = Path(self.settings["PATH"])
        output = Path(self.output_path)
        cache = cache_folder(self.settings, "images")
        photo = profile.identity.photo
        shown = profile.identity.contact.visibility.photo == Visibility.public
        self.context["photo"] = (
            images.picture(content / photo.path, "portrait", PHOTO_WIDTHS, output, cache)
            if photo and shown
            else None
        )
        pictures = {}
        for achievement in profile.achievements:
            for index, image in enumerate(achievement.images):
                name = f"{achievement.id}-{index + 1}"
                pictures[(achievement.id, index)] = images.picture(
                    content / image.path, name, IMAGE_WIDTHS, output, cache
                )
        self.context["pictures"] = pictures

    # ------------------------------------------------------------------ output

    def _write(self, writer, path: str, template: str, lang: str, key: str, **extra) -> None:
        item = extra.get("item_id")
        alternates = self.book.alternates(key, item) if key else [(lang, path)]
        writer.write_file(
            path,
            self.get_template(template),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            lang=lang,
            page_key=key,
            page_path=path,
            alternates=alternates,
            canonical=self.book.absolute(path),
            **extra,
        )

    def generate_output(self, writer) -> None:
        self._media()
        profile = self.profile
        photo = self.context["photo"]
        og_image = self.book.absolute(photo.largest.jpeg) if photo else None
        articles = self.context.get("articles", [])
        for lang in self.book.languages:
            person = seo.person(
                profile, lang, self.book.absolute(self.book.path("home", lang)), og_image
            )
            activities = activity_entries(profile, articles, lang)
            for page in PAGES:
                self._write(
                    writer,
                    self.book.path(page.key, lang),
                    page.template,
                    lang,
                    page.key,
                    person=person,
                    og_image=og_image,
                    activities=activities,
                )
            for achievement in profile.achievements:
                self._write(
                    writer,
                    self.book.path("achievements", lang, achievement.id),
                    "achievement",
                    lang,
                    "achievements",
                    item_id=achievement.id,
                    achievement=achievement,
                    og_image=og_image,
                )
        self._write_404(writer)
        self._write_site_files()

    def _write_404(self, writer) -> None:
        lang = self.book.primary
        # a 404 page is served at any address: absolute links when the base is known
        base = self.book.base_url.rstrip("/") if self.book.base_url else None
        extra = {"SITEURL": base} if base else {}
        writer.write_file(
            "404.html",
            self.get_template("404"),
            self.context,
            relative_urls=not base,
            lang=lang,
            page_key="",
            page_path="404.html",
            alternates=[],
            canonical=None,
            noindex=True,
            **extra,
        )

    def _write_site_files(self) -> None:
        output = Path(self.output_path)
        book = self.book
        sitemap_url = None
        if book.base_url:
            alternates = [book.alternates(page.key) for page in PAGES] + [
                book.alternates("achievements", a.id) for a in self.profile.achievements
            ]
            pages = [
                {lang: url for lang, path in paths if (url := book.absolute(path))}
                for paths in alternates
            ]
            (output / "sitemap.xml").write_text(seo.sitemap(pages), encoding="utf-8")
            sitemap_url = book.base_url + "sitemap.xml"
        (output / "robots.txt").write_text(seo.robots(sitemap_url), encoding="utf-8")
        identity = self.profile.identity
        icon = seo.icon(identity.name, identity.color or colors.DEFAULT)
        (output / "favicon.svg").write_text(icon, encoding="utf-8")
