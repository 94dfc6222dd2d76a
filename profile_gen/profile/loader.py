"""Loading a profile: YAML file -> positions -> validated `Profile`, or one `ProfileError`.

Every problem found (YAML, values, consistency, missing files) is reported together, each
with its file position and field path, in the profile's language.
"""

from __future__ import annotations

import difflib
import os
import re
import types
import typing
import unicodedata
from collections.abc import Sized
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from profile_gen import designs
from profile_gen.errors import FieldPath, Problem, ProfileError
from profile_gen.i18n import LANGUAGES
from profile_gen.media import images
from profile_gen.profile import rules
from profile_gen.profile.fields import LANGUAGE_OF_ERROR, kind_of, show_value
from profile_gen.profile.model import Profile
from profile_gen.profile.private import PRIVATE_FILE, merge
from profile_gen.profile.yaml_source import Source, YamlProblems, decode, parse


def guess_language(data: Any) -> str:
    """The profile's primary language if its `locale` says it clearly, else French."""
    locale = data.get("locale") if isinstance(data, dict) else None
    first = locale[0] if isinstance(locale, list) and locale else locale
    return first if first in LANGUAGES else "fr"


def _read(path: Path, lang: str | None) -> str:
    name = str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ProfileError(
            name, [Problem("file_not_found", (), {"path": name})], lang or "fr"
        ) from None
    except OSError as error:
        detail = error.strerror or str(error)
        raise ProfileError(
            name, [Problem("file_unreadable", (), {"detail": detail})], lang or "fr"
        ) from None
    try:
        return decode(raw)
    except YamlProblems as error:
        raise ProfileError(name, error.problems, lang or "fr") from None


def load(path: str | Path, lang: str | None = None) -> Profile:
    """Read and validate the profile at `path`; files it names are resolved beside it, and
    the contact details of the `private.yaml` beside it, if any, are merged in."""
    path = Path(path)
    if path.exists() or path.is_symlink():  # (a missing one: `_read` says so)
        _a_file_inside(path, lang)
    text = _read(path, lang)
    beside = path.parent / PRIVATE_FILE
    private = None
    if path.name != PRIVATE_FILE and (beside.exists() or beside.is_symlink()):
        _a_file_inside(beside, lang)
        private = (str(beside), _read(beside, lang))
    return load_text(text, str(path), base_dir=path.parent, lang=lang, private=private)


def _a_file_inside(file: Path, lang: str | None) -> None:
    """A profile or `private.yaml` that is a folder, a FIFO or a link out of its folder (to
    another student's, in a cohort) is an error, never skipped nor read."""
    if not file.resolve().is_relative_to(file.parent.resolve()):
        problem = Problem("path_escapes", (), {"path": str(file)})
    elif not file.is_file():
        code = "private_not_a_file" if file.name == PRIVATE_FILE else "profile_not_a_file"
        problem = Problem(code, (), {"path": str(file)})
    else:
        return
    raise ProfileError(str(file), [problem], lang or "fr")


def load_text(
    text: str,
    file: str = "profile.yaml",
    base_dir: Path | None = None,
    lang: str | None = None,
    private: tuple[str, str] | None = None,
) -> Profile:
    """Validate YAML `text`; with `base_dir`, also check that the files it names exist;
    `private` is the (name, text) of a private file whose contact items are merged in."""
    try:
        source = parse(text)
    except YamlProblems as error:
        raise ProfileError(file, error.problems, lang or "fr") from None
    lang = lang or guess_language(source.data)
    problems = list(source.problems) + _unquoted_colours(source, text)
    from_private: set[FieldPath] = set()
    if private is not None:
        try:
            private_source = parse(private[1])
        except YamlProblems as error:
            if any(problem.code != "yaml_empty" for problem in error.problems):
                raise ProfileError(private[0], error.problems, lang, private=True) from None
            private_source = Source(data=None)  # empty: no private details (yet)
        for problem in private_source.problems:
            problem.file = private[0]
        found, from_private = merge(source, private_source, private[0])
        problems += private_source.problems + found
    profile = None
    try:
        profile = Profile.model_validate(source.data)
    except ValidationError as error:
        details = error.errors(include_url=False)
        problems += [problem_from_pydantic(item) for item in details]
        problems += _rules_on_valid_sections(
            source.data, {item["loc"][0] for item in details if item["loc"]}
        )
    if profile is not None:
        problems += rules.check(profile)
        if base_dir is not None:
            problems += _check_files(profile, base_dir)
    if problems:
        located = [_locate(p, source, from_private, private) for p in problems]
        raise ProfileError(file, located, lang)
    assert profile is not None  # a profile that did not validate has problems
    return profile


