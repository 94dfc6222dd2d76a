"""Which worker runs what, and in which order, under pytest-xdist (`-n`, with `--dist
loadgroup` set in pyproject.toml): results never depend on it, only the time a run takes.

- Tests that share an expensive build run on one worker, so it is built once: the tests of a
  module with a module- or session-scoped fixture of ours form one group, and every test
  that reads the sample printed with its PDFs (`sample_site_pdf`) one more. The sample's
  HTML build and the browser are cheap enough for each worker to have its own. Every other
  test goes alone to whichever worker is free.
- The heaviest blocks start first (weighed by their tiers: a slow, Chromium or PDF test
  weighs more than a fast one), so that a long test does not start last and run alone.

xdist's own `loadgroup` reads groups from node ids it rewrites, which pytest 9.2 no longer
allows (pytest-xdist#1386): the workers write the groups they computed (the same on each)
to a file the controller gives them, and `SharedBuilds`, the controller's scheduler, reads
it. An `xdist_group` mark still names a test's group.
"""

from __future__ import annotations

import functools
import inspect
import json
import os
import shutil
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any, ClassVar

import pytest

EVERY_WORKER = {"sample_site", "chromium"}
"""Shared fixtures each worker builds for itself: cheaper than running their tests in a row."""
PRINTED_SAMPLE = "sample_site_pdf"
PRINTED_SAMPLES = (PRINTED_SAMPLE, "sample_project_pdf")
"""The sample printed once for the session: its folder, and its output."""
WEIGHTS = {"slow": 40, "chromium": 15, "pdf": 15}
"""What a test of a tier weighs, roughly its seconds; a fast test weighs 1."""
GROUPS_FILE = "profile_gen_groups"
"""The key of the groups file's path in what the controller gives each worker."""


def _shared_fixtures(item: pytest.Item) -> list[Any]:
    """The fixtures of ours `item` uses that outlive it (module or session scope)."""
    info = getattr(item, "_fixtureinfo", None)
    if info is None:
        return []
    return [
        definition
        for name in getattr(item, "fixturenames", ())
        if name not in EVERY_WORKER
        for definition in info.name2fixturedefs.get(name, ())
        if definition.baseid and definition.scope != "function"
    ]


def _mentions_printed_sample(definition: Any) -> bool:
    return definition.argname in PRINTED_SAMPLES or _source_mentions_printed_sample(definition.func)


@functools.cache
def _source_mentions_printed_sample(function: Any) -> bool:
    """Kept per fixture function: its answer serves every test that uses it."""
    try:
        source = inspect.getsource(function)
    except (OSError, TypeError):
        return False
    return any(name in source for name in PRINTED_SAMPLES)


def group(item: pytest.Item) -> str | None:
    """The group `item` runs in, on one worker with the rest of it (None: alone)."""
    if (mark := item.get_closest_marker("xdist_group")) is not None:
        return str(mark.args[0] if mark.args else mark.kwargs.get("name", "default"))
    shared = _shared_fixtures(item)
    if not shared:
        return None
    if any(_mentions_printed_sample(d) for d in shared):
        return PRINTED_SAMPLE
    return item.nodeid.split("::")[0]


def _weight(item: pytest.Item) -> int:
    return max([1, *(WEIGHTS.get(mark.name, 1) for mark in item.iter_markers())])


@pytest.hookimpl(trylast=True)  # after pytest's own order and the tiers' marks
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The order: blocks (a group, or the other tests of one module) heaviest first, each
    block's tests in the order pytest chose; on a worker, the groups written down."""
    groups = {item.nodeid: group(item) for item in items}
    blocks: dict[str, list[pytest.Item]] = defaultdict(list)
    for item in items:
        blocks[groups[item.nodeid] or item.path.name].append(item)
    weight = {name: sum(_weight(item) for item in block) for name, block in blocks.items()}
    order = sorted(blocks, key=lambda name: -weight[name])  # stable: ties keep pytest's order
    items[:] = [item for name in order for item in blocks[name]]
    where = getattr(config, "workerinput", {}).get(GROUPS_FILE)
    if where:  # each worker writes the same: the last one's stays
        path = Path(where)
        own = path.with_name(f"{path.name}.{os.getpid()}")
        own.write_text(json.dumps({k: v for k, v in groups.items() if v}), "utf-8")
        os.replace(own, path)


class _Controller:
    """The xdist controller's side: a file for the workers' groups, and the scheduler."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="profile-gen-groups-"))
        self.path = self.folder / "groups.json"

    def pytest_configure_node(self, node: Any) -> None:
        node.workerinput[GROUPS_FILE] = str(self.path)

    def pytest_xdist_make_scheduler(self, config: pytest.Config, log: Any) -> Any:
        if config.getvalue("dist") != "loadgroup":
            return None
        from xdist.scheduler import LoadScopeScheduling

        path = self.path

        class SharedBuilds(LoadScopeScheduling):
            """xdist's scope scheduling, a scope being a test's group, or the test."""

            groups: ClassVar[dict[str, str]] = {}

            def _split_scope(self, nodeid: str) -> str:
                return self.groups.get(nodeid, nodeid)

            def schedule(self) -> None:
                if self.collection is None and path.is_file():  # the workers' collections
                    SharedBuilds.groups = json.loads(path.read_text("utf-8"))
                super().schedule()

        return SharedBuilds(config, log)

    def pytest_unconfigure(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto`: one worker per core this process may use. The suite is bound by the
    processor (docs/performance.md): a third worker on two cores found no idle core to fill,
    and cost its own collection, sample and browser (measured on 2026-12-05, the same
    machine, alternating: `-n 2` 319 s and 346 s, `-n 3` 344 s and 370 s)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # no affinity outside Linux
        cores = os.cpu_count() or 1
    return cores


def pytest_configure(config: pytest.Config) -> None:
    controller = config.pluginmanager.hasplugin("xdist") and not hasattr(config, "workerinput")
    if controller and config.getoption("numprocesses", None):
        config.pluginmanager.register(_Controller(), "profile_gen-xdist-controller")
