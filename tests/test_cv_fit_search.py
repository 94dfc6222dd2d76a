"""`views.cv.fit` chooses what the search it replaced chose, with no more layouts than it
(one more at most, when no link fits but some of the main column does; fewer when even
the least overflows), for any page
where more content never takes less room."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from profile_gen.views.cv import CvView, candidates, cv_view, first_fitting, fit, largest_fitting
from tests.test_cv_view import PROFILE

SIDE, MAIN = (len(column) for column in candidates(PROFILE))


def reference_fit(
    profile, fits_page: Callable[[CvView], bool], fits_annexe: Callable[[CvView], bool]
) -> tuple[int, int, bool]:
    """The search `fit` replaced (release of 2026-12-03), kept as the reference."""
    side, main = candidates(profile)

    def most(dense: bool) -> tuple[int, int]:
        links = largest_fitting(len(side), lambda n: fits_page(cv_view(profile, n, 0, dense)))
        fits_more = lambda n: fits_page(cv_view(profile, links, n, dense))  # noqa: E731
        return links, largest_fitting(len(main), fits_more)

    links, more = most(dense=False)
    dense = (links, more) == (0, 0) and not fits_page(cv_view(profile, 0, 0))
    if dense:
        links, more = most(dense=True)
    while not fits_annexe(cv_view(profile, links, more, dense)):
        if more or links:
            more, links = (more - 1, links) if more else (more, links - 1)
        elif not dense:
            dense = True
        else:
            break
    return links, more, dense


def counts(view: CvView) -> tuple[int, int, bool]:
    """(links, more, dense) of a view of the sample."""
    more = len(view.results_of) + len(view.descriptions) + view.interest_details
    return len(view.links), more, view.dense


def staircase() -> st.SearchStrategy[list[int]]:
    """For each number of links, the most of the main column that fits (-1: none), never
    more with more links: a page where more content never takes less room."""
    steps = st.lists(st.integers(-1, MAIN), min_size=SIDE + 1, max_size=SIDE + 1)
    return steps.map(lambda most: sorted(most, reverse=True))


def nothing() -> list[int]:
    """A staircase where not even the least fits."""
    return [-1] * (SIDE + 1)


def everything() -> list[int]:
    return [MAIN] * (SIDE + 1)


@settings(max_examples=300, deadline=None)
@given(staircase(), staircase(), staircase(), staircase())
@example(nothing(), nothing(), nothing(), nothing())  # a CV far too long, even set smaller
@example(nothing(), nothing(), everything(), everything())
@example(nothing(), everything(), nothing(), nothing())  # fits set smaller, not the annexe
def test_fit_chooses_what_the_reference_search_chose(page, dense_page, annexe, dense_annexe):
    def predicate(plain: list[int], dense: list[int], tried: list) -> Callable[[CvView], bool]:
        def fits(view: CvView) -> bool:
            links, more, smaller = counts(view)
            tried.append((id(plain), links, more, smaller))
            return more <= (dense if smaller else plain)[links]

        return fits

    new_tries: list = []
    old_tries: list = []
    new = fit(
        PROFILE,
        predicate(page, dense_page, new_tries),
        predicate(annexe, dense_annexe, new_tries),
    )
    old = reference_fit(
        PROFILE,
        predicate(page, dense_page, old_tries),
        predicate(annexe, dense_annexe, old_tries),
    )
    assert new == old
    assert len(new_tries) == len(set(new_tries))  # never the same layout twice
    no_link_but_more = SIDE > 0 and page[1] < 0 and page[0] > 0  # the least tried first
    annexe_gallop = 1  # the annexe's steps in strides: one more than one by one at most
    assert len(new_tries) <= len(old_tries) + no_link_but_more + annexe_gallop
    if SIDE > 0 and page[1] < 0 and page[0] < 0:  # set smaller: fewer layouts
        assert len(new_tries) < len(old_tries)
    if page[0] < 0 and dense_page[0] < 0:  # even the least overflows set smaller: tried once
        assert [tried for tried in new_tries if tried[3]] == [(id(page), 0, 0, True)]


@pytest.mark.parametrize("count", range(40))
def test_first_fitting_finds_the_first_that_fits_in_few_tries(count):
    for first in range(count + 1):
        tried: list[int] = []

        def fits(i: int, first: int = first, tried: list[int] = tried) -> bool:
            tried.append(i)
            return i >= first

        assert first_fitting(count, fits) == first
        assert len(tried) == len(set(tried)) and all(0 <= i < count for i in tried)
        assert len(tried) <= min(first + 2, 2 * count.bit_length() + 3)  # one by one: first + 1
        if first <= 4 and first < count:
            assert len(tried) == first + 1  # the usual: no more than one by one
