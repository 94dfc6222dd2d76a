"""Start-up and end of a `profile-gen` command: import its modules without the cyclic GC,
stop on SIGTERM as on Ctrl-C (`stopped_on_sigterm`), and end without freeing every object
one by one (`exit_now`).

Importing Pelican, docutils, pydantic and the model creates a few hundred thousand objects
that live as long as the process. While they are imported, and later while the build
allocates, the cyclic garbage collector keeps walking all of them: about a fifth of the
sample's build (see docs/performance.md). A command imports what it needs inside
`long_lived_imports()`: the collector is paused meanwhile, then the imported objects are
moved out of its reach with `gc.freeze()` and it is turned back on for the build itself.
"""

from __future__ import annotations

import atexit
import gc
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

_frozen = False


@contextmanager
def long_lived_imports() -> Iterator[None]:
    """Pause the collector while importing; freeze what exists once per process."""
    global _frozen
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if not _frozen:
            # Once: in a process that runs several commands (the tests), later ones must not
            # pin the garbage of the earlier ones.
            gc.freeze()
            _frozen = True
        if was_enabled:
            gc.enable()


def no_pydantic_plugins() -> None:
    """Pydantic looks for plugins (the `pydantic` entry points of every installed
    distribution) when it first validates: 10-15 ms of reading metadata in a virtual
    environment of a hundred packages, for plugins a profile's validation never wants. The
    documented switch (`PYDANTIC_DISABLE_PLUGINS`), unless the student set it; in the
    `profile-gen` process only (`cli.run`), and its children, such as a cohort's workers."""
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")


class Terminated(KeyboardInterrupt):
    """SIGTERM, handled as Ctrl-C is: the build in progress cleans its staging folder and
    stops its helper, and the command ends with the status 143 (128 + 15)."""


@contextmanager
def stopped_on_sigterm() -> Iterator[None]:
    """Turn SIGTERM into `Terminated` while the command runs (in the main thread only:
    elsewhere Python cannot set a handler), then restore the previous handler."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame) -> None:
        raise Terminated

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def exit_now(code: int) -> NoReturn:
    """End the process with `code` once the command is done, as Python would, less the
    freeing of every object of every module one by one: 0.03 s of the sample's 0.4 s HTML
    build (docs/performance.md), paid by each command (mypy ends the same way).

    What an exit must still do is done first: the `atexit` functions (the logging's flush,
    multiprocessing's children, the code cache, temporary folders), then the flush of the
    standard streams. With a thread still running (`serve`'s helpers, a library's), under a
    profiler or a tracer (`python -m cProfile -m profile_gen`, a debugger, coverage: they
    write their results once the command returns), or on a Python without
    `atexit._run_exitfuncs`, the ordinary exit: nothing is cut short."""
    run_exitfuncs = getattr(atexit, "_run_exitfuncs", None)
    watched = sys.gettrace() is not None or sys.getprofile() is not None
    if threading.active_count() > 1 or watched or run_exitfuncs is None:
        sys.exit(code)
    run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except BrokenPipeError:  # `profile-gen check | head`: the reader has all it wanted
            code = code or 141
        except OSError:  # a full disk: what was printed is lost, as Python's own exit says
            code = code or 120
        except ValueError:  # a closed stream: nothing left to write there
            pass
    os._exit(code)
