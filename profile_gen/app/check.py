"""`profile-gen check`: what one profile still lacks, as the report the command prints.

The readiness itself is data (`profile_gen.profile.readiness`); this module adds what needs the
project (the printed CV's length, the citation settings) and writes the report's lines in
the profile's language.
"""

from __future__ import annotations

import datetime
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from profile_gen import i18n
from profile_gen.app.build import project_settings, quiet_pelican, run_pelican
from profile_gen.app.photo import PRINT_SIDE, describe, exposing, small_photo
from profile_gen.app.privacy import (
    exposed,
    phone_like_texts,
    private_online,
    unignored_private,
)
from profile_gen.app.project import SETTINGS_FILE
from profile_gen.book.article_meta import READ_SUFFIXES, article_problems
from profile_gen.book.settings import THEME
from profile_gen.errors import BuildError
from profile_gen.keys import profile_path as settings_profile
from profile_gen.media import cache_folder
from profile_gen.media.folder import ARTICLE_LIMIT, walk
from profile_gen.printing.pdf import PdfUnavailable, printed_pages
from profile_gen.profile.loader import load
from profile_gen.profile.model import Profile
from profile_gen.profile.readiness import Readiness, assess
from profile_gen.views import citations, glyphs
from profile_gen.views.book import deck_slug
from profile_gen.views.deck_fit import Note, deck_notes
from profile_gen.views.measure import deck_font
from profile_gen.views.text import expired, format_date, text_images

DEFAULT_THEME = Path(THEME)
"""The package's theme: its print font is checked when no settings name another."""
MAX_LISTED = 15
"""Missing translations listed per language; more are summed up as « … »."""


@dataclass(frozen=True)
class ProjectFindings:
    """What the project's settings and files say about this profile (None: no settings)."""

    cv_pages: int | None = None
    harvard_without_date: bool = False
    exposed: tuple[str, ...] = ()
    """Contact items for paper only, written in a profile that may be public."""
    private_file: str = ""
    """The private file, when git would take it into the repository."""
    private_online: tuple[str, ...] = ()
    """Contact items of the private file that the profile shows on the Book all the same."""
    phone_like: tuple[str, ...] = ()
    """The profile's texts that hold what looks like a phone number."""
    articles: tuple[BuildError, ...] = ()
    """What would make the build skip an article (checked with or without settings)."""
    articles_folder: str = "articles/"
    """The profile's own article folder, as the hints name it."""
    unprintable: tuple[glyphs.Missing, ...] = ()
    design_font: tuple[str, tuple[glyphs.Missing, ...]] | None = None
    """A built-in design's text face and the profile's characters it cannot draw (shown in
    another font): `Ł`, `ř`, `ễ` in a design whose font has Western European letters only."""
    """Characters of the profile the print font cannot draw."""
    photo_metadata: tuple[tuple[Path, list[str]], ...] = ()
    """Source images that tell where they were taken or which camera took them."""
    small_photo: tuple[int, int] | None = None
    """(width, height) of the profile's photo when too small to print sharp."""
    text_images: tuple[tuple[str, str], ...] = ()
    """(field, address) of the pictures in the profile's texts, shown as their description."""
    deck_fit: tuple[tuple[str, Note], ...] = ()
    """(language, text) of the deck's texts that forced a smaller type or a split."""


def check(
    profile_path: Path, settings_file: Path | None, lang: str | None = None
) -> tuple[str, bool, tuple[BuildError, ...]]:
    """The report on the profile at `profile_path`, whether it is ready, and what would stop
    its build (an article the build refuses: `check` then fails as the build would)."""
    profile = load(profile_path, lang=lang)
    lang = lang or profile.primary_language
    articles = article_count(profile_path)
    findings = project_findings(profile, profile_path, settings_file, articles)
    # an article the build cannot read is no article of the Book's (nor of its annexe item)
    refused = {str(error.context.get("file")) for error in findings.articles}
    report = assess(profile, article_count(profile_path, refused))
    findings = replace(
        findings,
        exposed=tuple(exposed(profile, profile_path)),
        private_file=str(unignored_private(profile_path) or ""),
        private_online=tuple(private_online(profile, profile_path)),
        phone_like=tuple(phone_like_texts(profile)),
        photo_metadata=tuple(exposing(profile, profile_path)),
        small_photo=small_photo(profile, profile_path.parent),
        text_images=tuple(text_images(profile)),
        deck_fit=tuple(deck_notes(profile, deck_font(profile.design, profile_path.parent)))
        if profile.defence.slides
        else (),
    )
    settings_name = str(settings_file or SETTINGS_FILE)
    lines = report_lines(profile, report, findings, lang, str(profile_path), settings_name)
    ready = report.ready and not findings.articles and not findings.text_images
    for error in findings.articles:  # raised by the command: in the report's language
        error.lang = lang
    return "\n".join(lines), ready, findings.articles


