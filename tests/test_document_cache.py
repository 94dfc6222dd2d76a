"""Documents printed only when their inputs changed (issue 21): the documents' cache
(`profile_gen.media.documents`), the PDF step's and the office writers' keys, `--force`, the
"Documents" line, and a cache planted in the student's folder."""

from __future__ import annotations

import copy
import itertools
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from profile_gen import i18n
from profile_gen.app.build import documents_line, run_pelican
from profile_gen.interop.embedded import attachment_text, printed_profile
from profile_gen.media.documents import KEEP, KEPT, PRINTED, DocumentCache, fingerprint
from profile_gen.profile.loader import load
from tests.conftest import ROOT
from tests.profiles import MINIMAL, PORTRAIT, SAMPLE_DATA, make_project

DOCUMENTS = (
    "annexe.pdf",
    "cv.pdf",
    "soutenance.pdf",
    "annexe.docx",
    "soutenance.pptx",
    "en/soutenance.pptx",
)
DECK = {"soutenance.pdf", "soutenance.pptx", "en/soutenance.pptx"}


def state(output: Path) -> dict[str, tuple[bytes, int]]:
    """Each document's bytes and modification time (ns)."""
    return {
        name: ((output / name).read_bytes(), (output / name).stat().st_mtime_ns)
        for name in DOCUMENTS
    }


def build(root: Path, **options):
    return run_pelican(root / "pelican.conf.py", root / "output", **options)


def edit(root: Path, old: str, new: str, name: str = "content/profile.yaml") -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def changed(before: dict, after: dict) -> set[str]:
    return {name for name in DOCUMENTS if before[name] != after[name]}


def copy_with_links(source: Path, target: Path) -> None:
    """`source` copied to `target` with the files' times, and the files linked together
    (a document and its cache entry) linked together again."""
    copied: dict[tuple[int, int], Path] = {}
    for folder, folders, files in os.walk(source):
        folders[:] = [name for name in folders if not name.startswith(".output.old")]
        into = target / Path(folder).relative_to(source)
        into.mkdir(parents=True, exist_ok=True)
        for name in files:
            info = os.lstat(Path(folder, name))
            if (info.st_dev, info.st_ino) in copied:
                os.link(copied[info.st_dev, info.st_ino], into / name)
                continue
            shutil.copy2(Path(folder, name), into / name, follow_symlinks=False)
            if info.st_nlink > 1:
                copied[info.st_dev, info.st_ino] = into / name


RESTORED = itertools.count()


def small(data: dict) -> None:
    """`MINIMAL` made two-language (French first) with what the tests edit: a certification
    (printed in the annexe and the CV), a speaker note and a prepared answer (rehearsal texts
    only the deck holds), the photo on the deck's profile slide. Its documents print in half the sample's time."""
    data["locale"] = ["fr", "en"]
    data["certifications"] = [
        {"name": "ITIL 4 Foundation", "issuer": "PeopleCert", "date": "2024-11"}
    ]
    data["improvements"] = copy.deepcopy(SAMPLE_DATA["improvements"][:1])  # one question
    data["defence"] = {
        "slides": [
            {
                "type": "title",
                "seconds": 20,
                "notes": {
                    "fr": "En cinq minutes, je vous présente mon profil.",
                    "en": "In five minutes, I present my profile.",
                },
            },
            {"type": "profile", "seconds": 40, "notes": {"fr": "Mon profil.", "en": "Profile."}},
            {
                "type": "closing",
                "seconds": 20,
                "notes": {"fr": "Vos questions.", "en": "Questions."},
            },
        ],
        "answers": {
            "improvement/prise-de-parole-en-public": {
                "fr": "Par deux actions datées : un meetup par mois.",
                "en": "Through two dated actions: a meetup a month.",
            }
        },
    }


@pytest.fixture(scope="module")
def printed_once(tmp_path_factory) -> tuple[Path, Path, dict[str, str]]:
    """A small profile (`small`, a 600 x 800 photo) built cold once for the module (in
    `site/`), kept aside as it was; the documents' keys hold the folder's path: each test
    builds in that same `site/`. Its settings name the copy's own theme (`THEME`), which a
    test edits."""
    base = tmp_path_factory.mktemp("document-cache")
    root = make_project(
        base / "site", small, base=MINIMAL, image=((600, 800), PORTRAIT[1]), articles=False
    )
    with (root / "pelican.conf.py").open("a", encoding="utf-8") as settings:
        settings.write('\nTHEME = "theme"\n')
    first = build(root)
    copy_with_links(root, base / "pristine")
    return root, base / "pristine", dict(first.documents)


