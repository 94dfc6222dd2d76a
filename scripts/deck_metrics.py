"""Measure the shipped deck fonts again: writes `metrics.json` beside the deck's text
measurement (`measure.METRICS`) from the TrueType files in theme/static/fonts/, and each
built-in design's whose deck has a font of its own (`[font] deck` in its `tokens.toml`)
in its folder, from its `fonts/` (tests/test_tokens.py and tests/test_designs.py fail
while one is stale). Run from the repository root:
    python scripts/deck_metrics.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from profile_gen import designs
from profile_gen.views import measure

FONTS = Path("theme/static/fonts")


def main() -> int:
    measure.METRICS.write_text(measure.table(FONTS), encoding="utf-8")
    print(f"wrote {measure.METRICS}")
    for name in designs.names():
        family = designs.load(name, None, set()).token("font", "deck")
        if family:
            path = designs.built_in_folder() / name / measure.METRICS.name
            path.write_text(measure.design_table(path.parent, family[0]), encoding="utf-8")
            print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
