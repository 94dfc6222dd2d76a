"""A JSON Resume with the types its schema promises: a file from another tool may not.

Whatever has another type is left out here, so that the mappers (`read`) never meet a value
they cannot handle: bad input is never a `TypeError` of ours.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from profile_gen.errors import InteropError
from profile_gen.interop.jsonresume.attached import json_from_pdf

META_KEY = "profile_gen"
MAX_BYTES = 20_000_000
MAX_DEPTH = 64
"""A JSON Resume nests 4 levels, our meta 6: anything deeper is refused before it is read."""

SECTIONS = (
    "work",
    "volunteer",
    "education",
    "awards",
    "certificates",
    "publications",
    "skills",
    "languages",
    "interests",
    "references",
    "projects",
)
LIST_FIELDS = {"highlights", "keywords", "courses", "roles"}
"""JSON Resume fields that hold a list of texts; every other field is one text."""

META_LISTS_OF_MAPPINGS = ("experience", "education", "certifications", "languages", "skills")
"""Our exported extras, merged position by position into the standard entries."""
META_LISTS: tuple[str, ...] = ("links_others", "interests", "achievements", "activities")
META_LISTS += ("recommendations", "strengths", "improvements")
META_MAPPINGS = ("identity", "competencies", "defence")


def read_resume(source: Path) -> dict[str, Any]:
    """The JSON object in `source` (a `.json` file, or the annexe PDF that carries one); an
    `InteropError` naming it when it is not one."""
    try:
        if source.stat().st_size > MAX_BYTES:
            raise InteropError(
                "import_invalid_json", path=str(source), detail=f"> {MAX_BYTES // 1_000_000} MB"
            )
        data = source.read_bytes()
        if data.startswith(b"%PDF-"):  # an annexe PDF carrying the profile
            data = json_from_pdf(source)
        resume = json.loads(data.decode("utf-8-sig"))
    except FileNotFoundError:
        raise InteropError("import_missing", path=str(source)) from None
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as error:
        detail = str(error)[:200]
        raise InteropError("import_invalid_json", path=str(source), detail=detail) from None
    if not isinstance(resume, dict):
        raise InteropError("import_invalid_json", path=str(source), detail="not an object")
    if depth(resume) > MAX_DEPTH:
        raise InteropError("import_json_too_deep", path=str(source), limit=MAX_DEPTH)
    return _whole(resume)


SURROGATE = re.compile(r"[\ud800-\udfff]")
"""Half of a character (JSON's `\\ud800` alone): no text can hold it, nor be written."""


def _whole(value: Any) -> Any:
    """`value` with each lone surrogate of its texts (keys too) replaced by U+FFFD, as
    a decoder does with a bad byte."""
    if isinstance(value, str):
        return SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_whole(item) for item in value]
    if isinstance(value, dict):
        return {_whole(key): _whole(item) for key, item in value.items()}
    return value


def depth(value: Any) -> int:
    """How deep lists and objects nest in `value` (a scalar is 0), without recursion."""
    deepest, stack = 0, [(value, 0)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, level + 1)
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, level + 1) for child in children)
    return deepest


def _value(value: Any) -> Any:
    """A JSON Resume field as text, a list of texts or a mapping; anything else is dropped."""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, list):
        return [item for item in (_value(v) for v in value) if isinstance(item, str)]
    if isinstance(value, dict):
        return entry(value)
    return None


def entry(value: Any) -> dict[str, Any]:
    """One entry of a section: texts, and lists of texts where the schema has lists."""
    if not isinstance(value, dict):
        return {}
    shaped = {}
    for key, item in value.items():
        found = _value(item)
        if isinstance(found, list) != (key in LIST_FIELDS) or isinstance(found, dict):
            continue  # not the type the schema gives this field (mappings are read apart)
        if found is not None:
            shaped[str(key)] = found
    return shaped


def entries(value: Any) -> list[dict[str, Any]]:
    return (
        [entry(item) for item in value if isinstance(item, dict)] if isinstance(value, list) else []
    )


def _meta(value: Any) -> dict[str, Any]:
    """Our own `meta.profile_gen`, each part of the type the export gives it (others are
    left out; `fit` then checks the values themselves against the model)."""
    if not isinstance(value, dict):
        return {}
    meta: dict[str, Any] = {}
    for key in META_LISTS_OF_MAPPINGS:
        if isinstance(value.get(key), list):
            meta[key] = [item if isinstance(item, dict) else {} for item in value[key]]
    meta |= {key: value[key] for key in META_LISTS if isinstance(value.get(key), list)}
    meta |= {key: value[key] for key in META_MAPPINGS if isinstance(value.get(key), dict)}
    if "identity" in meta and not isinstance(meta["identity"].get("contact", {}), dict):
        meta["identity"] = {k: v for k, v in meta["identity"].items() if k != "contact"}
    locale = value.get("locale")
    if isinstance(locale, str) or (
        isinstance(locale, list) and all(isinstance(item, str) for item in locale)
    ):
        meta["locale"] = locale
    if isinstance(value.get("summary"), str | dict):
        meta["summary"] = value["summary"]
    return meta


def shape(resume: dict[str, Any]) -> dict[str, Any]:
    """The resume with the schema's types: `basics` (with `location` and `profiles`), every
    section a list of entries, and our `meta` (empty when absent or unusable)."""
    raw_basics = resume.get("basics")
    if not isinstance(raw_basics, dict):
        raw_basics = {}
    basics = entry(raw_basics)
    basics["location"] = entry(raw_basics.get("location"))
    basics["profiles"] = entries(raw_basics.get("profiles"))
    shaped: dict[str, Any] = {"basics": basics}
    for section in SECTIONS:
        shaped[section] = entries(resume.get(section))
    meta = resume.get("meta")
    shaped["meta"] = _meta(meta.get(META_KEY) if isinstance(meta, dict) else None)
    return shaped