_REFERS_TO = {
    "unknown_achievement": "achievements",
    "unknown_competency": "competencies",
    "unknown_quote": "recommendations",
}
"""The section a reference problem points into: left for the next run while that section
does not validate (an empty stand-in would make every reference look wrong)."""


_UNQUOTED_COLOR = re.compile(r":[ \t]+(#[0-9a-fA-F]{6})\b")


def _unquoted_colours(source: Source, text: str) -> list[Problem]:
    """`color: #1f4e8c` is a key with no value followed by a comment: say to quote it."""
    lines = text.splitlines()
    found = []
    for path, (line, column) in source.keys.items():
        value: Any = source.data
        for part in path:  # keys name mapping entries: every step is a key or an index
            value = value[part] if isinstance(value, dict | list) else None  # type: ignore[index]
        match = _UNQUOTED_COLOR.search(lines[line - 1], column - 1) if value is None else None
        if match:
            found.append(
                Problem("yaml_unquoted_color", path, {"found": match.group(1)}, line, column)
            )
    return found


def _rules_on_valid_sections(data: Any, broken: set) -> list[Problem]:
    """Consistency problems in the sections that did validate, so that one run reports
    them too; a rule touching a broken section is left for the next run."""
    if not isinstance(data, dict):
        return []
    partial = {key: value for key, value in data.items() if key not in broken}
    if "identity" in broken or "identity" not in partial:
        partial["identity"] = {"name": "-", "headline": "-"}
    try:
        profile = Profile.model_validate(partial)
    except ValidationError:
        return []
    return [
        problem
        for problem in rules.check(profile)
        if problem.path[0] not in broken and _REFERS_TO.get(problem.code) not in broken
    ]


# --------------------------------------------------------------------------- positions


def _locate(
    problem: Problem, source: Source, from_private: set[FieldPath], private: tuple[str, str] | None
) -> Problem:
    """Give `problem` its line and column, and its file when its value came from `private`."""
    if problem.line is None:
        of_key = problem.code in ("unknown_key", "unknown_key_no_hint")
        at = source.position(problem.path, of_key=of_key)
        if at:
            problem.line, problem.column = at
        path = tuple(problem.path)
        while path and path not in source.values and not (of_key and path in source.keys):
            path = path[:-1]  # the path whose position was found
        if private is not None and path in from_private:
            problem.file = private[0]
    return problem


# --------------------------------------------------------------------------- pydantic


def problem_from_pydantic(error: ErrorDetails) -> Problem:
    loc: FieldPath = tuple(error["loc"])
    kind = error["type"]
    context = {key: value for key, value in (error.get("ctx") or {}).items()}
    value = error.get("input")
    if (lang := context.pop(LANGUAGE_OF_ERROR, None)) is not None:  # one language's text
        loc = (*loc, lang)
        value = value.get(lang) if isinstance(value, dict) else value
    if kind == "extra_forbidden":
        return _unknown_key(loc)
    if kind == "missing":
        return Problem("missing", loc, {"field": loc[-1] if loc else ""})
    if kind in ("enum", "literal_error") and "expected" in context:
        context["expected"] = context["expected"].replace("'", "").replace(" or ", ", ")
        if isinstance(value, bool):  # `level: no`: YAML read a yes/no word, not a word
            return Problem("yaml_boolean_choice", loc, {"expected": context["expected"]})
    if "found" not in context:
        if isinstance(value, dict | list) or value is None or isinstance(value, bool):
            context["kind"] = kind_of(value)
        else:
            context["found"] = show_value(value)
    if kind in ("model_type", "model_attributes_type") and (keys := _allowed_keys(loc)):
        # `others: [https://…]`: which keys the dictionary takes, not only that it is one
        context["keys"] = ", ".join(keys)
        kind = "model_type_keys"
    if kind in ("too_short", "too_long"):
        if "actual_length" not in context:
            context["actual_length"] = len(value) if isinstance(value, Sized) else "?"
        context["count"] = context.get("min_length", context.get("max_length"))  # plural
    if kind not in _KNOWN_PYDANTIC and not kind.startswith("pg_"):
        context["detail"] = error.get("msg", "")
    return Problem(kind, loc, context)


