"""The document's page and styles, set for a French thesis: Times New Roman 12, line spacing
1.5, justified body, A4 with 2.5 cm margins, the page number in the footer. The font, the
type sizes and the colours are the design tokens' (`[word]` and `[print]` of
`profile_gen/tokens.toml`).

Styles keep Word's built-in names (`Normal`, `Heading 1..4`, `Quote`, `Caption`,
`Bibliography`, `Hyperlink`, `List Bullet`...): pasted into a thesis, paragraphs take the
thesis's own definitions of those styles (Word's default "use destination styles"), enter
its automatic table of contents and follow its heading numbering. Theme fonts are replaced
by explicit ones everywhere (a theme font attribute would win over `w:ascii`).
"""

from __future__ import annotations

from typing import Any

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_UNDERLINE
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

from profile_gen import tokens
from profile_gen.office.docx.inline import CODE_FONT, CODE_STYLE

FONT = tokens.word("font")
BODY_SIZE = Pt(tokens.word("body"))
LINE_SPACING = 1.5
MARGIN = Cm(2.5)
A4 = (Cm(21), Cm(29.7))
LANGUAGE_TAGS = {"fr": "fr-FR", "en": "en-GB"}
BLACK = RGBColor.from_string(tokens.hex6("text", "print"))
"""The text's colour (the print palette's: the thesis is black on white)."""
LINK = RGBColor.from_string(tokens.hex6("link", "print"))

HEADINGS = {level: Pt(tokens.word(f"heading-{level}")) for level in (1, 2, 3, 4)}
TABLE_TEXT = "Table Text"
"""Paragraphs in table cells: left-aligned, single-spaced, 11 pt (the only style not built
in; the thesis rules apply to body text, tables are usually set smaller)."""
TABLE_SIZE = Pt(tokens.word("table"))

HEADING_NUMBERING_ID = 90
"""`w:abstractNumId` of the `1.`, `2.`... numbering attached to the `Heading 2` style."""


def language_tag(lang: str) -> str:
    return LANGUAGE_TAGS.get(lang, lang)


def _fonts(rpr: Any, font: str = FONT) -> None:
    """`rpr`'s fonts set to `font` for every script, without theme fonts."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for name in list(fonts.attrib):
        del fonts.attrib[name]
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), font)


def _language(rpr: Any, tag: str) -> None:
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), tag)
    lang.set(qn("w:bidi"), "ar-SA")


def _document_defaults(document: Document, tag: str) -> None:
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _fonts(rpr)
    _language(rpr, tag)
    settings = document.settings.element
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), tag)
    for setting in settings.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")  # Word 2013+: no "compatibility mode" banner


def _text_style(document: Document, style: Any, size: Any, *, bold: bool | None = None) -> None:
    """Explicit font, size and black colour on `style` and on its linked character style
    (`Heading 1 Char`: Word keeps the two in step), replacing the template's theme."""
    targets = [style]
    link = style.element.find(qn("w:link"))
    if link is not None:
        linked = document.styles.element.get_by_id(link.get(qn("w:val")))
        if linked is not None:
            targets.append(document.styles[linked.name_val])
    for target in targets:
        rpr = target.element.get_or_add_rPr()
        _fonts(rpr)
        target.font.size = size
        _complex_size(rpr, size)
        target.font.color.rgb = BLACK
        if bold is not None:
            target.font.bold = bold


def _complex_size(rpr: Any, size: Any) -> None:
    """The size of complex scripts (Arabic, Hebrew) as the others', after `w:sz`."""
    complex_size = rpr.find(qn("w:szCs"))
    if complex_size is None:
        complex_size = OxmlElement("w:szCs")
        rpr.find(qn("w:sz")).addnext(complex_size)
    complex_size.set(qn("w:val"), str(int(size.pt * 2)))


def _no_theme_fonts(document: Document) -> None:
    """Every style's theme fonts made explicit (the template's table and character styles
    included): Times New Roman is the only font of the document."""
    for fonts in document.styles.element.iter(qn("w:rFonts")):
        if any(name.endswith("Theme") or name.endswith("theme") for name in fonts.attrib):
            _fonts(fonts.getparent())


def _normal(document: Document, tag: str) -> None:
    normal = document.styles["Normal"]
    _text_style(document, normal, BODY_SIZE)
    _language(normal.element.get_or_add_rPr(), tag)
    paragraph = normal.paragraph_format
    paragraph.line_spacing = LINE_SPACING
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.space_before = Pt(0)
    paragraph.space_after = Pt(tokens.word("space-after"))
    paragraph.widow_control = True


