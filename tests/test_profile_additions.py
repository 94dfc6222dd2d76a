"""What the profile can hold now: skills with keywords, interests, national phone numbers;
shown in the Book and the CV, carried by both importers and the JSON Resume export."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from bs4 import BeautifulSoup

from profile_gen.interop.fit import fit
from profile_gen.interop.jsonresume import export, from_jsonresume
from profile_gen.profile.formats import Phone
from profile_gen.profile.loader import load, load_text
from profile_gen.profile.model import Profile
from tests.conftest import MINIMAL, ROOT, SAMPLE, copy_sample

FIXTURE = Path(__file__).parent / "fixtures/jsonresume/sample.resume.json"


@pytest.mark.parametrize(
    "number",
    [
        "(512) 555-0188",
        "+1 (512) 555-0188",
        "+33 6 12 34 56 78",
        "06.12.34.56.78",
        "06-12-34-56-78",
        "+44 (0)20 7946 0958",
        "0612345678",
    ],
)
def test_common_national_phone_forms_are_accepted(number):
    assert str(Phone.parse(number)) == number


@pytest.mark.parametrize(
    "number",
    ["12345", "abc", "+33 6 12 ab", "555-0188-", "(512 555-0188", "+33 6 12 34 56 78 90 12 34"],
)
def test_what_is_not_a_phone_number_is_still_refused(number):
    from pydantic_core import PydanticCustomError

    with pytest.raises(PydanticCustomError):
        Phone.parse(number)


INTERESTS = """\
skills:
  - name: { fr: Langages de programmation, en: Programming languages }
    keywords: [Python, TypeScript]
  - name: SQL
interests:
  - Randonnée
  - { fr: Musique, en: Music }
  - name: { fr: Photographie, en: Photography }
    keywords: [Argentique]
"""


def test_skill_keywords_and_interests_are_in_the_model_and_the_schema(write_profile):
    profile = load(write_profile(MINIMAL + INTERESTS))
    assert [profile.text(word) for word in profile.skills[0].keywords] == ["Python", "TypeScript"]
    assert profile.skills[1].keywords == []  # a skill without keywords stays valid
    names = [profile.text(interest.name, "en") for interest in profile.interests]
    assert names == ["Randonnée", "Music", "Photography"]
    schema = json.loads((ROOT / "profile.schema.json").read_text("utf-8"))
    jsonschema.validate(yaml.safe_load(MINIMAL + INTERESTS), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(yaml.safe_load(MINIMAL + "interests: [{keywords: [x]}]"), schema)


def test_an_interest_needs_a_name(write_profile):
    from profile_gen.errors import ProfileError

    with pytest.raises(ProfileError, match=r"interests\[0\]\.name"):
        load(write_profile(MINIMAL + "interests:\n  - {keywords: [Piano]}\n"))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("additions")
    copy_sample(root, "  - name: SQL\n", "  - name: SQL\n    keywords: [PostgreSQL, SQLite]\n")
    from profile_gen.app import cli

    settings = str(root / "pelican.conf.py")
    code = cli.main(["build", "--settings", settings, "--formats", ""])  # the pages only
    assert code == 0
    return root / "output"


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _skills_page(folder: Path) -> BeautifulSoup:
    """The skills page of one language (found by content: other branches rename paths)."""
    for path in sorted(folder.glob("*/index.html")):
        soup = _soup(path)
        if soup.find("h2", id="skills"):
            return soup
    raise AssertionError(f"no skills page in {folder}")


def test_the_books_skills_page_shows_keywords_and_interests(built):
    for folder, heading, music in (
        (built, "Centres d’intérêt", "Musique"),  # French typography: ’
        (built / "en", "Interests", "Music"),
    ):
        soup = _skills_page(folder)
        keywords = soup.select("ul.keywords li")
        assert [li.get_text() for li in keywords] == ["PostgreSQL", "SQLite"]
        section = soup.find(id="interests").find_parent("section")
        assert section.find("h2").get_text() == heading
        assert music in section.get_text() and "Piano, Jazz" in section.get_text()


def test_the_cv_shows_keywords_and_interests(built):
    soup = _soup(built / "cv/index.html")
    assert "SQL (PostgreSQL, SQLite)" in soup.select_one(".cv-skills").get_text()
    assert soup.select_one(".cv-interests").get_text() == "Course à pied · Musique"


def test_json_resumes_own_sample_keeps_keywords_interests_and_phone(tmp_path, run_cli):
    target = tmp_path / "p/profile.yaml"
    result = run_cli("import", "jsonresume", str(FIXTURE), "-o", str(target))
    assert result.code == 0, result.err
    assert "mots-clés non repris" not in result.out and "valeur non reprise" not in result.out
    profile = load(target)
    assert str(profile.identity.contact.phone) == "(512) 555-0188"
    skills = {profile.text(s.name): [profile.text(k) for k in s.keywords] for s in profile.skills}
    assert skills == {
        "Programming Languages": ["Python", "TypeScript", "Go"],
        "Data": ["SQL", "dbt"],
    }
    assert [s.level for s in profile.skills] == [5, 4]
    assert [
        (profile.text(i.name), [profile.text(k) for k in i.keywords]) for i in profile.interests
    ] == [
        ("Cycling", ["Gravel", "Touring"]),
        ("Board games", []),
    ]
    project = profile.achievements[0]
    assert [profile.text(s) for s in project.skills] == ["Python", "SQLite"]
    assert project.organization == "Example Data Co"


def test_the_export_carries_keywords_interests_and_phone_and_comes_back_whole(write_profile):
    text = (SAMPLE.read_text("utf-8")).replace(
        "  - name: SQL\n", "  - name: SQL\n    keywords: [PostgreSQL, SQLite]\n", 1
    )
    profile = load_text(text)
    resume = export(profile, "en", include_private=True)
    sql = next(skill for skill in resume["skills"] if skill["name"] == "SQL")
    assert sql["keywords"] == ["PostgreSQL", "SQLite"]
    assert resume["interests"] == [
        {"name": "Running"},
        {"name": "Music", "keywords": ["Piano", "Jazz"]},
    ]
    assert resume["basics"]["phone"] == str(profile.identity.contact.phone)
    data, _ = from_jsonresume(json.loads(json.dumps(resume)))
    assert Profile.model_validate(data) == profile
    # without our meta, another tool's reader still gets them
    resume.pop("meta")
    data, _ = fit(from_jsonresume(resume)[0])
    again = Profile.model_validate(data)
    assert [again.text(k) for k in again.skills[4].keywords] == ["PostgreSQL", "SQLite"]
    assert [again.text(i.name) for i in again.interests] == ["Running", "Music"]
