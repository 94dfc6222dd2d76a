"""The printed annexe and the CV: a Pelican generator writing `annexe/` and `cv/`.

Both pages are in the profile's primary language and share one CV template; the PDF step
(`profile_gen.printing.pdf`) prints them. The annexe lists the methodology's items in its order.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from profile_gen.book.context import ProfileGenerator, print_profile
from profile_gen.book.design import DESIGN_KEY
from profile_gen.errors import PdfUnavailable
from profile_gen.keys import CITATION_KEY, CV_FIT_KEY, wants
from profile_gen.media import cache_folder, images
from profile_gen.outputs import BY_NAME
from profile_gen.profile.model import Profile
from profile_gen.views import glyphs
from profile_gen.views.annexe import AnnexeView, annexe_entries, annexe_view, reference_list
from profile_gen.views.cv import CvView, cv_colors, preview_view

CV_PHOTO_WIDTHS = (480,)  # 3.4 cm printed at about 350 dpi
CV_VIEW_KEY = "PROFILE_GEN_CV_VIEW"
"""The context's CV view, decided once per build by whichever generator asks first."""
ANNEXE_VIEW_KEY = "PROFILE_GEN_ANNEXE_VIEW"
"""The context's annexe view (HTML, PDF and Word), built once per build."""
PRINT_IMAGES = BY_NAME["annexe"].at("fr") + "images"
"""The printed photo's folder: inside `/annexe/` (a print output of `profile_gen.outputs`), so `publish` leaves it
out even when the photo is for print only (`visibility: annexe`); the Book's is `images/`."""


def print_font(settings: dict) -> frozenset[int]:
    """The code points of the theme's print font."""
    fonts = Path(settings["THEME"]) / "static" / "fonts"
    return glyphs.font_coverage(fonts, cache_folder(settings, "glyphs"))


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
            profile = print_profile(self.settings)
            view = None
            if self.settings.get(CV_FIT_KEY) or any(
                wants(self.settings, name) for name in ("pdf", "docx")
            ):
                view = self._fitting(profile)
            self.context[CV_VIEW_KEY] = self._in_design(view or preview_view(profile))
        return self.context[CV_VIEW_KEY]

    def _in_design(self, view: CvView) -> CvView:
        """The CV in the design's arrangement (`[cv] layout`) and accent (a student's
        design's too) when the person chose no colour of their own."""
        chosen = self.settings.get(DESIGN_KEY)
        if chosen is None:
            return view
        view = replace(view, layout=chosen.choice("cv", "layout"))
        accent = chosen.token("color", "accent")
        if accent is None or print_profile(self.settings).identity.color:
            return view
        colour, panel = cv_colors(str(accent))
        return replace(view, accent=colour, panel=panel)

    def _fitting(self, profile: Profile) -> CvView | None:
        """`print_fit.fitted_cv`: each try laid out by WeasyPrint, the CV page and the
        annexe's first page (its title and the CV item). None without WeasyPrint."""
        from profile_gen.printing.print_fit import fitted_cv

        base = {**self.context, **self._cv_shared(profile), "SITEURL": ".."}
        lang, articles = profile.primary_language, len(self.context.get("articles", []))
        first = replace(annexe_entries(profile, articles, lang)[0], present=True, missing="")
        annexe = {**base, "annexe_items": [first]}
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
        """What the annexe's and the CV's templates show besides the shared context: the
        whole profile (the Book's leaves out what stays off the web) and its contact."""
        return dict(
            profile=profile,
            lang=profile.primary_language,
            cv_photo=self._cv_photo(profile),
            contact=profile.identity.contact.shown_on("annexe"),
        )

    def annexe_view(self) -> AnnexeView:
        """What the annexe shows (HTML, PDF and Word), decided once per build."""
        if ANNEXE_VIEW_KEY not in self.context:
            profile = print_profile(self.settings)
            lang, views = profile.primary_language, self.context["views"]
            style, accessed = self.settings[CITATION_KEY]
            entries = self.context["activities"]
            self.context[ANNEXE_VIEW_KEY] = annexe_view(
                profile,
                self.cv_view(),
                article_count=len(self.context.get("articles", [])),
                qr_links=views.qr_links(lang),
                qr_codes=views.qr_codes(lang),
                references=reference_list(
                    profile, self.context["book"], entries, lang, style, accessed
                ),
                citation_style=style,
                date=views.date,
            )
        return self.context[ANNEXE_VIEW_KEY]

    def generate_output(self, writer) -> None:
        profile = print_profile(self.settings)
        lang = profile.primary_language
        annexe = self.annexe_view()
        shared = {**self._cv_shared(profile), "cv": annexe.cv}
        for path, template, extra in (
            (
                BY_NAME["annexe"].at(lang) + "index.html",
                "annexe",
                {"annexe": annexe, "annexe_items": annexe.items},
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
