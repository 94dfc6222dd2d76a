"""Measure the shipped deck font again: writes `metrics.json` beside the deck's text
measurement (`measure.METRICS`) from the TrueType files in theme/static/fonts/
(tests/test_tokens.py fails while it is stale). Run from the repository root:
    python scripts/deck_metrics.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from profile_gen.views import measure

FONTS = Path("theme/static/fonts")


def main() -> int:
    measure.METRICS.write_text(measure.table(FONTS), encoding="utf-8")
    print(f"wrote {measure.METRICS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
