"""Copy Liberation Serif 2.x (SIL OFL 1.1, metric-compatible with Times New Roman) into the
theme, unchanged (no subsetting: the OFL reserves the name "Liberation" for unmodified
fonts), with its licence. TrueType, not WOFF2: WeasyPrint would spend seconds decompressing
WOFF2 glyphs in Python on every PDF.

Source: Debian's fonts-liberation2 package. Run from the repository root:
    python scripts/vendor_fonts.py [/usr/share/fonts/truetype/liberation2]
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

STYLES = ("Regular", "Bold", "Italic", "BoldItalic")
TARGET = Path("theme/static/fonts")


def licence_text(copyright_file: Path) -> str:
    """The OFL text from Debian's machine-readable copyright file."""
    text = copyright_file.read_text(encoding="utf-8")
    block = text.split("License: SIL-OFL-1.1", 1)[1].split("\nFiles:", 1)[0]
    lines = [re.sub(r"^ ", "", line) for line in block.splitlines()[1:]]
    body = "\n".join("" if line == "." else line for line in lines).strip()
    header = text.split("License: SIL-OFL-1.1", 1)[0].split("Copyright:", 1)[1].strip()
    return f"Liberation Fonts 2.x\n\n{header}\n\n{body}\n"


def main(argv: list[str]) -> int:
    source = Path(argv[1] if len(argv) > 1 else "/usr/share/fonts/truetype/liberation2")
    TARGET.mkdir(parents=True, exist_ok=True)
    for style in STYLES:
        shutil.copyfile(
            source / f"LiberationSerif-{style}.ttf", TARGET / f"LiberationSerif-{style}.ttf"
        )
    copyright_file = Path("/usr/share/doc/fonts-liberation2/copyright")
    (TARGET / "LICENSE-LiberationSerif.txt").write_text(
        licence_text(copyright_file), encoding="utf-8"
    )
    print(f"wrote {len(STYLES)} fonts and the licence to {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
