"""The pieces of a slide, in points on a 960 × 540 pt canvas (13.333 × 7.5 in): text
boxes written from measured paragraphs, the title bar, the footer, cards, number badges,
pictures. Every shape gets a name (PowerPoint's selection pane shows it) and every picture
a description (alternative text)."""

from __future__ import annotations

import io
from dataclasses import dataclass

from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE, MSO_SHAPE_TYPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import OxmlElement
from pptx.util import Pt

from profile_gen.views.measure import BULLET_INDENT, FONT, Para, fit

WIDTH, HEIGHT = 960.0, 540.0
MARGIN = 54.0
INK = "14213d"
MUTED = "44506a"
WARN = "b3261e"
INSET_X, INSET_Y = 7.2, 3.6
"""PowerPoint's default text insets (0.1 in, 0.05 in), written explicitly."""
CARD_ROUNDING = 0.05
"""Corner radius of the cards, as a share of their shorter side."""
INNER = 1 - 2**-0.5
"""Share of a rounded corner's radius kept free of text (its inner rectangle)."""
ALIGN = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}
ANCHOR = {"top": MSO_ANCHOR.TOP, "middle": MSO_ANCHOR.MIDDLE, "bottom": MSO_ANCHOR.BOTTOM}


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    def inner(self, inset_x: float = INSET_X, inset_y: float = INSET_Y) -> tuple[float, float]:
        """Width and height left for text inside the insets."""
        return self.w - 2 * inset_x, self.h - 2 * inset_y


def rgb(color: str) -> RGBColor:
    return RGBColor.from_string(color.lstrip("#").upper())


