"""The model's value types and rules, without files."""

from __future__ import annotations

import pytest

from profile_gen.errors import ProfileError
from profile_gen.profile.fields import PRESENT, EndDate, Localized, PartialDate
from profile_gen.profile.loader import load, load_text
from profile_gen.profile.model import Profile
from profile_gen.profile.readiness import assess
from tests.conftest import MINIMAL, SAMPLE


def test_partial_dates_parse_and_compare():
    assert str(PartialDate.parse("2024")) == "2024"
    assert str(PartialDate.parse(2024)) == "2024"
    assert str(PartialDate.parse("2024-09")) == "2024-09"
    assert str(PartialDate.parse("2024-02-29")) == "2024-02-29"
    assert EndDate.parse("present") is PRESENT
    assert PartialDate.parse("2023-12").precedes(PartialDate.parse("2024"))
    # same year at different precision: not certainly before
    assert not PartialDate.parse("2024-05").precedes(PartialDate.parse("2024"))
    assert PartialDate.parse("2024").precedes(PRESENT)
    with pytest.raises(ValueError):
        PartialDate.parse("present")


def test_yaml_dates_stay_as_written():
    profile = load_text(
        MINIMAL + "experience:\n  - title: T\n    organization: O\n"
        "    start: 2024-09-02\n    end: present\n"
    )
    assert str(profile.experience[0].start) == "2024-09-02"
    assert profile.experience[0].end.is_present


def test_localized_text_falls_back_to_primary_language():
    profile = load_text(
        "locale: [fr, en]\nidentity:\n  name: A\n  headline: {fr: Cheffe de projet}\n"
    )
    assert profile.text(profile.identity.headline, "en") == "Cheffe de projet"
    report = assess(profile)
    assert report.missing_translations["en"] == ["identity.headline"]


def test_plain_text_is_the_same_in_every_language():
    text = Localized.validate("Power BI")
    assert text.get("en", "fr") == text.get("fr", "fr") == "Power BI"
    assert text.has("en")


def test_locale_may_be_one_code():
    assert load_text("locale: en\n" + MINIMAL).locale == ["en"]
    assert load_text(MINIMAL).locale == ["fr"]


def test_contact_visibility_keeps_phone_off_the_web():
    profile = load_text(
        "identity:\n  name: A\n  headline: B\n  contact:\n    email: a@example.fr\n"
        "    phone: '+33 6 12 34 56 78'\n    address: 1 rue de la Paix, Paris\n"
    )
    contact = profile.identity.contact
    assert set(contact.shown_on("online")) == {"email"}
    assert set(contact.shown_on("annexe")) == {"email", "phone", "address"}


def test_private_contact_is_shown_nowhere():
    profile = load_text(
        "identity:\n  name: A\n  headline: B\n  contact:\n    email: a@example.fr\n"
        "    visibility: {email: private}\n"
    )
    assert profile.identity.contact.shown_on("annexe") == {}


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "ftp://example.com", "https://", "http://exa mple.com", "data:x"],
)
def test_only_http_links(url):
    with pytest.raises(ProfileError):
        load_text(MINIMAL + f"links:\n  book: '{url}'\n")


def test_links_are_kept_exactly_as_written():
    profile = load_text(MINIMAL + "links:\n  book: https://example.github.io/book\n")
    assert profile.links.book == "https://example.github.io/book"


def test_builtin_competencies_need_no_name():
    profile = load_text(
        MINIMAL + "competencies:\n  items:\n    - id: gestion-projets\n      level: 2\n"
    )
    assert profile.competencies.items[0].display_name().get("en", "fr") == "Project management"


def test_custom_framework_needs_names_and_own_scale():
    profile = load_text(
        MINIMAL + "competencies:\n  framework: Mon référentiel\n  scale:\n"
        "    - {level: 0, label: Débutant}\n    - {level: 1, label: Confirmé}\n"
        "  items:\n    - {id: data, name: Données, level: 1}\n"
        "improvements:\n  - {title: T, explanation: E, action_plan: P, target: 2026,"
        " competencies: [data]}\n"
    )
    assert profile.improvements[0].competencies == ["data"]


def test_default_defence_plan_is_exactly_five_minutes():
    profile = load_text(MINIMAL)
    assert sum(slide.seconds for slide in profile.defence.slides) == 300 == profile.defence.duration


def test_sample_is_valid_and_complete():
    profile = load(SAMPLE)
    assert profile.locale == ["fr", "en"]
    assert len(profile.strengths) == 10 and len(profile.improvements) == 10
    assert len(profile.achievements) >= 4 and all(a.body for a in profile.achievements[:4])
    assert len(profile.recommendations) >= 2
    for section in ("strengths", "improvements"):
        for item in getattr(profile, section):
            assert item.title.has("en") and not item.title.plain
    assert profile.identity.headline.has("en") and profile.summary.has("en")
    assert assess(profile).ready


def test_model_round_trips_through_its_serialization():
    profile = load(SAMPLE)
    again = Profile.model_validate(profile.model_dump(mode="json"))
    assert again == profile


def test_a_job_is_named_where_it_was_typed_though_shown_newest_first():
    """Jobs are kept newest first; every path a warning names is the one typed in the file
    (the first job written is `experience[0]`, even when it is the oldest)."""
    jobs = [
        ("Stage", "2019-01", "2019-06", "Premier écrit " + "x" * 2100, "fr"),
        ("Poste", "2023-01", None, "Le plus récent", "fr"),
        ("Alternance", "2020-09", "2022-08", "Au milieu", None),
    ]
    lines = ["locale: [fr, en]", "identity: {name: A B, headline: Cheffe}", "experience:"]
    for title, start, end, description, lang in jobs:
        lines += [f"  - title: {title}", "    organization: Org", f"    start: {start}"]
        lines += [f"    end: {end or 'present'}"]
        text = f"{{{lang}: '{description}'}}" if lang else f"'{description}'"
        lines += [f"    description: {text}"]
    profile = load_text("\n".join(lines) + "\n")
    assert [profile.text(job.title) for job in profile.experience] == [
        "Poste",
        "Alternance",
        "Stage",
    ]
    report = assess(profile)
    missing = report.missing_translations["en"]
    assert "experience[0].description" in missing and "experience[1].description" in missing
    assert "experience[2].description" not in missing  # one text for every language
    assert "experience[2].description" in report.plain_texts
    assert [(t.path, t.lang) for t in report.too_long_for_linkedin] == [
        ("experience[0].description", "fr")
    ]


@pytest.mark.parametrize("typed", ["b2", " B2 ", "“B2”", "« B2 »", "'B2'"])
def test_a_level_written_in_other_quotes_or_case_is_the_level(typed):
    """A word processor curls the quotes, a student types lower case: the level meant."""
    profile = load_text(
        f"identity: {{name: A, headline: B}}\nlanguages:\n  - name: Anglais\n    level: {typed!r}\n"
    )
    assert profile.languages[0].level == "B2"
