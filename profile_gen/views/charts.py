"""Geometry of the competency self-assessment chart (numbers only; the template draws it)."""

from __future__ import annotations

from dataclasses import dataclass

from profile_gen.profile.model import Profile

ROW_HEIGHT = 50
WIDTH = 600
LABEL_BASELINE = 15
"""The label's baseline in its row; its descenders end about 4 units below."""
BAR_TOP = 25
"""The bar's top in its row: a clear gap under the label's descenders."""
BAR_HEIGHT = 14


@dataclass(frozen=True)
class Bar:
    competency_id: str
    y: int
    label_y: int
    bar_y: int
    level: int
    target: int | None
    level_width: float
    target_x: float | None


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: tuple[Bar, ...]
    ticks: tuple[tuple[int, float], ...]
    """Scale levels and their x position."""


def competency_chart(profile: Profile) -> Chart:
    """Bars start at the scale's first level (x = 0, its tick); the last level is at WIDTH."""
    scale = sorted(step.level for step in profile.competencies.scale)
    low, high = scale[0], scale[-1]
    span = max(high - low, 1)

    def x(level: int) -> float:
        return round(WIDTH * max(level - low, 0) / span, 1)

    bars = []
    for index, item in enumerate(profile.competencies.items):
        bars.append(
            Bar(
                competency_id=item.id,
                y=index * ROW_HEIGHT,
                label_y=index * ROW_HEIGHT + LABEL_BASELINE,
                bar_y=index * ROW_HEIGHT + BAR_TOP,
                level=item.level,
                target=item.target,
                level_width=max(x(item.level), 4.0),
                target_x=x(item.target) if item.target is not None else None,
            )
        )
    ticks = tuple((level, x(level)) for level in scale)
    return Chart(WIDTH, max(len(bars), 1) * ROW_HEIGHT, tuple(bars), ticks)
