"""The CV, the annexe's first item: two columns as in the printed annexe (a borderless table),
the photo, contact, languages, skills and certifications on the left; name, headline,
summary, path, education, achievements and interests on the right: the entries and colours
of the PDF CV (`profile_gen.views.cv`, decided once for both). Arranged as the design's
annexe CV (`CvView.layout`): the side column tinted (`side`), also ruled in the accent
(`ruled`), or the photo, name and contact in a band ruled in the accent over two columns,
the career on the left, the rest on the right beside a rule of the accent (`band`).

Its inner titles are bold paragraphs, not headings: the thesis's table of contents lists
the annexe's items, not the CV's parts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Length, Pt, RGBColor
from docx.table import _Cell

from profile_gen import tokens
from profile_gen.office.docx import inline, pictures
from profile_gen.office.docx.styles import TABLE_SIZE, TABLE_TEXT
from profile_gen.office.docx.writer import Writer
from profile_gen.views.cv import CvView

SIDE_WIDTH, MAIN_WIDTH = Cm(5.5), Cm(10.5)
BAND_PHOTO, BAND_FRAME = Cm(3.2), (Cm(2.6), Cm(2.6))
"""The band's photo column (`band`), and the square photo in it (the annexe's)."""
RULE, THIN_RULE = 24, 6
"""The accent's rules, in eighths of a point: the ruled side column's, the band's columns'."""


def view(writer: Writer) -> CvView:
    return writer.data.cv


def _colour(run: Any, color: str) -> None:
    if run is not None:
        run.font.color.rgb = RGBColor.from_string(color.lstrip("#").upper())


def _title(cell: _Cell, text: str, accent: str) -> None:
    paragraph = inline.new_paragraph(cell, TABLE_TEXT)
    paragraph.paragraph_format.space_before = Pt(tokens.word("space-cv-title"))
    paragraph.paragraph_format.keep_with_next = True
    _colour(inline.add_text(paragraph, text, bold=True), accent)


def _lines(cell: _Cell, lines: Sequence[Sequence[tuple[str, bool]]], bullet: bool = False) -> None:
    for parts in lines:
        paragraph = inline.new_paragraph(cell, "List Bullet" if bullet else TABLE_TEXT)
        if bullet:
            paragraph.paragraph_format.line_spacing = 1.0
            paragraph.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
        for text, bold in parts:
            run = inline.add_text(paragraph, text, bold=bold)
            if bullet and run is not None:
                run.font.size = TABLE_SIZE  # a list style, at the size of the table's text


def _short(url: str) -> str:
    return url.replace("https://", "").replace("http://", "").replace("www.", "")


def _shade(cell: _Cell, color: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), color)
    cell._tc.get_or_add_tcPr().append(shading)


def _border(cell: _Cell, side: str, color: str, eighths: int) -> None:
    """A rule of `color` along one side of `cell` (before its shading: the schema's order)."""
    borders = OxmlElement("w:tcBorders")
    edge = OxmlElement(f"w:{side}")
    for key, value in (("val", "single"), ("sz", str(eighths)), ("space", "0")):
        edge.set(qn(f"w:{key}"), value)
    edge.set(qn("w:color"), color.lstrip("#").upper())
    borders.append(edge)
    cell._tc.get_or_add_tcPr().append(borders)


def _contact(writer: Writer, cell: _Cell) -> None:
    profile = writer.data.profile
    contact = profile.identity.contact.shown_on("annexe")
    if not view(writer).has_contact(profile):  # no heading over nothing
        return
    _title(cell, writer.label("cv.contact"), view(writer).accent)
    for value in contact.values():  # in the order of CONTACT_ITEMS
        _lines(cell, [[(writer.text(value), False)]])  # type: ignore[arg-type]
    for url in (profile.links.linkedin, profile.links.book):
        if url:
            inline.add_link(inline.new_paragraph(cell, TABLE_TEXT), str(url), _short(str(url)))
    for link in view(writer).links:
        paragraph = inline.new_paragraph(cell, TABLE_TEXT)
        inline.add_text(paragraph, writer.text(link.label) + writer.label("colon"))
        inline.add_link(paragraph, str(link.url), _short(str(link.url)))


def _photo(
    writer: Writer, cell: _Cell, frame: tuple[Length, Length] = pictures.PHOTO_FRAME
) -> None:
    photo, first = writer.data.photo, cell.paragraphs[0]
    inline.styled(first, TABLE_TEXT)
    if photo:
        first.alignment = WD_ALIGN_PARAGRAPH.CENTER
        width, height = frame
        framed = pictures.framed(photo.data, photo.focus, frame)
        pictures.add_picture(first, framed, width, height, photo.alt)


def _side(writer: Writer, cell: _Cell, band: bool = False) -> None:
    """The side column: the photo and contact (in the band when there is one), languages,
    skills, certifications (and the interests beside a band)."""
    profile, accent = writer.data.profile, view(writer).accent
    if not band:
        _photo(writer, cell)
        _contact(writer, cell)
    else:
        inline.styled(cell.paragraphs[0], TABLE_TEXT)
    if profile.languages:
        _title(cell, writer.label("page.languages"), accent)
        lines = []
        for language in profile.languages:
            line = writer.text(language.name) + writer.label("colon")
            line += writer.label(f"cefr.short.{language.level.value}")
            if language.certificate:
                score = f" {language.certificate.score}" if language.certificate.score else ""
                line += f" ({language.certificate.name}{score})"
            lines.append([(line, False)])
        _lines(cell, lines)
    if profile.skills:
        _title(cell, writer.label("section.skills"), accent)
        skills = (_named(writer, skill.name, skill.keywords) for skill in profile.skills)
        _lines(cell, [[(" · ".join(skills), False)]])
    if profile.certifications:
        _title(cell, writer.label("section.certifications"), accent)
        certified = [
            f"{writer.text(c.name)} — {c.issuer}, {writer.date(c.date)}{writer.expiry(c)}"
            for c in profile.certifications
        ]
        _lines(cell, [[(line, False)] for line in certified])


def _entries(writer: Writer, cell: _Cell, entries: Sequence[Any]) -> None:
    """`title — organisation · period`, the description of a job the CV has room for, and
    the highlights of each job or degree."""
    for entry in entries:
        title = getattr(entry, "title", None) or entry.degree
        place = getattr(entry, "organization", None) or entry.institution
        paragraph = inline.new_paragraph(cell, TABLE_TEXT)
        inline.add_text(paragraph, writer.text(title), bold=True)
        inline.add_text(paragraph, f" — {place}")
        inline.add_text(paragraph, f" · {writer.period(entry)}", italic=True)
        if view(writer).shows_description(entry):
            writer.markdown(entry.description, container=cell, style=TABLE_TEXT)
        highlights = getattr(entry, "highlights", [])
        _lines(cell, [[(writer.text(line), False)] for line in highlights], bullet=True)


def _identity(writer: Writer, cell: _Cell) -> None:
    profile = writer.data.profile
    name = cell.paragraphs[0]
    inline.styled(name, TABLE_TEXT)
    run = inline.add_text(name, profile.identity.name, bold=True)
    if run is not None:
        run.font.size = Pt(tokens.word("name"))
    _colour(run, view(writer).accent)
    headline = inline.new_paragraph(cell, TABLE_TEXT)
    inline.add_text(headline, writer.text(profile.identity.headline), italic=True)


def _main(writer: Writer, cell: _Cell, band: bool = False) -> None:
    """The main column: the name and headline (in the band when there is one), summary,
    path, education, achievements (and the interests, but beside a band)."""
    profile, cv = writer.data.profile, view(writer)
    if not band:
        _identity(writer, cell)
    else:
        inline.styled(cell.paragraphs[0], TABLE_TEXT)
    writer.markdown(profile.summary, container=cell, style=TABLE_TEXT)
    if profile.experience:
        _title(cell, writer.label("page.path"), cv.accent)
        _entries(writer, cell, profile.experience)
    if profile.education:
        _title(cell, writer.label("section.education"), cv.accent)
        _entries(writer, cell, profile.education)
    if profile.achievements:
        _title(cell, writer.label("section.featured"), cv.accent)
        lines = []
        for achievement in cv.achievements:
            parts = [(writer.text(achievement.title), True)]
            if cv.shows_result(achievement):
                parts.append((writer.label("colon") + writer.text(achievement.results[0]), False))
            lines.append(parts)
        _lines(cell, lines, bullet=True)
    if profile.interests and not band:
        _interests(writer, cell)


def _interests(writer: Writer, cell: _Cell) -> None:
    profile, cv = writer.data.profile, view(writer)
    _title(cell, writer.label("section.interests"), cv.accent)
    _lines(cell, [[(" · ".join(_interest(writer, i, cv) for i in profile.interests), False)]])


def _interest(writer: Writer, interest: Any, cv: CvView) -> str:
    """An interest's name, and its keywords when the CV has room for them."""
    return _named(writer, interest.name, interest.keywords if cv.interest_details else [])


def _named(writer: Writer, name: Any, keywords: list[Any]) -> str:
    """A skill's or an interest's name and its keywords in brackets, as the CV page writes
    them (`_cv.html`): `SQL (PostgreSQL, dbt)`."""
    if not keywords:
        return writer.text(name)
    return f"{writer.text(name)} ({', '.join(writer.text(word) for word in keywords)})"


def _columns(writer: Writer, *widths: Length) -> list[_Cell]:
    """A borderless table of one row, its columns `widths` wide."""
    table = writer.document.add_table(rows=1, cols=len(widths))
    table.autofit = False
    cells = table.rows[0].cells
    for cell, column, width in zip(cells, table.columns, widths, strict=True):
        cell.width = column.width = width
    return list(cells)


def _band(writer: Writer) -> None:
    """`band`: the photo, the name, headline and contact across the top, ruled in the
    accent; then the career on the left, the rest on the right beside a rule."""
    cv, profile, whole = view(writer), writer.data.profile, SIDE_WIDTH + MAIN_WIDTH
    if writer.data.photo:  # without a photo, the band is the name and contact alone
        band = _columns(writer, BAND_PHOTO, Emu(whole - BAND_PHOTO))
    else:
        band = _columns(writer, Emu(whole))
    for cell in band:
        _border(cell, "bottom", cv.accent, RULE // 2)
    if writer.data.photo:
        _photo(writer, band[0], BAND_FRAME)
    _identity(writer, band[-1])
    _contact(writer, band[-1])
    main, side = _columns(writer, MAIN_WIDTH, SIDE_WIDTH)
    _border(side, "left", cv.accent, THIN_RULE)
    _main(writer, main, band=True)
    _side(writer, side, band=True)
    if profile.interests:
        _interests(writer, side)


def write_cv(writer: Writer) -> None:
    cv = view(writer)
    if cv.layout == "band":
        _band(writer)
        return
    side, main = _columns(writer, SIDE_WIDTH, MAIN_WIDTH)
    if cv.layout == "ruled":
        _border(side, "left", cv.accent, RULE)
    _shade(side, cv.panel.lstrip("#").upper())
    _side(writer, side)
    _main(writer, main)
