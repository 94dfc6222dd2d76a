"""The source images' location and camera data: `check` names the images that carry it,
`profile-gen photo strip` removes it without touching the compressed pixels (JPEG, PNG,
WebP), or by re-encoding when asked (HEIC)."""

from __future__ import annotations

import io
import os
import struct
from pathlib import Path

import pytest
from PIL import Image, ImageCms, ImageOps

from profile_gen.media import metadata
from profile_gen.media.metadata import CannotStrip, sensitive, strip
from tests.conftest import MINIMAL

XMP_GPS = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-'
    b'syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" '
    b'exif:GPSLatitude="48,51.4N" exif:GPSLongitude="2,21.1E"/></rdf:RDF></x:xmpmeta>'
)
SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def phone_exif(orientation: int = 6, gps: bool = True, camera: bool = True) -> Image.Exif:
    """The EXIF of a phone photo: where it was taken, the camera's serial and owner."""
    exif = Image.Exif()
    exif[0x010F], exif[0x0110], exif[0x0112] = "Phone", "Model X", orientation
    if gps:
        position = exif.get_ifd(metadata.GPS_IFD)
        position.update({1: "N", 2: (48.0, 51.0, 24.0), 3: "E", 4: (2.0, 21.0, 3.0)})
    if camera:
        details = exif.get_ifd(metadata.EXIF_IFD)
        details.update({0xA430: "Camille Test", 0xA431: "SN-0042", 0xA435: "LENS-7"})
    return exif


def noise(size: tuple[int, int] = (320, 240)) -> Image.Image:
    return Image.merge("RGB", [Image.effect_noise(size, 40 + 20 * band) for band in range(3)])


def save(path: Path, fmt: str, exif: Image.Exif | None = None, **options) -> Path:
    if exif is not None:
        options["exif"] = exif
    noise().save(path, fmt, **options)
    return path


def jpeg_scans(data: bytes) -> bytes:
    """Everything from the first SOF marker to EOI: the tables and the compressed scans."""
    segments = list(metadata._jpeg_segments(data))
    first = next(i for i, (marker, _) in enumerate(segments) if marker in (0xC0, 0xC2))
    return b"".join(segment for _, segment in segments[first:])


def pixels(path: Path) -> bytes:
    with Image.open(path) as image:
        return image.convert("RGB").tobytes()


@pytest.mark.parametrize(
    "options",
    [{}, {"progressive": True}, {"restart_marker_blocks": 3}],
    ids=["baseline", "progressive", "restart-markers"],
)
def test_a_jpeg_loses_its_metadata_and_keeps_its_scans(tmp_path, options):
    path = save(
        tmp_path / "me.jpg",
        "JPEG",
        phone_exif(),
        quality=90,
        **options,
        icc_profile=SRGB,
        xmp=XMP_GPS,
        comment=b"taken at home",
    )
    path.write_bytes(path.read_bytes() + b"MPF trailer with its own Exif")
    before, pixels_before = path.read_bytes(), pixels(path)
    assert sensitive(path) == ["location", "serial", "owner"]

    done = strip(path)
    assert done.changed and not done.reencoded and done.orientation == 6
    after = path.read_bytes()
    assert sensitive(path) == []
    assert jpeg_scans(after) == jpeg_scans(before)  # the compressed pixels, byte for byte
    assert pixels(path) == pixels_before
    for gone in (b"SN-0042", b"Camille Test", b"GPSLatitude", b"taken at home", b"MPF trailer"):
        assert gone not in after
    with Image.open(path) as image:
        assert image.info.get("icc_profile") == SRGB  # colours unchanged
        assert dict(image.getexif()) == {0x0112: 6}  # still shown upright, nothing else
    assert after.endswith(b"\xff\xd9")
    assert not strip(path).changed  # once is enough
    assert path.read_bytes() == after


def test_an_upright_jpeg_keeps_no_exif_at_all(tmp_path):
    path = save(tmp_path / "me.jpg", "JPEG", phone_exif(orientation=1))
    assert strip(path).orientation == 1
    with Image.open(path) as image:
        assert not image.getexif() and "exif" not in image.info


