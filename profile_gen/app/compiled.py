"""Start-up: the source text that `dataclasses` and `typing` compile at run time, compiled once
per machine instead of once per process.

Creating a dataclass compiles the text of its generated methods (`__init__`, `__repr__`,
`__eq__`...: `exec` of a string), and `typing.ForwardRef` compiles every string annotation
(pydantic's and the model's, under `from __future__ import annotations`). Parsing and
compiling that text was about a tenth of the sample's HTML build in instructions (some 500
`exec` and 1,000 `compile` calls: pydantic and `annotated_types` define about 70 dataclasses
at import, the views and the model 50 more; docs/performance.md). The same text gives the
same code object, so `install()` has those two modules compile through a cache of code
objects keyed by their text, kept between processes in a per-user folder.

The cache is trusted code, so it lives where only the user can write, as Python's own
`__pycache__` and Jinja's compiled templates do: `<temp>/_profile-gen-code-<uid>/`, a folder
made with mode 0700 and used only when it is a real folder owned by the user with that mode
(never in a student's folder, which an attacker may have written); a file that does not
read back as text-to-code entries is ignored and written again. Nothing else changes: the
code object is what `exec` or `compile` would have made of the same text (no flag inherited,
the same file name), a text not seen before is compiled as always, a syntax error is raised
as always. Without a per-user folder (no `os.getuid`), nothing is installed.
"""

from __future__ import annotations

import atexit
import builtins
import contextlib
import marshal
import os
import stat
import sys
import tempfile
from types import CodeType
from typing import Any

LIMIT = 20_000
"""Entries kept at most: past it the cache starts again (a process that compiles many
different texts, e.g. the tests, must not grow it for ever)."""

_code: dict[tuple[str, str, str], CodeType] = {}


class _State:
    pid = 0
    """The process that installed the cache (a forked child does not write it)."""
    new = False
    """Whether this process compiled text the cache did not hold."""
    file = ""


_state = _State()


def folder() -> str | None:
    """The user's own cache folder, made if needed; None when it is not safe to use."""
    if not hasattr(os, "getuid"):
        return None
    path = os.path.join(tempfile.gettempdir(), f"_profile-gen-code-{os.getuid()}")
    with contextlib.suppress(FileExistsError):
        os.mkdir(path, stat.S_IRWXU)
    try:
        found = os.lstat(path)
    except OSError:
        return None
    safe = (
        stat.S_ISDIR(found.st_mode)
        and found.st_uid == os.getuid()
        and stat.S_IMODE(found.st_mode) == stat.S_IRWXU
    )
    return path if safe else None


def _read(path: str) -> dict[tuple[str, str, str], CodeType]:
    try:
        with open(path, "rb") as file:
            data = marshal.loads(file.read())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if not isinstance(data, dict) or not all(
        isinstance(key, tuple) and isinstance(value, CodeType) for key, value in data.items()
    ):
        return {}
    return data


def compiled(source: str, filename: str, mode: str) -> CodeType:
    """`compile(source, filename, mode)` without inherited flags, from the cache if seen."""
    key = (source, filename, mode)
    code = _code.get(key)
    if code is None:
        code = builtins.compile(source, filename, mode, dont_inherit=True)
        if len(_code) >= LIMIT:
            _code.clear()
        _code[key] = code
        _state.new = True
    return code


def _exec(source: Any, globals: dict | None = None, locals: Any = None, /) -> None:
    """`exec` for `dataclasses`, which always passes its namespaces."""
    if type(source) is str and globals is not None:
        source = compiled(source, "<string>", "exec")
    builtins.exec(source, globals, locals)


def _compile(source: Any, filename: Any, mode: str, flags: int = 0, *args: Any, **kwargs: Any):
    """`compile` for `typing` (the string annotations of `ForwardRef`)."""
    if type(source) is str and type(filename) is str and flags == 0 and not args and not kwargs:
        return compiled(source, filename, mode)
    return builtins.compile(source, filename, mode, flags, *args, **kwargs)


def save() -> None:
    """Write the cache back when this process compiled new text (not in a forked child, nor
    where Python writes no bytecode either: `PYTHONDONTWRITEBYTECODE`)."""
    if not _state.new or os.getpid() != _state.pid or sys.dont_write_bytecode:
        return
    _state.new = False
    path = _state.file
    temporary = f"{path}.{os.getpid()}"
    try:
        with open(temporary, "wb") as file:
            marshal.dump(_code, file)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.remove(temporary)


def install() -> None:
    """Have `dataclasses` and `typing` compile through the cache (once per process)."""
    if _state.pid:
        return
    where = folder()
    if where is None:
        return
    import dataclasses
    import typing

    tag = f"{sys.implementation.cache_tag}-{sys.hexversion:x}"
    _state.pid, _state.file = os.getpid(), os.path.join(where, f"code-{tag}.marshal")
    _code.update(_read(_state.file))
    dataclasses.exec = _exec  # type: ignore[attr-defined]
    typing.compile = _compile  # type: ignore[attr-defined]
    atexit.register(save)
