"""QR codes: regular QR (never Micro QR), error correction M, 4-module quiet zone; drawn as
vector paths in HTML and PDF, as pictures in Word and PowerPoint, all from the same runs.

Encoding a link takes a few milliseconds and importing `qrcode` some more, for a result that
only changes with the link: codes are kept in memory and, given a cache folder, on disk.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from profile_gen.media import read_record, write_atomic

QUIET_ZONE = 4
FORMAT = 2
"""Version of the cached files; bump it when the encoding settings or `QrCode` change."""


@dataclass(frozen=True)
class QrCode:
    data: str
    modules: int
    """Side of the symbol in modules, quiet zone included."""
    runs: tuple[tuple[int, int, int], ...]
    """The dark modules, row by row: (column, row, length) of each horizontal run of them."""
    version: int

    @cached_property
    def path(self) -> str:
        """SVG path data of the dark modules, one unit per module, to draw with a stroke one
        unit wide (SVG's default width) and no fill: a line through the middle of each run.
        Two commands a run where a filled rectangle takes four: WeasyPrint parses and draws
        each, and the six codes of the PDFs print 0.1 s sooner."""
        return "".join(f"M{x} {y}.5h{length}" for x, y, length in self.runs)


@lru_cache(maxsize=64)
def make_qr(data: str, cache: Path | None = None) -> QrCode:
    """The QR code of `data`, read from `cache` when it was encoded before."""
    if cache is None:
        return _encode(data)
    key = hashlib.sha256(f"{FORMAT}\n{data}".encode()).hexdigest()[:24]
    file = cache / f"{key}.json"
    try:
        found = json.loads(read_record(file))
        runs = tuple((int(x), int(y), int(length)) for x, y, length in found.pop("runs"))
        code = QrCode(**found, runs=runs)
        if code.data == data:
            return code
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        pass  # not cached yet, or unreadable: encode again
    code = _encode(data)
    write_atomic(file, json.dumps(asdict(code), separators=(",", ":")))
    return code


def link_codes(links: Mapping[str, str | None], cache: Path | None) -> dict[str, QrCode | None]:
    """The QR code of each link, by name; None for a link not given."""
    return {name: make_qr(str(url), cache) if url else None for name, url in links.items()}


def _encode(data: str) -> QrCode:
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=QUIET_ZONE, box_size=1)
    code.add_data(data)
    code.make(fit=True)
    matrix = code.get_matrix()
    runs = []
    for y, row in enumerate(matrix):
        x = 0
        while x < len(row):
            if row[x]:
                start = x
                while x < len(row) and row[x]:
                    x += 1
                runs.append((start, y, x - start))
            else:
                x += 1
    return QrCode(data=data, modules=len(matrix), runs=tuple(runs), version=code.version)