def test_a_png_loses_its_metadata_and_keeps_its_data(tmp_path):
    from PIL.PngImagePlugin import PngInfo

    text = PngInfo()
    text.add_text("Location", "48.85 N 2.35 E")
    text.add_itxt("XML:com.adobe.xmp", XMP_GPS.decode())
    path = save(tmp_path / "shot.png", "PNG", phone_exif(orientation=3), pnginfo=text)
    before, pixels_before = path.read_bytes(), pixels(path)
    assert sensitive(path) == ["location", "serial", "owner"]
    assert strip(path).changed
    after = path.read_bytes()
    assert sensitive(path) == [] and b"48.85 N" not in after and b"SN-0042" not in after
    assert pixels(path) == pixels_before
    assert chunks(after, b"IDAT") == chunks(before, b"IDAT")
    with Image.open(path) as image:
        assert dict(image.getexif()) == {0x0112: 3}


def chunks(data: bytes, kind: bytes) -> list[bytes]:
    found, position = [], 8
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        if data[position + 4 : position + 8] == kind:
            found.append(data[position : position + 12 + length])
        position += 12 + length
    return found


def test_a_webp_loses_its_metadata_and_keeps_its_bitstream(tmp_path):
    path = save(tmp_path / "shot.webp", "WEBP", phone_exif(orientation=1), lossless=True)
    before, pixels_before = path.read_bytes(), pixels(path)
    assert sensitive(path) == ["location", "serial", "owner"]
    assert strip(path).changed
    after = path.read_bytes()
    assert sensitive(path) == [] and b"SN-0042" not in after
    assert pixels(path) == pixels_before
    start = before.index(b"VP8L")
    (size,) = struct.unpack("<I", before[start + 4 : start + 8])
    assert before[start : start + 8 + size] in after  # the bitstream, byte for byte
    assert struct.unpack("<I", after[4:8])[0] == len(after) - 8


def test_a_heic_is_cleaned_only_by_a_reencoding(tmp_path, run_cli):
    from pillow_heif import register_heif_opener

    register_heif_opener()
    path = save(tmp_path / "me.heic", "HEIF", phone_exif(), quality=90)
    assert sensitive(path) == ["location", "serial", "owner"]
    before = path.read_bytes()
    with Image.open(path) as image:
        shown = ImageOps.exif_transpose(image).size  # as the build sees it
    result = run_cli("photo", "strip", str(path))
    assert result.code == 2 and "--reencode" in result.err, result.err
    assert path.read_bytes() == before
    # the option as the hint puts it, before the file (a positional `action` refused it)
    result = run_cli("photo", "strip", "--reencode", str(path))
    assert result.code == 0 and "ré-encodée" in result.out, result.err
    assert sensitive(path) == []
    with Image.open(path) as image:
        assert image.format == "HEIF" and image.size == shown


def test_a_broken_image_is_left_as_it_is(tmp_path, run_cli):
    path = save(tmp_path / "me.jpg", "JPEG", phone_exif())
    broken = path.read_bytes()[:-200].replace(b"\xff\xd9", b"")
    path.write_bytes(broken)
    with pytest.raises(CannotStrip):
        strip(path)
    assert path.read_bytes() == broken
    (tmp_path / "notes.txt").write_text("not an image", "utf-8")
    for name in ("notes.txt", "absent.jpg"):
        result = run_cli("--lang", "en", "photo", "strip", str(tmp_path / name))
        assert result.code == 2 and name in result.err and "Traceback" not in result.err


@pytest.mark.pdf  # `check` counts the printed CV's pages with WeasyPrint
def test_check_names_the_images_that_tell_where_they_were_taken(
    run_cli, write_profile, monkeypatch
):
    profile = write_profile(MINIMAL + "  photo: {path: images/me.jpg, alt: Moi}\n")
    images = profile.parent / "images"
    images.mkdir()
    save(images / "me.jpg", "JPEG", phone_exif(gps=False))
    save(images / "article.png", "PNG", phone_exif(camera=False))
    save(images / "clean.jpg", "JPEG")
    outside = save(profile.parent.parent / "outside.jpg", "JPEG", phone_exif())
    os.symlink(outside, images / "link.jpg")  # out of the folder: not read

    result = run_cli("check", str(profile))
    assert "⚠ Ces images disent où elles ont été prises" in result.out, result.out
    shown = result.out.split("photo strip")[1]
    assert f"{images / 'me.jpg'} : numéro de série de l'appareil, nom du propriétaire" in shown
    assert f"{images / 'article.png'} : lieu de la prise de vue (GPS)" in shown
    assert "clean.jpg" not in shown and "link.jpg" not in shown
    english = run_cli("--lang", "en", "check", str(profile)).out
    assert f"{images / 'article.png'}: where it was taken (GPS)" in english

    result = run_cli("photo", "strip", "--profile", str(profile))
    assert result.code == 0 and result.out.count("métadonnées retirées") == 2, result.out
    assert "photo strip" not in run_cli("check", str(profile)).out
    assert sensitive(outside) == ["location", "serial", "owner"]  # untouched
    monkeypatch.chdir(profile.parent)  # the profile given from its folder: named, not « . »
    result = run_cli("photo", "strip", "--profile", "profile.yaml")
    assert result.code == 0 and f"Aucune image de {profile.parent.absolute()} ne dit" in result.out


