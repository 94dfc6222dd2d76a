"""The jury's likely questions (per competency, from the data, with the student's evidence
and answers), the speaker's cue cards (four A6 cards per A4 page), and `check`'s rehearsal
readiness."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from profile_gen.book.render import localize
from profile_gen.i18n import fr
from profile_gen.profile.loader import load, load_text
from profile_gen.profile.rehearsal import all_questions, likely_questions, rehearsal_checks, slug
from profile_gen.typography import typeset
from tests.conftest import MINIMAL, ROOT, SAMPLE
from tests.deck_profiles import build, deck_dir, sample_data

PROFILE = load(SAMPLE)
HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)> [x](javascript:alert(3))"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    data = sample_data()
    data["defence"]["answers"]["level/analyse-besoins"] = {"fr": HOSTILE, "en": HOSTILE}
    return build(tmp_path_factory.mktemp("questions"), data)


def page(site: Path, name: str, prefix: str = "") -> BeautifulSoup:
    html = (deck_dir(site, prefix) / name).read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser")


def test_question_ids_are_stable_and_unique():
    ids = [q.id for q in all_questions(PROFILE)]
    assert len(ids) == len(set(ids))
    assert "level/gestion-projets" in ids and "figures/migration-erp" in ids
    assert slug("Anglais professionnel à l'oral") == "anglais-professionnel-a-l-oral"
    assert ids == [q.id for q in all_questions(load(SAMPLE))]  # same data, same ids


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_questions_cover_every_competency_below_target_and_every_improvement(site, prefix):
    lang = prefix.rstrip("/") or "fr"
    soup = page(site, "questions.html", prefix)
    assert soup.html["lang"] == lang
    questions = {q["data-id"]: q for q in soup.select("article.question")}
    for competency in PROFILE.competencies.items:
        if competency.target is not None and competency.level < competency.target:
            question = questions[f"level/{competency.id}"]
            assert question.find_parent("section")["id"] == f"competency-{competency.id}"
            name = typeset(localize(competency.display_name(), lang, "fr"), lang)
            assert name in question.h3.get_text()
            for achievement_id in competency.evidence:
                title = typeset(
                    localize(PROFILE.achievement(achievement_id).title, lang, "fr"), lang
                )
                assert title in question.select_one("ul.evidence").get_text()
    text = " ".join(soup.get_text(" ").split())
    for improvement in PROFILE.improvements:  # every improvement is asked about
        assert typeset(localize(improvement.title, lang, "fr"), lang) in text
        plan = typeset(localize(improvement.action_plan, lang, "fr"), lang)
        assert " ".join(plan.split()) in text
    answered = questions["level/gestion-projets"].select_one(".answer")
    assert "answer-empty" not in answered["class"]
    assert ("journal estimé/réel" if lang == "fr" else "estimated-versus-actual") in answered.text
    empty = questions["evidence/assistance-formation"].select_one(".answer")
    assert "evidence/assistance-formation" in empty.get_text()


def test_hostile_answers_stay_inert(site):
    for prefix in ("", "en/"):
        soup = page(site, "questions.html", prefix)
        answer = soup.select_one('article[data-id="level/analyse-besoins"] .answer')
        assert answer.find("script") is None and answer.find("img") is None
        assert all(
            not (a.get("href") or "").startswith("javascript:") for a in answer.find_all("a")
        )
        assert "<script>alert(1)</script>" in answer.get_text()
        assert not soup.find_all(attrs={"onerror": True})


def test_question_kinds_from_generated_data():
    profile = load_text(
        MINIMAL
        + """
achievements:
  - {id: a1, title: Projet, results: ["+30 % de ventes"]}
strengths:
  - {title: Écoute, explanation: Je reformule.}
improvements:
  - {title: Négocier, explanation: X, action_plan: Formation, target: 2026-06}
  - {title: Estimer, explanation: X, action_plan: Journal, target: 2026-06, competencies: [gestion-projets]}
competencies:
  items:
    - {id: gestion-projets, level: 4, target: 4, evidence: [a1]}
    - {id: analyse-besoins, level: 1, target: 3}
