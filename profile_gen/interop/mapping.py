"""Table-driven mapping of imported rows (a CSV line, a JSON Resume entry) to profile items.

A `Section` says, for one section of the profile, where each field comes from: a getter per
field, the fields an item cannot go without, and how to name a skipped row in the report.
`map_section` applies it to every row. The importers (`linkedin`, `jsonresume.read`) are
tables of sections, plus a few mappers written out where a section needs judgement.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from profile_gen import i18n
from profile_gen.interop.dates import parse_date
from profile_gen.profile import readiness
from profile_gen.text import slug

Row = dict[str, Any]
Getter = Callable[[Row], Any]

PLACEHOLDERS: dict[tuple[str, str], str] = {
    ("identity", "name"): readiness.PLACEHOLDERS["identity.name"],
    ("identity", "headline"): readiness.PLACEHOLDERS["identity.headline"],
}
"""The values an import writes where the source has nothing and the profile needs a text:
from the one list `check` knows as "not filled in yet" (`readiness.PLACEHOLDERS`)."""


def present(**fields: Any) -> dict[str, Any]:
    """The fields that have a value (an empty text, list or None is left out)."""
    return {name: value for name, value in fields.items() if value not in (None, "", [], {})}


def id_from(text: str, taken: set[str]) -> str:
    """A unique achievement id from a title (at most 50 characters)."""
    return slug(text, taken, fallback="realisation", limit=50)


# --------------------------------------------------------------------------- getters


def col(*names: str) -> Getter:
    """The first of the columns `names` that has a value in the row."""

    def get(row: Row) -> Any:
        return next((row[name] for name in names if row.get(name)), None)

    return get


def date(*names: str) -> Getter:
    """The first column of `names` that holds a readable date, as `YYYY[-MM[-DD]]`."""

    def get(row: Row) -> str | None:
        for name in names:
            value = row.get(name)
            if value and (parsed := parse_date(str(value))):
                return parsed
        return None

    return get


def web(*names: str) -> Getter:
    """The first column of `names` holding an `http(s)://` address."""

    def get(row: Row) -> str | None:
        for name in names:
            value = row.get(name)
            if isinstance(value, str) and value.startswith(("http://", "https://")):
                return value
        return None

    return get


def either(*getters: Getter, default: Any = None) -> Getter:
    """The first getter's value that is not empty, else `default`."""

    def get(row: Row) -> Any:
        for getter in getters:
            value = getter(row)
            if value not in (None, "", []):
                return value
        return default

    return get


def const(value: Any) -> Getter:
    return lambda row: value


def joined(*names: str, separator: str = " ") -> Getter:
    """The columns that have a value, joined."""

    def get(row: Row) -> str | None:
        return separator.join(str(row[name]) for name in names if row.get(name)) or None

    return get


# --------------------------------------------------------------------------- sections


@dataclass(frozen=True)
class Section:
    """How the rows of one source become the items of one profile section."""

    where: str
    """The source's name in the report (`Positions.csv`, `work`)."""
    fields: dict[str, Getter]
    """Target field -> getter; a field whose value is empty is left out."""
    required: tuple[str, ...] = ()
    """Fields without which the row is skipped (and reported, unless it has no title)."""
    title: Getter = field(default=const(""))
    """What names the row in the report."""
    skipped: str | None = "imp.no_date"
    """The report's label for a skipped row (None: skipped silently)."""


def map_row(section: Section, row: Row, report: list[str], lang: str) -> Row | None:
    """The item `row` gives, or None when it lacks a required field (reported, unless
    the section skips silently)."""
    item = present(**{name: get(row) for name, get in section.fields.items()})
    if all(name in item for name in section.required):
        return item
    if section.skipped:
        title = section.title(row) or ""
        report.append(i18n.text(lang, section.skipped, where=section.where, title=title))
    return None


def map_section(section: Section, rows: Iterable[Row], report: list[str], lang: str) -> list[Row]:
    items = [map_row(section, row, report, lang) for row in rows]
    return [item for item in items if item is not None]


def ongoing(items: list[Row]) -> list[Row]:
    """Periods without an end are ongoing: `end: present`, in its place after `start`."""
    result = []
    for item in items:
        item = dict(item)
        end = item.pop("end", None) or "present"
        ordered: Row = {}
        for key, value in item.items():
            ordered[key] = value
            if key == "start":
                ordered["end"] = end
        result.append(ordered)
    return result
