"""The Book: a Pelican generator that writes the portfolio pages from the profile.

One set of pages per language of the profile: the primary language at the site's root,
the others under `/<lang>/`. Pelican's own articles stay Pelican's job; they are listed on
the activities page next to the profile's activities.
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from profile_gen import outputs, tokens
from profile_gen.book import seo
from profile_gen.book.context import ProfileGenerator, activity_entries
from profile_gen.keys import PAGES_URL_KEY
from profile_gen.media import cache_folder, images
from profile_gen.profile import colors
from profile_gen.profile.model import Profile
from profile_gen.views.book import PAGES, Book

PHOTO_WIDTHS = (160, 320, 480)
IMAGE_WIDTHS = (480, 960)


class BookGenerator(ProfileGenerator):
    """Writes the Book's pages with the theme's templates, once per language."""

    def generate_context(self) -> None:
        super().generate_context()
        self.profile: Profile = self.context["profile"]
        self.book: Book = self.context["book"]

    # ------------------------------------------------------------------ media

    def _media(self) -> None:
        profile = self.profile
        content = Path(self.settings["PATH"])
        output = Path(self.output_path)
        cache = cache_folder(self.settings, "images")
        photo = profile.identity.photo
        shown = profile.identity.contact.photo_shown_on("online")
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
        """One 404 page per language: `404.html`, `en/404.html`."""
        # a 404 page is served at any address: absolute links when the base is known (the
        # profile's `links.book`, else where the CI publishes it: `app.build.pages_url`)
        known = self.book.base_url or self.settings.get(PAGES_URL_KEY)
        base = known.rstrip("/") if known else None
        extra = {"SITEURL": base} if base else {}
        # its style inlined: the page looks right even where the base URL is not reachable
        css = Path(self.settings["THEME"]) / "static" / "css"
        faces = tokens.font_faces(base) if base else ""  # the fonts need the Book's address
        inline_css = Markup(tokens.css() + faces + (css / "book.css").read_text(encoding="utf-8"))
        for lang in self.book.languages:
            path = self.book.not_found(lang)
            writer.write_file(
                path,
                self.get_template("404"),
                self.context,
                relative_urls=not base,
                lang=lang,
                page_key="",
                page_path=path,
                alternates=[],
                canonical=None,
                noindex=True,
                inline_css=inline_css,
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
            # (the public deck, when there is one, is `noindex`: a sitemap lists none)
            pages = [
                {
                    lang: url
                    for lang, path in paths
                    if not outputs.is_kept_off(path) and (url := book.absolute(path))
                }
                for paths in alternates
            ]
            (output / "sitemap.xml").write_text(seo.sitemap(pages), encoding="utf-8")
            sitemap_url = book.base_url + "sitemap.xml"
        (output / "robots.txt").write_text(
            seo.robots(sitemap_url, book.languages, book.primary), encoding="utf-8"
        )
        identity = self.profile.identity
        icon = seo.icon(identity.name, identity.color or colors.DEFAULT)
        (output / "favicon.svg").write_text(icon, encoding="utf-8")
