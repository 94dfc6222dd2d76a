"""The annexe as a Word document: `annexe.docx`, beside `annexe.pdf`.

The same items as the printed annexe, in the methodology's order and the profile's primary
language, with Word's built-in styles so the annexe pastes into the thesis: headings enter
its table of contents, the body follows its Times New Roman 12 / 1.5 / justified rules.
Written when the build wants the `docx` format (`profile_gen.keys.wants`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from profile_gen.book.generators.annexe import AnnexeGenerator, print_font
from profile_gen.keys import CITATION_KEY, wants
from profile_gen.media import cache_folder
from profile_gen.media.qr import link_codes
from profile_gen.outputs import BY_NAME
from profile_gen.profile.model import Profile
from profile_gen.profile.readiness import annexe_items
from profile_gen.views.book import qr_links
from profile_gen.views.documents import document_date

if TYPE_CHECKING:  # python-docx is imported only when a .docx is written
    from profile_gen.office.docx.writer import AnnexeData, Photo

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


class AnnexeDocxGenerator(AnnexeGenerator):
    """Writes `annexe.docx`; shares the printed annexe's photo and references."""

    def _photo(self, profile: Profile) -> Photo | None:
        from profile_gen.office.docx.writer import Photo

        picture = self._cv_photo(profile)
        if picture is None or profile.identity.photo is None:
            return None
        data = (Path(self.output_path) / picture.largest.jpeg).read_bytes()
        photo = profile.identity.photo
        return Photo(data, profile.text(photo.alt), (photo.focus.x, photo.focus.y))

    def data(self) -> AnnexeData:
        from profile_gen.office.docx.writer import AnnexeData

        profile: Profile = self.context["profile"]
        lang = profile.primary_language
        articles = len(self.context.get("articles", []))
        style, accessed = self.settings[CITATION_KEY]
        links = qr_links(profile, self.context["book"], lang)
        codes = link_codes(links, cache_folder(self.settings, "qr"))
        return AnnexeData(
            profile=profile,
            book=self.context["book"],
            items=list(annexe_items(profile, articles).items()),
            references=self._references(profile, lang, style, accessed),
            citation_style=style,
            qr_codes={f"{name}_qr": code for name, code in codes.items()},
            photo=self._photo(profile),
            date=document_date(self.settings),
            improvements=self.context["improvements_by_competency"],
            chart=self.context["chart"],
            font=Path(self.settings["THEME"]) / "static/fonts/LiberationSerif-Regular.ttf",
            covered=print_font(self.settings),
            cv=self.cv_view(),
        )

    def generate_output(self, writer) -> None:
        if not wants(self.settings, "docx"):
            return
        target = Path(self.output_path) / FILE_NAME
        target.write_bytes(build(self.data()))