@pytest.fixture
def built(printed_once) -> Path:
    """The sample's folder as its first (cold) build left it, output and cache included."""
    root, pristine, _ = printed_once
    aside = root.with_name(f"{root.name}-{os.getpid()}-{next(RESTORED)}")
    root.rename(aside)  # a build's `rm` may still be removing an output it replaced in it
    shutil.rmtree(aside, ignore_errors=True)
    copy_with_links(pristine, root)
    return root


# --------------------------------------------------------------------------- whole builds


def test_a_build_with_no_change_writes_no_document_nor_imports_weasyprint(printed_once, built):
    root, first = built, printed_once[2]
    assert set(first) == set(DOCUMENTS)
    assert set(first.values()) == {PRINTED}
    before = state(root / "output")
    # a new process, as a student runs it: nothing printed, WeasyPrint not even imported
    code = (
        "import sys\n"
        "from profile_gen.app.cli import main\n"
        "code = main(['build'])\n"
        "print('loaded:', sorted(m for m in ('weasyprint', 'docx', 'pptx') if m in sys.modules))\n"
        "sys.exit(code)\n"
    )
    again = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert "loaded: []" in again.stdout
    assert "6 inchangés, gardés tels quels" in again.stdout and "imprimé" not in again.stdout
    assert state(root / "output") == before  # same bytes, same time

    forced = build(root, force=True)
    assert set(forced.documents.values()) == {PRINTED}
    after = state(root / "output")
    assert {name: data for name, (data, _) in after.items()} == {
        name: data for name, (data, _) in before.items()
    }  # the same bytes, printed again
    assert changed(before, after) == set(DOCUMENTS)


def test_a_deck_only_change_reprints_only_the_deck(built):
    root = built
    before = state(root / "output")
    # a speaker note and a prepared answer: rehearsal texts the annexe and the CV never show
    edit(root, "En cinq minutes, je vous présente", "En cinq minutes, je présente")
    edit(root, "Par deux actions datées", "Par deux actions bien datées")
    built = build(root)
    after = state(root / "output")
    assert changed(before, after) == DECK
    assert {name for name, done in built.documents.items() if done == PRINTED} == DECK
    assert {name for name, done in built.documents.items() if done == KEPT} == (
        set(DOCUMENTS) - DECK
    )


def test_an_annexe_change_reprints_the_annexe_the_cv_and_the_word_file(built):
    root = built
    before = state(root / "output")
    edit(root, "name: ITIL 4 Foundation\n", "name: ITIL 4 Foundation Avancé\n")
    build(root)
    output = root / "output"
    after = state(output)
    assert "Avancé" in (output / "cv/index.html").read_text("utf-8")
    assert "Avancé" not in (output / "soutenance/index.html").read_text("utf-8")
    reprinted = changed(before, after)
    assert {"annexe.pdf", "cv.pdf", "annexe.docx"} <= reprinted
    assert "soutenance.pdf" not in reprinted  # its page did not change


def test_a_stylesheet_a_template_or_the_photo_reprints_what_uses_it(built, monkeypatch):
    # every PDF printed in one process: keyed by all the files they read together (a font or
    # a picture is loaded once for all), whether a helper could print the deck or not (a
    # thread left by another test in this worker would decide it: never the test's order)
    from profile_gen.printing import pdf

    monkeypatch.setattr(pdf, "can_print_beside", lambda: False)
    root = built  # its settings name the copy's own theme, edited below
    assert 'THEME = "theme"' in (root / "pelican.conf.py").read_text("utf-8")
    output = root / "output"

    before = state(output)
    with (root / "theme/static/css/print.css").open("a", encoding="utf-8") as css:
        css.write("\n/* changed */\n")
    build(root)
    after = state(output)
    assert {"annexe.pdf", "cv.pdf"} <= changed(before, after)
    assert not changed(before, after) & {"annexe.docx", "soutenance.pptx"}  # no stylesheet

    before = after
    edit(root, "</h1>", "</h1><p>Ajouté par le gabarit</p>", "theme/templates/annexe.html")
    build(root)
    after = state(output)
    assert "annexe.pdf" in changed(before, after)
    assert not changed(before, after) & DECK

    before = after
    photo = root / "content/images/photo.jpg"

    with Image.open(photo) as image:
        image.convert("RGB").transpose(Image.Transpose.FLIP_LEFT_RIGHT).save(photo)
    build(root)
    after = state(output)
    assert {"annexe.pdf", "annexe.docx", "soutenance.pdf", "soutenance.pptx"} <= changed(
        before, after
    )


def test_an_edited_kept_document_is_printed_again(built):
    """A document opened and saved in place (the output shares its file with the cache)
    is not given back: its content no longer matches its digest."""
    root = built
    annexe = root / "output/annexe.docx"
    with annexe.open("r+b") as file:  # written in place, as some editors do
        file.seek(10)
        file.write(b"edited")
    built = build(root)
    assert built.documents["annexe.docx"] == PRINTED
    assert b"edited" not in (root / "output/annexe.docx").read_bytes()[:40]


