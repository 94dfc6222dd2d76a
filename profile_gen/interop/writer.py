"""Write imported profile data as commented YAML, grouped like the sample, never silently
overwriting, and ending with the report of what could not be mapped."""

from __future__ import annotations

import re
from typing import Any

import yaml

from profile_gen.interop.fit import _CONTROL

SECTIONS = (
    ("locale", "Langue(s) des sorties : fr, en ou [fr, en] (la première est la principale)."),
    ("identity", "Identité. Ajoutez une photo (identity.photo) pour le CV des annexes."),
    ("links", "Liens : ajoutez links.book (votre Book) et links.linkedin (votre profil public)."),
    ("summary", "Résumé LinkedIn (Markdown)."),
    ("experience", "Parcours professionnel, importé de Positions.csv et Volunteering.csv."),
    ("education", "Formations, importées d'Education.csv."),
    ("certifications", "Certifications, importées de Certifications.csv."),
    ("languages", "Langues : niveaux CECRL A1–C2 ou native."),
    ("skills", "Compétences, importées de Skills.csv (ajoutez category et level si utile)."),
    ("achievements", "Réalisations, importées de Projects.csv : ajoutez context, role, results."),
    ("activities", "Articles et activités, importés de Publications.csv et Honors.csv."),
    ("recommendations", "Recommandations visibles, importées de Recommendations_Received.csv."),
    ("strengths", "À COMPLÉTER : exactement 10 points forts (title, explanation, evidence)."),
    (
        "improvements",
        "À COMPLÉTER : exactement 10 axes d'amélioration (title, explanation, action_plan, target).",
    ),
    ("defence", "Déroulé des 5 minutes de soutenance."),
    (
        "competencies",
        "À COMPLÉTER : auto-évaluation (référentiel RNCP 35284 par défaut : analyse-besoins,\n# conception-systemes, gestion-projets, maintenance-evolution, assistance-formation).",
    ),
)


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)  # "- item" indented under its key


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value.strip() else None
    if style:
        value = "\n".join(line.rstrip() for line in value.strip().splitlines()) + "\n"
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def _one_line(text: str) -> str:
    """A report line safe inside a YAML comment: no line break, no control character."""
    return " ".join(_CONTROL.sub(" ", text).split())


def to_yaml(
    data: dict[str, Any], comments: dict[str, str], unmapped: list[str], schema: str, source: str
) -> str:
    lines = [
        f"# yaml-language-server: $schema={schema}",
        "#",
        f"# Profil importé de {source} par `profile-gen import`.",
        "# Relisez chaque section, complétez les parties « À COMPLÉTER », puis lancez :",
        "#     profile-gen check",
        "",
    ]
    for key, comment in SECTIONS:
        if key not in data:
            continue
        lines.append(f"# {comment}")
        dumped = yaml.dump(
            {key: data[key]}, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100
        )
        lines.append(dumped.rstrip("\n"))
        lines.append("")
    text = "\n".join(lines)
    text = re.sub(
        r"(\S+?)@@(\w+)@@",
        lambda m: f"{m.group(1)}  # {_one_line(comments.get(m.group(2), ''))}".rstrip(" #"),
        text,
    )
    if "phone" in comments:
        text = re.sub(
            r"^(\s+phone: .*)$",
            lambda m: f"{m.group(1)}  # {comments['phone']}",
            text,
            count=1,
            flags=re.M,
        )
    report = [
        "",
        "# " + "-" * 78,
        "# Rapport d'import : ce qui n'a pas pu être repris automatiquement",
    ]
    report += [f"#   - {_one_line(line)}" for line in unmapped] or [
        "#   (rien : tout a été importé)"
    ]
    report += [
        "#   - À compléter vous-même : strengths (10), improvements (10), competencies,",
        "#     links.book, links.linkedin, identity.photo.",
    ]
    return text.rstrip("\n") + "\n" + "\n".join(report) + "\n"
