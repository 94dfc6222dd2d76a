"""`profile-gen build --cohort DIR`: every profile folder of DIR built into `output/<slug>/`,
in parallel over the CPU cores, plus an index page of all the Books.

A broken profile reports its errors and does not stop or spoil the others; each Book is
swapped in atomically, so a failed one keeps its previous output. Every member builds or
is named in the summary and the index: a folder that cannot be read (denied, a symbolic
link that loops), a bug of ours, a worker process that dies, a Book that takes longer than
its time limit (`time_limit.time_limited`).
"""

from __future__ import annotations

import errno
import functools
import os
import shutil
import stat
import time
from collections.abc import Callable
from pathlib import Path

from profile_gen import i18n
from profile_gen.app.build import (
    IGNORABLE,
    documents_written,
    project_settings,
    run_pelican,
)
from profile_gen.app.check import article_count
from profile_gen.app.cohort_index import CSV_FILE, Outcome, write_index
from profile_gen.app.cohort_pool import built_in_pool
from profile_gen.app.cohort_progress import Progress
from profile_gen.app.cohort_shard import SHARD_GLOB, read_shards, shard_members, write_shard
from profile_gen.app.os_errors import os_reason
from profile_gen.app.staging import remove_kept_off
from profile_gen.app.terminal import safe, say
from profile_gen.book import plugin  # noqa: F401 - imported once, before the workers fork
from profile_gen.book.time_limit import MINUTES, TooLong, time_limited
from profile_gen.errors import BuildError, ProfileError, ProfileGenError
from profile_gen.outputs import place
from profile_gen.profile.readiness import assess
from profile_gen.text import slug
from profile_gen.typography import typeset

__all__ = ["Outcome", "build_cohort", "build_member", "find_profiles", "write_index"]

PROFILE_FILE = "profile.yaml"


def slugify(name: str) -> str:
    return slug(name, fallback="profil")


def find_profiles(folder: Path) -> list[tuple[str, Path, OSError | None]]:
    """(slug, folder, None) of every sub-folder holding a `profile.yaml`, sorted by slug;
    a sub-folder that cannot be read (denied, a symbolic link that loops or leads nowhere,
    a `profile.yaml` that is no file) comes with its error instead, to be named."""
    found: list[tuple[str, Path, OSError | None]] = []
    taken: set[str] = set()
    # a folder already named as its slug keeps it (`lea-moreau/`); the others of the same
    # slug (`Léa Moreau/`) take `-2`, `-3` in their names' order, and are said (`notes`)
    children = sorted(
        folder.iterdir(), key=lambda child: (slugify(child.name) != child.name, child.name)
    )
    for child in children:
        state = _membership(child)
        if state is False:
            continue
        slug = base = slugify(child.name)
        number = 2
        while slug in taken:
            slug, number = f"{base}-{number}", number + 1
        taken.add(slug)
        found.append((slug, child, state if isinstance(state, OSError) else None))
    return sorted(found, key=lambda member: member[0])


def _membership(child: Path) -> bool | OSError:
    """True for a profile's folder, False for anything else (a file, a hidden folder, a
    folder without a profile), the error for a folder that may be a profile's but cannot
    be read."""
    if child.name.startswith("."):
        return False
    try:
        if child.is_symlink():
            child.stat()  # a loop or a dangling link: ELOOP, ENOENT
            if child.is_dir() and (child / PROFILE_FILE).exists():
                # a student's folder elsewhere (read outside the cohort's folder), or another
                # member's again under a second name: never built through a link
                return LinkedMember(errno.EPERM, "a link", str(child))
        if not child.is_dir():
            return False
        profile = child / PROFILE_FILE
        try:
            profile.lstat()  # denied in an unreadable folder
        except FileNotFoundError:
            return False
        if profile.is_dir():
            return IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(profile))
        # denied, or a link that leads nowhere; a pipe is not waited for (O_NONBLOCK), a
        # terminal not taken as the command's own (O_NOCTTY)
        flags = getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
        handle = os.open(profile, os.O_RDONLY | flags)
        try:
            regular = stat.S_ISREG(os.fstat(handle).st_mode)
        finally:
            os.close(handle)
        return True if regular else NotAFile(errno.EINVAL, "not a file", str(profile))
    except OSError as error:
        return error


class NotAFile(OSError):
    """A member's `profile.yaml` that is a pipe or a device: named as `check` names it."""


class LinkedMember(OSError):
    """A member's folder that is a symbolic link: refused, named."""


