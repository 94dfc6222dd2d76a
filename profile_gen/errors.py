"""The project's user errors and the wording of their messages.

Every error a user can cause (a bad profile, a build that cannot run, a file that cannot be
imported, a missing PDF engine) is a `ProfileGenError`: a stable `code` (a message key of
`profile_gen.i18n`) with its context, and `describe(lang)` for the words. Anything else
that escapes is a bug of ours (`profile_gen.app.cli` reports it as such).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from profile_gen import i18n
from profile_gen.text import one_line

FieldPath = tuple[str | int, ...]
"""Where a value sits in a profile: ``("experience", 2, "start")``."""


def format_path(path: FieldPath) -> str:
    """``("experience", 2, "start")`` -> ``experience[2].start``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{one_line(part)}" if text else one_line(str(part))
    return text


@dataclass(frozen=True)
class Said:
    """A message within another's context (why an article's picture was refused), worded in
    the language the message that holds it is worded in."""

    code: str
    context: dict[str, Any] = field(default_factory=dict)


def _one_line(context: dict[str, Any], lang: str) -> dict[str, Any]:
    """A message's values each on one line (`text.one_line`), those `Said` worded in `lang`."""
    worded = {
        key: i18n.message(lang, v.code, **v.context) if isinstance(v, Said) else v
        for key, v in context.items()
    }
    return {key: one_line(v) if isinstance(v, str) else v for key, v in worded.items()}


class ProfileGenError(Exception):
    """A user error: a message `code` and its `context`, worded by `describe(lang)`."""

    code: str = "unknown"
    exit_code: int = 2
    """The command's exit status when this error stops it (2: invalid input)."""

    def __init__(self, code: str | None = None, /, **context: Any) -> None:
        if code is not None:
            self.code = code
        self.context = context
        super().__init__(self.code, context)

    lang: str | None = None
    """The language to word it in when none is asked for (a build's: its profile's)."""

    def describe(self, lang: str | None = None) -> str:
        lang = lang or self.lang or "fr"
        return i18n.message(lang, self.code, **_one_line(self.context, lang))


@dataclass
class Problem:
    """One thing wrong in a profile: where, and a message code with its context."""

    code: str
    path: FieldPath = ()
    context: dict[str, Any] = field(default_factory=dict)
    line: int | None = None
    """1-based line in the file, when known."""
    column: int | None = None
    """1-based column in the file, when known."""
    file: str | None = None
    """The file the problem is in, when not the profile itself (its `private.yaml`)."""

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file or "", self.line or 0, self.column or 0, format_path(self.path))

    def describe(self, lang: str) -> str:
        context = _one_line(self.context, lang)
        if "kind" in context:
            context["kind"] = i18n.kind_name(lang, context["kind"])
            context.setdefault("found", context["kind"])
        return i18n.message(lang, self.code, **context)


class ProfileError(ProfileGenError):
    """A profile that cannot be used, with every problem found in it."""

    code = "profile_invalid"
    lang: str

    def __init__(
        self, file: str, problems: Iterable[Problem], lang: str = "fr", private: bool = False
    ) -> None:
        self.file = file
        self.private = private
        """`file` is the private file (`private.yaml`): each of its problems is private."""
        self.problems = sorted(problems, key=Problem.sort_key)
        self.lang = lang if lang in i18n.LANGUAGES else "fr"
        """The profile's own language, used when no language is asked for."""
        super().__init__(file=file, count=len(self.problems))
        self.args = (self.format(),)

    def __str__(self) -> str:
        return self.format()

    def describe(self, lang: str | None = None) -> str:
        """The report in `lang`, else in the profile's language."""
        return self.format(lang=lang)

    def format(self, limit: int = 25, lang: str | None = None, private: bool = True) -> str:
        """A one-screen report: ``file:line:column: path`` then what is wrong, per problem.
        Without `private`, a problem of the private file (`private.yaml`, `Problem.file`)
        is said without the value it quotes: for a report others read (a cohort's index)."""
        lang = lang if lang in i18n.LANGUAGES else self.lang
        lines = []
        for problem in self.problems[:limit]:
            secret = not private and (problem.file is not None or self.private)
            where = problem.file or self.file
            if problem.line is not None:
                where += f":{problem.line}:{problem.column or 1}"
            if problem.path and not secret:  # a private key may be the phone itself
                where += f": {format_path(problem.path)}"
            said = i18n.message(lang, "private_value_hidden") if secret else problem.describe(lang)
            lines.append(f"{where}\n    {said}")
        hidden = len(self.problems) - limit
        if hidden > 0:
            lines.append(i18n.message(lang, "more_problems", count=hidden))
        lines.append(i18n.message(lang, "problem_count", count=len(self.problems)))
        return "\n".join(lines)


class BuildError(ProfileGenError):
    """The build could not run (settings, plugin, cohort folder, an article)."""


class BuildErrors(BuildError):
    """Several things that stop the build, found at once (every article it cannot read, as
    `check` lists them): each on its own line. Its `code` and context are the first's."""

    def __init__(self, errors: list[BuildError]) -> None:
        super().__init__(errors[0].code, **errors[0].context)
        self.errors = errors

    def describe(self, lang: str | None = None) -> str:
        return "\n".join(error.describe(lang or self.lang) for error in self.errors)


class InteropError(ProfileGenError):
    """An input that cannot be imported, or an export that cannot be written."""


class PdfUnavailable(ProfileGenError):
    """WeasyPrint or its system libraries are missing; `detail` says which."""

    code = "pdf_unavailable"

    def __init__(self, detail: str) -> None:
        super().__init__(detail=detail)
        self.args = (detail,)

    def describe(self, lang: str | None = None) -> str:
        return i18n.text(lang or "fr", "pdf.unavailable", detail=self.context["detail"])

    def __str__(self) -> str:
        return self.context["detail"]
