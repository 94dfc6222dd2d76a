"""Images of the profile (portrait, achievement pictures): checked, resized, cleaned.

Every variant is re-encoded from pixels only, after applying the EXIF orientation, so no
metadata (EXIF, GPS, camera, ICC comments) reaches the outputs. Variants are cached by the
source's content hash: an unchanged image is not processed again.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import stat
import warnings
from dataclasses import dataclass
from pathlib import Path

import PIL
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

from profile_gen.media import read_record, regular_file, without_link, write_atomic
from profile_gen.media.user_folder import user_folder

ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "HEIF"}
MAX_PIXELS = 100_000_000
"""Larger images are refused as possible decompression bombs. Phone photos (12 to 48, even
50 megapixels) pass and are reduced to the sizes the outputs need."""
MAX_SIDE = 50_000
"""Pixels an image may have on its longer side: a picture longer than that is no picture a
page shows (a strip of one pixel by millions), and its decoding alone takes gigabytes."""
WEBP_SIDE = 16_383
"""WebP's limit on either side: a taller picture (a full-page screenshot) is reduced to it."""


def quiet_open(path: Path) -> Image.Image:
    """`Image.open` without Pillow's bomb warning: `MAX_PIXELS` is the limit here; Pillow's
    own error (over twice its 89-megapixel default) still stops a bomb before decoding.
    A file Pillow alone cannot read is tried again with HEIC / HEIF read (`_read_heif`)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            return Image.open(path)
        except UnidentifiedImageError:
            if not _read_heif():
                raise
        return Image.open(path)


_HEIF: list[bool] = []


def _read_heif() -> bool:
    """HEIC / HEIF (the iPhone's default photo format) opened by Pillow from now on; True the
    first time only. The native library is loaded when a file Pillow cannot read without it
    is first opened (0.02-0.05 s), not by every build of a JPEG or PNG photo."""
    if _HEIF:
        return False
    from pillow_heif import register_heif_opener

    register_heif_opener()
    _HEIF.append(True)
    return True


def inspect(path: Path) -> tuple[str, dict] | None:
    """None when `path` is a usable image, else a message code and its context. Checking
    means decoding every pixel (0.1 s for a 12-megapixel phone photo, at every build and
    check), so an image found usable is remembered by the hash of its bytes in the user's
    own folder (`_usable_memo`); a refused one is checked again each time. The bytes are
    hashed again after the check: a photo saved meanwhile (`serve`) is not remembered."""
    memo = _usable_memo(path)
    if memo is not None and os.path.isfile(memo) and not os.path.islink(memo):
        return None
    problem = _inspected(path)
    if problem is None and memo is not None and _usable_memo(path) == memo:
        _remember(memo)
    return problem


def _usable_memo(path: Path) -> str | None:
    """The file whose presence says that these bytes were found usable: in the user's own
    folder, which only the user can write (a student's folder could plant a false one), named
    by the SHA-256 of the bytes and by what the check depends on (Pillow's version and
    settings, the accepted formats, the size limit). None without such a folder (Windows)
    or when the image cannot be read (the check says why)."""
    folder = user_folder()
    if folder is None:
        return None
    try:
        with path.open("rb") as file:
            content = hashlib.file_digest(file, "sha256").hexdigest()
    except OSError:
        return None
    # WeasyPrint, once imported, has Pillow accept truncated files (`LOAD_TRUNCATED_IMAGES`)
    truncated = ImageFile.LOAD_TRUNCATED_IMAGES
    rules = f"{PIL.__version__}-{'.'.join(sorted(ACCEPTED_FORMATS))}-{MAX_PIXELS}-{MAX_SIDE}"
    rules += f"-{truncated}"
    kind = hashlib.sha256(rules.encode()).hexdigest()[:12]
    return os.path.join(folder, "images", f"usable-{kind}-{content}")


def _remember(memo: str) -> None:
    """Leave the memo (an empty file; a parallel build may have left it first)."""
    with contextlib.suppress(OSError):
        os.makedirs(os.path.dirname(memo), mode=stat.S_IRWXU, exist_ok=True)
        os.close(os.open(memo, os.O_WRONLY | os.O_CREAT | os.O_EXCL, stat.S_IRUSR))


def _inspected(path: Path) -> tuple[str, dict] | None:
    """The check itself: the format, the size, then every pixel decoded."""
    too_large = {"path": path.name, "limit": MAX_PIXELS // 1_000_000}
    try:
        with quiet_open(path) as image:
            if image.format not in ACCEPTED_FORMATS:
                return "image_format", {"path": path.name, "format": image.format or "?"}
            if image.width * image.height > MAX_PIXELS:
                megapixels = round(image.width * image.height / 1_000_000)
                return "image_too_large", {**too_large, "size": megapixels}
            if max(image.size) > MAX_SIDE:
                width, height = image.size
                size = {"width": width, "height": height, "limit": MAX_SIDE}
                return "image_too_long", {"path": path.name, **size}
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                image.load()
    except Image.DecompressionBombError:
        return "image_too_large", {**too_large, "size": "> 179"}
    except UnidentifiedImageError:
        return "image_not_image", {"path": path.name}
    except (OSError, SyntaxError, ValueError) as error:
        return "image_broken", {"path": path.name, "detail": str(error)[:80]}
    return None


@dataclass(frozen=True)
class Variant:
    width: int
    height: int
    jpeg: str
    """Path of the JPEG file, relative to the output folder."""
    webp: str


@dataclass(frozen=True)
class Picture:
    """An image ready for `<picture>`: variants from small to large."""

    variants: tuple[Variant, ...]

    @property
    def largest(self) -> Variant:
        return self.variants[-1]

    @property
    def fallback(self) -> Variant:
        return self.variants[0]

    def srcset(self, kind: str, base: str) -> str:
        return ", ".join(f"{base}/{getattr(v, kind)} {v.width}w" for v in self.variants)


VARIANT_LIMIT = 16 * 1024 * 1024
"""The largest picture the cache gives back (a photo's variant is a few hundred KB): a file
planted in its place, however large, is made again, never copied into the Book."""


def digest(path: Path) -> str:
    """A short content hash: the cache key of an image's variants."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def _encode(source: Path, width: int, jpeg: Path, webp: Path) -> tuple[int, int]:
    with quiet_open(source) as opened:
        # JPEG: decode at a reduced scale (1/2 to 1/8) no smaller than needed, so a 48 MP
        # photo is not decoded in full for a 480 px variant
        opened.draft("RGB", (width, width))
        image = ImageOps.exif_transpose(opened)
        if image.mode not in ("RGB", "L"):
            background = Image.new("RGB", image.size, (255, 255, 255))
            background.paste(image.convert("RGBA"), mask=image.convert("RGBA").getchannel("A"))
            image = background
        image = image.convert("RGB")
        scale = min(1.0, width / image.width, WEBP_SIDE / image.height)
        if scale < 1:  # no side under one pixel (a strip), none over WebP's limit
            size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
            image = image.resize(size, Image.Resampling.LANCZOS)
        pixels = Image.frombytes("RGB", image.size, image.tobytes())  # pixels only
        pixels.save(jpeg, "JPEG", quality=82, optimize=True, progressive=True)
        pixels.save(webp, "WEBP", quality=80, method=6)
        return pixels.size


def _kept_size(record: Path) -> tuple[int, int] | None:
    """The size a cached variant's record gives (`<width> <height>`), None when it is
    missing or anything else (planted, damaged): the variant is then made again."""
    try:
        width, height = map(int, read_record(record).split())
    except (OSError, ValueError):
        return None
    return width, height


def _upright_width(source: Path, cached: Path) -> int:
    """The width of `source` once its EXIF orientation is applied, remembered in `cached`."""
    record = cached / "source.width"
    try:
        return int(read_record(record))
    except (OSError, ValueError):
        pass
    width, _ = upright_size(source)
    write_atomic(record, str(width))
    return width


def upright_size(source: Path) -> tuple[int, int]:
    """(width, height) of `source` once its EXIF orientation is applied."""
    with quiet_open(source) as opened:
        turned = opened.getexif().get(0x0112, 1) in (5, 6, 7, 8)  # a quarter turn
        return (opened.height, opened.width) if turned else opened.size


def picture(
    source: Path,
    name: str,
    widths: tuple[int, ...],
    output: Path,
    cache: Path,
    folder: str = "images",
) -> Picture:
    """Write the variants of `source` as `<folder>/<name>-<width>.{jpg,webp}` under `output`."""
    cached = without_link(cache / digest(source))  # planted: the cache's folders are its own
    source_width = _upright_width(source, cached)
    usable = sorted({min(width, source_width) for width in widths})  # never enlarged
    variants: list[Variant] = []
    for width in usable:
        jpeg_name, webp_name = f"{name}-{width}.jpg", f"{name}-{width}.webp"
        cached_jpeg, cached_webp = cached / jpeg_name, cached / webp_name
        size_file = cached / f"{name}-{width}.size"
        size = _kept_size(size_file)
        if not (
            size
            and regular_file(cached_jpeg, VARIANT_LIMIT)
            and regular_file(cached_webp, VARIANT_LIMIT)
        ):
            # written aside then renamed: parallel builds (cohorts) share this cache
            cached.mkdir(parents=True, exist_ok=True)
            suffix = f".{os.getpid()}.tmp"
            temp_jpeg, temp_webp = cached / (jpeg_name + suffix), cached / (webp_name + suffix)
            for temp in (temp_jpeg, temp_webp):  # never written through a planted link
                temp.unlink(missing_ok=True)
            size = _encode(source, width, temp_jpeg, temp_webp)
            os.replace(temp_jpeg, cached_jpeg)
            os.replace(temp_webp, cached_webp)
            write_atomic(size_file, "{} {}".format(*size))  # last: marks them complete
        real_width, real_height = size
        if variants and variants[-1].width == real_width:  # held to WebP's height already
            continue
        target = output / folder
        target.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached_jpeg, target / jpeg_name)
        shutil.copyfile(cached_webp, target / webp_name)
        variants.append(
            Variant(real_width, real_height, f"{folder}/{jpeg_name}", f"{folder}/{webp_name}")
        )
    return Picture(tuple(variants))
