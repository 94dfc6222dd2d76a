"""Templates run in Jinja's sandbox: a student's `templates/` folder cannot run code.

Pelican renders the theme with a plain Jinja `Environment`, and a template overriding the
theme's (a student's `templates/`, `THEME_TEMPLATES_OVERRIDES`) could reach Python's
internals (``''.__class__.__mro__``, ``cycler.__init__.__globals__``) and run a command as
whoever builds: the tutor, in a cohort. `sandboxed` gives a generator an
`ImmutableSandboxedEnvironment` with the same loaders, filters, globals and tests; the
templates of the override folders are read only when they are regular files inside their
folder; an unsafe access stops the build with a `BuildError` naming the template and line.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import BaseLoader, ChoiceLoader, Environment, FileSystemLoader, Template
from jinja2.loaders import split_template_path
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from profile_gen.errors import BuildError
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
    found = ("?", 0)
    trace = error.__traceback__
    while trace is not None:
        name = trace.tb_frame.f_code.co_filename
        if not name.endswith(".py") and not name.startswith("<"):
            found = (name, trace.tb_lineno)
        trace = trace.tb_next
    return found


class SandboxedTemplate(Template):
    """A template whose unsafe access is a `BuildError` naming it, not a traceback."""

    def render(self, *args, **kwargs) -> str:
        try:
            return super().render(*args, **kwargs)
        except SecurityError as error:
            file, line = _where(error)
            raise BuildError("template_unsafe", file=file, line=line, detail=str(error)) from None


class Sandbox(ImmutableSandboxedEnvironment):
    template_class = SandboxedTemplate


def _guarded(loader: BaseLoader | None) -> BaseLoader | None:
    """Pelican's loader with its folder loaders reading through `FolderLoader`."""
    if isinstance(loader, ChoiceLoader):
        return ChoiceLoader([_guarded(inner) or inner for inner in loader.loaders])
    if type(loader) is FileSystemLoader:
        return FolderLoader(loader.searchpath, loader.encoding, loader.followlinks)
    return loader


def sandboxed(env: Environment, options: dict) -> Environment:
    """A sandboxed copy of `env` (built by Pelican with `options`, its JINJA_ENVIRONMENT)."""
    sandbox = Sandbox(loader=_guarded(env.loader), **options)
    sandbox.filters.update(env.filters)
    sandbox.globals.update(env.globals)
    sandbox.tests.update(env.tests)
    return sandbox