def test_metadata_is_read_without_decoding(tmp_path):
    """`check` opens each image for its header only: a huge photo costs nothing."""
    path = tmp_path / "big.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (6000, 4000)).save(buffer, "JPEG", exif=phone_exif())
    path.write_bytes(buffer.getvalue())
    assert sensitive(path) == ["location", "serial", "owner"]


def test_an_artist_or_copyright_name_is_an_owners_name(tmp_path):
    """Phones and editing apps write the author in the image's own EXIF directory."""
    for tag in (0x013B, 0x8298):  # Artist, Copyright
        exif = Image.Exif()
        exif[tag] = "Camille Durand"
        path = tmp_path / f"{tag}.jpg"
        Image.new("RGB", (8, 8), "white").save(path, "JPEG", exif=exif.tobytes())
        assert sensitive(path) == ["owner"]


def test_the_book_publishes_attached_photos_without_their_location(tmp_path, run_cli):
    """An article links to a photo straight from a phone (`{static}`, `{attach}`: Pelican
    copies the file, where a picture shown in the article is re-encoded): `check` names it
    (beside the article, or in `images/`), and the Book's copy, which goes online, tells
    neither where it was taken nor which camera took it, its pixels as they were; the
    student's file is left as it is."""
    from tests.test_untrusted_articles import student

    links = "[Le quai en grand]({static}quai.jpg), [le plan]({attach}/images/plan.png)"
    text = f"Title: Visite\nDate: 2025-09-19\n\n{links}\n"
    folder = student(tmp_path, {"visite.md": text})
    (folder / "images").mkdir()
    photo = save(folder / "articles/quai.jpg", "JPEG", phone_exif(orientation=1))
    plan = save(folder / "images/plan.png", "PNG", phone_exif(camera=False))
    result = run_cli("check", str(folder / "profile.yaml"))
    checked = result.out + result.err
    assert f"{photo} : lieu de la prise de vue (GPS)" in checked, checked
    assert f"{plan} : lieu de la prise de vue (GPS)" in checked

    assert run_cli("build", "--no-pdf", "--content", str(folder)).code == 0
    copies = {path.name: path for path in (folder / "output").rglob("*") if path.is_file()}
    for source in (photo, plan):
        copy = copies[source.name]
        assert sensitive(copy) == [] and pixels(copy) == pixels(source), source.name
        assert "location" in sensitive(source)  # the student's own file: as it was
    assert jpeg_scans(copies["quai.jpg"].read_bytes()) == jpeg_scans(photo.read_bytes())


@pytest.mark.parametrize(
    ("size", "orientation", "said"),
    [
        ((60, 80), 1, "60 × 80"),
        ((80, 60), 6, "60 × 80"),  # stored on its side: said upright
        ((1200, 250), 1, "1200 × 250"),
        ((480, 640), 1, None),
        ((300, 400), 8, None),
    ],
)
def test_check_warns_of_a_photo_too_small_to_print(run_cli, write_profile, size, orientation, said):
    """A 60 × 80 thumbnail saved from a web page prints at 45 dpi on the CV: `check` says so,
    with the size the student sees in their image viewer (upright)."""
    profile = write_profile(MINIMAL + "  photo: {path: images/me.jpg, alt: Moi}\n")
    (profile.parent / "images").mkdir()
    exif = Image.Exif()
    exif[0x0112] = orientation
    Image.new("RGB", size, "#a0b0c0").save(profile.parent / "images/me.jpg", exif=exif)
    out = run_cli("check", str(profile)).out
    if said is None:
        assert "La photo ne fait que" not in out
    else:
        assert f"⚠ La photo ne fait que {said} pixels : imprimée sur le CV" in out, out
        assert "d'au moins 300 pixels de côté" in out


def test_a_file_that_is_no_image_is_said_so_in_the_users_words(tmp_path, run_cli):
    """`photo strip README.md` said « image illisible (cannot identify image file …) »."""
    readme = tmp_path / "README.md"
    readme.write_text("# Mon Book\n", "utf-8")
    result = run_cli("photo", "strip", str(readme))
    assert result.code == 2
    assert "ce n'est pas une image que profile-gen sait lire" in result.err
    assert "cannot identify" not in result.err
