"""Markdown fields as Word paragraphs: bold, italic, links, lists, quotes, tables.

The text is parsed by the same CommonMark parser as the HTML outputs (raw HTML disabled, so
a tag is text; `javascript:` and similar targets are refused), then written with Word's own
formatting: runs for bold and italic, `Hyperlink` runs for http(s) links, `List Bullet` and
`List Number` paragraphs (each numbered list restarts at its own start), Markdown headings
as `Heading 4` (below the entries' `Heading 3`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from profile_gen.office.docx import inline
from profile_gen.office.docx.styles import TABLE_TEXT
from profile_gen.views.text import MARKDOWN  # the HTML outputs' parser, same safety

MAX_DEPTH = 3
"""Word's built-in list styles go to `List Bullet 3` / `List Number 3`."""


@dataclass
class _List:
    ordered: bool
    start: int
    num_id: int | None = None


@dataclass
class _State:
    lists: list[_List] = field(default_factory=list)
    quote: int = 0
    heading: bool = False
    item_started: bool = False
    """True right after `list_item_open`: the item's first paragraph carries the bullet."""


class MarkdownWriter:
    """Writes Markdown into `container` (the document, or a table cell)."""

    def __init__(self, container: Any, style: str = "Normal") -> None:
        self.container = container
        self.style = style
        self.state = _State()
        self.lead: Sequence[tuple[str, bool]] = ()
        # a new table cell holds one empty paragraph: the text's first paragraph reuses it
        first = container.paragraphs[0] if isinstance(container, _Cell) else None
        self._reusable = first if first is not None and not first.text else None

    def _add(self, style: str) -> Paragraph:
        if self._reusable is not None:
            paragraph, self._reusable = self._reusable, None
            inline.styled(paragraph, style)
            return paragraph
        return inline.new_paragraph(self.container, style)

    def write(self, text: str, lead: Sequence[tuple[str, bool]] = ()) -> None:
        """Write `text`; `lead` (text, bold) pairs begin its first paragraph."""
        self.lead = lead
        self.state = _State()
        tokens = MARKDOWN.parse(text)
        index = 0
        while index < len(tokens):
            index = self._block(tokens, index)

    # ------------------------------------------------------------------ blocks

    def _block(self, tokens: list, index: int) -> int:
        token = tokens[index]
        handler = self._HANDLERS.get(token.type)
        if handler is not None:
            handler(self, token)
        elif token.type == "table_open":
            return self._table(tokens, index + 1)
        elif token.type == "inline":
            self._inline(self._paragraph(), token.children or [])
        elif token.type in ("code_block", "fence"):
            self._plain_block(token.content.rstrip("\n"))
        elif token.type == "hr":
            self._plain_block("* * *")
        return index + 1

    def _paragraph(self) -> Paragraph:
        state = self.state
        if state.heading:
            paragraph = self._add("Heading 4")
        elif state.lists:
            paragraph = self._list_paragraph()
        elif state.quote:
            paragraph = self._add("Quote")
        else:
            paragraph = self._add(self.style)
        if self.lead:
            for text, bold in self.lead:
                inline.add_text(paragraph, text, bold=bold)
            self.lead = ()
        return paragraph

    def _list_paragraph(self) -> Paragraph:
        state = self.state
        depth = min(len(state.lists), MAX_DEPTH)
        suffix = "" if depth == 1 else f" {depth}"
        current = state.lists[-1]
        if not state.item_started:
            return self._add(f"List Continue{suffix}")
        state.item_started = False
        kind = "Number" if current.ordered else "Bullet"
        paragraph = self._add(f"List {kind}{suffix}")
        if current.ordered:
            if current.num_id is None:
                current.num_id = _restarted_numbering(paragraph, current.start)
            if current.num_id is not None:
                ppr = paragraph._p.get_or_add_pPr()
                ppr.get_or_add_numPr().get_or_add_numId().val = current.num_id
        return paragraph

    def _plain_block(self, text: str) -> None:
        paragraph = self._paragraph()
        paragraph.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT  # code keeps its lines
        run = inline.add_text(paragraph, text)
        if run is not None and text != "* * *":
            run._r.get_or_add_rPr().style = inline.style_id(inline.CODE_STYLE)

    def _open_list(self, token, ordered: bool) -> None:
        start = int(token.attrs.get("start", 1)) if ordered else 1
        self.state.lists.append(_List(ordered, start))

    def _close_list(self, token) -> None:
        self.state.lists.pop()

    def _open_item(self, token) -> None:
        self.state.item_started = True

    def _open_heading(self, token) -> None:
        self.state.heading = True

    def _close_heading(self, token) -> None:
        self.state.heading = False

    def _open_quote(self, token) -> None:
        self.state.quote += 1

    def _close_quote(self, token) -> None:
        self.state.quote -= 1

    def _table(self, tokens: list, index: int) -> int:
        """Collect the table's cells (their inline tokens), write it; the index after it."""
        rows: list[list[tuple[bool, list]]] = []
        header = False
        while index < len(tokens) and tokens[index].type != "table_close":
            token = tokens[index]
            if token.type == "tr_open":
                rows.append([])
            elif token.type in ("th_open", "td_open"):
                header = token.type == "th_open"
            elif token.type == "inline" and rows:
                rows[-1].append((header, token.children or []))
            index += 1
        write_table(self.container, rows)
        return index + 1

    _HANDLERS: ClassVar[dict[str, Callable[[MarkdownWriter, Any], None]]] = {
        "bullet_list_open": lambda self, token: self._open_list(token, False),
        "ordered_list_open": lambda self, token: self._open_list(token, True),
        "bullet_list_close": _close_list,
        "ordered_list_close": _close_list,
        "list_item_open": _open_item,
        "heading_open": _open_heading,
        "heading_close": _close_heading,
        "blockquote_open": _open_quote,
        "blockquote_close": _close_quote,
    }

    # ------------------------------------------------------------------ inline

    def _inline(self, paragraph: Paragraph, children: list) -> None:
        bold = italic = 0
        link: inline.Link | None = None
        for child in children:
            kind = child.type
            if kind == "text" or kind == "code_inline":
                target = link or _Plain(paragraph)
                run = target.add_text(child.content, bold=bold > 0, italic=italic > 0)
                if kind == "code_inline" and run is not None:
                    run._r.get_or_add_rPr().style = inline.style_id(inline.CODE_STYLE)
            elif kind in ("softbreak", "hardbreak"):
                inline.add_text(paragraph, " " if kind == "softbreak" else "\n")
            elif kind == "strong_open" or kind == "strong_close":
                bold += 1 if kind == "strong_open" else -1
            elif kind == "em_open" or kind == "em_close":
                italic += 1 if kind == "em_open" else -1
            elif kind == "link_open":
                href = str(child.attrs.get("href", ""))
                link = inline.Link(paragraph, href) if inline.is_web_url(href) else None
            elif kind == "link_close":
                link = None
            elif kind == "image":
                inline.add_text(paragraph, child.content, italic=True)  # its alt text