_KNOWN_PYDANTIC = {
    "model_type_keys",
    "string_type",
    "string_too_short",
    "string_too_long",
    "string_pattern_mismatch",
    "int_type",
    "int_parsing",
    "int_from_float",
    "bool_type",
    "bool_parsing",
    "greater_than_equal",
    "less_than_equal",
    "list_type",
    "model_type",
    "model_attributes_type",
    "dict_type",
    "enum",
    "literal_error",
    "too_short",
    "too_long",
}


def _unknown_key(loc: FieldPath) -> Problem:
    import difflib  # for a profile with an unknown key only

    key = str(loc[-1])
    allowed = sorted(_allowed_keys(loc[:-1]))
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6) or difflib.get_close_matches(
        key.lower().replace(" ", "_").replace("-", "_"), allowed, n=1, cutoff=0.6
    )
    if close:
        return Problem("unknown_key", loc, {"key": key, "suggestion": close[0]})
    return Problem("unknown_key_no_hint", loc, {"key": key, "allowed": ", ".join(allowed)})


def _model_in(annotation: Any) -> Any:
    """The model or list type inside Optional/Annotated wrappers."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _model_in(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            if arg is not type(None):
                return _model_in(arg)
    return annotation


def _allowed_keys(loc: FieldPath) -> list[str]:
    """Field names of the model found at `loc` in a profile."""
    current: Any = Profile
    for part in loc:
        current = _model_in(current)
        if isinstance(part, int):
            if typing.get_origin(current) is list:
                current = typing.get_args(current)[0]
            continue
        if (
            isinstance(current, type)
            and issubclass(current, BaseModel)
            and part in current.model_fields
        ):
            current = current.model_fields[part].annotation
        else:
            return []
    current = _model_in(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


# --------------------------------------------------------------------------- files


def _near_name(target: Path) -> str | None:
    """A file of `target`'s folder whose name is nearly `target`'s: the same once its accents
    are encoded alike (a Mac writes `é` as `e` and an accent) or its capitals ignored (a
    Windows laptop finds it, a CI does not), or one letter off (`portait.jpg`)."""
    try:
        names = [entry.name for entry in os.scandir(target.parent) if entry.is_file()][:1000]
    except OSError:
        return None

    def plain(name: str) -> str:
        return unicodedata.normalize("NFC", name).casefold()

    wanted = plain(target.name)
    same = [name for name in names if plain(name) == wanted]
    if same:
        return same[0]
    close = difflib.get_close_matches(wanted, [plain(name) for name in names], n=1, cutoff=0.85)
    return next((name for name in names if close and plain(name) == close[0]), None)


def _check_files(profile: Profile, base_dir: Path) -> list[Problem]:
    wanted: list[tuple[FieldPath, str]] = []
    if profile.identity.photo:
        wanted.append((("identity", "photo", "path"), profile.identity.photo.path))
    for i, achievement in enumerate(profile.achievements):
        for j, image in enumerate(achievement.images):
            wanted.append((("achievements", i, "images", j, "path"), image.path))
    problems = []
    root = base_dir.resolve()
    for path, relative in wanted:
        if "\\" in relative:  # found on Windows, missing where the Book is built online
            fixed = relative.replace("\\", "/")
            problems.append(Problem("path_backslash", path, {"path": relative, "fixed": fixed}))
            continue
        target = (base_dir / relative).resolve()
        if Path(relative).is_absolute() or not target.is_relative_to(root):
            problems.append(Problem("path_escapes", path, {"path": relative}))
        elif not target.is_file():
            near = _near_name(target)
            problems.append(
                Problem("file_missing_near", path, {"path": relative, "near": near})
                if near
                else Problem("file_missing", path, {"path": relative})
            )
        elif found := images.inspect(target):
            code, context = found
            problems.append(Problem(code, path, context))
    if profile.design not in designs.known(base_dir):
        names = list(designs.known(base_dir))
        known, name = ", ".join(names), profile.design
        close = difflib.get_close_matches(name.casefold(), names, n=1, cutoff=0.6)
        problems.append(
            Problem("design_unknown_near", ("design",), {"name": name, "near": close[0]})
            if close
            else Problem("design_unknown", ("design",), {"name": name, "known": known})
        )
    problems += [
        Problem("design_shadows_built_in", ("design",), {"name": name})
        for name in designs.shadowing(base_dir)
    ]
    return problems