# --------------------------------------------------------------------------- the cache itself


def cache_with_entry(tmp_path: Path, name: str = "annexe.pdf") -> tuple[DocumentCache, Path, str]:
    """A cache holding one document `name` of key `key`, written in `tmp_path/build`."""
    cache = DocumentCache(tmp_path / "cache", "owner")
    output = tmp_path / "build"
    output.mkdir()
    (output / name).write_bytes(b"%PDF-1.7 the document")
    (output / "print.css").write_text("p {}", encoding="utf-8")
    key = cache.key("inputs", 1)
    assert key is not None
    cache.keep(
        name, key, output, name, pages=3, inputs={"print.css": cache.digest(output / "print.css")}
    )
    return cache, output, key


def fresh_build(tmp_path: Path, number: int) -> Path:
    output = tmp_path / f"build{number}"
    output.mkdir()
    (output / "print.css").write_text("p {}", encoding="utf-8")
    return output


def test_a_kept_document_is_linked_with_its_time_and_page_count(tmp_path):
    cache, first, key = cache_with_entry(tmp_path)
    second = fresh_build(tmp_path, 2)
    found = DocumentCache(tmp_path / "cache", "owner").reuse(
        "annexe.pdf", key, second, "annexe.pdf"
    )
    assert found is not None and found["pages"] == 3
    kept, original = second / "annexe.pdf", first / "annexe.pdf"
    assert kept.read_bytes() == original.read_bytes()
    assert kept.stat().st_mtime_ns == original.stat().st_mtime_ns
    assert cache.status == {"annexe.pdf": PRINTED}


def test_what_a_kept_pdf_read_is_checked_again(tmp_path):
    _, _, key = cache_with_entry(tmp_path)
    second = fresh_build(tmp_path, 2)
    (second / "print.css").write_text("p { color: red }", encoding="utf-8")
    cache = DocumentCache(tmp_path / "cache", "owner")
    assert cache.reuse("annexe.pdf", key, second, "annexe.pdf") is None
    assert not (second / "annexe.pdf").exists()


def test_another_key_another_owner_or_force_is_a_miss(tmp_path):
    _, _, key = cache_with_entry(tmp_path)
    output = fresh_build(tmp_path, 2)
    other_key = DocumentCache(tmp_path / "cache", "owner").key("inputs", 2)
    assert (
        DocumentCache(tmp_path / "cache", "owner").reuse("annexe.pdf", other_key, output, "a.pdf")
        is None
    )
    assert (
        DocumentCache(tmp_path / "cache", "another").reuse("annexe.pdf", key, output, "a.pdf")
        is None
    )
    forced = DocumentCache(tmp_path / "cache", "owner", force=True)
    assert forced.reuse("annexe.pdf", key, output, "a.pdf") is None
    assert (
        DocumentCache(tmp_path / "cache", "owner").reuse("annexe.pdf", None, output, "a.pdf")
        is None
    )


@pytest.mark.parametrize("plant", ["link", "pipe", "other file", "bad record", "record link"])
def test_a_planted_cache_entry_is_never_served(tmp_path, plant):
    """The cache is in the student's folder: a link, a pipe, another file under the entry's
    name or a record that is not the cache's own are not used (and nothing hangs)."""
    _, _, key = cache_with_entry(tmp_path)
    folder = tmp_path / "cache"
    [entry] = folder.glob("*.pdf")
    [record] = folder.glob("*.json")
    secret = tmp_path / "secret.txt"
    secret.write_text("not a document", encoding="utf-8")
    if plant == "link":
        entry.unlink()
        entry.symlink_to(secret)
    elif plant == "pipe":
        entry.unlink()
        os.mkfifo(entry)
    elif plant == "other file":
        entry.write_bytes(b"%PDF-1.7 another document")
    elif plant == "bad record":
        record.write_text('{"key": "' + key + '", "sha256": 3, "inputs": ["../secret.txt"]}')
    else:
        shutil.copy(record, secret)
        record.unlink()
        record.symlink_to(secret)
    output = fresh_build(tmp_path, 2)
    cache = DocumentCache(folder, "owner")
    assert cache.reuse("annexe.pdf", key, output, "annexe.pdf") is None
    assert not (output / "annexe.pdf").exists()


