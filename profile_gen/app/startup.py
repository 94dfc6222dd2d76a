"""Start-up of a `profile-gen` command: import its modules without the cyclic GC, and
stop on SIGTERM as on Ctrl-C (`stopped_on_sigterm`).

Importing Pelican, docutils, pydantic and the model creates a few hundred thousand objects
that live as long as the process. While they are imported, and later while the build
allocates, the cyclic garbage collector keeps walking all of them: about a fifth of the
sample's build (see docs/performance.md). A command imports what it needs inside
`long_lived_imports()`: the collector is paused meanwhile, then the imported objects are
moved out of its reach with `gc.freeze()` and it is turned back on for the build itself.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

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
