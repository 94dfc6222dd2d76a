"""The annexe as a Word document: `annexe.docx`, beside `annexe.pdf`.

The same items as the printed annexe, in the methodology's order and the profile's primary
language, with Word's built-in styles so the annexe pastes into the thesis: headings enter
its table of contents, the body follows its Times New Roman 12 / 1.5 / justified rules.
Written when the build wants the `docx` format (`profile_gen.keys.wants`).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING, Any

from profile_gen.book.context import print_profile
from profile_gen.book.design import DESIGN_KEY
from profile_gen.book.generators.annexe import AnnexeGenerator, print_font
from profile_gen.keys import wants
from profile_gen.media import documents
from profile_gen.outputs import BY_NAME
from profile_gen.profile.model import Profile

if TYPE_CHECKING:  # python-docx is imported only when a .docx is written
    from profile_gen.office.docx.writer import AnnexeData

FILE_NAME = BY_NAME["annexe.docx"].at("fr")


def build(data: AnnexeData) -> bytes:
    """The `.docx` file of the annexe described by `data`."""
    import docx

    from profile_gen.office.docx import items, package, styles
    from profile_gen.office.docx.writer import Writer

    profile = data.profile
    document = docx.Document()
    styles.setup(document, data.lang)
    writer = Writer(document, data)
    items.write_annexe(writer)
    title = f"{profile.identity.name} — {writer.label('annexe.title')}"
    styles.add_footer(document, title)
    keywords = [writer.label("annexe.title"), *(writer.text(s.name) for s in profile.skills)]
    package.set_properties(
        document,
        package.Properties(
            title=title,
            author=profile.identity.name,
            subject=writer.label("annexe.subtitle"),
            keywords=", ".join(keywords),
            lang=data.lang,
            date=data.date,
        ),
    )
    package.leave_out_emoji(document, data.covered)
    package.typeset(document, data.lang)
    return package.to_bytes(document, data.date)


LIBRARIES = ("python-docx", "lxml", "Pillow")
"""What writes the Word file: a new version may write other bytes."""


class AnnexeDocxGenerator(AnnexeGenerator):
    """Writes `annexe.docx`; shares the printed annexe's photo and references. An unchanged
    annexe is kept from a build before (`profile_gen.media.documents`), not written again."""

    def _photo(self, profile: Profile) -> tuple[bytes, str, tuple[float, float]] | None:
        """The printed photo's JPEG bytes, its alternative text and its focus."""
        picture = self._cv_photo(profile)
        if picture is None or profile.identity.photo is None:
            return None
        data = (Path(self.output_path) / picture.largest.jpeg).read_bytes()
        photo = profile.identity.photo
        return data, profile.text(photo.alt), (photo.focus.x, photo.focus.y)

    def inputs(self) -> dict[str, Any]:
        """Everything the Word annexe shows (`AnnexeData`'s fields, the photo as its parts)."""
        profile = print_profile(self.settings)
        return dict(
            profile=profile,
            book=self.context["book"],
            annexe=self.annexe_view(),
            photo=self._photo(profile),
            improvements=self.context["improvements_by_competency"],
            chart=self.context["chart"],
            font=Path(self.settings["THEME"]) / "static/fonts/LiberationSerif-Regular.ttf",
            covered=print_font(self.settings),
        )

    def data(self, inputs: dict[str, Any] | None = None) -> AnnexeData:
        from profile_gen.office.docx.writer import AnnexeData, Photo

        inputs = inputs if inputs is not None else self.inputs()
        photo = Photo(*inputs["photo"]) if inputs["photo"] else None
        return AnnexeData(**{**inputs, "photo": photo})

    def generate_output(self, writer) -> None:
        if not wants(self.settings, "docx"):
            return
        inputs = self.inputs()
        cache, output = documents.of_build(self.settings), Path(self.output_path)
        design = self.settings.get(DESIGN_KEY)  # its accent shows in the CV
        key = cache.key(documents.tool_identity(*LIBRARIES), FILE_NAME, keyed(inputs), design)
        if cache.reuse(FILE_NAME, key, output, FILE_NAME) is None:
            # written at the end of the build, beside the PDFs (python-docx imported there)
            cache.defer(FILE_NAME, key, output, FILE_NAME, lambda: self._write(inputs))

    def _write(self, inputs: dict[str, Any]) -> None:
        (Path(self.output_path) / FILE_NAME).write_bytes(build(self.data(inputs)))


def keyed(inputs: dict[str, Any]) -> dict[str, Any]:
    """What the Word annexe's key is made of: its inputs, with the profile without the
    defence's rehearsal texts (never shown in the annexe), the Book by its addresses, the
    chart's font by its bytes, the date only when `SOURCE_DATE_EPOCH` sets it (a kept
    annexe keeps the date it was written with)."""
    profile: Profile = inputs["profile"]
    book, font = inputs["book"], inputs["font"]
    return {
        **inputs,
        "profile": profile.model_copy(update={"defence": profile.defence.without_rehearsal()}),
        "book": [book.base_url, book.languages, book.primary],
        "font": font.read_bytes() if font.is_file() else b"",
        "annexe": dataclasses.replace(inputs["annexe"], date=None),
        "date": documents.source_epoch(),
    }
