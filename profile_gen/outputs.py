"""The output registry: every file or folder a build writes besides the Book's own pages,
declared once. Pure data (no Pelican, no writer imported), so that the command line reads
it before any build.

Each output says its name, its format, its place in each language, who may see it and
its writer. The `--formats` choices and help, `publish` and `build --public` (what stays
off), `robots.txt`, the sitemap, the build's "Documents" line, the cohort page, the PDF
step and the bench all read this list; nothing else lists formats or document paths.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from profile_gen.i18n import LANGUAGES

PUBLIC = "public"
"""On the published Book."""
PRINT = "print"
"""Printed or office material: may hold data meant for the annexe only, belongs in the
thesis or on the jury's USB stick. Never published; `robots.txt` keeps crawlers out."""
PRIVATE = "private"
"""Rehearsal material for the student's computer only (the deck with its speaker notes,
the cue cards, the outline, the prepared answers). Never published, and never named in
`robots.txt` either (that would point at it)."""

PRIMARY = "primary"
"""Written once, in the primary language, at the root of the output."""
EACH = "each"
"""Written in every language of the profile, the others under `<lang>/`."""

DECK_SLUGS = {"fr": "soutenance", "en": "defence"}
"""The defence deck's folder in each language (with its notes: `PRIVATE`)."""
PUBLIC_DECK_SLUGS = {"fr": "diaporama", "en": "slides"}
"""The folder of the deck without notes, when the profile publishes it
(`defence.public_deck`)."""


@dataclass(frozen=True)
class Output:
    name: str
    format: str
    """`html`, or a document format (`pdf`, `docx`, `pptx`) that `--formats` chooses."""
    audience: str
    """`PUBLIC`, `PRINT` or `PRIVATE`."""
    writer: str
    """The dotted name of what writes it (not imported here)."""
    place: Mapping[str, str]
    """Its file, or its folder ending in `/`, per language (`fr` for any other)."""
    languages: str = PRIMARY
    """`PRIMARY` or `EACH`."""
    printed_from: str = ""
    """For a PDF: the name of the HTML output it prints (its `index.html`)."""

    def at(self, lang: str) -> str:
        return self.place.get(lang, self.place["fr"])


def _same(path: str) -> dict[str, str]:
    return dict.fromkeys(LANGUAGES, path)


_SITE = "profile_gen.book.generators."
OUTPUTS = (
    Output("annexe", "html", PRINT, _SITE + "annexe.AnnexeGenerator", _same("annexe/")),
    Output("cv", "html", PRINT, _SITE + "annexe.AnnexeGenerator", _same("cv/")),
    Output(
        "deck",
        "html",
        PRIVATE,
        _SITE + "deck.DefenceGenerator",
        {lang: f"{slug}/" for lang, slug in DECK_SLUGS.items()},
        EACH,
    ),
    Output(
        "public_deck",
        "html",
        PUBLIC,
        _SITE + "deck.DefenceGenerator",
        {lang: f"{slug}/" for lang, slug in PUBLIC_DECK_SLUGS.items()},
        EACH,
    ),
    Output(
        "annexe.pdf",
        "pdf",
        PRINT,
        "profile_gen.printing.pdf.write_pdfs",
        _same("annexe.pdf"),
        printed_from="annexe",
    ),
    Output(
        "cv.pdf",
        "pdf",
        PRINT,
        "profile_gen.printing.pdf.write_pdfs",
        _same("cv.pdf"),
        printed_from="cv",
    ),
    Output(
        "deck.pdf",
        "pdf",
        PRINT,
        "profile_gen.printing.pdf.write_pdfs",
        _same("soutenance.pdf"),
        printed_from="deck",
    ),
    Output(
        "annexe.docx",
        "docx",
        PRINT,
        _SITE + "annexe_docx.AnnexeDocxGenerator",
        _same("annexe.docx"),
    ),
    Output(
        "deck.pptx",
        "pptx",
        PRINT,
        _SITE + "deck_pptx.PowerPointGenerator",
        _same("soutenance.pptx"),
        EACH,
    ),
)
"""Every output besides the Book's pages, in the order the "Documents" line lists them."""

BY_NAME = {output.name: output for output in OUTPUTS}

DOCUMENT_FORMATS = tuple(dict.fromkeys(o.format for o in OUTPUTS if o.format != "html"))
"""The formats `--formats` chooses among (the HTML pages are always written)."""

