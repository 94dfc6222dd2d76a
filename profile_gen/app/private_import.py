"""What `import` does with the files already in the folder: `init`'s untouched starters are
replaced, an edited profile is kept unless --force, and the private file (`private.yaml`)
is merged with the imported contact items so that nothing the student wrote is lost."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from profile_gen import i18n
from profile_gen.errors import InteropError
from profile_gen.profile.private import PRIVATE_FILE
from profile_gen.profile.yaml_source import YamlProblems, decode, parse

__all__ = ["PRIVATE_FILE", "held_private", "ignore_private", "is_starter", "merged_private"]


@functools.cache
def _starter(name: str, lang: str) -> str:
    """The starter `name` in `lang`, as this version's `init` writes it."""
    from profile_gen.app.init import starter_in

    return starter_in(name, lang)


def _same_text(text: str) -> str:
    return text.replace("\r\n", "\n").lstrip("\ufeff")


def is_starter(path: Path, name: str) -> bool:
    """Whether the file `path` is the untouched starter `name` that `init` wrote (in any
    language; line ends as an editor on Windows may have saved them)."""
    try:
        if path.stat().st_size > 1_000_000:  # far larger than any starter: not one
            return False
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return _same_text(text) in [_same_text(_starter(name, lang)) for lang in i18n.LANGUAGES]


def _contact(path: Path) -> tuple[str | None, dict[str, Any] | None]:
    """(text, contact items) of the private file `path`: (None, {}) when there is none or
    it is the untouched starter; contact None when it is not a private file one can read."""
    if not path.exists() or is_starter(path, PRIVATE_FILE):
        return None, {}
    raw = path.read_bytes()
    text = raw.decode("utf-8", errors="replace")
    try:
        data = parse(decode(raw)).data  # the loader's bounds: size, depth, aliases
    except YamlProblems as error:
        empty = [problem.code for problem in error.problems] == ["yaml_empty"]
        return text, {} if empty else None
    if data is None:
        return text, {}
    if not isinstance(data, dict) or set(data) - {"identity"}:
        return text, None
    identity = data.get("identity")
    if identity is None:
        return text, {}
    if not isinstance(identity, dict) or set(identity) - {"contact"}:
        return text, None
    contact = identity.get("contact")
    if contact is None:
        return text, {}
    return text, contact if isinstance(contact, dict) else None


def held_private(path: Path) -> set[str]:
    """The contact items the private file `path` already holds (they stay there)."""
    return set(_contact(path)[1] or {})


def merged_private(path: Path, imported: dict[str, Any], force: bool, lang: str) -> str | None:
    """The new text of the private file `path` with the `imported` contact items, or None
    when it stays as it is. The student's own items are kept; one the import would change
    (or a file that is not a private file) needs `force`, and the old text then stays in
    the file as comments."""
    from profile_gen.interop.writer import private_yaml

    text, contact = _contact(path)
    header = "\n".join(
        line for line in _starter(PRIVATE_FILE, lang).splitlines() if line.startswith("#")
    )
    if text is None:  # no private file yet, or the untouched starter
        return private_yaml(imported, header, None, lang) if imported else None
    if contact is not None and all(contact.get(key) == value for key, value in imported.items()):
        return None  # nothing new: the student's file stays as it is
    changed = sorted(
        k for k in imported if contact is not None and contact.get(k, imported[k]) != imported[k]
    )
    if (contact is None or changed) and not force:
        keys = ", ".join(changed) or "identity.contact"
        raise InteropError("import_private_edited", path=str(path), keys=keys)
    return private_yaml((contact or {}) | imported, header, text, lang)


def ignore_private(folder: Path, lang: str) -> Path | None:
    """Make git ignore the private file of `folder`: `init`'s `.gitignore` in `lang` written
    when there is none, its private-file lines added to one that does not list it. The file
    changed, or None when git ignores it already (a `.gitignore` above, say)."""
    from profile_gen.app.init import GITIGNORE, add_ignored, starter_in
    from profile_gen.app.privacy import git_ignores

    if git_ignores(folder / PRIVATE_FILE):
        return None
    target = folder / GITIGNORE
    lines = starter_in("gitignore.txt", lang).splitlines()
    if target.exists():  # its comment and the file name
        lines = lines[lines.index(PRIVATE_FILE) - 1 :]
    return target if add_ignored(target, "\n".join(lines)) else None