def article_count(profile_path: Path, refused: set[str] | frozenset[str] = frozenset()) -> int:
    """The Markdown articles beside the profile, but those `refused` (named as the build's
    messages name them, from the profile's folder: `articles/kyc.md`)."""
    articles = profile_path.parent / "articles"
    if not articles.is_dir():
        return 0
    return len({f"articles/{path.name}" for path in articles.glob("*.md")} - set(refused))


def project_findings(
    profile: Profile, profile_path: Path, settings_file: Path | None, articles: int
) -> ProjectFindings:
    # a file the build refuses to open stops `check` as it stops `build` (exit 2), the
    # same refusal: the articles' folder through the build's own gate
    walk(profile_path.parent, ("articles",), READ_SUFFIXES, ARTICLE_LIMIT)
    problems = tuple(article_problems(profile_path.parent))
    folder = str(profile_path.parent / "articles") + os.sep
    settings = _settings_for(settings_file, profile_path)
    theme = Path(settings["THEME"]) if settings else DEFAULT_THEME
    unprintable = tuple(glyphs.unprintable(profile, glyphs.font_coverage(theme / "static/fonts")))
    design_font = _design_font_lacks(profile)
    if settings is None:
        return ProjectFindings(
            articles=problems,
            articles_folder=folder,
            unprintable=unprintable,
            design_font=design_font,
        )
    style, accessed = citations.from_settings(settings)  # a bad setting is a named error
    cited_online = any(activity.url for activity in profile.activities) or articles > 0
    return ProjectFindings(
        # the CV is printed by a build, which a bad article stops: count its pages after
        cv_pages=None if problems else _cv_pages(settings_file, profile_path, settings),
        harvard_without_date=style == "harvard" and accessed is None and cited_online,
        articles=problems,
        articles_folder=folder,
        unprintable=unprintable,
        design_font=design_font,
    )


def _design_font_lacks(profile: Profile) -> tuple[str, tuple[glyphs.Missing, ...]] | None:
    """The chosen built-in design's text face, and what of the profile it cannot draw but
    emoji (said apart); None when it draws everything. A student's design is checked by
    the build, which refuses a font that lacks a character."""
    from fontTools.ttLib import TTFont

    from profile_gen import designs

    found = designs.built_in_text_font(profile.design)
    if found is None:
        return None
    family, path = found
    with TTFont(path, lazy=True) as font:
        covered = frozenset(font.getBestCmap() or {}) | frozenset(map(ord, " \u00a0\u202f\n"))
    missing = tuple(m for m in glyphs.unprintable(profile, covered) if not m.emoji)
    return (family, missing) if missing else None


def report_lines(
    profile: Profile,
    report: Readiness,
    findings: ProjectFindings,
    lang: str,
    profile_name: str,
    settings_name: str,
) -> list[str]:
    def say(key: str, **context) -> str:
        return i18n.text(lang, key, **context)

    out = [say("check.valid", file=profile_name)]
    if report.placeholders:
        items = ", ".join(f"{where} (« {value} »)" for where, value in report.placeholders)
        out.append(f"✗ {say('check.placeholders', items=items)}")
    out += ["", say("check.annexe")]
    for item in report.annexe:
        line = f"  {'✓' if item.ok else '✗'} {say('item.' + item.key)}"
        key = (
            "activities_folder" if item.key == "activities" else item.context.get("hint", item.key)
        )
        hint = say(f"check.hint.{key}", articles=findings.articles_folder)
        out.append(line if item.ok else f"{line} — {hint}")
    questions = f"{deck_slug(profile.primary_language)}/questions.html"
    out += ["", say("check.defence"), *_defence_lines(report, say, questions)]
    out += _deck_fit_lines(findings.deck_fit, say)
    if findings.articles:
        out += ["", say("check.articles")]
        out += [f"  ✗ {problem.describe(lang)}" for problem in findings.articles]
    if findings.text_images:
        out += ["", say("check.text_images")]
        for where, src in findings.text_images:
            out.append(f"  ✗ {say('check.text_image', path=where, src=src[:80])}")
    notes = _notes(profile, report, say)
    if notes:
        out += ["", say("check.notes"), *notes]
    if findings.harvard_without_date:
        out += ["", f"⚠ {say('check.harvard_accessed', settings=settings_name)}"]
    today = datetime.datetime.now(datetime.UTC)  # `check` speaks of today, not of a build
    for cert in profile.certifications:
        if expired(cert.expires, today):
            when = format_date(cert.expires, lang)
            name = profile.text(cert.name, lang)
            out += ["", f"⚠ {say('check.cert_expired', name=name, date=when)}"]
    if findings.unprintable:
        out += ["", f"⚠ {say('check.glyphs')}"]
        out += [f"  - {line}" for line in _glyph_lines(findings.unprintable, say)]
    if findings.design_font:
        family, missing = findings.design_font
        out += ["", f"⚠ {say('check.design_glyphs', design=profile.design, family=family)}"]
        out += [f"  - {line}" for line in _glyph_lines(missing, say, "check.design_glyph")]
    out += _book_address_lines(profile, say)
    out += _privacy_lines(findings, say, lang)
    out += _photo_lines(findings, say, lang)
    if findings.cv_pages is not None and findings.cv_pages > 1:
        out += ["", f"⚠ {say('check.cv_overflow', pages=findings.cv_pages)}"]
    return [*out, "", *_verdict_lines(report, findings, say)]


