"""The test tiers (markers `pdf`, `chromium`, `slow`), set at collection from what a test
uses, and held at run time to what it really runs.

- `chromium`: the test uses the session's browser (the `chromium` fixture: the only way
  to one).
- `pdf`: the test's code, or that of a fixture it uses, prints with WeasyPrint (`PDF_CODE`).
- `slow`: fuzzing (`SLOW` modules) and property-based tests (hypothesis).

The marks are read from the source, so they are checked against what happens: WeasyPrint's
layouts (`HTML.render`, which `write_pdf` calls) are counted from the moment the library is
imported, each one charged to the test running (its call) or to the fixture being set up,
and a fixture is charged with what the fixtures it requested did. A test of the fast tier
(`-m "not slow and not chromium and not pdf"`, none of the three marks) that printed,
itself or through a fixture, fails: the fast tier never lays out a PDF. What a fixture did
is known whichever test set it up first, so the check does not depend on the order tests
run. (Slow and Chromium tests are not held to it: they are out of the fast tier anyway.)
"""

from __future__ import annotations

import functools
import importlib.abc
import importlib.machinery
import inspect
import re
import sys
from typing import Any

import pytest

from tests import untraced

HTML_ONLY = r"""(?![^)]*(?:"--formats=",?\s*[)\]]|"--formats",\s*""|"--formats=?",\s*"pptx"))"""
"""The rest of a command line that builds no PDF nor Word file (`--no-pdf` writes the Word
annexe, whose CV is fitted to its page by WeasyPrint)."""
PDF_CODE = re.compile(
    r"PdfReader|pdfium|weasyprint|write_pdfs|printed_pages|fitted_cv|\bpdf_text\("
    r"|\bdecode_qr_codes\(|\bpdf\._render\("
    r"|run_pelican\((?![^)]*pdf=False(?![^)]*(?:docx|formats=[^(]|\*\*)))(?![^)]*formats=\((?![^)]*(?:docx|pdf)))"
    r'|(?:run_cli\(|cli\.main\(\[)(?:\s*"--lang",\s*"\w+",)?\s*"(?:build|pdf)"'
    + HTML_ONLY
    # `check` of a project counts its printed CV's pages (cached by content in the
    # project's cache: whether a given test lays it out would depend on the tests before)
    + r'|(?:run_cli\(|cli\.main\(\[)(?:\s*"--lang",\s*"\w+",)?\s*"check"'
)
"""Code that prints with WeasyPrint (a test's own, or that of a fixture it uses)."""
SLOW = {"test_loader_fuzz.py"}
"""Modules slow as a whole (fuzzing); property-based tests (hypothesis) are slow anywhere."""


CALL = re.compile(r"\b([A-Za-z_]\w*)\(")


@functools.cache
def _own_source(function: Any) -> tuple[bool, tuple[Any, ...]]:
    """Whether `function`'s own source prints, and the helpers of the tests package it
    calls (kept per function: most helpers serve many tests)."""
    try:
        source = inspect.getsource(function)
    except (OSError, TypeError):
        return False, ()
    names = getattr(function, "__globals__", {})
    helpers = (names.get(name) for name in CALL.findall(source))
    return bool(PDF_CODE.search(source)), tuple(
        helper
        for helper in helpers
        if inspect.isfunction(helper) and helper.__module__.startswith("tests.")
    )


@functools.cache
def _function_prints(function: Any) -> bool:
    """Whether `function`'s source, or that of a helper it calls, and so on, prints (a test
    that builds through its module's `build(...)` prints as if it called `run_pelican`
    itself). Kept per function: a fixture's answer serves every test that uses it."""
    seen: set[Any] = set()
    functions = [function]
    while functions:
        function = inspect.unwrap(functions.pop())
        if function in seen or not callable(function):
            continue
        seen.add(function)
        prints, helpers = _own_source(function)
        if prints:
            return True
        functions.extend(helpers)
    return False


def _prints_pdf(item: pytest.Item) -> bool:
    functions = [getattr(item, "obj", None)]
    fixtures = getattr(item, "_fixtureinfo", None)
    for name in getattr(item, "fixturenames", ()):
        for definition in fixtures.name2fixturedefs.get(name, ()) if fixtures else ():
            if definition.baseid:  # the project's fixtures, not pytest's own
                functions.append(definition.func)
    return any(_function_prints(function) for function in functions)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if "chromium" in names:
            item.add_marker(pytest.mark.chromium)
        if _prints_pdf(item):
            item.add_marker(pytest.mark.pdf)
        function = getattr(item, "obj", None)
        if item.path.name in SLOW or getattr(function, "is_hypothesis_test", False):
            item.add_marker(pytest.mark.slow)


