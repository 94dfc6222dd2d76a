"""The printed annexe and the CV: a Pelican generator writing `annexe/` and `cv/`.

Both pages are in the profile's primary language and share one CV template; the PDF step
(`profile_gen.pdf`) prints them. The annexe lists the methodology's items in its order.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pelican.generators import Generator

from .media import cache_folder, images
from .media.qr import make_qr
from .model import Profile, Visibility
from .readiness import annexe_items

CV_PHOTO_WIDTHS = (480,)  # 3.4 cm printed at about 350 dpi


@dataclass(frozen=True)
class AnnexeItem:
    key: str
    present: bool


class AnnexeGenerator(Generator):
    def generate_context(self) -> None:
        pass

    def _cv_photo(self, profile: Profile):
        photo = profile.identity.photo
        if not photo or profile.identity.contact.visibility.photo == Visibility.private:
            return None
        source = Path(self.settings["PATH"]) / photo.path
        cache = cache_folder(self.settings, "images")
        return images.picture(source, "portrait", CV_PHOTO_WIDTHS, Path(self.output_path), cache)

    def generate_output(self, writer) -> None:
        profile: Profile = self.context["profile"]
        lang = profile.primary_language
        articles = len(self.context.get("articles", []))
        items = [AnnexeItem(key, ok) for key, ok in annexe_items(profile, articles).items()]
        featured = [
            profile.achievement(i) for i in profile.defence.featured
        ] or profile.achievements[:3]
        shared = dict(
            lang=lang,
            cv_photo=self._cv_photo(profile),
            contact=profile.identity.contact.shown_on("annexe"),
            featured=featured,
        )
        qr_cache = cache_folder(self.settings, "qr")
        qr_codes = {
            f"{name}_qr": make_qr(str(url), qr_cache) if url else None
            for name, url in (("book", profile.links.book), ("linkedin", profile.links.linkedin))
        }
        for path, template, extra in (
            ("annexe/index.html", "annexe", {"annexe_items": items, "qr_codes": qr_codes}),
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
