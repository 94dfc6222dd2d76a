"""`profile-gen build`: run Pelican with the profile plugin, atomically.

The site is built in a staging folder beside the output and swapped in only when the
whole build succeeded, so a failed build leaves the previous output untouched. The staging
folder is made of the folders of the output the build before replaced, emptied of every
file (`.output.spare`): making folders is slow on some file systems, writing files into
existing ones is not. One build writes into an output folder at a time (`output_lock`);
Ctrl-C and SIGTERM remove the staging folder, and wait for the swap to be whole.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import logging
import os
import shutil
import stat
import subprocess
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
from profile_gen.app.terminal import say
from profile_gen.errors import BuildError
from profile_gen.keys import (
    DOCUMENTS_KEY,
    FORCE_KEY,
    FORMATS_KEY,
    PAGES_KEY,
    PDF_KEY,
    PROFILE_KEY,
    PUBLIC_KEY,
    RAISE_KEY,
)
from profile_gen.media.documents import KEPT, same_file
from profile_gen.outputs import DOCUMENT_FORMATS, documents
from profile_gen.profile.model import Profile
from profile_gen.views.text import text_images

PLUGIN = "profile_gen.book.plugin"


def quiet_pelican() -> None:
    logging.getLogger("pelican").setLevel(logging.WARNING)
    console.quiet = True


@contextmanager
def _uninterrupted() -> Iterator[None]:
    """Ctrl-C and SIGTERM wait until the block ends: the swap of the output never stops
    half-way, with the old site moved and no new one. Python's own handlers hold them (a
    signal mask would not, in a process with other threads: the signal goes to one of
    those), then the first one held is delivered again. Only the main thread has handlers."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    stops = (signal.SIGINT, signal.SIGTERM)
    held: list[int] = []
    previous = {stop: signal.getsignal(stop) for stop in stops}
    for stop in stops:
        signal.signal(stop, lambda signum, frame: held.append(signum))
    try:
        yield
    finally:
        for stop, handler in previous.items():
            signal.signal(stop, handler if handler is not None else signal.SIG_DFL)
        if held:
            signal.raise_signal(held[0])


def _swap(staging: Path, final: Path) -> None:
    with _uninterrupted():
        _rename(staging, final)


def _rename(staging: Path, final: Path) -> None:
    old = final.with_name(f".{final.name}.old")
    if old.exists():
        shutil.rmtree(old)
    if final.exists():
        final.rename(old)
    staging.rename(final)
    if old.exists():
        _keep_folders(old, _spare(final))


def _spare(final: Path) -> Path:
    """The folders of the output a build replaced, without a file, for the next build."""
    return final.with_name(f".{final.name}.spare")


def _keep_folders(old: Path, spare: Path) -> None:
    """Keep the folders of the replaced output `old` for the next build (`_staging`), once
    every file in them is removed (at once: removing files is quick, making folders is not:
    the sample's 38 took 0.03-0.07 s of system time on this project's machine, more than
    writing the 82 files into them, docs/performance.md). Where the system cannot walk a
    folder without following links (Windows: `_RECYCLES`), where `old` is not a real folder
    (an `output` that is a link: its target is never emptied), where a file cannot be
    removed, or a spare is there already: removed as before (`_remove_aside`)."""
    if not _RECYCLES or spare.exists() or spare.is_symlink() or not _real_folder(old):
        _remove_aside(old)
        return
    try:
        _only_folders(old)
        old.rename(spare)
    except OSError:
        _remove_aside(old)


_NOFOLLOW = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0)
_RECYCLES = (
    hasattr(os, "O_NOFOLLOW")
    and os.open in os.supports_dir_fd
    and os.unlink in os.supports_dir_fd
    and os.scandir in os.supports_fd
)
"""Whether folders can be emptied here by descriptor, never through a link (POSIX)."""


def _real_folder(path: Path) -> bool:
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


def _only_folders(root: Path) -> None:
    """Remove everything under `root` but its folders: files, links, pipes. Walked by
    descriptor, each folder opened without following a link (as `shutil.rmtree` does): a
    link planted to a folder elsewhere, `root` itself included, is removed or refused,
    never entered."""
    descriptor = os.open(root, _NOFOLLOW)
    try:
        _empty(descriptor)
    finally:
        os.close(descriptor)


def _empty(folder: int) -> None:
    with os.scandir(folder) as entries:
        names = [(entry.name, entry.is_dir(follow_symlinks=False)) for entry in entries]
    for name, is_folder in names:
        if not is_folder:
            os.unlink(name, dir_fd=folder)
            continue
        inner = os.open(name, _NOFOLLOW, dir_fd=folder)
        try:
            _empty(inner)
        finally:
            os.close(inner)


