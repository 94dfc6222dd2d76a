"""QR codes as vector paths: regular QR (never Micro QR), error correction M, 4-module quiet zone."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import qrcode
from qrcode.constants import ERROR_CORRECT_M

QUIET_ZONE = 4


@dataclass(frozen=True)
class QrCode:
    data: str
    modules: int
    """Side of the symbol in modules, quiet zone included."""
    path: str
    """SVG path data of the dark modules, one unit per module."""
    version: int


@lru_cache(maxsize=64)
def make_qr(data: str) -> QrCode:
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=QUIET_ZONE, box_size=1)
    code.add_data(data)
    code.make(fit=True)
    matrix = code.get_matrix()
    parts = []
    for y, row in enumerate(matrix):
        x = 0
        while x < len(row):
            if row[x]:
                start = x
                while x < len(row) and row[x]:
                    x += 1
                parts.append(f"M{start} {y}h{x - start}v1h{start - x}z")
            else:
                x += 1
    return QrCode(data=data, modules=len(matrix), path="".join(parts), version=code.version)
