"""What a golden file keeps of each output: its text and structure, never its pixels, its
positions, its fonts' line breaks or the build's folder. One function per format; each
returns plain JSON data (lists, dicts, strings) that `tests.golden` stores readably."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup, Tag

ZWSP, SOFT_HYPHEN = "\u200b", "\u00ad"
WIDTH = 100
"""Long texts are wrapped at this width in the golden files, for readable diffs."""


def squeeze(text: str) -> str:
    """`text` in one line: break opportunities (zero-width spaces, soft hyphens) removed,
    runs of white space (not the no-break spaces typography puts) as one space."""
    text = text.replace(ZWSP, "").replace(SOFT_HYPHEN, "")
    return re.sub(r"[ \t\r\n\f\v]+", " ", text).strip()


def wrapped(text: str) -> list[str] | str:
    """A long text as lines of `WIDTH` (a readable diff), a short one as it is."""
    text = squeeze(text)
    if len(text) <= WIDTH:
        return text
    return textwrap.wrap(text, WIDTH, break_long_words=False, break_on_hyphens=False)


def _soup(path: Path) -> BeautifulSoup:
    return soup_of(path.read_text(encoding="utf-8"))


def soup_of(html: str) -> BeautifulSoup:
    """The page, each address that may break (`breakable`: pieces and <wbr>) as one text."""
    soup = BeautifulSoup(html, "html.parser")
    for node in soup.select(".breakable"):
        node.replace_with(node.get_text(""))
    return soup


def _text(node: Tag | None) -> str:
    return squeeze(node.get_text(" ")) if node is not None else ""


# --------------------------------------------------------------------------- HTML


def slide_texts(section: Tag) -> dict[str, Any]:
    """One slide of the HTML deck: its heading, the texts it shows, its QR targets."""
    body = section.select_one(".slide-body")
    assert body is not None
    heading = body.find(["h1", "h2"])
    blocks = [
        _text(node)
        for node in body.find_all(["h3", "p", "li", "blockquote", "figcaption"])
        if not node.find(["p", "li", "ul", "ol", "blockquote"])
        and _text(node)
        and "missing" not in node.get("class", [])  # on screen only: the student's preview
    ]
    return {
        "title": squeeze(section.get("data-title", "")),
        "heading": _text(heading),
        "texts": blocks,
        "qr": [squeeze(svg.get("aria-label", "")) for svg in body.select("svg.qr")],
    }


def _fit(section: Tag) -> str:
    """The slide's type scale (`fit-1`...), as its texts' container says."""
    for node in section.select(".slide-body [class*='fit-']"):
        for name in node.get("class", []):
            if name.startswith("fit-"):
                return name
    return ""


def deck_html(path: Path) -> list[dict[str, Any]]:
    """The HTML deck (with its notes): slide by slide."""
    slides = []
    for section in _soup(path).select("section.slide"):
        slide = slide_texts(section)
        notes = section.select_one("aside.notes")
        slide["notes"] = wrapped(_text(notes)) if notes else ""
        slide["fit"] = _fit(section)
        slides.append(slide)
    return slides


def listed_slides(path: Path, selector: str) -> list[str]:
    """The slides' names as the outline or the cue cards list them."""
    return [_text(node) for node in _soup(path).select(selector)]


def annexe_html(path: Path) -> list[dict[str, Any]]:
    """The annexe page: item by item, its heading, its marker when empty, its text."""
    items = []
    for section in _soup(path).select("section.item"):
        heading = section.find("h2")
        missing = section.select_one(".missing")
        text = _text(section)
        for part in (heading, missing):
            text = text.replace(_text(part), "", 1).strip() if part is not None else text
        items.append(
            {
                "heading": _text(heading),
                "missing": _text(missing),
                "headings": [_text(h) for h in section.find_all(["h3", "h4"])],
                "text": wrapped(text),
            }
        )
    return items


def cv_html(path: Path) -> dict[str, Any]:
    """The CV page: its headings, in order, and its text."""
    cv = _soup(path).select_one(".cv")
    assert cv is not None
    return {
        "headings": [_text(h) for h in cv.find_all(["h1", "h2", "h3", "h4"])],
        "text": wrapped(_text(cv)),
    }


# --------------------------------------------------------------------------- PDF


def dehyphenated(text: str, words: set[str]) -> str:
    """The PDF's text with the hyphens the layout added at line ends removed: a word cut
    at a line end is joined back when the joined word is one the HTML page holds."""

    def join(match: re.Match[str]) -> str:
        head, tail = match[1], match[2]
        return head + tail if (head + tail).lower() in words else f"{head}-{tail}"

    return re.sub(r"(\w+)-\n(\w+)", join, text)


def pdf_text(path: Path, html: Path | None = None) -> dict[str, Any]:
    """A PDF: its metadata and its words (line and page breaks are the fonts', not kept)."""
    from pypdf import PdfReader

    reader = PdfReader(path)
    text = "\n".join(page.extract_text() for page in reader.pages)
    if html is not None:
        known = {w.lower() for w in re.findall(r"\w+", _soup(html).get_text(" "))}
        text = dehyphenated(text, known)
    meta = reader.metadata or {}
    return {
        "title": str(meta.get("/Title", "")),
        "author": str(meta.get("/Author", "")),
        "subject": str(meta.get("/Subject", "")),
        "created": str(meta.get("/CreationDate", "")),
        "text": wrapped(text),
    }


# --------------------------------------------------------------------------- Office


def docx_outline(path: Path) -> dict[str, Any]:
    """A Word document: its properties, then its body in order, a paragraph as
    "Style: text", a table as its rows of cells."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    body: list[Any] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(child, document)
            text = squeeze(paragraph.text)
            if text:
                body.append(f"{paragraph.style.name}: {text}")
        elif tag == "tbl":
            table = Table(child, document)
            rows = [[squeeze(cell.text) for cell in row.cells] for row in table.rows]
            body.append({"table": rows})
    core = document.core_properties
    return {
        "title": core.title,
        "author": core.author,
        "language": core.language,
        "created": core.created.isoformat() if core.created else "",
        "body": body,
    }


def pptx_slides(path: Path) -> dict[str, Any]:
    """A PowerPoint: its properties, then slide by slide its title, the other texts in
    the slide's order, the links, the pictures' descriptions and the speaker's notes."""
    from pptx import Presentation

    presentation = Presentation(str(path))
    slides = []
    for slide in presentation.slides:
        title = slide.shapes.title
        texts, links, pictures = [], [], []
        for shape in slide.shapes:
            if shape.shape_type == 13:  # a picture
                descr = shape._element.xpath("./p:nvPicPr/p:cNvPr/@descr")
                pictures.append(squeeze(descr[0]) if descr else shape.name)
            is_title = title is not None and shape.shape_id == title.shape_id
            if shape.has_text_frame and not is_title and squeeze(shape.text_frame.text):
                texts.append(squeeze(shape.text_frame.text))
                for paragraph in shape.text_frame.paragraphs:
                    links += [r.hyperlink.address for r in paragraph.runs if r.hyperlink.address]
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        slides.append(
            {
                "title": squeeze(title.text_frame.text) if title is not None else "",
                "texts": texts,
                "links": links,
                "pictures": pictures,
                "notes": wrapped(notes),
            }
        )
    core = presentation.core_properties
    return {
        "title": core.title,
        "language": core.language,
        "created": core.created.isoformat() if core.created else "",
        "slides": slides,
    }
