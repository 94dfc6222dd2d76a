"""`profile-gen build --cohort DIR`: every profile folder of DIR built into `output/<slug>/`,
in parallel over the CPU cores, plus an index page of all the Books.

A broken profile reports its errors and does not stop or spoil the others; each Book is
swapped in atomically, so a failed one keeps its previous output.
"""

from __future__ import annotations

import os
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from profile_gen import i18n
from profile_gen.app.build import documents_written, project_settings, run_pelican
from profile_gen.app.check import article_count
from profile_gen.app.terminal import safe, say
from profile_gen.errors import BuildError, ProfileError
from profile_gen.profile.readiness import assess
from profile_gen.site import render
from profile_gen.site.context import deck_slug
from profile_gen.text import slug

PROFILE_FILE = "profile.yaml"


def slugify(name: str) -> str:
    return slug(name, fallback="profil")


def find_profiles(folder: Path) -> list[tuple[str, Path]]:
    """(slug, folder) of every sub-folder holding a `profile.yaml`, sorted by slug."""
    found, taken = [], set()
    for child in sorted(folder.iterdir()):
        if child.is_dir() and (child / PROFILE_FILE).is_file():
            slug = base = slugify(child.name)
            number = 2
            while slug in taken:
                slug, number = f"{base}-{number}", number + 1
            taken.add(slug)
            found.append((slug, child))
    return found


@dataclass
class Outcome:
    slug: str
    ok: bool
    name: str = ""
    headline: str = ""
    error: str = ""
    seconds: float = 0.0
    annexe: tuple[int, int] = (0, 0)
    """Annexe items present, of all."""
    defence: tuple[int, int] = (0, 0)
    """Defence checks met, of all."""
    missing: tuple[str, ...] = ()
    """What the annexes and the defence still lack, in the cohort's language."""
    documents: tuple[str, ...] = ()
    """The PDF, Word and PowerPoint files written, relative to the Book's folder."""
    deck: str = "soutenance"
    """The deck's folder in the profile's primary language (`defence` for English)."""


def build_member(
    settings_file: Path | None,
    slug: str,
    folder: Path,
    output: Path,
    pdf: bool,
    lang: str = "fr",
    formats: tuple[str, ...] | None = None,
) -> Outcome:
    """Build one Book; never raises for a bad profile (the error text is in the outcome)."""
    from profile_gen.app.build import quiet_pelican

    quiet_pelican()
    started = time.perf_counter()
    try:
        built = run_pelican(settings_file, output / slug, pdf=pdf, content=folder, formats=formats)
    except ProfileError as error:
        return Outcome(
            slug, False, error=error.format(limit=10), seconds=time.perf_counter() - started
        )
    except BuildError as error:
        return Outcome(
            slug, False, error=error.describe(lang), seconds=time.perf_counter() - started
        )
    except Exception as error:  # one broken Book must not stop the class
        return Outcome(
            slug,
            False,
            error=f"{type(error).__name__}: {error}",
            seconds=time.perf_counter() - started,
        )
    profile = built.profile
    report = assess(profile, article_count(folder / PROFILE_FILE))
    defence = [check for check in report.defence if not check.advisory]  # advice is not counted
    return Outcome(
        slug,
        True,
        name=profile.identity.name,
        headline=profile.text(profile.identity.headline),
        seconds=time.perf_counter() - started,
        documents=tuple(documents_written(built.output)),
        deck=deck_slug(profile.primary_language),
        annexe=(sum(check.ok for check in report.annexe), len(report.annexe)),
        defence=(sum(check.ok for check in defence), len(defence)),
        missing=(
            *(i18n.text(lang, f"item.{c.key}") for c in report.annexe if not c.ok),
            *(i18n.text(lang, f"check.{c.key}", **c.context) for c in defence if not c.ok),
        ),
    )


def write_index(theme: Path, output: Path, outcomes: list[Outcome], lang: str) -> None:
    env = Environment(loader=FileSystemLoader(str(theme / "templates")), autoescape=True)
    render.install(env)
    html = env.get_template("cohort.html").render(
        lang=lang,
        primary_lang=lang,
        tokens_css=Markup((theme / "static/css/tokens.css").read_text(encoding="utf-8")),
        books=[o for o in outcomes if o.ok],
        failed=[o for o in outcomes if not o.ok],
    )
    (output / "index.html").write_text(html, encoding="utf-8")


def build_cohort(
    settings_file: Path | None,
    folder: Path,
    output: Path | None = None,
    pdf: bool = True,
    jobs: int | None = None,
    lang: str = "fr",
    progress: bool = True,
    formats: tuple[str, ...] | None = None,
) -> int:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    from rich.text import Text

    if not folder.is_dir():
        raise BuildError("cohort_no_folder", path=str(folder))
    members = find_profiles(folder)
    if not members:
        raise BuildError("cohort_empty", path=str(folder))
    settings = project_settings(settings_file, folder)
    output = Path(output).resolve() if output else Path(settings["OUTPUT_PATH"])
    output.mkdir(parents=True, exist_ok=True)
    jobs = jobs or os.cpu_count() or 1
    started = time.perf_counter()
    outcomes: list[Outcome] = []
    # words as they are, whatever the terminal's width: never wrapped inside a path or a
    # `file:line:col`, no markup, emoji codes (`:fire:`) or highlighting read into a path
    console = Console(stderr=True, soft_wrap=True, markup=False, emoji=False, highlight=False)
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with (
        Progress(*columns, console=console, disable=not progress) as bar,
        ProcessPoolExecutor(max_workers=jobs) as pool,
    ):
        task = bar.add_task(i18n.text(lang, "cohort.progress"), total=len(members))
        futures = [
            pool.submit(build_member, settings_file, slug, path, output, pdf, lang, formats)
            for slug, path in members
        ]
        for future in as_completed(futures):
            outcome = future.result()
            outcomes.append(outcome)
            if not outcome.ok:
                failed_line = safe(i18n.text(lang, "cohort.failed", slug=outcome.slug))
                console.print(Text(failed_line, "bold red"))
                console.print(safe(outcome.error))
            bar.advance(task)
    outcomes.sort(key=lambda outcome: outcome.slug)
    write_index(Path(settings["THEME"]), output, outcomes, lang)
    failed = [o for o in outcomes if not o.ok]
    say(
        i18n.text(
            lang,
            "cohort.done",
            built=len(outcomes) - len(failed),
            total=len(outcomes),
            output=str(output),
            seconds=f"{time.perf_counter() - started:.1f}",
            jobs=jobs,
        )
    )
    if failed:
        say(i18n.text(lang, "cohort.failures", slugs=", ".join(o.slug for o in failed)))
    return 0 if not failed else 2
