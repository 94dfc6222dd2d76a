"""`profile-gen check --format github`: errors as GitHub Actions annotations.

A line `::error file=F,line=L,col=C::message` printed by a workflow step becomes an
annotation on the commit and the pull request, at that line of the file. The usual report
still follows (the job log); this module only adds the lines GitHub reads.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from profile_gen import i18n
from profile_gen.app.terminal import say
from profile_gen.errors import Problem, ProfileError, ProfileGenError, format_path

FORMATS = ("text", "github")


def _data(text: str) -> str:
    """A message as one annotation line (GitHub's escapes for `%`, CR and LF); other
    control characters (a terminal's escapes) are not printed."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return "".join(c if c.isprintable() or c == "\t" else "\ufffd" for c in text)


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def _relative(file: str) -> str:
    """A file as the repository names it (annotations are relative to its root)."""
    path = Path(file)
    try:
        path = path.resolve().relative_to(Path.cwd().resolve())
    except (OSError, ValueError):
        return path.as_posix()
    return path.as_posix()


def annotation(
    message: str,
    file: str | None = None,
    line: int | None = None,
    column: int | None = None,
    level: str = "error",
) -> str:
    where = []
    if file:
        where.append(f"file={_property(_relative(file))}")
        if line is not None:
            where.append(f"line={line}")
            where.append(f"col={column or 1}")
    head = f"::{level} {','.join(where)}" if where else f"::{level}"
    return f"{head}::{_data(message)}"


def _with_field(problem: Problem, lang: str) -> str:
    """`experience[0].start: message`, as the plain report names the field."""
    where = format_path(problem.path)
    return f"{where}: {problem.describe(lang)}" if where else problem.describe(lang)


def github_annotations(error: ProfileGenError, lang: str | None) -> list[str]:
    """One annotation per problem of an invalid profile, else one for the error."""
    if isinstance(error, ProfileError):
        lang = lang or error.lang
        return [
            annotation(
                _with_field(problem, lang), problem.file or error.file, problem.line, problem.column
            )
            for problem in error.problems
        ]
    return [_one(found, lang) for found in getattr(error, "errors", None) or [error]]


def _one(error: ProfileGenError, lang: str | None) -> str:
    """One error as an annotation, at its file and line when it names them (an article)."""
    file = error.context.get("file") or error.context.get("path")
    line = error.context.get("line")
    where = (str(file), line if isinstance(line, int) else None) if file else (None, None)
    return annotation(error.describe(lang), *where)


def annotated(run: Callable[[], int], lang: str | None) -> int:
    """Run `check` (`run`), printing annotations for its errors, and a warning when the
    profile is valid but incomplete (exit 1)."""
    try:
        code = run()
    except ProfileGenError as error:
        say("\n".join(github_annotations(error, lang)))
        sys.stdout.flush()  # before the report on stderr
        raise
    if code == 1:
        say(annotation(i18n.text(lang or "fr", "check.github_incomplete"), level="warning"))
    return code
