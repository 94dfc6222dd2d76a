"""`profile-gen build --cohort DIR`: every profile folder of DIR built into `output/<slug>/`,
in parallel over the CPU cores, plus an index page of all the Books.

A broken profile reports its errors and does not stop or spoil the others; each Book is
swapped in atomically, so a failed one keeps its previous output. Every member builds or
is named in the summary and the index: a folder that cannot be read (denied, a symbolic
link that loops), a bug of ours, a worker process that dies.
"""

from __future__ import annotations

import errno
import functools
import os
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from profile_gen import i18n, tokens
from profile_gen.app.build import documents_written, project_settings, run_pelican
from profile_gen.app.check import article_count
from profile_gen.app.terminal import safe, say
from profile_gen.book import render
from profile_gen.errors import BuildError, ProfileError, ProfileGenError
from profile_gen.outputs import DECK_SLUGS, place
from profile_gen.profile.readiness import assess
from profile_gen.text import slug
from profile_gen.typography import typeset

PROFILE_FILE = "profile.yaml"


def slugify(name: str) -> str:
    return slug(name, fallback="profil")


def find_profiles(folder: Path) -> list[tuple[str, Path, OSError | None]]:
    """(slug, folder, None) of every sub-folder holding a `profile.yaml`, sorted by slug;
    a sub-folder that cannot be read (denied, a symbolic link that loops or leads nowhere,
    a `profile.yaml` that is no file) comes with its error instead, to be named."""
    found: list[tuple[str, Path, OSError | None]] = []
    taken: set[str] = set()
    for child in sorted(folder.iterdir()):
        state = _membership(child)
        if state is False:
            continue
        slug = base = slugify(child.name)
        number = 2
        while slug in taken:
            slug, number = f"{base}-{number}", number + 1
        taken.add(slug)
        found.append((slug, child, state if isinstance(state, OSError) else None))
    return found


def _membership(child: Path) -> bool | OSError:
    """True for a profile's folder, False for anything else (a file, a hidden folder, a
    folder without a profile), the error for a folder that may be a profile's but cannot
    be read."""
    if child.name.startswith("."):
        return False
    try:
        if child.is_symlink():
            child.stat()  # a loop or a dangling link: ELOOP, ENOENT
        if not child.is_dir():
            return False
        profile = child / PROFILE_FILE
        try:
            profile.lstat()  # denied in an unreadable folder
        except FileNotFoundError:
            return False
        if profile.is_dir():
            return IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(profile))
        with profile.open("rb"):  # denied, or a link that leads nowhere
            return True
    except OSError as error:
        return error


def _reason(lang: str, error: OSError) -> str:
    """What the file system said, in the user's words when we have them."""
    from profile_gen.app.cli import OS_REASONS

    key = OS_REASONS.get(error.errno or 0)
    return i18n.label(lang, f"os.{key}") if key else (error.strerror or str(error))


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
    deck: str = DECK_SLUGS["fr"]
    """The deck's folder in the profile's primary language (`defence` for English)."""
    annexe_folder: str = place("annexe", "fr", "fr").rstrip("/")
    """The printed annexe's folder (the output registry's)."""


def unreadable(slug: str, folder: Path, error: OSError, lang: str) -> Outcome:
    """The outcome of a member that cannot be read: its folder and why."""
    path = str(error.filename or folder)
    message = i18n.message(lang, "cohort_member_unreadable", path=path, reason=_reason(lang, error))
    return Outcome(slug, False, error=message)


