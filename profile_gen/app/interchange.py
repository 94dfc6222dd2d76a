"""`profile-gen import` and `export`: LinkedIn and JSON Resume in, JSON Resume out.

Bad input is an `InteropError` raised by the readers (`profile_gen.interop`); anything
else that escapes is a bug of ours, reported as such by `profile_gen.app.cli.report`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from profile_gen import i18n
from profile_gen.app.terminal import say
from profile_gen.errors import InteropError, ProfileError


def _schema_reference(target: Path) -> str:
    """The path from `target`'s folder to a `profile.schema.json` above it, else beside it."""
    from profile_gen.profile.schema import SCHEMA_FILE, json_schema_text

    folder = target.resolve().parent
    for depth, candidate in enumerate([folder, *list(folder.parents)[:2]]):
        if (candidate / SCHEMA_FILE).is_file():
            return "../" * depth + SCHEMA_FILE
    with open(folder / SCHEMA_FILE, "x", encoding="utf-8") as handle:
        handle.write(json_schema_text())
    return SCHEMA_FILE


def _write_imported(target: Path, force: bool, lang: str, make_text) -> int:
    from profile_gen.profile.loader import load_text

    if target.exists() and not force:
        raise InteropError("import_exists", path=str(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    text = make_text(_schema_reference(target))
    try:
        load_text(text, str(target))
    except ProfileError as error:  # a bug of ours: say so, write nothing
        raise InteropError("import_invalid_result", detail=error.format(limit=3)) from None
    target.write_text(text, encoding="utf-8")
    say(i18n.text(lang, "import.written", path=str(target)))
    say(i18n.text(lang, "import.next", path=str(target), folder=str(target.parent)))
    return 0


def _import_linkedin(source: Path, target: Path, lang: str):
    """The data, comments and report of a LinkedIn export."""
    from profile_gen.interop.archive import read_export
    from profile_gen.interop.linkedin import from_linkedin

    imported = from_linkedin(read_export(source), lang)
    return imported.data, imported.comments, imported.unmapped


def _import_jsonresume(source: Path, target: Path, lang: str):
    """The data, comments and report of a JSON Resume file."""
    from profile_gen.interop.jsonresume import from_jsonresume, read_resume

    data, unmapped = from_jsonresume(read_resume(source), lang)
    return data, {}, unmapped


IMPORTERS = {
    "linkedin": _import_linkedin,
    "jsonresume": _import_jsonresume,
    "pdf": _import_jsonresume,
}


def run_import(args: argparse.Namespace, lang: str) -> int:
    """Bad input is an `InteropError` of the readers; anything else is a bug of ours."""
    from profile_gen.interop.fit import fit
    from profile_gen.interop.jsonresume import drop_missing_files
    from profile_gen.interop.writer import to_yaml

    source, target = Path(args.source), Path(args.output)
    data, comments, unmapped = IMPORTERS[args.format](source, target, lang)
    data, dropped = fit(data, lang)
    unmapped += dropped + drop_missing_files(data, target.resolve().parent, lang)
    make = lambda schema: to_yaml(data, comments, unmapped, schema, source.name, lang)  # noqa: E731
    result = _write_imported(target, args.force, lang, make)
    if unmapped:
        say(i18n.label(lang, "import.unmapped"))
    for line in unmapped:
        say(f"  - {line}")
    return result


def run_export(args: argparse.Namespace, lang: str) -> int:
    import json

    from profile_gen.interop.jsonresume import export, left_out
    from profile_gen.profile.loader import load

    profile = load(Path(args.profile), lang=args.lang)
    resume = export(profile, args.language, include_private=args.include_private)
    text = json.dumps(resume, ensure_ascii=False, indent=2) + "\n"
    if not args.include_private and (hidden := left_out(profile)):
        keys = [f"contact.{name}" if name != "photo" else "export.photo" for name in hidden]
        names = ", ".join(i18n.label(lang, key) for key in keys)
        say(i18n.text(lang, "export.left_out", items=names), err=True)
    if args.output:
        target = Path(args.output)
        if target.exists() and not args.force:
            raise InteropError("import_exists", path=str(target))
        target.write_text(text, encoding="utf-8")
        say(i18n.text(lang, "import.written", path=str(target)), err=True)
    else:
        sys.stdout.write(text)
    return 0
