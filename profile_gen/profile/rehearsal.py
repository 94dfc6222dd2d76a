"""Preparing the 15 minutes of questions, and how ready the rehearsal is.

`likely_questions` lists, from the profile's data, the questions a jury is likely to ask on
the self-assessment, each with a stable id (the key of its answer in `defence.answers`), the
evidence the student can show and the answer prepared so far. `rehearsal_checks` gives the
`check` lines on rehearsing: speaker notes written, answers prepared. Data only: the
questions page (`theme/templates/questions.html`) draws it. No I/O, no HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from profile_gen.profile.fields import Localized, Markdown
from profile_gen.profile.model import (
    Achievement,
    Competency,
    Improvement,
    Profile,
    QuestionKind,
    Strength,
)
from profile_gen.text import slug

THIN_EVIDENCE = 2
"""A competency backed by fewer achievements than this has thin evidence."""

_FIGURE = re.compile(r"\d")


@dataclass
class Question:
    id: str
    """Stable id, `<kind>/<subject>`: the key of its answer in `defence.answers`."""
    kind: QuestionKind
    values: dict[str, Localized | str | int] = field(default_factory=dict)
    """What the wording names (the competency, the target's label, a title)."""
    evidence: list[Achievement] = field(default_factory=list)
    improvements: list[Improvement] = field(default_factory=list)
    strength: Strength | None = None
    answer: Markdown | None = None

    def wording(self, lang: str, primary: str) -> str:
        from profile_gen import i18n

        values = {
            key: value.get(lang, primary) if isinstance(value, Localized) else value
            for key, value in self.values.items()
        }
        return i18n.text(lang, f"questions.q.{self.kind.value}", **values)


@dataclass
class CompetencyQuestions:
    competency: Competency | None
    """None: the questions on no one competency (strengths, improvements, figures)."""
    questions: list[Question]


def _subject(title: str, taken: set[str]) -> str:
    """`Estimation des charges` -> `estimation-des-charges`, unique among `taken`."""
    return slug(title, taken, fallback="x", limit=48)


def _achievements(profile: Profile, ids: list[str]) -> list[Achievement]:
    return [a for a in (profile.achievement(i) for i in ids) if a is not None]


def _competency_questions(
    profile: Profile, competency: Competency, taken: set[str]
) -> list[Question]:
    primary = profile.primary_language
    name = competency.display_name()
    evidence = _achievements(profile, competency.evidence)
    questions = []
    target = competency.target
    if target is not None and competency.level < target:
        labels = {step.level: step.label for step in profile.competencies.scale}
        serving = [i for i in profile.improvements if competency.id in i.competencies]
        questions.append(
            Question(
                f"level/{competency.id}",
                QuestionKind.level,
                {"competency": name, "target": labels.get(target, str(target)), "level": target},
                evidence,
                serving,
            )
        )
    else:  # at its target (or none set): the plans that still serve it
        for improvement in profile.improvements:
            if competency.id in improvement.competencies:
                subject = _subject(improvement.title.get(primary, primary), taken)
                questions.append(
                    Question(
                        f"plan/{subject}",
                        QuestionKind.plan,
                        {"competency": name, "title": improvement.title},
                        improvements=[improvement],
                    )
                )
    if len(evidence) < THIN_EVIDENCE:
        questions.append(
            Question(
                f"evidence/{competency.id}",
                QuestionKind.evidence,
                {"competency": name, "count": len(evidence)},
                evidence,
            )
        )
    return questions


def _other_questions(profile: Profile) -> list[Question]:
    primary = profile.primary_language
    questions: list[Question] = []
    taken: set[str] = set()
    known = {c.id for c in profile.competencies.items}
    for improvement in profile.improvements:
        if not any(c in known for c in improvement.competencies):
            subject = _subject(improvement.title.get(primary, primary), taken)
            questions.append(
                Question(
                    f"improvement/{subject}",
                    QuestionKind.improvement,
                    {"title": improvement.title},
                    improvements=[improvement],
                )
            )
    taken = set()
    for strength in profile.strengths:
        if not _achievements(profile, strength.evidence):
            subject = _subject(strength.title.get(primary, primary), taken)
            questions.append(
                Question(
                    f"strength/{subject}",
                    QuestionKind.strength,
                    {"title": strength.title},
                    strength=strength,
                )
            )
    for achievement in profile.achievements:
        if any(_FIGURE.search(r.get(primary, primary)) for r in achievement.results):
            questions.append(
                Question(
                    f"figures/{achievement.id}",
                    QuestionKind.figures,
                    {"title": achievement.title},
                    [achievement],
                )
            )
    return questions


def likely_questions(profile: Profile) -> list[CompetencyQuestions]:
    """Per competency of the self-assessment (in its order), then the other questions; each
    question with the answer written in `defence.answers`, if any."""
    taken: set[str] = set()
    groups = [
        CompetencyQuestions(c, _competency_questions(profile, c, taken))
        for c in profile.competencies.items
    ]
    groups.append(CompetencyQuestions(None, _other_questions(profile)))
    answers = profile.defence.answers
    for group in groups:
        for question in group.questions:
            question.answer = answers.get(question.id)
    return [group for group in groups if group.questions]


def all_questions(profile: Profile) -> list[Question]:
    return [q for group in likely_questions(profile) for q in group.questions]


LISTED = 5
"""Question ids named in `check`'s hint; the others are counted."""


def _listed(ids: list[str]) -> str:
    shown = ", ".join(ids[:LISTED])
    return shown + (f", … (+{len(ids) - LISTED})" if len(ids) > LISTED else "")


@dataclass(frozen=True)
class RehearsalCheck:
    key: str
    ok: bool
    context: dict[str, Any]
    advisory: bool = False
    """A remark that does not make the profile incomplete."""


def rehearsal_checks(profile: Profile) -> list[RehearsalCheck]:
    """Speaker notes written for every slide, in every language; answers prepared for the
    likely questions (advice only: an answer is the student's own work)."""
    without_notes = [
        str(index + 1)
        for index, slide in enumerate(profile.defence.slides)
        if slide.notes is None
        or not all(
            slide.notes.has(lang) and slide.notes.get(lang, lang).strip() for lang in profile.locale
        )
    ]
    questions = all_questions(profile)
    answered = [q for q in questions if q.answer is not None]
    ids = {q.id for q in questions}
    stale = sorted(key for key in profile.defence.answers if key not in ids)
    checks = [
        RehearsalCheck("rehearsal_notes", not without_notes, {"slides": ", ".join(without_notes)})
    ]
    if questions:  # none yet (no competencies, no achievements): "0 of 0" is no answer
        checks.append(
            RehearsalCheck(
                "rehearsal_answers",
                len(answered) == len(questions),
                {
                    "answered": len(answered),
                    "total": len(questions),
                    "missing": _listed([q.id for q in questions if q.answer is None]),
                },
                advisory=True,
            )
        )
    if stale:
        checks.append(
            RehearsalCheck("rehearsal_stale", False, {"ids": ", ".join(stale)}, advisory=True)
        )
    return checks
