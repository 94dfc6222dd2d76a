"""The files of a student's folder, checked before any of them is opened.

A student's folder is untrusted: a file in it may be a link to a file outside (another
student's `private.yaml` in a cohort), a named pipe that blocks whoever opens it, a device,
a link that points to itself, or simply huge. `checked_file` lets through only a regular
file inside the folder, within a size limit; `walk` lists the files of some of the folder's
sub-folders, following the links inside it and refusing a loop, as Pelican would read them.
Each refusal is a `BuildError` naming the file, relative to the folder.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from profile_gen.errors import BuildError

ARTICLE_LIMIT = 2_000_000
"""Bytes an article may hold: ten times a long thesis chapter in Markdown."""
ATTACHMENT_LIMIT = 20_000_000
"""Bytes a file an article attaches (`{static}`, `{attach}`: a report in PDF) may hold."""
IMAGE_LIMIT = 50_000_000
"""Bytes a picture of an article may weigh before it is even looked at."""
TEMPLATE_LIMIT = 1_000_000
"""Bytes a template of a student's `templates/` folder may hold."""


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _target(path: Path, root: Path, shown: str) -> Path:
    """`path` with its links followed, when it stays inside `root` (already resolved)."""
    try:
        target = path.resolve(strict=True)
    except RuntimeError:  # Python < 3.13 reports a loop so
        raise BuildError("folder_link_loop", file=shown) from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise BuildError("folder_link_loop", file=shown) from None
        raise BuildError("folder_unreadable", file=shown, detail=error.strerror or "") from None
    if not target.is_relative_to(root):
        raise BuildError("folder_outside", file=shown)
    return target


def templates_folder(folder: Path, root: Path, shown: str) -> Path | None:
    """The templates' folder `folder` of the student's folder `root`, its links followed,
    when it is one (None when there is none): it must lie inside `root`, be neither `root`
    itself (`private.yaml`, the profile) nor inside a hidden folder (`.git`, whose `config`
    may hold the cloner's token; `.cache`); else a `BuildError` naming it (`shown`). The
    template loaders then check each file against the folder returned."""
    if not folder.is_dir():
        if folder.is_symlink():  # a broken link, or a link to a file
            raise BuildError("folder_dir_outside", file=shown)
        return None
    root, target = root.resolve(), folder.resolve()
    if not target.is_relative_to(root):
        raise BuildError("folder_dir_outside", file=shown)
    if target == root or any(part.startswith(".") for part in target.relative_to(root).parts):
        raise BuildError("folder_dir_hidden", file=shown)
    return target


def checked_file(path: Path, root: Path, limit: int, shown: str | None = None) -> Path:
    """`path` resolved, when it is a regular file inside the folder `root`, of at most
    `limit` bytes; else a `BuildError` naming it (`shown`, by default its path relative to
    `root`). Nothing is opened, only looked at."""
    root = root.resolve()
    shown = shown or _shown(Path(os.path.abspath(path)), root)
    target = _target(path, root, shown)
    try:
        details = target.stat()
    except OSError as error:
        raise BuildError("folder_unreadable", file=shown, detail=error.strerror or "") from None
    if not stat.S_ISREG(details.st_mode):
        raise BuildError("folder_not_regular", file=shown)
    if details.st_size > limit:
        size, most = -(-details.st_size // 1000), limit // 1000  # kB, the size rounded up
        raise BuildError("folder_too_large", file=shown, size=size, limit=most)
    return target


def walk(root: Path, folders: Iterable[str], suffixes: Iterable[str], limit: int) -> list[Path]:
    """The files under `root`'s `folders` whose name ends with one of `suffixes`, each
    checked (`checked_file`), sorted; the links to folders are followed when they stay in
    `root` and do not loop. The first refusal is raised."""
    root = root.resolve()
    ends = tuple(suffix.lower() for suffix in suffixes)
    found: list[Path] = []
    for folder in folders:
        start = root / folder
        if os.path.lexists(start) and start.is_dir():
            shown = _shown(start, root)
            found += _walk(start, root, ends, limit, (_target(start, root, shown),))
    return sorted(found)


def _walk(
    folder: Path, root: Path, ends: tuple[str, ...], limit: int, seen: tuple[Path, ...]
) -> list[Path]:
    found: list[Path] = []
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as error:
        shown = _shown(folder, root)
        raise BuildError("folder_unreadable", file=shown, detail=error.strerror or "") from None
    for entry in entries:
        path = Path(entry.path)
        shown = _shown(path, root)
        if os.path.isdir(path):  # False for a link in a loop, named below if read
            target = _target(path, root, shown)  # a link out of the folder is refused here
            if target in seen:  # a link to a folder holding it: Pelican would loop
                raise BuildError("folder_link_loop", file=shown)
            found += _walk(path, root, ends, limit, (*seen, target))
        elif entry.name.lower().endswith(ends):
            checked_file(path, root, limit)
            found.append(path)
    return found