DOCUMENT_SUFFIXES = tuple(f".{name}" for name in DOCUMENT_FORMATS)
"""A document file is print material wherever it is (an article's attachment too)."""


def prefix(lang: str, primary: str) -> str:
    """Where a language's outputs go: the root for the primary language, else `<lang>/`."""
    return "" if lang == primary else f"{lang}/"


def paths(output: Output, languages: Iterable[str], primary: str) -> dict[str, str]:
    """Where `output` is written for a profile in `languages`, first `primary`: one path per
    language (`soutenance/`, `en/defence/`; `defence/`, `fr/soutenance/` English-first)."""
    if output.languages == PRIMARY:
        return {primary: output.at(primary)}
    return {lang: prefix(lang, primary) + output.at(lang) for lang in languages}


def place(name: str, lang: str, primary: str) -> str:
    """Where the output `name` is written in `lang` (`en/defence/`), when it is."""
    output = BY_NAME[name]
    return paths(output, [primary, lang], primary).get(lang) or output.at(primary)


def every_path(output: Output) -> list[str]:
    """Its paths in every layout a Book may have (any primary language): what `publish`
    filters, which does not know the profile."""
    found = {path for first in LANGUAGES for path in paths(output, LANGUAGES, first).values()}
    return sorted(found)


def classify(relative: str) -> Output | None:
    """The registered output holding the file or folder `relative` (to the output folder,
    `/`-separated), in any layout; None for the Book's own pages and files."""
    relative = relative.strip("/")
    for path, output in _LONGEST_FIRST:  # `en/defence/` before a shorter match
        if relative == path or (path.endswith("/") and (relative + "/").startswith(path)):
            return output
    return None


_LONGEST_FIRST = sorted(
    ((path, output) for output in OUTPUTS for path in every_path(output)),
    key=lambda pair: -len(pair[0]),
)


def is_kept_off(relative: str) -> bool:
    """Whether the output file or folder at `relative` stays off the published Book: print
    or rehearsal material, or a document file wherever it is."""
    output = classify(relative)
    if output is not None and output.audience != PUBLIC:
        return True
    return relative.lower().endswith(DOCUMENT_SUFFIXES)


def kept_off(audiences: Iterable[str] = (PRINT, PRIVATE)) -> list[str]:
    """The paths (without a trailing `/`) of everything of `audiences`, in every layout."""
    wanted = set(audiences)
    chosen = (o for o in OUTPUTS if o.audience in wanted)
    return sorted({path.rstrip("/") for o in chosen for path in every_path(o)})


def print_paths(languages: Iterable[str], primary: str) -> list[str]:
    """The print outputs of one profile, as `robots.txt` disallows them (`/annexe/`,
    `/fr/soutenance.pptx` for an English-first Book)."""
    languages = list(languages)
    found = (paths(o, languages, primary).values() for o in OUTPUTS if o.audience == PRINT)
    return [f"/{path}" for group in found for path in group]


def documents(languages: Iterable[str], primary: str) -> list[str]:
    """The document files (PDF, Word, PowerPoint) one profile's build may write."""
    languages = list(languages)
    files = (paths(o, languages, primary).values() for o in OUTPUTS if o.format != "html")
    return [path for group in files for path in group]


def pdf_sources() -> dict[str, str]:
    """Every HTML page the PDF step prints, in any layout, with its PDF's path."""
    pages = {}
    for output in OUTPUTS:
        if output.printed_from:
            source = BY_NAME[output.printed_from]
            for first in LANGUAGES:
                page = paths(source, [first], first)[first] + "index.html"
                pages[page] = paths(output, [first], first)[first]
    return pages


def formats_asked(formats: tuple[str, ...] | None, no_pdf: bool) -> tuple[str, ...]:
    """The formats a build writes: `--formats` (default: all), and `--no-pdf` is the
    one alias, for "all those, but PDF"."""
    chosen = DOCUMENT_FORMATS if formats is None else formats
    return tuple(name for name in chosen if not (no_pdf and name == "pdf"))


SYSTEM_FILES = frozenset({".DS_Store", "Thumbs.db", "desktop.ini"})
"""Files a system leaves in a folder it shows: never the Book's, never the student's."""

BOOK_ROOT_FILES = ("index.html", "404.html", "robots.txt")
"""What every Book writes at its root (`is_book`)."""


def is_book(folder: Path) -> bool:
    """Whether `folder` is a Book's root (a build's output, or a published copy of one)."""
    return all((folder / name).is_file() for name in BOOK_ROOT_FILES)
