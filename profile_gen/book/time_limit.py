"""Limits on the time an untrusted input may take: the processor time to read an article
(`cpu_limit`), and the wall time of a whole Book in a cohort's worker (`time_limited`).

Python-Markdown takes time in the square of some inputs' length: 100 kB of `[` keep it busy
for minutes, a build that seems to hang, and a cohort's worker held for good. A normal
article of the 2 MB the folder allows reads in about 3 s; `SECONDS` is ten times that.

The limit is the process's CPU timer (`signal.ITIMER_PROF`): in the main thread of a
system that has it (Linux, macOS: a student's build, each cohort worker, `serve`'s
rebuild). Elsewhere (Windows, a thread) the read goes unlimited, as before.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

SECONDS = 30.0


class TooSlow(Exception):
    """The read took more than its limit of processor time."""


def _expired(signum, frame):
    raise TooSlow


@contextmanager
def cpu_limit(seconds: float | None = None) -> Iterator[None]:
    """Raise `TooSlow` in the block once it has used `seconds` (`SECONDS`) of processor
    time."""
    import signal  # here and below: the command reads `MINUTES` at start-up, nothing else
    import threading

    if (
        not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return
    previous = signal.signal(signal.SIGPROF, _expired)
    try:  # set inside: a signal raised at once still finds the timer disarmed below
        signal.setitimer(signal.ITIMER_PROF, seconds or SECONDS)
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


MINUTES = 10
"""What a member may take by default (`build --cohort --time-limit`): a Book builds in
seconds, the largest profile the tool reads (10 MB) in about 4 minutes."""

REPEAT = 5.0
"""Seconds between two alarms once the limit is passed: a library that takes every exception
for one of its own (WeasyPrint's drawing of an SVG picture catches `BaseException`) keeps
the first `TooLong`, not the next."""

GRACE = 30.0
"""Seconds after its limit when a worker held in code the alarm cannot interrupt (a library's
C code) ends itself (faulthandler's watchdog): the pool then names the member."""


class TooLong(BaseException):
    """A member's build passed its time limit (`time_limited`). A BaseException, as a
    KeyboardInterrupt: no library's `except Exception` takes it for one of its own errors."""


@contextmanager
def time_limited(seconds: float | None) -> Iterator[None]:
    """In a cohort's worker process, raise `TooLong` in the block after `seconds` of wall
    time (an alarm, where the system has one: Linux, macOS; again every `REPEAT` seconds
    until the block ends, should one be swallowed); and should the alarm go unheard
    (C code that holds the interpreter, or Windows), the process ends `GRACE` seconds later
    (at once on Windows), never held for good. Nothing outside a worker, or with no limit."""
    import faulthandler
    import multiprocessing  # a cohort's alone: not loaded by every build
    import os
    import signal
    import threading

    if not seconds or multiprocessing.parent_process() is None:
        yield
        return
    alarm = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    armed = [True]

    def expired(signum: int, frame: Any) -> None:
        if armed[0]:
            raise TooLong

    with open(os.devnull, "w") as nowhere:
        faulthandler.dump_traceback_later(
            seconds + GRACE if alarm else seconds, file=nowhere, exit=True
        )
        previous = signal.signal(signal.SIGALRM, expired) if alarm else None
        if alarm:
            signal.setitimer(signal.ITIMER_REAL, seconds, REPEAT)
        try:
            yield
        finally:
            armed[0] = False
            if alarm:
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, signal.SIG_DFL if previous is None else previous)
            faulthandler.cancel_dump_traceback_later()