def _verdict_lines(
    report: Readiness, findings: ProjectFindings, say: Callable[..., str]
) -> list[str]:
    """The report's last lines: the items to complete, or "ready"; then the errors the
    build stops on (articles it refuses: exit 2), never counted as items to complete."""
    missing = len(report.missing) + bool(report.placeholders) + len(findings.text_images)
    lines = []
    if missing:
        lines.append(say("check.incomplete", count=missing))
    elif not findings.articles:
        lines.append(say("check.ready"))
    if findings.articles:
        lines.append(say("check.stops", count=len(findings.articles)))
    return lines


GLYPHS_SHOWN = 6
"""Characters named on a field's line; a text in a script the font lacks (a paragraph of
Chinese) would otherwise take a line per character."""


def _glyph_lines(
    unprintable: tuple[glyphs.Missing, ...], say: Callable[..., str], key: str = ""
) -> list[str]:
    """One line per field and kind (emoji or other) of the characters the print font lacks,
    in the profile's order: the first `GLYPHS_SHOWN` named, then how many more."""
    grouped: dict[tuple[str, bool], list[str]] = {}
    for missing in unprintable:
        grouped.setdefault((missing.path, missing.emoji), []).append(missing.described)
    lines = []
    for (path, emoji), chars in grouped.items():
        shown = ", ".join(chars[:GLYPHS_SHOWN])
        if len(chars) > GLYPHS_SHOWN:
            shown += " " + say("check.glyph_more", count=len(chars) - GLYPHS_SHOWN)
        said = key or ("check.glyph_emoji" if emoji else "check.glyph_other")
        lines.append(say(said, path=path, char=shown))
    return lines


SOURCE_HOSTS = {"github.com": "github.io", "gitlab.com": "gitlab.io"}
"""Where a repository's pages are, and where its published site is."""


def _book_address_lines(profile: Profile, say) -> list[str]:
    """`links.book` naming the repository (`github.com/NAME/REPO`), not the published Book:
    the annexes' QR codes and every canonical address would lead to the sources."""
    from urllib.parse import urlsplit

    book = profile.links.book
    address = urlsplit(str(book or ""))
    host = (address.hostname or "").removeprefix("www.")
    if host not in SOURCE_HOSTS:
        return []
    user, repo = [*filter(None, address.path.split("/")), "NAME", "REPO"][:2]
    suggested = f"https://{user.lower()}.{SOURCE_HOSTS[host]}/{repo}/"
    return ["", f"⚠ {say('check.book_is_repository', url=str(book), suggested=suggested)}"]


def _privacy_lines(findings: ProjectFindings, say, lang: str) -> list[str]:
    """Contact details a `git add -A` would send to the repository: written in the profile,
    or the private file itself not ignored."""
    out = []
    if findings.exposed:
        items = ", ".join(i18n.label(lang, f"contact.{name}") for name in findings.exposed)
        out += ["", f"⚠ {say('check.private_exposed', items=items)}"]
    if findings.private_file:
        out += ["", f"⚠ {say('check.private_file_unignored', path=findings.private_file)}"]
    if findings.phone_like:
        fields = ", ".join(findings.phone_like[:5])
        out += ["", f"⚠ {say('check.phone_in_text', fields=fields)}"]
    if findings.private_online:
        items = ", ".join(i18n.label(lang, f"contact.{name}") for name in findings.private_online)
        item = findings.private_online[0]
        out += ["", f"⚠ {say('check.private_shown_online', items=items, item=item)}"]
    return out


