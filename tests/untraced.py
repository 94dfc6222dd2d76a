"""WeasyPrint's layouts run out of coverage's sight.

`make test` measures coverage with slipcover, which instruments profile_gen's code alone
and installs no tracer: this module then changes nothing. It keeps `pytest --cov`
(coverage.py, for its HTML report) as fast as it can be on Python 3.11:

coverage.py's C tracer, on Python 3.11, also sees every line and call of the libraries a
test runs, ours or not, and WeasyPrint's layout (parsing, `HTML.render`, then
`Document.write_pdf`) is most of a printed build: traced, a build printing every document
took about 70 % more CPU. So a layout and the writing of its PDF run with the thread's
tracer off, and our code that WeasyPrint calls back meanwhile (the URL fetcher of every
printed page, the deposit's XMP metadata) with it on again: what coverage records of
profile_gen is the same, a layout costs what it costs outside the tests. Any other tracer
(a debugger's) is left alone."""

from __future__ import annotations

import contextlib
import functools
import importlib
import sys
import threading
from collections.abc import Callable, Iterator
from typing import Any

_PAUSED = threading.local()
"""Per thread: the tracers paused by the layouts running (innermost last)."""


def _paused() -> list[Any]:
    if not hasattr(_PAUSED, "tracers"):
        _PAUSED.tracers = []
    return _PAUSED.tracers


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """Coverage's tracer off in this thread for the `with` block, then on again."""
    tracer = sys.gettrace()
    if tracer is None or not hasattr(tracer, "start"):  # not coverage's C tracer
        yield
        return
    tracers = _paused()
    tracers.append(tracer)
    sys.settrace(None)
    try:
        yield
    finally:
        tracers.pop()
        tracer.start()  # coverage's own way back, as when it resumes


def untraced(function: Callable[..., Any]) -> Callable[..., Any]:
    """`function` run with coverage's tracer off in this thread, then on again."""

    @functools.wraps(function)
    def call(*args: Any, **kwargs: Any) -> Any:
        with paused():
            return function(*args, **kwargs)

    return call


def traced(function: Callable[..., Any]) -> Callable[..., Any]:
    """`function` (ours, called back by a layout) traced as if no layout paused it."""

    @functools.wraps(function)
    def call(*args: Any, **kwargs: Any) -> Any:
        paused = _paused()
        if not paused or sys.gettrace() is not None:
            return function(*args, **kwargs)
        paused[-1].start()
        try:
            return function(*args, **kwargs)
        finally:
            sys.settrace(None)

    return call


def install(weasyprint: Any) -> None:
    """Layouts untraced, URL fetchers traced: on the module just imported."""
    for parsed in (weasyprint.HTML, weasyprint.CSS):  # parsing a page or a stylesheet
        parsed.__init__ = untraced(parsed.__init__)
    weasyprint.HTML.render = untraced(weasyprint.HTML.render)
    write_pdf = untraced(weasyprint.Document.write_pdf)

    def write_pdf_calling_ours_traced(document: Any, *args: Any, **kwargs: Any) -> Any:
        metadata = document.metadata  # ours may subclass it (printing.pdfua): traced
        for name in ("generate_rdf_metadata",):
            method = getattr(type(metadata), name, None)
            if method is not None and method.__module__.startswith("profile_gen"):
                setattr(metadata, name, traced(getattr(metadata, name)))
        return write_pdf(document, *args, **kwargs)

    weasyprint.Document.write_pdf = functools.wraps(write_pdf)(write_pdf_calling_ours_traced)
    fetcher = weasyprint.urls.URLFetcher
    fetcher.__call__ = traced(fetcher.__call__)


def install_rewriting() -> None:
    """pytest's assertion rewriting of each test module (parse, rewrite, compile: pure
    Python over the module's syntax tree, about half of a collection) out of coverage's
    sight; the module it returns runs traced as before. Without a bytecode cache
    (PYTHONDONTWRITEBYTECODE, or a fresh clone's first run) every worker rewrites every
    module. A pytest without this private function is left as it is."""
    from _pytest.assertion import rewrite

    function = getattr(rewrite, "_rewrite_test", None)
    if function is not None and not hasattr(function, "__wrapped__"):
        rewrite._rewrite_test = untraced(function)  # type: ignore[attr-defined]


READERS = {
    "bs4": ("BeautifulSoup.__init__", "Tag.find_all", "Tag.select", "Tag.get_text"),
    "pypdf": ("PdfReader.__init__", "PageObject.extract_text"),
}
"""What the tests read outputs back with (HTML parsing, PDF text), pure Python that never
calls profile_gen: run out of coverage's sight, as the layouts are."""


def install_readers() -> None:
    """The functions of `READERS` untraced, on their classes."""
    for module_name, names in READERS.items():
        module = importlib.import_module(module_name)
        for name in names:
            owner_name, attribute = name.split(".")
            owner = getattr(module, owner_name)
            function = getattr(owner, attribute)
            if not hasattr(function, "__wrapped__"):
                setattr(owner, attribute, untraced(function))
