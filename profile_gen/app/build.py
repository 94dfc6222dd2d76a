"""`profile-gen build`: run Pelican with the profile plugin, atomically.

The site is built in a staging folder beside the output and swapped in only when the
whole build succeeded, so a failed build leaves the previous output untouched; the staging
folder is the output the build before replaced, written over (`app.staging`). One build
writes into an output folder at a time (`output_lock`); Ctrl-C and SIGTERM remove the
staging folder, and wait for the swap to be whole.
"""

from __future__ import annotations

import errno
import logging
import os
import re
import shutil
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

from pelican import Pelican
from pelican.log import console

from profile_gen import i18n
from profile_gen.app.project import project_settings
from profile_gen.app.staging import staging as staging_folder
from profile_gen.app.staging import swap
from profile_gen.app.terminal import say
from profile_gen.errors import BuildError
from profile_gen.keys import (
    CV_FIT_KEY,
    DOCUMENTS_KEY,
    FORCE_KEY,
    FORMATS_KEY,
    PAGES_KEY,
    PAGES_URL_KEY,
    PDF_KEY,
    PROFILE_KEY,
    PUBLIC_KEY,
    RAISE_KEY,
    SANDBOXED_KEY,
    STALE_KEY,
)
from profile_gen.media.documents import KEPT, same_file
from profile_gen.outputs import BY_NAME, DOCUMENT_FORMATS, SYSTEM_FILES, documents, is_book
from profile_gen.profile.model import Profile
from profile_gen.profile.readiness import placeholders_in
from profile_gen.text import one_line, visible
from profile_gen.views.text import text_images

PLUGIN = "profile_gen.book.plugin"


_SAID_BY_US = (
    "Could not process %s",
    "Skipping %s: could not find information about '%s'",
    "Skipping %s: file %r would be written outside output path",
)
"""Pelican's lines about an article it skips: the build then stops, naming the article and
what to fix, in the student's language (`book.plugin.check_articles`)."""


def _not_said_by_us(record: logging.LogRecord) -> bool:
    return record.msg not in _SAID_BY_US


def quiet_pelican() -> None:
    logging.getLogger("pelican").setLevel(logging.WARNING)
    console.quiet = True
    for name in ("pelican.generators", "pelican.contents"):
        logger = logging.getLogger(name)
        if _not_said_by_us not in logger.filters:
            logger.addFilter(_not_said_by_us)
    if logging.getLogRecordFactory() is not _student_safe_record:
        global _make_record
        _make_record = logging.getLogRecordFactory()
        logging.setLogRecordFactory(_student_safe_record)


_make_record = logging.getLogRecordFactory()


def _student_safe_record(*args, **kwargs) -> logging.LogRecord:
    """Pelican's log lines name a student's files and quote their errors: each of their
    values on one line, its control characters escaped (a file named `a\n::error::x` or
    holding ESC would start a line a CI log obeys, or command the terminal)."""
    record = _make_record(*args, **kwargs)
    if record.name.startswith("pelican") and isinstance(record.args, tuple):
        record.args = tuple(
            visible(one_line(str(value)))
            if isinstance(value, str | os.PathLike | BaseException)
            else value
            for value in record.args
        )
    return record


class Built(NamedTuple):
    output: Path
    profile: Profile
    pdf_pages: dict[str, int] | None
    """Pages of each PDF written; None when WeasyPrint is unavailable."""
    documents: Mapping[str, str] = MappingProxyType({})
    """What the build did with each document, by path in the output: printed, or kept
    unchanged from a build before (`profile_gen.media.documents`)."""


def chosen_formats(pdf: object, formats: tuple[str, ...] | None) -> frozenset[str]:
    """The documents a build writes: `formats` (default: all of them, or none when `pdf` is
    False: `check` and `serve` build the pages only), without PDF when `pdf` is False."""
    if formats is None:
        formats = DOCUMENT_FORMATS if pdf else ()
    return frozenset(name for name in formats if name != "pdf" or pdf)


