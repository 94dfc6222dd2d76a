"""The defence deck as PowerPoint: `soutenance.pptx` in the primary language at the root,
`en/soutenance.pptx` for another language (one file per language, like the HTML deck: a
student pastes the slides of the defence's language into the rest of the presentation)."""

from __future__ import annotations

import os
from pathlib import Path

from profile_gen.book.context import ProfileGenerator
from profile_gen.book.design import DESIGN_KEY
from profile_gen.book.generators.deck import DECK_PHOTO_WIDTHS
from profile_gen.keys import wants
from profile_gen.media import cache_folder, images
from profile_gen.media.qr import link_codes
from profile_gen.outputs import place
from profile_gen.profile.model import Profile
from profile_gen.views.book import qr_links
from profile_gen.views.deck_fit import fitted_plan
from profile_gen.views.documents import document_date


class PowerPointGenerator(ProfileGenerator):
    """Writes `soutenance.pptx` in every language of the profile (`pptx` format)."""

    def _photo(self, profile: Profile) -> tuple[bytes, tuple[int, int]] | None:
        """The portrait as the HTML deck shows it (metadata removed): JPEG bytes and size."""
        photo = profile.identity.photo
        if not (photo and profile.identity.contact.photo_shown_on("online")):
            return None
        source = Path(self.settings["PATH"]) / photo.path
        cache = cache_folder(self.settings, "images")
        output = Path(self.output_path)
        largest = images.picture(source, "portrait", DECK_PHOTO_WIDTHS, output, cache).largest
        return (output / largest.jpeg).read_bytes(), (largest.width, largest.height)

    def generate_output(self, writer) -> None:
        if not wants(self.settings, "pptx"):
            return
        from profile_gen.office.pptx.deck import build, deck_context  # python-pptx: only now

        profile: Profile = self.context["profile"]
        book = self.context["book"]
        photo = self._photo(profile)
        plan = fitted_plan(profile)  # the HTML deck's slides: split where it splits
        date = document_date(self.settings)
        for lang in profile.locale:
            links = qr_links(profile, book, lang)
            codes = link_codes(links, cache_folder(self.settings, "qr"))
            target = Path(self.output_path) / place("deck.pptx", lang, book.primary)
            target.parent.mkdir(parents=True, exist_ok=True)
            temp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
            design = self.settings.get(DESIGN_KEY)
            temp.write_bytes(build(plan, deck_context(profile, lang, codes, photo, design), date))
            os.replace(temp, target)