class _Plain:
    """Plain runs of a paragraph, with the `Link.add_text` signature."""

    def __init__(self, paragraph: Paragraph) -> None:
        self.paragraph = paragraph

    def add_text(self, text: str, *, bold: bool = False, italic: bool = False) -> Run | None:
        return inline.add_text(self.paragraph, text, bold=bold, italic=italic)


def _restarted_numbering(paragraph: Paragraph, start: int) -> int | None:
    """A new `w:num` of the paragraph's list style, restarting at `start` (python-docx's
    list styles share one numbering: every list would continue the previous one)."""
    style = paragraph.style
    ppr = style.element.pPr if style is not None else None
    num_pr = ppr.numPr if ppr is not None else None
    if num_pr is None or num_pr.numId is None:
        return None
    part: Any = paragraph.part  # the document's part, which has the numbering
    numbering = part.numbering_part.element
    shared = numbering.num_having_numId(num_pr.numId.val)
    num = numbering.add_num(shared.abstractNumId.val)
    override = parse_xml(
        f"<w:lvlOverride {nsdecls('w')} w:ilvl='0'><w:startOverride w:val='{start}'/>"
        "</w:lvlOverride>"
    )
    num.append(override)
    return num.numId


def write_table(container: Any, rows: list[list[tuple[bool, list]]]) -> None:
    """A Markdown table as a Word table (`Table Grid`), header cells in bold."""
    if not rows:
        return
    width = max(len(row) for row in rows)
    table = container.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    for row, cells in zip(table.rows, rows, strict=True):
        for cell, (header, children) in zip(row.cells, cells, strict=False):
            paragraph = cell.paragraphs[0]
            inline.styled(paragraph, TABLE_TEXT)
            MarkdownWriter(cell, TABLE_TEXT)._inline(paragraph, children)
            if header:
                for run in paragraph.runs:
                    run.bold = True


def write(container: Any, text: str, style: str = "Normal", lead=()) -> None:
    """Write the Markdown `text` into `container` (a document or a table cell)."""
    MarkdownWriter(container, style).write(text, lead)
