"""LinkedIn export -> profile data (plain dicts in the profile's shape), with what was guessed
and what could not be mapped, for `profile_gen.interop.writer` to write as commented YAML.

One mapper per section: the simple ones are `Section` tables (`profile_gen.interop.mapping`),
the others (identity, languages, recommendations) are short functions.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from profile_gen import i18n
from profile_gen.interop.archive import Table
from profile_gen.interop.mapping import (
    PLACEHOLDERS,
    Section,
    col,
    const,
    date,
    either,
    id_from,
    joined,
    map_section,
    ongoing,
    present,
    web,
)
from profile_gen.profile.names import author_name

PROFICIENCY = {
    "elementary proficiency": "A2",
    "limited working proficiency": "B1",
    "professional working proficiency": "B2",
    "full professional proficiency": "C1",
    "native or bilingual proficiency": "native",
}
PERSONAL = ("Address", "Birth Date", "Twitter Handles", "Instant Messengers")
"""Columns of Profile.csv left out on purpose: personal data the student adds if they wish."""


@dataclass
class Imported:
    data: dict[str, Any]
    comments: dict[str, str] = field(default_factory=dict)
    """Trailing comments by marker (see `writer`), e.g. on guessed language levels."""
    unmapped: list[str] = field(default_factory=list)
    """Lines of the final report: what could not be mapped, and why."""
    counts: dict[str, int] = field(default_factory=dict)
    lang: str = "fr"
    """The language of the report and the comments."""

    def say(self, label: str, **context: Any) -> str:
        return i18n.text(self.lang, label, **context)

    def report(self, label: str, **context: Any) -> None:
        self.unmapped.append(self.say(label, **context))


def _jobs(where: str, title: str, contract: str | None = None) -> Section:
    return Section(
        where=where,
        fields={
            "title": either(col(title), default="?"),
            "organization": either(col("Company Name"), default="?"),
            "location": col("Location"),
            "contract": const(contract),
            "start": date("Started On"),
            "end": date("Finished On"),
            "description": col("Description"),
        },
        required=("start",),
        title=joined(title, "Company Name", separator=" — ") if not contract else col(title),
        skipped="imp.no_start" if not contract else "imp.no_date",
    )


SECTIONS: dict[str, tuple[tuple[str, Section], ...]] = {
    "experience": (
        ("positions", _jobs("Positions.csv", "Title")),
        ("volunteering", _jobs("Volunteering.csv", "Role", "volunteer")),
    ),
    "education": (
        (
            "education",
            Section(
                where="Education.csv",
                fields={
                    "degree": either(col("Degree Name", "School Name"), default="?"),
                    "institution": either(col("School Name"), default="?"),
                    "start": date("Start Date", "End Date"),
                    "end": date("End Date"),
                    "description": joined("Notes", "Activities", separator="\n\n"),
                },
                required=("start",),
                title=col("School Name"),
            ),
        ),
    ),
    "certifications": (
        (
            "certifications",
            Section(
                where="Certifications.csv",
                fields={
                    "name": either(col("Name"), default="?"),
                    "issuer": either(col("Authority"), default="?"),
                    "date": date("Started On"),
                    "expires": date("Finished On"),
                    "credential_id": col("License Number"),
                    "url": web("Url"),
                },
                required=("date",),
                title=col("Name"),
            ),
        ),
    ),
    "activities": (
        (
            "publications",
            Section(
                where="Publications.csv",
                fields={
                    "kind": const("article"),
                    "title": col("Name"),
                    "date": date("Published On"),
                    "url": web("Url"),
                    "venue": col("Publisher"),
                    "summary": col("Description"),
                },
                required=("title", "date"),
                title=col("Name"),
            ),
        ),
        (
            "honors",
            Section(
                where="Honors.csv",
                fields={
                    "kind": const("other"),
                    "title": col("Title"),
                    "date": date("Issued On"),
                    "summary": col("Description"),
                },
                required=("title", "date"),
                title=col("Title"),
            ),
        ),
    ),
    "skills": (
        ("skills", Section(where="Skills.csv", fields={"name": col("Name")}, required=("name",))),
    ),
}
"""Profile section -> the tables it is made of, in order, and how each row maps."""


def _websites(text: str) -> list[tuple[str, str]]:
    """`[PERSONAL:https://a,PORTFOLIO:https://b]` -> [("Personal", url), ...]."""
    found = []
    for kind, url in re.findall(r"(?:^|[\[,])\s*([A-Z_ ]+):(https?://[^,\]\s]+)", text or ""):
        found.append((kind.strip().replace("_", " ").title(), url))
    return found


def _first(tables: dict[str, Table], name: str) -> dict[str, str]:
    return (tables.get(name) or [{}])[0]


def _identity(tables: dict[str, Table], result: Imported) -> None:
    profile = _first(tables, "profile")
    name = " ".join(part for part in (profile.get("First Name"), profile.get("Last Name")) if part)
    identity: dict[str, Any] = {
        "name": name or PLACEHOLDERS["identity", "name"],
        "headline": profile.get("Headline") or PLACEHOLDERS["identity", "headline"],
    }
    if not name:
        result.report("imp.no_name", where="Profile.csv")
    last_name = " ".join((profile.get("Last Name") or "").split())
    if name and last_name and author_name(name) != author_name(name, last_name):
        identity["family_name"] = last_name  # references would otherwise cite the wrong name
    contact = _contact(tables, profile, result)
    if contact:
        identity["contact"] = contact
    result.data["identity"] = identity
    for key in PERSONAL:
        if profile.get(key):
            result.report("imp.personal", where="Profile.csv", key=key)
    others = [{"label": label, "url": url} for label, url in _websites(profile.get("Websites", ""))]
    result.data["links"] = present(others=others)
    summary = _first(tables, "profile summary").get("Profile Summary") or profile.get("Summary")
    if summary and summary.strip():
        result.data["summary"] = summary.strip()


def _contact(tables: dict[str, Table], profile: dict[str, str], result: Imported) -> dict:
    emails = tables.get("email addresses") or []
    primary = [e for e in emails if e.get("Primary", "").lower() == "yes"] or emails
    phones = [p["Number"] for p in tables.get("phone numbers") or [] if p.get("Number")]
    return present(
        email=primary[0].get("Email Address") if primary else None,
        phone=phones[0] if phones else None,
        city=profile.get("Geo Location"),
    )


def _languages(tables: dict[str, Table], result: Imported) -> list[dict]:
    languages = []
    for index, row in enumerate(tables.get("languages") or []):
        if not row.get("Name"):
            continue
        wording = " ".join((row.get("Proficiency") or "").replace("_", " ").lower().split())
        level = PROFICIENCY.get(wording)
        marker = f"lang{index}"
        found = row.get("Proficiency") or result.say("imp.empty")
        if level:
            result.comments[marker] = result.say("imp.level_guessed", found=found)
        else:
            level = "B1"
            result.comments[marker] = result.say("imp.level_unknown", found=found)
        languages.append({"name": row["Name"], "level": f"{level}@@{marker}@@"})
    return languages


def _achievements(tables: dict[str, Table], result: Imported) -> list[dict]:
    taken: set[str] = set()
    achievements = []
    for row in tables.get("projects") or []:
        if not row.get("Title"):
            continue
        item: dict[str, Any] = {"id": id_from(row["Title"], taken), "title": row["Title"]}
        if start := date("Started On")(row):
            item.update(present(start=start, end=date("Finished On")(row)))
        item.update(present(body=row.get("Description")))
        if url := web("Url")(row):
            item["links"] = [{"label": result.say("imp.link"), "url": url}]
        achievements.append(item)
    return achievements


def _recommendations(tables: dict[str, Table], result: Imported) -> list[dict]:
    rows = tables.get("recommendations received") or []
    visible = [row for row in rows if (row.get("Status") or "VISIBLE").upper() == "VISIBLE"]
    if len(visible) < len(rows):
        hidden = len(rows) - len(visible)
        result.report("imp.hidden_recommendations", where=RECOMMENDATIONS, count=hidden)
    return [
        {"author": joined("First Name", "Last Name")(row) or "?"}
        | present(
            role=row.get("Job Title"),
            organization=row.get("Company"),
            date=date("Creation Date")(row),
        )
        | {"text": row["Text"]}
        for row in visible
        if row.get("Text")
    ]


RECOMMENDATIONS = "Recommendations_Received.csv"


def _leftovers(tables: dict[str, Table], result: Imported) -> None:
    """What has no place in the profile: courses, skill endorsements."""
    courses = [row["Name"] for row in tables.get("courses") or [] if row.get("Name")]
    if courses:
        result.report("imp.courses", where="Courses.csv", names=", ".join(courses))
    endorsements = len(tables.get("endorsement received info") or [])
    if endorsements:
        result.report("imp.endorsements", where="Endorsement_Received_Info.csv", count=endorsements)


CUSTOM: dict[str, Callable[[dict[str, Table], Imported], list[dict]]] = {
    "languages": _languages,
    "achievements": _achievements,
    "recommendations": _recommendations,
}


def from_linkedin(tables: dict[str, Table], lang: str = "fr") -> Imported:
    """The profile data of a LinkedIn export; the report and comments in `lang`."""
    result = Imported(data={"locale": "fr"}, lang=lang)
    _identity(tables, result)
    for section in ("experience", "education", "certifications", "languages", "skills"):
        _fill(section, tables, result)
    for section in ("achievements", "activities", "recommendations"):
        _fill(section, tables, result)
    _leftovers(tables, result)
    result.data.update(strengths=[], improvements=[], competencies={"items": []})
    data = result.data
    result.counts = {key: len(value) for key, value in data.items() if isinstance(value, list)}
    return result


def _fill(section: str, tables: dict[str, Table], result: Imported) -> None:
    if section in CUSTOM:
        result.data[section] = CUSTOM[section](tables, result)
        return
    items = []
    for table, mapping in SECTIONS[section]:
        items += map_section(mapping, tables.get(table) or [], result.unmapped, result.lang)
    result.data[section] = ongoing(items) if section in ("experience", "education") else items