def build_member(
    settings_file: Path | None,
    slug: str,
    folder: Path,
    output: Path,
    pdf: bool,
    lang: str = "fr",
    formats: tuple[str, ...] | None = None,
) -> Outcome:
    """Build one Book; never raises (but for Ctrl-C): whatever stops it, a bad profile or a
    bug of ours, is the outcome's error text."""
    from profile_gen.app.build import quiet_pelican

    quiet_pelican()
    started = time.perf_counter()
    try:
        outcome = _built(settings_file, slug, folder, output, pdf, lang, formats)
    except ProfileError as error:
        outcome = Outcome(slug, False, error=error.format(limit=10))
    except ProfileGenError as error:
        outcome = Outcome(slug, False, error=error.describe(lang))
    except OSError as error:
        path = str(error.filename or folder)
        outcome = Outcome(
            slug,
            False,
            error=i18n.message(lang, "os_error", path=path, reason=_reason(lang, error)),
        )
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as error:  # one broken Book must not stop the class
        outcome = Outcome(slug, False, error=internal(lang, folder, error))
    outcome.seconds = time.perf_counter() - started
    return outcome


def internal(lang: str, folder: Path, error: BaseException) -> str:
    """The words for a bug of ours met while building the Book of `folder`."""
    lines = str(error).strip().splitlines()
    detail = f"{type(error).__name__}: {lines[0][:300]}" if lines else type(error).__name__
    return i18n.message(lang, "cohort_member_internal", path=str(folder), detail=detail)


def _built(
    settings_file: Path | None,
    slug: str,
    folder: Path,
    output: Path,
    pdf: bool,
    lang: str,
    formats: tuple[str, ...] | None,
) -> Outcome:
    built = run_pelican(settings_file, output / slug, pdf=pdf, content=folder, formats=formats)
    profile = built.profile
    report = assess(profile, article_count(folder / PROFILE_FILE))
    defence = [check for check in report.defence if not check.advisory]  # advice is not counted
    primary = profile.primary_language
    return Outcome(
        slug,
        True,
        name=profile.identity.name,
        headline=typeset(profile.text(profile.identity.headline), profile.primary_language),
        documents=tuple(documents_written(built.output, profile)),
        deck=place("deck", primary, primary).rstrip("/"),
        annexe_folder=place("annexe", primary, primary).rstrip("/"),
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
        tokens_css=Markup(tokens.css()),
        books=[o for o in outcomes if o.ok],
        failed=[o for o in outcomes if not o.ok],
    )
    (output / "index.html").write_text(html, encoding="utf-8")


def _build_in_pool(
    settings_file: Path | None,
    output: Path,
    pdf: bool,
    lang: str,
    formats: tuple[str, ...] | None,
    members: list[tuple[str, Path]],
    jobs: int,
) -> Iterator[Outcome]:
    """The outcome of each member, as they end, built by `jobs` worker processes. A worker
    that dies (killed, out of memory, a crash in a library) breaks the pool: the members it
    left unfinished are built again one by one, each in a process of its own, so only the
    one that kills its worker again is reported as such."""
    arguments = {
        slug: (settings_file, slug, path, output, pdf, lang, formats) for slug, path in members
    }
    again: list[str] = []
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(build_member, *arguments[slug]): slug for slug in arguments}
        for future in as_completed(futures):
            try:
                yield future.result()
            except BrokenProcessPool:
                again.append(futures[future])
            except Exception as error:  # its outcome could not come back: a bug of ours
                slug = futures[future]
                yield Outcome(slug, False, error=internal(lang, arguments[slug][2], error))
    for member in again:
        with ProcessPoolExecutor(max_workers=1) as alone:
            try:
                yield alone.submit(build_member, *arguments[member]).result()
            except BrokenProcessPool as error:
                folder = arguments[member][2]
                detail = str(error).strip().splitlines()[0][:200]
                text = i18n.message(lang, "cohort_member_crashed", path=str(folder), detail=detail)
                yield Outcome(member, False, error=text)


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
    readable = [(slug, path) for slug, path, error in members if error is None]
    job = functools.partial(_build_in_pool, settings_file, output, pdf, lang, formats)
    with Progress(*columns, console=console, disable=not progress) as bar:
        task = bar.add_task(i18n.text(lang, "cohort.progress"), total=len(members))
        named = [unreadable(slug, path, error, lang) for slug, path, error in members if error]
        for outcome in chain(named, job(readable, jobs)):
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
