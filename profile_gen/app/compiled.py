"""Start-up: what `dataclasses`, `typing` and `re` compile at run time, compiled once per
machine instead of once per process.

Creating a dataclass compiles the text of its generated methods (`__init__`, `__repr__`,
`__eq__`...: `exec` of a string), `typing.ForwardRef` compiles every string annotation
(pydantic's and the model's, under `from __future__ import annotations`), and `re` parses
every pattern and makes its program in Python code, most of them at import (some 370 in
the sample's build, PyYAML's pattern of all printable Unicode among them). That was about a
quarter of the instructions of the sample's HTML build (docs/performance.md). The same text
gives the same result, so `install()` has those modules compile through a cache keyed by
the text: code objects, and the arguments `re` hands `_sre.compile` for a pattern and its
flags; kept between processes in a per-user folder.

The cache is trusted code, so it lives where only the user can write, as Python's own
`__pycache__` and Jinja's compiled templates do: the user's own folder
(`media.user_folder`: `<temp>/_profile-gen-code-<uid>/`, mode 0700, never in a student's
folder, which an attacker may have written); a file that does not read back as such entries
is ignored and written again. Nothing else changes: the code object is what `exec` or
`compile` would have made of the same text (no flag inherited, the same file name), a
pattern's program what `re` would have made; a text not seen before is compiled as always,
an error raised as always. Without a per-user folder (no `os.getuid`), nothing is
installed; with `PYTHONDONTWRITEBYTECODE`, the cache is read, not written.
"""

from __future__ import annotations

import atexit
import builtins
import contextlib
import marshal
import os
import re
import sys
import threading
from collections.abc import Callable
from itertools import repeat
from types import CodeType
from typing import Any, NamedTuple

from profile_gen.media.user_folder import user_folder

LIMIT = 5_000
"""Entries (code objects and patterns) the file keeps at most: past it, a process writes only
the entries it used. A text made from data (a pattern of a student's words) must not grow
the file that every command reads at start (the sample's build uses about 1,100)."""
KEPT = 10
"""Writes of the file an entry stays in without being used."""

_code: dict[tuple[str, str, str], CodeType] = {}
_patterns: dict[tuple[str | bytes, int], tuple] = {}
"""What `re` hands `_sre.compile` for a pattern and its flags: parsing a pattern and making
its program is Python code in `re`, and most patterns are compiled at import."""
_used: set[tuple] = set()
"""The entries this process used or made."""


class _State:
    def __init__(self) -> None:
        self.pid = 0
        """The process that installed the cache (a forked child does not write it)."""
        self.new = False
        """Whether this process compiled text the cache did not hold."""
        self.file = ""
        self.generation = 0
        """The file's, when read."""
        self.used: dict[tuple, int] = {}
        """The file's: the generation that last used each entry."""


_state = _State()


def folder() -> str | None:
    """The user's own cache folder (`media.user_folder`); None when it is not safe to use."""
    return user_folder()


class Stored(NamedTuple):
    """What the cache file holds."""

    codes: dict
    patterns: dict
    generation: int
    """How many times the file was written."""
    used: dict
    """The generation that last used each entry."""


def _read(path: str) -> Stored:
    """The cache file; an empty one when it does not read back as such."""
    try:
        with open(path, "rb") as file:
            data = marshal.loads(file.read())
    except (OSError, EOFError, ValueError, TypeError):
        return Stored({}, {}, 0, {})
    if not (
        type(data) is tuple
        and len(data) == 4
        and type(data[2]) is int
        and all(type(part) is dict for part in (data[0], data[1], data[3]))
    ):
        return Stored({}, {}, 0, {})
    stored = Stored(*data)
    if not all(type(k) is tuple and type(v) is CodeType for k, v in stored.codes.items()):
        return Stored({}, {}, 0, {})
    if not all(type(k) is tuple and type(v) is tuple for k, v in stored.patterns.items()):
        return Stored({}, {}, 0, {})
    if not all(type(v) is int for v in stored.used.values()):
        return Stored({}, {}, 0, {})
    return stored


def compiled(source: str, filename: str, mode: str) -> CodeType:
    """`compile(source, filename, mode)` without inherited flags, from the cache if seen."""
    key = (source, filename, mode)
    code = _code.get(key)
    if code is None:
        code = builtins.compile(source, filename, mode, dont_inherit=True)
        _code[key] = code
        _state.new = True
    _used.add(key)
    return code


def _exec(source: Any, globals: dict | None = None, locals: Any = None, /, **kwargs: Any) -> None:
    """`exec` for `dataclasses`, which passes its namespaces (anything else: `exec` as is)."""
    if type(source) is str and globals is not None and not kwargs:
        source = compiled(source, "<string>", "exec")
    builtins.exec(source, globals, locals, **kwargs)


def _compile(source: Any, filename: Any, mode: str, flags: int = 0, *args: Any, **kwargs: Any):
    """`compile` for `typing` (the string annotations of `ForwardRef`)."""
    if type(source) is str and type(filename) is str and flags == 0 and not args and not kwargs:
        return compiled(source, filename, mode)
    return builtins.compile(source, filename, mode, flags, *args, **kwargs)


