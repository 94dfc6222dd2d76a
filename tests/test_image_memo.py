"""An image found usable is decoded once per user, not at every build and check: the memo of
`images.inspect`, in the user's own folder (`media.user_folder`), by the hash of its bytes
and the rules it passed."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

import pytest
from PIL import Image, ImageFile

from profile_gen.media import images

pytestmark = pytest.mark.skipif(not hasattr(os, "getuid"), reason="a per-user folder (POSIX)")


@pytest.fixture
def own_folder(tmp_path, monkeypatch) -> Path:
    """The user's own folder under tmp_path (not the machine's, which other runs fill)."""
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(temp))
    return temp / f"_profile-gen-code-{os.getuid()}"


@pytest.fixture
def decoded(monkeypatch) -> list[Path]:
    """The images `inspect` really checked (decoded), in order."""
    checked: list[Path] = []
    original = images._inspected
    monkeypatch.setattr(images, "_inspected", lambda path: checked.append(path) or original(path))
    return checked


def _photo(path: Path, size: tuple[int, int] = (1200, 900)) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, (200, 120, 90)).save(path, "JPEG")
    return path


def _memos(own_folder: Path) -> list[Path]:
    folder = own_folder / "images"
    return sorted(folder.iterdir()) if folder.is_dir() else []


def test_a_usable_image_is_decoded_once(own_folder, decoded, tmp_path):
    photo = _photo(tmp_path / "a/content/images/portrait.jpg")
    assert images.inspect(photo) is None
    assert images.inspect(photo) is None
    # the same bytes in another student's folder, under another name: already known
    copy = tmp_path / "b/content/images/moi.jpg"
    copy.parent.mkdir(parents=True)
    copy.write_bytes(photo.read_bytes())
    assert images.inspect(copy) is None
    assert decoded == [photo]
    [memo] = _memos(own_folder)
    assert memo.stat().st_size == 0
    assert stat.S_IMODE(own_folder.stat().st_mode) == stat.S_IRWXU


def test_changed_bytes_are_checked_again(own_folder, decoded, tmp_path):
    photo = _photo(tmp_path / "portrait.jpg")
    assert images.inspect(photo) is None
    photo.write_bytes(b"not a picture any more")  # the same name, other bytes
    for _ in range(2):  # a refused image is not remembered: checked again each time
        code, context = images.inspect(photo)
        assert code == "image_not_image" and context["path"] == "portrait.jpg"
    assert decoded == [photo] * 3
    assert len(_memos(own_folder)) == 1


def test_a_too_large_image_is_refused_every_time(own_folder, decoded, tmp_path):
    huge = tmp_path / "huge.png"
    Image.new("1", (11_000, 10_000)).save(huge, "PNG")  # 110 MP, a tiny file
    for _ in range(2):
        code, context = images.inspect(huge)
        assert code == "image_too_large" and context["size"] == 110
    assert decoded == [huge, huge]
    assert _memos(own_folder) == []


def test_stricter_rules_check_a_known_image_again(own_folder, decoded, tmp_path, monkeypatch):
    """The memo names the rules the image passed (size limit, formats, Pillow's version and
    its acceptance of truncated files, which WeasyPrint turns on when imported)."""
    photo = _photo(tmp_path / "portrait.jpg")
    assert images.inspect(photo) is None
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", not ImageFile.LOAD_TRUNCATED_IMAGES)
    assert images.inspect(photo) is None
    assert decoded == [photo, photo]
    monkeypatch.setattr(images, "MAX_PIXELS", 1_000_000)
    code, context = images.inspect(photo)  # 1.08 megapixels
    assert code == "image_too_large" and context["limit"] == 1
    assert decoded == [photo, photo, photo]


def test_no_memo_where_others_could_write_it(own_folder, decoded, tmp_path):
    """A user folder others can write (or a link) is not used: every check decodes."""
    own_folder.mkdir(mode=0o777)
    own_folder.chmod(0o777)  # whatever the umask
    photo = _photo(tmp_path / "portrait.jpg")
    assert images.inspect(photo) is None
    assert images.inspect(photo) is None
    assert decoded == [photo, photo]
    assert list(own_folder.iterdir()) == []


def test_an_image_saved_during_its_check_is_not_remembered(own_folder, tmp_path, monkeypatch):
    """`serve` rebuilds while the student saves the photo: the bytes hashed before the check
    are not those after it, so nothing is remembered and the next build checks again."""
    photo = _photo(tmp_path / "portrait.jpg")
    original = images._inspected

    def saved_meanwhile(path):
        found = original(path)
        _photo(path, (1000, 800))  # other bytes, the same name
        return found

    monkeypatch.setattr(images, "_inspected", saved_meanwhile)
    assert images.inspect(photo) is None
    assert _memos(own_folder) == []
