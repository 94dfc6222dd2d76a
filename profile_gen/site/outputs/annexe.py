"""The printed annexe and the CV: a Pelican generator writing `annexe/` and `cv/`.

Both pages are in the profile's primary language and share one CV template; the PDF step
(`profile_gen.site.pdf`) prints them. The annexe lists the methodology's items in its order.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from profile_gen import i18n
from profile_gen.media import cache_folder, images
from profile_gen.media.qr import link_codes
from profile_gen.profile.fields import PartialDate
from profile_gen.profile.model import Profile
from profile_gen.profile.names import author_name
from profile_gen.profile.readiness import annexe_hint, annexe_items
from profile_gen.site import citations, glyphs
from profile_gen.site.context import ProfileGenerator, qr_links
from profile_gen.site.keys import CITATION_KEY

CV_PHOTO_WIDTHS = (480,)  # 3.4 cm printed at about 350 dpi
PRINT_IMAGES = "annexe/images"
"""The printed photo's folder: inside `/annexe/` (`seo.PRINT_PATHS`), so `publish` leaves it
out even when the photo is for print only (`visibility: annexe`); the Book's is `images/`."""


def print_font(settings: dict) -> frozenset[int]:
    """The code points of the theme's print font."""
    fonts = Path(settings["THEME"]) / "static" / "fonts"
    return glyphs.font_coverage(fonts, cache_folder(settings, "glyphs"))


@dataclass(frozen=True)
class AnnexeItem:
    key: str
    present: bool
    hint: str
    """What to add, when the item lacks data (``check.hint.<hint>``)."""


class AnnexeGenerator(ProfileGenerator):
    """Writes the annexe and the CV pages, in the profile's primary language."""

    def _cv_photo(self, profile: Profile):
        photo = profile.identity.photo
        if not photo or not profile.identity.contact.photo_shown_on("annexe"):
            return None
        source = Path(self.settings["PATH"]) / photo.path
        cache = cache_folder(self.settings, "images")
        output = Path(self.output_path)
        return images.picture(source, "portrait", CV_PHOTO_WIDTHS, output, cache, PRINT_IMAGES)

    def _references(
        self, profile: Profile, lang: str, style: str, accessed: PartialDate | None
    ) -> list[list[citations.Part]]:
        """The activities and the Book's articles as references in the thesis's style."""
        author = author_name(profile.identity.name, profile.identity.family_name)
        book = self.context["book"]
        book_name = i18n.text(lang, "cite.book", name=profile.identity.name)
        works = []
        for entry in self.context["activities"]:
            if entry.external:
                title, venue = profile.text(entry.title, lang), profile.text(entry.venue, lang)
                work = citations.Work(entry.kind, title, entry.date, venue or None, entry.url)
            else:  # an article of the Book: its public address, when known
                work = citations.Work(
                    entry.kind, str(entry.title), entry.date, book_name, book.absolute(entry.url)
                )
            works.append(citations.reference(work, style, lang, author, accessed))
        return works

    def generate_output(self, writer) -> None:
        profile: Profile = self.context["profile"]
        lang = profile.primary_language
        articles = len(self.context.get("articles", []))
        items = [
            AnnexeItem(key, ok, annexe_hint(profile, key))
            for key, ok in annexe_items(profile, articles).items()
        ]
        shared = dict(
            lang=lang,
            cv_photo=self._cv_photo(profile),
            contact=profile.identity.contact.shown_on("annexe"),
            featured=profile.featured_achievements,
        )
        style, accessed = self.settings[CITATION_KEY]
        references = self._references(profile, lang, style, accessed)
        links = qr_links(profile, self.context["book"], lang)
        codes = link_codes(links, cache_folder(self.settings, "qr"))
        qr_codes = {f"{name}_qr": code for name, code in codes.items()}  # by annexe item
        for path, template, extra in (
            (
                "annexe/index.html",
                "annexe",
                {
                    "annexe_items": items,
                    "qr_codes": qr_codes,
                    "references": references,
                    "citation_style": style,
                },
            ),
            ("cv/index.html", "cv", {}),
        ):
            writer.write_file(
                path,
                self.get_template(template),
                self.context,
                relative_urls=self.settings["RELATIVE_URLS"],
                **shared,
                **extra,
            )
            # emoji would print as blank gaps: the printed pages leave them out (`check` warns)
            glyphs.strip_file(Path(self.output_path) / path, print_font(self.settings))
