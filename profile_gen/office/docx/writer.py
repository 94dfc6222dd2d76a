"""What the Word annexe is made of (`AnnexeData`) and the writer's small building blocks:
headings, paragraphs, Markdown, bullet lists, tables, all in the document's language."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docx.document import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from profile_gen import i18n
from profile_gen.office.docx import inline, markdown
from profile_gen.office.docx.styles import TABLE_TEXT
from profile_gen.profile.fields import Localized, PartialDate
from profile_gen.profile.model import Profile
from profile_gen.views.annexe import AnnexeView
from profile_gen.views.book import Book
from profile_gen.views.charts import Chart
from profile_gen.views.cv import CvView
from profile_gen.views.text import expiry_note, format_date


@dataclass(frozen=True)
class Photo:
    data: bytes
    """The JPEG the HTML annexe prints (pixels only, no metadata)."""
    alt: str
    focus: tuple[float, float] = (0.5, 0.5)
    """The point kept in view when the photo is cropped to its frame (`identity.photo.focus`)."""


@dataclass(frozen=True)
class AnnexeData:
    """Everything the Word annexe shows, gathered by the generator."""

    profile: Profile
    book: Book
    annexe: AnnexeView
    """What the annexe shows (`views.annexe`, the HTML annexe's view): its items in the
    methodology's order, the QR codes, the references, the CV, the date."""
    photo: Photo | None
    improvements: dict[str, list] = field(default_factory=dict)
    """By competency id, the improvements that serve it."""
    chart: Chart | None = None
    """The competency chart's geometry (the self-assessment)."""
    font: Path | None = None
    """The font the chart's labels are drawn with (the theme's Liberation Serif)."""
    covered: frozenset[int] = frozenset()
    """The characters the print font draws: other emoji are left out, as in the PDFs."""

    @property
    def cv(self) -> CvView:
        return self.annexe.cv

    @property
    def date(self) -> datetime.datetime:
        return self.annexe.date or datetime.datetime.fromtimestamp(0, datetime.UTC)

    @property
    def lang(self) -> str:
        return self.profile.primary_language


Cell = str | Callable[[_Cell], None]
"""A table cell: its text, or a function filling it."""


class Writer:
    """Appends the annexe's blocks to a python-docx `Document`."""

    def __init__(self, document: Document, data: AnnexeData) -> None:
        self.document = document
        self.data = data
        self.lang = data.lang

    # -------------------------------------------------------------- words

    def label(self, key: str, **values: Any) -> str:
        return i18n.text(self.lang, key, **values)

    def text(self, value: Localized | str | None) -> str:
        if isinstance(value, Localized):
            return self.data.profile.text(value, self.lang)
        return "" if value is None else str(value)

    def date(self, value: PartialDate | None) -> str:
        return format_date(value, self.lang)

    def expiry(self, cert: Any) -> str:
        """`views.text.expiry_note` at the annexe's date."""
        return expiry_note(cert, self.data.date, self.lang)

    def period(self, item: Any) -> str:
        start = self.date(getattr(item, "start", None))
        end = self.date(getattr(item, "end", None))
        return f"{start} – {end}" if start and end and start != end else start or end

    def colon_label(self, key: str) -> str:
        """``Contexte :`` / ``Context:`` (the language's own spacing)."""
        return self.label(key) + self.label("colon").rstrip()

    # -------------------------------------------------------------- blocks

    def heading(self, text: str, level: int) -> Paragraph:
        paragraph = inline.new_paragraph(self.document, f"Heading {level}")
        inline.add_text(paragraph, text)
        return paragraph

    def paragraph(
        self, parts: Sequence[tuple[str, bool]] = (), style: str = "Normal", container: Any = None
    ) -> Paragraph:
        """A paragraph of (text, bold) parts."""
        paragraph = inline.new_paragraph((container or self.document), style)
        for text, bold in parts:
            inline.add_text(paragraph, text, bold=bold)
        return paragraph

    def meta(self, text: str, container: Any = None) -> None:
        """The line under an entry's heading: period, place, organisation (in italics), on
        the same page as what follows (a heading and its dates never end a page alone)."""
        if text:
            paragraph = (container or self.document).add_paragraph()
            paragraph.paragraph_format.keep_with_next = True
            inline.add_text(paragraph, text, italic=True)

    def markdown(
        self,
        value: Localized | str | None,
        lead: Sequence[tuple[str, bool]] = (),
        container: Any = None,
        style: str = "Normal",
    ) -> None:
        text = self.text(value)
        if text:
            markdown.write(container or self.document, text, style, lead)

    def bullets(self, lines: Sequence[Sequence[tuple[str, bool]]], container: Any = None) -> None:
        for parts in lines:
            self.paragraph(parts, "List Bullet", container)

    def table(
        self, headers: Sequence[str], rows: Sequence[Sequence[Cell]], widths: Sequence[Length]
    ) -> None:
        """A `Table Grid` table; its header row repeats on each page."""
        table = self.document.add_table(rows=1 + len(rows), cols=len(headers))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for row in table.rows:
            _row_property(row, "w:cantSplit")
        _row_property(table.rows[0], "w:tblHeader")
        for cell, header in zip(table.rows[0].cells, headers, strict=True):
            fill_cell(cell, [(header, True)])
        for row, values in zip(table.rows[1:], rows, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                if isinstance(value, str):
                    fill_cell(cell, [(value, False)])
                else:
                    value(cell)
        table.autofit = False
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width  # the grid (LibreOffice), then each cell (Word)
            for cell in column.cells:
                cell.width = width


def fill_cell(cell: _Cell, parts: Sequence[tuple[str, bool]]) -> Paragraph:
    """The cell's first paragraph, in `Table Text`, holding (text, bold) parts."""
    paragraph = cell.paragraphs[0]
    inline.styled(paragraph, TABLE_TEXT)
    for text, bold in parts:
        inline.add_text(paragraph, text, bold=bold)
    return paragraph


def _row_property(row: Any, name: str) -> None:
    """`w:cantSplit` (a row stays on one page), `w:tblHeader` (repeats on each page)."""
    element = OxmlElement(name)
    element.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(element)
