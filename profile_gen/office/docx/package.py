"""The document's properties and its file: the same input gives the same bytes.

python-docx stamps each zip entry with the clock and starts from a template carrying
another document's dates, thumbnail and application name: here the dates are the build's
fixed date, the entries are written in a fixed order with that date, and the template's
leftovers (thumbnail, Word 2010 style copy, statistics) are left out.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from dataclasses import dataclass
from xml.sax.saxutils import escape

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

from profile_gen import typography
from profile_gen.office.docx import inline
from profile_gen.office.docx.inline import clean
from profile_gen.office.docx.styles import language_tag
from profile_gen.text import bidi_closed
from profile_gen.views.glyphs import strip_emoji

APP_XML = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" \
xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">\
<Application>{application}</Application><DocSecurity>0</DocSecurity>\
<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>\
<HyperlinksChanged>false</HyperlinksChanged></Properties>"""
PROPERTY_LIMIT = 255
"""Characters in a core property (title, subject, keywords...): python-docx's limit."""
STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"


@dataclass(frozen=True)
class Properties:
    title: str
    author: str
    subject: str
    keywords: str
    lang: str
    date: datetime.datetime
    """Creation and modification date, fixed by the build (never the clock)."""


def _fit(text: str, separator: str = " ") -> str:
    """`text` within the 255 characters a core property holds: cut after the last whole
    item (`separator`) that fits, with an ellipsis."""
    text = clean(text)
    if len(text) <= PROPERTY_LIMIT:
        return text
    cut = text[: PROPERTY_LIMIT - 1]
    if separator in cut:
        cut = cut[: cut.rindex(separator)]
    return cut.rstrip(" ,;") + "…"


def set_properties(document: Document, properties: Properties) -> None:
    """Title, author, subject, keywords, language and dates of the document."""
    core = document.core_properties
    core.title = _fit(properties.title)
    core.author = core.last_modified_by = _fit(properties.author)
    core.subject = _fit(properties.subject)
    core.keywords = _fit(properties.keywords, ", ")
    core.language = language_tag(properties.lang)
    core.comments = core.category = core.content_status = ""
    core.created = core.modified = properties.date.replace(tzinfo=None)
    core.revision = 1
    element = core._element
    for printed in element.findall(
        "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}lastPrinted"
    ):
        element.remove(printed)
    _drop_template_leftovers(document)


def _drop_template_leftovers(document: Document) -> None:
    package = document.part.package
    for rel in list(package.rels.values()):
        if rel.reltype == RT.THUMBNAIL:
            package.rels.pop(rel.rId)
            package.rels.related_parts.pop(rel.rId, None)
        elif rel.reltype == RT.EXTENDED_PROPERTIES:
            rel.target_part._blob = APP_XML.format(application=escape("profile_gen")).encode()
    for rel in list(document.part.rels.values()):
        if rel.reltype == STYLES_WITH_EFFECTS:
            document.part.drop_rel(rel.rId)


def _text_parts(document: Document) -> list:
    """The parts of `document` that hold its text: the body, its headers and footers."""
    return [document.part] + [
        rel.target_part
        for rel in document.part.rels.values()
        if rel.reltype in (RT.HEADER, RT.FOOTER)
    ]


def leave_out_emoji(document: Document, covered: frozenset[int]) -> None:
    """The document without the emoji its font lacks, as the printed annexe (`glyphs`): in
    its text, its header and footer, its pictures' descriptions and its properties."""

    def strip(text: str) -> str:
        kept = strip_emoji(text, covered)
        return kept if kept == text else re.sub("  +", " ", kept)  # "sites 🚀 avec": one space

    parts = _text_parts(document)
    for part in parts:
        for element in part.element.iter(qn("w:t"), qn("wp:docPr")):
            if element.tag == qn("w:t"):
                element.text = strip(element.text or "")
            elif element.get("descr"):
                element.set("descr", strip(element.get("descr")))
    core = document.core_properties
    for name in ("title", "subject", "keywords", "author", "last_modified_by"):
        setattr(core, name, strip(getattr(core, name)).strip())


def typeset(document: Document, lang: str) -> None:
    """The document's text (body, header, footer) in the typography of `lang`:
    `profile_gen.typography`, the rules of every output. Addresses are left as written: a
    zero-width space as a break point would be copied with an e-mail or a web address (and
    pasted into a mail client or a thesis), and Word breaks an address wider than its line
    at the line's edge. Left as written, as the pages leave them: code (`Code` style), and
    an address shown as a link's text (`zoe.example.com/?a=x'y`, no space in it)."""
    code = inline.style_id(inline.CODE_STYLE)
    parts = _text_parts(document)
    for part in parts:
        for run in part.element.iter(qn("w:r")):
            style = run.find(f"{qn('w:rPr')}/{qn('w:rStyle')}")
            verbatim = style is not None and style.get(qn("w:val")) == code
            in_link = run.getparent() is not None and run.getparent().tag == qn("w:hyperlink")
            for element in run.iter(qn("w:t")):
                text = element.text or ""
                if not verbatim and not (in_link and not any(c.isspace() for c in text)):
                    text = typography.typeset(text, lang)
                element.text = bidi_closed(text)


def to_bytes(document: Document, date: datetime.datetime) -> bytes:
    """The `.docx` file, its zip entries dated `date` (at the earliest 1980, zip's epoch)."""
    raw = io.BytesIO()
    document.save(raw)
    stamp = max(date, datetime.datetime(1980, 1, 1, tzinfo=date.tzinfo))
    date_time = stamp.timetuple()[:6]
    result = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(result, "w") as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            target.writestr(info, source.read(entry.filename), compresslevel=6)
    return result.getvalue()
