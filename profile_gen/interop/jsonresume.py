"""JSON Resume (https://jsonresume.org/schema) to and from the profile.

Export writes the standard sections in one language; everything JSON Resume has no place
for (strengths, improvements, competencies, defence, visibility, achievement details, ...)
goes under `meta.profile_gen`, so that importing the export gives the profile back.

A JSON Resume is usually put online, so the export follows the Book's visibility rule
(`Contact.shown_on("site")`): annexe-only or private contact items and a photo that is not
public are left out, unless the person asks for everything (`include_private=True`).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from profile_gen.interop import present
from profile_gen.interop.dates import parse_date
from profile_gen.interop.linkedin import slug
from profile_gen.profile.model import ActivityKind, ContractType, Profile
from profile_gen.site.render import localize

META_KEY = "profile_gen"
FLUENCY = {
    "native": "Native speaker",
    "C2": "Proficient (C2)",
    "C1": "Advanced (C1)",
    "B2": "Upper intermediate (B2)",
    "B1": "Intermediate (B1)",
    "A2": "Elementary (A2)",
    "A1": "Beginner (A1)",
}
SKILL_LEVELS = {1: "Beginner", 2: "Novice", 3: "Intermediate", 4: "Advanced", 5: "Master"}


def _dump(value: Any) -> Any:
    """A model value as JSON data (localized texts keep every language)."""
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json", exclude_none=True)
    if isinstance(value, list):
        return [_dump(item) for item in value]
    if hasattr(value, "serialize"):
        return value.serialize()
    return value


def _pick(model, *names: str) -> dict[str, Any]:
    return {
        name: _dump(getattr(model, name))
        for name in names
        if getattr(model, name) not in (None, [], {})
    }


def left_out(profile: Profile) -> list[str]:
    """What a default export leaves out: the contact items and the photo the Book hides."""
    contact = profile.identity.contact
    public = contact.shown_on("site")
    hidden = [
        name
        for name in ("email", "phone", "address", "city")
        if getattr(contact, name) is not None and name not in public
    ]
    if profile.identity.photo is not None and not contact.photo_shown_on("site"):
        hidden.append("photo")
    return hidden


def _public(profile: Profile) -> Profile:
    """The profile without what `left_out` names."""
    hidden = left_out(profile)
    if not hidden:
        return profile
    identity = profile.identity
    contact = identity.contact.model_copy(update={k: None for k in hidden if k != "photo"})
    update: dict[str, Any] = {"contact": contact}
    if "photo" in hidden:
        update["photo"] = None
    return profile.model_copy(update={"identity": identity.model_copy(update=update)})


def export(
    profile: Profile, lang: str | None = None, include_private: bool = False
) -> dict[str, Any]:
    """The profile as a JSON Resume in `lang`; see the module's note on visibility."""
    lang = lang or profile.primary_language
    if not include_private:
        profile = _public(profile)

    def t(value) -> str:
        return localize(value, lang, profile.primary_language)

    identity, contact = profile.identity, profile.identity.contact
    basics: dict[str, Any] = {"name": identity.name, "label": t(identity.headline)}
    if contact.email:
        basics["email"] = str(contact.email)
    if contact.phone:
        basics["phone"] = str(contact.phone)
    if profile.links.book:
        basics["url"] = str(profile.links.book)
    if profile.summary:
        basics["summary"] = t(profile.summary)
    location = {k: v for k, v in (("address", t(contact.address)), ("city", t(contact.city))) if v}
    if location:
        basics["location"] = location
    profiles = []
    if profile.links.linkedin:
        profiles.append({"network": "LinkedIn", "url": str(profile.links.linkedin)})
    profiles += [
        {"network": t(other.label), "url": str(other.url)} for other in profile.links.others
    ]
    if profiles:
        basics["profiles"] = profiles

    def dates(item) -> dict[str, str]:
        found = {}
        if getattr(item, "start", None):
            found["startDate"] = str(item.start)
        end = getattr(item, "end", None)
        if end and not end.is_present:
            found["endDate"] = str(end)
        return found

    work, volunteer, work_meta = [], [], []
    for job in profile.experience:
        entry: dict[str, Any] = {"position": t(job.title), **dates(job)}
        if job.location:
            entry["location"] = t(job.location)
        if job.description:
            entry["summary"] = t(job.description)
        if job.highlights:
            entry["highlights"] = [t(line) for line in job.highlights]
        if job.contract == ContractType.volunteer:
            volunteer.append({"organization": job.organization, **entry})
        else:
            work.append({"name": job.organization, **entry})
        work_meta.append(_pick(job, "title", "location", "contract", "description", "highlights"))

    education = [
        {"institution": item.institution, "studyType": t(item.degree), **dates(item)}
        | present(location=t(item.location), summary=t(item.description))
        for item in profile.education
    ]
    certificates = [
        {"name": t(cert.name), "date": str(cert.date), "issuer": cert.issuer}
        | present(url=cert.url and str(cert.url))
        for cert in profile.certifications
    ]
    publications = [
        {"name": t(activity.title), "releaseDate": str(activity.date)}
        | present(
            publisher=t(activity.venue),
            url=activity.url and str(activity.url),
            summary=t(activity.summary),
        )
        for activity in profile.activities
        if activity.kind == ActivityKind.article
    ]
    awards: list[dict] = []

    skills = []
    for skill in profile.skills:
        entry = {"name": t(skill.name)}
        if skill.level:
            entry["level"] = SKILL_LEVELS[skill.level]
        if skill.category:
            entry["keywords"] = [t(skill.category)]
        skills.append(entry)

    languages = [
        {"language": t(item.name), "fluency": FLUENCY[item.level.value]}
        for item in profile.languages
    ]
    references = [{"name": rec.author, "reference": t(rec.text)} for rec in profile.recommendations]

    projects = []
    for achievement in profile.achievements:
        entry = {"name": t(achievement.title), **dates(achievement)}
        if achievement.body:
            entry["description"] = t(achievement.body)
        if achievement.results:
            entry["highlights"] = [t(result) for result in achievement.results]
        if achievement.links:
            entry["url"] = str(achievement.links[0].url)
        projects.append(entry)

    meta = {
        "version": 1,
        "language": lang,
        "locale": list(profile.locale),
        "identity": _pick(identity, "headline", "family_name", "photo", "color")
        | {"contact": _pick(contact, "address", "city", "visibility")},
        "summary": _dump(profile.summary),
        "links_others": _dump(profile.links.others),
        "experience": work_meta,
        "education": [
            _pick(item, "degree", "location", "description") for item in profile.education
        ],
        "certifications": [
            _pick(item, "name", "expires", "credential_id") for item in profile.certifications
        ],
        "languages": [
            _pick(item, "name", "level", "certificate", "europass") for item in profile.languages
        ],
        "skills": [_pick(item, "name", "category", "level") for item in profile.skills],
        "achievements": [_dump(item) for item in profile.achievements],
        "activities": [_dump(item) for item in profile.activities],
        "recommendations": [_dump(item) for item in profile.recommendations],
        "strengths": _dump(profile.strengths),
        "improvements": _dump(profile.improvements),
        "competencies": _dump(profile.competencies),
        "defence": _dump(profile.defence),
    }
    resume: dict[str, Any] = {
        "$schema": "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json",
        "basics": basics,
        "work": work,
        "volunteer": volunteer,
        "education": education,
        "awards": awards,
        "certificates": certificates,
        "publications": publications,
        "skills": skills,
        "languages": languages,
        "interests": [],
        "references": references,
        "projects": projects,
        "meta": {META_KEY: meta},
    }
    return resume


