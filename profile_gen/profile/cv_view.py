"""What the CV shows: one decision for the PDF CV, the annexe's CV and the Word CV.

The CV always shows the featured achievements, the Book and LinkedIn; when its page has
room it shows more of the profile's own content (`candidates`): in its side column the
other links, in its main column the other achievements, then the interests' details. How
many fit is measured by laying the page out (`site.outputs.annexe`), one column after the
other; `largest_fitting` finds it with few layouts. The
colours: the person's accent (or the theme's), darkened where needed to keep WCAG AA on
the side panel, and a light tint of it for that panel.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from profile_gen.profile import colors

PANEL_TINT = 0.9
"""The side panel: the accent mixed with this share of white."""


@dataclass(frozen=True)
class CvView:
    achievements: list[Any]
    """Featured first (`Profile.featured_achievements`), then the others that fit."""
    links: list[Any] = field(default_factory=list)
    """`links.others` shown beside the Book and LinkedIn."""
    interest_details: bool = False
    """Whether the interests show their keywords."""
    accent: str = colors.DEFAULT
    """Headings and the name: AA on white and on `panel`."""
    panel: str = "#f1f1ee"


def candidates(profile: Any) -> tuple[list[Any], list[tuple[str, Any]]]:
    """What the CV adds when it has room, in order, for each column: the side's links, and
    the main column's (kind, item): the other achievements, then the interests' details."""
    featured = profile.featured_achievements
    main: list[tuple[str, Any]] = [
        ("achievement", a) for a in profile.achievements if a not in featured
    ]
    if any(interest.keywords for interest in profile.interests):
        main.append(("interest_details", True))
    return list(profile.links.others), main


def cv_colors(color: str | None) -> tuple[str, str]:
    """(accent, panel) for the person's colour, or the theme's when none."""
    accent = (color or colors.DEFAULT).lower()
    panel = colors.mix_with_white(accent, PANEL_TINT)
    return colors.readable_on(accent, (panel, "#ffffff")), panel


def cv_view(profile: Any, links: int | None = None, more: int | None = None) -> CvView:
    """The CV with the first `links` other links and the first `more` candidates of the
    main column (all of them when None)."""
    side, main = candidates(profile)
    chosen = main[:more]
    accent, panel = cv_colors(profile.identity.color)
    return CvView(
        achievements=[*profile.featured_achievements]
        + [item for kind, item in chosen if kind == "achievement"],
        links=side[:links],
        interest_details=any(kind == "interest_details" for kind, _ in chosen),
        accent=accent,
        panel=panel,
    )


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
