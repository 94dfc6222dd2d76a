"""`profile-gen import` and `export`: LinkedIn and JSON Resume in, JSON Resume out.

Bad input is an `InteropError` raised by the readers (`profile_gen.interop`); anything
else that escapes is a bug of ours, reported as such by `profile_gen.app.cli.report`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from profile_gen import i18n
from profile_gen.app.private_import import (
    PRIVATE_FILE,
    held_private,
    ignore_private,
    is_starter,
    merged_private,
)
from profile_gen.app.project import PROFILE_FILE
from profile_gen.app.terminal import say
from profile_gen.errors import InteropError, ProfileError


def _schema_reference(target: Path) -> tuple[str, Path | None]:
    """The path from `target`'s folder to a `profile.schema.json` above it, else beside it;
    and the schema file to write beside it (None: there is one already)."""
    from profile_gen.profile.schema import SCHEMA_FILE

    folder = target.resolve().parent
    for depth, candidate in enumerate([folder, *list(folder.parents)[:2]]):
        if (candidate / SCHEMA_FILE).is_file():
            return "../" * depth + SCHEMA_FILE, None
    return SCHEMA_FILE, folder / SCHEMA_FILE


def _import_linkedin(source: Path, lang: str):
    """The data, comments and report of a LinkedIn export."""
    from profile_gen.interop.archive import read_export
    from profile_gen.interop.linkedin import from_linkedin

    imported = from_linkedin(read_export(source), lang)
    return imported.data, imported.comments, imported.unmapped


def _import_jsonresume(source: Path, lang: str):
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
    """Bad input is an `InteropError` of the readers; anything else is a bug of ours.

    The profile goes where every command looks for it (`profile_file`), its off-the-web
    contact items into the private file beside it; neither file is written unless both can
    be (an edited one is replaced only with --force)."""
    from profile_gen.interop.fit import fit, too_large
    from profile_gen.interop.jsonresume import drop_missing_files
    from profile_gen.interop.writer import split_private, to_yaml

    source = Path(args.source)
    target = _target(args)
    data, comments, unmapped = IMPORTERS[args.format](source, lang)
    if (problem := too_large(data)) is not None:
        raise InteropError("import_too_large", path=str(source), detail=problem.describe(lang))
    data, dropped = fit(data, lang)
    unmapped += dropped + drop_missing_files(data, target.resolve().parent, lang)
    if target.exists() and not args.force and not is_starter(target, PROFILE_FILE):
        raise InteropError("import_edited", path=str(target))
    private_file = target.parent / PRIVATE_FILE
    private_text = None
    if target.name == PROFILE_FILE or not (target.parent / PROFILE_FILE).is_file():
        # (a file named otherwise beside a folder's own profile keeps its contact: that
        # folder's private.yaml belongs to its profile.yaml)
        held = held_private(private_file)
        private_text = merged_private(private_file, split_private(data, held), args.force, lang)
    check = "profile-gen check" + ("" if target.name == PROFILE_FILE else f" {target.name}")
    schema, schema_file = _schema_reference(target)
    text = to_yaml(data, comments, unmapped, schema, source.name, lang, check)
    _validate(text, (target, private_file, private_text), source, lang)
    target.parent.mkdir(parents=True, exist_ok=True)
    if schema_file is not None:
        from profile_gen.profile.schema import json_schema_text

        schema_file.write_text(json_schema_text(), encoding="utf-8")
    target.write_text(text, encoding="utf-8")
    say(i18n.text(lang, "import.written", path=str(target)))
    if private_text is not None:
        private_file.write_text(private_text, encoding="utf-8")
        say(i18n.text(lang, "import.private_written", path=str(private_file)))
        if (ignored := ignore_private(private_file.parent, lang)) is not None:
            say(i18n.text(lang, "import.gitignore", path=str(ignored)))
    _say_next(args, target, unmapped, lang)
    return 0


def _say_next(args: argparse.Namespace, target: Path, unmapped: list[str], lang: str) -> None:
    if target.name != PROFILE_FILE:  # `build` reads profile.yaml only
        say(i18n.text(lang, "import.next_named", path=str(target)))
    elif args.output or args.content:
        say(i18n.text(lang, "import.next", path=str(target), folder=str(target.parent)))
    else:
        say(i18n.text(lang, "import.next_here", path=str(target)))
    if unmapped:
        say(i18n.label(lang, "import.unmapped"))
    for line in unmapped:
        say(f"  - {line}")


def _target(args: argparse.Namespace) -> Path:
    """The profile to write: -o, else the profile of the project (`--content` or here)."""
    from profile_gen.app.project import find_project, profile_file

    if args.output:
        return Path(args.output)
    return profile_file(*find_project(None, args.content, new=True))


def _validate(text: str, where: tuple[Path, Path, str | None], source: Path, lang: str) -> None:
    """Refuse, writing nothing, a result the loader would refuse: too large for a profile
    (the input's fault), or invalid (a bug of ours). `where` is (profile file, private
    file, its new text or None when it stays as it is)."""
    from profile_gen.profile.loader import load_text

    target, private_file, private_text = where
    if private_text is None and private_file.is_file():
        private_text = private_file.read_text(encoding="utf-8", errors="replace")
    private = (str(private_file), private_text) if private_text is not None else None
    try:
        load_text(text, str(target), base_dir=target.parent, private=private)
    except ProfileError as error:
        for problem in error.problems:
            if problem.code in ("yaml_too_large", "yaml_too_many_nodes"):
                raise InteropError(
                    "import_too_large", path=str(source), detail=problem.describe(lang)
                ) from None
        raise InteropError("import_invalid_result", detail=error.format(limit=3)) from None


def run_export(args: argparse.Namespace, lang: str) -> int:
    import json

    from profile_gen.app.project import project_profile
    from profile_gen.interop.jsonresume import export, left_out
    from profile_gen.profile.loader import load

    profile = load(project_profile(args.profile, None)[0], lang=args.lang)
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
        if args.include_private and left_out(profile):
            from profile_gen.app.privacy import in_repository

            if in_repository(target):  # the next `git add -A` would take it
                say(i18n.text(lang, "export.private_unignored", path=str(target)), err=True)
    else:
        sys.stdout.write(text)
    return 0
