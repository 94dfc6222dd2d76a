"""The pieces of a slide, in points on a 960 × 540 pt canvas (13.333 × 7.5 in), drawn as the
HTML deck draws them on its 1280 × 720 canvas (`u(n)`: n canvas units in points): text
boxes written from measured paragraphs, the accent rule and the heading, the footer with
"n / N", cards, number badges, pictures. Colours, the font and the type sizes are the design
tokens' (`profile_gen/tokens.toml`). Every shape gets a name (PowerPoint's selection pane
shows it) and every picture a description (alternative text)."""

from __future__ import annotations

import io
from dataclasses import dataclass

from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE, MSO_SHAPE_TYPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE
from pptx.oxml.ns import qn
from pptx.oxml.text import CT_RegularTextRun
from pptx.oxml.xmlchemy import OxmlElement
from pptx.util import Pt

from profile_gen import tokens
from profile_gen.views.deck_fit import FLOOR
from profile_gen.views.measure import BULLET_INDENT, FALLBACK_LINE, FONT, Para, family, fit, height

UNIT = 0.75
"""Points per canvas unit: the HTML deck's 1280 × 720 canvas on the 960 × 540 pt slide."""


def u(units: float) -> float:
    """`units` of the HTML deck's canvas, in points."""
    return units * UNIT


WIDTH, HEIGHT = u(1280), u(720)
MARGIN = u(72)
"""The slide body's side padding."""
INK = tokens.hex6("ink")
MUTED = tokens.hex6("ink-muted")
SOFT = tokens.hex6("soft")
PAPER = tokens.hex6("surface")
ON_ACCENT = tokens.hex6("accent-text")
PITCH_FAMILY = "34"
"""A proportional sans-serif (swiss): where the font is missing, PowerPoint takes the like
of Arial, whose advance widths are within 1 % of it."""
CARD_ROUNDING = u(14)
"""Corner radius of the cards, in points (the HTML cards' 14 units)."""
INNER = 1 - 2**-0.5
"""Share of a rounded corner's radius kept free of text (its inner rectangle)."""
ALIGN_XML = {"left": "l", "center": "ctr", "right": "r"}
"""A paragraph's alignment as the XML writes it (`PP_ALIGN`'s)."""
ANCHOR = {"top": MSO_ANCHOR.TOP, "middle": MSO_ANCHOR.MIDDLE, "bottom": MSO_ANCHOR.BOTTOM}


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    def inner(self, inset_x: float = 0.0, inset_y: float = 0.0) -> tuple[float, float]:
        """Width and height left for text inside the insets."""
        return self.w - 2 * inset_x, self.h - 2 * inset_y


def rgb(color: str) -> RGBColor:
    return RGBColor.from_string(color.lstrip("#").upper())


def _child(parent, tag: str):
    child = OxmlElement(tag)
    parent.append(child)
    return child


def _typeface(properties, font: str = "") -> None:
    """The deck's font (`font`: the design's, `measure.family`), with the family PowerPoint
    substitutes when it is missing."""
    latin = properties.find(qn("a:latin"))
    if latin is None:
        latin = _child(properties, "a:latin")
    latin.set("typeface", family(font) if font else FONT)
    latin.set("pitchFamily", PITCH_FAMILY)
    latin.set("charset", "0")


def _slide_number_field(paragraph, para: Para, lang: str, number: int) -> None:
    """A `slidenum` field: PowerPoint renumbers it when the slide moves to another deck."""
    field = OxmlElement("a:fld")
    end = paragraph._p.find(qn("a:endParaRPr"))
    if end is None:
        paragraph._p.append(field)
    else:  # the paragraph's last child stays last
        end.addprevious(field)
    field.set("id", f"{{5C1B7E20-0000-4000-8000-{number:012d}}}")
    field.set("type", "slidenum")
    properties = _child(field, "a:rPr")
    properties.set("lang", lang)
    properties.set("sz", str(round(para.size * 100)))
    properties.set("b", "1" if para.bold else "0")
    if para.color:
        fill = _child(properties, "a:solidFill")
        _child(fill, "a:srgbClr").set("val", para.color.upper())
    _typeface(properties, para.font)
    _child(field, "a:t").text = para.text


def _bullet(paragraph, font: str) -> None:
    properties = paragraph._p.get_or_add_pPr()
    properties.set("marL", str(Pt(BULLET_INDENT)))
    properties.set("indent", str(-Pt(BULLET_INDENT)))
    bullet_font = _child(properties, "a:buFont")
    bullet_font.set("typeface", family(font) if font else FONT)
    bullet_font.set("pitchFamily", PITCH_FAMILY)
    _child(properties, "a:buChar").set("char", "•")


