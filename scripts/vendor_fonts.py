"""Copy the fonts the package ships into the theme (theme/static/fonts/), with their licences.

- Liberation Serif 2.x (SIL OFL 1.1, metric-compatible with Times New Roman: the printed
  annexe and CV), unchanged (no subsetting: the OFL reserves the name "Liberation" for
  unmodified fonts). TrueType, not WOFF2: WeasyPrint would spend seconds decompressing
  WOFF2 glyphs in Python on every PDF. Source: Debian's fonts-liberation2 package.
- Atkinson Hyperlegible (SIL OFL 1.1, no reserved font name; the Book and the deck):
  fontsource's latin and latin-ext subsets, regular and bold, upright and italic, as WOFF2
  for browsers and as TrueType twins (decompressed here, once) for WeasyPrint. Source: the
  npm package @fontsource/atkinson-hyperlegible (`npm pack @fontsource/atkinson-hyperlegible`
  gives its tarball). Then `python scripts/deck_metrics.py` measures it again.

Run from the repository root:
    python scripts/vendor_fonts.py [LIBERATION_DIR] [FONTSOURCE_TARBALL]
"""

from __future__ import annotations

import re
import shutil
import sys
import tarfile
from pathlib import Path

from fontTools.ttLib import TTFont

from profile_gen import tokens

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


def liberation(source: Path) -> None:
    for style in STYLES:
        shutil.copyfile(
            source / f"LiberationSerif-{style}.ttf", TARGET / f"LiberationSerif-{style}.ttf"
        )
    copyright_file = Path("/usr/share/doc/fonts-liberation2/copyright")
    (TARGET / "LICENSE-LiberationSerif.txt").write_text(
        licence_text(copyright_file), encoding="utf-8"
    )


def atkinson(tarball: Path) -> None:
    """The WOFF2 files named in `tokens.toml`'s `[face]`, their TrueType twins, the OFL."""
    with tarfile.open(tarball) as archive:
        for name, *_ in tokens.font_files("woff2"):
            data = archive.extractfile(f"package/files/{name}")
            assert data is not None, name
            (TARGET / name).write_bytes(data.read())
        licence = archive.extractfile("package/LICENSE")
        assert licence is not None
        (TARGET / "LICENSE-AtkinsonHyperlegible.txt").write_bytes(licence.read())
    for name, *_ in tokens.font_files("woff2"):
        font = TTFont(TARGET / name)
        font.flavor = None
        font.save(TARGET / name.replace(".woff2", ".ttf"), reorderTables=True)


def main(argv: list[str]) -> int:
    TARGET.mkdir(parents=True, exist_ok=True)
    liberation(Path(argv[1] if len(argv) > 1 else "/usr/share/fonts/truetype/liberation2"))
    if len(argv) > 2:
        atkinson(Path(argv[2]))
    print(f"wrote the fonts and their licences to {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
