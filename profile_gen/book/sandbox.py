"""Templates run in Jinja's sandbox: a student's `templates/` folder cannot run code.

Pelican renders the theme with a plain Jinja `Environment`, and a template overriding the
theme's (a student's `templates/`, `THEME_TEMPLATES_OVERRIDES`) could reach Python's
internals (``''.__class__.__mro__``, ``cycler.__init__.__globals__``) and run a command as
whoever builds: the tutor, in a cohort. `sandboxed` gives a generator an
`ImmutableSandboxedEnvironment` with the same loaders, filters, globals and tests; the
templates of the override folders are read only when they are regular files inside their
folder; an unsafe access, or any error in a student's template, stops the build with a
`BuildError` naming the template and its line, never a traceback.

The sandbox checks every attribute and call of every template (about a tenth of an HTML
build), so `environment` sandboxes a build's templates only when it needs to: when an
override folder holds anything at all, or the generator reads templates from the content
folder (Pelican's `TEMPLATE_PAGES`), every template of the generator runs in the sandbox,
the theme's too; otherwise the theme's templates run in a plain `Environment` whose loader
cannot even see the override folders. Never both in one render: a student's base template
extended by the theme's shares the render's context with the theme's blocks, which would
then run unchecked on values the student chose (a format string reading `__globals__`).
The compiled code differs too (the sandbox's calls go through `environment.call`), so the
two kinds of environment keep their compiled templates apart (`BYTECODE_PATTERNS`).
"""

from __future__ import annotations

import functools
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    PrefixLoader,
    Template,
    TemplateSyntaxError,
)
from jinja2.loaders import split_template_path
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from pydantic import BaseModel

from profile_gen.book import time_limit
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


@dataclass
class Budget:
    """The processor time a build's renders have taken (`time_limit.SECONDS` in all): one
    for every generator's sandbox of a build (`book.plugin.prepare_templates`)."""

    spent: float = 0.0
    depth: int = 0


class _LimitedTemplate(Template):
    """A template whose renders, all of a build's together, may take `time_limit.SECONDS`
    of processor time: a loop of 10⁵ × 10⁵ in a student's template, or a shorter one in the
    template of each of many articles, stops that Book, named, instead of holding the build
    (or a cohort's worker) for hours."""

    def render(self, *args, **kwargs) -> str:
        budget: Budget = getattr(self.environment, "budget", None) or Budget()
        if budget.depth:  # a render inside a render: the outer one's limit holds
            return super().render(*args, **kwargs)
        started, budget.depth = time.process_time(), 1
        try:
            with time_limit.cpu_limit(max(time_limit.SECONDS - budget.spent, 0.01)):
                return super().render(*args, **kwargs)
        finally:
            budget.spent += time.process_time() - started
            budget.depth = 0


MAX_ITEMS = 1_000_000
"""The longest text or list a template may make by repetition (`'x' * n`)."""
MAX_POWER = 1_000
"""The largest exponent a template may raise a number to."""


_WIDE_FORMAT = re.compile(r"%[-+ #0]*\d{7,}|\{[^{}]*:[^{}]*\d{7,}")
"""A format width of millions (`%3000000000s`, `{:>3000000000}`)."""


def _own_attribute(obj: Any, attr: str) -> bool:
    """Whether a template may read `attr` of `obj`: on a Pydantic model (the profile and its
    parts), only its fields and what profile_gen defines; never Pydantic's own methods
    (`parse_raw(..., allow_pickle=True)` unpickled a string, and so ran any command)."""
    model = obj if isinstance(obj, type) else type(obj)
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        return True
    if not isinstance(obj, type) and attr in model.model_fields:
        return True
    for klass in model.__mro__:
        if attr in vars(klass):
            return klass.__module__.startswith("profile_gen.")
    return False


def _bounded(args: tuple, kwargs: dict) -> None:
    for value in (*args, *kwargs.values()):
        too_big = isinstance(value, int) and not isinstance(value, bool) and value > MAX_ITEMS
        if too_big or (isinstance(value, str) and _WIDE_FORMAT.search(value)):
            raise SecurityError(f"a size over {MAX_ITEMS} given to a call")


def _guarded_filter(function: Any) -> Any:
    @functools.wraps(function)  # keeps Jinja's `pass_context` mark
    def guarded(*args: Any, **kwargs: Any) -> Any:
        _bounded(args, kwargs)
        return function(*args, **kwargs)

    return guarded


