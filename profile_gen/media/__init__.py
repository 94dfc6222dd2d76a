"""Media of the outputs (photos, QR codes) and their on-disk cache."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Mapping
from pathlib import Path
from typing import Any


def cache_folder(settings: Mapping[str, Any], kind: str) -> Path:
    """Where media of `kind` are cached between builds: `<CACHE_PATH>/profile_gen/<kind>`,
    with no link on the way. The cache sits in the student's folder (`.cache/`): a link
    planted as `.cache`, `.cache/profile_gen` or the kind's folder would have the build
    write into any folder of the builder's (another student's in a cohort); it is removed,
    never followed, and the build makes a folder of its own there."""
    folder = Path(settings["CACHE_PATH"])
    for path in (folder, folder / "profile_gen"):
        without_link(path)
    return without_link(folder / "profile_gen" / kind)


def without_link(path: Path) -> Path:
    """`path`, once a link planted there is removed (never followed): the build makes a
    folder of its own in its place."""
    if path.is_symlink():
        with contextlib.suppress(OSError):
            path.unlink()
    return path


RECORD_LIMIT = 256 * 1024
"""The largest record a cache writes (a QR code, a fit, a page count, a document's key)."""


def regular_file(path: Path, limit: int | None = None) -> bool:
    """Whether `path` is a regular file (not a link, a pipe or a device), of at most `limit`
    bytes. A cache may sit in a student's folder (`.cache/`): a planted link would copy any
    file of the builder's into the outputs, a pipe would block the build, a huge file fill
    the memory."""
    try:
        info = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISREG(info.st_mode) and (limit is None or info.st_size <= limit)


def read_record(path: Path, limit: int = RECORD_LIMIT) -> str:
    """The text of a record a cache wrote; OSError when `path` is no such file
    (`regular_file`): the caller works it out again, as when nothing was kept."""
    if not regular_file(path, limit):
        raise OSError(errno.EINVAL, "not a cache record", str(path))
    return path.read_text(encoding="utf-8")


def write_atomic(path: Path, text: str) -> None:
    """Write `path` aside then rename it: builds running in parallel (cohorts) share caches."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    temp.unlink(missing_ok=True)  # never written through a link planted in the cache
    with temp.open("x", encoding="utf-8") as file:
        file.write(text)
    os.replace(temp, path)
