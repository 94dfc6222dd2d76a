"""Templates run in Jinja's sandbox: a student's `templates/` folder cannot run code.

Pelican renders the theme with a plain Jinja `Environment`, and a template overriding the
theme's (a student's `templates/`, `THEME_TEMPLATES_OVERRIDES`) could reach Python's
internals (``''.__class__.__mro__``, ``cycler.__init__.__globals__``) and run a command as
whoever builds: the tutor, in a cohort. `sandboxed` gives a generator an
`ImmutableSandboxedEnvironment` with the same loaders, filters, globals and tests; the
templates of the override folders are read only when they are regular files inside their
folder; an unsafe access, or any error in a student's template, stops the build with a
`BuildError` naming the template and its line, never a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import NoReturn

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PrefixLoader,
    TemplateSyntaxError,
)
from jinja2.loaders import split_template_path
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from profile_gen.errors import BuildError, ProfileGenError
from profile_gen.media.folder import TEMPLATE_LIMIT, checked_file


class FolderLoader(FileSystemLoader):
    """A `FileSystemLoader` that opens a template only when it is a regular file inside its
    folder (no link out, no pipe, within `TEMPLATE_LIMIT`)."""

    def get_source(self, environment: Environment, template: str):
        pieces = split_template_path(template)
        for folder in self.searchpath:
            candidate = Path(folder, *pieces)
            if candidate.is_symlink() or candidate.exists():
                checked_file(candidate, Path(folder), TEMPLATE_LIMIT, str(candidate))
                break
        return super().get_source(environment, template)


def _where(error: BaseException) -> tuple[str, int]:
    """The template (file, line) the error was raised from: Jinja rewrites tracebacks so
    that a template's frames carry its file name."""
    if isinstance(error, TemplateSyntaxError) and error.filename:
        return error.filename, error.lineno
    found = ("?", 0)
    trace = error.__traceback__
    while trace is not None:
        name = trace.tb_frame.f_code.co_filename
        if not name.endswith(".py") and not name.startswith("<"):
            found = (name, trace.tb_lineno)
        trace = trace.tb_next
    return found


class Sandbox(ImmutableSandboxedEnvironment):
    """The sandbox, whose errors say which template: an unsafe access in any template, and
    any error raised in a template of an override folder (`untrusted`), is a `BuildError`
    naming the file and line; an error in the theme's own templates stays a bug of ours."""

    untrusted: tuple[Path, ...] = ()

    def handle_exception(self, source: str | None = None) -> NoReturn:
        try:
            super().handle_exception(source)  # raises the error, its traceback rewritten
        except SecurityError as error:
            file, line = _where(error)
            raise BuildError("template_unsafe", file=file, line=line, detail=str(error)) from None
        except ProfileGenError:
            raise
        except Exception as error:
            file, line = _where(error)
            if not any(Path(file).resolve().is_relative_to(d) for d in self.untrusted):
                raise
            detail = f"{type(error).__name__}: {error}"
            raise BuildError("template_broken", file=file, line=line, detail=detail) from None


def _guarded(loader: BaseLoader | None) -> BaseLoader | None:
    """Pelican's loader with its folder loaders reading through `FolderLoader`."""
    if isinstance(loader, ChoiceLoader):
        return ChoiceLoader([_guarded(inner) or inner for inner in loader.loaders])
    if type(loader) is FileSystemLoader:
        return FolderLoader(loader.searchpath, loader.encoding, loader.followlinks)
    return loader


def sandboxed(env: Environment, options: dict, untrusted: list[str]) -> Environment:
    """A sandboxed copy of `env` (built by Pelican with `options`, its JINJA_ENVIRONMENT),
    whose templates in the `untrusted` folders are a student's."""
    sandbox = Sandbox(loader=_guarded(env.loader), **options)
    sandbox.untrusted = tuple(Path(folder).resolve() for folder in untrusted)
    sandbox.filters.update(env.filters)
    sandbox.globals.update(env.globals)
    sandbox.tests.update(env.tests)
    return sandbox


def with_prefixes(loader: BaseLoader | None, folders: dict[str, list[Path]]) -> BaseLoader | None:
    """`loader`, and each of `folders` under its prefix (`!moderne/_cv.html`), read through
    `FolderLoader`: a design's template extends its parent design's by that name."""
    if not folders:
        return loader
    prefixed = PrefixLoader(
        {key: FolderLoader([str(path) for path in paths]) for key, paths in folders.items()}
    )
    return ChoiceLoader([loader, prefixed] if loader is not None else [prefixed])
