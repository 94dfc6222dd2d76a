"""The presentation: one 16:9 slide per slide of the plan, speaker notes in the notes
pane, document properties, and a file that is the same byte for byte at every build."""

from __future__ import annotations

import datetime
import io
import re
import zipfile

from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.util import Pt

from profile_gen import typography
from profile_gen.designs import Design
from profile_gen.office.pptx import shapes
from profile_gen.office.pptx.layout import DeckContext, PhotoImage
from profile_gen.office.pptx.slides import DRAW
from profile_gen.profile import colors
from profile_gen.profile.model import Profile
from profile_gen.text import bidi_closed
from profile_gen.views.deck import DeckView, SlideView
from profile_gen.views.deck_fit import SCALES
from profile_gen.views.measure import family
from profile_gen.views.text import clean, plain

LAYOUT = "Title Only"
"""Every slide uses the default template's "Title Only" layout: its title placeholder
(read by screen readers and the outline, kept when slides are pasted into another deck)
and plain shapes; pasted slides take the other deck's "Title Only" layout."""
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def deck_context(
    profile: Profile,
    deck: DeckView,
    photo: tuple[bytes, tuple[int, int]] | None = None,
    design: Design | None = None,
) -> DeckContext:
    """What the slides of `deck` (the deck's view in one language) show, with the photo
    (`photo`: JPEG bytes and pixel size, given only when the deck shows the photo), in the
    `design`'s colours and title treatment (the person's colour first)."""
    accent = profile.identity.color or (design and design.token("color", "accent"))
    picture = None
    if photo and deck.photo_alt is not None:
        picture = PhotoImage(photo[0], photo[1], deck.photo_alt)
    return DeckContext(
        profile=profile,
        lang=deck.lang,
        accent=str(accent or colors.DEFAULT).lstrip("#").lower(),
        title=design.slide_title if design else "rule",
        square_photo=bool(design and design.slide_photo == "square"),
        soft=_color(design, "soft", ""),
        ink=_color(design, "ink", shapes.INK),
        muted=_color(design, "ink-muted", shapes.MUTED),
        paper=_color(design, "surface", shapes.PAPER),
        font=deck.font,
        photo=picture,
        qr_codes=deck.qr_codes,
        contact=deck.contact,
        deck=deck,
    )


def _color(design: Design | None, name: str, default: str) -> str:
    """The design's colour `name` (`[color]`) as the office formats write it, else `default`."""
    found = design.token("color", name) if design else None
    return str(found).lstrip("#").upper() if found else default


def _widen_template(presentation) -> None:
    """16:9, and the template's own placeholders stretched to it (its layouts are 4:3), so a
    slide added in PowerPoint from these layouts fills the width too."""
    factor = shapes.WIDTH / (presentation.slide_width / Pt(1))
    presentation.slide_width, presentation.slide_height = Pt(shapes.WIDTH), Pt(shapes.HEIGHT)
    for owner in (presentation.slide_master, *presentation.slide_layouts):
        # the XML itself: python-pptx would resolve each placeholder's inherited position
        for offset in owner.element.iter(qn("a:off")):
            offset.set("x", str(round(int(offset.get("x")) * factor)))
        for extent in owner.element.iter(qn("a:ext")):
            if extent.get("cx") is not None:
                extent.set("cx", str(round(int(extent.get("cx")) * factor)))


def _drop_thumbnail(presentation) -> None:
    """The template's thumbnail shows a blank 4:3 slide: not this deck."""
    relationships = presentation.part.package._rels  # python-pptx has no public API for it
    for key, relationship in list(relationships.items()):
        if relationship.reltype == RT.THUMBNAIL:
            relationships.pop(key)


