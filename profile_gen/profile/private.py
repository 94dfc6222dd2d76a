"""The private file beside a profile: contact details kept off a public repository.

A Book's repository is usually public, so the contact items meant for the printed annexes
only (the phone, the postal address) live in `private.yaml` beside `profile.yaml`, which
`profile-gen init` lists in `.gitignore`. It holds `identity.contact` items only; the
loader merges them into the profile's data, and every problem found in them is reported
with the private file's own name, line and column.
"""

from __future__ import annotations

from typing import Any

from profile_gen.errors import FieldPath, Problem, format_path
from profile_gen.profile.fields import kind_of
from profile_gen.profile.yaml_source import Source

PRIVATE_FILE = "private.yaml"
CONTACT: FieldPath = ("identity", "contact")


def merge(source: Source, private: Source, file: str) -> tuple[list[Problem], set[FieldPath]]:
    """Merge the contact items of `private` into `source` (values and positions).

    Returns the problems of the private file (each naming `file`) and the paths whose
    values now come from it.
    """
    problems: list[Problem] = []

    def at(path: FieldPath, of_key: bool = True) -> tuple[int | None, int | None]:
        return private.position(path, of_key=of_key) or (None, None)

    def wrong_kind(path: FieldPath, value: Any) -> None:
        context = {"kind": kind_of(value)}
        problems.append(Problem("model_type", path, context, *at(path, of_key=False), file))

    def outside(path: FieldPath) -> None:
        context = {"key": format_path(path)}
        problems.append(Problem("private_outside_contact", path, context, *at(path), file))

    data = private.data
    if data is None:
        return [], set()
    if not isinstance(data, dict):
        wrong_kind((), data)
        return problems, set()
    for key, identity in data.items():
        if key != "identity":
            outside((key,))
        elif isinstance(identity, dict):
            for name in identity:
                if name != "contact":
                    outside(("identity", name))
        elif identity is not None:
            wrong_kind(("identity",), identity)
    contact = (
        (data.get("identity") or {}).get("contact")
        if isinstance(data.get("identity"), dict | None)
        else None
    )
    if contact is None:
        return problems, set()
    if not isinstance(contact, dict):
        wrong_kind(CONTACT, contact)
        return problems, set()
    return problems, _merge_contact(source, private, contact, file, problems)


def _merge_contact(
    source: Source, private: Source, contact: dict, file: str, problems: list[Problem]
) -> set[FieldPath]:
    target = _contact_of(source)
    if target is None:  # the profile's own identity or contact is broken: it says so
        return set()
    merged: set[FieldPath] = set()
    for name, value in contact.items():
        path = (*CONTACT, name)
        if name in target:
            first = source.keys.get(path, (0, 0))[0]
            line, column = private.keys[path]
            context = {"key": format_path(path), "first_line": first}
            problems.append(Problem("private_duplicate", path, context, line, column, file))
            continue
        target[name] = value
        for positions, into in ((private.values, source.values), (private.keys, source.keys)):
            for where, position in positions.items():
                if where[: len(path)] == path:
                    into[where] = position
                    merged.add(where)
    return merged


def _contact_of(source: Source) -> dict | None:
    """The profile's `identity.contact` mapping, made when missing; None when not a mapping."""
    if source.data is None:
        source.data = {}
    if not isinstance(source.data, dict):
        return None
    identity = source.data.get("identity")
    if identity is None:
        return None  # the profile lacks its identity: its own error, not the private file's
    if not isinstance(identity, dict):
        return None
    if identity.get("contact") is None:
        identity["contact"] = {}
    contact = identity["contact"]
    return contact if isinstance(contact, dict) else None
