"""The decks' runs and paragraph spacing, written as XML at once (`office.pptx.shapes`):
the same XML as python-pptx's own font and paragraph properties write."""

from __future__ import annotations

import pytest
from lxml import etree
from pptx import Presentation
from pptx.enum.text import PP_ALIGN
from pptx.util import Pt

from profile_gen.office.pptx import shapes
from profile_gen.views.measure import Para

ALIGN = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}


def _frames():
    slide = Presentation().slides.add_slide(Presentation().slide_layouts[6])
    box = slide.shapes.add_textbox(0, 0, Pt(100), Pt(50))
    other = slide.shapes.add_textbox(0, 0, Pt(100), Pt(50))
    return box.text_frame, other.text_frame


def _by_api(paragraph, para: Para, text: str, size: float, lang: str, bold: bool, color):
    """A run as python-pptx's API writes it (what `shapes._run` replaces)."""
    run = paragraph.add_run()
    run.text = text
    font = run.font
    font.size = Pt(size)
    font.bold = bold
    font.italic = para.italic
    if color:
        font.color.rgb = shapes.rgb(color)
    font._rPr.set("lang", lang)
    shapes._typeface(font._rPr, para.font)


PARAS = [
    Para("Plain", 20.0),
    Para("Bold italic ink", 27.3, bold=True, italic=True, color="#14213d", align="center"),
    Para("A bell \x07 and a tab\tkept", 15.75, color="1F4E8C", align="right", space_before=6.5),
    Para("Design's font", 24.0, font="Inter", line=1.12),
]


@pytest.mark.parametrize("para", PARAS, ids=lambda para: para.text[:12])
@pytest.mark.parametrize("closed", [False, True], ids=["open", "with end properties"])
def test_a_run_is_what_python_pptx_writes(para, closed):
    ours, theirs = _frames()
    for frame in (ours, theirs):
        if closed:  # a paragraph ending with its end properties keeps them last
            frame.paragraphs[0]._p.get_or_add_endParaRPr().set("lang", "fr-FR")
    shapes._run(ours.paragraphs[0], para, para.text, para.size, "fr-FR", para.bold, para.color)
    _by_api(theirs.paragraphs[0], para, para.text, para.size, "fr-FR", para.bold, para.color)
    assert etree.tostring(ours._txBody) == etree.tostring(theirs._txBody)


@pytest.mark.parametrize("para", PARAS, ids=lambda para: para.text[:12])
def test_a_paragraph_spacing_is_what_python_pptx_writes(para):
    ours, theirs = _frames()
    shapes._spacing(ours.paragraphs[0], para)
    paragraph = theirs.paragraphs[0]
    paragraph.alignment = ALIGN[para.align]
    paragraph.space_before = Pt(para.space_before)
    paragraph.line_spacing = Pt(para.size * para.line)
    assert etree.tostring(ours._txBody) == etree.tostring(theirs._txBody)