def unreadable(slug: str, folder: Path, error: OSError, lang: str) -> Outcome:
    """The outcome of a member that cannot be read: its folder and why."""
    path = str(error.filename or folder)
    if isinstance(error, NotAFile):
        return Outcome(slug, False, error=i18n.message(lang, "profile_not_a_file", path=path))
    if isinstance(error, LinkedMember):  # its target, a place on the machine, is not said
        return Outcome(slug, False, error=i18n.message(lang, "cohort_member_link", path=path))
    message = i18n.message(
        lang, "cohort_member_unreadable", path=path, reason=os_reason(lang, error)
    )
    return Outcome(slug, False, error=message)


def build_member(
    settings_file: Path | None,
    slug: str,
    folder: Path,
    output: Path,
    pdf: bool,
    lang: str = "fr",
    formats: tuple[str, ...] | None = None,
    seconds: float | None = None,
    public: bool = False,
    force: bool = False,
) -> Outcome:
    """Build one Book, in at most `seconds` in a cohort's worker (`time_limited`); never
    raises (but for Ctrl-C): whatever stops it, a bad profile, its time limit or a bug of
    ours, is the outcome's error text."""
    from profile_gen.app.build import quiet_pelican

    quiet_pelican()
    started = time.perf_counter()
    try:
        with time_limited(seconds):
            outcome = _built(settings_file, slug, folder, output, pdf, lang, formats, public, force)
    except TooLong:
        outcome = _too_long(lang, seconds or 0, slug, folder)
    except ProfileError as error:
        # what the tutor's index and CSV publish: never a value of a private.yaml
        outcome = Outcome(slug, False, error=error.format(limit=10, private=False))
    except ProfileGenError as error:
        outcome = Outcome(slug, False, error=error.describe(lang))
    except OSError as error:
        path = str(error.filename or folder)
        outcome = Outcome(
            slug,
            False,
            error=i18n.message(lang, "os_error", path=path, reason=os_reason(lang, error)),
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
    public: bool = False,
    force: bool = False,
) -> Outcome:
    built = run_pelican(
        settings_file,
        output / slug,
        pdf=pdf,
        content=folder,
        formats=formats,
        public=public,
        force=force,
    )
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
        deck=_shown(built.output, place("deck", primary, primary)),
        # none in a public build (`--public`): the annexe is kept off the web
        annexe_folder=_shown(built.output, place("annexe", primary, primary)),
        annexe=(sum(check.ok for check in report.annexe), len(report.annexe)),
        defence=(sum(check.ok for check in defence), len(defence)),
        missing=(
            *(i18n.text(lang, f"item.{c.key}") for c in report.annexe if not c.ok),
            *(i18n.text(lang, f"check.{c.key}", **c.context) for c in defence if not c.ok),
        ),
    )


def _shown(book: Path, folder: str) -> str:
    """`folder` of the Book (``annexe/``) without its slash, or "" when it was not written."""
    return folder.rstrip("/") if (book / folder / "index.html").is_file() else ""


def _crashed(lang: str, slug: str, folder: Path, detail: str) -> Outcome:
    text = i18n.message(lang, "cohort_member_crashed", path=str(folder), detail=detail)
    return Outcome(slug, False, error=text)


def _too_long(lang: str, seconds: float, slug: str, folder: Path) -> Outcome:
    limit = f"{seconds / 60:g}"
    text = i18n.message(lang, "cohort_member_too_long", path=str(folder), minutes=limit)
    return Outcome(slug, False, error=text)


def _internal(lang: str, slug: str, folder: Path, error: BaseException) -> Outcome:
    return Outcome(slug, False, error=internal(lang, folder, error))


