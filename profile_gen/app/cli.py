"""The `profile-gen` command: check, schema, init, build.

Exit codes: 0 success (or profile ready), 1 profile incomplete, 2 invalid input,
3 internal error. Tracebacks only with --debug.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import os
import sys
from typing import NoReturn

from profile_gen import designs, i18n
from profile_gen.app import commands as cmd
from profile_gen.app.cli_words import SpacesOnlyHelp, formats_list, int_between, speaking
from profile_gen.app.init import HOSTS
from profile_gen.app.os_errors import os_reason
from profile_gen.app.startup import Terminated, exit_now, no_pydantic_plugins, stopped_on_sigterm
from profile_gen.app.terminal import say
from profile_gen.book.time_limit import MINUTES
from profile_gen.errors import ProfileGenError
from profile_gen.outputs import DOCUMENT_FORMATS, formats_asked

# --------------------------------------------------------------------------- main


def parser(lang: str = "fr") -> argparse.ArgumentParser:
    def h(key: str) -> str:
        return i18n.label(lang, f"help.{key}")

    main = argparse.ArgumentParser(
        prog="profile-gen", description=h("description"), formatter_class=SpacesOnlyHelp
    )
    main.add_argument("--debug", action="store_true", help=h("debug"))
    main.add_argument("--lang", choices=i18n.LANGUAGES, help=h("lang"))
    main.add_argument("--version", action=_Version, nargs=0, help=h("version"))
    commands = main.add_subparsers(dest="command", required=True, metavar="COMMAND")
    # --lang after the command too (`profile-gen check --lang en`); SUPPRESS keeps the
    # value given before the command when it is not repeated after it
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=i18n.LANGUAGES, default=argparse.SUPPRESS, help=h("lang"))
    commands.add_parser = functools.partial(  # type: ignore[method-assign]
        commands.add_parser, parents=[common], formatter_class=SpacesOnlyHelp
    )

    check = commands.add_parser("check", help=h("check"))
    check.add_argument("profile", nargs="?", help=h("check_profile"))
    check.add_argument("--settings", help=h("check_settings"))
    check.add_argument("--content", metavar="DIR", help=h("content"))
    check.add_argument("--online", action="store_true", help=h("check_online"))
    check.add_argument(
        "--format", choices=("text", "github"), default="text", help=h("check_format")
    )
    check.set_defaults(run=cmd.cmd_check_as)

    schema = commands.add_parser("schema", help=h("schema"))
    schema.add_argument("-o", "--output", help=h("schema_output"))
    schema.set_defaults(run=cmd.cmd_schema)

    init = commands.add_parser("init", help=h("init"))
    init.add_argument("directory", nargs="?", default=".", help=h("init_directory"))
    init.add_argument("--host", choices=HOSTS, default="github", help=h("init_host"))
    init.add_argument("--design", choices=designs.names(), help=h("init_design"))
    init.set_defaults(run=cmd.cmd_init)
    listing = commands.add_parser("designs", help=h("designs"))
    listing.add_argument("--content", metavar="DIR", help=h("content"))
    listing.set_defaults(run=cmd.cmd_designs)
    upgrade = commands.add_parser("upgrade", help=h("upgrade"))
    upgrade.add_argument("directory", nargs="?", default=".", help=h("init_directory"))
    upgrade.set_defaults(run=cmd.cmd_upgrade)
    for command in (init, upgrade):
        command.add_argument("--install", metavar="SPEC", help=h("install"))
        command.add_argument("--index-url", metavar="URL", help=h("index_url"))

    build = commands.add_parser("build", help=h("build"))
    build.add_argument("--settings", help=h("settings"))
    build.add_argument("-o", "--output", help=h("output"))
    build.add_argument("--content", metavar="DIR", help=h("content"))
    choices, no_pdf = ",".join(DOCUMENT_FORMATS), formats_asked(None, no_pdf=True)
    build.add_argument(
        "--no-pdf",
        action="store_true",
        help=i18n.text(lang, "help.no_pdf", formats=",".join(no_pdf)),
    )
    build.add_argument(
        "--formats",
        type=formats_list(lang),
        metavar=choices,
        help=i18n.text(lang, "help.formats", formats=", ".join(DOCUMENT_FORMATS)),
    )
    build.add_argument("--public", action="store_true", help=h("public"))
    build.add_argument("--force", action="store_true", help=h("build_force"))
    build.add_argument("--cohort", metavar="DIR", help=h("cohort"))
    build.add_argument("-j", "--jobs", type=int_between(lang, 1, 256), help=h("jobs"))
    build.add_argument("--shard", metavar="K/N", help=h("shard"))
    build.add_argument(
        "--time-limit",
        type=int_between(lang, 1, 24 * 60),
        metavar="MINUTES",
        help=i18n.text(lang, "help.time_limit", minutes=MINUTES),
    )
    build.add_argument("--merge", action="store_true", help=h("merge"))
    build.set_defaults(run=cmd.cmd_build)

    pdf = commands.add_parser("pdf", help=h("pdf"))
    pdf.add_argument("--settings", help=h("settings"))
    pdf.add_argument("--content", metavar="DIR", help=h("content"))
    pdf.add_argument("-o", "--output", help=h("output"))
    pdf.set_defaults(run=cmd.cmd_pdf)

    publish = commands.add_parser("publish", help=h("publish"))
    publish.add_argument("destination", nargs="?", help=h("publish_destination"))
    publish.add_argument("--git", metavar="REMOTE", help=h("publish_git"))
    publish.add_argument("--branch", default="gh-pages", help=h("publish_branch"))
    publish.add_argument("--message", help=h("publish_message"))
    publish.add_argument("--settings", help=h("settings"))
    publish.add_argument("--content", metavar="DIR", help=h("content"))
    publish.add_argument("-o", "--output", help=h("output"))
    publish.add_argument("--force", action="store_true", help=h("publish_force"))
    publish.set_defaults(run=cmd.cmd_publish)

    photo = commands.add_parser("photo", help=h("photo"))
    # `strip` a parser of its own: its options before or after the files
    # (`photo strip --reencode IMG.HEIC`: a positional `action` left the files unread)
    actions = photo.add_subparsers(dest="action", required=True, metavar="ACTION")
    strip = actions.add_parser("strip", help=h("photo_strip"))
    strip.add_argument("files", nargs="*", metavar="FILE", help=h("photo_files"))
    strip.add_argument("--profile", help=h("photo_profile"))
    strip.add_argument("--settings", help=h("settings"))
    strip.add_argument("--reencode", action="store_true", help=h("photo_reencode"))
    strip.set_defaults(run=cmd.cmd_photo)

    importer = commands.add_parser("import", help=h("import"))
    importer.add_argument("format", choices=["linkedin", "jsonresume", "pdf"])
    importer.add_argument("source", help=h("import_source"))
    importer.add_argument("-o", "--output", help=h("import_output"))
    importer.add_argument("--content", metavar="DIR", help=h("content"))
    importer.add_argument("--force", action="store_true", help=h("force"))
    importer.set_defaults(run=cmd.cmd_import)

    exporter = commands.add_parser("export", help=h("export"))
    exporter.add_argument("format", choices=["jsonresume"])
    exporter.add_argument("profile", nargs="?")
    exporter.add_argument("-o", "--output", help=h("export_output"))
    exporter.add_argument("--language", choices=i18n.LANGUAGES, help=h("language"))
    exporter.add_argument("--force", action="store_true", help=h("force"))
    exporter.add_argument("--include-private", action="store_true", help=h("export_private"))
    exporter.set_defaults(run=cmd.cmd_export)

    serve = commands.add_parser("serve", help=h("serve"))
    serve.add_argument("--settings", help=h("settings"))
    serve.add_argument("--content", metavar="DIR", help=h("content"))
    serve.add_argument("-p", "--port", type=int_between(lang, 0, 65535), default=8000)
    serve.add_argument(
        "--documents",
        action=argparse.BooleanOptionalAction,
        default=True,
        help=h("serve_documents"),
    )
    serve.add_argument("--pdf", action="store_true", help=argparse.SUPPRESS)  # now the default
    serve.set_defaults(run=cmd.cmd_serve)
    return main


class _Version(argparse.Action):
    """`--version`: the installed version, read from the package's metadata only when asked
    (importing `importlib.metadata` costs every command 0.02-0.07 s)."""

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        from importlib import metadata

        say(f"profile-gen {metadata.version('profile_gen')}")
        parser.exit()


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


def _os_error(lang: str, error: OSError) -> str:
    """`path: what went wrong`, in the user's words, for an error of the file system."""
    reason = os_reason(lang, error)
    path = error.filename if error.filename is not None else error.filename2
    if path is None:  # a library's error that names no file: the folder worked in
        return i18n.message(lang, "os_error_unnamed", path=os.getcwd(), reason=reason)
    return i18n.message(lang, "os_error", path=os.fsdecode(path), reason=reason)