def _defence_lines(report: Readiness, say, questions: str) -> list[str]:
    out = []
    for item in report.defence:
        mark = "✓" if item.ok else "○" if item.advisory else "✗"
        line = f"  {mark} {say('check.' + item.key, **item.context)}"
        if not item.ok:
            line += f" — {say('check.hint.' + item.key, questions=questions, **item.context)}"
        out.append(line)
        for lang_of_notes, warning in item.context.get("overruns", []):
            detail = say(
                "check.notes_over",
                number=warning.index + 1,
                type=warning.type.value,
                words=warning.words,
                speaking=warning.speaking,
                budget=warning.budget,
            )
            out.append(f"      - [{lang_of_notes}] {detail}")
    return out


def _photo_lines(findings: ProjectFindings, say, lang: str) -> list[str]:
    """The images that tell where they were taken, and a photo too small to print."""
    out = []
    if findings.photo_metadata:
        out += ["", f"⚠ {say('check.photo_metadata')}"]
        for image, kinds in findings.photo_metadata:
            out.append(f"  - {say('check.photo_item', path=image, kinds=describe(kinds, lang))}")
    if findings.small_photo:
        width, height = findings.small_photo
        side = PRINT_SIDE
        out += ["", f"⚠ {say('check.photo_small', width=width, height=height, side=side)}"]
    return out


def _deck_fit_lines(notes: tuple[tuple[str, Note], ...], say) -> list[str]:
    """The deck's texts that do not fit their slide at its normal size, named."""
    if not notes:
        return []
    out = ["", say("check.deck_fit")]
    for lang, note in notes:
        outcome = "split" if note.split else "smaller" if note.fits else "over"
        line = say(
            f"check.deck_fit_{outcome}",
            path=note.field,
            lang=lang,
            length=note.length,
            shows=say("check.deck_fit_shows", shown=note.shown)
            if note.shown
            else say("check.deck_fit_shows_none"),
            number=note.number,
            slide=note.title,
            parts=note.parts,
        )
        out.append(f"  {'⚠' if outcome == 'over' else '○'} {line}")
    return out


def _listed(paths: list[str]) -> list[str]:
    more = ["    - …"] if len(paths) > MAX_LISTED else []
    return [f"    - {path}" for path in paths[:MAX_LISTED]] + more


def _notes(profile: Profile, report: Readiness, say) -> list[str]:
    """Remarks that do not make the profile incomplete: translations, LinkedIn lengths."""
    notes = []
    primary = profile.primary_language
    for other, paths in report.missing_translations.items():
        if paths:
            fallback = primary if other != primary else profile.locale[-1]
            language, shown = say(f"language.{other}"), say(f"language.{fallback}")
            said = say("check.translations", count=len(paths), lang=language, primary=shown)
            notes.append(f"  {said}")
            notes += _listed(paths)
    for text in report.too_long_for_linkedin:
        notes.append(
            "  "
            + say(
                "check.linkedin_length",
                path=text.path,
                lang=text.lang,
                length=text.length,
                limit=text.limit,
            )
        )
    if report.plain_texts:
        for other in profile.locale[1:]:
            count = len(report.plain_texts)
            language = say(f"language.{other}")  # « en anglais », not « en « en » »
            notes.append(f"  {say('check.untranslated', count=count, lang=language)}")
            notes += _listed(report.plain_texts)
    return notes


def _settings_for(settings_file: Path | None, profile_path: Path) -> dict | None:
    """The project's settings (the defaults when `settings_file` is None) with the
    profile's folder as content, when they would build this very file."""
    if settings_file is not None and not settings_file.is_file():
        return None
    settings = project_settings(settings_file, profile_path.parent)
    if settings_profile(settings).name != profile_path.name:
        return None  # the settings would build another file of that folder
    return settings


def _cv_pages(settings_file: Path | None, profile_path: Path, settings: dict) -> int | None:
    """Pages of the printed CV of this profile, printed with the settings' theme and the
    content a build would choose for it, when WeasyPrint works."""
    quiet_pelican()
    with tempfile.TemporaryDirectory() as folder:
        built = run_pelican(
            settings_file,
            Path(folder) / "output",
            pdf=False,
            content=profile_path.parent,
            fit_cv=True,
        )
        try:
            return printed_pages(built.output, "cv/index.html", cache_folder(settings, "pages"))
        except PdfUnavailable:
            return None
