"""Reading LinkedIn's "Get a copy of your data" export: a zip archive or its unpacked folder.

Files are matched by base name, case-insensitively, space and underscore alike; columns by
header name. A BOM, note lines before the header, quoted multi-line fields, missing files
and placeholder-only files are tolerated. Unsafe archives are refused.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path, PurePosixPath

from profile_gen.interop import InteropError

MAX_MEMBER_BYTES = 20_000_000
"""A CSV of a profile is a few hundred kB at most; anything larger is refused."""
MAX_MEMBERS = 5_000
"""A LinkedIn export holds a few dozen files."""

EXPECTED = {
    "profile": ("First Name", "Last Name", "Headline"),
    "profile summary": ("Profile Summary",),
    "positions": ("Company Name", "Title"),
    "education": ("School Name",),
    "skills": ("Name",),
    "languages": ("Name", "Proficiency"),
    "certifications": ("Name", "Authority"),
    "projects": ("Title",),
    "publications": ("Name", "Published On"),
    "honors": ("Title",),
    "courses": ("Name",),
    "recommendations received": ("First Name", "Text"),
    "volunteering": ("Company Name", "Role"),
    "email addresses": ("Email Address",),
    "phonenumbers": ("Number",),
    "phone numbers": ("Number",),
    "endorsement received info": ("Skill Name",),
}


def normalize(name: str) -> str:
    """`Recommendations_Received.csv` -> `recommendations received`."""
    stem = PurePosixPath(name).name.rsplit(".", 1)[0]
    return " ".join(stem.replace("_", " ").lower().split())


Table = list[dict[str, str]]


def parse_csv(text: str, expected: tuple[str, ...]) -> Table:
    """Rows as dicts by header name; the header is the first row naming an expected column."""
    try:
        rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline="")))
    except csv.Error:  # a broken file: read what can be read, line by line
        rows = list(
            csv.reader(line for line in text.lstrip("\ufeff").splitlines() if "\0" not in line)
        )
    for index, row in enumerate(rows):
        cells = [cell.strip().lstrip("\ufeff") for cell in row]
        if any(column in cells for column in expected):
            header = cells
            table = []
            for values in rows[index + 1 :]:
                if not any(value.strip() for value in values):
                    continue
                table.append(
                    {
                        name: (values[i].strip() if i < len(values) else "")
                        for i, name in enumerate(header)
                    }
                )
            return table
    return []


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _from_zip(path: Path) -> dict[str, str]:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise InteropError("import_not_zip", path=str(path)) from None
    files: dict[str, str] = {}
    with archive:
        if len(archive.infolist()) > MAX_MEMBERS:
            raise InteropError("import_too_many_members", path=str(path), limit=MAX_MEMBERS)
        for member in archive.infolist():
            name = member.filename
            parts = PurePosixPath(name.replace("\\", "/")).parts
            if name.startswith(("/", "\\")) or ".." in parts or (parts and ":" in parts[0]):
                raise InteropError("import_unsafe_member", member=name)
            if member.is_dir() or not name.lower().endswith(".csv"):
                continue
            if member.file_size > MAX_MEMBER_BYTES:
                raise InteropError(
                    "import_member_too_large", member=name, limit=MAX_MEMBER_BYTES // 1_000_000
                )
            with archive.open(member) as handle:
                raw = handle.read(MAX_MEMBER_BYTES + 1)
            if len(raw) > MAX_MEMBER_BYTES:  # the declared size lied
                raise InteropError(
                    "import_member_too_large", member=name, limit=MAX_MEMBER_BYTES // 1_000_000
                )
            files.setdefault(normalize(name), _decode(raw))
    return files


def _from_folder(path: Path) -> dict[str, str]:
    files: dict[str, str] = {}
    for csv_file in sorted(path.rglob("*")):
        if csv_file.is_file() and csv_file.suffix.lower() == ".csv":
            if csv_file.stat().st_size > MAX_MEMBER_BYTES:
                raise InteropError(
                    "import_member_too_large",
                    member=csv_file.name,
                    limit=MAX_MEMBER_BYTES // 1_000_000,
                )
            files.setdefault(normalize(csv_file.name), _decode(csv_file.read_bytes()))
    return files


def read_export(path: Path) -> dict[str, Table]:
    """Every known table of the export, by normalized file name (`positions`, ...)."""
    if not path.exists():
        raise InteropError("import_missing", path=str(path))
    raw_files = _from_folder(path) if path.is_dir() else _from_zip(path)
    tables = {}
    for name, text in raw_files.items():
        if name in EXPECTED:
            key = "phone numbers" if name == "phonenumbers" else name
            tables[key] = parse_csv(text, EXPECTED[name])
    if not tables:
        raise InteropError("import_no_expected_files", path=str(path))
    return tables
