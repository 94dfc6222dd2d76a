"""JSON Resume -> profile data, one mapper per section, and the report of what was left out.

The standard sections are read with `Section` tables; our `meta.profile_gen` (written by the
export) completes or replaces them, so that an exported profile comes back whole.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from profile_gen import i18n
from profile_gen.interop.jsonresume.shape import read_resume, shape
from profile_gen.interop.jsonresume.write import SKILL_LEVELS
from profile_gen.interop.mapping import (
    PLACEHOLDERS,
    Row,
    Section,
    col,
    const,
    date,
    either,
    id_from,
    joined,
    map_row,
    map_section,
    ongoing,
    present,
)

__all__ = ["drop_missing_files", "from_jsonresume", "read_resume"]

LEVELS = (
    (("native", "bilingual", "maternelle"), "native"),
    (("full professional", "fluent", "proficient", "courant"), "C1"),
    (("professional working", "advanced", "upper"), "B2"),
    (("limited working", "intermediate", "conversational"), "B1"),
    (("elementary", "basic", "beginner", "notions"), "A2"),
)
"""Words of JSON Resume's free `fluency` -> a CEFR level (a level written out wins)."""
SKILL_LEVEL_NUMBERS = {name.lower(): number for number, name in SKILL_LEVELS.items()}


def _level(fluency: str | None) -> tuple[str, bool]:
    """A CEFR level from JSON Resume's free `fluency`, and whether it was guessed."""
    text = (fluency or "").strip()
    if match := re.search(r"\b([ABC][12])\b", text.upper()):
        return match.group(1), False
    lowered = text.lower()
    for words, level in LEVELS:
        if any(word in lowered for word in words):
            return level, True
    return "B1", True


def _courses(row: Row) -> str | None:
    """The summary, then the courses as a Markdown list."""
    courses = "\n".join(f"- {course}" for course in row.get("courses") or [])
    return "\n\n".join(part for part in (row.get("summary"), courses) if part) or None


def _skill_level(row: Row) -> int | None:
    return SKILL_LEVEL_NUMBERS.get(str(row.get("level") or "").strip().lower())


def _job(where: str, organization: str, contract: str | None) -> Section:
    return Section(
        where=where,
        fields={
            "title": either(col("position"), default="?"),
            "organization": either(col(organization, "company"), default="?"),
            "location": col("location"),
            "contract": const(contract),
            "start": date("startDate"),
            "end": date("endDate"),
            "description": col("summary"),
            "highlights": col("highlights"),
        },
        required=("start",),
        title=col("position"),
        skipped="imp.no_start",
    )


WORK = _job("work", "name", None)
VOLUNTEER = _job("volunteer", "organization", "volunteer")
TABLES: dict[str, tuple[tuple[str, Section], ...]] = {
    "education": (
        (
            "education",
            Section(
                where="education",
                fields={
                    "degree": either(joined("studyType", "area"), col("institution"), default="?"),
                    "institution": either(col("institution"), default="?"),
                    "start": date("startDate"),
                    "end": date("endDate"),
                    "location": col("location"),
                    "description": _courses,
                },
                required=("start",),
                title=col("institution"),
                skipped="imp.no_start",
            ),
        ),
    ),
    "certifications": (
        (
            "certificates",
            Section(
                where="certificates",
                fields={
                    "name": either(col("name"), default="?"),
                    "issuer": either(col("issuer"), default="?"),
                    "date": date("date"),
                    "url": col("url"),
                },
                required=("date",),
                title=col("name"),
            ),
        ),
    ),
    "skills": (
        (
            "skills",
            Section(
                where="skills",
                fields={"name": col("name"), "level": _skill_level, "keywords": col("keywords")},
                required=("name",),
                skipped=None,
            ),
        ),
    ),
    "interests": (
        (
            "interests",
            Section(
                where="interests",
                fields={"name": col("name"), "keywords": col("keywords")},
                required=("name",),
                skipped=None,
            ),
        ),
    ),
    "activities": (
        (
            "publications",
            Section(
                where="publications",
                fields={
                    "kind": const("article"),
                    "title": col("name"),
                    "date": date("releaseDate"),
                    "url": col("url"),
                    "venue": col("publisher"),
                    "summary": col("summary"),
                },
                required=("title", "date"),
                title=col("name"),
            ),
        ),
        (
            "awards",
            Section(
                where="awards",
                fields={
                    "kind": const("other"),
                    "title": col("title"),
                    "date": date("date"),
                    "venue": col("awarder"),
                    "summary": col("summary"),
                },
                required=("title", "date"),
                title=col("title"),
            ),
        ),
    ),
    "recommendations": (
        (
            "references",
            Section(
                where="references",
                fields={"author": either(col("name"), default="?"), "text": col("reference")},
                required=("text",),
                skipped=None,
            ),
        ),
    ),
}
"""Profile section -> the JSON Resume sections it is read from, and how."""