INTERNAL_ERROR_CHARS = 300
"""The longest an internal error is quoted (`--debug` shows it whole, with its traceback)."""


def report(error: BaseException, lang: str | None, debug: bool = False) -> int:
    """THE place where an error meets the terminal: one message on stderr, and the exit
    code (2: invalid input, 3: a bug of ours, 130: interrupted). `lang` None lets a
    profile's own errors speak the profile's language."""
    if isinstance(error, ProfileGenError):
        say(error.describe(lang), err=True)
        return error.exit_code
    if isinstance(error, KeyboardInterrupt):
        return 143 if isinstance(error, Terminated) else 130
    if isinstance(error, OSError):  # the file system said no: a path to fix, not a bug
        say(_os_error(lang or "fr", error), err=True)
        return 2
    if debug:
        raise error
    shown = repr(error)  # one line: a bug's message may quote a whole page
    shown = shown if len(shown) <= INTERNAL_ERROR_CHARS else shown[:INTERNAL_ERROR_CHARS] + "…"
    say(i18n.text(lang or "fr", "cli.internal_error", error=shown), err=True)
    return 3


def _silence_stdout() -> None:
    """Point stdout at the null device, so that Python's own flush at exit does not fail
    again on the closed pipe (the recipe of Python's `signal` documentation)."""
    with contextlib.suppress(OSError, ValueError):  # no real file behind (a test's capture)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    lang = _argv_lang(argv)
    with speaking(lang):
        args = parser(lang).parse_args(argv)
    try:
        with stopped_on_sigterm():
            return args.run(args)
    except SystemExit:
        raise
    except BrokenPipeError:  # `profile-gen check | head`: the reader has all it wanted
        _silence_stdout()
        return 141
    except BaseException as error:  # a library's own BaseException too: never a traceback
        return report(error, cmd.asked_lang(args), args.debug)


def run() -> NoReturn:
    """The `profile-gen` command itself (its script, `python -m profile_gen`): `main`, then
    the process ends at once (`exit_now`). In-process callers (the tests, a tutor's own
    script) call `main`, which returns the exit code."""
    no_pydantic_plugins()
    exit_now(main())


if __name__ == "__main__":
    run()