# --------------------------------------------------------------------------- import


def _level(fluency: str | None) -> tuple[str, bool]:
    """A CEFR level from JSON Resume's free `fluency`, and whether it was guessed."""
    text = (fluency or "").strip()
    if match := re.search(r"\b([ABC][12])\b", text.upper()):
        return match.group(1), False
    lowered = text.lower()
    for words, level in (
        (("native", "bilingual", "maternelle"), "native"),
        (("full professional", "fluent", "proficient", "courant"), "C1"),
        (("professional working", "advanced", "upper"), "B2"),
        (("limited working", "intermediate", "conversational"), "B1"),
        (("elementary", "basic", "beginner", "notions"), "A2"),
    ):
        if any(word in lowered for word in words):
            return level, True
    return "B1", True


def _date(value: Any) -> str | None:
    return parse_date(str(value)) if value else None


def _with_meta(standard: list[dict], extras: Any) -> list[dict]:
    """Standard entries completed by the exported extras of the same position."""
    extras = (
        [item if isinstance(item, dict) else {} for item in extras]
        if isinstance(extras, list)
        else []
    )
    return [{**entry, **(extras[i] if i < len(extras) else {})} for i, entry in enumerate(standard)]


SECTIONS = (
    "work",
    "volunteer",
    "education",
    "awards",
    "certificates",
    "publications",
    "skills",
    "languages",
    "interests",
    "references",
    "projects",
)