def run_pelican(
    settings_file: Path | None,
    output: Path | None = None,
    pdf: bool | tuple[str, ...] = True,
    content: Path | None = None,
    formats: tuple[str, ...] | None = None,
    public: bool = False,
    force: bool = False,
    carry: bool = False,
    fit_cv: bool = False,
) -> Built:
    """Build into a staging folder and swap it in; `pdf` is False, True or some PDF names;
    `content` replaces the settings' content folder (one profile of a cohort); `formats`
    are the documents to write (`outputs.DOCUMENT_FORMATS`), by default all of them, or none
    when `pdf` is False (`check`, `serve`); `public` builds the Book as it goes online
    (`--public`): what `publish` would copy of a full build, and no document at all;
    `force` prints every document again, changed or not (`--force`); `carry` keeps the
    documents of the output this build replaces where it writes none (`serve`'s HTML builds,
    whose documents are built in the background); `fit_cv` chooses the CV's content as a
    printing build does, without printing (`check`)."""
    if public:
        pdf, formats = False, ()
    settings = project_settings(settings_file, content)
    final = Path(output).resolve() if output else Path(settings["OUTPUT_PATH"])
    sources = [Path(settings["PATH"])] + ([settings_file.resolve().parent] if settings_file else [])
    replaceable(final, sources)
    try:
        with output_lock(final):
            settings[FORCE_KEY], settings[CV_FIT_KEY] = force, fit_cv
            return _build_into(settings, settings_file, final, pdf, formats, public, carry)
    except OSError as error:  # a full disk, a read-only folder: say which folder
        if error.filename is None:
            error.filename = str(final)
        raise


def pages_url(environ: Mapping[str, str]) -> str | None:
    """The address a CI job publishes the Book at, from its variables: GitLab's own
    (`CI_PAGES_URL`); on github.com, `https://OWNER.github.io/REPO/` (the site itself for a
    repository named `OWNER.github.io`; a custom domain redirects from there). None
    elsewhere (a laptop, another host)."""
    if (gitlab := environ.get("CI_PAGES_URL", "")).startswith("https://"):
        return gitlab.rstrip("/") + "/"
    repository = environ.get("GITHUB_REPOSITORY", "")
    if environ.get("GITHUB_ACTIONS") != "true" or repository.count("/") != 1:
        return None
    if environ.get("GITHUB_SERVER_URL", "https://github.com") != "https://github.com":
        return None  # GitHub Enterprise: its Pages addresses are its own
    owner, name = repository.split("/")
    owner = owner.lower()  # a host name; the repository's keeps its case in the path
    if not re.fullmatch(r"[a-z0-9-]+", owner) or not re.fullmatch(r"[A-Za-z0-9._-]+", name):
        return None
    site = f"https://{owner}.github.io/"
    return site if name.lower() == f"{owner}.github.io" else f"{site}{name}/"


IGNORABLE = SYSTEM_FILES | {".gitkeep"}
COHORT_CSV = "cohort.csv"
"""What every cohort's output holds (`cohort_index.CSV_FILE`): never one Book's folder."""
"""Files an empty folder may hold (the system's, a placeholder's)."""


def replaceable(final: Path, sources: list[Path]) -> None:
    """Refuse an output folder the build would replace with harm (a build replaces its
    whole output folder, moving the old one aside): one that is, or holds, a folder of
    `sources` (the profile's folder, the project's: `-o .`), one holding a git repository
    or a `profile.yaml`, or a folder that is not empty and is no Book (no `index.html`, as
    every build writes): a student's `Documents`, a site made by another tool. An output
    that is a link is replaced as a link, its target left whole: not looked into."""
    if final.is_symlink():
        return
    final = final.resolve()
    for source in (source.resolve() for source in sources):
        if final == source or final in source.parents:
            raise BuildError("output_holds_sources", path=str(final), source=str(source))
    for parent in final.parents:  # `-o output/sub`: publishing `output` would take it whole
        if is_book(parent):
            raise BuildError("output_in_a_book", path=str(final), book=str(parent))
    try:
        names = {entry.name for entry in os.scandir(final)} if final.is_dir() else set()
    except OSError:
        return  # unreadable: the build's own error names it
    names -= IGNORABLE
    if names and ("index.html" not in names or names & {".git", "profile.yaml", COHORT_CSV}):
        raise BuildError("output_not_a_book", path=str(final))  # a cohort's: all its Books


