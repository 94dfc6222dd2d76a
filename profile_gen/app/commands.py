"""What each `profile-gen` command does with its parsed arguments (`cli` parses them and
reports errors): one `cmd_*` function per command."""

from __future__ import annotations

import argparse
import functools
import os
import sys
from pathlib import Path

from profile_gen import designs, i18n
from profile_gen.app.project import resolve, resolve_built
from profile_gen.app.startup import long_lived_imports
from profile_gen.app.terminal import say
from profile_gen.errors import BuildError, BuildErrors
from profile_gen.outputs import formats_asked


def asked_lang(args: argparse.Namespace) -> str | None:
    """The language asked for (--lang, then PROFILE_GEN_LANG), None when none is."""
    lang = getattr(args, "lang", None) or os.environ.get("PROFILE_GEN_LANG", "")
    return lang if lang in i18n.LANGUAGES else None


def _lang(args: argparse.Namespace) -> str:
    return asked_lang(args) or "fr"


# --------------------------------------------------------------------------- check


def cmd_check(args: argparse.Namespace) -> int:
    from profile_gen.app.project import project_profile

    # `--content DIR`, as `build` and the error messages say it, is DIR's profile
    profile, settings = project_profile(args.profile or args.content, args.settings)
    if args.online:
        from profile_gen.app.online import check_online, settings_of
        from profile_gen.profile.loader import load

        settings_values = settings_of(settings) if settings else {}
        text, ready = check_online(load(profile, lang=args.lang), settings_values, args.lang)
        say(text)
        return 0 if ready else 1
    with long_lived_imports():
        from profile_gen.app.check import check

    text, ready, stops = check(profile, settings, args.lang)
    say(text)
    if stops:  # the build would stop on them: so does `check` (exit 2, annotated on GitHub)
        raise stops[0] if len(stops) == 1 else BuildErrors(list(stops))
    return 0 if ready else 1


def cmd_check_as(args: argparse.Namespace) -> int:
    """`check` with `--format github`: the errors as GitHub annotations too."""
    if args.format != "github" or args.online:
        return cmd_check(args)
    from profile_gen.app.annotations import annotated

    return annotated(functools.partial(cmd_check, args), asked_lang(args))


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
    from profile_gen.app.init import Install, init

    install = Install.chosen(args.install, args.index_url)
    return init(
        Path(args.directory), _lang(args), args.host, install=install, say=say, design=args.design
    )


def cmd_designs(args: argparse.Namespace) -> int:
    """The built-in designs, one a line: the name first, then what it looks like."""

    lang = _lang(args)
    project = Path(args.content or ".")
    own = designs.student_names(project)  # the project's own (designs/NAME/)
    width = max(len(name) for name in (*designs.names(), *own))
    for name in designs.names():
        default = i18n.label(lang, "designs.default") if name == designs.DEFAULT else ""
        say(f"{name.ljust(width)}  {designs.about(name, lang)}{default}")
    for name in own:
        say(f"{name.ljust(width)}  {designs.student_about(project, name, lang)}")
    return 0


def cmd_upgrade(args: argparse.Namespace) -> int:
    from profile_gen.app.upgrade import upgrade

    return upgrade(Path(args.directory), _lang(args), args.install, args.index_url, say=say)


# --------------------------------------------------------------------------- interop


def cmd_import(args: argparse.Namespace) -> int:
    from profile_gen.app.interchange import run_import

    return run_import(args, _lang(args))


def cmd_export(args: argparse.Namespace) -> int:
    from profile_gen.app.interchange import run_export

    return run_export(args, _lang(args))


# --------------------------------------------------------------------------- build