def test_recorded_inputs_outside_the_output_are_not_read(tmp_path):
    cache, _, key = cache_with_entry(tmp_path)
    [record] = (tmp_path / "cache").glob("*.json")
    import json

    found = json.loads(record.read_text(encoding="utf-8"))
    outside = tmp_path / "outside.css"
    outside.write_text("p {}", encoding="utf-8")
    found["inputs"] = {"../outside.css": cache.digest(outside)}
    record.write_text(json.dumps(found), encoding="utf-8")
    output = fresh_build(tmp_path, 2)
    assert (
        DocumentCache(tmp_path / "cache", "owner").reuse("annexe.pdf", key, output, "x.pdf") is None
    )


def test_the_cache_writes_through_no_planted_link_and_keeps_a_few_entries(tmp_path):
    target = tmp_path / "elsewhere"
    target.mkdir()
    (tmp_path / "cache").symlink_to(target)  # the whole folder planted
    cache = DocumentCache(tmp_path / "cache", "owner")
    output = tmp_path / "build"
    output.mkdir()
    for number in range(KEEP + 2):
        (output / "cv.pdf").write_bytes(f"document {number}".encode())
        cache.keep("cv.pdf", cache.key(number), output, "cv.pdf", pages=1)
    assert not list(target.iterdir())
    assert not (tmp_path / "cache").is_symlink()
    assert len(list((tmp_path / "cache").glob("*.pdf"))) == KEEP
    assert len(list((tmp_path / "cache").glob("*.json"))) == KEEP


def test_fingerprints_are_stable_and_refuse_what_they_cannot_read():
    profile = load(ROOT / "content/profile.yaml")
    assert fingerprint(profile, {1, 2}, b"x") == fingerprint(profile, {2, 1}, b"x")
    assert fingerprint(profile) != fingerprint(profile.model_copy(update={"interests": []}))
    assert DocumentCache(Path("unused"), "owner").key(object()) is None  # printed every time


def test_the_annexe_carries_no_rehearsal_text():
    """Speaker notes and prepared answers stay on the student's computer: not in the
    annexe's attached profile (so editing them reprints no annexe)."""
    profile = load(ROOT / "content/profile.yaml")
    assert any(slide.notes for slide in profile.defence.slides) and profile.defence.answers
    printed = printed_profile(profile)
    assert not any(slide.notes for slide in printed.defence.slides)
    assert not printed.defence.answers
    assert [s.type for s in printed.defence.slides] == [s.type for s in profile.defence.slides]
    assert "En cinq minutes" not in attachment_text(profile)


# --------------------------------------------------------------------------- the line


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_documents_line_says_what_was_reprinted_and_kept(lang, tmp_path):
    files = ["annexe.pdf", "cv.pdf", "soutenance.pdf"]
    one = documents_line(lang, tmp_path, files, {"annexe.pdf": KEPT})
    two = documents_line(lang, tmp_path, files, {"annexe.pdf": KEPT, "cv.pdf": KEPT})
    reprinted_two = i18n.text(lang, "documents.reprinted", count=2, files="X").split("(")[0]
    kept_one = i18n.text(lang, "documents.kept", count=1, files="X").split("(")[0]
    assert reprinted_two in one and kept_one in one
    assert str(tmp_path / "annexe.pdf") in one and str(tmp_path / "cv.pdf") in one
    assert i18n.text(lang, "documents.kept", count=2, files="X").split("(")[0] in two
    everything = documents_line(lang, tmp_path, files, {})
    assert kept_one.strip() not in everything
    assert everything.startswith("Documents")
    if lang == "fr":
        assert "2 imprimés" in one and "1 inchangé, gardé tel quel" in one
        assert "1 imprimé (" in two
    else:
        assert "1 unchanged, kept as it was" in one and "2 unchanged, kept as they were" in two


def test_weasyprint_loads_its_libraries_without_find_library():
    """cffi would start `ldconfig` and `gcc` for every name WeasyPrint tries first
    (`ctypes.util.find_library`): its libraries load by their direct names, and the
    function is back in place afterwards."""
    code = (
        "import ctypes.util\n"
        "calls = []\n"
        "real = ctypes.util.find_library\n"
        "def spy(name):\n"
        "    calls.append(name)\n"
        "    return real(name)\n"
        "ctypes.util.find_library = spy\n"
        "from profile_gen.printing.fetcher import weasyprint_module\n"
        "weasyprint_module()\n"
        "print(calls, ctypes.util.find_library is spy)\n"
    )
    answer = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert answer.returncode == 0, answer.stderr
    assert answer.stdout.strip() == "[] True"


def test_the_options_of_build_and_serve():
    from profile_gen.app.cli import parser

    for lang in ("fr", "en"):
        commands = parser(lang)
        assert commands.parse_args(["build", "--force"]).force
        assert not commands.parse_args(["build"]).force
        assert commands.parse_args(["serve"]).documents  # on by default
        assert not commands.parse_args(["serve", "--no-documents"]).documents
        assert commands.parse_args(["serve", "--pdf"]).pdf  # the old flag, still accepted
