"""Bad profiles, one defect each: exit code 2 and a message naming file:line:column and field."""

from __future__ import annotations

import re

import pytest

from tests.conftest import MINIMAL

HEAD = MINIMAL  # three lines: identity, name, headline

# (id, profile text, line of the defect, field path shown, a fragment of the message)
CASES = [
    (  # day first, as French writes dates: the ISO form it means, spelt out
        "date-day-first",
        HEAD + "experience:\n  - {title: A, organization: B, start: 05/10/2025, end: 03/2026}\n",
        5,
        "experience[0].start",
        "date écrite « 05/10/2025 » : écrivez-la 2025-10-05",
    ),
    (  # no 31 February to suggest: the day is named as it was written
        "date-day-first-impossible",
        HEAD + "experience:\n  - {title: A, organization: B, start: 31/02/2024}\n",
        5,
        "experience[0].start",
        "jour invalide dans 31/02/2024",
    ),
    (
        "end-date-month-first",
        HEAD + "experience:\n  - {title: A, organization: B, start: 2025-10, end: 03/2026}\n",
        5,
        "experience[0].end",
        "date écrite « 03/2026 » : écrivez-la 2026-03",
    ),
    (  # French writes 4,6: between [ ] YAML reads two items (« satisfaction 4 », « 6/5 »)
        "decimal-comma",
        HEAD + "skills:\n  - {name: Excel, keywords: [TCD, note 4,6/5]}\n",
        5,
        "skills[0].keywords[1]",
        "« note 4,6/5 » a été lu comme deux éléments",
    ),
    (
        "color-too-light",
        HEAD + '  color: "#ffcc00"\n',
        4,
        "identity.color",
        "couleur #ffcc00 trop claire : contraste 1.4:1",
    ),
    (
        "color-not-hex",
        HEAD + "  color: bleu\n",
        4,
        "identity.color",
        'attendu : une couleur #rrggbb (ex. « #1f4e8c ») ; trouvé : "bleu"',
    ),
    (
        "color-unquoted",  # YAML reads `#...` as a comment
        HEAD + "  color: #1f4e8c\n",
        4,
        "identity.color",
        "écrivez la couleur entre guillemets",
    ),
    (
        "typo-top-level",
        HEAD + "experiance: []\n",
        4,
        "experiance",
        "vouliez-vous dire « experience »",
    ),
    (
        "typo-nested",
        "identity:\n  name: A\n  headlin: B\n",
        3,
        "identity.headlin",
        "vouliez-vous dire « headline »",
    ),
    (
        "missing-required",
        "identity:\n  headline: B\n",
        2,
        "identity.name",
        "champ obligatoire « name »",
    ),
    (
        "bad-date",
        HEAD
        + "experience:\n  - title: T\n    organization: O\n    start: mai 2023\n    end: present\n",
        7,
        "experience[0].start",
        'trouvé : "mai 2023"',
    ),
    (
        "bad-month",
        HEAD + "education:\n  - degree: D\n    institution: I\n    start: 2024-13\n    end: 2025\n",
        7,
        "education[0].start",
        "mois invalide",
    ),
    (
        "end-before-start",
        HEAD
        + "experience:\n  - title: T\n    organization: O\n    start: 2024-09\n    end: 2023-01\n",
        8,
        "experience[0].end",
        "précède le début",
    ),
    (
        "present-as-start",
        HEAD
        + "experience:\n  - title: T\n    organization: O\n    start: present\n    end: present\n",
        7,
        "experience[0].start",
        "AAAA-MM",
    ),
    (
        "bad-email",
        "identity:\n  name: A\n  headline: B\n  contact:\n    email: camille-at-example\n",
        5,
        "identity.contact.email",
        "adresse e-mail",
    ),
    (
        "javascript-url",
        HEAD + "links:\n  book: javascript:alert(1)\n",
        5,
        "links.book",
        "http:// ou https://",
    ),
    (
        "linkedin-elsewhere",
        HEAD + "links:\n  linkedin: https://example.com/in/camille\n",
        5,
        "links.linkedin",
        "LinkedIn",
    ),
    (
        "cefr-level",
        HEAD + "languages:\n  - name: Allemand\n    level: D1\n",
        6,
        "languages[0].level",
        "A1, A2, B1, B2, C1, C2, native",
    ),
    (
        "duplicate-key",
        "identity:\n  name: A\n  headline: B\n  name: C\n",
        4,
        "identity.name",
        "en double (déjà définie ligne 2)",
    ),
    ("tab-indent", "identity:\n\tname: A\n", 2, "", "tabulation"),
    (  # PyYAML stops on the next line: the bracket opened on this one is named
        "unclosed-bracket",
        "identity:\n  name: [Léa\n  headline: B\n",
        2,
        "identity.name",
        "ouvert ici et mal fermé",
    ),
    (  # a list of addresses where each item is a mapping: its keys named
        "link-without-its-keys",
        HEAD + "links:\n  others:\n    - https://github.com/lea\n",
        6,
        "links.others[0]",
        "un dictionnaire avec les clés label, url, une par ligne",
    ),
    (  # a level in words: quoted as typed (it read « COURANT »)
        "level-in-words",
        HEAD + "languages:\n  - name: Anglais\n    level: Courant\n",
        6,
        "languages[0].level",
        'valeur inconnue "Courant" ; valeurs possibles : A1, A2, B1, B2, C1, C2, native',
    ),
    (  # YAML 1.1 reads `no` as false: the word is meant
        "yes-no-word-in-a-choice",
        HEAD + "languages:\n  - name: Norvégien\n    level: no\n",
        6,
        "languages[0].level",
        'YAML lit ce mot comme oui ou non (yes, no, on, off, true, false) : écrivez-le entre guillemets, ex. "no"',
    ),
    (
        "yes-no-word-as-text",
        HEAD + "summary: yes\n",
        4,
        "summary",
        "trouvé : un oui ou non de YAML (yes, no, on, off, true, false : mettez le mot entre guillemets)",
    ),
    ("unclosed-quote", 'identity:\n  name: "A\n  headline: B\n', 2, "", "guillemet ouvert"),
    (  # a Windows path between double quotes: closed, but `\p` is an unknown escape
        "windows-path-quoted",
        'identity:\n  name: A\n  headline: B\n  photo:\n    path: "images\\portrait.jpg"\n',
        5,
        "",
        "« \\ » commence une séquence d'échappement : écrivez les chemins avec /",
    ),
    (  # \U wants eight hexadecimal digits
        "windows-path-user",
        'identity:\n  name: A\n  headline: B\n  photo:\n    path: "C:\\Users\\moi.jpg"\n',
        5,
        "",
        "séquence d'échappement",
    ),
    (  # found on Windows, missing where the Book is built online (Linux)
        "windows-path-plain",
        "identity:\n  name: A\n  headline: B\n  photo:\n    path: images\\portrait.jpg\n"
        "    alt: Moi\n",
        5,
        "identity.photo.path",
        "avec des barres obliques (/) : images/portrait.jpg",
    ),
    (  # closed by the quote of a commented line below: the value swallowed the lines between
        "quote-closed-lines-later",
        'identity:\n  name: A\n  headline: "Cheffe de projet\n  # color: "#7a2e5c"\n'
        "  photo: moi.jpg\n",
        3,
        "identity.headline",
        "guillemet ouvert ici et refermé seulement ligne 4",
    ),
    (  # `&Co` is an anchor to YAML, dropped from the value (« consultante » alone)
        "anchor",
        "identity:\n  name: A\n  headline: &Co consultante\n",
        3,
        "identity.headline",
        "« &Co » en début de valeur est lu comme une ancre YAML",
    ),
    (  # a hashtag after a space is a comment to YAML, dropped from the value
        "hashtag",
        "identity:\n  name: A\n  headline: Développeuse C# et .NET #alternance\n",
        3,
        "identity.headline",
        "« #alternance » est lu comme un commentaire",
    ),
    ("block-sign", "identity:\n  name: A\n  headline: > Cheffe\n", 3, "", "« > » en début"),
    ("star", "identity:\n  name: A\n  headline: *Cheffe* de projet\n", 3, "", "« * »"),
    ("dash", "identity:\n  name: A\n  headline: - Cheffe\n", 3, "", "un tiret en début"),
    ("at-sign", "identity:\n  name: A\n  headline: @lea_dev\n", 3, "", "réservé « @ »"),
    (  # not an indentation problem: a value starting with a bracket is a list to YAML
        "bracket",
        "identity:\n  name: A\n  headline: [Alternance] Cheffe de projet\n",
        3,
        "",
        "« [ » en début de valeur ouvre une liste",
    ),
    (  # the first key of a block one space too far: the next line is named with it
        "first-key-indented-one-more",
        "identity:\n  name: A\n  contact:\n     email: a@b.fr\n    city: Lyon\n",
        5,
        "",
        "indentation différente de celle de la ligne 4",
    ),
    ("colon-in-value", HEAD + "summary: Bilan: 2025\n", 4, "", "mettez-la entre guillemets"),
    ("bad-indent", HEAD + "skills:\n  - name: SQL\n   level: 3\n", 6, "", "indentation"),
    (  # PyYAML stops on the next line; the key without its colon is this one
        "missing-colon",
        "identity:\n  name: A\n  headline Cheffe de projet\n  photo: moi.jpg\n",
        3,
        "",
        "deux-points manquant après « headline » : écrivez « headline: valeur »",
    ),
    (  # not a colon in a value: quoting it would not help
        "key-indented-too-far",
        HEAD + "experience:\n  - title: T\n    start: 2024-01\n      organization: Acme\n",
        7,
        "",
        "cette clé est plus indentée que la ligne précédente",
    ),
    ("root-list", "- identity\n- name\n", 1, "", "dictionnaire de sections"),
    ("root-scalar", "juste du texte\n", 1, "", "dictionnaire de sections"),
    ("empty", "\n# rien\n", 1, "", "le fichier est vide"),
    ("multiple-documents", HEAD + "---\nidentity: {}\n", 4, "", "plusieurs documents"),
    (
        "dangling-evidence",
        HEAD + "competencies:\n  items:\n    - id: gestion-projets\n      level: 3\n"
        "      evidence: [projet-fantome]\n",
        8,
        "competencies.items[0].evidence[0]",
        "aucune réalisation n'a l'identifiant « projet-fantome »",
    ),
    (
        "duplicate-achievement-id",
        HEAD + "achievements:\n  - id: erp\n    title: A\n  - id: erp\n    title: B\n",
        7,
        "achievements[1].id",
        "déjà utilisé par achievements[0]",
    ),
    (
        "list-expected",
        HEAD + "achievements:\n  id: erp\n  title: A\n",
        5,
        "achievements",
        "une liste",
    ),
    (
        "level-off-scale",
        HEAD + "competencies:\n  items:\n    - id: gestion-projets\n      level: 7\n",
        7,
        "competencies.items[0].level",
        "absent de l'échelle",
    ),
    (
        "unknown-text-language",
        "identity:\n  name: A\n  headline: {fr: Cheffe, de: Leiterin}\n",
        3,
        "identity.headline",
        "langue inconnue « de »",
    ),
    (
        "text-not-list",
        "identity:\n  name: A\n  headline:\n    - Cheffe\n",
        4,
        "identity.headline",
        "trouvé : une liste",
    ),
    (
        "skill-level-range",
        HEAD + "skills:\n  - name: SQL\n    level: 7\n",
        6,
        "skills[0].level",
        "au plus 5",
    ),
    (
        "unknown-competency",
        HEAD + "improvements:\n  - title: T\n    explanation: E\n    action_plan: P\n"
        "    target: 2026\n    competencies: [cuisine]\n",
        9,
        "improvements[0].competencies[0]",
        "aucune compétence n'a l'identifiant « cuisine »",
    ),
    (
        "bad-phone",
        "identity:\n  name: A\n  headline: B\n  contact:\n    phone: appelez-moi\n",
        5,
        "identity.contact.phone",
        "numéro de téléphone",
    ),
    (
        "bad-id",
        HEAD + "achievements:\n  - id: Mon Projet\n    title: A\n",
        5,
        "achievements[0].id",
        "identifiant invalide",
    ),
    (
        "photo-missing",
        "identity:\n  name: A\n  headline: B\n  photo:\n    path: images/absente.jpg\n    alt: A\n",
        5,
        "identity.photo.path",
        "fichier introuvable : images/absente.jpg",
    ),
    (
        "path-escapes",
        "identity:\n  name: A\n  headline: B\n  photo:\n    path: ../../etc/passwd\n    alt: A\n",
        5,
        "identity.photo.path",
        "sort du dossier",
    ),
    (
        "bad-visibility",
        "identity:\n  name: A\n  headline: B\n  contact:\n    visibility:\n      phone: web\n",
        6,
        "identity.contact.visibility.phone",
        "public, annexe, private",
    ),
    (
        "bad-locale",
        "locale: de\n" + HEAD,
        1,
        "locale[0]",
        "fr, en",
    ),
    ("control-character", HEAD + "summary: bonjour\x07\n", 4, "", "caractère invisible U+0007"),
    # a noncharacter (refused by XML: Word, PowerPoint, the PDF's metadata)
    ("noncharacter", HEAD + 'summary: "a\\uFFFEb"\n', 4, "summary", "U+FFFE"),
    (
        "nan",
        HEAD + "defence:\n  words_per_minute: .nan\n",
        5,
        "defence.words_per_minute",
        "ni .nan",
    ),
    # Python reads no integer of more than 4,300 digits
    ("huge-number", HEAD + "summary: " + "9" * 5000 + "\n", 4, "summary", "milliers de chiffres"),
    ("merge-key", "base: &b {name: A}\nidentity:\n  <<: *b\n  headline: B\n", 3, "", "fusion"),
    ("python-tag", HEAD + "summary: !!python/object:os.system ls\n", 4, "summary", "étiquette"),
]


