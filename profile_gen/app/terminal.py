"""The one gate between the commands and the terminal.

What `profile-gen` prints quotes a student's folder: names, values found in a profile, the
titles of articles, lines of an imported file. A terminal obeys the control characters in
them (ESC sequences retitle or clear it, BEL rings, a carriage return hides a line) and bidi
controls reorder a line. Every user-facing line goes through `say` (or `safe` where a
library prints it), which shows them escaped (`\\x1b`, `\\u202e`); new lines and tabs stay.
"""

from __future__ import annotations

import sys
from typing import TextIO

from profile_gen.text import visible


def safe(text: object) -> str:
    """`text` as the terminal may show it: its control characters escaped, lines kept."""
    return visible(str(text), keep="\n\t")


def say(text: object = "", *, err: bool = False, file: TextIO | None = None) -> None:
    """Print `text` through the gate, on stdout (stderr with `err`, or on `file`)."""
    stream = file if file is not None else sys.stderr if err else sys.stdout
    print(safe(text), file=stream)
