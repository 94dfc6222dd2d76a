"""The cyclic garbage collector while the documents print.

Laying the documents out makes a few hundred thousand objects, few of them in cycles; the
collector walked them again and again, with everything the build made before: about 0.1 s
of CPU in the build's process and as much in the helper that prints beside it
(`pdf.write_pdfs`), for 1 to 4 MB more at the peak. It is paused meanwhile; the helper,
which ends with `os._exit`, also leaves alone what it inherited (`gc.freeze`).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """The collector off inside, back as it was after (also on an error)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
