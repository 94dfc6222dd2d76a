"""Profiles generated for the deck tests: the sample's opposite ends (maximal content with
long texts and emoji in two languages, minimal content in English only)."""

from __future__ import annotations

import copy
from pathlib import Path

import yaml

from profile_gen.app.build import run_pelican
from tests.conftest import copy_sample
from tests.profiles import SAMPLE_DATA

LONG = (
    "Coordination des équipes métiers et techniques sur des projets multi-sites 🚀 avec "
    "des contraintes réglementaires fortes et des délais serrés"
)
LONG_EN = (
    "Coordinating business and technical teams on multi-site projects 🚀 under strict "
    "regulatory constraints and tight deadlines"
)


def sample_data() -> dict:
    """A copy of the sample's data (parsed once per process, in tests.profiles)."""
    return copy.deepcopy(SAMPLE_DATA)


def both(fr: str, en: str) -> dict:
    return {"fr": fr, "en": en}


def maximal() -> dict:
    """Every list at its fullest, every text long, emoji in titles, a long name."""
    data = sample_data()
    identity = data["identity"]
    identity["name"] = "Marie-Charlotte Delacroix-Montmorency de La Tour-Saint-Germain"
    identity["headline"] = both(LONG + " — " + LONG, LONG_EN + " — " + LONG_EN)
    for index, item in enumerate(data["strengths"]):
        item["title"] = both(f"{LONG[:70]} n°{index + 1} ✨", f"{LONG_EN[:70]} no. {index + 1} ✨")
        item["explanation"] = both(LONG + " " + LONG, LONG_EN + " " + LONG_EN)
    for item in data["improvements"]:
        item["title"] = both(LONG[:80] + " 🎯", LONG_EN[:80] + " 🎯")
        item["action_plan"] = both(
            "Le *nouvel* ERP : " + LONG + " " + LONG, "The *new* ERP: " + LONG_EN + " " + LONG_EN
        )
    data["improvements"][1]["action_plan"] = both(  # a list runs on in its row
        "- un journal *estimé/réel*\n- le planning poker : chaque lot\n- une revue mensuelle",
        "- an *estimated/actual* log\n- planning poker: each package\n- a monthly review",
    )
    for item in data["achievements"]:
        item["title"] = both(LONG[:90] + " 📦", LONG_EN[:90] + " 📦")
        item["results"] = [both(LONG + " " + LONG, LONG_EN + " " + LONG_EN)] * 3
    for item in data["recommendations"]:
        item["text"] = both((LONG + " ") * 6, (LONG_EN + " ") * 6)
        item["role"] = both(LONG[:90], LONG_EN[:90])
    for slide in data["defence"]["slides"]:
        slide["notes"] = both((LONG + ". ") * 3, (LONG_EN + ". ") * 3)
    return data


def long_job() -> dict:
    """The sample with a current job of 130 letters at an organisation of 100: the last
    line of the profile slide, three lines long."""
    data = sample_data()
    job = data["experience"][0]
    job["title"] = both(LONG[:125] + " 🧭", LONG_EN[:125] + " 🧭")
    job["organization"] = (
        "Groupement Européen des Transporteurs et Logisticiens Indépendants de la Région "
        "Auvergne-Rhône"
    )
    return data


def many_strengths() -> dict:
    """Twelve strengths (the methodology asks for ten): six rows a column; symbols that
    fonts draw as text (✓ ★) and a colour emoji in a title."""
    data = sample_data()
    extra = [
        {
            "title": both("✓ Livré à temps ★ 🚀", "✓ Delivered on time ★ 🚀"),
            "explanation": both(LONG, LONG_EN),
        },
        {"title": both("Négociation", "Negotiation"), "explanation": both(LONG, LONG_EN)},
    ]
    data["strengths"] = extra + data["strengths"]
    return data


def latin_extended() -> dict:
    """A Polish and Czech career: letters of the font's latin-ext subset (Ł ż ř ě ő) in the
    name, bold titles and plain text, beside the latin subset's on the same lines."""
    data = sample_data()
    data["identity"]["name"] = "Łukasz Wróblewski-Dvořák"
    data["identity"]["headline"] = both(
        "Kierownik projektów : łańcuch dostaw, řízení změn",
        "Project manager: łańcuch dostaw, řízení změn",
    )
    data["strengths"][0]["title"] = both("Zarządzanie zespołem", "Zarządzanie zespołem")
    data["strengths"][1]["title"] = both("Řízení změn a žádostí", "Řízení změn a žádostí")
    data["improvements"][0]["title"] = both("Délégation à Łódź", "Delegating in Łódź")
    return data


def minimal_english() -> dict:
    """One language (English), a name and a headline, a Book link: nothing else."""
    return {
        "locale": "en",
        "identity": {"name": "Sam Lee", "headline": "IT project manager"},
        "links": {"book": "https://sam-lee.example.org/book/"},
    }


def build(root: Path, data: dict | None) -> Path:
    """The site of `data` (None: the sample as it is), built without PDFs; its output."""
    copy_sample(root)
    if data is not None:
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
        (root / "content/profile.yaml").write_text(text, encoding="utf-8")
    return run_pelican(root / "pelican.conf.py", root / "output", pdf=False).output


def deck_dir(site: Path, prefix: str = "") -> Path:
    """The deck's folder of a built site: `soutenance/` for a French-first Book, `defence/`
    for an English-first one, `en/defence/` for the English deck of a bilingual Book."""
    if prefix == "en/":
        return site / "en/defence"
    return site / "soutenance" if (site / "soutenance").is_dir() else site / "defence"
