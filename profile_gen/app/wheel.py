"""The running profile_gen as a wheel: what a student's repository carries for its CI.

A wheel is a zip of the installed files plus `*.dist-info/` (METADATA, WHEEL, RECORD). An
installed distribution keeps the list of its files with their sha256 in RECORD, so the
running version can be written back out without a network, a build tool or the sources
(as the Gradle wrapper's jar or Yarn's committed release): each file is read from the
installation, checked against RECORD, and the wheel's own RECORD is written again.

A developer's editable install (`pip install -e .`) has no package files in RECORD: its
files are then gathered from the source tree with the package rules of its
`pyproject.toml` (`[tool.setuptools]` packages, package-dir, package-data), as setuptools
would. Anything else is refused with a message (`WheelError`).
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import tomllib
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path, PurePosixPath

from profile_gen.errors import ProfileGenError

DIST = "profile_gen"
TAG = "py3-none-any"
LEFT_OUT = {"RECORD", "WHEEL", "INSTALLER", "REQUESTED", "direct_url.json"}
"""dist-info files of the installation a wheel does not carry (RECORD and WHEEL are
written again)."""
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
"""Every entry's date: the same files give the same bytes (and the same hash)."""


class WheelError(ProfileGenError):
    """The running profile_gen cannot be written out as a wheel."""


@dataclass(frozen=True)
class Wheel:
    name: str
    """`profile_gen-VERSION-py3-none-any.whl`."""
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def record_hash(data: bytes) -> str:
    """RECORD's form of a hash: `sha256=` and the urlsafe base64 digest, unpadded."""
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
    return f"sha256={digest.decode('ascii')}"


def _kept(parts: tuple[str, ...]) -> bool:
    return "__pycache__" not in parts and not parts[-1].endswith((".pyc", ".pyo"))


def _info_dir(dist: metadata.Distribution) -> str:
    version = dist.version
    return f"{DIST}-{version}.dist-info"


def _installed_files(dist: metadata.Distribution) -> dict[str, bytes] | None:
    """The package's files by archive name, read from a regular installation and checked
    against RECORD; None when RECORD lists no package file (an editable install)."""
    listed = dist.files or []
    info = _info_dir(dist)
    if not any(PurePosixPath(path).parts[:1] == (DIST,) for path in listed):
        return None
    found: dict[str, bytes] = {}
    for path in listed:
        parts = PurePosixPath(path).parts
        if not parts or parts[0] == ".." or not _kept(parts):
            continue  # scripts outside site-packages, compiled files
        if parts[0] != DIST and parts[0] != info:
            continue  # another distribution's file would be a surprise: left out
        if parts[0] == info and parts[-1] in LEFT_OUT and len(parts) == 2:
            continue
        data = Path(str(path.locate())).read_bytes()
        if path.hash is not None:
            expected = f"{path.hash.mode}={path.hash.value}"
            if path.hash.mode != "sha256" or record_hash(data) != expected:
                raise WheelError("wheel_altered", file=str(path.locate()))
        found["/".join(parts)] = data
    return found


def _source_tree() -> Path:
    import profile_gen

    return Path(profile_gen.__file__).resolve().parent.parent


def _package_files(root: Path, config: dict) -> Iterator[tuple[str, Path]]:
    """(archive name, file) of every package and its data, by setuptools' rules."""
    setuptools = config.get("tool", {}).get("setuptools", {})
    folders = setuptools.get("package-dir", {})
    data = setuptools.get("package-data", {})
    for package in setuptools.get("packages", []):
        folder = root / folders.get(package, package.replace(".", "/"))
        prefix = package.replace(".", "/")
        chosen = set(folder.glob("*.py"))
        for pattern in data.get(package, []):
            chosen.update(folder.glob(pattern))
        for path in sorted(chosen):
            relative = path.relative_to(folder)
            if path.is_file() and _kept(relative.parts):
                yield f"{prefix}/{relative.as_posix()}", path


def _editable_files(dist: metadata.Distribution) -> dict[str, bytes]:
    """The files of an editable install, from its source tree."""
    root = _source_tree()
    pyproject = root / "pyproject.toml"
    try:
        config = tomllib.loads(pyproject.read_text("utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        raise WheelError("wheel_no_source", path=str(root)) from None
    project = config.get("project", {})
    if project.get("name", "").replace("-", "_") != DIST or project.get("version") != (
        dist.version
    ):
        raise WheelError("wheel_no_source", path=str(root))
    found = {name: path.read_bytes() for name, path in _package_files(root, config)}
    info = _info_dir(dist)
    for name in ("METADATA", "entry_points.txt", "top_level.txt"):
        text = dist.read_text(name)
        if text is not None:
            found[f"{info}/{name}"] = text.encode("utf-8")
    for license_file in dist.metadata.get_all("License-File") or []:
        source = root / license_file
        if source.is_file():
            found[f"{info}/licenses/{license_file}"] = source.read_bytes()
    return found


def _wheel_file() -> bytes:
    return (
        "Wheel-Version: 1.0\n"
        "Generator: profile-gen (rebuilt from the installed files)\n"
        "Root-Is-Purelib: true\n"
        f"Tag: {TAG}\n"
    ).encode()


def _zip(files: dict[str, bytes], info: str) -> bytes:
    """The wheel's bytes: the files in a fixed order and date, then WHEEL and RECORD."""
    files = {**files, f"{info}/WHEEL": _wheel_file()}
    record = io.StringIO()
    writer = csv.writer(record, lineterminator="\n")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        names = sorted(files, key=lambda name: (name.startswith(info), name))
        for name in names:
            entry = zipfile.ZipInfo(name, ZIP_DATE)
            entry.external_attr = 0o644 << 16
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, files[name])
            writer.writerow([name, record_hash(files[name]), len(files[name])])
        writer.writerow([f"{info}/RECORD", "", ""])
        entry = zipfile.ZipInfo(f"{info}/RECORD", ZIP_DATE)
        entry.external_attr = 0o644 << 16
        entry.compress_type = zipfile.ZIP_DEFLATED
        archive.writestr(entry, record.getvalue())
    return buffer.getvalue()


def running_distribution() -> metadata.Distribution:
    """The installed distribution (a `.dist-info` with a RECORD; not a source tree's
    `.egg-info` found first on the path), the one holding the running package if several."""
    import profile_gen

    running = Path(profile_gen.__file__).resolve()
    found = [dist for dist in metadata.distributions(name=DIST) if dist.read_text("RECORD")]
    for dist in found:
        if Path(str(dist.locate_file(f"{DIST}/__init__.py"))).resolve() == running:
            return dist
    if not found:
        raise WheelError("wheel_not_installed")
    return found[0]


def wheel_name_of(dist: metadata.Distribution) -> str:
    return f"{DIST}-{dist.version}-{TAG}.whl"


def running_wheel() -> Wheel:
    """The running profile_gen as a `py3-none-any` wheel, from its installed files."""
    dist = running_distribution()
    files = _installed_files(dist)
    if files is None:
        files = _editable_files(dist)
    info = _info_dir(dist)
    if f"{info}/METADATA" not in files or f"{DIST}/__init__.py" not in files:
        raise WheelError("wheel_incomplete")
    return Wheel(wheel_name_of(dist), _zip(files, info))
