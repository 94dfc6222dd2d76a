"""Which worker runs what, and in which order, under pytest-xdist (`--dist loadgroup`, set
in pyproject.toml): results never depend on it, only the time a run takes does.

- Tests that share an expensive build run on one worker, so it is built once: the tests of a
  module with a module- or session-scoped fixture of ours form one group (`xdist_group`),
  and every test that reads the sample printed with its PDFs (`sample_site_pdf`) one more.
  The sample's HTML build and the browser are cheap enough for each worker to have its own.
- The heaviest modules start first (weighed by their tiers: a slow, Chromium or PDF test
  weighs more than a fast one), so that a long test does not start last and run alone.
"""

from __future__ import annotations

import inspect
from collections import defaultdict

import pytest

EVERY_WORKER = {"sample_site", "chromium"}
"""Shared fixtures each worker builds for itself: cheaper than running their tests in a row."""
PRINTED_SAMPLE = "sample_site_pdf"
WEIGHTS = {"slow": 40, "chromium": 15, "pdf": 15}
"""What a test of a tier weighs, roughly its seconds; a fast test weighs 1."""


def _shared_fixtures(item: pytest.Item) -> list[object]:
    """The fixtures of ours `item` uses that outlive it (module or session scope)."""
    info = getattr(item, "_fixtureinfo", None)
    if info is None:
        return []
    return [
        definition
        for name in item.fixturenames  # type: ignore[attr-defined]
        if name not in EVERY_WORKER
        for definition in info.name2fixturedefs.get(name, ())
        if definition.baseid and definition.scope != "function"
    ]


def _mentions_printed_sample(definition: object) -> bool:
    try:
        return PRINTED_SAMPLE in inspect.getsource(definition.func)  # type: ignore[attr-defined]
    except (OSError, TypeError):
        return False


def _group(item: pytest.Item) -> str | None:
    shared = _shared_fixtures(item)
    if not shared:
        return None
    if any(
        d.argname == PRINTED_SAMPLE or _mentions_printed_sample(d)  # type: ignore[attr-defined]
        for d in shared
    ):
        return PRINTED_SAMPLE
    return item.nodeid.split("::")[0]


def _weight(item: pytest.Item) -> int:
    return max([1, *(WEIGHTS.get(mark.name, 1) for mark in item.iter_markers())])


class _Groups:
    @pytest.hookimpl(tryfirst=True)  # before xdist reads the groups
    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        for item in items:
            if (group := _group(item)) is not None:
                item.add_marker(pytest.mark.xdist_group(group))


def pytest_configure(config: pytest.Config) -> None:
    config.pluginmanager.register(_Groups(), "profile_gen-xdist-groups")


@pytest.hookimpl(trylast=True)  # after pytest's own order and the tiers' marks
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The order: blocks (a group, or the other tests of one module) heaviest first, each
    block's tests in the order pytest chose."""
    blocks: dict[str, list[pytest.Item]] = defaultdict(list)
    for item in items:
        group = next((mark.args[0] for mark in item.iter_markers("xdist_group")), None)
        blocks[group or item.path.name].append(item)
    weight = {name: sum(_weight(item) for item in block) for name, block in blocks.items()}
    order = sorted(blocks, key=lambda name: -weight[name])  # stable: ties keep pytest's order
    items[:] = [item for name in order for item in blocks[name]]