MERGED = {"education", "certifications", "languages", "skills"}
"""Sections whose standard entries our meta completes, position by position."""
REPLACED = {"interests", "activities", "recommendations", "achievements"}
"""Sections our meta holds whole (with what JSON Resume cannot say)."""


class Reader:
    """One import: the shaped resume, our meta, the report, its language."""

    def __init__(self, resume: dict[str, Any], lang: str) -> None:
        self.resume = shape(resume)
        self.meta: dict[str, Any] = self.resume["meta"]
        self.report: list[str] = []
        self.lang = lang

    def say(self, key: str, **context: Any) -> str:
        return i18n.text(self.lang, key, **context)

    def table(self, section: str) -> list[Row]:
        items = []
        for source, mapping in TABLES[section]:
            items += map_section(mapping, self.resume[source], self.report, self.lang)
        return ongoing(items) if section == "education" else items

    def section(self, section: str) -> list[Row]:
        if section in REPLACED and section in self.meta:
            return self.meta[section]
        items = CUSTOM[section](self) if section in CUSTOM else self.table(section)
        if section in MERGED and section in self.meta:
            return _with_meta(items, self.meta[section])
        return items


def _with_meta(standard: list[Row], extras: list[Row]) -> list[Row]:
    """Standard entries completed by the exported extras of the same position."""
    return [{**entry, **(extras[i] if i < len(extras) else {})} for i, entry in enumerate(standard)]


def _identity(reader: Reader) -> dict[str, Any]:
    basics, meta = reader.resume["basics"], reader.meta.get("identity", {})
    location = basics["location"]
    contact = present(
        email=basics.get("email"),
        phone=basics.get("phone"),
        city=joined("city", "region", "countryCode", separator=", ")(location),
        address=location.get("address"),
    ) | meta.get("contact", {})
    identity: dict[str, Any] = {
        "name": basics.get("name") or PLACEHOLDERS["identity", "name"],
        "headline": basics.get("label") or PLACEHOLDERS["identity", "headline"],
    }
    identity |= {key: value for key, value in meta.items() if key != "contact"}
    if basics.get("image"):
        reader.report.append(reader.say("imp.image", url=basics["image"]))
    return identity | present(contact=contact)


def _links(reader: Reader) -> dict[str, Any]:
    basics = reader.resume["basics"]
    links = present(book=basics.get("url"))
    others = []
    for item in basics["profiles"]:
        url = item.get("url") or ""
        if "linkedin.com" in url.lower() and "linkedin" not in links:
            links["linkedin"] = url
        elif url.startswith(("http://", "https://")):
            label = item.get("network") or item.get("username") or reader.say("imp.link")
            others.append({"label": label, "url": url})
    others = reader.meta.get("links_others", others)
    return links | present(others=others)


def _experience(reader: Reader) -> list[Row]:
    """Work, then volunteering; with our meta, back in the profile's order."""
    rows = [(WORK, job) for job in reader.resume["work"]]
    rows += [(VOLUNTEER, job) for job in reader.resume["volunteer"]]
    extras = reader.meta.get("experience", [])
    order = _export_order(extras, rows) if len(extras) == len(rows) else list(range(len(rows)))
    jobs = {}
    for position, (mapping, row) in zip(order, rows, strict=True):
        job = map_row(mapping, row, reader.report, reader.lang)
        if job is not None:
            jobs[position] = ongoing([job])[0] | (
                extras[position] if position < len(extras) else {}
            )
    return [jobs[position] for position in sorted(jobs)]