def _points(value: float) -> str:
    """`value` points as the text's XML writes them: hundredths of a point (python-pptx's
    `Length.centipoints`)."""
    return str(Pt(value).centipoints)


def _run(paragraph, para: Para, text: str, size: float, lang: str, bold: bool, color) -> None:
    """A run of `text` (`a:r`) at the end of `paragraph`, written as python-pptx writes a
    run whose font's size, bold, italic and colour are set, but at once (its properties
    look each element up in the schema's order: a fifth of the deck's time)."""
    run = OxmlElement("a:r")
    properties = _child(run, "a:rPr")
    properties.set("sz", _points(size))
    properties.set("b", "1" if bold else "0")
    properties.set("i", "1" if para.italic else "0")
    properties.set("lang", lang)
    if color:
        _child(_child(properties, "a:solidFill"), "a:srgbClr").set("val", str(rgb(color)))
    _typeface(properties, para.font)
    _child(run, "a:t").text = CT_RegularTextRun._escape_ctrl_chars(text)
    end = paragraph._p.find(qn("a:endParaRPr"))
    if end is None:
        paragraph._p.append(run)
    else:  # the paragraph's last child stays last
        end.addprevious(run)


def _spacing(paragraph, para: Para) -> None:
    """The paragraph's alignment, line spacing and space before, as python-pptx writes them."""
    properties = paragraph._p.get_or_add_pPr()
    properties.set("algn", ALIGN_XML[para.align])
    for tag, value in (("a:lnSpc", para.size * para.line), ("a:spcBef", para.space_before)):
        _child(_child(properties, tag), "a:spcPts").set("val", _points(value))


def write_paragraphs(frame, paras: list[Para], lang: str, anchor: str = "top") -> None:
    """Fill `frame` with `paras`: explicit font, size, colour, language and line spacing
    on every paragraph and run; no insets (the box is the text's room)."""
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE  # LibreOffice without the font: shrink
    frame.vertical_anchor = ANCHOR[anchor]
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
    for index, para in enumerate(paras):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        _spacing(paragraph, para)
        if para.bullet:
            _bullet(paragraph, para.font)
        if para.field == "slidenum":
            _slide_number_field(paragraph, para, lang, int(para.text))
        else:
            _run(paragraph, para, para.text, para.size, lang, para.bold, para.color)
            if para.link:
                paragraph.runs[-1].hyperlink.address = para.link
        if para.tail:
            size = para.tail_size or para.size
            color = para.tail_color or para.color
            _run(paragraph, para, para.tail, size, lang, para.tail_bold, color)


def text_box(slide, name: str, box: Box, paras: list[Para], lang: str, anchor: str = "top"):
    """A plain text box holding `paras`, fitted to it (sizes, never cuts)."""
    shape = slide.shapes.add_textbox(Pt(box.x), Pt(box.y), Pt(box.w), Pt(box.h))
    shape.name = name
    write_paragraphs(shape.text_frame, fit(paras, *box.inner()), lang, anchor)
    return shape


def rectangle(slide, name: str, box: Box, color: str, shape_type=MSO_SHAPE.RECTANGLE):
    """A plain shape filled with `color`, no outline, no shadow."""
    shape = slide.shapes.add_shape(shape_type, Pt(box.x), Pt(box.y), Pt(box.w), Pt(box.h))
    shape.name = name
    shape.fill.solid()
    shape.fill.fore_color.rgb = rgb(color)
    shape.line.fill.background()
    # no theme style: its effect (a shadow in LibreOffice) and its white text would apply
    style = shape._element.find(qn("p:style"))
    if style is not None:
        shape._element.remove(style)
    return shape


def geometry_inset(shape) -> tuple[float, float]:
    """Points the shape's geometry keeps free of text on each side, beyond the insets:
    PowerPoint and LibreOffice lay text out in a rounded rectangle's or an ellipse's inner
    rectangle (the preset geometries' text rectangle)."""
    if shape.shape_type != MSO_SHAPE_TYPE.AUTO_SHAPE:
        return 0.0, 0.0
    width, height = shape.width / Pt(1), shape.height / Pt(1)
    if shape.auto_shape_type == MSO_SHAPE.ROUNDED_RECTANGLE:
        radius = shape.adjustments[0] * min(width, height) * INNER
        return radius, radius
    if shape.auto_shape_type == MSO_SHAPE.OVAL:
        return width * 0.14645, height * 0.14645
    return 0.0, 0.0


