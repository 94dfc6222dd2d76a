"""The `profile-gen` command: check, schema, init, build.

Exit codes: 0 success (or profile ready), 1 profile incomplete, 2 invalid input,
3 internal error. Tracebacks only with --debug.
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
from pathlib import Path

from profile_gen import i18n
from profile_gen.app.cli_words import int_between, parser_class
from profile_gen.app.startup import long_lived_imports
from profile_gen.errors import BuildError, ProfileError
from profile_gen.interop import InteropError

DEFAULT_PROFILE = Path("content") / "profile.yaml"


def _lang(args: argparse.Namespace) -> str:
    lang = args.lang or os.environ.get("PROFILE_GEN_LANG", "")
    return lang if lang in i18n.LANGUAGES else "fr"


# --------------------------------------------------------------------------- check


def cmd_check(args: argparse.Namespace) -> int:
    if args.online:
        from profile_gen.app.online import check_online, settings_of
        from profile_gen.profile.loader import load

        profile = load(Path(args.profile), lang=args.lang)
        text, ready = check_online(profile, settings_of(Path(args.settings)), args.lang)
        print(text)
        return 0 if ready else 1
    with long_lived_imports():
        from profile_gen.app.check import check

    text, ready = check(Path(args.profile), Path(args.settings), args.lang)
    print(text)
    return 0 if ready else 1


# --------------------------------------------------------------------------- schema


def cmd_schema(args: argparse.Namespace) -> int:
    from profile_gen.profile.schema import json_schema_text

    text = json_schema_text()
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


# --------------------------------------------------------------------------- init


def cmd_init(args: argparse.Namespace) -> int:
    from profile_gen.profile.schema import SCHEMA_FILE, json_schema_text

    lang = _lang(args)
    folder = Path(args.directory)
    starter = Path(__file__).parents[1] / "starter" / "profile.yaml"
    files = {
        folder / "profile.yaml": starter.read_text(encoding="utf-8"),
        folder / SCHEMA_FILE: json_schema_text(),
        folder / "articles" / ".gitkeep": "",
        folder / "images" / ".gitkeep": "",
    }
    for target, content in files.items():
        shown = str(target)
        if target.exists():
            print(i18n.text(lang, "init.exists", path=shown))
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "x", encoding="utf-8") as handle:  # "x": never overwrite
            handle.write(content)
        print(i18n.text(lang, "init.created", path=shown))
    print(i18n.text(lang, "init.next", path=str(folder / "profile.yaml"), folder=str(folder)))
    return 0


# --------------------------------------------------------------------------- interop


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
    from profile_gen.interop import InteropError
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
    print(i18n.text(lang, "import.written", path=str(target)))
    print(i18n.text(lang, "init.next", path=str(target)))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    import json

    from profile_gen.interop import InteropError
    from profile_gen.interop.fit import fit
    from profile_gen.interop.writer import to_yaml

    lang = _lang(args)
    source = Path(args.source)
    if args.format == "linkedin":
        from profile_gen.interop.archive import read_export
        from profile_gen.interop.linkedin import from_linkedin

        imported = from_linkedin(read_export(source))
        data, dropped = fit(imported.data)
        imported.unmapped += dropped
        make = lambda schema: to_yaml(  # noqa: E731
            data, imported.comments, imported.unmapped, schema, source.name
        )
        result = _write_imported(Path(args.output), args.force, lang, make)
        for line in imported.unmapped:
            print(f"  - {line}")
        return result
    from profile_gen.interop.jsonresume import drop_missing_files, from_jsonresume

    try:
        if source.stat().st_size > 20_000_000:
            raise InteropError("import_invalid_json", path=str(source), detail="> 20 MB")
        resume = json.loads(source.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise InteropError("import_missing", path=str(source)) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise InteropError("import_invalid_json", path=str(source), detail=str(error)) from None
    if not isinstance(resume, dict):
        raise InteropError("import_invalid_json", path=str(source), detail="not an object")
    try:
        data, unmapped = from_jsonresume(resume)
        data, dropped = fit(data)
    except (AttributeError, TypeError, KeyError, IndexError, ValueError) as error:
        # our own meta section edited into an unexpected shape: refuse it clearly
        raise InteropError(
            "import_invalid_json", path=str(source), detail=repr(error)[:120]
        ) from None
    unmapped += dropped + drop_missing_files(data, Path(args.output).resolve().parent)
    make = lambda schema: to_yaml(data, {}, unmapped, schema, source.name)  # noqa: E731
    return _write_imported(Path(args.output), args.force, lang, make)


def cmd_export(args: argparse.Namespace) -> int:
    import json

    from profile_gen.interop import InteropError
    from profile_gen.interop.jsonresume import export, left_out
    from profile_gen.profile.loader import load

    profile = load(Path(args.profile), lang=args.lang)
    resume = export(profile, args.language, include_private=args.include_private)
    text = json.dumps(resume, ensure_ascii=False, indent=2) + "\n"
    if not args.include_private and (hidden := left_out(profile)):
        keys = [f"contact.{name}" if name != "photo" else "export.photo" for name in hidden]
        names = ", ".join(i18n.label(_lang(args), key) for key in keys)
        print(i18n.text(_lang(args), "export.left_out", items=names), file=sys.stderr)
    if args.output:
        target = Path(args.output)
        if target.exists() and not args.force:
            raise InteropError("import_exists", path=str(target))
        target.write_text(text, encoding="utf-8")
        print(i18n.text(_lang(args), "import.written", path=str(target)), file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


# --------------------------------------------------------------------------- build


def cmd_build(args: argparse.Namespace) -> int:
    with long_lived_imports():
        from profile_gen.app.build import build

    if args.cohort:
        from profile_gen.app.cohort import build_cohort

        return build_cohort(
            Path(args.settings),
            Path(args.cohort),
            Path(args.output) if args.output else None,
            pdf=not args.no_pdf,
            jobs=args.jobs,
            lang=_lang(args),
        )

    return build(
        Path(args.settings),
        output=args.output,
        lang=args.lang,
        pdf=not args.no_pdf,
        content=Path(args.content) if args.content else None,
    )


def cmd_serve(args: argparse.Namespace) -> int:
    with long_lived_imports():
        from profile_gen.app.serve import serve

    lang = _lang(args)
    return serve(
        Path(args.settings),
        args.port,
        started=i18n.text(lang, "serve.started", url="{url}"),
        pdf=args.pdf,
        content=Path(args.content) if args.content else None,
        lang=lang,
    )


def _settings_and_output(args: argparse.Namespace) -> tuple[Path, Path]:
    """The settings file (which must exist) and the build's output folder (`-o` or theirs)."""
    from profile_gen.app.build import project_settings

    settings_file = Path(args.settings)
    if not settings_file.is_file():
        raise BuildError("build_no_settings", path=str(settings_file))
    if args.output:
        return settings_file, Path(args.output)
    return settings_file, Path(project_settings(settings_file)["OUTPUT_PATH"])


