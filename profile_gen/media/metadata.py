"""What a source image tells about its author beyond its pixels, and removing it.

The built outputs are re-encoded from pixels (`profile_gen.media.images`), but the source
files sit in the student's repository, often public: a phone photo carries where it was
taken (GPS), a camera its serial number and sometimes its owner's name. `sensitive` names
what an image carries; `strip` rewrites the file without its metadata, its pixels left as
they are where the format allows it:

- JPEG: the segments are copied except the metadata ones (APP1 EXIF / XMP, APP13 IPTC,
  comments, and every other APPn but JFIF, the ICC profile and Adobe's colour transform);
  the compressed scans are copied byte for byte, what follows the image is dropped;
- PNG: the chunks are copied except `eXIf`, `tEXt`, `iTXt`, `zTXt` and `tIME`;
- WebP: the `EXIF` and `XMP ` chunks are dropped (and their flags in `VP8X`);
- HEIC / HEIF hold the metadata inside the container's item tables: only a re-encoding
  (`reencode=True`, a slight loss) removes it.

An orientation other than upright is kept, alone, in a minimal EXIF, so that the photo
still shows the right way up. No I/O besides the file given.
"""

from __future__ import annotations

import io
import os
import struct
import tempfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from profile_gen.media.images import quiet_open

GPS_IFD, EXIF_IFD, ORIENTATION = 0x8825, 0x8769, 0x0112
OWNER_TAGS = (0xA430,)
"""CameraOwnerName (in the EXIF sub-directory)."""
OWNER_BASE_TAGS = (0x013B, 0x8298)
"""Artist, Copyright (in the image's own directory)."""
SERIAL_TAGS = (0xA431, 0xA435)
"""BodySerialNumber, LensSerialNumber."""
XMP_MARKS = {
    "location": (b"GPSLatitude", b"GPSLongitude"),
    "serial": (b"SerialNumber",),
    "owner": (b"OwnerName", b"dc:creator", b"Artist"),
}
"""Words of XMP (`exif:GPSLatitude`, `aux:SerialNumber`, `exifEX:CameraOwnerName`...)."""
KINDS = ("location", "serial", "owner")
"""What `sensitive` reports, in this order (labels: ``photo.kind.<kind>``)."""
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".heic", ".heif")


class CannotStrip(Exception):
    """The file cannot be rewritten without its metadata: `reason` is a message code."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason, detail)
        self.reason, self.detail = reason, detail


def sensitive(path: Path) -> list[str]:
    """The `KINDS` of data `path` carries (none for an unreadable file: other checks say it)."""
    try:
        with quiet_open(path) as image:
            exif = image.getexif()
            xmp = image.info.get("xmp") or image.info.get("XML:com.adobe.xmp") or b""
            gps = exif.get_ifd(GPS_IFD)
            details = exif.get_ifd(EXIF_IFD)
    except Exception:  # a broken image is reported by the build's own checks
        return []
    xmp = xmp.encode("utf-8", "replace") if isinstance(xmp, str) else bytes(xmp)
    found = {
        "location": any(tag != 0 for tag in gps),  # 0 is GPSVersionID, no position
        "serial": any(details.get(tag) for tag in SERIAL_TAGS),
        "owner": any(details.get(tag) for tag in OWNER_TAGS)
        or any(exif.get(tag) for tag in OWNER_BASE_TAGS),
    }
    for kind, marks in XMP_MARKS.items():
        found[kind] = found[kind] or any(mark in xmp for mark in marks)
    return [kind for kind in KINDS if found[kind]]


@dataclass(frozen=True)
class Stripped:
    format: str
    changed: bool
    """False when the file held no metadata to remove (then it is left untouched)."""
    reencoded: bool = False
    orientation: int = 1
    """The orientation kept (1: upright, none kept)."""


def strip(path: Path, reencode: bool = False) -> Stripped:
    """Rewrite `path` without its metadata (see the module); `CannotStrip` says why not."""
    try:
        with quiet_open(path) as image:
            kind = image.format or "?"
            exif = image.getexif()
            orientation = exif.get(ORIENTATION, 1)
            bare = not exif and not image.info.get("xmp")
    except UnidentifiedImageError:  # a README, a PDF: said in the user's words
        raise CannotStrip("photo_not_an_image") from None
    except Exception as error:  # any unreadable file is one user error
        raise CannotStrip("photo_unreadable", str(error)[:160]) from None
    orientation = orientation if isinstance(orientation, int) and 1 <= orientation <= 8 else 1
    data = path.read_bytes()
    writers = {"JPEG": _jpeg, "PNG": _png, "WEBP": _webp}
    if kind in writers:
        cleaned = writers[kind](data, orientation)
        reencoded = False
    elif kind == "HEIF" and bare:
        return Stripped(kind, False)
    elif kind == "HEIF" and reencode:
        cleaned, reencoded, orientation = _heif(path), True, 1
    elif kind == "HEIF":
        raise CannotStrip("photo_needs_reencode", kind)
    else:
        raise CannotStrip("photo_format", kind)
    if cleaned == data:
        return Stripped(kind, False)
    _verify(cleaned, kind)
    _replace(path, cleaned)
    return Stripped(kind, True, reencoded, orientation)


def _verify(data: bytes, kind: str) -> None:
    """The rewritten image still decodes as the same format, with nothing sensitive left."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            decoded = image.format
    except Exception as error:  # never replace a photo by a broken file
        raise CannotStrip("photo_unreadable", f"rewrite failed: {error}"[:160]) from None
    if decoded != kind:
        raise CannotStrip("photo_unreadable", f"rewrite failed: {decoded} is not {kind}")