@contextmanager
def output_lock(final: Path) -> Iterator[None]:
    """Hold the lock of the output folder `final` while a build writes into it (`serve`
    and `build` share `output/`): a second build stops with a clear error. A file beside
    the folder (`.output.lock`), never followed when it is a link; the system releases the
    lock when the process ends, crash too. The operating system's own locks (`flock`, or
    `msvcrt.locking` on Windows): a lock library costs 0.05-0.1 s of imports per command."""
    final.parent.mkdir(parents=True, exist_ok=True)
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
    descriptor = os.open(final.with_name(f".{final.name}.lock"), flags, 0o644)
    try:
        if not _locked(descriptor, True):
            raise BuildError("build_locked", path=str(final))
        try:
            yield
        finally:
            _locked(descriptor, False)
    finally:
        os.close(descriptor)


def _locked(descriptor: int, lock: bool) -> bool:
    """Take (`lock`) or release the lock of an open file without waiting; False when
    another open file (of this process or another) holds it."""
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(descriptor, msvcrt.LK_NBLCK if lock else msvcrt.LK_UNLCK, 1)
        except OSError as error:
            if lock and error.errno in (errno.EACCES, errno.EDEADLK):
                return False
            raise
        return True
    import fcntl

    try:
        fcntl.flock(descriptor, (fcntl.LOCK_EX | fcntl.LOCK_NB) if lock else fcntl.LOCK_UN)
    except BlockingIOError:
        return False
    return True


def _build_into(
    settings: dict,
    settings_file: Path | None,
    final: Path,
    pdf: bool | tuple[str, ...],
    formats: tuple[str, ...] | None,
    public: bool,
    carry: bool = False,
) -> Built:
    staging, recycled = staging_folder(final)
    settings["OUTPUT_PATH"] = str(staging)
    settings[STALE_KEY] = recycled.drop_untouched if recycled else None
    settings["DELETE_OUTPUT_DIRECTORY"] = False
    # a static file is copied at every build: a copy kept from the build before (`staging`)
    # and not written again would be removed as stale
    settings["STATIC_CHECK_IF_MODIFIED"] = False
    settings[RAISE_KEY] = True
    settings[FORMATS_KEY] = chosen_formats(pdf, formats)
    settings[PUBLIC_KEY] = public
    settings[PDF_KEY] = pdf if "pdf" in settings[FORMATS_KEY] else False
    settings[PAGES_URL_KEY] = pages_url(os.environ)
    pelican = Pelican(settings)  # loads the profile: a ProfileError stops here
    if PLUGIN not in pelican.settings["PLUGINS"] or PROFILE_KEY not in pelican.settings:
        raise BuildError("build_no_plugin", path=str(settings_file or ""), plugin=PLUGIN)
    try:
        pelican.run()
        if recycled:  # the PDF step has done it, unless it did not run
            recycled.drop_untouched()
        if pelican.settings.get(SANDBOXED_KEY):
            _refuse_active_pages(staging, pelican.settings)
        _refuse_private_on_web(staging, pelican.settings[PROFILE_KEY])
        if public:
            staging = _kept_public(staging)
        elif carry:
            _carry_documents(final, staging, pelican.settings[PROFILE_KEY])
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    swap(staging, final, keep=not public)
    cache = pelican.settings.get(DOCUMENTS_KEY)
    done = dict(cache.status) if cache is not None else {}
    return Built(final, pelican.settings[PROFILE_KEY], pelican.settings.get(PAGES_KEY, {}), done)


def _refuse_active_pages(staging: Path, settings: dict) -> None:
    """Stop the build when a page a student's template wrote would run a script or fetch
    from another server than the Book's in its reader's browser: the previous output stays
    as it was."""
    from profile_gen.app.page_safety import guard_pages

    profile = settings[PROFILE_KEY]
    addresses = (profile.links.book, settings.get("SITEURL"))
    own = tuple(str(address).rstrip("/") + "/" for address in addresses if address)
    if found := guard_pages(staging, own):  # (each page then carries its policy)
        raise BuildError("build_active_page", file=found[0], found=one_line(found[1]))


def _refuse_private_on_web(staging: Path, profile: Profile) -> None:
    """Stop the build when a page of the Book shows a contact item kept off the web (a
    student's template, an article): the previous output stays as it was."""
    from profile_gen.app.privacy import web_leaks, written_in_text

    leaks = web_leaks(staging, profile)
    if leaks:
        file, item = leaks[0]
        if field := written_in_text(profile, item):
            raise BuildError("build_private_in_text", file=file, item=item, field=field)
        raise BuildError("build_private_on_web", file=file, item=item)


