"""The project's error type and the formatting of its messages."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from profile_gen import i18n

Path = tuple[str | int, ...]


def format_path(path: Path) -> str:
    """``("experience", 2, "start")`` -> ``experience[2].start``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


@dataclass
class Problem:
    """One thing wrong in a profile: where, and a message code with its context."""

    code: str
    path: Path = ()
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
        context = dict(self.context)
        if "kind" in context:
            context["kind"] = i18n.kind_name(lang, context["kind"])
            context.setdefault("found", context["kind"])
        return i18n.message(lang, self.code, **context)


class ProfileError(Exception):
    """A profile that cannot be used, with every problem found in it."""

    def __init__(self, file: str, problems: Iterable[Problem], lang: str = "fr") -> None:
        self.file = file
        self.problems = sorted(problems, key=Problem.sort_key)
        self.lang = lang if lang in i18n.LANGUAGES else "fr"
        super().__init__(self.format())

    def describe(self, lang: str) -> str:
        """The report, like `BuildError.describe`; a profile speaks its own language."""
        return self.format()

    def format(self, limit: int = 25) -> str:
        """A one-screen report: ``file:line:column: path`` then what is wrong, per problem."""
        lines = []
        for problem in self.problems[:limit]:
            where = problem.file or self.file
            if problem.line is not None:
                where += f":{problem.line}:{problem.column or 1}"
            if problem.path:
                where += f": {format_path(problem.path)}"
            lines.append(f"{where}\n    {problem.describe(self.lang)}")
        hidden = len(self.problems) - limit
        if hidden > 0:
            lines.append(i18n.message(self.lang, "more_problems", count=hidden))
        lines.append(i18n.message(self.lang, "problem_count", count=len(self.problems)))
        return "\n".join(lines)


class BuildError(Exception):
    """The build could not run (settings, plugin, cohort folder): a message code and context."""

    def __init__(self, code: str, **context) -> None:
        super().__init__(code, context)
        self.code = code
        self.context = context

    def describe(self, lang: str) -> str:
        return i18n.message(lang, self.code, **self.context)
