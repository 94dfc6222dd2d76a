"""`profile-gen check`: readiness for the thesis annexes and the defence."""

from __future__ import annotations

import pytest

from tests.conftest import MINIMAL, SAMPLE


def test_sample_is_ready(run_cli):
    result = run_cli("check", str(SAMPLE))
    assert result.code == 0, result.out + result.err
    assert "Prêt pour les annexes et la soutenance." in result.out
    assert "✗" not in result.out


def test_default_path_is_content_profile(run_cli, in_dir):
    in_dir(SAMPLE.parent.parent)
    assert run_cli("check").code == 0


@pytest.mark.pdf  # `check` counts the printed CV's pages with WeasyPrint
def test_incomplete_profile_lists_what_is_missing(run_cli, write_profile):
    profile = write_profile(
        MINIMAL + "links:\n  book: https://example.github.io/book/\n"
        "achievements:\n  - id: erp\n    title: Migration\n"
        "competencies:\n  items:\n    - {id: gestion-projets, level: 2}\n"
        "strengths:\n" + "  - {title: T, explanation: E}\n" * 9
    )
    result = run_cli("check", str(profile))
    assert result.code == 1
    out = result.out
    assert "✓ QR code + lien vers le Book" in out
    assert "✗ QR code + lien vers LinkedIn — ajoutez links.linkedin" in out
    assert "✗ 10 points forts (9/10)" in out
    assert "✗ 10 axes d'amélioration avec plan d'action (0/10)" in out
    assert "✗ Preuves pour chaque compétence — sans preuve : Gestion de projets" in out
    assert "✗ Réalisations datées — sans date : Migration" in out
    # the methodology's order
    items = [
        "CV avec photo",
        "Parcours professionnel",
        "Formations et certifications",
        "Langues",
        "QR code + lien vers le Book",
        "QR code + lien vers LinkedIn",
        "Book : Réalisations",
        "LinkedIn : Résumé / Présentation",
        "Articles et activités",
        "Compétences et recommandations",
    ]
    positions = [out.index(item) for item in items]
    assert positions == sorted(positions)


def test_eleven_strengths_are_too_many(run_cli, write_profile):
    profile = write_profile(MINIMAL + "strengths:\n" + "  - {title: T, explanation: E}\n" * 11)
    result = run_cli("check", str(profile))
    assert result.code == 1 and "✗ 10 points forts (11/10)" in result.out


@pytest.mark.pdf  # `check` counts the printed CV's pages with WeasyPrint
def test_missing_translations_are_listed(run_cli, write_profile):
    profile = write_profile(
        "locale: [fr, en]\nidentity:\n  name: A\n  headline: {fr: Cheffe}\n"
        "summary: {fr: Résumé, en: Summary}\n"
    )
    result = run_cli("check", str(profile))
    assert "1 texte sans traduction en anglais (repli sur le français) :" in result.out
    assert "- identity.headline" in result.out
    assert "- summary" not in result.out


@pytest.mark.pdf  # `check` counts the printed CV's pages with WeasyPrint
def test_texts_too_long_for_linkedin_are_noted(run_cli, write_profile):
    headline = "Cheffe de projet " * 14  # 238 characters
    profile = write_profile(
        "locale: [fr, en]\nidentity:\n  name: A\n"
        f"  headline: {{fr: '{headline.strip()}', en: Project manager}}\n"
        f"summary: {{fr: Court, en: '{'x' * 2601}'}}\n"
        "experience:\n  - {title: T, organization: O, start: 2024, end: present,\n"
        f"     description: '{'y' * 2000}'}}\n"
    )
    result = run_cli("check", str(profile))
    assert "identity.headline [fr] : 237 caractères, LinkedIn en accepte 220" in result.out
    assert "summary [en] : 2601 caractères, LinkedIn en accepte 2600" in result.out
    assert "identity.headline [en]" not in result.out and "summary [fr]" not in result.out
    assert "experience[0].description" not in result.out  # 2,000 is allowed
    assert "LinkedIn en accepte" not in run_cli("check", str(SAMPLE)).out


def test_slide_budget_over_five_minutes(run_cli, write_profile):
    profile = write_profile(
        MINIMAL + "defence:\n  slides:\n    - {type: title, seconds: 200}\n"
        "    - {type: closing, seconds: 200}\n"
    )
    result = run_cli("check", str(profile))
    assert result.code == 1
    assert "✗ Déroulé de 300 s (400 s prévues)" in result.out


@pytest.mark.pdf  # `check` counts the printed CV's pages with WeasyPrint
def test_english_report(run_cli, write_profile):
    profile = write_profile("locale: en\n" + MINIMAL)
    result = run_cli("check", str(profile))
    assert result.code == 1
    assert "✗ QR code + link to LinkedIn — add links.linkedin" in result.out


@pytest.mark.pdf  # `check` counts the printed CV's pages with WeasyPrint
def test_a_hint_asks_only_for_what_is_missing(run_cli, write_profile):
    experience = "experience:\n  - {title: T, organization: O, start: 2024-01, end: present}\n"
    result = run_cli("check", str(write_profile(MINIMAL + experience)))
    assert "✗ CV avec photo — ajoutez identity.photo\n" in result.out, result.out
    assert "au moins une expérience" not in result.out
    result = run_cli("check", str(write_profile(MINIMAL)))
    assert "ajoutez identity.photo et au moins une expérience ou une formation" in result.out
    skills = "skills:\n  - {name: ERP, keywords: [SAP]}\n"
    result = run_cli("check", str(write_profile(MINIMAL + skills)))
    assert "— ajoutez recommendations\n" in result.out, result.out


@pytest.mark.pdf  # `check` counts the printed CV's pages with WeasyPrint
def test_the_questions_page_is_named_where_it_is(run_cli, write_profile):
    competencies = "competencies:\n  items:\n    - {id: gestion-projets, level: 2, target: 3}\n"
    english = write_profile("locale: [en, fr]\n" + MINIMAL + competencies)
    for lang, folder in (("en", "defence"), ("fr", "defence")):
        result = run_cli("check", str(english), "--lang", lang)
        assert f" {folder}/questions.html " in result.out, result.out
        assert "soutenance/questions.html" not in result.out
    french = write_profile("locale: [fr, en]\n" + MINIMAL + competencies)
    assert " soutenance/questions.html " in run_cli("check", str(french), "--lang", "en").out


def test_no_tick_for_what_there_is_nothing_of_yet(run_cli, write_profile):
    """A new profile has no competencies, achievements nor questions for the jury: `check`
    ticks neither their evidence, their dates nor « 0 answers of 0 » (what is missing is
    said once, in the annexe's list)."""
    out = run_cli("check", str(write_profile(MINIMAL))).out
    assert "✗ Auto-évaluation des compétences" in out and "✗ Book : Réalisations" in out
    for ticked in ("Preuves pour chaque compétence", "Réalisations datées", "0 sur 0"):
        assert ticked not in out, ticked
