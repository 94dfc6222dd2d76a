"""Profile -> JSON Resume, in one language, with the rest under `meta.profile_gen`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from profile_gen.interop.mapping import present
from profile_gen.profile.fields import localize
from profile_gen.profile.model import ActivityKind, ContractType, Profile

META_KEY = "profile_gen"
SCHEMA_URL = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"
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

Say = Callable[[Any], str]


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


def _dates(item) -> dict[str, str]:
    found = {}
    if getattr(item, "start", None):
        found["startDate"] = str(item.start)
    end = getattr(item, "end", None)
    if end and not end.is_present:
        found["endDate"] = str(end)
    return found


def _basics(profile: Profile, t: Say) -> dict[str, Any]:
    identity, contact, links = profile.identity, profile.identity.contact, profile.links
    basics: dict[str, Any] = {"name": identity.name, "label": t(identity.headline)}
    basics |= present(
        email=contact.email and str(contact.email),
        phone=contact.phone and str(contact.phone),
        url=links.book and str(links.book),
        summary=t(profile.summary),
        location=present(address=t(contact.address), city=t(contact.city)),
    )
    profiles = [{"network": "LinkedIn", "url": str(links.linkedin)}] if links.linkedin else []
    profiles += [{"network": t(other.label), "url": str(other.url)} for other in links.others]
    return basics | present(profiles=profiles)


def _jobs(profile: Profile, t: Say) -> tuple[list[dict], list[dict]]:
    work, volunteer = [], []
    for job in profile.experience:
        entry: dict[str, Any] = {"position": t(job.title), **_dates(job)}
        entry |= present(
            location=t(job.location),
            summary=t(job.description),
            highlights=[t(line) for line in job.highlights],
        )
        if job.contract == ContractType.volunteer:
            volunteer.append({"organization": job.organization, **entry})
        else:
            work.append({"name": job.organization, **entry})
    return work, volunteer


def _skills(profile: Profile, t: Say) -> list[dict]:
    """A skill's keywords are JSON Resume's `keywords`; its category comes first among them
    when it has no keywords of its own (the way other tools group skills)."""
    skills = []
    for skill in profile.skills:
        keywords = [t(word) for word in skill.keywords] or (
            [t(skill.category)] if skill.category else []
        )
        level = SKILL_LEVELS.get(skill.level or 0)
        skills.append({"name": t(skill.name)} | present(level=level, keywords=keywords))
    return skills


def _projects(profile: Profile, t: Say) -> list[dict]:
    projects = []
    for achievement in profile.achievements:
        entry = {"name": t(achievement.title), **_dates(achievement)}
        entry |= present(
            description=t(achievement.body),
            highlights=[t(result) for result in achievement.results],
            url=str(achievement.links[0].url) if achievement.links else None,
        )
        projects.append(entry)
    return projects


def _sections(profile: Profile, t: Say) -> dict[str, Any]:
    """The standard sections after `basics`, in the schema's order."""
    work, volunteer = _jobs(profile, t)
    return {
        "work": work,
        "volunteer": volunteer,
        "education": [
            {"institution": item.institution, "studyType": t(item.degree), **_dates(item)}
            | present(location=t(item.location), summary=t(item.description))
            for item in profile.education
        ],
        "awards": [],
        "certificates": [
            {"name": t(cert.name), "date": str(cert.date), "issuer": cert.issuer}
            | present(url=cert.url and str(cert.url))
            for cert in profile.certifications
        ],
        "publications": [
            {"name": t(activity.title), "releaseDate": str(activity.date)}
            | present(
                publisher=t(activity.venue),
                url=activity.url and str(activity.url),
                summary=t(activity.summary),
            )
            for activity in profile.activities
            if activity.kind == ActivityKind.article
        ],
        "skills": _skills(profile, t),
        "languages": [
            {"language": t(item.name), "fluency": FLUENCY[item.level.value]}
            for item in profile.languages
        ],
        "interests": [
            {"name": t(item.name)} | present(keywords=[t(word) for word in item.keywords])
            for item in profile.interests
        ],
        "references": [
            {"name": rec.author, "reference": t(rec.text)} for rec in profile.recommendations
        ],
        "projects": _projects(profile, t),
    }


def _meta(profile: Profile, lang: str) -> dict[str, Any]:
    """Everything needed to give the profile back, in every language."""
    identity = profile.identity
    return {
        "version": 1,
        "language": lang,
        "locale": list(profile.locale),
        "identity": _pick(identity, "headline", "family_name", "photo", "color")
        | {"contact": _pick(identity.contact, "address", "city", "visibility")},
        "summary": _dump(profile.summary),
        "links_others": _dump(profile.links.others),
        "experience": [
            _pick(job, "title", "location", "contract", "description", "highlights")
            for job in profile.experience
        ],
        "education": [
            _pick(item, "degree", "location", "description") for item in profile.education
        ],
        "certifications": [
            _pick(item, "name", "expires", "credential_id") for item in profile.certifications
        ],
        "languages": [
            _pick(item, "name", "level", "certificate", "europass") for item in profile.languages
        ],
        "skills": [  # keywords even when empty: the standard ones may hold the category
            _pick(item, "name", "category", "level") | {"keywords": _dump(item.keywords)}
            for item in profile.skills
        ],
        "interests": _dump(profile.interests),
        "achievements": _dump(profile.achievements),
        "activities": _dump(profile.activities),
        "recommendations": _dump(profile.recommendations),
        "strengths": _dump(profile.strengths),
        "improvements": _dump(profile.improvements),
        "competencies": _dump(profile.competencies),
        "defence": _dump(profile.defence),
    }


def left_out(profile: Profile) -> list[str]:
    """What a default export leaves out: the contact items and the photo the Book hides."""
    return profile.identity.hidden_on("online")


def export(
    profile: Profile, lang: str | None = None, include_private: bool = False
) -> dict[str, Any]:
    """The profile as a JSON Resume in `lang` (default: the profile's primary language).

    A JSON Resume is usually put online, so the export follows the Book's visibility rule
    (`Contact.shown_on("online")`): annexe-only or private contact items and a photo that is
    not public are left out, unless the person asks for everything (`include_private`)."""
    lang = lang or profile.primary_language
    if not include_private:
        profile = profile.as_shown_on("online")  # without what `left_out` names

    def t(value) -> str:
        return localize(value, lang, profile.primary_language)

    return {
        "$schema": SCHEMA_URL,
        "basics": _basics(profile, t),
        **_sections(profile, t),
        "meta": {META_KEY: _meta(profile, lang)},
    }
