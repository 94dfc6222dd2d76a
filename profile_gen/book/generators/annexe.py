"""The printed annexe and the CV: a Pelican generator writing `annexe/` and `cv/`.

Both pages are in the profile's primary language and share one CV template; the PDF step
(`profile_gen.printing.pdf`) prints them. The annexe lists the methodology's items in its order.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from profile_gen import i18n
from profile_gen.book.context import ProfileGenerator
from profile_gen.book.design import DESIGN_KEY
from profile_gen.errors import PdfUnavailable
from profile_gen.keys import CITATION_KEY, wants
from profile_gen.media import cache_folder, images
from profile_gen.media.qr import link_codes
from profile_gen.outputs import BY_NAME
from profile_gen.profile.fields import PartialDate
from profile_gen.profile.model import Profile
from profile_gen.profile.names import author_name
from profile_gen.profile.readiness import annexe_hint, annexe_items
from profile_gen.views import citations, glyphs
from profile_gen.views.book import qr_links
from profile_gen.views.cv import CvView, cv_colors, preview_view

CV_PHOTO_WIDTHS = (480,)  # 3.4 cm printed at about 350 dpi
CV_VIEW_KEY = "PROFILE_GEN_CV_VIEW"
"""The context's CV view, decided once per build by whichever generator asks first."""
PRINT_IMAGES = BY_NAME["annexe"].at("fr") + "images"
"""The printed photo's folder: inside `/annexe/` (a print output of `profile_gen.outputs`), so `publish` leaves it
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

    def cv_view(self) -> CvView:
        """What the CV shows (PDF, annexe and Word): the profile's content that fits its one
        page, tried in WeasyPrint when the build prints or writes Word (without WeasyPrint,
        or for an HTML-only build, `preview_view`)."""
        if CV_VIEW_KEY not in self.context:
            profile: Profile = self.context["profile"]
            view = None
            if wants(self.settings, "pdf") or wants(self.settings, "docx"):
                view = self._fitting(profile)
            self.context[CV_VIEW_KEY] = self._in_design(view or preview_view(profile))
        return self.context[CV_VIEW_KEY]

    def _in_design(self, view: CvView) -> CvView:
        """The CV in the design's accent (a student's design's too) when the person chose
        no colour of their own."""
        chosen = self.settings.get(DESIGN_KEY)
        accent = chosen.token("color", "accent") if chosen is not None else None
        if accent is None or self.context["profile"].identity.color:
            return view
        colour, panel = cv_colors(str(accent))
        return replace(view, accent=colour, panel=panel)

    def _fitting(self, profile: Profile) -> CvView | None:
        """`print_fit.fitted_cv`: each try laid out by WeasyPrint, the CV page and the
        annexe's first page (its title and the CV item). None without WeasyPrint."""
        from profile_gen.printing.print_fit import fitted_cv

        base = {**self.context, **self._cv_shared(profile), "SITEURL": ".."}
        first = next(iter(annexe_items(profile, len(self.context.get("articles", [])))))
        annexe = {**base, "annexe_items": [AnnexeItem(first, True, "")]}
        covered = print_font(self.settings)

        def render(page: str, view: CvView) -> str:
            template, context = ("cv", base) if page.startswith("cv/") else ("annexe", annexe)
            html = self.get_template(template).render({**context, "cv": view})
            return glyphs.strip_emoji(html, covered)

        static = Path(self.settings["THEME"]) / "static"
        cache = cache_folder(self.settings, "cv_fit")
        try:
            return fitted_cv(profile, render, Path(self.output_path), static, cache)
        except PdfUnavailable:
            return None

    def _cv_shared(self, profile: Profile) -> dict:
        return dict(
            lang=profile.primary_language,
            cv_photo=self._cv_photo(profile),
            contact=profile.identity.contact.shown_on("annexe"),
        )

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
        shared = {**self._cv_shared(profile), "cv": self.cv_view()}
        style, accessed = self.settings[CITATION_KEY]
        references = self._references(profile, lang, style, accessed)
        links = qr_links(profile, self.context["book"], lang)
        codes = link_codes(links, cache_folder(self.settings, "qr"))
        qr_codes = {f"{name}_qr": code for name, code in codes.items()}  # by annexe item
        for path, template, extra in (
            (
                BY_NAME["annexe"].at(lang) + "index.html",
                "annexe",
                {
                    "annexe_items": items,
                    "qr_codes": qr_codes,
                    "references": references,
                    "citation_style": style,
                },
            ),
            (BY_NAME["cv"].at(lang) + "index.html", "cv", {}),
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