def card(slide, name: str, box: Box, accent: str, soft: str = "") -> None:
    """The HTML deck's card: a soft panel, rounded, under an accent rule `u(8)` thick (the
    accent panel behind shows at its top). Its texts are text boxes laid over it."""
    for suffix, color, top in ((" rule", accent, 0.0), ("", soft or SOFT, u(8))):
        panel = Box(box.x, box.y + top, box.w, box.h - top)
        shape = rectangle(slide, name + suffix, panel, color, MSO_SHAPE.ROUNDED_RECTANGLE)
        shape.adjustments[0] = CARD_ROUNDING / min(panel.w, panel.h)


def badge(slide, name: str, box: Box, number: int, color: str, lang: str, font: str = ""):
    """A round number in the person's colour, white figures (the HTML deck's `.number`)."""
    shape = rectangle(slide, name, box, color, MSO_SHAPE.OVAL)
    size = u(tokens.deck("body"))
    para = Para(str(number), size, bold=True, color=ON_ACCENT, align="center", font=font)
    write_paragraphs(shape.text_frame, [para], lang, "middle")
    return shape


def rule(slide, accent: str, thin: bool = False) -> None:
    """The accent rule along the top of every slide (`thin`: a third of it)."""
    height = u(tokens.deck("rule")) / (3 if thin else 1)
    rectangle(slide, "Accent rule", Box(0, 0, WIDTH, height), accent)


def behind(shape) -> None:
    """`shape` moved under every other shape of its slide (the title placeholder too)."""
    tree = shape._element.getparent()
    tree.remove(shape._element)
    tree.insert(2, shape._element)  # after the group's own properties


def title(slide, paras: list[Para], lang: str, box: Box, anchor: str = "top"):
    """The slide's title placeholder (screen readers and the outline read it), at `box`."""
    shape = slide.shapes.title
    shape.left, shape.top, shape.width, shape.height = (Pt(v) for v in (box.x, box.y, box.w, box.h))
    shape.name = "Title"
    write_paragraphs(shape.text_frame, fit(paras, *box.inner()), lang, anchor)
    return shape


def footer(
    slide, name: str, number: int, total: int, lang: str, color: str = MUTED, font: str = ""
) -> None:
    """The person's name and "n / N", at the foot of every slide (the HTML deck's)."""
    size = u(tokens.deck("footer"))
    h = size * FALLBACK_LINE  # room for an emoji's taller line
    y = HEIGHT - u(18) - h
    paras = [Para(name, size, color=color, line=1.3, font=font, minimum=u(FLOOR))]
    width = WIDTH - 2 * MARGIN - u(160)
    # a name too long for one line takes two, grown upward to the content's edge (70 above
    # the bottom), set smaller if even two lines are not enough (up to 200 characters)
    grown = h if height(paras, width) <= h else max(h, 2 * size * 1.3)
    text_box(slide, "Footer", Box(MARGIN, y + h - grown, width, grown), paras, lang)
    number_para = Para(
        str(number),
        size,
        bold=True,
        color=color,
        align="right",
        field="slidenum",
        line=1.3,
        tail=f" / {total}",
        tail_bold=True,
        font=font,
    )
    shape = slide.shapes.add_textbox(Pt(WIDTH - MARGIN - u(150)), Pt(y), Pt(u(150)), Pt(h))
    shape.name = "Slide number"
    write_paragraphs(shape.text_frame, [number_para], lang)


def picture(slide, name: str, box: Box, blob: bytes, description: str, link: str | None = None):
    shape = slide.shapes.add_picture(io.BytesIO(blob), Pt(box.x), Pt(box.y), Pt(box.w), Pt(box.h))
    shape.name = name
    shape._element.nvPicPr.cNvPr.set("descr", description)
    if link:
        shape.click_action.hyperlink.address = link
    return shape


def photo(
    slide,
    box: Box,
    blob: bytes,
    size: tuple[int, int],
    description: str,
    accent: str,
    square: bool = False,
):
    """The portrait in a round frame of `box` (`square`: a square one, the design's), ringed
    in the accent colour: cropped, never stretched (the whole picture stays in the file,
    PowerPoint's crop tool can move it)."""
    shape = picture(slide, "Photo", box, blob, description)
    width, height = size
    frame, image = box.w / box.h, width / height
    if image > frame:  # wider than the frame: the sides go
        side = (1 - frame / image) / 2
        shape.crop_left = shape.crop_right = side
    elif image < frame:  # taller: mostly the bottom goes (faces are near the top)
        cut = 1 - image / frame
        shape.crop_top, shape.crop_bottom = cut * 0.25, cut * 0.75
    shape.auto_shape_type = MSO_SHAPE.RECTANGLE if square else MSO_SHAPE.OVAL
    shape.line.color.rgb = rgb(accent)
    shape.line.width = Pt(u(4 if square else 8))
    return shape