def _value(value: Any) -> Any:
    """A JSON Resume field as text, a list of texts or a mapping; anything else is dropped."""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, list):
        return [item for item in (_value(v) for v in value) if isinstance(item, str)]
    if isinstance(value, dict):
        return _entry(value)
    return None


LIST_FIELDS = {"highlights", "keywords", "courses", "roles"}
"""JSON Resume fields that hold a list of texts; every other field is one text."""


def _entry(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        return {}
    entry = {}
    for key, item in value.items():
        shaped = _value(item)
        if isinstance(shaped, list) != (key in LIST_FIELDS) or isinstance(shaped, dict):
            continue  # not the type the schema gives this field (mappings are read apart)
        if shaped is not None:
            entry[str(key)] = shaped
    return entry


def _entries(value: Any) -> list[dict[str, Any]]:
    return (
        [_entry(item) for item in value if isinstance(item, dict)]
        if isinstance(value, list)
        else []
    )


def _shape(resume: dict[str, Any]) -> dict[str, Any]:
    """The resume with the types the schema promises: a file from another tool may not."""
    basics = _entry(resume.get("basics"))
    basics["location"] = _entry(
        (resume.get("basics") or {}).get("location")
        if isinstance(resume.get("basics"), dict)
        else None
    )
    basics["profiles"] = _entries(
        (resume.get("basics") or {}).get("profiles")
        if isinstance(resume.get("basics"), dict)
        else None
    )
    shaped: dict[str, Any] = {"basics": basics}
    for section in SECTIONS:
        shaped[section] = _entries(resume.get(section))
    meta = resume.get("meta")
    ours = meta.get(META_KEY) if isinstance(meta, dict) else None
    shaped["meta"] = {META_KEY: ours} if isinstance(ours, dict) else {}
    return shaped


def from_jsonresume(resume: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Profile data and the report lines of what could not be mapped."""
    resume = _shape(resume)
    meta = (resume.get("meta") or {}).get(META_KEY) or {}
    unmapped: list[str] = []
    basics = resume.get("basics") or {}
    contact: dict[str, Any] = {}
    if basics.get("email"):
        contact["email"] = basics["email"]
    if basics.get("phone"):
        contact["phone"] = basics["phone"]
    location = basics.get("location") or {}
    city = ", ".join(
        v for v in (location.get("city"), location.get("region"), location.get("countryCode")) if v
    )
    if city:
        contact["city"] = city
    if location.get("address"):
        contact["address"] = location["address"]
    contact.update((meta.get("identity") or {}).get("contact") or {})
    identity: dict[str, Any] = {
        "name": basics.get("name") or "Prénom Nom",
        "headline": basics.get("label") or "À compléter",
    }
    identity.update({k: v for k, v in (meta.get("identity") or {}).items() if k != "contact"})
    if contact:
        identity["contact"] = contact
    if basics.get("image"):
        unmapped.append(f"basics.image ({basics['image']}) : ajoutez la photo dans identity.photo")

    links: dict[str, Any] = {}
    if basics.get("url"):
        links["book"] = basics["url"]
    others = []
    for item in basics.get("profiles") or []:
        url = item.get("url") or ""
        if "linkedin.com" in url.lower() and "linkedin" not in links:
            links["linkedin"] = url
        elif url.startswith(("http://", "https://")):
            others.append(
                {"label": item.get("network") or item.get("username") or "Lien", "url": url}
            )
    if meta.get("links_others") is not None:
        others = meta["links_others"]
    if others:
        links["others"] = others

    data: dict[str, Any] = {
        "locale": meta.get("locale") or "fr",
        "identity": identity,
        "links": links,
    }
    if meta.get("summary") or basics.get("summary"):
        data["summary"] = meta.get("summary") or basics["summary"]

    def period(entry: dict, label: str) -> dict[str, str] | None:
        start = _date(entry.get("startDate"))
        if not start:
            unmapped.append(f"{label} : sans startDate — non importé")
            return None
        return {"start": start, "end": _date(entry.get("endDate")) or "present"}

    experience = []
    work_meta = list(meta.get("experience") or [])
    standard_jobs = [
        ("work", job, job.get("name") or job.get("company")) for job in resume.get("work") or []
    ]
    standard_jobs += [
        ("volunteer", job, job.get("organization")) for job in resume.get("volunteer") or []
    ]
    if work_meta and len(work_meta) == len(standard_jobs):
        order = _export_order(meta, standard_jobs)
    else:
        order = list(range(len(standard_jobs)))
    jobs_by_position = {}
    for position, (kind, job, organization) in zip(order, standard_jobs, strict=True):
        dated = period(job, f"{kind} « {job.get('position', '')} »")
        if not dated:
            continue
        entry: dict[str, Any] = {
            "title": job.get("position") or "?",
            "organization": organization or "?",
        }
        if job.get("location"):
            entry["location"] = job["location"]
        if kind == "volunteer":
            entry["contract"] = "volunteer"
        entry.update(dated)
        if job.get("summary"):
            entry["description"] = job["summary"]
        if job.get("highlights"):
            entry["highlights"] = job["highlights"]
        if position < len(work_meta):
            entry.update(work_meta[position])
        jobs_by_position[position] = entry
    experience = [jobs_by_position[i] for i in sorted(jobs_by_position)]
    data["experience"] = experience

    education = []
    for item in resume.get("education") or []:
        dated = period(item, f"education « {item.get('institution', '')} »")
        if not dated:
            continue
        degree = " ".join(v for v in (item.get("studyType"), item.get("area")) if v) or item.get(
            "institution"
        )
        entry = {"degree": degree or "?", "institution": item.get("institution") or "?", **dated}
        if item.get("location"):
            entry["location"] = item["location"]
        description = item.get("summary") or ""
        if item.get("courses"):
            description = (description + "\n\n" if description else "") + "\n".join(
                f"- {c}" for c in item["courses"]
            )
        if description:
            entry["description"] = description
        education.append(entry)
    data["education"] = _with_meta(education, meta.get("education"))

    certifications = []
    for cert in resume.get("certificates") or []:
        date = _date(cert.get("date"))
        if not date:
            unmapped.append(f"certificates « {cert.get('name', '')} » : sans date — non importé")
            continue
        entry = {"name": cert.get("name") or "?", "issuer": cert.get("issuer") or "?", "date": date}
        if cert.get("url"):
            entry["url"] = cert["url"]
        certifications.append(entry)
    data["certifications"] = _with_meta(certifications, meta.get("certifications"))

    languages = []
    for item in resume.get("languages") or []:
        level, guessed = _level(item.get("fluency"))
        if guessed and not meta.get("languages"):
            unmapped.append(
                f"languages « {item.get('language')} » : niveau « {item.get('fluency')} » deviné : {level}"
            )
        languages.append({"name": item.get("language") or "?", "level": level})
    data["languages"] = _with_meta(languages, meta.get("languages"))

    skills = [{"name": item["name"]} for item in resume.get("skills") or [] if item.get("name")]
    data["skills"] = _with_meta(skills, meta.get("skills")) if meta.get("skills") else skills

    if meta.get("achievements") is not None:
        data["achievements"] = meta["achievements"]
    else:
        taken: set[str] = set()
        achievements = []
        for project in resume.get("projects") or []:
            if not project.get("name"):
                continue
            entry = {"id": slug(project["name"], taken), "title": project["name"]}
            if start := _date(project.get("startDate")):
                entry["start"] = start
                if end := _date(project.get("endDate")):
                    entry["end"] = end
            if project.get("description"):
                entry["body"] = project["description"]
            if project.get("highlights"):
                entry["results"] = project["highlights"]
            if project.get("url"):
                entry["links"] = [{"label": "Lien", "url": project["url"]}]
            achievements.append(entry)
        data["achievements"] = achievements

    if meta.get("activities") is not None:
        data["activities"] = meta["activities"]
    else:
        activities = []
        for item in resume.get("publications") or []:
            date = _date(item.get("releaseDate"))
            if not (item.get("name") and date):
                unmapped.append(
                    f"publications « {item.get('name', '')} » : sans date — non importé"
                )
                continue
            entry = {"kind": "article", "title": item["name"], "date": date}
            for source, target in (("url", "url"), ("publisher", "venue"), ("summary", "summary")):
                if item.get(source):
                    entry[target] = item[source]
            activities.append(entry)
        for item in resume.get("awards") or []:
            date = _date(item.get("date"))
            if not (item.get("title") and date):
                unmapped.append(f"awards « {item.get('title', '')} » : sans date — non importé")
                continue
            entry = {"kind": "other", "title": item["title"], "date": date}
            if item.get("awarder"):
                entry["venue"] = item["awarder"]
            if item.get("summary"):
                entry["summary"] = item["summary"]
            activities.append(entry)
        data["activities"] = activities

    if meta.get("recommendations") is not None:
        data["recommendations"] = meta["recommendations"]
    else:
        data["recommendations"] = [
            {"author": item.get("name") or "?", "text": item["reference"]}
            for item in resume.get("references") or []
            if item.get("reference")
        ]
    for key in ("strengths", "improvements", "competencies", "defence"):
        if meta.get(key) is not None:
            data[key] = meta[key]
    data.setdefault("strengths", [])
    data.setdefault("improvements", [])
    interests = [item.get("name") for item in resume.get("interests") or [] if item.get("name")]
    if interests:
        unmapped.append("interests : sans équivalent dans le profil : " + ", ".join(interests))
    for item in resume.get("skills") or []:
        if item.get("keywords") and not meta.get("skills"):
            unmapped.append(
                f"skills « {item.get('name')} » : mots-clés non repris ({', '.join(item['keywords'])})"
            )
    return data, unmapped


def drop_missing_files(data: dict[str, Any], folder: Path) -> list[str]:
    """Remove the photo and images whose files are not beside the new profile; report them."""
    report = []
    photo = data.get("identity", {}).get("photo")
    if photo and not (folder / photo["path"]).is_file():
        del data["identity"]["photo"]
        report.append(
            f"identity.photo : copiez {photo['path']} à côté du profil, puis rajoutez identity.photo"
        )
    for achievement in data.get("achievements") or []:
        kept = [
            image for image in achievement.get("images") or [] if (folder / image["path"]).is_file()
        ]
        for image in achievement.get("images") or []:
            if image not in kept:
                report.append(
                    f"achievements « {achievement.get('id')} » : image {image['path']} absente, retirée"
                )
        if "images" in achievement:
            achievement["images"] = kept
    return report


def _export_order(meta: dict, standard_jobs: list) -> list[int]:
    """Positions of the exported jobs in the profile's experience list (work first, then
    volunteer in the export; the profile interleaves them)."""
    contracts = [entry.get("contract") for entry in meta.get("experience") or []]
    work_positions = [i for i, c in enumerate(contracts) if c != "volunteer"]
    volunteer_positions = [i for i, c in enumerate(contracts) if c == "volunteer"]
    kinds = [kind for kind, _, _ in standard_jobs]
    if kinds.count("work") != len(work_positions):
        return list(range(len(standard_jobs)))
    return work_positions + volunteer_positions
