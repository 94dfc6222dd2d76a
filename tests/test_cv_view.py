"""What the CV shows: the featured achievements always, then the profile's other links,
achievements and interests' details while its page has room (one decision, `cv_view`)."""

from __future__ import annotations

import pytest

from profile_gen.profile.loader import load
from profile_gen.views.cv import candidates, cv_view, fit, largest_fitting, preview_view
from tests.conftest import SAMPLE

PROFILE = load(SAMPLE)


@pytest.mark.parametrize("count", range(8))
@pytest.mark.parametrize("room", range(8))
def test_largest_fitting_finds_the_most_that_fits_in_few_tries(count, room):
    tried = []

    def fits(n: int) -> bool:
        tried.append(n)
        return n <= room

    assert largest_fitting(count, fits) == min(count, room)
    assert len(tried) <= 1 + count.bit_length()
    assert 0 not in tried  # nothing more always fits: never laid out for that


def test_the_cv_adds_the_profiles_own_content_in_order():
    side, main = candidates(PROFILE)
    assert side == PROFILE.links.others
    featured = PROFILE.featured_achievements
    others = [a for a in PROFILE.achievements if a not in featured]
    assert main == [
        *(("result", a) for a in featured),
        *(("achievement", a) for a in others),
        *(("description", job) for job in PROFILE.experience if job.description),
        ("interest_details", True),  # the sample's music has keywords
    ]
    described = [job for job in PROFILE.experience if job.description]
    assert described  # the sample's jobs say what they were

    least, most = cv_view(PROFILE, 0, 0), cv_view(PROFILE)
    assert least.achievements == featured and not least.links and not least.interest_details
    assert not any(least.shows_result(a) for a in featured)
    assert most.achievements == featured + others
    assert all(most.shows_result(a) for a in most.achievements)
    assert most.links == PROFILE.links.others and most.interest_details
    assert all(most.shows_description(job) for job in described)
    assert not any(least.shows_description(job) for job in PROFILE.experience)
    first_job = cv_view(PROFILE, 0, len(featured) + len(others) + 1)
    assert [j for j in PROFILE.experience if first_job.shows_description(j)] == described[:1]
    some = cv_view(PROFILE, 1, len(featured) + 1)
    assert some.links == PROFILE.links.others[:1] and some.achievements == featured + others[:1]
    assert preview_view(PROFILE) == cv_view(PROFILE, 0, len(featured))
    assert not some.dense and cv_view(PROFILE, 0, 0, dense=True).dense


def test_fit_takes_what_both_pages_hold_then_sets_smaller():
    side, _ = candidates(PROFILE)

    def size(view) -> int:  # a stand-in for a layout: one unit per entry, less when dense
        shown = len(view.links) + len(view.achievements) + len(view.results_of)
        return (shown + len(view.descriptions)) // (2 if view.dense else 1)

    def fitted(page: int, annexe: int):
        counts = fit(PROFILE, lambda v: size(v) <= page, lambda v: size(v) <= annexe)
        return cv_view(PROFILE, *counts)

    assert size(cv_view(PROFILE)) > 5
    roomy = fitted(99, 99)
    assert roomy == cv_view(PROFILE) and not roomy.dense
    page_bound = fitted(5, 99)
    assert size(page_bound) == 5 and len(page_bound.links) == len(side)  # the side first
    annexe_bound = fitted(5, 4)
    assert size(annexe_bound) == 4 and not annexe_bound.dense
    crowded = fitted(1, 1)  # featured titles alone (3) do not fit: set smaller
    assert crowded.dense and crowded == cv_view(PROFILE, 0, 0, dense=True)
    assert fitted(-1, -1) == cv_view(PROFILE, 0, 0, dense=True)  # overflows, never cut