def build_cohort(
    settings_file: Path | None,
    folder: Path,
    output: Path | None = None,
    pdf: bool = True,
    jobs: int | None = None,
    lang: str = "fr",
    progress: bool = True,
    formats: tuple[str, ...] | None = None,
    shard: tuple[int, int] | None = None,
    time_limit: float = MINUTES * 60,
    public: bool = False,
    force: bool = False,
) -> int:
    """Build the Books of `folder` (or the `shard` K of N of them) into `output`, then the
    index, or with a `shard`, its readiness for `merge_cohort`; failures listed at the end.
    A Book may take `time_limit` seconds: one held longer is stopped and named. `public`:
    each Book as it goes online, without its annexe, CV or documents (`build --public`);
    `force`: every document printed again."""
    if not folder.is_dir():
        raise BuildError("cohort_no_folder", path=str(folder))
    members = find_profiles(folder)
    if not members:
        raise BuildError("cohort_empty", path=str(folder))
    if shard is not None:
        members = shard_members(members, *shard)
    settings = project_settings(settings_file, folder)
    output = Path(output).resolve() if output else Path(settings["OUTPUT_PATH"])
    cohort_output(output, folder)
    output.mkdir(parents=True, exist_ok=True)
    jobs = min(jobs or os.cpu_count() or 1, max(len(members), 1))
    started = time.perf_counter()
    outcomes = [unreadable(slug, path, error, lang) for slug, path, error in members if error]
    arguments = {
        slug: (settings_file, slug, path, output, pdf, lang, formats, time_limit, public, force)
        for slug, path, error in members
        if error is None
    }
    bar = Progress(len(members), lang, enabled=progress)
    for _ in outcomes:
        bar.advance(ok=False)
    built = built_in_pool(
        build_member,
        arguments,
        jobs,
        functools.partial(_crashed, lang),
        functools.partial(_internal, lang),
        too_long=functools.partial(_too_long, lang, time_limit),
        limit=time_limit,
    )
    try:
        for outcome in built:
            outcomes.append(outcome)
            bar.advance(outcome.ok)
    finally:  # a public output holds nothing private, even stopped (Ctrl-C, a CI cancel)
        if public:
            kept_public(output)
    bar.close()
    outcomes.sort(key=lambda outcome: outcome.slug)
    for outcome in outcomes:  # what the index, the CSV and a shard's file publish
        outcome.error = from_cohort(outcome.error, folder)
    if shard is None:
        write_index(Path(settings["THEME"]), output, outcomes, lang)
    else:
        write_shard(output, shard, outcomes)
    seconds = f"{time.perf_counter() - started:.1f}"
    code = summary(outcomes, lang, output, seconds=seconds, jobs=jobs)
    if shard is None:  # a share sees only its members
        for line in notes(members, folder, output, lang):
            say(line)
    if any(outcome.annexe_folder for outcome in outcomes if outcome.ok):
        say(i18n.text(lang, "cohort.private_kept", output=str(output)))
    return code


def cohort_output(output: Path, folder: Path) -> None:
    """Refuse an output a cohort would harm: the cohort's folder or one holding it (each
    student's folder replaced by their Book), a git repository, a student's folder, or a
    folder of anything but a cohort's Books, index, CSV and shares' files (another site,
    one Book's output: its `index.html` overwritten, its folders taken for stale Books)."""
    cohort = folder.resolve()
    if output == cohort or output in cohort.parents:  # -o classe
        raise BuildError("output_holds_sources", path=str(output), source=str(cohort))
    try:
        entries = [e for e in os.scandir(output) if e.name not in IGNORABLE]
    except (FileNotFoundError, NotADirectoryError):
        return
    except OSError:
        return  # unreadable: the build's own error names it
    names = {entry.name for entry in entries}
    if ".git" in names or "profile.yaml" in names:
        raise BuildError("output_not_a_cohort", path=str(output))
    for entry in entries:
        path = Path(entry.path)
        if entry.name.startswith(".") or entry.name == CSV_FILE or path.match(SHARD_GLOB):
            continue  # a Book's staging, lock or spare; the CSV; a share's file
        if entry.name == "index.html" and CSV_FILE in names:
            continue
        book = entry.is_dir(follow_symlinks=False) and (path / "index.html").is_file()
        if not book or (path / "profile.yaml").exists():
            raise BuildError("output_not_a_cohort", path=str(output))


def kept_public(output: Path) -> None:
    """Every Book in `output` as it goes online (`--public`): the print and rehearsal
    material of Books this run did not write (a member that failed keeps its previous
    Book, a student gone left theirs, a share built without `--public`) removed, and the
    staging folders a stopped run left (`.slug.building`) with them."""
    for child in output.iterdir():
        if child.is_symlink() or not child.is_dir():
            continue
        if child.name.startswith("."):
            if child.name.endswith((".building", ".old", ".spare")):
                shutil.rmtree(child, ignore_errors=True)
        elif (child / "index.html").is_file():
            remove_kept_off(child)


def notes(
    members: list[tuple[str, Path, OSError | None]], folder: Path, output: Path, lang: str
) -> list[str]:
    """What a tutor should know of a cohort beyond its failures: members whose folder's name
    gave the slug of another (published under `-2`), folders that are no member (no
    `profile.yaml`: a `profile.yml`, a README alone), Books in the output of folders that
    are no longer members (their annexes with them)."""
    lines = []
    renamed = [(path.name, slug) for slug, path, _ in members if slug != slugify(path.name)]
    if renamed:
        pairs = ", ".join(f"« {name} » → {slug}" for name, slug in renamed)
        lines.append(i18n.text(lang, "cohort.renamed", pairs=pairs))
    try:
        # `-o classe/_site`: the output, no member
        ignored = _other_folders(folder, {p.name for _, p, _ in members}, lambda c: c != output)
        stale = _other_folders(output, {slug for slug, _, _ in members}, _a_book)
    except OSError:
        return lines
    if ignored:
        lines.append(i18n.text(lang, "cohort.ignored", names=", ".join(ignored)))
    if stale:
        lines.append(i18n.text(lang, "cohort.stale", names=", ".join(stale), output=str(output)))
    return lines


