"""What the builds keep between runs: QR codes and photo sizes, and how a damaged cache heals."""

from __future__ import annotations

import gc
import os
import subprocess
import sys

import pytest
import zxingcpp

from profile_gen.app.build import run_pelican
from profile_gen.app.startup import long_lived_imports
from profile_gen.media import RECORD_LIMIT, qr, read_record, regular_file
from tests.qr_drawing import drawn

URL = "https://lea-moreau.github.io/book/"


@pytest.fixture(autouse=True)
def fresh_memory():
    qr.make_qr.cache_clear()
    yield
    qr.make_qr.cache_clear()


def test_qr_code_is_written_to_the_cache_and_read_back(tmp_path, monkeypatch):
    code = qr.make_qr(URL, tmp_path)
    found = zxingcpp.read_barcodes(drawn(code.modules, code.path))
    assert [barcode.text for barcode in found] == [URL]
    assert len(list(tmp_path.glob("*.json"))) == 1

    qr.make_qr.cache_clear()  # as in a new process: only the disk remains

    def no_encoding(data):
        raise AssertionError("encoded again")

    monkeypatch.setattr(qr, "_encode", no_encoding)
    assert qr.make_qr(URL, tmp_path) == code


def test_each_link_has_its_own_cached_code(tmp_path):
    first = qr.make_qr(URL, tmp_path)
    other = qr.make_qr(URL + "en/", tmp_path)
    assert first != other and len(list(tmp_path.glob("*.json"))) == 2
    qr.make_qr.cache_clear()
    assert qr.make_qr(URL + "en/", tmp_path).data == URL + "en/"


@pytest.mark.parametrize(
    "damage",
    [
        "{",
        '{"data": "x"}',
        '{"data": "https://other/", "modules": 29, "runs": [[4, 4, 1]], "version": 3}',
        '{"data": "x", "modules": 29, "path": "M4 4h1v1h-1z", "version": 3}',  # an older form
        '{"data": "x", "modules": 29, "runs": [[4, 4]], "version": 3}',
        '{"data": "x", "modules": 29, "runs": 5, "version": 3}',
        "[1, 2]",
    ],
)
def test_damaged_cached_code_is_encoded_again(tmp_path, damage):
    code = qr.make_qr(URL, tmp_path)
    (cached,) = tmp_path.glob("*.json")
    cached.write_text(damage, encoding="utf-8")
    qr.make_qr.cache_clear()
    assert qr.make_qr(URL, tmp_path) == code
    assert qr.make_qr(URL, tmp_path) == qr._encode(URL)


def test_long_lived_imports_pause_the_collector_and_restore_it():
    assert gc.isenabled()
    with long_lived_imports():
        assert not gc.isenabled()
    assert gc.isenabled() and gc.get_freeze_count() > 0
    with pytest.raises(RuntimeError), long_lived_imports():
        raise RuntimeError("an import failed")
    assert gc.isenabled()
    gc.disable()
    try:
        with long_lived_imports():
            pass
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.enable()


def planted(path, kind: str) -> None:
    """In place of the cache's file `path`: a pipe no one writes to, a link to an endless
    device, or a regular file larger than any record."""
    path.unlink(missing_ok=True)
    if kind == "pipe":
        os.mkfifo(path)
    elif kind == "link":
        path.symlink_to("/dev/zero")
    else:
        with path.open("wb") as file:
            file.truncate(RECORD_LIMIT + 1)


@pytest.mark.parametrize("kind", ["pipe", "link", "huge"])
def test_a_planted_record_is_neither_read_nor_waited_for(tmp_path, kind):
    code = qr.make_qr(URL, tmp_path)
    (cached,) = tmp_path.glob("*.json")
    planted(cached, kind)
    with pytest.raises(OSError):
        read_record(cached)
    qr.make_qr.cache_clear()
    assert qr.make_qr(URL, tmp_path) == code  # encoded again, the record written anew
    assert regular_file(cached, RECORD_LIMIT)


