"""What the CV shows: one decision for the PDF CV, the annexe's CV and the Word CV.

The CV always shows the titles of the featured achievements, the Book and LinkedIn; when
its page has room it shows more of the profile's own content (`candidates`): in its side
column the other links; in its main column the featured achievements' first results, the
other achievements, the jobs' descriptions (most recent first), then the interests'
details. How many fit is measured by laying the
page out (`site.outputs.annexe`), one column after the other; `largest_fitting` finds it
with few layouts. A CV too long even without them is set smaller (`dense`), never cut. The
colours: the person's accent (or the theme's), darkened where needed to keep WCAG AA on
the side panel, and a light tint of it for that panel.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from profile_gen import designs
from profile_gen.profile import colors

PANEL_TINT = 0.9
"""The side panel: the accent mixed with this share of white."""


@dataclass(frozen=True)
class CvView:
    achievements: list[Any]
    """Featured first (`Profile.featured_achievements`), then the others that fit."""
    accent: str
    """The name and headings: the person's colour, AA on white and on `panel`."""
    panel: str
    """The side column's background: a light tint of the accent."""
    links: list[Any] = field(default_factory=list)
    """`links.others` shown beside the Book and LinkedIn."""
    interest_details: bool = False
    """Whether the interests show their keywords."""
    results_of: frozenset[str] = frozenset()
    """The achievements (by id) shown with their first result."""
    descriptions: tuple[Any, ...] = ()
    """The jobs (`profile.experience` items) shown with their description."""
    dense: bool = False
    """Set smaller: the CV does not fit its page even with the least it shows."""
    layout: str = "side"
    """The Word CV's arrangement, the annexe's (the design's `[cv] layout`, `CV_LAYOUTS`)."""

    def shows_result(self, achievement: Any) -> bool:
        return bool(achievement.results) and achievement.id in self.results_of

    def shows_description(self, job: Any) -> bool:
        return any(job is shown for shown in self.descriptions)

    def has_contact(self, profile: Any) -> bool:
        """Whether the contact block has a line to show (a minimal profile has none: no
        heading over nothing), in every CV: the printed one, the Word one."""
        links = (profile.links.linkedin, profile.links.book, *self.links)
        return bool(profile.identity.contact.shown_on("annexe")) or any(links)


def candidates(profile: Any) -> tuple[list[Any], list[tuple[str, Any]]]:
    """What the CV adds when it has room, in order, for each column: the side's links, and
    the main column's (kind, item): the featured achievements' results, the other
    achievements (with theirs), the jobs' descriptions, then the interests' details."""
    featured = profile.featured_achievements
    main: list[tuple[str, Any]] = [("result", a) for a in featured if a.results]
    main += [("achievement", a) for a in profile.achievements if a not in featured]
    main += [("description", job) for job in profile.experience if job.description]
    if any(interest.keywords for interest in profile.interests):
        main.append(("interest_details", True))
    return list(profile.links.others), main


def cv_colors(color: str | None) -> tuple[str, str]:
    """(accent, panel) for the person's colour, or the theme's when none."""
    accent = (color or colors.DEFAULT).lower()
    panel = colors.mix_with_white(accent, PANEL_TINT)
    return colors.readable_on(accent, (panel, "#ffffff")), panel


def cv_view(
    profile: Any, links: int | None = None, more: int | None = None, dense: bool = False
) -> CvView:
    """The CV with the first `links` other links and the first `more` candidates of the
    main column (all of them when None)."""
    side, main = candidates(profile)
    chosen = main[:more]
    accent, panel = cv_colors(profile.identity.color or designs.accent(profile.design))
    added = [item for kind, item in chosen if kind == "achievement"]
    return CvView(
        achievements=[*profile.featured_achievements, *added],
        links=side[:links],
        interest_details=any(kind == "interest_details" for kind, _ in chosen),
        results_of=frozenset(a.id for kind, a in chosen if kind in ("result", "achievement")),
        descriptions=tuple(job for kind, job in chosen if kind == "description"),
        dense=dense,
        accent=accent,
        panel=panel,
    )


def preview_view(profile: Any) -> CvView:
    """The CV of a build that neither prints nor writes Word (`check`, `serve`), with no
    layout to try: the featured achievements with their results, nothing more."""
    featured = sum(1 for kind, _ in candidates(profile)[1] if kind == "result")
    return cv_view(profile, 0, featured)


def largest_fitting(count: int, fits: Callable[[int], bool]) -> int:
    """The largest `n` in 0..count with `fits(n)`, assuming 0 fits and that more content
    never takes less room: `count` first (most profiles), then a binary search."""
    if count == 0 or fits(count):
        return count
    low, high = 0, count - 1  # low fits, count does not
    while low < high:
        middle = (low + high + 1) // 2
        if fits(middle):
            low = middle
        else:
            high = middle - 1
    return low


def first_fitting(count: int, fits: Callable[[int], bool]) -> int:
    """The first `i` in 0..count-1 with `fits(i)` (`count` when none), assuming that what
    follows one that fits fits too: one by one up to the fifth (one of the first usually
    does), then in doubling strides, then halving."""
    failed, probe, stride = -1, 0, 1  # the last known not to fit; the next to try
    while probe < count and not fits(probe):
        failed, probe = probe, probe + stride
        stride *= 2 if failed >= 3 else 1
    found = min(probe, count)
    while found - failed > 1:  # failed does not fit, found does (or is `count`)
        middle = (failed + found) // 2
        failed, found = (failed, middle) if fits(middle) else (middle, found)
    return found


def fit(
    profile: Any, fits_page: Callable[[CvView], bool], fits_annexe: Callable[[CvView], bool]
) -> tuple[int, int, bool]:
    """The arguments of `cv_view` (links, more, dense) for the most of the candidates that
    fits the CV's page (`fits_page`), one column after the other, and the annexe's first
    page (`fits_annexe`: smaller type, less room); set smaller (`dense`) when even the least
    does not fit. What is past the smaller type overflows rather than being cut."""
    side, main = candidates(profile)

    def most(dense: bool) -> tuple[int, int] | None:
        """(links, more) that fit, or None when even the least overflows (not `dense`).
        Set smaller (`dense`: reached only when the least overflowed), the least is tried
        first: when it overflows too, nothing more is tried (a CV far too long for its page,
        laid out a few times instead of a dozen)."""
        if dense and not fits_page(cv_view(profile, 0, 0, dense)):
            return 0, 0
        links = largest_fitting(len(side), lambda n: fits_page(cv_view(profile, n, 0, dense)))
        fits_more = cache(lambda n: fits_page(cv_view(profile, links, n, dense)))
        # the least is tried when nothing is known to fit: before all when not even a link is
        if not (links or dense or (not side and fits_more(len(main))) or fits_more(0)):
            return None
        return links, largest_fitting(len(main), fits_more)

    found = most(dense=False)
    dense = found is None  # the least overflows: set smaller, with what then fits
    links, more = found or most(dense=True) or (0, 0)
    if dense and not (links or more):  # the least, set smaller, whatever the annexe's page
        return 0, 0, True
    # then one step less while the annexe's page overflows: the main column's, the links'
    steps = [(links, n) for n in range(more, -1, -1)] + [(n, 0) for n in range(links)][::-1]
    first = first_fitting(len(steps), lambda i: fits_annexe(cv_view(profile, *steps[i], dense)))
    return (*steps[first], dense) if first < len(steps) else (0, 0, True)
