"""The tiers hold to what tests really run (tests/tiers.py): a test that lays out a PDF with
WeasyPrint, itself or through a fixture, fails unless it is in the `pdf` tier."""

from __future__ import annotations

import re
import sys

import pytest

from tests import untraced
from tests.tiers import PDF_CODE

LINE = re.compile(r"test_printing\.py::(\w+) (PASSED|FAILED)")

PRINTER = """
def lay_out():
    import weasyprint

    weasyprint.HTML(string="<p>x</p>").render()
"""
"""A helper out of the tests package: its call is invisible in the tests' source."""

TESTS = """
import pytest

from tests.tiers import PDF_CODE
from printer import lay_out


@pytest.fixture(scope="module")
def printed():
    lay_out()


@pytest.fixture
def through(request):
    return request.getfixturevalue("printed")


def test_prints(): lay_out()
@pytest.mark.pdf
def test_prints_marked(): lay_out()
def test_plain(): pass
def test_fixture_first(printed): pass
def test_fixture_again(printed): pass
def test_through_a_fixture(through): pass
@pytest.mark.pdf
def test_fixture_marked(printed): pass
"""


def run(pytester, *order: str) -> dict[str, str]:
    """An inner pytest with the tiers as its only project plugin, in this process (a
    subprocess would import pytest, its plugins and WeasyPrint again: seconds) and out of
    coverage's sight (it runs none of profile_gen: tests/untraced.py)."""
    pytester.makepyfile(printer=PRINTER, test_printing=TESTS)
    pytester.makeini("[pytest]\nmarkers =\n    pdf\n    chromium\n    slow\n")
    names = [f"test_printing.py::{name}" for name in order]
    with untraced.paused():
        result = pytester.runpytest_inprocess(
            "-v", "-p", "tests.tiers", "-p", "no:cacheprovider", "-p", "no:slipcover", *names
        )
    assert "the fast tier must not print" in result.stdout.str()
    lines = (LINE.match(line) for line in result.outlines)
    return {found[1]: found[2] for found in lines if found}


EXPECTED = {
    "test_prints": "FAILED",
    "test_prints_marked": "PASSED",
    "test_plain": "PASSED",
    "test_fixture_first": "FAILED",
    "test_fixture_again": "FAILED",
    "test_through_a_fixture": "FAILED",
    "test_fixture_marked": "PASSED",
}


@pytest.mark.pdf  # WeasyPrint runs in the pytest it starts
def test_an_unmarked_test_that_prints_fails_in_any_order(pytester):
    from profile_gen.printing.fetcher import weasyprint_module

    weasyprint_module()  # imported (and counted) here: kept when the inner runs' modules go
    forward = list(EXPECTED)
    assert run(pytester, *forward) == EXPECTED
    backward = ["test_fixture_marked", "test_through_a_fixture", "test_fixture_again"]
    assert run(pytester, *backward, *forward[:4]) == EXPECTED


@pytest.mark.parametrize(
    ("code", "prints"),
    [
        ('run_cli("build")', True),
        ('run_cli("build", "--no-pdf")', True),  # the Word CV is fitted by WeasyPrint
        ('run_cli("--lang", "en", "build", "--formats", "pdf", "-j", "2")', True),
        ('run_cli("pdf")', True),
        ('cli.main(["build", "--settings", str(conf), "--no-pdf"])', True),
        ('run_cli("build", "--formats=")', False),
        ('run_cli("build", "--formats", "")', False),
        ('run_cli("build", "--formats", "pptx")', False),
        ('run_cli("check")', True),  # the printed CV's pages
        ('run_cli("--lang", "en", "check", str(path))', True),
        ('run_cli("export", "jsonresume")', False),
        ('run_pelican(root / "pelican.conf.py")', True),
        ('run_pelican(conf, root / "output", formats=("pdf",))', True),
        ('run_pelican(conf, pdf=False, formats=("docx", "pptx"))', True),
        ('run_pelican(conf, root / "output", pdf=False, formats=formats)', True),
        ("run_pelican(conf, pdf=False)", False),
        ('run_pelican(conf, pdf=False, formats=("pptx",))', False),
        ('run_pelican(conf, output, formats=("pptx",))', False),
        ("run_pelican(conf, pdf=False, formats=())", False),
    ],
)
def test_the_source_guess_reads_builds_as_the_product_runs_them(code, prints):
    assert bool(PDF_CODE.search(code)) == prints


class _Tracer:
    """Stands for coverage's C tracer: a trace function that `start` installs again."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def __call__(self, frame, event, arg):
        if event == "call":
            self.seen.append(frame.f_code.co_name)
        return None

    def start(self) -> _Tracer:
        sys.settrace(self)
        return self


def test_a_layout_runs_untraced_and_what_it_calls_back_of_ours_traced():
    """tests/untraced.py: WeasyPrint's layout out of coverage's sight, our fetcher in it."""

    def fetch_ours():
        return sys.gettrace()

    def lay_out():
        inside = sys.gettrace()
        return inside, untraced.traced(fetch_ours)()

    tracer = _Tracer()
    before = sys.gettrace()
    tracer.start()
    try:
        inside, in_callback = untraced.untraced(lay_out)()
        after = sys.gettrace()
    finally:
        sys.settrace(before)
    assert inside is None and in_callback is tracer and after is tracer
    assert "fetch_ours" in tracer.seen and "lay_out" not in tracer.seen


def test_another_tracer_is_left_on_in_a_layout():
    """A debugger's trace function (no `start`: not coverage's) keeps tracing a layout."""

    def debugger(frame, event, arg):
        return None

    before = sys.gettrace()
    sys.settrace(debugger)
    try:
        inside = untraced.untraced(sys.gettrace)()
    finally:
        sys.settrace(before)
    assert inside is debugger
