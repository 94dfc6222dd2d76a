"""The progress of a cohort on stderr: one line redrawn in place on a terminal, a plain line
every tenth of the members elsewhere (a CI log), never depending on the terminal's width.

No thread draws it (the workers are forked from this process): the line changes when a
member ends. Its width is fixed (a bar of `BAR` cells and the counts), never measured.
"""

from __future__ import annotations

import sys
from typing import TextIO

from profile_gen import i18n
from profile_gen.app.terminal import safe

BAR = 20
"""Cells of the bar drawn on a terminal."""

STEPS = 10
"""Plain lines written when stderr is no terminal: one every tenth of the members."""


class Progress:
    """`advance()` once per member ended; `close()` ends the terminal's line."""

    def __init__(
        self, total: int, lang: str, stream: TextIO | None = None, enabled: bool = True
    ) -> None:
        self.total, self.lang, self.enabled = total, lang, enabled
        self.stream = stream if stream is not None else sys.stderr
        self.tty = _is_tty(self.stream)
        self.done = self.failed = 0
        self.every = max(1, -(-total // STEPS))  # a tenth, rounded up
        self.width = 0

    def advance(self, ok: bool = True) -> None:
        self.done += 1
        self.failed += not ok
        if not self.enabled:
            return
        if self.tty:
            self._draw()
        elif self.done % self.every == 0 or self.done == self.total:
            self.stream.write(self._line() + "\n")
            self.stream.flush()

    def close(self) -> None:
        if self.enabled and self.tty and self.width:
            self.stream.write("\n")
            self.stream.flush()

    def _line(self) -> str:
        text = i18n.text(self.lang, "cohort.progress_line", done=self.done, total=self.total)
        if self.failed:
            text += " " + i18n.text(self.lang, "cohort.progress_failed", count=self.failed)
        return safe(text)

    def _draw(self) -> None:
        full = BAR * self.done // max(self.total, 1)
        line = f"[{'#' * full}{'.' * (BAR - full)}] {self._line()}"
        padding = " " * max(0, self.width - len(line))  # what the longer line left
        self.width = len(line)
        self.stream.write(f"\r{line}{padding}")
        self.stream.flush()


def _is_tty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or bare stream
        return False
