"""What the Word annexe's tests share: building a profile's annexe.docx, reading its
parts, pictures, QR codes and links back."""

from __future__ import annotations

import inspect
import io
import shutil
import textwrap
import zipfile
from pathlib import Path

import docx
import zxingcpp
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from PIL import Image

from profile_gen.app.build import run_pelican
from profile_gen.keys import FORMATS_KEY
from tests.conftest import ROOT

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def build(root: Path, formats: tuple[str, ...] = ("docx",), output: Path | None = None) -> Path:
    """Build the content of `root` (a copy of the sample, edited) writing only `formats`
    (no PDFs); the path of its `annexe.docx`."""
    settings = root / "pelican.conf.py"
    options = {}
    if "formats" in inspect.signature(run_pelican).parameters:
        options["formats"] = formats  # `run_pelican` chooses the formats itself
    else:  # the setting `run_pelican` passes on
        settings.write_text(
            settings.read_text("utf-8") + f"\n{FORMATS_KEY} = {set(formats)!r}\n", "utf-8"
        )
    built = run_pelican(settings, output or root / "output", pdf=False, **options)
    return built.output / "annexe.docx"


def part_xml(path: Path, name: str = "word/document.xml") -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name).decode("utf-8")


def headings(document, level: int) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def pictures(document) -> list[tuple[bytes, int, int, str]]:
    """Every picture of the document (tables included): bytes, width, height (EMU), alt."""
    found = []
    for shape in document.inline_shapes:
        inline_element = shape._inline
        r_id = inline_element.graphic.graphicData.pic.blipFill.blip.embed
        blob = document.part.related_parts[r_id].blob
        found.append((blob, shape.width, shape.height, inline_element.docPr.get("descr")))
    return found


def qr_codes(document) -> dict[str, tuple[float, float, int]]:
    """The QR codes among the pictures, by text: printed width of the picture and of the
    symbol (cm), and the picture's resolution (pixels per inch)."""
    found = {}
    for blob, width, _height, _alt in pictures(document):
        image = Image.open(io.BytesIO(blob))
        for barcode in zxingcpp.read_barcodes(image.convert("L")):
            assert "QR" in str(barcode.format) and "Micro" not in str(barcode.format)
            points = barcode.position
            symbol_px = points.top_right.x - points.top_left.x
            width_cm = width / 360000
            found[barcode.text] = (
                width_cm,
                symbol_px / image.width * width_cm,
                round(image.width / (width_cm / 2.54)),
            )
    return found


def hyperlink_targets(path: Path) -> set[str]:
    document = docx.Document(str(path))
    parts = [document.part, *(s.footer.part for s in document.sections)]
    return {
        rel.target_ref
        for part in parts
        for rel in part.rels.values()
        if rel.reltype == RT.HYPERLINK
    }


def write_content(root: Path, profile: str) -> Path:
    shutil.copytree(ROOT / "theme", root / "theme")
    shutil.copy(ROOT / "pelican.conf.py", root / "pelican.conf.py")
    (root / "content").mkdir()
    (root / "content/profile.yaml").write_text(textwrap.dedent(profile), "utf-8")
    return root
