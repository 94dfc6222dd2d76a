"""A limit on the processor time an untrusted input may take to read (an article).

Python-Markdown takes time in the square of some inputs' length: 100 kB of `[` keep it busy
for minutes, a build that seems to hang, and a cohort's worker held for good. A normal
article of the 2 MB the folder allows reads in about 3 s; `SECONDS` is ten times that.

The limit is the process's CPU timer (`signal.ITIMER_PROF`): in the main thread of a
system that has it (Linux, macOS: a student's build, each cohort worker, `serve`'s
rebuild). Elsewhere (Windows, a thread) the read goes unlimited, as before.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

SECONDS = 30.0


class TooSlow(Exception):
    """The read took more than its limit of processor time."""


def _expired(signum, frame):
    raise TooSlow


@contextmanager
def cpu_limit(seconds: float | None = None) -> Iterator[None]:
    """Raise `TooSlow` in the block once it has used `seconds` (`SECONDS`) of processor
    time."""
    if (
        not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return
    previous = signal.signal(signal.SIGPROF, _expired)
    signal.setitimer(signal.ITIMER_PROF, seconds or SECONDS)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
