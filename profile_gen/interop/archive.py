"""Reading LinkedIn's "Get a copy of your data" export: a zip archive or its unpacked folder.

Files are matched by base name, case-insensitively, space and underscore alike; columns by
header name. A BOM, note lines before the header, quoted multi-line fields, missing files
and placeholder-only files are tolerated; UTF-8 (with or without a BOM), UTF-16 (an export
re-saved by Excel as "Unicode text") and Windows-1252 are decoded. Unsafe archives, and
fields larger than any profile text, are refused with the file's name.
"""

from __future__ import annotations

import codecs
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


def _rows(text: str, where: str) -> list[list[str]]:
    """The CSV rows of `text`; a broken file is read line by line, as far as it can be."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        return list(reader)
    except csv.Error as error:
        _refuse_large_field(error, where, reader.line_num)
    lines = [line for line in text.splitlines() if "\0" not in line]
    rows = []
    for number, line in enumerate(lines, start=1):
        try:
            rows += list(csv.reader([line]))
        except csv.Error as error:
            _refuse_large_field(error, where, number)
    return rows


def _refuse_large_field(error: csv.Error, where: str, line: int) -> None:
    """A field over the csv module's limit (128 kB): far more than any profile text."""
    if "field larger than field limit" in str(error):
        limit = csv.field_size_limit() // 1024
        raise InteropError("import_csv_field_too_large", path=where, line=line, limit=limit)


def parse_csv(text: str, expected: tuple[str, ...], where: str = "?") -> Table:
    """Rows as dicts by header name; the header is the first row naming an expected column.
    `where` names the file in the error refusing a field too large."""
    rows = _rows(text.lstrip("\ufeff"), where)
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


BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(raw: bytes) -> str:
    """The text of a CSV file: by its BOM, else UTF-16 when every other byte of its start
    is NUL (Excel's "Unicode text" without a BOM), else UTF-8, else Windows-1252."""
    for bom, encoding in BOMS:
        if raw.startswith(bom):
            return raw.decode(encoding, errors="replace")
    start = raw[:200]
    if len(start) >= 2 and start[1::2].count(0) > len(start) // 4 > start[::2].count(0):
        return raw.decode("utf-16-le", errors="replace")
    if len(start) >= 2 and start[::2].count(0) > len(start) // 4 > start[1::2].count(0):
        return raw.decode("utf-16-be", errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _from_zip(path: Path) -> dict[str, tuple[str, str]]:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise InteropError("import_not_zip", path=str(path)) from None
    files: dict[str, tuple[str, str]] = {}
    nested: list[str] = []
    with archive:
        if len(archive.infolist()) > MAX_MEMBERS:
            raise InteropError("import_too_many_members", path=str(path), limit=MAX_MEMBERS)
        for member in archive.infolist():
            name = member.filename
            parts = PurePosixPath(name.replace("\\", "/")).parts
            if name.startswith(("/", "\\")) or ".." in parts or (parts and ":" in parts[0]):
                raise InteropError("import_unsafe_member", member=name)
            if not member.is_dir() and name.lower().endswith(".zip"):
                nested.append(name)
            if member.is_dir() or not name.lower().endswith(".csv"):
                continue
            if normalize(name) not in EXPECTED or normalize(name) in files:
                continue  # not read: only the export's own tables are
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
            files[normalize(name)] = (f"{path}:{name}", decode(raw))
    if not files and nested:  # the export zipped again, say: LinkedIn's archive is inside
        raise InteropError("import_nested_zip", path=str(path), member=nested[0])
    return files


def _from_folder(path: Path) -> dict[str, tuple[str, str]]:
    files: dict[str, tuple[str, str]] = {}
    for csv_file in sorted(path.rglob("*")):
        if csv_file.is_file() and csv_file.suffix.lower() == ".csv":
            if csv_file.stat().st_size > MAX_MEMBER_BYTES:
                raise InteropError(
                    "import_member_too_large",
                    member=csv_file.name,
                    limit=MAX_MEMBER_BYTES // 1_000_000,
                )
            text = decode(csv_file.read_bytes())
            files.setdefault(normalize(csv_file.name), (str(csv_file), text))
    return files


def read_export(path: Path) -> dict[str, Table]:
    """Every known table of the export, by normalized file name (`positions`, ...)."""
    if not path.exists():
        raise InteropError("import_missing", path=str(path))
    raw_files = _from_folder(path) if path.is_dir() else _from_zip(path)
    tables = {}
    for name, (where, text) in raw_files.items():
        if name in EXPECTED:
            key = "phone numbers" if name == "phonenumbers" else name
            tables[key] = parse_csv(text, EXPECTED[name], where)
    if not tables:
        raise InteropError("import_no_expected_files", path=str(path))
    return tables
