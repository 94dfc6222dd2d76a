"""The defence deck as PowerPoint: `soutenance.pptx` in the primary language at the root,
`en/soutenance.pptx` for another language (one file per language, like the HTML deck: a
student pastes the slides of the defence's language into the rest of the presentation)."""

from __future__ import annotations

import functools
import os
from pathlib import Path

from profile_gen.book.context import ProfileGenerator
from profile_gen.book.design import DESIGN_KEY
from profile_gen.book.generators.deck import DECK_PHOTO_WIDTHS
from profile_gen.keys import wants
from profile_gen.media import cache_folder, documents, images
from profile_gen.outputs import place
from profile_gen.profile.model import Profile
from profile_gen.views.book import qr_links

LIBRARIES = ("python-pptx", "lxml", "Pillow")
"""What writes the PowerPoint files: a new version may write other bytes."""


class PowerPointGenerator(ProfileGenerator):
    """Writes `soutenance.pptx` in every language of the profile (`pptx` format); an
    unchanged deck is kept from a build before (`profile_gen.media.documents`)."""

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
        profile: Profile = self.context["profile"]
        book = self.context["book"]
        photo = self._photo(profile)
        cache, output = documents.of_build(self.settings), Path(self.output_path)
        identity = documents.tool_identity(*LIBRARIES)
        design, epoch = self.settings.get(DESIGN_KEY), documents.source_epoch()
        for lang in profile.locale:
            relative = place("deck.pptx", lang, book.primary)
            # the whole profile (the deck shows the defence and much of the rest), the links
            # behind its QR codes, the photo, the design: the deck's view is made of these
            links = qr_links(profile, book, lang)
            key = cache.key(identity, relative, profile, lang, links, photo, design, epoch)
            if cache.reuse(relative, key, output, relative) is None:
                # written at the end of the build, beside the PDFs (python-pptx imported there)
                write = functools.partial(self._write, output / relative, profile, lang, photo)
                cache.defer(relative, key, output, relative, write)

    def _write(self, target: Path, profile: Profile, lang: str, photo) -> None:
        from profile_gen.office.pptx.deck import build, deck_context  # python-pptx: only now

        deck = self.context["views"].deck(lang)  # the HTML deck's slides, titles, links
        target.parent.mkdir(parents=True, exist_ok=True)
        temp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        design = self.settings.get(DESIGN_KEY)
        temp.write_bytes(build(deck, deck_context(profile, deck, photo, design)))
        os.replace(temp, target)