def test_a_build_ignores_pipes_planted_as_every_cached_record(tmp_path):
    """Every record the caches of a student's folder keep (QR codes, the CV's fit, the
    glyphs, the photo's width) replaced by a pipe: the next build works them out again and
    writes the same pages. Run in a process of its own, stopped if it waits on a pipe."""
    from tests.profiles import make_project

    root = make_project(tmp_path)
    command = [sys.executable, "-m", "profile_gen", "build", "--formats", "docx"]
    first = subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=600)
    assert first.returncode == 0, first.stderr
    home = (root / "output/index.html").read_bytes()
    records = [
        path
        for path in (root / ".cache/profile_gen").rglob("*")
        if path.is_file() and path.suffix in (".json", ".fit", ".width", ".size")
    ]
    assert {path.parent.name for path in records} >= {"qr", "cv_fit", "glyphs"}, records
    for path in records:
        planted(path, "pipe")
    again = subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    assert (root / "output/index.html").read_bytes() == home
    assert all(regular_file(path) for path in records)


def test_a_cache_folder_planted_as_a_link_is_not_written_through(tmp_path):
    """`.cache`, `.cache/profile_gen` or a kind's folder made a link to a folder outside the
    student's (in a cohort: another student's): the build writes none of its cache there."""
    from tests.profiles import make_project

    for planted_at in (".cache", ".cache/profile_gen", ".cache/profile_gen/qr"):
        root = make_project(tmp_path / planted_at.replace("/", "-"))
        elsewhere = tmp_path / f"elsewhere-{planted_at.count('/')}"
        elsewhere.mkdir()
        link = root / planted_at
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(elsewhere, target_is_directory=True)
        run_pelican(root / "pelican.conf.py", root / "output", formats=("docx",))
        assert list(elsewhere.iterdir()) == [], planted_at
        assert not link.is_symlink() and any((root / ".cache/profile_gen/qr").glob("*.json"))


def test_serves_documents_folder_planted_as_a_link_is_not_built_through(tmp_path):
    """`serve` builds the documents into `.cache/profile_gen/serve/output`: a link planted
    there (committed to a repository) would have the build replace the folder it points to."""
    from profile_gen.app.serve_documents import documents_folder

    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "memoire.docx").write_bytes(b"PK")
    planted_at = tmp_path / "student/.cache/profile_gen/serve/output"
    planted_at.parent.mkdir(parents=True)
    planted_at.symlink_to(victim, target_is_directory=True)
    folder = documents_folder({"CACHE_PATH": str(tmp_path / "student/.cache")})
    assert folder == planted_at and not folder.is_symlink() and not folder.exists()
    assert (victim / "memoire.docx").read_bytes() == b"PK"


def test_a_huge_file_planted_as_a_photo_variant_is_made_again(tmp_path):
    """A sparse file of gigabytes in place of a cached variant would be copied into the
    Book: past `VARIANT_LIMIT`, the variant is made again from the photo."""
    from profile_gen.media.images import VARIANT_LIMIT
    from tests.profiles import make_project

    root = make_project(tmp_path)
    run_pelican(root / "pelican.conf.py", root / "output", pdf=False)
    variants = sorted((root / ".cache/profile_gen/images").rglob("*.jpg"))
    assert variants
    for variant in variants:
        with variant.open("r+b") as file:
            file.truncate(VARIANT_LIMIT + 1)
    run_pelican(root / "pelican.conf.py", root / "output", pdf=False)
    built = [path for path in (root / "output").rglob("*.jpg")]
    assert built and all(path.stat().st_size < 1024 * 1024 for path in built)
    assert all(variant.stat().st_size < 1024 * 1024 for variant in variants)


def test_a_damaged_or_oversized_variant_size_is_made_again(tmp_path):
    """The record of a cached variant's size (`<width> <height>`) damaged, or replaced by a
    file larger than any record: the variant is made again, not a build stopped."""
    from tests.profiles import make_project

    root = make_project(tmp_path)
    run_pelican(root / "pelican.conf.py", root / "output", pdf=False)
    home = (root / "output/index.html").read_bytes()
    records = sorted((root / ".cache/profile_gen/images").rglob("*.size"))
    assert len(records) > 1
    records[0].write_text("not a size", encoding="ascii")
    for record in records[1:]:
        with record.open("r+b") as file:
            file.truncate(RECORD_LIMIT + 1)
    run_pelican(root / "pelican.conf.py", root / "output", pdf=False)
    assert (root / "output/index.html").read_bytes() == home
    assert all(len(record.read_text("ascii").split()) == 2 for record in records)
