"""Import from LinkedIn's data export and JSON Resume; export to JSON Resume."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from profile_gen.interop.archive import read_export
from profile_gen.interop.dates import parse_date
from profile_gen.interop.jsonresume import export, from_jsonresume
from profile_gen.profile.loader import load
from profile_gen.profile.model import Profile
from tests.conftest import MINIMAL, ROOT, SAMPLE

RESUME_SECTIONS = (
    "basics",
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
"""The sections of the JSON Resume schema (written out here, not taken from the code)."""

EXPECTED_TABLES = {
    "profile",
    "profile summary",
    "positions",
    "education",
    "skills",
    "languages",
    "certifications",
    "projects",
    "publications",
    "honors",
    "courses",
    "recommendations received",
    "volunteering",
    "email addresses",
    "phone numbers",
}
COLUMNS = [
    "First Name",
    "Last Name",
    "Headline",
    "Summary",
    "Geo Location",
    "Websites",
    "Profile Summary",
    "Company Name",
    "Title",
    "Description",
    "Location",
    "Started On",
    "Finished On",
    "School Name",
    "Start Date",
    "End Date",
    "Degree Name",
    "Name",
    "Proficiency",
    "Url",
    "Authority",
    "License Number",
    "Published On",
    "Publisher",
    "Issued On",
    "Text",
    "Creation Date",
    "Status",
    "Job Title",
    "Company",
    "Role",
    "Email Address",
    "Primary",
    "Number",
]


def csv_text(header: list[str], rows: list[list[str]], notes: str | None = None) -> str:
    out = io.StringIO()
    if notes:
        out.write(f'Notes:\n"{notes}"\n\n')
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return "\ufeff" + out.getvalue()


def linkedin_files() -> dict[str, str]:
    """An export as LinkedIn writes it: real file names, headers and value formats."""
    return {
        "Profile.csv": csv_text(
            [
                "First Name",
                "Last Name",
                "Maiden Name",
                "Address",
                "Birth Date",
                "Headline",
                "Summary",
                "Industry",
                "Zip Code",
                "Geo Location",
                "Twitter Handles",
                "Websites",
                "Instant Messengers",
            ],
            [
                [
                    "Camille",
                    "Durand",
                    "",
                    "",
                    "Dec 4",
                    "Cheffe de projet SI",
                    "Résumé court",
                    "IT",
                    "",
                    "Lyon, Auvergne-Rhône-Alpes, France",
                    "",
                    "[PERSONAL:https://camille.example.fr,PORTFOLIO:https://book.example.fr]",
                    "",
                ]
            ],
        ),
        "Profile Summary.csv": csv_text(
            ["Profile Summary"], [["Je pilote des projets.\nLigne deux, avec virgule."]]
        ),
        "Positions.csv": csv_text(
            ["Company Name", "Title", "Description", "Location", "Started On", "Finished On"],
            [
                [
                    "Transalp",
                    "Cheffe de projet",
                    "Migration ERP,\n180 utilisateurs",
                    "Lyon",
                    "Sep 2024",
                    "",
                ],
                ["Mairie", "Technicienne", "Support", "Bron", "Sep 2021", "Aug 2023"],
                ["Sans date", "Stagiaire", "", "", "", ""],
            ],
        ),
        "Education.csv": csv_text(
            ["School Name", "Start Date", "End Date", "Notes", "Degree Name", "Activities"],
            [
                ["Epitech Digital School", "2024", "2026", "", "Master MSI", "BDE"],
                ["Lycée", "", "2021", "", "", ""],
            ],
        ),
        "Skills.csv": csv_text(["Name"], [["Gestion de projet"], ["SQL"]]),
        "Languages.csv": csv_text(
            ["Name", "Proficiency"],
            [
                ["Anglais", "Professional working proficiency"],
                ["Espagnol", "ELEMENTARY_PROFICIENCY"],
                ["Français", "Native or bilingual proficiency"],
                ["Italien", ""],
            ],
        ),
        "Certifications.csv": csv_text(
            ["Name", "Url", "Authority", "Started On", "Finished On", "License Number"],
            [["PSM I", "https://www.scrum.org/x", "Scrum.org", "Mar 2025", "", "123"]],
        ),
        "Projects.csv": csv_text(
            ["Title", "Description", "Url", "Started On", "Finished On"],
            [["Migration de l'ERP", "Bascule en un week-end", "", "Oct 2024", "Jun 2025"]],
        ),
        "Publications.csv": csv_text(
            ["Name", "Published On", "Description", "Publisher", "Url"],
            [
                [
                    "Migrer un ERP",
                    "Jan 30, 2020",
                    "Retour d'expérience",
                    "LinkedIn",
                    "https://www.linkedin.com/pulse/x",
                ],
                ["Vieux billet", "Apr 2012", "", "Blog", ""],
            ],
        ),
        "Honors.csv": csv_text(
            ["Title", "Description", "Issued On"], [["Prix du hackathon", "1er prix", "Nov 2024"]]
        ),
        "Courses.csv": csv_text(["Name", "Number"], [["Droit du numérique", ""]]),
        "Recommendations_Received.csv": csv_text(
            ["First Name", "Last Name", "Company", "Job Title", "Text", "Creation Date", "Status"],
            [
                [
                    "Sophie",
                    "Garnier",
                    "Transalp",
                    "DSI",
                    "Camille est rigoureuse,\net calme.",
                    "03/14/11, 01:52 AM",
                    "VISIBLE",
                ],
                ["Paul", "Caché", "X", "Y", "En attente", "03/15/11, 01:52 AM", "PENDING"],
            ],
            notes="When recommendations are shown, they appear on your profile.",
        ),
        "Email Addresses.csv": csv_text(
            ["Email Address", "Confirmed", "Primary", "Updated On"],
            [["old@example.fr", "Yes", "No", ""], ["camille@example.fr", "Yes", "Yes", ""]],
        ),
        "PhoneNumbers.csv": csv_text(
            ["Extension", "Number", "Type"], [["", "+33 6 00 00 00 00", "Mobile"]]
        ),
        "Endorsement_Received_Info.csv": '\ufeffNotes:\n"No endorsements"\n\n',  # placeholder only
    }


def make_zip(
    path: Path, files: dict[str, str], folder: str = "Basic_LinkedInDataExport_11-28-2026/"
) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in files.items():
            archive.writestr(folder + name, text.encode("utf-8"))
    return path


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jan 2024", "2024-01"),
        ("2015", "2015"),
        ("Apr 2012", "2012-04"),
        ("Jan 30, 2020", "2020-01-30"),
        ("03/14/11, 01:52 AM", "2011-03-14"),
        ("", None),
        ("bientôt", None),
    ],
)
def test_linkedin_dates(text, expected):
    assert parse_date(text) == expected


def test_linkedin_import_end_to_end(tmp_path, run_cli, in_dir):
    export_zip = make_zip(tmp_path / "Basic_LinkedInDataExport_11-28-2026.zip", linkedin_files())
    project = tmp_path / "project"
    shutil.copytree(ROOT / "theme", project / "theme")
    shutil.copy(ROOT / "pelican.conf.py", project / "pelican.conf.py")
    shutil.copy(ROOT / "profile.schema.json", project / "profile.schema.json")
    in_dir(project)
    result = run_cli("import", "linkedin", str(export_zip))
    assert result.code == 0, result.err
    text = (project / "content/profile.yaml").read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=../profile.schema.json")
    assert "level: B2  # niveau CECRL deviné d'après LinkedIn" in text
    assert "level: A2  # niveau CECRL deviné" in text and "level: native  #" in text
    assert "level: B1  # niveau inconnu sur LinkedIn" in text
    assert "# À COMPLÉTER : exactement 10 points forts" in text
    assert "Rapport d'import" in text and "Sans date" not in text.split("Rapport")[0]
    assert "1 recommandation non visible ignorée" in text
    assert "Droit du numérique" in text.split("Rapport")[1]
    profile = load(project / "content/profile.yaml")
    assert profile.identity.name == "Camille Durand"
    assert str(profile.identity.contact.email) == "camille@example.fr"
    assert profile.summary.get("fr", "fr").startswith(
        "Je pilote des projets.\nLigne deux, avec virgule."
    )
    assert [job.organization for job in profile.experience] == ["Transalp", "Mairie"]
    assert profile.experience[0].end.is_present and str(profile.experience[1].end) == "2023-08"
    assert "Migration ERP,\n180 utilisateurs" in profile.experience[0].description.get("fr", "fr")
    assert [(str(e.start), str(e.end)) for e in profile.education] == [
        ("2024", "2026"),
        ("2021", "2021"),
    ]
    assert [r.author for r in profile.recommendations] == ["Sophie Garnier"]
    assert str(profile.recommendations[0].date) == "2011-03-14"
    assert [str(a.date) for a in profile.activities] == ["2020-01-30", "2012-04", "2024-11"]
    assert profile.achievements[0].id == "migration-de-l-erp"
    assert [link.url for link in profile.links.others] == [
        "https://camille.example.fr",
        "https://book.example.fr",
    ]
    # then the whole site builds with no hand edit
    assert run_cli("build", "--no-pdf").code == 0
    assert (project / "output/index.html").is_file()
    # check says what LinkedIn could not give
    checked = run_cli("check")
    assert checked.code == 1 and "0/10" in checked.out


@pytest.mark.parametrize(
    ("first", "last", "family_name"),
    [("Camille", "Durand", None), ("Ana Lucia", "Santos Pereira", "Santos Pereira")],
)
def test_linkedin_last_name_becomes_the_cited_family_name(first, last, family_name):
    tables = {"profile": [{"First Name": first, "Last Name": last, "Headline": "Cheffe"}]}
    identity = from_linkedin(tables).data["identity"]
    assert identity["name"] == f"{first} {last}"
    assert identity.get("family_name") == family_name


def test_linkedin_import_from_an_unpacked_older_export(tmp_path, run_cli):
    folder = tmp_path / "export"
    folder.mkdir()
    files = linkedin_files()
    files["Recommendations Received.csv"] = files.pop("Recommendations_Received.csv")
    files["Phone Numbers.csv"] = files.pop("PhoneNumbers.csv")
    files["positions.CSV"] = files.pop("Positions.csv")
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    target = tmp_path / "p/profile.yaml"
    result = run_cli("import", "linkedin", str(folder), "-o", str(target))
    assert result.code == 0, result.err
    profile = load(target)
    assert len(profile.recommendations) == 1 and len(profile.experience) == 2
    assert str(profile.identity.contact.phone) == "+33 6 00 00 00 00"


def test_import_never_overwrites_without_force(tmp_path, run_cli):
    export_zip = make_zip(tmp_path / "e.zip", linkedin_files())
    target = tmp_path / "profile.yaml"
    target.write_text("mine\n", encoding="utf-8")
    result = run_cli("import", "linkedin", str(export_zip), "-o", str(target))
    assert result.code == 2 and "--force" in result.err
    assert target.read_text("utf-8") == "mine\n"
    assert run_cli("import", "linkedin", str(export_zip), "-o", str(target), "--force").code == 0
    assert load(target).identity.name == "Camille Durand"


def test_bad_archives_are_refused(tmp_path, run_cli):
    cases = {}
    (tmp_path / "not.zip").write_text("hello", encoding="utf-8")
    cases["not.zip"] = "n'est pas une archive zip"
    with zipfile.ZipFile(tmp_path / "escape.zip", "w") as archive:
        archive.writestr("../../evil.csv", "Name\nx\n")
    cases["escape.zip"] = "sortirait du dossier"
    with zipfile.ZipFile(tmp_path / "big.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Skills.csv", "Name\n" + "x" * 25_000_000)
    cases["big.zip"] = "trop gros pour un CSV"
    with zipfile.ZipFile(tmp_path / "other.zip", "w") as archive:
        archive.writestr("photo.jpg", b"\xff\xd8")
        archive.writestr("notes.csv", "a,b\n1,2\n")
    cases["other.zip"] = "aucun des fichiers attendus"
    with zipfile.ZipFile(tmp_path / "many.zip", "w") as archive:
        for index in range(5_001):
            archive.writestr(f"f{index}.txt", "")
    cases["many.zip"] = "plus de 5000 fichiers"
    for name, fragment in cases.items():
        result = run_cli(
            "import", "linkedin", str(tmp_path / name), "-o", str(tmp_path / "out.yaml")
        )
        assert result.code == 2, name
        assert fragment in result.err, (name, result.err)
        assert "Traceback" not in result.err
        assert not (tmp_path / "out.yaml").exists()
    assert not (tmp_path.parent / "evil.csv").exists()


def test_read_export_matches_names_loosely(tmp_path):
    make_zip(
        tmp_path / "e.zip",
        {"SKILLS.CSV": "Name\nSQL\n", "email_addresses.csv": "Email Address\na@b.fr\n"},
    )
    tables = read_export(tmp_path / "e.zip")
    assert tables["skills"] == [{"Name": "SQL"}]
    assert tables["email addresses"][0]["Email Address"] == "a@b.fr"


# --------------------------------------------------------------------------- JSON Resume


def test_json_resume_round_trip_keeps_everything():
    sample = load(SAMPLE)
    # optional fields the sample leaves out travel too
    identity = sample.identity.model_copy(update={"family_name": "Moreau", "color": "#7a2e5c"})
    for profile in (sample, sample.model_copy(update={"identity": identity})):
        resume = export(profile, include_private=True)
        data, _ = from_jsonresume(json.loads(json.dumps(resume)))
        assert Profile.model_validate(data) == profile


def test_json_resume_export_follows_the_schema_sections():
    resume = export(load(SAMPLE), "en")
    for section in RESUME_SECTIONS:
        assert section in resume
    basics = resume["basics"]
    assert basics["label"].startswith("IT project manager")
    assert basics["profiles"][0] == {
        "network": "LinkedIn",
        "url": "https://www.linkedin.com/in/lea-moreau-exemple/",
    }
    assert (
        resume["work"][0]["name"] == "Transalp Logistique"
        and resume["work"][0]["startDate"] == "2024-09"
    )
    assert "endDate" not in resume["work"][0]  # ongoing
    assert {lang["fluency"] for lang in resume["languages"]} >= {
        "Native speaker",
        "Upper intermediate (B2)",
    }
    assert len(resume["references"]) == 3
    assert len(resume["meta"]["profile_gen"]["strengths"]) == 10


def test_json_resume_from_another_tool_keeps_the_shared_fields():
    """Without our `meta`, every field both formats have still comes through."""
    resume = export(load(SAMPLE), "fr")
    resume.pop("meta")
    data, _report = from_jsonresume(resume)
    profile = Profile.model_validate(data)
    original = load(SAMPLE)
    assert profile.identity.name == original.identity.name
    assert profile.text(profile.identity.headline) == original.text(original.identity.headline)
    assert str(profile.identity.contact.email) == str(original.identity.contact.email)
    assert str(profile.links.linkedin) == str(original.links.linkedin)
    assert [(e.organization, str(e.start), str(e.end)) for e in profile.experience] == [
        (e.organization, str(e.start), str(e.end)) for e in original.experience
    ]
    assert [c.issuer for c in profile.certifications] == [c.issuer for c in original.certifications]
    assert [lang.level for lang in profile.languages] == [lang.level for lang in original.languages]
    assert [r.author for r in profile.recommendations] == [
        r.author for r in original.recommendations
    ]
    assert [profile.text(a.title) for a in profile.achievements] == [
        original.text(a.title) for a in original.achievements
    ]
    assert len(profile.activities) == 1  # the one article; talks and posts have no JSON Resume home


def _with_contact(text: str) -> str:
    return text.replace(
        "  headline: Cheffe de projet\n",
        "  headline: Cheffe de projet\n"
        "  photo: {path: images/me.png, alt: Portrait}\n"
        "  contact:\n"
        "    email: camille@example.org\n"
        "    phone: '+33 6 98 76 54 32'\n"
        "    address: 12 rue des Lilas, 69003 Lyon\n"
        "    city: Lyon\n"
        "    visibility: {photo: annexe, city: private}\n",
    )


def test_json_resume_export_follows_the_visibility_rules(tmp_path, run_cli):
    from PIL import Image

    (tmp_path / "images").mkdir()
    Image.new("RGB", (300, 400), "teal").save(tmp_path / "images/me.png")
    path = tmp_path / "profile.yaml"
    path.write_text(_with_contact(MINIMAL), encoding="utf-8")
    profile = load(path)
    resume = export(profile)
    text = json.dumps(resume, ensure_ascii=False)
    for hidden in ("98 76 54 32", "rue des Lilas", "Lyon", "me.png"):
        assert hidden not in text, hidden  # annexe-only, private, non-public photo
    assert resume["basics"]["email"] == "camille@example.org"  # public by default
    assert "location" not in resume["basics"] and "phone" not in resume["basics"]

    everything = export(profile, include_private=True)
    assert everything["basics"]["phone"] == "+33 6 98 76 54 32"
    assert everything["basics"]["location"]["address"].startswith("12 rue des Lilas")
    assert everything["meta"]["profile_gen"]["identity"]["photo"]["path"] == "images/me.png"
    data, _ = from_jsonresume(json.loads(json.dumps(everything)))
    assert Profile.model_validate(data) == profile  # asked for: the whole profile travels

    result = run_cli("export", "jsonresume", str(path))
    assert result.code == 0 and "98 76 54 32" not in result.out
    note = result.err
    assert (
        "téléphone" in note
        and "adresse" in note
        and "photo" in note
        and "--include-private" in note
    )
    result = run_cli("--lang", "en", "export", "jsonresume", str(path), "--include-private")
    assert result.code == 0 and "+33 6 98 76 54 32" in result.out and result.err == ""


def test_json_resume_export_of_a_public_profile_says_nothing(tmp_path, run_cli):
    path = tmp_path / "profile.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    result = run_cli("export", "jsonresume", str(path))
    assert result.code == 0 and result.err == ""
    assert export(load(path)) == export(load(path), include_private=True)


def test_json_resume_cli(tmp_path, run_cli):
    out = tmp_path / "resume.json"
    assert run_cli("export", "jsonresume", str(SAMPLE), "-o", str(out)).code == 0
    assert run_cli("export", "jsonresume", str(SAMPLE), "-o", str(out)).code == 2  # no --force
    target = tmp_path / "again/profile.yaml"
    result = run_cli("import", "jsonresume", str(out), "-o", str(target))
    assert result.code == 0, result.err
    assert load(target).identity.name == "Léa Moreau"
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    result = run_cli(
        "import", "jsonresume", str(tmp_path / "bad.json"), "-o", str(tmp_path / "x.yaml")
    )
    assert result.code == 2 and "n'est pas un JSON Resume lisible" in result.err


# --------------------------------------------------------------------------- fuzzing

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from profile_gen.interop.archive import parse_csv  # noqa: E402
from profile_gen.interop.linkedin import from_linkedin  # noqa: E402
from profile_gen.profile.loader import load_text  # noqa: E402


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_any_date_text_parses_or_is_refused(text):
    result = parse_date(text)
    assert result is None or re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", result)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_csv_text_reads_as_rows(text):
    for row in parse_csv(text, ("Name",)):
        assert "Name" in row and all(isinstance(value, str) for value in row.values())


CELLS = st.one_of(
    st.text(max_size=20),
    st.sampled_from(
        [
            "Jan 2024",
            "2015",
            "Jan 30, 2020",
            "03/14/11, 01:52 AM",
            "VISIBLE",
            "PENDING",
            "https://example.com/x",
            "Professional working proficiency",
            "",
        ]
    ),
)


@settings(max_examples=100, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(sorted(EXPECTED_TABLES)),
        st.lists(st.fixed_dictionaries({}, optional={c: CELLS for c in COLUMNS}), max_size=3),
        max_size=6,
    )
)
def test_any_export_content_gives_a_valid_profile(tables):
    from profile_gen.interop.fit import fit
    from profile_gen.interop.writer import to_yaml

    imported = from_linkedin(tables)
    data, dropped = fit(imported.data)
    text = to_yaml(data, imported.comments, imported.unmapped + dropped, "s.json", "x.zip")
    assert load_text(text).identity.name


JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.text(max_size=12)
    | st.sampled_from(["2024-01", "https://www.linkedin.com/in/x", "a@b.fr", "native", "B2"]),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(
            st.sampled_from(
                [
                    "name",
                    "label",
                    "email",
                    "phone",
                    "url",
                    "startDate",
                    "endDate",
                    "position",
                    "institution",
                    "studyType",
                    "date",
                    "issuer",
                    "language",
                    "fluency",
                    "reference",
                    "highlights",
                    "profiles",
                    "network",
                    "location",
                    "city",
                    "releaseDate",
                    "summary",
                    "title",
                    "keywords",
                ]
            ),
            children,
            max_size=5,
        )
    ),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from([*RESUME_SECTIONS, "meta"]),
        JSON,
        max_size=8,
    )
)
def test_any_json_resume_gives_a_valid_profile(resume):
    from profile_gen.interop.fit import fit

    data, _ = from_jsonresume(resume)
    fitted, _ = fit(data)
    assert Profile.model_validate(fitted).identity.name


def test_an_imported_profile_reads_back_as_written_with_no_yaml_trap():
    """What YAML would read differently (a value starting with & or *, a hashtag after a
    space, a list met twice, which YAML writes with an anchor) is written so that the
    profile reads back the same, with no problem."""
    from profile_gen.interop.writer import to_yaml
    from profile_gen.profile.yaml_source import parse

    shared = ["SQL", "Python"]
    data = {
        "identity": {"name": "&Co Léa", "headline": "Développeuse C# #alternance"},
        "summary": "*Curieuse* et R&D",
        "skills": [{"name": "Données", "keywords": shared}, {"name": "Web", "keywords": shared}],
    }
    text = to_yaml(data, {}, [], "s.json", "x.zip")
    assert "&id" not in text and "*id" not in text
    source = parse(text)
    assert source.problems == []
    assert source.data == data
