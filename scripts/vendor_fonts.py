"""Copy the fonts the package ships into the theme (theme/static/fonts/), with their licences.

- Liberation Serif 2.x (SIL OFL 1.1, metric-compatible with Times New Roman: the printed
  annexe and CV), unchanged (no subsetting: the OFL reserves the name "Liberation" for
  unmodified fonts). TrueType, not WOFF2: WeasyPrint would spend seconds decompressing
  WOFF2 glyphs in Python on every PDF. Source: Debian's fonts-liberation2 package.
- Atkinson Hyperlegible 1.006 (SIL OFL 1.1, no reserved font name; the Book and the deck):
  for browsers, fontsource's latin and latin-ext subsets as WOFF2, regular and bold, upright
  and italic (npm package @fontsource/atkinson-hyperlegible: `npm pack` gives its tarball);
  for WeasyPrint and the deck's measure, the whole TrueType faces, one file per weight and
  style, as Google Fonts serves them (npm package @expo-google-fonts/atkinson-hyperlegible
  0.4.1, the same version 1.006 and advance widths). Not TrueType twins of the subsets:
  WeasyPrint prints two files of one face as one font, the second's letters drawn with the
  first's glyphs. Then `python scripts/deck_metrics.py` measures it again.

Run from the repository root:
    python scripts/vendor_fonts.py [LIBERATION_DIR] [FONTSOURCE_TARBALL GOOGLE_FONTS_TARBALL]
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


GOOGLE_NAMES = {
    (400, "normal"): "400Regular/AtkinsonHyperlegible_400Regular.ttf",
    (400, "italic"): "400Regular_Italic/AtkinsonHyperlegible_400Regular_Italic.ttf",
    (700, "normal"): "700Bold/AtkinsonHyperlegible_700Bold.ttf",
    (700, "italic"): "700Bold_Italic/AtkinsonHyperlegible_700Bold_Italic.ttf",
}


def atkinson(fontsource: Path, google: Path) -> None:
    """The WOFF2 subsets and the whole TrueType faces named in `tokens.toml`'s `[face]`,
    and the OFL."""
    with tarfile.open(fontsource) as archive:
        for name, *_ in tokens.font_files():
            data = archive.extractfile(f"package/files/{name}")
            assert data is not None, name
            (TARGET / name).write_bytes(data.read())
        licence = archive.extractfile("package/LICENSE")
        assert licence is not None
        (TARGET / "LICENSE-AtkinsonHyperlegible.txt").write_bytes(licence.read())
    with tarfile.open(google) as archive:
        for name, weight, style in tokens.print_font_files():
            data = archive.extractfile(f"package/{GOOGLE_NAMES[weight, style]}")
            assert data is not None, name
            (TARGET / name).write_bytes(data.read())
            assert TTFont(TARGET / name)["head"].fontRevision >= 1.006, name


def main(argv: list[str]) -> int:
    TARGET.mkdir(parents=True, exist_ok=True)
    liberation(Path(argv[1] if len(argv) > 1 else "/usr/share/fonts/truetype/liberation2"))
    if len(argv) > 3:
        atkinson(Path(argv[2]), Path(argv[3]))
    print(f"wrote the fonts and their licences to {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