class _Recorder:
    """`_sre` as `re._compiler` sees it: remembers, in each thread, the arguments of the last
    `compile` it forwarded; everything else is `_sre`'s own."""

    def __init__(self, sre: Any) -> None:
        self._sre = sre
        self.last = threading.local()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sre, name)

    def compile(self, *args: Any) -> re.Pattern:
        self.last.args = args
        return self._sre.compile(*args)


def _plain(value: Any) -> Any:
    """`value` with plain `int`s for the named constants of `re` (its opcodes are `int`s with
    a name, which `marshal` does not write), in the lists, tuples and dicts it holds."""
    if type(value) is list:
        if all(map(isinstance, value, repeat(int))):  # a program: thousands of integers
            return list(map(int, value))
        return [_plain(item) for item in value]
    if type(value) is tuple:
        return tuple(_plain(item) for item in value)
    if type(value) is dict:
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, int) and type(value) is not bool:
        return int(value)
    return value


def _regex_compiler(original: Callable, recorder: _Recorder) -> Callable:
    """`re._compiler.compile` through the cache, for a pattern given as text (not the parsed
    patterns of `re.Scanner`) and compiled without `re.DEBUG`."""

    def compile(pattern: Any, flags: int = 0) -> re.Pattern:
        if type(pattern) not in (str, bytes) or type(flags) is not int or flags & re.DEBUG:
            return original(pattern, flags)
        key = (pattern, flags)
        args = _patterns.get(key)
        if args is not None:
            _used.add(key)
            return recorder._sre.compile(*args)
        recorder.last.args = None
        made = original(pattern, flags)
        args = recorder.last.args
        if args is not None and args[0] is pattern:
            args = _plain(args)
            try:
                marshal.dumps(args)
            except ValueError:  # nothing `marshal` cannot write: a later Python's own object
                return made
            if not _reordered(key):
                _state.new = True
            _patterns[key] = args
            _used.add(key)
        return made

    return compile


def _reordered(key: tuple[str | bytes, int]) -> bool:
    """Whether the pattern `key` holds the same characters as one already cached, in another
    order: a pattern made from a set, whose order changes from process to process (the
    string prefixes of `tokenize`, which `inspect.signature` of a built-in uses; the
    terminators of markdown-it). Such a pattern is compiled and used as any other, but does
    not make the process write the whole cache back (0.8 MB, at every command): the next
    process would make it in yet another order."""
    pattern, flags = key
    same = [
        other
        for other, other_flags in tuple(_patterns)  # another thread may add one meanwhile
        if len(other) == len(pattern) and other_flags == flags and type(other) is type(pattern)
    ]
    return bool(same) and sorted(pattern) in (sorted(other) for other in same)


def save() -> None:
    """Write the cache back when this process compiled new text (not in a forked child, nor
    where Python writes no bytecode either: `PYTHONDONTWRITEBYTECODE`), without the entries
    no process used in the last `KEPT` writes: some texts change from process to process
    (a pattern made from a set, whose order changes), they must not pile up."""
    if not _state.new or os.getpid() != _state.pid or sys.dont_write_bytecode:
        return
    _state.new = False
    generation = _state.generation + 1
    used = {key: age for key, age in _state.used.items() if age > generation - KEPT}
    used.update(dict.fromkeys(_used, generation))
    if len(used) > LIMIT:
        used = dict.fromkeys(_used, generation)
    codes = {key: value for key, value in _code.items() if key in used}
    patterns = {key: value for key, value in _patterns.items() if key in used}
    path = _state.file
    temporary = f"{path}.{os.getpid()}"
    try:
        with open(temporary, "wb") as file:
            marshal.dump((codes, patterns, generation, used), file)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.remove(temporary)


def install() -> None:
    """Have `dataclasses`, `typing` and `re` compile through the cache (once per process)."""
    if _state.pid:
        return
    where = folder()
    if where is None:
        return
    import dataclasses
    import typing

    # `-O` strips asserts from what it compiles: its code is cached apart
    tag = f"{sys.implementation.cache_tag}-{sys.hexversion:x}-O{sys.flags.optimize}"
    _state.pid, _state.file = os.getpid(), os.path.join(where, f"code-{tag}.marshal")
    stored = _read(_state.file)
    _code.update(stored.codes)
    _patterns.update(stored.patterns)
    _state.generation, _state.used = stored.generation, stored.used
    dataclasses.exec = _exec  # type: ignore[attr-defined]
    typing.compile = _compile  # type: ignore[attr-defined]
    recorder = _Recorder(re._compiler._sre)  # type: ignore[attr-defined]
    re._compiler._sre = recorder  # type: ignore[attr-defined]
    re._compiler.compile = _regex_compiler(re._compiler.compile, recorder)  # type: ignore[attr-defined]
    atexit.register(save)