# --------------------------------------------------------------------- what really ran

LAYOUTS = [0]
"""WeasyPrint's layouts in this process so far."""


def _count_layouts(weasyprint: Any) -> None:
    render = weasyprint.HTML.render

    def counted(*args: Any, **kwargs: Any) -> Any:
        LAYOUTS[0] += 1
        return render(*args, **kwargs)

    weasyprint.HTML.render = counted
    untraced.install(weasyprint)  # after: the count, then the layout out of coverage's sight


class _WatchWeasyPrint(importlib.abc.MetaPathFinder):
    """Counts WeasyPrint's layouts once the library is imported (by whatever imports it)."""

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> Any:
        if name != "weasyprint":
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is not None and spec.loader is not None:
            loader: Any = spec.loader
            exec_module = loader.exec_module

            def exec_and_count(module: Any) -> None:
                exec_module(module)
                _count_layouts(module)

            loader.exec_module = exec_and_count
        return spec


if "weasyprint" in sys.modules:  # pragma: no cover - imported before the tests' conftest
    _count_layouts(sys.modules["weasyprint"])
else:
    sys.meta_path.insert(0, _WatchWeasyPrint())

Key = tuple[int, object]
"""A fixture's instance: its definition (`id`) and its parameter."""
PRINTED: set[Key] = set()
"""The fixture instances whose set-up laid out a PDF, or requested one that did."""
REQUESTED: dict[Key, set[Key]] = {}


def _key(fixturedef: Any) -> Key | None:
    """The instance `fixturedef` holds now (None when it holds none)."""
    if fixturedef is None or fixturedef.cached_result is None:
        return None
    param = fixturedef.cached_result[1]  # its parameter, the same object while it lives
    try:
        hash(param)
    except TypeError:
        param = id(param)
    return (id(fixturedef), param)


def _instance(request: Any, name: str) -> Key | None:
    """The fixture instance the test of `request` got under `name` (pytest keeps them)."""
    return _key(request._fixture_defs.get(name))


@pytest.hookimpl(wrapper=True)
def pytest_fixture_setup(fixturedef: Any, request: Any) -> Any:
    """Charge this fixture with the layouts of its set-up and the fixtures it requests
    (as arguments or through `request.getfixturevalue`, cached or not)."""
    before = LAYOUTS[0]
    requested: set[Key] = set()
    getfixturevalue = request.getfixturevalue

    def recorded(name: str) -> Any:
        value = getfixturevalue(name)
        if (instance := _instance(request, name)) is not None:
            requested.add(instance)
        return value

    request.getfixturevalue = recorded
    try:
        return (yield)
    finally:
        del request.getfixturevalue
        if (key := _key(fixturedef)) is not None:  # this instance: forget the last one's
            REQUESTED[key] = requested
            PRINTED.discard(key)
            if LAYOUTS[0] != before or any(_printed(other) for other in requested):
                PRINTED.add(key)


def _printed(key: Key, seen: frozenset[Key] = frozenset()) -> bool:
    if key in PRINTED:
        return True
    return any(_printed(other, seen | {key}) for other in REQUESTED.get(key, ()) - seen)


def _fixtures_printed(item: pytest.Item) -> bool:
    request = getattr(item, "_request", None)
    if request is None:
        return False
    for name in list(request._fixture_defs):
        if (instance := _instance(request, name)) is not None and _printed(instance):
            return True
    return False


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Any:
    before = LAYOUTS[0]
    try:
        return (yield)
    finally:
        item.stash[_LAID_OUT] = LAYOUTS[0] != before or _fixtures_printed(item)


_LAID_OUT = pytest.StashKey[bool]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    if (
        call.when == "call"
        and report.passed
        and item.stash.get(_LAID_OUT, False)
        and not any(item.get_closest_marker(tier) for tier in ("pdf", "chromium", "slow"))
    ):
        report.outcome = "failed"
        report.longrepr = (
            f"{item.nodeid} lays out a PDF with WeasyPrint (itself or through a fixture) "
            "but is not in the `pdf` tier: the fast tier must not print. Mark it "
            "`@pytest.mark.pdf`, or teach tests/tiers.py's PDF_CODE the call it missed."
        )
    return report