def _theme(presentation, accent: str, font: str = "") -> None:
    """Links in the person's colour: the theme's hyperlink colours (the template's blue and
    purple would stand out on the closing slide); the deck's font as the theme's, so a box
    a student adds in PowerPoint is set in it too."""
    theme = presentation.slide_master.part.part_related_by(RT.THEME)
    xml = theme.blob.decode("utf-8")
    for name in ("hlink", "folHlink"):
        pattern = rf'<a:{name}><a:srgbClr val="[0-9A-Fa-f]{{6}}"/></a:{name}>'
        xml = re.sub(pattern, f'<a:{name}><a:srgbClr val="{accent.upper()}"/></a:{name}>', xml)
    for name in ("majorFont", "minorFont"):
        latin = (
            f'<a:latin typeface="{family(font)}" pitchFamily="{shapes.PITCH_FAMILY}" charset="0"/>'
        )
        xml = re.sub(rf"<a:{name}><a:latin [^>]*/>", f"<a:{name}>{latin}", xml)
    theme._blob = xml.encode("utf-8")  # a plain part: python-pptx keeps its bytes


def _properties(presentation, ctx: DeckContext, date: datetime.datetime | None) -> None:
    properties = presentation.core_properties
    name = ctx.profile.identity.name
    properties.title = f"{name} — {ctx.say('deck.title')}"
    properties.author = name
    properties.last_modified_by = name
    properties.subject = ctx.say("deck.context")
    properties.language = ctx.language_tag
    properties.keywords = ""
    properties.comments = ""
    properties.revision = 1
    when = (date or datetime.datetime.fromtimestamp(0, datetime.UTC)).astimezone(datetime.UTC)
    when = when.replace(tzinfo=None)
    properties.created = properties.modified = when
    properties.last_printed = when


def speaker_notes(slide: SlideView) -> str:
    """The notes of a slide as plain text, one paragraph per line."""
    return plain(clean(slide.notes_text)) if slide.notes_text else ""


def _typeset(presentation, lang: str) -> None:
    """Every text of the slides and their notes in the typography of `lang`:
    `profile_gen.typography`, the rules of every output. Addresses are left as written (a
    zero-width space as a break point would be copied with them; PowerPoint breaks a word
    wider than its box at the box's edge, as `views.measure` counts it)."""
    for slide in presentation.slides:
        parts = [slide.part] + ([slide.notes_slide.part] if slide.has_notes_slide else [])
        for part in parts:
            for element in part._element.iter(qn("a:t")):
                element.text = bidi_closed(typography.typeset(element.text or "", lang))


def _stable_zip(data: bytes) -> bytes:
    """The same entries with fixed dates: the same input gives the same file."""
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(output, "w") as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, source.read(info.filename))
    return output.getvalue()


def build(deck: DeckView, ctx: DeckContext) -> bytes:
    """The .pptx of `deck` (the deck's view in one language: its slides, their headings,
    numbers and type scales, the QR codes), dated as the deck says (the build's
    `document_date`, as the PDFs and the Word annexe)."""
    presentation = Presentation()
    _widen_template(presentation)
    _drop_thumbnail(presentation)
    _theme(presentation, ctx.accent, ctx.font)
    layout = presentation.slide_layouts.get_by_name(LAYOUT)
    for planned in deck.slides:
        slide = presentation.slides.add_slide(layout)
        ctx.scale = SCALES[planned.fit.level - 1]  # the HTML deck's fit-N
        if ctx.title != "band":  # a band is drawn under the heading, where there is one
            shapes.rule(slide, ctx.accent, thin=ctx.title == "bar")
        DRAW[planned.type](slide, ctx, planned)
        name = ctx.typeset(deck.name)
        shapes.footer(
            slide, name, planned.number, deck.total, ctx.language_tag, ctx.muted, ctx.font
        )
        notes = speaker_notes(planned)
        if notes:
            frame = slide.notes_slide.notes_text_frame
            frame.text = notes
            for paragraph in frame.paragraphs:  # spelling checked in the slides' language
                for run in paragraph.runs:
                    run.font._rPr.set("lang", ctx.language_tag)
    _typeset(presentation, ctx.lang)
    _properties(presentation, ctx, deck.date)
    data = io.BytesIO()
    presentation.save(data)
    return _stable_zip(data.getvalue())
