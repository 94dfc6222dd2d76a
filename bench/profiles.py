"""Synthetic but realistic profiles for the benchmark: valid, with text of usual lengths."""

from __future__ import annotations

import random

import yaml

WORDS = [
    "projet",
    "migration",
    "utilisateurs",
    "recette",
    "pilotage",
    "besoin",
    "atelier",
    "indicateur",
    "planning",
    "équipe",
    "prestataire",
    "déploiement",
    "formation",
    "support",
    "processus",
    "qualité",
    "budget",
    "délai",
    "risque",
    "comité",
    "données",
    "tableau",
    "entrepôt",
    "livraison",
    "solution",
    "cahier",
    "charges",
    "sprint",
    "démonstration",
    "retour",
]


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(sentence(rng, rng.randint(8, 16)) for _ in range(sentences))


def make_profile(
    name: str, achievements: int, activities: int, seed: int = 1, locale: str | list = "fr"
) -> str:
    """A valid profile; one language by default, so that N achievements make N pages."""
    rng = random.Random(seed)
    year = lambda offset=0: 2015 + (rng.randint(0, 10) + offset) % 11  # noqa: E731
    data = {
        "locale": locale,
        "identity": {
            "name": name,
            "headline": {"fr": "Chef·fe de projet SI en alternance", "en": "IT project manager"},
            "contact": {"email": "etudiant@example.fr", "city": "Lyon, France"},
        },
        "links": {
            "book": "https://example.github.io/book/",
            "linkedin": "https://www.linkedin.com/in/exemple/",
        },
        "summary": {"fr": paragraph(rng, 5), "en": paragraph(rng, 5)},
        "experience": [
            {
                "title": f"Poste {i + 1}",
                "organization": f"Entreprise {i + 1}",
                "start": f"{2018 + i}-09",
                "end": f"{2019 + i}-08",
                "description": paragraph(rng, 3),
                "highlights": [sentence(rng, 10) for _ in range(2)],
            }
            for i in range(4)
        ],
        "education": [
            {"degree": "Master MSI", "institution": "École", "start": "2024-09", "end": "2026-09"}
        ],
        "certifications": [{"name": "ITIL 4", "issuer": "PeopleCert", "date": "2024-11"}],
        "languages": [{"name": "Français", "level": "native"}, {"name": "Anglais", "level": "B2"}],
        "skills": [{"name": f"Compétence {i + 1}", "level": 1 + i % 5} for i in range(12)],
        "achievements": [
            {
                "id": f"realisation-{i + 1}",
                "title": {"fr": f"Réalisation {i + 1}", "en": f"Achievement {i + 1}"},
                "start": f"{year()}-0{1 + i % 9}",
                "context": sentence(rng, 20),
                "role": sentence(rng, 14),
                "results": [sentence(rng, 10) for _ in range(2)],
                "body": "\n\n".join(
                    ["## Démarche", paragraph(rng, 4), "## Résultats", paragraph(rng, 3)]
                ),
                "competencies": ["gestion-projets"],
            }
            for i in range(achievements)
        ],
        "activities": [
            {
                "kind": "article",
                "title": sentence(rng, 7),
                "date": f"{year()}-0{1 + i % 9}-1{i % 9}",
                "url": f"https://example.com/article-{i + 1}",
                "summary": sentence(rng, 25),
            }
            for i in range(activities)
        ],
        "recommendations": [
            {"author": f"Tuteur {i + 1}", "role": "Manager", "text": paragraph(rng, 3)}
            for i in range(3)
        ],
        "strengths": [
            {"title": f"Point fort {i + 1}", "explanation": sentence(rng, 12)} for i in range(10)
        ],
        "improvements": [
            {
                "title": f"Axe {i + 1}",
                "explanation": sentence(rng, 10),
                "action_plan": sentence(rng, 14),
                "target": "2026-06",
            }
            for i in range(10)
        ],
        "competencies": {
            "items": [
                {
                    "id": cid,
                    "level": 2 + i % 2,
                    "evidence": ["realisation-1"] if achievements else [],
                }
                for i, cid in enumerate(
                    ["analyse-besoins", "conception-systemes", "gestion-projets"]
                )
            ]
        },
    }
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def make_articles(count: int, seed: int = 1) -> dict[str, str]:
    """Markdown articles for a plain Pelican site of `count` pages."""
    rng = random.Random(seed)
    return {
        f"article-{i + 1}.md": (
            f"Title: {sentence(rng, 6)}\nDate: 2025-{1 + i % 12:02d}-{1 + i % 28:02d}\n"
            f"Slug: article-{i + 1}\n\n{paragraph(rng, 4)}\n\n## Section\n\n{paragraph(rng, 4)}\n"
        )
        for i in range(count)
    }