def _export_order(extras: list[Row], rows: list) -> list[int]:
    """Positions of the exported jobs in the profile's experience list (work first, then
    volunteer in the export; the profile interleaves them)."""
    contracts = [entry.get("contract") for entry in extras]
    work = [i for i, contract in enumerate(contracts) if contract != "volunteer"]
    volunteer = [i for i, contract in enumerate(contracts) if contract == "volunteer"]
    if sum(1 for mapping, _ in rows if mapping is WORK) != len(work):
        return list(range(len(rows)))
    return work + volunteer


def _languages(reader: Reader) -> list[Row]:
    languages = []
    for item in reader.resume["languages"]:
        level, guessed = _level(item.get("fluency"))
        if guessed and "languages" not in reader.meta:
            reader.report.append(
                reader.say(
                    "imp.level_guess",
                    where="languages",
                    name=item.get("language") or "?",
                    found=item.get("fluency") or reader.say("imp.empty"),
                    level=level,
                )
            )
        languages.append({"name": item.get("language") or "?", "level": level})
    return languages


def _achievements(reader: Reader) -> list[Row]:
    taken: set[str] = set()
    achievements = []
    for project in reader.resume["projects"]:
        if not project.get("name"):
            continue
        entry: dict[str, Any] = {"id": id_from(project["name"], taken), "title": project["name"]}
        if start := date("startDate")(project):
            entry.update(present(start=start, end=date("endDate")(project)))
        entry |= present(
            organization=project.get("entity"),
            role=", ".join(project.get("roles") or []),
            body=project.get("description"),
            results=project.get("highlights"),
            skills=project.get("keywords"),
        )
        if project.get("url"):
            entry["links"] = [{"label": reader.say("imp.link"), "url": project["url"]}]
        achievements.append(entry)
    return achievements


CUSTOM: dict[str, Callable[[Reader], list[Row]]] = {
    "experience": _experience,
    "languages": _languages,
    "achievements": _achievements,
}
ORDER: tuple[str, ...] = (
    "experience",
    "education",
    "certifications",
    "languages",
    "skills",
    "interests",
)
ORDER += ("achievements", "activities", "recommendations")


def from_jsonresume(resume: dict[str, Any], lang: str = "fr") -> tuple[dict[str, Any], list[str]]:
    """Profile data, and the report lines (in `lang`) of what could not be mapped."""
    reader = Reader(resume, lang)
    meta = reader.meta
    data: dict[str, Any] = {
        "locale": meta.get("locale") or "fr",
        "identity": _identity(reader),
        "links": _links(reader),
    }
    if summary := meta.get("summary") or reader.resume["basics"].get("summary"):
        data["summary"] = summary
    for section in ORDER:
        data[section] = reader.section(section)
    data |= {key: meta[key] for key in ("strengths", "improvements") if key in meta}
    data |= {key: meta[key] for key in ("competencies", "defence") if key in meta}
    data.setdefault("strengths", [])
    data.setdefault("improvements", [])
    return data, reader.report


def drop_missing_files(data: dict[str, Any], folder: Path, lang: str = "fr") -> list[str]:
    """Remove the photo and images whose files are not beside the new profile; report them."""
    report = []
    photo = data.get("identity", {}).get("photo")
    if photo and not (folder / photo["path"]).is_file():
        del data["identity"]["photo"]
        report.append(i18n.text(lang, "imp.missing_photo", path=photo["path"]))
    for achievement in data.get("achievements") or []:
        kept = [
            image for image in achievement.get("images") or [] if (folder / image["path"]).is_file()
        ]
        for image in achievement.get("images") or []:
            if image not in kept:
                report.append(
                    i18n.text(
                        lang, "imp.missing_image", id=achievement.get("id"), path=image["path"]
                    )
                )
        if "images" in achievement:
            achievement["images"] = kept
    return report