def _staging(final: Path) -> tuple[Path, bool]:
    """The folder a build writes into before the swap, and whether it was recycled: the
    spare folders of the build before (`_keep_folders`), emptied again of anything else,
    or nothing yet (Pelican makes it). A spare that is not a real folder (a link, perhaps
    planted) is removed, not used; one that cannot be emptied is left for `rm` and the
    build starts from nothing."""
    staging = final.with_name(f".{final.name}.building")
    _remove(staging)
    spare = _spare(final)
    if not (spare.exists() or spare.is_symlink()):
        return staging, False
    if not (_RECYCLES and _real_folder(spare)):
        _remove(spare)
        return staging, False
    try:
        spare.rename(staging)
        _only_folders(staging)
    except OSError:
        if staging.exists() or staging.is_symlink():
            with contextlib.suppress(OSError):  # moved aside, then removed in the background
                _remove_aside(staging)
            _remove(staging)  # never built into unless empty: a clear error if it stays
        return staging, False
    return staging, True


def _remove(path: Path) -> None:
    """Remove a folder of ours (`shutil.rmtree` follows no link inside), or a link there."""
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.exists():
        shutil.rmtree(path)


def _drop_empty_folders(root: Path) -> None:
    """The folders of a recycled staging that this build wrote nothing into, removed: the
    pages of a removed achievement leave no folder behind."""
    for folder, _, _ in os.walk(root, topdown=False):
        if folder != str(root):
            with contextlib.suppress(OSError):  # not empty: this build wrote into it
                os.rmdir(folder)


def _remove_aside(old: Path) -> None:
    """Remove the output a build replaced, without waiting for its files to go: moved aside
    (`.output.old-N`, which `serve` does not watch) and removed by `rm` in a process of its
    own, with any left by an earlier one (stopped half-way). Removing files costs the
    disk's time more than the processor's: 0.25-0.3 s for the sample's 120 files, 2.5 s
    for a Book of 1,000 achievements, against 0.015 s and 0.16 s of CPU, on this project's
    shared machine (docs/performance.md). Without a POSIX shell (Windows): removed here."""
    shell = shutil.which("sh") if os.name == "posix" else None
    if shell is None:
        shutil.rmtree(old)
        return
    aside = old.with_name(f"{old.name}-{os.getpid()}-{time.monotonic_ns()}")
    old.rename(aside)
    leftovers = [str(path) for path in old.parent.glob(f"{glob.escape(old.name)}-*")]
    # `sh` starts `rm` in the background and ends at once: `rm` is nobody's child to wait for
    subprocess.run(
        [shell, "-c", 'rm -rf -- "$@" >/dev/null 2>&1 &', "sh", *leftovers],
        stdin=subprocess.DEVNULL,
        start_new_session=True,
        check=False,
    )


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
) -> Built:
    """Build into a staging folder and swap it in; `pdf` is False, True or some PDF names;
    `content` replaces the settings' content folder (one profile of a cohort); `formats`
    are the documents to write (`outputs.DOCUMENT_FORMATS`), by default all of them, or none
    when `pdf` is False (`check`, `serve`); `public` builds the Book as it goes online
    (`--public`): what `publish` would copy of a full build, and no document at all;
    `force` prints every document again, changed or not (`--force`); `carry` keeps the
    documents of the output this build replaces where it writes none (`serve`'s HTML builds,
    whose documents are built in the background)."""
    if public:
        pdf, formats = False, ()
    settings = project_settings(settings_file, content)
    final = Path(output).resolve() if output else Path(settings["OUTPUT_PATH"])
    try:
        with output_lock(final):
            settings[FORCE_KEY] = force
            return _build_into(settings, settings_file, final, pdf, formats, public, carry)
    except OSError as error:  # a full disk, a read-only folder: say which folder
        if error.filename is None:
            error.filename = str(final)
        raise


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
    staging, recycled = _staging(final)
    settings["OUTPUT_PATH"] = str(staging)
    settings["DELETE_OUTPUT_DIRECTORY"] = False
    settings[RAISE_KEY] = True
    settings[FORMATS_KEY] = chosen_formats(pdf, formats)
    settings[PUBLIC_KEY] = public
    settings[PDF_KEY] = pdf if "pdf" in settings[FORMATS_KEY] else False
    pelican = Pelican(settings)  # loads the profile: a ProfileError stops here
    if PLUGIN not in pelican.settings["PLUGINS"] or PROFILE_KEY not in pelican.settings:
        raise BuildError("build_no_plugin", path=str(settings_file or ""), plugin=PLUGIN)
    try:
        pelican.run()
        if recycled:
            _drop_empty_folders(staging)
        if public:
            staging = _kept_public(staging)
        elif carry:
            _carry_documents(final, staging, pelican.settings[PROFILE_KEY])
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _swap(staging, final)
    cache = pelican.settings.get(DOCUMENTS_KEY)
    done = dict(cache.status) if cache is not None else {}
    return Built(final, pelican.settings[PROFILE_KEY], pelican.settings.get(PAGES_KEY, {}), done)


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
    final, profile, _, done = run_pelican(
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
    pictures = sorted({field for field, _ in text_images(profile)})
    if pictures:
        say(i18n.text(lang, "build.text_images", fields=", ".join(pictures)))
    contact = profile.identity.contact
    online = contact.shown_on("online")
    printed_only = [name for name in contact.shown_on("annexe") if name not in online]
    if printed_only and not public:
        items = ", ".join(i18n.label(lang, f"contact.{name}") for name in printed_only)
        say(i18n.text(lang, "build.print_only", items=items, output=str(final)))
    return 0
