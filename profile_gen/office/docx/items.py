"""The annexe's items after the CV, in the methodology's order, as in the HTML annexe:
one `Heading 2` per item (numbered by the style), `Heading 3` per entry."""

from __future__ import annotations

from collections.abc import Callable

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm
from docx.table import _Cell

from profile_gen.office.docx import chart, inline, pictures
from profile_gen.office.docx.cv import write_cv
from profile_gen.office.docx.writer import Cell, Writer, fill_cell
from profile_gen.views.glyphs import strip_emoji


def _path(w: Writer) -> None:
    for job in w.data.profile.experience:
        w.heading(f"{w.text(job.title)} — {job.organization}", 3)
        contract = w.label(f"contract.{job.contract.value}") if job.contract else ""
        w.meta(" · ".join(part for part in (w.period(job), w.text(job.location), contract) if part))
        w.markdown(job.description)
        w.bullets([[(w.text(line), False)] for line in job.highlights])


def _training(w: Writer) -> None:
    profile = w.data.profile
    for edu in profile.education:
        w.heading(w.text(edu.degree), 3)
        w.meta(f"{edu.institution} · {w.period(edu)}")
        w.markdown(edu.description)
    if profile.certifications:
        w.heading(w.label("section.certifications"), 3)
        lines = []
        for cert in profile.certifications:
            rest = f" — {cert.issuer}, {w.date(cert.date)}{w.expiry(cert)}"
            if cert.credential_id:
                rest += f" ({w.label('credential')} {cert.credential_id})"
            lines.append([(w.text(cert.name), True), (rest, False)])
        w.bullets(lines)


def _languages(w: Writer) -> None:
    rows: list[list[Cell]] = []
    for language in w.data.profile.languages:
        certificate = ""
        if language.certificate:
            certificate = language.certificate.name
            if language.certificate.score:
                certificate += f" {language.certificate.score}"
            if language.certificate.date:
                certificate += f" ({w.date(language.certificate.date)})"
        level = w.label(f"cefr.{language.level.value}")
        rows.append([w.text(language.name), level, certificate])
    if rows:
        headers = [w.label("language"), w.label("level"), w.label("certificate")]
        w.table(headers, rows, [Cm(4.5), Cm(5), Cm(6.5)])


def _qr(key: str) -> Callable[[Writer], None]:
    def write(w: Writer) -> None:
        code = w.data.annexe.qr_codes.get(key)
        if code is None:
            return
        picture = w.paragraph()
        picture.alignment = WD_ALIGN_PARAGRAPH.LEFT
        picture.paragraph_format.keep_with_next = True
        side = pictures.QR_WIDTH
        description = w.label("annexe.qr_for", url=code.data)
        pictures.add_picture(picture, pictures.qr_png(code), side, side, description)
        link = w.paragraph()
        link.alignment = WD_ALIGN_PARAGRAPH.LEFT
        inline.add_link(link, code.data)

    return write


def _achievements(w: Writer) -> None:
    for a in w.data.profile.achievements:
        w.heading(w.text(a.title), 3)
        w.meta(" · ".join(part for part in (a.organization, w.period(a)) if part))
        for key, value in (("achievement.context", a.context), ("achievement.role", a.role)):
            w.markdown(value, lead=[(w.colon_label(key), True), (" ", False)])
        if a.results:
            w.paragraph(
                [(w.colon_label("achievement.results"), True)]
            ).paragraph_format.keep_with_next = True
            w.bullets([[(w.text(result), False)] for result in a.results])


def _summary(w: Writer) -> None:
    w.markdown(w.data.profile.summary)


def _activities(w: Writer) -> None:
    if not w.data.annexe.references:
        return
    w.meta(w.label(f"cite.style.{w.data.annexe.citation_style}"))
    for parts in w.data.annexe.references:
        paragraph = w.paragraph(style="Bibliography")
        for part in parts:
            if part.link:
                inline.add_link(paragraph, part.text, italic=part.italic)
            else:
                inline.add_text(paragraph, part.text, italic=part.italic)


