"""The documents' cache: a printed or office document (PDF, Word, PowerPoint) kept by the
digest of everything it is made from, so that a build whose document inputs did not change
links the same file again (same bytes, same modification time: no viewer reloads it)
instead of printing it again.

A key is the digest of a document's inputs (`fingerprint`): what it shows, its
stylesheets, fonts and pictures, its date when `SOURCE_DATE_EPOCH` sets it, the tool's own
code and the libraries' versions (`tool_identity`). An entry is the document's file and a
record beside it: its key, its digest, its page count, and for a printed page the files
WeasyPrint read with their digests (checked again before the entry is used).

The cache lies in the student's folder (`.cache/`): an entry or a record that is not a
regular file (a planted link, a pipe), a record that does not parse or does not name the
key asked, a file whose content no longer matches its digest (edited in place) is not
used; nothing is written through a planted link. A cache that cannot be written is no
error: the next build prints again.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import hashlib
import importlib.metadata
import json
import os
import re
import shutil
from collections.abc import Callable, Mapping
from enum import Enum
from pathlib import Path
from typing import Any

from profile_gen.keys import DOCUMENTS_KEY, FORCE_KEY
from profile_gen.media import (
    cache_folder,
    read_record,
    regular_file,
    without_link,
    write_atomic,
)

KEEP = 3
"""Entries kept per document of one profile (the most recently used)."""
LIMIT = 64 * 1024 * 1024
"""The largest file the cache reads (a document, or a file a printed page read)."""
PRINTED, KEPT = "printed", "kept"


def _encode(value: Any) -> Any:
    """A JSON form of the values documents are made from; a TypeError for anything else."""
    if hasattr(value, "model_dump"):  # the profile and its parts (pydantic)
        return value.model_dump(mode="json")
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
        return {"__type__": type(value).__name__, **fields}
    if isinstance(value, bytes | bytearray):
        return "sha256:" + hashlib.sha256(value).hexdigest()
    if isinstance(value, set | frozenset):
        return sorted(json.dumps(item, default=_encode, sort_keys=True) for item in value)
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Path):
        return str(value)
    raise TypeError(f"no fingerprint for {type(value).__name__}")


def fingerprint(*parts: Any) -> str:
    """The digest of `parts` (profile models, dataclasses, bytes, sets, dates...)."""
    text = json.dumps(parts, default=_encode, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@functools.cache
def tool_identity(*libraries: str) -> str:
    """The tool's version, its own files (name, size, time: a changed module or template
    is a new tool) and the versions of `libraries`: part of every key."""
    versions = [(name, _version(name)) for name in ("profile-gen", *libraries)]
    return fingerprint(versions, _own_files())


@functools.cache
def _own_files() -> tuple[tuple[str, int, int], ...]:
    """Once per process, whatever `libraries` each document asks (three walks before)."""
    package = Path(__file__).resolve().parent.parent
    return tuple(
        sorted(
            (path.relative_to(package).as_posix(), info.st_size, info.st_mtime_ns)
            for path in package.rglob("*")
            if path.suffix in (".py", ".json", ".toml", ".html", ".css")
            and "__pycache__" not in path.parts
            for info in [path.stat()]
        )
    )


@functools.cache
def _version(name: str) -> str:
    """An installed distribution's version ("" when it is not installed)."""
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return ""


def source_epoch() -> str:
    """`SOURCE_DATE_EPOCH` when set: the documents' date then, part of their keys. Without
    it a document's date is its profile's time; a kept document keeps the date it was
    printed with (its content did not change since), so a key leaves that time out."""
    return os.environ.get("SOURCE_DATE_EPOCH", "").strip()