def cmd_pdf(args: argparse.Namespace) -> int:
    """Print the annexe and the CV of the last build to PDF (building first if needed)."""
    with long_lived_imports():
        from profile_gen.app.build import build
        from profile_gen.site.pdf import PDFS, PdfUnavailable, write_pdfs

    lang = _lang(args)
    settings_file, output = _settings_and_output(args)
    if not all((output / page).is_file() for page in PDFS):
        return build(settings_file, output=str(output), lang=args.lang, pdf=True)
    try:
        counts = write_pdfs(output)
    except PdfUnavailable as error:
        print(i18n.text(lang, "pdf.unavailable", detail=str(error)), file=sys.stderr)
        return 2
    files = ", ".join(f"{output / name} ({pages} p.)" for name, pages in counts.items())
    print(i18n.text(lang, "pdf.written", files=files))
    return 0


def cmd_publish(args: argparse.Namespace) -> int:
    """Put the Book online without the print outputs (they hold annexe-only data)."""
    from profile_gen.app import publish

    if bool(args.git) == bool(args.destination):
        raise BuildError("publish_where")
    _, output = _settings_and_output(args)
    if args.git:
        return publish.publish_git(output, args.git, args.branch, args.message, _lang(args))
    return publish.publish_folder(output, Path(args.destination), args.force, _lang(args))


# --------------------------------------------------------------------------- main


