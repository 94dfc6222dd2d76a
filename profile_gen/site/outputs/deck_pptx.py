"""The defence deck as PowerPoint: `soutenance.pptx` in the primary language at the root,
`en/soutenance.pptx` for another language (one file per language, like the HTML deck: a
student pastes the slides of the defence's language into the rest of the presentation)."""

from __future__ import annotations

import os
from pathlib import Path

from profile_gen.media import cache_folder, images
from profile_gen.media.qr import link_codes
from profile_gen.profile import colors
from profile_gen.profile.deck_plan import plan_deck
from profile_gen.profile.model import Profile
from profile_gen.site.context import ProfileGenerator
from profile_gen.site.keys import wants
from profile_gen.site.outputs.deck import DECK_PHOTO_WIDTHS
from profile_gen.site.pptx.deck import build
from profile_gen.site.pptx.layout import DeckContext, PhotoImage
from profile_gen.site.render import localize

FILE_NAME = "soutenance.pptx"


class PowerPointGenerator(ProfileGenerator):
    """Writes `soutenance.pptx` in every language of the profile (`pptx` format)."""

    def _photo(self, profile: Profile) -> images.Picture | None:
        photo = profile.identity.photo
        if not (photo and profile.identity.contact.photo_shown_on("site")):
            return None
        source = Path(self.settings["PATH"]) / photo.path
        cache = cache_folder(self.settings, "images")
        return images.picture(source, "portrait", DECK_PHOTO_WIDTHS, Path(self.output_path), cache)

    def generate_output(self, writer) -> None:
        if not wants(self.settings, "pptx"):
            return
        profile: Profile = self.context["profile"]
        book = self.context["book"]
        output = Path(self.output_path)
        picture = self._photo(profile)
        blob = (output / picture.largest.jpeg).read_bytes() if picture else None
        codes = link_codes(profile.links.with_qr_code, cache_folder(self.settings, "qr"))
        plan = plan_deck(profile)
        for lang in profile.locale:
            photo = None
            if picture and blob and profile.identity.photo:
                alt = localize(profile.identity.photo.alt, lang, profile.primary_language)
                size = (picture.largest.width, picture.largest.height)
                photo = PhotoImage(blob, size, alt)
            ctx = DeckContext(
                profile=profile,
                lang=lang,
                accent=(profile.identity.color or colors.DEFAULT).lstrip("#").lower(),
                photo=photo,
                qr_codes=[(key, code) for key, code in codes.items() if code],
                contact=profile.identity.contact.shown_on("site"),
            )
            target = output / f"{book.prefix(lang)}{FILE_NAME}"
            target.parent.mkdir(parents=True, exist_ok=True)
            temp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
            temp.write_bytes(build(plan, ctx))
            os.replace(temp, target)