def _replace(path: Path, data: bytes) -> None:
    """Write `data` over `path` atomically, keeping its permissions."""
    mode = path.stat().st_mode
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as temporary:
            temporary.write(data)
        os.chmod(name, mode & 0o7777)
        os.replace(name, path)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise


def orientation_exif(orientation: int) -> bytes:
    """A minimal EXIF (TIFF bytes, no `Exif` prefix) holding only the orientation."""
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    return exif.tobytes()[len(b"Exif\x00\x00") :]


# --------------------------------------------------------------------------- JPEG

KEPT_APP = {0xE0: b"", 0xE2: b"ICC_PROFILE\x00", 0xEE: b"Adobe"}
"""The application segments kept (with the start their data must have): JFIF, the colour
profile, Adobe's colour transform (without it some JPEGs decode with wrong colours)."""
COMMENT = 0xFE
STANDALONE = {0x01, *range(0xD0, 0xD8)}
"""Markers without a length: TEM and the restart markers."""


def _jpeg_segments(data: bytes) -> Iterator[tuple[int, bytes]]:
    """(marker, bytes) of each segment after SOI, a scan with its compressed data, up to
    and including EOI; what follows EOI is not yielded."""
    if data[:2] != b"\xff\xd8":
        raise CannotStrip("photo_unreadable", "no JPEG start")
    position, end = 2, len(data)
    while position < end:
        if data[position] != 0xFF:
            raise CannotStrip("photo_unreadable", f"no JPEG marker at byte {position}")
        while position + 1 < end and data[position + 1] == 0xFF:  # fill bytes
            position += 1
        if position + 1 >= end:
            break
        marker = data[position + 1]
        if marker == 0xD9:
            yield marker, data[position : position + 2]
            return
        if marker in STANDALONE:
            yield marker, data[position : position + 2]
            position += 2
            continue
        length = int.from_bytes(data[position + 2 : position + 4], "big")
        stop = position + 2 + length
        if length < 2 or stop > end:
            raise CannotStrip("photo_unreadable", f"truncated JPEG segment at byte {position}")
        if marker == 0xDA:  # the compressed data follows the scan's header
            stop = _scan_end(data, stop)
        yield marker, data[position:stop]
        position = stop
    raise CannotStrip("photo_unreadable", "no JPEG end")