def _carry_documents(final: Path, staging: Path, profile: Profile) -> None:
    """The documents of `final` that the build in `staging` did not write, linked into it
    (the same files: a viewer showing one does not reload it)."""
    for relative in documents(profile.locale, profile.primary_language):
        source, target = final / relative, staging / relative
        if source.is_symlink() or not source.is_file() or target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        same_file(source, target)


def _kept_public(staging: Path) -> Path:
    """The staged build without what stays off the published Book, by `publish`'s own filter
    (the annexe, the CV, the rehearsal material): a public build is what `publish` copies."""
    from profile_gen.app.publish import copy_public

    public = staging.with_name(staging.name + "-public")
    if public.exists():
        shutil.rmtree(public)
    try:
        copy_public(staging, public)
    except BaseException:
        shutil.rmtree(public, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return public


def documents_written(output: Path, profile: Profile) -> list[str]:
    """The printed and office documents of the registry (PDF, Word, PowerPoint) the build of
    `profile` wrote in `output` (`fr/soutenance.pptx` of an English-first Book too), as
    relative paths in the registry's order."""
    written = documents(profile.locale, profile.primary_language)
    return [path for path in written if (output / path).is_file()]


def documents_line(lang: str, output: Path, files: list[str], done: Mapping[str, str]) -> str:
    """The "Documents" line: the documents printed by this build, then those kept unchanged
    from a build before (not rewritten: same file, same time)."""
    kept = [path for path in files if done.get(path) == KEPT]
    parts = []
    for key, group in (
        ("documents.reprinted", [path for path in files if path not in kept]),
        ("documents.kept", kept),
    ):
        if group:
            names = ", ".join(str(output / path) for path in group)
            parts.append(i18n.text(lang, key, count=len(group), files=names))
    return i18n.text(
        lang, "documents.written", files=i18n.text(lang, "documents.separator").join(parts)
    )


def build(
    settings_file: Path | None,
    output: str | None = None,
    lang: str | None = None,
    pdf: bool = True,
    content: Path | None = None,
    formats: tuple[str, ...] | None = None,
    public: bool = False,
    force: bool = False,
) -> int:
    """Build the Book (of `content`, else of the settings' content folder) and say where;
    `public`: the Book as it goes online, `force`: every document printed (`run_pelican`)."""
    quiet_pelican()
    started = time.perf_counter()
    final, profile, printed, done = run_pelican(
        settings_file,
        Path(output) if output else None,
        pdf,
        content=content,
        formats=formats,
        public=public,
        force=force,
    )
    pages = sum(1 for _ in final.rglob("*.html"))
    lang = lang or profile.primary_language
    say(
        i18n.text(
            lang,
            "build.done",
            pages=pages,
            output=str(final),
            seconds=f"{time.perf_counter() - started:.2f}",
        )
    )
    if public:
        say(i18n.text(lang, "build.public", output=str(final)))
    files = documents_written(final, profile)
    if files:
        say(documents_line(lang, final, files, done))
    cv_pdf = BY_NAME["cv.pdf"].at(profile.primary_language)
    cv_pages = (printed or {}).get(cv_pdf, 1)
    if cv_pages > 1:  # too long even set smaller (`views.cv.fit`)
        say(i18n.text(lang, "build.cv_overflow", path=str(final / cv_pdf), pages=cv_pages))
    pictures = sorted({field for field, _ in text_images(profile)})
    if pictures:
        say(i18n.text(lang, "build.text_images", fields=", ".join(pictures)))
    if examples := placeholders_in(profile):  # `init`'s template, built as it came
        items = ", ".join(f"{where} (« {value} »)" for where, value in examples)
        say(i18n.text(lang, "build.placeholders", items=items))
    contact = profile.identity.contact
    online = contact.shown_on("online")
    printed_only = [name for name in contact.shown_on("annexe") if name not in online]
    if printed_only and not public:
        items = ", ".join(i18n.label(lang, f"contact.{name}") for name in printed_only)
        say(i18n.text(lang, "build.print_only", items=items, output=str(final)))
        from profile_gen.app.privacy import in_repository

        if in_repository(final):
            say(i18n.text(lang, "build.output_unignored", output=str(final), name=final.name))
    return 0