def tint(color: str, share: float) -> str:
    """`color` mixed with white (`share` 1 = white), as `rrggbb`."""
    channels = (int(color.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    return "".join(f"{round(c + (255 - c) * share):02x}" for c in channels)


def _child(parent, tag: str):
    child = OxmlElement(tag)
    parent.append(child)
    return child


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
    if para.color:
        fill = _child(properties, "a:solidFill")
        _child(fill, "a:srgbClr").set("val", para.color.upper())
    _child(properties, "a:latin").set("typeface", FONT)
    _child(field, "a:t").text = para.text


def _bullet(paragraph) -> None:
    properties = paragraph._p.get_or_add_pPr()
    properties.set("marL", str(Pt(BULLET_INDENT)))
    properties.set("indent", str(-Pt(BULLET_INDENT)))
    _child(properties, "a:buFont").set("typeface", FONT)
    _child(properties, "a:buChar").set("char", "•")


def write_paragraphs(frame, paras: list[Para], lang: str, anchor: str = "top") -> None:
    """Fill `frame` with `paras`: explicit font, size, colour and language on every run."""
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = ANCHOR[anchor]
    frame.margin_left = frame.margin_right = Pt(INSET_X)
    frame.margin_top = frame.margin_bottom = Pt(INSET_Y)
    for index, para in enumerate(paras):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.alignment = ALIGN[para.align]
        paragraph.space_before = Pt(para.space_before)
        if para.bullet:
            _bullet(paragraph)
        if para.field == "slidenum":
            _slide_number_field(paragraph, para, lang, int(para.text))
            continue
        run = paragraph.add_run()
        run.text = para.text
        font = run.font
        font.name = FONT
        font.size = Pt(para.size)
        font.bold = para.bold
        font.italic = para.italic
        if para.color:
            font.color.rgb = rgb(para.color)
        font._rPr.set("lang", lang)
        if para.link:
            run.hyperlink.address = para.link


def text_box(slide, name: str, box: Box, paras: list[Para], lang: str, anchor: str = "top"):
    """A plain text box holding `paras`, fitted to it (sizes, then cuts)."""
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


def card_inset(box: Box) -> float:
    """`geometry_inset` of a card drawn in `box`."""
    return CARD_ROUNDING * min(box.w, box.h) * INNER


def card(slide, name: str, box: Box, paras: list[Para], color: str, lang: str, inset=14.4):
    """A rounded card holding its text (one shape: it moves and copies as one)."""
    shape = rectangle(slide, name, box, color, MSO_SHAPE.ROUNDED_RECTANGLE)
    shape.adjustments[0] = CARD_ROUNDING
    frame = shape.text_frame
    fitted = fit(paras, *box.inner(inset + card_inset(box), inset + card_inset(box)))
    write_paragraphs(frame, fitted, lang)
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = Pt(inset)
    return shape


def badge(slide, name: str, box: Box, number: int, color: str, lang: str):
    """A round number in the person's colour, white figures."""
    shape = rectangle(slide, name, box, color, MSO_SHAPE.OVAL)
    para = Para(str(number), 20, bold=True, color="ffffff", align="center", minimum=18)
    write_paragraphs(shape.text_frame, [para], lang, "middle")
    frame = shape.text_frame
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
    return shape


def title(slide, text: str, accent: str, lang: str, box: Box | None = None, bar: bool = True):
    """The slide's title placeholder (screen readers and the outline read it): a bar in
    the person's colour with white type, or large type in that colour (`bar=False`)."""
    shape = slide.shapes.title
    box = box or Box(0, 0, WIDTH, 84)
    shape.left, shape.top, shape.width, shape.height = (Pt(v) for v in (box.x, box.y, box.w, box.h))
    shape.name = "Title"
    inset_x = MARGIN if bar else INSET_X
    size, minimum = (36, 32) if bar else (54, 32)
    para = Para(text, size, bold=True, color="ffffff" if bar else accent, minimum=minimum, cut=True)
    fitted = fit([para], *box.inner(inset_x, INSET_Y))
    write_paragraphs(shape.text_frame, fitted, lang, "middle" if bar else "bottom")
    shape.text_frame.margin_left = shape.text_frame.margin_right = Pt(inset_x)
    if bar:
        shape.fill.solid()
        shape.fill.fore_color.rgb = rgb(accent)
    return shape


def footer(slide, name: str, number: int, lang: str) -> None:
    """The person's name and the slide number, at the foot of every slide."""
    y, h = HEIGHT - 38, 34
    text_box(
        slide,
        "Footer",
        Box(MARGIN - INSET_X, y, 640, h),
        [Para(name, 18, color=MUTED, cut=True)],
        lang,
    )
    number_para = Para(str(number), 18, color=MUTED, align="right", field="slidenum")
    shape = slide.shapes.add_textbox(Pt(WIDTH - MARGIN - 120 + INSET_X), Pt(y), Pt(120), Pt(h))
    shape.name = "Slide number"
    write_paragraphs(shape.text_frame, [number_para], lang)


def picture(slide, name: str, box: Box, blob: bytes, description: str, link: str | None = None):
    shape = slide.shapes.add_picture(io.BytesIO(blob), Pt(box.x), Pt(box.y), Pt(box.w), Pt(box.h))
    shape.name = name
    shape._element.nvPicPr.cNvPr.set("descr", description)
    if link:
        shape.click_action.hyperlink.address = link
    return shape


def photo(slide, box: Box, blob: bytes, size: tuple[int, int], description: str):
    """The portrait in a round frame of `box`: cropped, never stretched (the whole picture
    stays in the file, PowerPoint's crop tool can move it)."""
    shape = picture(slide, "Photo", box, blob, description)
    width, height = size
    frame, image = box.w / box.h, width / height
    if image > frame:  # wider than the frame: the sides go
        side = (1 - frame / image) / 2
        shape.crop_left = shape.crop_right = side
    elif image < frame:  # taller: mostly the bottom goes (faces are near the top)
        cut = 1 - image / frame
        shape.crop_top, shape.crop_bottom = cut * 0.25, cut * 0.75
    shape.auto_shape_type = MSO_SHAPE.OVAL
    return shape