def _scan_end(data: bytes, position: int) -> int:
    """Where the compressed data that starts at `position` ends: at the first marker that is
    neither a stuffed 0xFF (FF 00) nor a restart marker."""
    while True:
        position = data.find(b"\xff", position)
        if position < 0 or position + 1 >= len(data):
            raise CannotStrip("photo_unreadable", "truncated JPEG scan")
        following = data[position + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7:
            position += 2
        elif following == 0xFF:
            position += 1
        else:
            return position


def _jpeg(data: bytes, orientation: int) -> bytes:
    kept = [b"\xff\xd8"]
    for marker, segment in _jpeg_segments(data):
        is_app = 0xE0 <= marker <= 0xEF
        kept_app = marker in KEPT_APP and segment[4:].startswith(KEPT_APP[marker])
        if marker == COMMENT or (is_app and not kept_app):
            continue
        kept.append(segment)
    if orientation != 1:
        payload = b"Exif\x00\x00" + orientation_exif(orientation)
        app1 = b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload
        first = 2 if len(kept) > 1 and kept[1][:2] == b"\xff\xe0" else 1  # after JFIF
        kept.insert(first, app1)
    return b"".join(kept)


# --------------------------------------------------------------------------- PNG

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_DROPPED = {b"eXIf", b"tEXt", b"iTXt", b"zTXt", b"tIME"}


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    crc = zlib.crc32(kind + body) & 0xFFFFFFFF
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)


def _png(data: bytes, orientation: int) -> bytes:
    if not data.startswith(PNG_SIGNATURE):
        raise CannotStrip("photo_unreadable", "no PNG signature")
    kept, position = [PNG_SIGNATURE], len(PNG_SIGNATURE)
    while position + 8 <= len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        stop = position + 12 + length
        if stop > len(data):
            raise CannotStrip("photo_unreadable", "truncated PNG chunk")
        if kind == b"IDAT" and orientation != 1 and not any(c[4:8] == b"IDAT" for c in kept):
            kept.append(_png_chunk(b"eXIf", orientation_exif(orientation)))
        if kind not in PNG_DROPPED:
            kept.append(data[position:stop])
        position = stop
        if kind == b"IEND":
            break
    return b"".join(kept)


# --------------------------------------------------------------------------- WebP

WEBP_DROPPED = {b"EXIF", b"XMP "}
VP8X_EXIF, VP8X_XMP = 0x08, 0x04


def _webp(data: bytes, orientation: int) -> bytes:
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        raise CannotStrip("photo_unreadable", "no WebP header")
    chunks, position = [], 12
    while position + 8 <= len(data):
        kind = data[position : position + 4]
        (size,) = struct.unpack("<I", data[position + 4 : position + 8])
        stop = position + 8 + size + (size & 1)
        if position + 8 + size > len(data):
            raise CannotStrip("photo_unreadable", "truncated WebP chunk")
        chunk = data[position:stop]
        if kind == b"VP8X":
            flags = chunk[8] & ~(VP8X_EXIF | VP8X_XMP)
            if orientation != 1:
                flags |= VP8X_EXIF
            chunk = chunk[:8] + bytes([flags]) + chunk[9:]
        if kind not in WEBP_DROPPED:
            chunks.append(chunk)
        position = stop
    if orientation != 1 and any(chunk[:4] == b"VP8X" for chunk in chunks):
        body = orientation_exif(orientation)
        chunks.append(b"EXIF" + struct.pack("<I", len(body)) + body + b"\x00" * (len(body) & 1))
    body = b"WEBP" + b"".join(chunks)
    return b"RIFF" + struct.pack("<I", len(body)) + body


# --------------------------------------------------------------------------- HEIF


def _heif(path: Path) -> bytes:
    """The photo re-encoded as HEIF from its pixels only, turned upright."""
    with quiet_open(path) as image:
        upright = ImageOps.exif_transpose(image)
        icc = image.info.get("icc_profile")
        clean = Image.new(upright.mode, upright.size)
        clean.paste(upright)
    output = io.BytesIO()
    options = {"icc_profile": icc} if icc else {}
    clean.save(output, format="HEIF", quality=95, **options)
    return output.getvalue()
