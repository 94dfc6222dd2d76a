"""LinkedIn export -> profile data (plain dicts in the profile's shape), with what was guessed
and what could not be mapped, for `profile_gen.interop.writer` to write as commented YAML."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from profile_gen.interop import present
from profile_gen.interop.archive import Table
from profile_gen.interop.dates import parse_date
from profile_gen.profile.names import author_name

PROFICIENCY = {
    "elementary proficiency": "A2",
    "limited working proficiency": "B1",
    "professional working proficiency": "B2",
    "full professional proficiency": "C1",
    "native or bilingual proficiency": "native",
}


@dataclass
class Imported:
    data: dict[str, Any]
    comments: dict[str, str] = field(default_factory=dict)
    """Trailing comments by marker (see `writer`), e.g. on guessed language levels."""
    unmapped: list[str] = field(default_factory=list)
    """Lines of the final report: what could not be mapped, and why."""
    counts: dict[str, int] = field(default_factory=dict)


def slug(text: str, taken: set[str]) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    base = (
        re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:50].strip("-") or "realisation"
    )
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    taken.add(candidate)
    return candidate


def _websites(text: str) -> list[tuple[str, str]]:
    """`[PERSONAL:https://a,PORTFOLIO:https://b]` -> [("Personal", url), ...]."""
    found = []
    for kind, url in re.findall(r"(?:^|[\[,])\s*([A-Z_ ]+):(https?://[^,\]\s]+)", text or ""):
        found.append((kind.strip().replace("_", " ").title(), url))
    return found


def _period(row: dict[str, str], start_key: str, end_key: str) -> tuple[str | None, str | None]:
    return parse_date(row.get(start_key)), parse_date(row.get(end_key))


def from_linkedin(tables: dict[str, Table]) -> Imported:
    result = Imported(data={"locale": "fr"})
    data = result.data
    comments = result.comments
    unmapped = result.unmapped

    profile = (tables.get("profile") or [{}])[0]
    name = " ".join(part for part in (profile.get("First Name"), profile.get("Last Name")) if part)
    identity: dict[str, Any] = {
        "name": name or "Prénom Nom",
        "headline": profile.get("Headline") or "À compléter",
    }
    if not name:
        unmapped.append("Profile.csv : nom absent — complétez identity.name")
    last_name = " ".join((profile.get("Last Name") or "").split())
    if name and last_name and author_name(name) != author_name(name, last_name):
        identity["family_name"] = last_name  # references would otherwise cite the wrong name
    contact: dict[str, Any] = {}
    emails = tables.get("email addresses") or []
    primary = [e for e in emails if e.get("Primary", "").lower() == "yes"] or emails
    if primary and primary[0].get("Email Address"):
        contact["email"] = primary[0]["Email Address"]
    phones = [p for p in tables.get("phone numbers") or [] if p.get("Number")]
    if phones:
        contact["phone"] = phones[0]["Number"]
        comments["phone"] = "visible dans les annexes imprimées seulement (visibility.phone)"
    if profile.get("Geo Location"):
        contact["city"] = profile["Geo Location"]
    if contact:
        identity["contact"] = contact
    data["identity"] = identity
    for key in ("Address", "Birth Date", "Twitter Handles", "Instant Messengers"):
        if profile.get(key):
            unmapped.append(
                f"Profile.csv : « {key} » non importé (donnée personnelle, à ajouter vous-même si besoin)"
            )

    links: dict[str, Any] = {}
    others = [{"label": label, "url": url} for label, url in _websites(profile.get("Websites", ""))]
    if others:
        links["others"] = others
    data["links"] = links

    summary = (
        (tables.get("profile summary") or [{}])[0].get("Profile Summary")
        or profile.get("Summary")
        or ""
    ).strip()
    if summary:
        data["summary"] = summary

    experience = []
    for row in tables.get("positions") or []:
        start, end = _period(row, "Started On", "Finished On")
        title = f"{row.get('Title', '')} — {row.get('Company Name', '')}"
        if not start:
            unmapped.append(f"Positions.csv : « {title} » sans date de début — non importé")
            continue
        job: dict[str, Any] = {
            "title": row.get("Title") or "?",
            "organization": row.get("Company Name") or "?",
        }
        if row.get("Location"):
            job["location"] = row["Location"]
        job.update(start=start, end=end or "present")
        if row.get("Description"):
            job["description"] = row["Description"]
        experience.append(job)
    for row in tables.get("volunteering") or []:
        start, end = _period(row, "Started On", "Finished On")
        if not start:
            unmapped.append(f"Volunteering.csv : « {row.get('Role', '')} » sans date — non importé")
            continue
        job = {
            "title": row.get("Role") or "?",
            "organization": row.get("Company Name") or "?",
            "contract": "volunteer",
        }
        job.update(start=start, end=end or "present")
        if row.get("Description"):
            job["description"] = row["Description"]
        experience.append(job)
    data["experience"] = experience

    education = []
    for row in tables.get("education") or []:
        start, end = _period(row, "Start Date", "End Date")
        start = start or end
        if not start:
            unmapped.append(
                f"Education.csv : « {row.get('School Name', '')} » sans dates — non importé"
            )
            continue
        item: dict[str, Any] = {
            "degree": row.get("Degree Name") or row.get("School Name") or "?",
            "institution": row.get("School Name") or "?",
            "start": start,
            "end": end or "present",
        }
        notes = "\n\n".join(v for v in (row.get("Notes"), row.get("Activities")) if v)
        if notes:
            item["description"] = notes
        education.append(item)
    data["education"] = education

    certifications = []
    for row in tables.get("certifications") or []:
        date = parse_date(row.get("Started On"))
        if not date:
            unmapped.append(
                f"Certifications.csv : « {row.get('Name', '')} » sans date — non importé"
            )
            continue
        cert: dict[str, Any] = {
            "name": row.get("Name") or "?",
            "issuer": row.get("Authority") or "?",
            "date": date,
        }
        if expires := parse_date(row.get("Finished On")):
            cert["expires"] = expires
        if row.get("License Number"):
            cert["credential_id"] = row["License Number"]
        if (row.get("Url") or "").startswith(("http://", "https://")):
            cert["url"] = row["Url"]
        certifications.append(cert)
    data["certifications"] = certifications

    languages = []
    for index, row in enumerate(tables.get("languages") or []):
        if not row.get("Name"):
            continue
        wording = " ".join((row.get("Proficiency") or "").replace("_", " ").lower().split())
        level = PROFICIENCY.get(wording)
        marker = f"lang{index}"
        if level:
            comments[marker] = (
                f"niveau CECRL deviné d'après LinkedIn : « {row.get('Proficiency')} » — vérifiez-le"
            )
        else:
            level = "B1"
            comments[marker] = (
                f"niveau inconnu sur LinkedIn ({row.get('Proficiency') or 'vide'}) — B1 par défaut, corrigez-le"
            )
        languages.append({"name": row["Name"], "level": f"{level}@@{marker}@@"})
    data["languages"] = languages

    data["skills"] = [
        {"name": row["Name"]} for row in tables.get("skills") or [] if row.get("Name")
    ]

    taken: set[str] = set()
    achievements = []
    for row in tables.get("projects") or []:
        if not row.get("Title"):
            continue
        start, end = _period(row, "Started On", "Finished On")
        item = {"id": slug(row["Title"], taken), "title": row["Title"]}
        if start:
            item["start"] = start
            if end:
                item["end"] = end
        if row.get("Description"):
            item["body"] = row["Description"]
        if (row.get("Url") or "").startswith(("http://", "https://")):
            item["links"] = [{"label": "Lien", "url": row["Url"]}]
        achievements.append(item)
    data["achievements"] = achievements

    activities = []
    for row in tables.get("publications") or []:
        date = parse_date(row.get("Published On"))
        if not (row.get("Name") and date):
            unmapped.append(f"Publications.csv : « {row.get('Name', '')} » sans date — non importé")
            continue
        url = row.get("Url") if (row.get("Url") or "").startswith(("http://", "https://")) else None
        item = {"kind": "article", "title": row["Name"], "date": date}
        activities.append(
            item | present(url=url, venue=row.get("Publisher"), summary=row.get("Description"))
        )
    for row in tables.get("honors") or []:
        date = parse_date(row.get("Issued On"))
        if not (row.get("Title") and date):
            unmapped.append(f"Honors.csv : « {row.get('Title', '')} » sans date — non importé")
            continue
        item = {"kind": "other", "title": row["Title"], "date": date}
        activities.append(item | present(summary=row.get("Description")))
    data["activities"] = activities

    recommendations = []
    hidden = 0
    for row in tables.get("recommendations received") or []:
        if (row.get("Status") or "VISIBLE").upper() != "VISIBLE":
            hidden += 1
            continue
        if not row.get("Text"):
            continue
        author = " ".join(p for p in (row.get("First Name"), row.get("Last Name")) if p) or "?"
        rec: dict[str, Any] = {"author": author}
        if row.get("Job Title"):
            rec["role"] = row["Job Title"]
        if row.get("Company"):
            rec["organization"] = row["Company"]
        if date := parse_date(row.get("Creation Date")):
            rec["date"] = date
        rec["text"] = row["Text"]
        recommendations.append(rec)
    data["recommendations"] = recommendations
    if hidden:
        unmapped.append(
            f"Recommendations_Received.csv : {hidden} recommandation(s) non visible(s) ignorée(s)"
        )

    courses = [row["Name"] for row in tables.get("courses") or [] if row.get("Name")]
    if courses:
        unmapped.append(
            "Courses.csv : cours sans équivalent, à citer dans une formation : "
            + ", ".join(courses)
        )
    endorsements = len(tables.get("endorsement received info") or [])
    if endorsements:
        unmapped.append(
            f"Endorsement_Received_Info.csv : {endorsements} recommandation(s) de compétences non importée(s)"
        )

    data["strengths"] = []
    data["improvements"] = []
    data["competencies"] = {"items": []}
    result.counts = {key: len(value) for key, value in data.items() if isinstance(value, list)}
    return result