def cmd_build(args: argparse.Namespace) -> int:
    with long_lived_imports():
        from profile_gen.app.build import build
        from profile_gen.app.project import SETTINGS_FILE

        if args.cohort:  # and the plugin: the workers are forked with it, out of the GC's way
            from profile_gen.app.cohort import build_cohort, merge_cohort
            from profile_gen.app.cohort_shard import parse_shard
    formats = formats_asked(args.formats, args.no_pdf)  # --no-pdf: an alias, handled there

    if args.cohort:
        settings = args.settings or (SETTINGS_FILE if Path(SETTINGS_FILE).is_file() else None)
        settings_file = Path(settings) if settings else None
        output = Path(args.output) if args.output else Path("output") if settings is None else None
        if args.merge:
            return merge_cohort(
                settings_file, Path(args.cohort), output, _lang(args), public=args.public
            )
        return build_cohort(
            settings_file,
            Path(args.cohort),
            output,
            jobs=args.jobs,
            formats=formats,
            lang=_lang(args),
            shard=parse_shard(args.shard) if args.shard else None,
            public=args.public,
            force=args.force,
            **({"time_limit": args.time_limit * 60} if args.time_limit else {}),
        )
    alone = [("--shard", args.shard), ("--merge", args.merge), ("--time-limit", args.time_limit)]
    if given := [option for option, value in alone if value]:
        raise BuildError("cohort_option_alone", option=given[0])

    settings_file, content, output = resolve(args.settings, args.content, args.output)
    return build(
        settings_file,
        output=str(output) if output else None,
        lang=args.lang,
        content=content,
        formats=formats,
        public=args.public,
        force=args.force,
    )


def cmd_serve(args: argparse.Namespace) -> int:
    with long_lived_imports():
        from profile_gen.app.serve import serve

    lang = _lang(args)
    settings_file, content, _ = resolve(args.settings, args.content)
    return serve(
        settings_file,
        args.port,
        started=i18n.text(lang, "serve.started", url="{url}"),
        pdf=False,
        content=content,
        lang=lang,
        documents=args.documents or args.pdf,
    )


def cmd_pdf(args: argparse.Namespace) -> int:
    """Print the annexe and the CV of the last build to PDF (building first if needed)."""
    with long_lived_imports():
        from profile_gen.app.build import build, output_lock, project_settings
        from profile_gen.book.plugin import profile_path
        from profile_gen.printing.pdf import PDFS, print_info, write_pdfs
        from profile_gen.profile.loader import load

    lang = _lang(args)
    settings_file, content, output = resolve_built(args.settings, args.content, args.output)
    if not all((output / page).is_file() for page in PDFS):
        return build(settings_file, output=str(output), lang=args.lang, pdf=True, content=content)
    source = profile_path(project_settings(settings_file, content))  # the attached profile
    with output_lock(output.resolve()):  # not while `serve` or `build` rewrites the folder
        counts = write_pdfs(output, info=print_info(load(source), source))  # PdfUnavailable
    files = ", ".join(f"{output / name} ({pages} p.)" for name, pages in counts.items())
    say(i18n.text(lang, "pdf.written", files=files))
    return 0


def cmd_publish(args: argparse.Namespace) -> int:
    """Put the Book online without the print outputs (they hold annexe-only data)."""
    from profile_gen.app import publish

    if bool(args.git) == bool(args.destination):
        raise BuildError("publish_where")
    _, _, output = resolve_built(args.settings, args.content, args.output)
    if args.git:
        return publish.publish_git(output, args.git, args.branch, args.message, _lang(args))
    return publish.publish_folder(output, Path(args.destination), args.force, _lang(args))


def cmd_photo(args: argparse.Namespace) -> int:
    """Remove the location and camera data of the named images, else of the profile's."""
    from profile_gen.app import photo

    if args.files:
        return photo.strip_files([Path(name) for name in args.files], args.reencode, _lang(args))
    from profile_gen.app.project import project_profile
    from profile_gen.profile.loader import load

    path, _ = project_profile(args.profile, args.settings)
    profile = load(path, lang=asked_lang(args))
    lang = asked_lang(args) or profile.primary_language
    return photo.strip_profile_images(profile, path, args.reencode, lang)