def _other_folders(parent: Path, known: set[str], kept: Callable[[Path], bool]) -> list[str]:
    """The names of `parent`'s visible folders that are not `known` and are `kept`."""
    return sorted(
        child.name
        for child in parent.iterdir()
        if child.name not in known
        and not child.name.startswith(".")
        and child.is_dir()
        and kept(child.resolve())
    )


def _a_book(folder: Path) -> bool:
    """A Book a cohort wrote (no student's folder: it holds no profile)."""
    return (folder / "index.html").is_file() and not (folder / PROFILE_FILE).exists()


def from_cohort(text: str, folder: Path) -> str:
    """`text` with the cohort folder's place on this machine (`/home/tutor/…/classe/`) said
    as the folder's name (`classe/`): the index and the CSV go online, the machine's paths
    (a user name, a CI runner's folders) do not."""
    for prefix in {str(folder.absolute()), str(folder.resolve())}:  # a relative one stays
        text = text.replace(prefix.rstrip(os.sep) + os.sep, f"{folder.resolve().name}/")
    return text


def summary(outcomes: list[Outcome], lang: str, output: Path, **done: object) -> int:
    """The failures, each with its reason, then the counts; 0 when every member built."""
    from rich.console import Console
    from rich.text import Text

    # words as they are, whatever the terminal's width: never wrapped inside a path or a
    # `file:line:col`, no markup, emoji codes (`:fire:`) or highlighting read into a path
    console = Console(stderr=True, soft_wrap=True, markup=False, emoji=False, highlight=False)
    failed = [o for o in outcomes if not o.ok]
    for outcome in failed:
        console.print(Text(safe(i18n.text(lang, "cohort.failed", slug=outcome.slug)), "bold red"))
        console.print(safe(outcome.error))
    built, total = len(outcomes) - len(failed), len(outcomes)
    key = "cohort.done" if "jobs" in done else "cohort.merged"
    say(i18n.text(lang, key, built=built, total=total, output=str(output), **done))
    if failed:
        say(i18n.text(lang, "cohort.failures", slugs=", ".join(o.slug for o in failed)))
    return 0 if not failed else 2


def merge_cohort(
    settings_file: Path | None,
    folder: Path,
    output: Path | None,
    lang: str,
    public: bool = False,
) -> int:
    """The index of a cohort built by shards (`--shard K/N`) whose outputs were gathered
    in `output`: every member of `folder` as its shard found it; one that no shard names,
    or whose Book is not there, is listed as not built. `public`: the gathered Books as
    they go online (`kept_public`), whatever each share was built with."""
    if not folder.is_dir():
        raise BuildError("cohort_no_folder", path=str(folder))
    settings = project_settings(settings_file, folder)
    output = Path(output).resolve() if output else Path(settings["OUTPUT_PATH"])
    found = read_shards(output) if output.is_dir() else {}
    if not found:
        raise BuildError("cohort_merge_none", path=str(output))
    if public:
        kept_public(output)
    outcomes = []
    members = find_profiles(folder)
    for member, path, _ in members:
        outcome, shard = found.get(member, (None, ""))
        if outcome is None:
            text = i18n.message(lang, "cohort_merge_missing", path=str(path))
            outcome = Outcome(member, False, error=text)
        elif outcome.ok and not (output / member / "index.html").is_file():
            text = i18n.message(lang, "cohort_merge_no_book", path=str(path), shard=shard)
            outcome = Outcome(member, False, error=text)
        elif outcome.ok:  # links only to what is there (a public merge removed the annexes)
            book = output / member
            outcome.deck = _shown(book, outcome.deck) if outcome.deck else ""
            outcome.annexe_folder = (
                _shown(book, outcome.annexe_folder) if outcome.annexe_folder else ""
            )
            outcome.documents = tuple(name for name in outcome.documents if (book / name).is_file())
        outcome.error = from_cohort(outcome.error, folder)
        outcomes.append(outcome)
    write_index(Path(settings["THEME"]), output, outcomes, lang)
    code = summary(outcomes, lang, output)
    for line in notes(members, folder, output, lang):
        say(line)
    if any(outcome.annexe_folder for outcome in outcomes if outcome.ok):
        say(i18n.text(lang, "cohort.private_kept", output=str(output)))
    return code
