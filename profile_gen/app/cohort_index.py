"""What a cohort build says of each member, and where it says it: the index page (a table
sortable and filterable in the browser, usable without script), the readiness table as CSV
beside it, and the JSON a shard of a CI matrix leaves for the merge (`cohort_shard`).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from profile_gen import i18n, tokens
from profile_gen.app.build import COHORT_CSV
from profile_gen.book import render
from profile_gen.outputs import DECK_SLUGS, place
from profile_gen.text import folded

INDEX = "index.html"
CSV_FILE = COHORT_CSV

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""A cell a spreadsheet would read as a formula (CSV injection): written after a quote."""


@dataclass
class Outcome:
    slug: str
    ok: bool
    name: str = ""
    headline: str = ""
    error: str = ""
    seconds: float = 0.0
    annexe: tuple[int, int] = (0, 0)
    """Annexe items present, of all."""
    defence: tuple[int, int] = (0, 0)
    """Defence checks met, of all."""
    missing: tuple[str, ...] = ()
    """What the annexes and the defence still lack, in the cohort's language."""
    documents: tuple[str, ...] = ()
    """The PDF, Word and PowerPoint files written, relative to the Book's folder."""
    deck: str = DECK_SLUGS["fr"]
    """The deck's folder in the profile's primary language (`defence` for English)."""
    annexe_folder: str = place("annexe", "fr", "fr").rstrip("/")
    """The printed annexe's folder (the output registry's)."""

    @property
    def ready(self) -> bool:
        return self.ok and not self.missing

    @property
    def readiness(self) -> int:
        """Percent of the annexe items and defence checks met (what the page sorts by)."""
        met, total = self.annexe[0] + self.defence[0], self.annexe[1] + self.defence[1]
        return 100 * met // total if total else 0

    def status(self, lang: str) -> str:
        if not self.ok:
            return i18n.text(lang, "cohort.status_failed")
        return i18n.text(lang, "cohort.ready" if self.ready else "cohort.status_incomplete")


def write_index(theme: Path, output: Path, outcomes: list[Outcome], lang: str) -> None:
    """`index.html` of every Book (the failed ones listed apart) and `cohort.csv` beside it."""
    env = Environment(loader=FileSystemLoader(str(theme / "templates")), autoescape=True)
    render.install(env)
    env.filters["folded"] = folded
    # the page without script: the whole table, sorted by name (as its heading says)
    books = sorted((o for o in outcomes if o.ok), key=lambda o: (folded(o.name), o.slug))
    html = env.get_template("cohort.html").render(
        lang=lang,
        primary_lang=lang,
        tokens_css=Markup(tokens.css()),
        books=books,
        failed=[o for o in outcomes if not o.ok],
        csv_file=CSV_FILE,
        shown={  # the script's templates, and the counts that take the singular
            "many": i18n.text(lang, "cohort.shown", count="{count}", total="{total}"),
            "one": i18n.text(lang, "cohort.shown_one", count="{count}", total="{total}"),
            "singular": " ".join(str(n) for n in (0, 1) if i18n.is_singular(lang, n)),
            "now": i18n.text(lang, "cohort.shown", count=len(books), total=len(books)),
        },
    )
    (output / INDEX).write_text(html, encoding="utf-8")
    write_csv(output / CSV_FILE, outcomes, lang)


def cell(value: object) -> object:
    """`value` as a spreadsheet shows it, never run: a text starting like a formula is
    prefixed with a quote; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


CSV_DELIMITERS = {"fr": ";"}
"""The CSV's separator by language (the list separator of its spreadsheets), else a comma."""

CSV_COLUMNS = (
    "slug",
    "name",
    "status",
    "readiness",
    "annexe_ok",
    "annexe_total",
    "defence_ok",
    "defence_total",
    "missing",
    "book",
    "error",
)


def write_csv(path: Path, outcomes: list[Outcome], lang: str) -> None:
    """The readiness table, one row per member, headers in the cohort's language; UTF-8
    with a byte-order mark, which spreadsheets need to read accents; in French, cells
    separated by semicolons, as a French spreadsheet (Excel) opens a file it is given
    (with commas, every row was one cell)."""
    with path.open("w", encoding="utf-8-sig", newline="") as file:
        writer = csv.writer(file, delimiter=CSV_DELIMITERS.get(lang, ","))
        writer.writerow([i18n.text(lang, f"cohort.csv.{column}") for column in CSV_COLUMNS])
        for o in outcomes:
            row = (
                o.slug,
                o.name,
                o.status(lang),
                o.readiness if o.ok else "",
                *((*o.annexe, *o.defence) if o.ok else ("", "", "", "")),
                " ; ".join(o.missing),
                f"{o.slug}/{INDEX}" if o.ok else "",
                o.error,
            )
            writer.writerow([cell(value) for value in row])
