"""The per-user cache of the code that `dataclasses` and `typing` compile (`app.compiled`)."""

from __future__ import annotations

import dataclasses
import marshal
import os
import re
import stat
import sys
import tempfile
import typing

import pytest

from profile_gen.app import compiled

pytestmark = pytest.mark.skipif(not hasattr(os, "getuid"), reason="a per-user folder (POSIX)")


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """A fresh cache whose folder is under tmp_path."""
    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(tmp_path))
    monkeypatch.setattr(compiled, "_code", {})
    monkeypatch.setattr(compiled, "_patterns", {})
    monkeypatch.setattr(compiled, "_used", set())
    monkeypatch.setattr(compiled, "_state", compiled._State())
    compiled._state.pid = os.getpid()
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    where = compiled.folder()
    assert where is not None
    compiled._state.file = os.path.join(where, "code.marshal")
    return compiled._state.file


def test_installed_by_the_app():
    """Importing the commands installs it: dataclasses and typing compile through it."""
    assert dataclasses.exec is compiled._exec  # type: ignore[attr-defined]
    assert typing.compile is compiled._compile  # type: ignore[attr-defined]


def test_a_dataclass_is_the_same_from_the_cache(cache):
    def make():
        @dataclasses.dataclass(frozen=True, order=True)
        class Point:
            x: int
            y: int = 2
            tags: list = dataclasses.field(default_factory=list)

        return Point

    first = make()
    assert compiled._state.new
    entries = len(compiled._code)
    assert entries >= 4  # __init__, __repr__, __eq__, the order and the frozen methods...
    compiled._state.new = False
    second = make()  # the same text: every method from the cache, nothing new
    assert not compiled._state.new and len(compiled._code) == entries
    for point in (first(1), second(1)):
        assert repr(point).endswith("Point(x=1, y=2, tags=[])")
        assert point < type(point)(2) and point == type(point)(1, 2, [])
        with pytest.raises(dataclasses.FrozenInstanceError):
            point.x = 3  # type: ignore[misc]


def test_saved_and_read_back(cache):
    typing.ForwardRef("dict[str, list[int]]")
    compiled.save()
    assert not compiled._state.new
    again = compiled._read(cache).codes
    assert again.keys() == compiled._code.keys()
    key = ("dict[str, list[int]]", "<string>", "eval")
    assert eval(again[key], {}) == dict[str, list[int]]


def test_a_forked_child_does_not_write(cache, monkeypatch):
    compiled.compiled("1 + 1", "<string>", "eval")
    monkeypatch.setattr(compiled._state, "pid", os.getpid() + 1)
    compiled.save()
    assert not os.path.exists(cache)


def test_nothing_written_without_bytecode(cache, monkeypatch):
    """`PYTHONDONTWRITEBYTECODE`: Python writes no `__pycache__`, nor do we."""
    compiled.compiled("2 + 2", "<string>", "eval")
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    compiled.save()
    assert not os.path.exists(cache)


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not marshal",
        marshal.dumps([1, 2]),
        marshal.dumps({("a", "b", "c"): 1}),
        marshal.dumps(({("a", "b", "c"): 1}, {("a", 0): "not the arguments"})),
        marshal.dumps(({("a", "b", "c"): compile("1", "", "eval")}, {}, "1", {})),
        marshal.dumps(({}, {("a", 0): "not the arguments"}, 1, {})),
        marshal.dumps(({}, {}, 1, {("a", 0): "not a generation"})),
    ],
)
def test_a_broken_file_is_ignored(cache, content):
    with open(cache, "wb") as file:
        file.write(content)
    assert compiled._read(cache) == ({}, {}, 0, {})


def test_a_syntax_error_is_still_raised(cache):
    with pytest.raises(SyntaxError):
        typing.ForwardRef("list[")
    assert not compiled._code


def test_an_unsafe_folder_is_not_used(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(tmp_path))
    path = tmp_path / f"_profile-gen-code-{os.getuid()}"
    path.mkdir(mode=0o755)
    path.chmod(0o755)  # whatever the umask
    assert compiled.folder() is None  # others could read it: not made by us
    path.rmdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    path.symlink_to(elsewhere)
    assert compiled.folder() is None  # a link, perhaps planted
    path.unlink()
    assert compiled.folder() == str(path)
    assert stat.S_IMODE(path.stat().st_mode) == stat.S_IRWXU


def test_installed_once_per_process(monkeypatch):
    registered = []
    monkeypatch.setattr(compiled.atexit, "register", registered.append)
    compiled.install()
    assert registered == [] and compiled._state.pid
    assert sys.modules["dataclasses"].exec is compiled._exec  # type: ignore[attr-defined]