def _headings(document: Document) -> None:
    for level, size in HEADINGS.items():
        style = document.styles[f"Heading {level}"]
        _text_style(document, style, size, bold=True)
        style.font.italic = level == 4
        paragraph = style.paragraph_format
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
        before = "space-heading" if level <= 2 else "space-subheading"
        paragraph.space_before = Pt(tokens.word(before))
        paragraph.space_after = Pt(tokens.word("space-after"))
        paragraph.keep_with_next = True
    for name in ("Title", "Subtitle"):
        style = document.styles[name]
        ppr = style.element.pPr
        if ppr is not None and ppr.numPr is not None:
            ppr.remove(ppr.numPr)  # the template's stray list level
        _text_style(document, style, Pt(tokens.word("title")) if name == "Title" else BODY_SIZE)
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT


def _heading_numbering(document: Document) -> None:
    """`1.`, `2.`... before each `Heading 2` (the annexe's items), attached to the style:
    a thesis's own `Heading 2` replaces it on paste, with its own numbering."""
    numbering = document.part.numbering_part.element
    abstract = parse_xml(
        f"<w:abstractNum {nsdecls('w')} w:abstractNumId='{HEADING_NUMBERING_ID}'>"
        "<w:multiLevelType w:val='singleLevel'/>"
        "<w:lvl w:ilvl='0'><w:start w:val='1'/><w:numFmt w:val='decimal'/>"
        "<w:pStyle w:val='Heading2'/><w:suff w:val='space'/><w:lvlText w:val='%1.'/>"
        "<w:lvlJc w:val='left'/><w:pPr><w:ind w:left='0' w:firstLine='0'/></w:pPr></w:lvl>"
        "</w:abstractNum>"
    )
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    num = numbering.add_num(HEADING_NUMBERING_ID)
    ppr = document.styles["Heading 2"].element.get_or_add_pPr()
    ppr.get_or_add_numPr().get_or_add_numId().val = num.numId


def _character_styles(document: Document) -> None:
    styles = document.styles
    link = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    link.base_style = styles["Default Paragraph Font"]
    link.font.color.rgb = LINK
    link.font.underline = WD_UNDERLINE.SINGLE
    link.unhide_when_used = True
    link.priority = 99
    code = styles.add_style(CODE_STYLE, WD_STYLE_TYPE.CHARACTER)
    code.base_style = styles["Default Paragraph Font"]
    _fonts(code.element.get_or_add_rPr(), CODE_FONT)
    code.priority = 99


def _paragraph_styles(document: Document) -> None:
    styles = document.styles
    quote = styles["Quote"]
    quote.paragraph_format.left_indent = Cm(1)
    quote.paragraph_format.right_indent = Cm(1)
    caption = styles["Caption"]
    _text_style(document, caption, Pt(tokens.word("caption")), bold=True)
    caption.paragraph_format.keep_with_next = True
    references = styles.add_style("Bibliography", WD_STYLE_TYPE.PARAGRAPH)
    references.base_style = styles["Normal"]
    references.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    references.paragraph_format.left_indent = Cm(1.27)
    references.paragraph_format.first_line_indent = Cm(-1.27)
    references.unhide_when_used = True
    references.priority = 37
    table_text = styles.add_style(TABLE_TEXT, WD_STYLE_TYPE.PARAGRAPH)
    table_text.base_style = styles["Normal"]
    table_text.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    table_text.paragraph_format.line_spacing = 1.0
    table_text.paragraph_format.space_after = Pt(tokens.word("space-table"))
    table_text.font.size = TABLE_SIZE
    _complex_size(table_text.element.get_or_add_rPr(), TABLE_SIZE)


def _page(document: Document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = A4
    for side in ("top", "bottom", "left", "right"):
        setattr(section, f"{side}_margin", MARGIN)
    section.header_distance = section.footer_distance = Cm(1.25)


def add_footer(document: Document, text: str) -> None:
    """`text — <page number>` centred in the footer; the number is a `PAGE` field."""
    from profile_gen.office.docx.inline import add_text

    footer = document.sections[0].footer
    paragraph = footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_text(paragraph, f"{text} — ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), " PAGE ")
    run = OxmlElement("w:r")
    number = OxmlElement("w:t")
    number.text = "1"
    run.append(number)
    field.append(run)
    paragraph._p.append(field)


def setup(document: Document, lang: str) -> None:
    """Page and styles of a thesis annexe written in `lang`."""
    tag = language_tag(lang)
    _document_defaults(document, tag)
    _normal(document, tag)
    _headings(document)
    _heading_numbering(document)
    _character_styles(document)
    _paragraph_styles(document)
    _no_theme_fonts(document)
    _page(document)