def parser(lang: str = "fr") -> argparse.ArgumentParser:
    def h(key: str) -> str:
        return i18n.label(lang, f"help.{key}")

    main = parser_class(lang)(prog="profile-gen", description=h("description"))
    main.add_argument("--debug", action="store_true", help=h("debug"))
    main.add_argument("--lang", choices=i18n.LANGUAGES, help=h("lang"))
    commands = main.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("check", help=h("check"))
    check.add_argument("profile", nargs="?", default=str(DEFAULT_PROFILE))
    check.add_argument("--settings", default="pelican.conf.py", help=h("check_settings"))
    check.add_argument("--online", action="store_true", help=h("check_online"))
    check.set_defaults(run=cmd_check)

    schema = commands.add_parser("schema", help=h("schema"))
    schema.add_argument("-o", "--output", help=h("schema_output"))
    schema.set_defaults(run=cmd_schema)

    init = commands.add_parser("init", help=h("init"))
    init.add_argument("directory", nargs="?", default="profil", help=h("init_directory"))
    init.set_defaults(run=cmd_init)

    build = commands.add_parser("build", help=h("build"))
    build.add_argument("--settings", default="pelican.conf.py", help=h("settings"))
    build.add_argument("-o", "--output", help=h("output"))
    build.add_argument("--content", metavar="DIR", help=h("content"))
    build.add_argument("--no-pdf", action="store_true", help=h("no_pdf"))
    build.add_argument("--cohort", metavar="DIR", help=h("cohort"))
    build.add_argument("-j", "--jobs", type=int_between(lang, 1, 256), help=h("jobs"))
    build.set_defaults(run=cmd_build)

    pdf = commands.add_parser("pdf", help=h("pdf"))
    pdf.add_argument("--settings", default="pelican.conf.py", help=h("settings"))
    pdf.add_argument("-o", "--output", help=h("output"))
    pdf.set_defaults(run=cmd_pdf)

    publish = commands.add_parser("publish", help=h("publish"))
    publish.add_argument("destination", nargs="?", help=h("publish_destination"))
    publish.add_argument("--git", metavar="REMOTE", help=h("publish_git"))
    publish.add_argument("--branch", default="gh-pages", help=h("publish_branch"))
    publish.add_argument("--message", help=h("publish_message"))
    publish.add_argument("--settings", default="pelican.conf.py", help=h("settings"))
    publish.add_argument("-o", "--output", help=h("output"))
    publish.add_argument("--force", action="store_true", help=h("publish_force"))
    publish.set_defaults(run=cmd_publish)

    importer = commands.add_parser("import", help=h("import"))
    importer.add_argument("format", choices=["linkedin", "jsonresume"])
    importer.add_argument("source", help=h("import_source"))
    importer.add_argument("-o", "--output", default=str(DEFAULT_PROFILE), help=h("import_output"))
    importer.add_argument("--force", action="store_true", help=h("force"))
    importer.set_defaults(run=cmd_import)

    exporter = commands.add_parser("export", help=h("export"))
    exporter.add_argument("format", choices=["jsonresume"])
    exporter.add_argument("profile", nargs="?", default=str(DEFAULT_PROFILE))
    exporter.add_argument("-o", "--output", help=h("export_output"))
    exporter.add_argument("--language", choices=i18n.LANGUAGES, help=h("language"))
    exporter.add_argument("--force", action="store_true", help=h("force"))
    exporter.add_argument("--include-private", action="store_true", help=h("export_private"))
    exporter.set_defaults(run=cmd_export)

    serve = commands.add_parser("serve", help=h("serve"))
    serve.add_argument("--settings", default="pelican.conf.py", help=h("settings"))
    serve.add_argument("--content", metavar="DIR", help=h("content"))
    serve.add_argument("-p", "--port", type=int_between(lang, 0, 65535), default=8000)
    serve.add_argument("--pdf", action="store_true", help=h("serve_pdf"))
    serve.set_defaults(run=cmd_serve)
    return main


def _argv_lang(argv: list[str] | None) -> str:
    """The language of the help texts, read before parsing: --lang, then PROFILE_GEN_LANG."""
    args = sys.argv[1:] if argv is None else argv
    for index, arg in enumerate(args):
        if arg == "--lang" and index + 1 < len(args) and args[index + 1] in i18n.LANGUAGES:
            return args[index + 1]
        if arg.startswith("--lang=") and arg[7:] in i18n.LANGUAGES:
            return arg[7:]
    env = os.environ.get("PROFILE_GEN_LANG", "")
    return env if env in i18n.LANGUAGES else "fr"


OS_REASONS = {
    errno.ENOENT: "not_found",
    errno.ENOTDIR: "not_a_folder",
    errno.EISDIR: "is_a_folder",
    errno.EACCES: "denied",
    errno.EPERM: "denied",
    errno.EEXIST: "exists",
    errno.ENOSPC: "disk_full",
    errno.EROFS: "read_only",
}


def _os_error(lang: str, error: OSError) -> str:
    """`path: what went wrong`, in the user's words, for an error of the file system."""
    key = OS_REASONS.get(error.errno or 0)
    reason = i18n.label(lang, f"os.{key}") if key else (error.strerror or str(error))
    path = error.filename if error.filename is not None else ""
    return i18n.message(lang, "os_error", path=str(path), reason=reason)


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    args = parser(_argv_lang(argv)).parse_args(argv)
    try:
        return args.run(args)
    except ProfileError as error:
        print(error.format(), file=sys.stderr)
        return 2
    except BuildError as error:
        print(error.describe(_lang(args)), file=sys.stderr)
        return 2
    except InteropError as error:
        print(i18n.message(_lang(args), error.code, **error.context), file=sys.stderr)
        return 2
    except OSError as error:  # the file system said no: a path to fix, not a bug to report
        print(_os_error(_lang(args), error), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # a bug: say so in one line, trace only on demand
        if args.debug:
            raise
        print(i18n.text(_lang(args), "cli.internal_error", error=repr(error)), file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