def same_file(source: Path, target: Path) -> None:
    """`target` becomes `source`: the same file (same bytes, same time), copied with its
    time where a link cannot be made (another disk)."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


SAFE = re.compile(r"[^A-Za-z0-9.]+")


@dataclasses.dataclass(frozen=True)
class Deferred:
    """A document to write at the end of the build, beside the PDFs (`DocumentCache.defer`)."""

    name: str
    key: str | None
    root: Path
    relative: str
    write: Callable[[], object]


class DocumentCache:
    """The documents of one profile's builds in `folder`; `owner` names the profile (a
    cohort's members share a cache); `force` prints every document again."""

    def __init__(self, folder: Path, owner: str, force: bool = False) -> None:
        self.folder, self.force = folder, force
        self.owner = hashlib.sha256(owner.encode("utf-8")).hexdigest()[:10]
        self.status: dict[str, str] = {}
        """What this build did with each document, by path in the output: `PRINTED` or `KEPT`."""
        self._digests: dict[Path, str] = {}
        self.deferred: list[Deferred] = []

    def key(self, *inputs: Any) -> str | None:
        """The key of a document made from `inputs`; None when one has no fingerprint (a
        bug: the document is then printed at every build)."""
        try:
            return fingerprint(*inputs)
        except (TypeError, ValueError):
            return None

    def _paths(self, name: str, key: str) -> tuple[Path, Path]:
        stem = f"{SAFE.sub('-', name)}-{self.owner}-{key[:40]}"
        return self.folder / f"{stem}{Path(name).suffix}", self.folder / f"{stem}.json"

    def digest(self, path: Path) -> str | None:
        """The content digest of a regular file, once per build; None for anything else."""
        if path not in self._digests:
            if not regular_file(path, LIMIT):
                return None
            try:
                self._digests[path] = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError:
                return None
        return self._digests[path]

    def _record(self, record: Path, key: str) -> dict | None:
        try:
            found = json.loads(read_record(record))
        except (OSError, ValueError):
            return None
        return found if isinstance(found, dict) and found.get("key") == key else None

    def _inputs_unchanged(self, inputs: Any, root: Path) -> bool:
        """Whether the files a printed page read (relative to `root`) are still the same."""
        if not isinstance(inputs, dict):
            return False
        inside = root.resolve()
        for relative, digest in inputs.items():
            path = root / str(relative)
            if not path.resolve().is_relative_to(inside) or self.digest(path) != digest:
                return False
        return True

    def reuse(self, name: str, key: str | None, root: Path, relative: str) -> dict | None:
        """Put the kept document `name` of `key` at `root/relative`, the output of this
        build; its record (`pages`...), or None when it must be printed."""
        if key is None or self.force:
            return None
        entry, record = self._paths(name, key)
        found = self._record(record, key)
        if found is None or self.digest(entry) != found.get("sha256"):
            return None
        if not self._inputs_unchanged(found.get("inputs", {}), root):
            return None
        target = root / relative
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.unlink(missing_ok=True)
            same_file(entry, target)
            os.utime(record)  # recently used: kept by `_prune`
        except OSError:
            return None
        self.status[relative] = KEPT
        return found

    def keep(
        self,
        name: str,
        key: str | None,
        root: Path,
        relative: str,
        pages: int | None = None,
        inputs: Mapping[str, str] | None = None,
    ) -> None:
        """Keep the document just written at `root/relative` for the next builds."""
        self.status[relative] = PRINTED
        if key is None:
            return
        entry, record = self._paths(name, key)
        try:
            without_link(self.folder).mkdir(parents=True, exist_ok=True)  # its own folder
            temp = entry.with_name(f"{entry.name}.{os.getpid()}.tmp")
            temp.unlink(missing_ok=True)  # never written through a planted link
            same_file(root / relative, temp)
            os.replace(temp, entry)
            digest = hashlib.sha256(entry.read_bytes()).hexdigest()
            found = {"key": key, "sha256": digest, "pages": pages, "inputs": dict(inputs or {})}
            write_atomic(record, json.dumps(found))
            self._prune(name)
        except OSError:
            return

    def defer(
        self, name: str, key: str | None, root: Path, relative: str, write: Callable[[], object]
    ) -> None:
        """`write` makes the document `name` at `root/relative`: run at the end of the build,
        in the PDF step's helper process where there is one (`run_deferred`), then kept."""
        self.deferred.append(Deferred(name, key, root, relative, write))

    def run_deferred(self, run: Callable[[list[Callable[[], object]]], object]) -> None:
        """Write the deferred documents with `run` (given their writers), then keep them."""
        deferred, self.deferred = self.deferred, []
        run([item.write for item in deferred])
        for item in deferred:
            self.keep(item.name, item.key, item.root, item.relative)

    def _prune(self, name: str) -> None:
        """Only the `KEEP` entries of `name` used last stay."""
        records = self.folder.glob(f"{SAFE.sub('-', name)}-{self.owner}-*.json")
        dated = sorted(
            ((r.stat().st_mtime_ns, r) for r in records if regular_file(r, LIMIT)), reverse=True
        )
        for _, record in dated[KEEP:]:
            record.unlink(missing_ok=True)
            record.with_suffix(Path(name).suffix).unlink(missing_ok=True)


def of_build(settings: dict) -> DocumentCache:
    """The documents' cache of the build of `settings`, made once and shared."""
    if not isinstance(settings.get(DOCUMENTS_KEY), DocumentCache):
        folder, owner = cache_folder(settings, "documents"), str(settings["PATH"])
        settings[DOCUMENTS_KEY] = DocumentCache(folder, owner, bool(settings.get(FORCE_KEY)))
    return settings[DOCUMENTS_KEY]