def _skills_recommendations(w: Writer) -> None:
    profile = w.data.profile
    if profile.skills:
        w.heading(w.label("section.skills"), 3)
        w.paragraph([(" · ".join(w.text(skill.name) for skill in profile.skills), False)])
    if profile.recommendations:
        w.heading(w.label("section.recommendations"), 3)
        for rec in profile.recommendations:
            w.markdown(rec.text, style="Quote")
            signature = f"— {rec.author}"
            signature += "".join(
                f", {part}" for part in (w.text(rec.role), rec.organization) if part
            )
            if rec.relationship:
                signature += f" ({w.text(rec.relationship)})"
            w.paragraph([(signature, False)], style="Quote").runs[0].italic = False


def _evidence(w: Writer, ids: list[str]) -> Callable[[_Cell], None]:
    """The achievements evidencing a competency, linked to their Book pages when the
    Book's address is known."""

    def fill(cell: _Cell) -> None:
        paragraph = fill_cell(cell, [])
        book, lang = w.data.book, w.lang
        for number, aid in enumerate(ids):
            achievement = w.data.profile.achievement(aid)
            if achievement is None:
                continue
            if number:
                inline.add_text(paragraph, ", ")
            url = book.absolute(book.path("achievements", lang, aid))
            inline.add_link(paragraph, url, w.text(achievement.title))

    return fill


def _competency_cell(w: Writer, competency) -> Callable[[_Cell], None]:
    def fill(cell: _Cell) -> None:
        fill_cell(cell, [(w.text(competency.display_name()), True)])
        w.markdown(competency.comment, container=cell, style="Table Text")

    return fill


def _self_assessment(w: Writer) -> None:
    competencies = w.data.profile.competencies
    if not competencies.items:
        return
    framework = w.text(competencies.framework) or w.label("framework.rncp")
    w.paragraph([(framework, False)]).paragraph_format.keep_with_next = True
    if w.data.chart is not None and w.data.chart.bars:
        labels = [
            strip_emoji(w.text(competency.display_name()), w.data.covered)
            for competency in competencies.items
        ]
        data, ratio = chart.chart_png(w.data.chart, labels, w.data.font)
        figure = w.paragraph()
        figure.alignment = WD_ALIGN_PARAGRAPH.CENTER
        figure.paragraph_format.keep_with_next = True
        width = chart.WIDTH
        pictures.add_picture(figure, data, width, round(width * ratio), w.label("chart.title"))
        w.paragraph([(w.label("chart.legend"), False)], style="Caption")
    w.paragraph([(w.label("chart.table"), False)], style="Caption")
    scale = {step.level: w.text(step.label) for step in competencies.scale}
    rows: list[list[Cell]] = []
    for competency in competencies.items:
        target = competency.target
        improvements = w.data.improvements.get(competency.id, [])
        rows.append(
            [
                _competency_cell(w, competency),
                f"{competency.level} — {scale.get(competency.level, '')}",
                f"{target} — {scale.get(target, '')}" if target is not None else "",
                _evidence(w, competency.evidence),
                ", ".join(w.text(item.title) for item in improvements),
            ]
        )
    headers = [
        w.label(key)
        for key in ("competency", "level", "target_level", "evidence", "improvements_served")
    ]
    w.table(headers, rows, [Cm(3.8), Cm(2.3), Cm(2.3), Cm(4.4), Cm(3.2)])


ITEMS: dict[str, Callable[[Writer], None]] = {
    "cv": write_cv,
    "path": _path,
    "training": _training,
    "languages": _languages,
    "book_qr": _qr("book_qr"),
    "linkedin_qr": _qr("linkedin_qr"),
    "achievements": _achievements,
    "summary": _summary,
    "activities": _activities,
    "skills_recommendations": _skills_recommendations,
    "self_assessment": _self_assessment,
}
"""The writer of each annexe item (keys: `profile_gen.profile.readiness.ANNEXE_ITEMS`)."""


def write_annexe(w: Writer) -> None:
    """The title, then every item in the methodology's order."""
    name = w.data.profile.identity.name
    w.heading(f"{name} — {w.label('annexe.title')}", 1)
    w.paragraph([(w.label("annexe.subtitle"), False)], style="Subtitle")
    for item in w.data.annexe.items:  # what an item lacks: said by the HTML preview and
        w.heading(item.heading, 2)  # `check`, never printed (as the PDF: a thesis's page)
        ITEMS[item.key](w)