@pytest.mark.parametrize(
    ("text", "line", "path", "fragment"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_bad_profile_is_reported_precisely(run_cli, write_profile, text, line, path, fragment):
    profile = write_profile(text)
    result = run_cli("check", str(profile))
    assert result.code == 2, result.out + result.err
    assert "Traceback" not in result.err
    where = re.escape(f"{profile}:{line}:") + r"\d+" + (re.escape(f": {path}\n") if path else "")
    assert re.search(where, result.err), result.err
    assert fragment in result.err, result.err
    assert len(result.err.splitlines()) < 25  # one screen


def test_there_are_at_least_twenty_cases():
    assert len(CASES) >= 20
    assert len({case[0] for case in CASES}) == len(CASES)


def test_non_utf8_bytes_name_the_line(run_cli, write_profile):
    profile = write_profile(MINIMAL.encode() + b"summary: caf\xe9\n")
    result = run_cli("check", str(profile))
    assert result.code == 2
    assert f"{profile}:4:13" in result.err
    assert "0xE9" in result.err and "UTF-8" in result.err


def test_deeply_nested_document_is_refused(run_cli, write_profile):
    profile = write_profile(HEAD + "summary: " + "[" * 5000 + "]" * 5000 + "\n")
    result = run_cli("check", str(profile))
    assert result.code == 2
    assert "imbrication trop profonde" in result.err
    assert f"{profile}:4:" in result.err  # where libyaml stopped (1,000 levels), at once


def test_billion_laughs_is_bounded(run_cli, write_profile):
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]
    profile = write_profile(HEAD + "\n".join(lines) + "\n")
    result = run_cli("check", str(profile))
    assert result.code == 2
    assert "document trop grand" in result.err


def test_several_errors_are_reported_together(run_cli, write_profile):
    profile = write_profile(
        "identity:\n  name: A\n  headlin: B\n  contact:\n    email: nope\n"
        "languages:\n  - name: Anglais\n    level: Z9\n"
    )
    result = run_cli("check", str(profile))
    assert result.code == 2
    for where in (":2:3: identity.headline", ":3:3: identity.headlin", ":5:12:", ":8:12:"):
        assert where in result.err, result.err
    assert "4 erreurs" in result.err


def test_consistency_problems_come_with_value_problems(run_cli, write_profile):
    profile = write_profile(
        "identity:\n  name: A\n  headlin: B\n"
        "experience:\n  - {title: T, organization: O, start: 2024-09, end: 2023-01}\n"
        "competencies:\n  items:\n    - {id: gestion-projets, level: 2, evidence: [fantome]}\n"
    )
    result = run_cli("check", str(profile))
    assert result.code == 2
    assert ":3:3: identity.headlin" in result.err
    assert ":5:54: experience[0].end" in result.err and "précède le début" in result.err
    assert ":8:50: competencies.items[0].evidence[0]" in result.err
    assert "4 erreurs" in result.err


def test_messages_follow_the_profile_locale(run_cli, write_profile):
    profile = write_profile("locale: en\nidentity:\n  name: A\n  headlin: B\n")
    result = run_cli("check", str(profile))
    assert result.code == 2
    assert "did you mean 'headline'?" in result.err
    assert "required field 'headline' is missing" in result.err


def test_missing_file(run_cli, tmp_path):
    result = run_cli("check", str(tmp_path / "absent.yaml"))
    assert result.code == 2
    assert "fichier introuvable" in result.err


def test_a_broken_recommendation_does_not_make_the_quotes_wrong(run_cli, write_profile):
    recommendation = "  - {author: %s, text: Bien., date: 2025-01%s}\n"
    profile = write_profile(
        MINIMAL
        + "recommendations:\n"
        + recommendation % ("A", "")
        + recommendation % ("B", ", bogus: 1")
        + "defence:\n  quotes: [1, 2]\n"
    )
    result = run_cli("check", str(profile))
    assert result.code == 2
    assert "recommendations[1].bogus" in result.err and "1 erreur" in result.err, result.err
    assert "pas de recommandation" not in result.err
    # with the recommendations valid, a quote past their count is still reported
    profile = write_profile(
        MINIMAL + "recommendations:\n" + recommendation % ("A", "") + "defence:\n  quotes: [2]\n"
    )
    result = run_cli("check", str(profile))
    assert result.code == 2 and "pas de recommandation n°2 : le profil en a 1" in result.err


@pytest.mark.parametrize("phone", ["0612345670", "+33612345678"])
def test_an_unquoted_phone_is_told_to_be_quoted(run_cli, write_profile, phone):
    """YAML reads `0612345670` as an octal number and `+33612345678` as 33612345678: the
    message says to quote it, not that a number is no phone number."""
    profile = write_profile(HEAD + f"  contact:\n    phone: {phone}\n")
    result = run_cli("check", str(profile))
    assert result.code == 2 and "Traceback" not in result.err
    assert f"{profile}:5:" in result.err and "identity.contact.phone" in result.err
    assert "numéro de téléphone sans guillemets" in result.err
    assert 'phone: "+33 6 12 34 56 78"' in result.err


def test_a_list_of_numbers_or_quoted_texts_is_as_written(write_profile):
    """A decimal comma is only looked for between two texts a comma joins with no space."""
    from profile_gen.profile.fields import localize
    from profile_gen.profile.loader import load

    text = HEAD + "experience:\n  - {title: A, organization: B, start: 2024-01, end: present,\n"
    text += '     highlights: ["note 4,5", "a,b", 6 sessions]}\n'
    highlights = load(write_profile(text)).experience[0].highlights
    assert [localize(h, "fr", "fr") for h in highlights] == ["note 4,5", "a,b", "6 sessions"]


@pytest.mark.parametrize(
    ("written", "on_disk"),
    [
        ("images/photo-identité.jpg", "photo-identite\u0301.jpg"),  # a Mac's accents
        ("images/portrait.jpg", "Portrait.JPG"),  # found on Windows, not in CI
        ("images/portait.jpg", "portrait.jpg"),  # a letter missing
    ],
)
def test_a_photo_nearly_named_is_pointed_at(write_profile, written, on_disk):
    from PIL import Image

    from profile_gen.errors import ProfileError
    from profile_gen.profile.loader import load

    profile = write_profile(HEAD + f"  photo: {{path: {written}, alt: Moi}}\n")
    (profile.parent / "images").mkdir()
    Image.new("RGB", (600, 800), "#8899aa").save(profile.parent / "images" / on_disk, "JPEG")
    with pytest.raises(ProfileError) as caught:
        load(profile)
    said = caught.value.describe("fr")
    assert f"fichier introuvable : {written} ; le dossier contient « {on_disk} »" in said


def test_an_end_before_its_start_is_told_where_it_was_typed(run_cli, write_profile):
    """Jobs and studies are kept newest first; the problem is at the item as typed, not at
    its place once sorted (the first job here would sort second, the second study first)."""
    profile = write_profile(
        "identity:\n  name: A\n  headline: B\n"
        "experience:\n"
        "  - {title: T1, organization: O1, start: 2024-09, end: 2023-01}\n"
        "  - {title: T2, organization: O2, start: 2023-02, end: present}\n"
        "  - {title: T3, organization: O3, start: 2025-05, end: 2025-01}\n"
        "education:\n"
        "  - {degree: D1, institution: I1, start: 2018-09, end: 2020-06}\n"
        "  - {degree: D2, institution: I2, start: 2022-09, end: 2021-06}\n"
    )
    result = run_cli("check", str(profile))
    assert result.code == 2
    for where in (
        ":5:56: experience[0].end\n    la fin (2023-01) précède le début (2024-09)",
        ":7:56: experience[2].end\n    la fin (2025-01) précède le début (2025-05)",
        ":10:56: education[1].end\n    la fin (2021-06) précède le début (2022-09)",
    ):
        assert where in result.err, result.err
    assert "3 erreurs" in result.err


def test_a_missing_colon_is_named_at_its_key_in_english_too(run_cli, write_profile):
    profile = write_profile("identity:\n  name: A\n  headline Project lead\n")
    result = run_cli("--lang", "en", "check", str(profile))
    assert result.code == 2
    assert "profile.yaml:3:3: identity.headline\n" in result.err  # the field, told by its line
    assert "missing colon after “headline”: write “headline: value”" in result.err, result.err


PARSER_WORDS = re.compile(
    r"\b(expected|found|while|scanning|token|scalar|mapping|sequence|allowed)\b"
)


@pytest.mark.parametrize(
    "value",
    [
        "> Cheffe",
        "| Cheffe",
        "*** Cheffe ***",
        "- Cheffe",
        "@lea",
        "%100 motivée",
        "`git` fan",
        "& Co",
        "[Alternance] Cheffe",
        "{x} Cheffe",
        '"Cheffe" de projet',
        "a: b: c",
    ],
)
def test_yaml_errors_are_all_in_french_without_the_parsers_words(run_cli, write_profile, value):
    """PyYAML's own English words (« expected a comment or a line break, but found… »)
    never reach a French message: each value says what to do, in French."""
    profile = write_profile(f"identity:\n  name: A\n  headline: {value}\n")
    result = run_cli("check", str(profile))
    assert result.code == 2 and "Traceback" not in result.err
    assert f"{profile}:3:" in result.err, result.err
    assert not PARSER_WORDS.search(result.err), result.err
    assert "guillemets" in result.err or "aligne" in result.err, result.err


def test_what_yaml_reads_as_written_is_not_taken_for_a_mistake(write_profile):
    """A # inside a word or before a spaced comment, & inside a value, a quoted value over
    two lines of text: read as written, with no problem."""
    from profile_gen.profile.yaml_source import parse

    text = (
        "identity:\n  name: R&D Léa # a comment\n  headline: Développeuse C# et F#\n"
        '  summary: "Une phrase écrite\n    sur deux lignes"\n  city: Lyon #\n'
        "  photo: # à venir\n"
    )
    source = parse(write_profile(text).read_text("utf-8"))
    assert source.problems == []
    assert source.data["identity"] == {
        "name": "R&D Léa",
        "headline": "Développeuse C# et F#",
        "summary": "Une phrase écrite sur deux lignes",
        "city": "Lyon",
        "photo": None,
    }


def test_a_texts_anchor_is_named_once_a_lists_is_as_yaml_tools_write_it():
    from profile_gen.profile.yaml_source import parse

    text = "a: &x Lyon\nb: [*x, *x, *x]\n"
    assert [p.code for p in parse(text).problems] == ["yaml_anchor"]
    written = parse("a: &id001 [1, 2]\nb: *id001\nc: &id002 {d: 1}\ne: *id002\n")
    assert written.problems == []
    assert written.data == {"a": [1, 2], "b": [1, 2], "c": {"d": 1}, "e": {"d": 1}}


@pytest.mark.parametrize(
    ("text", "where"),
    [
        (  # a key one space too far, in a list item: the field of its line
            "identity:\n  name: A\nskills:\n  - name: SQL\n  - name: Python\n"
            "    level: 3\n     keywords: [x]\n",
            ":7:6: skills[1].keywords",
        ),
        (  # one space short of its block: still the block's key
            "identity:\n  name: A\n  contact:\n    city: Lyon\n   email: a@b.fr\n",
            ":5:4: identity.contact.email",
        ),
        ("identity:\n  name: A\n  headline: [Alternance] Cheffe\n", ":3:13: identity.headline"),
    ],
)
def test_a_syntax_error_is_named_with_the_field_of_its_line(run_cli, write_profile, text, where):
    """YAML that cannot be read has no fields yet: its line's indentation and the keys above
    it tell which field the student was writing."""
    result = run_cli("check", str(write_profile(text)))
    assert result.code == 2
    assert where in result.err, result.err


def test_non_utf8_bytes_after_a_bom_and_accents_name_their_column(run_cli, write_profile):
    """Notepad's byte-order mark, then a line with accents (two bytes each) before a
    Latin-1 `é`: the column counts characters, the byte named is the bad one."""
    text = "\ufeff".encode() + MINIMAL.encode() + "summary: Léa à ".encode() + b"caf\xe9\n"
    profile = write_profile(text)
    result = run_cli("check", str(profile))
    assert result.code == 2
    assert f"{profile}:4:19" in result.err, result.err
    assert "0xE9" in result.err