class Sandbox(ImmutableSandboxedEnvironment):
    """The sandbox, whose errors say which template: an unsafe access in any template, and
    any error raised in a template of an override folder (`untrusted`), is a `BuildError`
    naming the file and line; an error in the theme's own templates stays a bug of ours."""

    untrusted: tuple[Path, ...] = ()
    template_class = _LimitedTemplate
    budget: Budget | None = None
    hidden: tuple[object, ...] = ()
    """What no template may reach (the settings, the whole profile): Pelican's articles,
    categories and tags carry the settings, which hold the profile."""
    intercepted_binops = frozenset({"*", "**"})

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if attr == "settings" or any(value is hidden for hidden in self.hidden):
            return False
        if not _own_attribute(obj, attr):
            return False
        return super().is_safe_attribute(obj, attr, value)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        """A call whose numbers or format widths stay within bounds (`'x'.center(3e9)`)."""
        _bounded(args, kwargs)
        return super().call(__context, __obj, *args, **kwargs)

    def guard_filters(self) -> None:
        """Every filter called with bounded numbers and widths, as calls are (`call`):
        `'%3000000000s'|format('x')` or `'x'|center(3000000000)` each took 3 GB."""
        for name, function in list(self.filters.items()):
            self.filters[name] = _guarded_filter(function)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        """`*` and `**` within bounds: `'x' * 3000000000` took 6 GB, `9 ** 9 ** 9` hours."""
        if operator == "**" and isinstance(right, int) and abs(right) > MAX_POWER:
            raise SecurityError(f"a power over {MAX_POWER}")
        if operator == "*":
            for sized, times in ((left, right), (right, left)):
                repeated = isinstance(sized, str | list | tuple | bytes) and isinstance(times, int)
                if repeated and len(sized) * times > MAX_ITEMS:
                    raise SecurityError(f"a repetition of more than {MAX_ITEMS} items")
        return super().call_binop(context, operator, left, right)

    def handle_exception(self, source: str | None = None) -> NoReturn:
        try:
            super().handle_exception(source)  # raises the error, its traceback rewritten
        except SecurityError as error:
            file, line = _where(error)
            raise BuildError("template_unsafe", file=file, line=line, detail=str(error)) from None
        except time_limit.TooSlow as error:
            file, line = _where(error)
            seconds = f"{time_limit.SECONDS:g}"
            raise BuildError("template_too_slow", file=file, line=line, seconds=seconds) from None
        except ProfileGenError:
            raise
        except Exception as error:
            file, line = _where(error)
            if not any(Path(file).resolve().is_relative_to(d) for d in self.untrusted):
                raise
            detail = f"{type(error).__name__}: {error}"
            raise BuildError("template_broken", file=file, line=line, detail=detail) from None


BYTECODE_PATTERNS = {
    True: "__profile_gen_sandboxed_%s.cache",
    False: "__profile_gen_theme_%s.cache",
}
"""Jinja's compiled templates, by whether the environment is sandboxed: a sandbox must never
load code compiled without its checks."""


def _guarded(loader: BaseLoader | None, without: tuple[Path, ...] = ()) -> BaseLoader | None:
    """Pelican's loader with its folder loaders reading through `FolderLoader`, and without
    the folders `without` (a copy: Pelican's loader is left as it is)."""
    if isinstance(loader, ChoiceLoader):
        return ChoiceLoader([_guarded(inner, without) or inner for inner in loader.loaders])
    if isinstance(loader, PrefixLoader):
        mapping = {key: _guarded(inner, without) or inner for key, inner in loader.mapping.items()}
        return PrefixLoader(mapping, loader.delimiter)
    if type(loader) is FileSystemLoader:
        kept = [path for path in loader.searchpath if Path(path).resolve() not in without]
        return FolderLoader(kept, loader.encoding, loader.followlinks)
    return loader


def _copy(env: Environment, into: Environment) -> Environment:
    into.filters.update(env.filters)
    into.globals.update(env.globals)
    into.tests.update(env.tests)
    into.bytecode_cache = FileSystemBytecodeCache(pattern=BYTECODE_PATTERNS[into.sandboxed])
    # one build's environment (every build makes its own): a template loaded once is not
    # checked again on the disk each time a page asks for it (700 `stat` calls a build)
    into.auto_reload = False
    return into


def sandboxed(env: Environment, options: dict, untrusted: list[str]) -> Environment:
    """A sandboxed copy of `env` (built by Pelican with `options`, its JINJA_ENVIRONMENT),
    whose templates in the `untrusted` folders are a student's."""
    sandbox = Sandbox(loader=_guarded(env.loader), **options)
    sandbox.untrusted = tuple(Path(folder).resolve() for folder in untrusted)
    return _copy(env, sandbox)


def with_prefixes(loader: BaseLoader | None, folders: dict[str, list[Path]]) -> BaseLoader | None:
    """`loader`, and each of `folders` under its prefix (`!moderne/_cv.html`), read through
    `FolderLoader`: a design's template extends its parent design's by that name."""
    if not folders:
        return loader
    prefixed = PrefixLoader(
        {key: FolderLoader([str(path) for path in paths]) for key, paths in folders.items()}
    )
    return ChoiceLoader([loader, prefixed] if loader is not None else [prefixed])


def _holds_anything(folder: Path) -> bool:
    """Whether `folder` holds any entry (a folder that cannot be listed is said to)."""
    try:
        with os.scandir(folder) as entries:
            return any(True for _ in entries)
    except FileNotFoundError:
        return False
    except OSError:
        return True


def environment(
    env: Environment,
    options: dict,
    untrusted: list[str],
    reads_content: bool = False,
    package: tuple[Path, ...] = (),
    prefixes: dict[str, list[Path]] | None = None,
) -> Environment:
    """The environment of a generator (Pelican's `env`, built with `options`), with the
    `prefixes` of `with_prefixes`: `sandboxed` when a student may have written one of its
    templates (a folder of `untrusted` outside the `package` folders, the built-in designs',
    holds anything, or the generator reads templates from the content folder:
    `reads_content`), else a plain copy that never reads such a folder."""
    roots = tuple(root.resolve() for root in package)
    student = tuple(
        path
        for path in (Path(folder).resolve() for folder in untrusted)
        if not any(path.is_relative_to(root) for root in roots)
    )
    if reads_content or any(_holds_anything(folder) for folder in student):
        chosen = sandboxed(env, options, untrusted)
        chosen.loader = with_prefixes(chosen.loader, prefixes or {})
        return chosen
    plain = _copy(env, Environment(loader=_guarded(env.loader, without=student), **options))
    kept = {
        key: [path for path in paths if path.resolve() not in student]
        for key, paths in (prefixes or {}).items()
    }
    plain.loader = with_prefixes(plain.loader, kept)
    return plain
