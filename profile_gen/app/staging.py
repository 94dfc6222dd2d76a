"""The folder a build writes into, and its swap with the output (`app.build`).

A build writes into a staging folder beside the output (`.output.building`), swapped in only
when the whole build succeeded: a failed build leaves the previous output untouched. The
staging folder is the output the build before replaced (`.output.spare`), its files written
over where this build writes them again and removed where it does not (`Recycled`): on some
disks, making a folder or a file costs several times more than writing over one (this
project's machine: 0.34 ms to make a file, 0.18 ms to remove one, 0.16 ms to write over one,
docs/performance.md), and Pelican itself writes over the files of its output. Where the
system cannot walk a folder without following links (Windows), every build starts from
nothing, as before.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import stat
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from profile_gen.outputs import kept_off

_NOFOLLOW = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0)
RECYCLES = (
    hasattr(os, "O_NOFOLLOW")
    and os.open in os.supports_dir_fd
    and os.unlink in os.supports_dir_fd
    and os.stat in os.supports_dir_fd
    and os.scandir in os.supports_fd
)
"""Whether a spare output can be walked here by descriptor, never through a link (POSIX)."""


class Recycled:
    """The files of a recycled staging folder that a build may write over: regular files of
    this user's, writable by the user and not by everyone, not empty, with no other link
    (never a file that is also in the output, the documents' cache or elsewhere), by path
    relative to the folder, with their identity then (device, inode, change time in ns).
    Writing a file, even the same bytes, changes its change time; a file a build replaces
    is another inode. On a disk whose
    times are coarse (FAT's 2 s, exFAT's 10 ms, HFS+'s 1 s: a file written again within the
    same step would look untouched), no file is kept: the first file seen tells."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.files: dict[str, tuple[int, int, int]] = {}
        self.bare: list[str] = []
        """The folders that held no file to write over (the build may leave them empty),
        the deepest first."""
        self.fine: bool | None = None
        """Whether the disk keeps fine change times (None: no file seen yet)."""
        self.user = os.getuid()

    def drop_untouched(self) -> None:
        """Remove the files this build did not write (the page of a removed achievement, a
        document not asked for this time), then the folders left empty. Called once every
        page is written, before anything reads the pages back (the PDF step), and again
        after the build (then nothing is left to do)."""
        files, self.files = self.files, {}
        emptied, self.bare = self.bare, []
        for relative, identity in files.items():
            path = self.root / relative
            with contextlib.suppress(OSError):  # gone, or not ours to remove: left as is
                info = os.lstat(path)
                if (info.st_dev, info.st_ino, info.st_ctime_ns) == identity:
                    path.unlink()
                    emptied.append(relative.rpartition("/")[0])
        _drop_empty_folders(self.root, emptied)

    def keep(self, relative: str, info: os.stat_result) -> bool:
        """Whether the build may write over the file at `relative` that `info` describes
        (`_walk`); if so, it is recorded."""
        if self.fine is None and stat.S_ISREG(info.st_mode):
            self.fine = fine_times(info)
        if not (self.fine and _writable_over(info, self.user)):
            return False
        self.files[relative] = (info.st_dev, info.st_ino, info.st_ctime_ns)
        return True


def built_files(folder: Path, suffixes: tuple[str, ...]) -> Iterator[tuple[str, Path]]:
    """(path relative to `folder`, with `/`; path) of each file a build wrote under `folder`
    whose name ends with one of `suffixes` (lower case), in a stable order; links, which no
    build writes, are skipped, never followed."""
    for here, folders, files in os.walk(folder):  # os.walk: a third of `rglob`'s time
        folders.sort()
        base = os.path.relpath(here, folder).replace(os.sep, "/")
        for name in sorted(files):
            path = Path(here, name)
            if name.lower().endswith(suffixes) and not path.is_symlink():
                yield (name if base == "." else f"{base}/{name}"), path


def fine_times(info: os.stat_result) -> bool:
    """Whether a file's change time is finer than 10 ms (a coarse one is a whole number of
    them: one chance in ten million on a disk keeping nanoseconds, then no file is kept)."""
    return info.st_ctime_ns % 10_000_000 != 0


def _writable_over(info: os.stat_result, user: int) -> bool:
    return (
        stat.S_ISREG(info.st_mode)
        and info.st_nlink == 1
        and info.st_size > 0  # truncating an empty file may leave its change time
        and info.st_uid == user
        and bool(info.st_mode & stat.S_IWUSR)
        and not info.st_mode & (stat.S_ISUID | stat.S_ISGID | stat.S_IWOTH)
    )


def staging(final: Path) -> tuple[Path, Recycled | None]:
    """The folder a build writes into before the swap, and its recycled files: the spare
    output of the build before (`_keep_aside`), walked again, or nothing yet (Pelican makes
    the folder; None). A spare that is not a real folder (a link, perhaps planted) is
    removed, not used; one that cannot be walked is left for `rm` and the build starts
    from nothing."""
    folder = final.with_name(f".{final.name}.building")
    remove(folder)
    spare = _spare(final)
    if not (spare.exists() or spare.is_symlink()):
        return folder, None
    if not (RECYCLES and _real_folder(spare)):
        remove(spare)
        return folder, None
    recycled = Recycled(folder)
    try:
        spare.rename(folder)
        _walk(recycled)
    except OSError:
        if folder.exists() or folder.is_symlink():
            with contextlib.suppress(OSError):  # moved aside, then removed in the background
                remove_aside(folder)
            remove(folder)  # never built into unless empty: a clear error if it stays
        return folder, None
    return folder, recycled


def _walk(recycled: Recycled) -> None:
    """Walk the recycled folder by descriptor, each folder opened without following a link
    (as `shutil.rmtree` does): a link planted to a folder elsewhere, the folder itself
    included, is removed or refused, never entered. Files to write over go in
    `recycled.files`; anything else (links, pipes, files linked elsewhere or not writable)
    is removed; `recycled.bare` gets the folders left with no file in or below them."""
    descriptor = os.open(recycled.root, _NOFOLLOW)
    try:
        _walk_folder(descriptor, "", recycled.keep, recycled.bare)
    finally:
        os.close(descriptor)


def _walk_folder(
    folder: int, prefix: str, keep: Callable[[str, os.stat_result], bool], bare: list[str]
) -> int:
    """Walk the open `folder` (its files' paths start with `prefix`): each file, pipe or
    link that `keep` refuses is removed; each folder under it left with none kept goes in
    `bare`. The files kept in `folder` and below it."""
    with os.scandir(folder) as entries:
        names = [(entry.name, entry.is_dir(follow_symlinks=False)) for entry in entries]
    kept = 0
    for name, is_folder in names:
        if is_folder:
            inner = os.open(name, _NOFOLLOW, dir_fd=folder)
            try:
                below = _walk_folder(inner, f"{prefix}{name}/", keep, bare)
            finally:
                os.close(inner)
            if not below:
                bare.append(prefix + name)
            kept += below
        elif keep(prefix + name, os.stat(name, dir_fd=folder, follow_symlinks=False)):
            kept += 1
        else:
            os.unlink(name, dir_fd=folder)
    return kept


def _drop_empty_folders(root: Path, candidates: list[str]) -> None:
    """Remove the folders among `candidates` (relative to `root`) that the build left
    empty, and their parents as they become empty: the pages of a removed achievement leave
    no folder behind. A folder the build wrote into is not empty: left as is."""
    for relative in sorted(set(candidates), key=lambda path: path.count("/"), reverse=True):
        while relative:
            try:
                os.rmdir(root / relative)
            except OSError:  # not empty (written into), or gone already
                break
            relative = relative.rpartition("/")[0]


@contextmanager
def _uninterrupted() -> Iterator[None]:
    """Ctrl-C and SIGTERM wait until the block ends: the swap of the output never stops
    half-way, with the old site moved and no new one. Python's own handlers hold them (a
    signal mask would not, in a process with other threads: the signal goes to one of
    those), then the first one held is delivered again. A cohort's alarm (a Book's time
    limit, `time_limit.time_limited`) waits too, and is dropped: it comes again by itself
    while the Book still builds. Only the main thread has handlers."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    alarm = getattr(signal, "SIGALRM", None)
    stops = (signal.SIGINT, signal.SIGTERM, *([alarm] if alarm else []))
    held: list[int] = []
    previous = {stop: signal.getsignal(stop) for stop in stops}
    for stop in stops:
        signal.signal(stop, lambda signum, frame: held.append(signum))
    try:
        yield
    finally:
        for stop, handler in previous.items():
            signal.signal(stop, handler if handler is not None else signal.SIG_DFL)
        if stopped := [signum for signum in held if signum != alarm]:
            signal.raise_signal(stopped[0])


def swap(folder: Path, final: Path, keep: bool = True) -> None:
    """`folder` becomes the output `final`; the output it replaces is kept for the next
    build (`keep`) or removed (a public build's: what it held stays off the disk)."""
    with _uninterrupted():
        _rename(folder, final, keep)


def _rename(folder: Path, final: Path, keep: bool = True) -> None:
    old = final.with_name(f".{final.name}.old")
    if old.exists():
        shutil.rmtree(old)
    if final.exists():
        final.rename(old)
    folder.rename(final)
    if old.exists():
        if keep:
            _keep_aside(old, _spare(final))
        else:
            remove_aside(old)


def _spare(final: Path) -> Path:
    """The output a build replaced, for the next build to write into (`staging`)."""
    return final.with_name(f".{final.name}.spare")


def _keep_aside(old: Path, spare: Path) -> None:
    """Keep the replaced output `old` for the next build (`staging`), without its print and
    rehearsal material (the annexe, the CV, the deck's pages, the documents: what `publish`
    leaves out, `outputs.kept_off`): the spare holds nothing that is not on the Book, and
    what a student removed from the profile is gone from the disk with the build that
    removed it. Where the system cannot walk it safely (`RECYCLES`), where `old` is not a
    real folder (an `output` that is a link: its target is never touched), where that
    material cannot be removed or a spare is there already: removed as before
    (`remove_aside`)."""
    if not RECYCLES or spare.exists() or spare.is_symlink() or not _real_folder(old):
        remove_aside(old)
        return
    try:
        old.rename(spare)
        remove_kept_off(spare)
    except OSError:
        remove_aside(spare if spare.exists() else old)


def remove_kept_off(root: Path) -> None:
    """Remove the files of `outputs.kept_off` under `root` (their folders stay, for the
    next build to write into), walked by descriptor: a link on the way is removed, never
    followed. A public cohort's Books (`cohort.kept_public`) and a replaced output's spare."""
    descriptor = os.open(root, _NOFOLLOW)
    try:
        for relative in kept_off():
            _remove_below(descriptor, relative.split("/"))
    finally:
        os.close(descriptor)


def _remove_below(folder: int, parts: list[str]) -> None:
    name, rest = parts[0], parts[1:]
    try:
        info = os.stat(name, dir_fd=folder, follow_symlinks=False)
    except FileNotFoundError:
        return
    if not stat.S_ISDIR(info.st_mode):
        if not rest:
            os.unlink(name, dir_fd=folder)
        return  # a file where the path has a folder: nothing of it below
    inner = os.open(name, _NOFOLLOW, dir_fd=folder)
    try:
        if rest:
            _remove_below(inner, rest)
        else:  # every file below it removed, its folders kept
            _walk_folder(inner, "", lambda relative, info: False, [])
    finally:
        os.close(inner)


def _real_folder(path: Path) -> bool:
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


def remove(path: Path) -> None:
    """Remove a folder of ours (`shutil.rmtree` follows no link inside), or a link there."""
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.exists():
        shutil.rmtree(path)


def remove_aside(old: Path) -> None:
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