"""
    )
    groups = likely_questions(profile)
    assert [g.competency.id if g.competency else None for g in groups] == [
        "gestion-projets",
        "analyse-besoins",
        None,
    ]
    ids = [q.id for g in groups for q in g.questions]
    assert ids == [
        "plan/estimer",
        "evidence/gestion-projets",
        "level/analyse-besoins",
        "evidence/analyse-besoins",
        "improvement/negocier",
        "strength/ecoute",
        "figures/a1",
    ]
    level = groups[1].questions[0]
    assert level.wording("fr", "fr") == (
        "Comment allez-vous atteindre le niveau « Maîtrise » en Analyse des besoins ?"
    )


def test_an_answer_id_must_have_the_form_of_a_question_id(run_cli, write_profile):
    profile = write_profile(MINIMAL + "defence:\n  answers:\n    'Level/X': Réponse\n")
    result = run_cli("check", str(profile))
    assert result.code == 2
    assert "defence.answers" in result.err


def test_check_reports_rehearsal_readiness(run_cli, write_profile):
    profile = write_profile(
        MINIMAL
        + "competencies:\n  items:\n    - {id: gestion-projets, level: 2, target: 3}\n"
        + "defence:\n  answers:\n    level/gestion-projets: Par un journal estimé/réel.\n"
        + "    level/ancienne: Réponse devenue sans objet.\n"
    )
    result = run_cli("check", str(profile))
    # no notes at all: said once, not also slide by slide
    assert "✗ " + fr.LABELS["check.no_speaker_notes"] in result.out
    assert "diapositives sans notes" not in result.out
    assert "○ Réponses préparées pour les questions probables du jury : 1 sur 2" in result.out
    assert "evidence/gestion-projets" in result.out
    assert "○ Réponses à des questions qui ne se posent plus : level/ancienne" in result.out
    checks = {c.key: c for c in rehearsal_checks(load(SAMPLE))}
    assert checks["rehearsal_notes"].ok


def test_the_sample_stays_ready_with_answers_to_prepare(run_cli):
    result = run_cli("check", str(SAMPLE))
    assert "○ Réponses préparées pour les questions probables du jury : 2 sur" in result.out
    assert result.out.rstrip().endswith("Prêt pour les annexes et la soutenance.")


def test_the_schema_documents_answers():
    import json

    schema = json.loads((ROOT / "profile.schema.json").read_text(encoding="utf-8"))
    answers = schema["$defs"]["Defence"]["properties"]["answers"]
    assert next(iter(answers["patternProperties"])).startswith("^(level|evidence")


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_cue_cards_print_four_per_a4_page(chromium, site, prefix):
    from pypdf import PdfReader

    browser_page = chromium.new_page()
    browser_page.goto((deck_dir(site, prefix) / "cards.html").as_uri())
    printed = PdfReader(io.BytesIO(browser_page.pdf(prefer_css_page_size=True)))
    browser_page.close()
    slides = page(site, "index.html", prefix).select(".deck-slides > .slide")
    assert len(printed.pages) == -(-len(slides) // 4)
    for number, sheet in enumerate(printed.pages):
        width, height = float(sheet.mediabox.width), float(sheet.mediabox.height)
        assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (210, 297)
        text = sheet.extract_text()
        first = number * 4 + 1
        cards = [n for n in range(first, min(first + 4, len(slides) + 1))]
        for card in cards:
            assert f"{card} / {len(slides)}" in text
        assert len(cards) == 4 or number == len(printed.pages) - 1
    cards = page(site, "cards.html", prefix).select(".card")
    assert len(cards) == len(slides)
    lang = prefix.rstrip("/") or "fr"
    assert [c.select_one(".card-seconds").get_text() for c in cards] == [
        typeset(f"{s['data-seconds']} s", lang) for s in slides
    ]
    first_note = localize(PROFILE.defence.slides[0].notes, lang, "fr").split(",")[0]
    assert first_note in cards[0].get_text()
