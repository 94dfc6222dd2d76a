"""The worker processes of a cohort: forked once per generation, each building many Books.

A worker is a copy of the command's process (`fork` on Linux), so Pelican, the plugin and
the catalogues it imported before forking are loaded once, not once per worker nor per
member. Memory stays bounded on both sides: the parent keeps at most `WINDOW` members per
worker queued (not a thousand futures), and a worker builds at most `PER_WORKER` members
before the pool is replaced by fresh copies (a Pelican build leaves about 0.3 MB behind: 500
members would grow a worker by 150 MB, 100 by 30 MB). The pool is forked from the main
thread with no other thread alive (no progress thread), as `fork` requires.

A member may take `limit` seconds (`time_limit.time_limited`): a Book held longer (a hostile
folder made to be slow, a profile of megabytes) is stopped and named, the class goes on.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

PER_WORKER = 100
"""Members a worker builds before it is replaced (its memory given back)."""

WINDOW = 2
"""Members queued per worker: enough to keep it busy, few for the parent to hold."""


def _context() -> Any:
    """`fork` where it is safe and the default (Linux): the workers share what the parent
    imported; elsewhere the platform's default (spawn: each worker imports once)."""
    return multiprocessing.get_context("fork") if sys.platform.startswith("linux") else None


def _worker_started() -> None:
    """A worker ends quietly when the pool stops it (SIGTERM, sent to the others when one dies):
    a forked worker would otherwise keep the command's own handler (`stopped_on_sigterm`),
    which raises, and print its traceback."""
    import signal

    signal.signal(signal.SIGTERM, signal.SIG_DFL)


@contextlib.contextmanager
def _pool(workers: int) -> Iterator[ProcessPoolExecutor]:
    """A pool of `workers` (`_worker_started` in each). Left by an exception (Ctrl-C,
    SIGTERM, its caller gone), its workers are ended at once, not waited for: a Book held
    until its time limit does not hold the command with it."""
    pool = ProcessPoolExecutor(workers, mp_context=_context(), initializer=_worker_started)
    try:
        yield pool
    except BaseException:
        stop = getattr(pool, "terminate_workers", None)  # Python 3.14; before, its processes
        if stop is None:
            for process in list((getattr(pool, "_processes", None) or {}).values()):
                process.terminate()
        else:
            stop()
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def built_in_pool(
    build: Callable[..., Any],
    arguments: dict[str, tuple],
    jobs: int,
    crashed: Callable[[str, Path, str], Any],
    internal: Callable[[str, Path, BaseException], Any],
    per_worker: int = PER_WORKER,
    too_long: Callable[[str, Path], Any] | None = None,
    limit: float | None = None,
) -> Iterator[Any]:
    """`build(*arguments[slug])` of every member, yielded as they end, over `jobs` workers.
    A worker that dies (killed, out of memory, a crash in a library) breaks the pool: the
    members it left unfinished are built again one by one, each in a process of its own, so
    only the one that kills its worker again is reported (`crashed(slug, folder, detail)`,
    or `too_long(slug, folder)` when it died after `limit` seconds: `time_limited` ended
    it); an outcome that cannot come back is `internal(slug, folder, error)`."""
    again: list[str] = []
    pending = deque(arguments)
    while pending:
        generation = [pending.popleft() for _ in range(min(len(pending), jobs * per_worker))]
        size = len(generation)
        yield from _generation(build, arguments, generation, jobs, again, internal)
        if len(generation) == size:  # a pool that broke before taking any: one by one
            again.append(generation.pop(0))
        pending.extendleft(reversed(generation))  # what a broken pool left unsubmitted
    for slug in again:
        with _pool(1) as alone:
            started = time.monotonic()
            try:
                yield alone.submit(build, *arguments[slug]).result()
            except BrokenProcessPool as error:
                if too_long and limit and time.monotonic() - started >= limit:
                    yield too_long(slug, arguments[slug][2])
                    continue
                detail = (str(error).strip().splitlines() or [""])[0][:200]
                yield crashed(slug, arguments[slug][2], detail)


def _generation(
    build: Callable[..., Any],
    arguments: dict[str, tuple],
    slugs: list[str],
    jobs: int,
    again: list[str],
    internal: Callable[[str, Path, BaseException], Any],
) -> Iterator[Any]:
    """One pool's worth of members, at most `WINDOW` per worker submitted at a time, taken
    from the front of `slugs`; those a broken pool never received stay in `slugs`."""
    slugs.reverse()
    running: dict[Future, str] = {}
    workers = min(jobs, len(slugs))
    with _pool(workers) as pool:
        broken = False
        while True:
            while not broken and len(running) < workers * WINDOW:
                if not slugs:
                    break
                slug = slugs.pop()
                try:
                    running[pool.submit(build, *arguments[slug])] = slug
                except BrokenProcessPool:
                    slugs.append(slug)
                    broken = True
            if not running:
                break
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                slug = running.pop(future)
                try:
                    yield future.result()
                except BrokenProcessPool:
                    again.append(slug)
                    broken = True
                except Exception as error:  # its outcome could not come back: a bug of ours
                    yield internal(slug, arguments[slug][2], error)
    slugs.reverse()
