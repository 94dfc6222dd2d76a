"""Runs of text and hyperlinks, inert whatever the text holds.

Text goes into `w:t` elements only: `{ MERGEFIELD x }`, `<script>` or `javascript:` stay
characters (a field needs `w:fldChar`/`w:fldSimple`, which nothing here writes from user
text). Characters XML cannot hold (C0/C1 controls, lone surrogates, U+FFFE/U+FFFF) become
U+FFFD, visible, instead of failing the build. Hyperlinks go to absolute http(s)
addresses only; any other target is written as plain text.
"""

from __future__ import annotations

import re
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from profile_gen.profile import formats

REPLACEMENT = "\ufffd"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

HYPERLINK_STYLE = "Hyperlink"
CODE_STYLE = "Code"
"""The character style of code (Markdown's `code` and fenced blocks): a fixed-width font, as
the pages' `<code>`, and text the typography leaves as written (`package.typeset`)."""
CODE_FONT = "Courier New"
"""A fixed-width font every Word has (LibreOffice draws it with Liberation Mono)."""


def style_id(name: str) -> str | None:
    """The id of the built-in or added style `name` (`List Bullet 2` -> `ListBullet2`);
    None for `Normal`, the default. python-docx's own lookup by name scans every style of
    the document at each use: a third of the annexe's writing time."""
    return None if name == "Normal" else name.replace(" ", "")


def styled(paragraph: Paragraph, name: str) -> Paragraph:
    """`paragraph` given the paragraph style `name`."""
    paragraph._p.style = style_id(name)
    return paragraph


def new_paragraph(container: Any, style: str = "Normal") -> Paragraph:
    """A new paragraph of `style` at the end of `container` (document or table cell)."""
    return styled(container.add_paragraph(), style)


def clean(text: str) -> str:
    """`text` with the characters a Word document cannot hold replaced by U+FFFD; line
    breaks and tabs kept (python-docx writes them as `w:br` and `w:tab`)."""
    return _NOT_XML.sub(REPLACEMENT, text.replace("\r\n", "\n"))


def is_web_url(url: str | None) -> bool:
    """Whether `url` is an absolute http(s) address a hyperlink may point to (the profile's
    own test: a browser goes where it says)."""
    return formats.is_web_url(url)


def add_text(
    paragraph: Paragraph, text: str, *, bold: bool = False, italic: bool = False
) -> Run | None:
    """A run of plain `text` at the end of `paragraph` (nothing for an empty text)."""
    if not text:
        return None
    run = paragraph.add_run(clean(text))
    if bold:
        run.bold = True
    if italic:
        run.italic = True
    return run


class Link:
    """A `w:hyperlink` element of a paragraph, filled run by run (a Markdown link may hold
    bold and italic parts)."""

    def __init__(self, paragraph: Paragraph, url: str) -> None:
        self.paragraph = paragraph
        r_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
        self.element: Any = OxmlElement("w:hyperlink")
        self.element.set(qn("r:id"), r_id)
        paragraph._p.append(self.element)

    def add_text(self, text: str, *, bold: bool = False, italic: bool = False) -> Run | None:
        if not text:
            return None
        element: Any = OxmlElement("w:r")
        self.element.append(element)
        run = Run(element, self.paragraph)
        run.text = clean(text)
        element.get_or_add_rPr().style = style_id(HYPERLINK_STYLE)
        if bold:
            run.bold = True
        if italic:
            run.italic = True
        return run


def add_link(
    paragraph: Paragraph, url: str | None, text: str | None = None, **format: bool
) -> None:
    """`text` (default: the address itself) linked to `url`, or plain text when `url` is
    not an absolute http(s) address."""
    shown = text if text is not None else (url or "")
    if url and is_web_url(url):
        Link(paragraph, url).add_text(shown, **format)
    else:
        add_text(paragraph, shown, **format)
