"""Built-in competency framework and default self-assessment scale (data only)."""

from __future__ import annotations

RNCP_35284 = {
    "analyse-besoins": {
        "fr": "Analyse des besoins",
        "en": "Needs analysis",
    },
    "conception-systemes": {
        "fr": "Conception de systèmes",
        "en": "Systems design",
    },
    "gestion-projets": {
        "fr": "Gestion de projets",
        "en": "Project management",
    },
    "maintenance-evolution": {
        "fr": "Maintenance et évolution des systèmes",
        "en": "Maintenance and evolution of systems",
    },
    "assistance-formation": {
        "fr": "Assistance et formation des utilisateurs",
        "en": "User support and training",
    },
}
"""The five competencies named by certification RNCP 35284, by id."""

DEFAULT_SCALE = (
    (1, {"fr": "Notions", "en": "Awareness"}),
    (2, {"fr": "Application", "en": "Practice"}),
    (3, {"fr": "Maîtrise", "en": "Proficiency"}),
    (4, {"fr": "Expertise", "en": "Expertise"}),
)
"""Default self-assessment scale: level number and its label."""