PATTERNS = [
    (r"^(?P<year>\d{4})-(?P<month>\d\d)(?:-(?P<day>\d\d))?$", 0),
    ("[^\t\n\r -~\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]", 0),
    (r"(?<=[/.@])(?=[^/])|\b(?:mr|mme)\b", re.IGNORECASE),
    (
        r"""
        (?P<word> \w+ )   # a word
        \s* (?P=word)     # twice
    """,
        re.VERBOSE | re.MULTILINE,
    ),
    (rb"\x00+[a-z]{2,}?(?!x)", 0),
    (r"(a|b)*?c{1,3}+", re.ASCII | re.DOTALL),
]


@pytest.mark.parametrize(("pattern", "flags"), PATTERNS)
def test_a_pattern_is_the_same_from_the_cache(cache, pattern, flags):
    made = re._compiler.compile(pattern, int(flags))  # type: ignore[attr-defined]
    assert (pattern, int(flags)) in compiled._patterns
    compiled.save()
    patterns = compiled._read(cache).patterns
    compiled._patterns.clear()
    compiled._patterns.update(patterns)
    compiled._state.new = False
    again = re._compiler.compile(pattern, int(flags))  # type: ignore[attr-defined]
    assert not compiled._state.new  # from the cache
    assert again is not made and again == made  # the same program, the same flags
    assert (again.groups, again.groupindex, again.flags) == (
        made.groups,
        made.groupindex,
        made.flags,
    )
    text = "2024-05 x a.b@c Mr mr word word \x00\x00ab ab c" if type(pattern) is str else b"\x00ab"
    assert [m.span() for m in again.finditer(text)] == [m.span() for m in made.finditer(text)]


def test_a_bad_pattern_is_still_an_error(cache):
    with pytest.raises(re.error):
        re._compiler.compile("(unclosed", 0)  # type: ignore[attr-defined]
    assert not compiled._patterns
    assert re.compile("x") is re.compile("x")  # re's own cache is untouched


def test_the_file_keeps_what_was_used_past_the_limit(cache, monkeypatch):
    """Texts made from data must not grow the file for ever: past `LIMIT` entries, a process
    writes only those it used."""
    for number in range(6):
        compiled.compiled(f"{number} + 1", "<string>", "eval")
    compiled.save()
    monkeypatch.setattr(compiled, "LIMIT", 7)
    compiled._used.clear()
    compiled.compiled("0 + 1", "<string>", "eval")  # used, from the cache
    re._compiler.compile("[a-z]+\\d", 0)  # type: ignore[attr-defined]
    compiled.compiled("new", "<string>", "eval")
    assert len(compiled._code) + len(compiled._patterns) == 8
    compiled.save()
    codes, patterns, _, _ = compiled._read(cache)
    assert sorted(source for source, _, _ in codes) == ["0 + 1", "new"]
    assert list(patterns) == [("[a-z]+\\d", 0)]


def test_an_entry_no_process_uses_goes(cache, monkeypatch):
    """A text that changes from process to process (a pattern made from a set) does not pile
    up: an entry unused in `KEPT` writes leaves the file; one in use stays."""
    monkeypatch.setattr(compiled, "KEPT", 3)
    for run in range(5):
        stored = compiled._read(cache)
        compiled._code.clear()
        compiled._code.update(stored.codes)
        compiled._used.clear()
        compiled._state.generation, compiled._state.used = stored.generation, stored.used
        compiled.compiled("'always'", "<string>", "eval")
        compiled.compiled(f"'run {run}'", "<string>", "eval")
        compiled.save()
    stored = compiled._read(cache)
    assert stored.generation == 5
    assert sorted(source for source, _, _ in stored.codes) == [
        "'always'",
        "'run 2'",
        "'run 3'",
        "'run 4'",
    ]


def test_a_pattern_made_in_another_order_does_not_rewrite_the_file(cache):
    """A pattern made from a set comes in another order in each process (hash randomisation):
    compiled and used as any other, it does not have the process write the whole cache back
    (it would at every command); a pattern of other characters does."""
    terminators = "".join(sorted("!#$%&*+-:<=>@[\\]^_`{}~"))
    first = re._compiler.compile(f"[{re.escape(terminators)}]", 0)  # type: ignore[attr-defined]
    compiled.save()
    assert not compiled._state.new
    mtime = os.stat(cache).st_mtime_ns
    shuffled = f"[{re.escape(terminators[::-1])}]"
    again = re._compiler.compile(shuffled, 0)  # type: ignore[attr-defined]
    assert (shuffled, 0) in compiled._patterns  # this process's, compiled once
    assert not compiled._state.new
    text = "a!b~c[d]e\\f`g"
    assert [m.span() for m in again.finditer(text)] == [m.span() for m in first.finditer(text)]
    compiled.save()
    assert os.stat(cache).st_mtime_ns == mtime
    for other, flags in (("[abc]+", 0), (f"[{re.escape(terminators)}]", int(re.IGNORECASE))):
        re._compiler.compile(other, flags)  # type: ignore[attr-defined]
        assert compiled._state.new  # new characters, or the same ones with other flags
        compiled.save()
    assert (shuffled, 0) in compiled._read(cache).patterns  # written along with a new one
