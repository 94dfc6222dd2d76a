"""A student's folder is untrusted: a picture in a profile's text, a word too long for the
page, two builds into one folder, SIGTERM, a broken cohort member — a clear error or a safe
output, never a traceback, a dead watcher or a lost cohort."""

from __future__ import annotations

import errno
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from profile_gen import i18n
from profile_gen.app import cohort
from profile_gen.app.build import output_lock, run_pelican
from profile_gen.errors import BuildError
from tests.conftest import ROOT, copy_sample
from tests.profiles import MINIMAL, make_project

SUMMARY = "Cheffe de projet SI en alternance chez **Transalp"
BODY = "        ## Démarche\n"
TINY_PNG = (
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhf"
    "DwAChwGA60e6kgAAAABJRU5ErkJggg=="
)
PICTURES = (
    "![distant](https://example.com/x.png) ![inline](data:image/png;base64,AAAA) "
    "![secret](file:///etc/passwd) ![up](../../x.png) "
)


def with_pictures(root: Path) -> Path:
    """The sample with outside pictures in the summary and in an achievement's body."""
    copy_sample(root, SUMMARY, PICTURES + SUMMARY)
    profile = root / "content/profile.yaml"
    text = profile.read_text("utf-8")
    body = "        ![logo](https://example.com/logo.png)\n\n" + BODY
    profile.write_text(text.replace(BODY, body, 1), "utf-8")
    return root


# --------------------------------------------------------------------------- pictures


def test_pictures_in_profile_texts_show_as_their_description(tmp_path, capsys, in_dir):
    """On the pages, in the printed annexe and in the Word annexe (one build, `build`'s as
    the command runs it; the annexe is the one PDF printed: the one read)."""
    from profile_gen.app.build import build

    in_dir(with_pictures(tmp_path))
    code = build(
        tmp_path / "pelican.conf.py", lang="en", pdf=("annexe.pdf",), formats=("pdf", "docx")
    )
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "Traceback" not in err
    fields = "achievements[0].body.fr, summary.fr"
    assert i18n.text("en", "build.text_images", fields=fields) in out
    output = tmp_path / "output"
    for page in ("index.html", "annexe/index.html", "cv/index.html"):
        soup = BeautifulSoup((output / page).read_text("utf-8"), "html.parser")
        sources = [img.get("src", "") for img in soup.find_all("img")]
        assert not [src for src in sources if re.match(r"(https?|data|file):|\.\./\.\./", src)]
        assert "distant inline" in soup.get_text(" ")  # their descriptions stay
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(output / "annexe.pdf").pages)
    assert "distant" in text and "passwd" in text  # the file: one stays words
    import docx

    document = docx.Document(str(output / "annexe.docx"))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    words = " ".join([paragraph.text for paragraph in document.paragraphs] + cells)
    assert "distant" in words and "inline" in words
    assert not [
        rel for rel in document.part.rels.values() if rel.is_external and "x.png" in rel.target_ref
    ]


@pytest.mark.pdf  # `check` counts the printed CV's pages with WeasyPrint
def test_check_names_the_fields_holding_pictures(tmp_path, run_cli):
    with_pictures(tmp_path)
    result = run_cli("--lang", "en", "check", str(tmp_path / "content/profile.yaml"))
    assert result.code == 1 and "Traceback" not in result.err
    assert "summary.fr: https://example.com/x.png" in result.out
    assert "summary.fr: data:image/png;base64,AAAA" in result.out
    assert "summary.fr: ../../x.png" in result.out
    assert "achievements[0].body.fr: https://example.com/logo.png" in result.out
    assert "file:///etc/passwd" not in result.out  # markdown-it never makes it a picture


def test_the_fetcher_reads_only_the_builds_own_files(tmp_path):
    from profile_gen.printing.fetcher import DATA_LIMIT, STABLE_ROOT, local_fetcher

    root = tmp_path / "output"
    (root / "images").mkdir(parents=True)
    (root / "images/a.png").write_bytes(b"png")
    (tmp_path / "secret.txt").write_text("secret", "utf-8")
    fetcher = local_fetcher(root)
    assert fetcher.fetch(STABLE_ROOT + "images/a.png").read() == b"png"
    assert fetcher.fetch((root / "images/a.png").as_uri()).read() == b"png"
    assert fetcher.fetch(TINY_PNG).read().startswith(b"\x89PNG")
    refused = [
        "https://example.com/x.png",
        "http://127.0.0.1:1/x.png",
        "ftp://example.com/x.png",
        (tmp_path / "secret.txt").as_uri(),
        STABLE_ROOT + "../secret.txt",
        STABLE_ROOT + "images/missing.png",
        "data:image/png;base64," + "A" * DATA_LIMIT,
    ]
    for url in refused:
        with pytest.raises(Exception) as caught:  # a plain Exception: WeasyPrint skips it
            fetcher.fetch(url)
        assert isinstance(caught.value, Exception), url
    assert fetcher.refused == refused


def test_a_printed_page_asking_for_an_outside_file_is_named(tmp_path):
    from profile_gen.printing import pdf

    root = tmp_path / "output"
    (root / "cv").mkdir(parents=True)
    (tmp_path / "secret.png").write_bytes(b"not a picture")
    html = '<p>x</p><img src="{}">'
    (root / "cv/index.html").write_text(html.format(TINY_PNG), "utf-8")
    assert len(pdf._render("cv/index.html", root).pages) == 1  # a data: picture is fine
    (root / "cv/index.html").write_text(html.format("../../secret.png"), "utf-8")
    with pytest.raises(BuildError) as caught:
        pdf._render("cv/index.html", root)
    message = caught.value.describe("en")
    assert message.startswith("cv/index.html: the printed page asks for")
    assert "secret.png" in message


class LibraryStop(BaseException):
    """What WeasyPrint's FatalURLFetchingError is: a BaseException from a library."""


def test_a_librarys_base_exception_is_an_internal_error(run_cli, monkeypatch):
    from profile_gen.app import commands

    def stop(args):
        raise LibraryStop("fetch failed")

    monkeypatch.setattr(commands, "cmd_check", stop)
    result = run_cli("check")
    assert result.code == 3
    assert "LibraryStop('fetch failed')" in result.err and "Traceback" not in result.err


# --------------------------------------------------------------------------- long words

WORD = "Debut" + "x" * 4990 + "Fin"


def with_a_long_word(data: dict) -> None:
    """A small profile whose summary and one achievement's title (shown by the CV and the
    annexe) hold `WORD`."""
    data["summary"] = f"{WORD} Analyste."
    data["achievements"] = [{"id": "long", "title": WORD, "results": ["Un résultat"]}]


def test_a_word_longer_than_the_page_breaks_in_the_annexe_and_the_cv(tmp_path):
    """The word fills more than a page (in the CV's table too): the CV is fitted with it,
    and the two documents read here are the only ones printed (no deck). A small profile:
    the sample's other texts add layouts, not cases."""
    import pypdfium2

    make_project(tmp_path, with_a_long_word, base=MINIMAL, image=None, articles=False)
    printed = ("annexe.pdf", "cv.pdf")
    run_pelican(tmp_path / "pelican.conf.py", tmp_path / "output", pdf=printed, formats=("pdf",))
    for name in printed:
        shown = everything = ""
        for page in pypdfium2.PdfDocument(tmp_path / "output" / name):
            width, height = page.get_size()
            shown += page.get_textpage().get_text_bounded(0, 0, width, height)  # on the page
            everything += page.get_textpage().get_text_range()
        assert everything.count("x") >= 4990, name
        assert shown.count("x") == everything.count("x"), name  # none runs off the page
        assert "Fin" in shown, name


# --------------------------------------------------------------------------- one build at a time


def test_a_second_build_into_the_same_folder_is_refused(sample_copy, run_cli, in_dir):
    in_dir(sample_copy)
    output = sample_copy / "output"
    with output_lock(output.resolve()):
        result = run_cli("--lang", "en", "build", "--formats=")
    assert result.code == 2
    assert result.err.strip() == i18n.message("en", "build_locked", path=str(output.resolve()))
    assert not output.exists()
    assert run_cli("build", "--formats=").code == 0  # released: the next one builds
    with output_lock(output.resolve()):  # `pdf` writes into the folder too
        result = run_cli("--lang", "en", "pdf")
    assert result.code == 2 and "another build is already writing" in result.err
    assert not (output / "annexe.pdf").exists()


def test_the_lock_is_released_when_its_holder_dies(tmp_path):
    code = (
        "import os, sys; from pathlib import Path; from profile_gen.app.build import output_lock\n"
        "with output_lock(Path(sys.argv[1])): os._exit(7)\n"
    )
    died = subprocess.run([sys.executable, "-c", code, str(tmp_path / "output")], check=False)
    assert died.returncode == 7
    with output_lock(tmp_path / "output"):  # no stale lock
        pass


def test_a_full_disk_names_the_output_folder(sample_copy, run_cli, in_dir, monkeypatch):
    from pelican import Pelican

    def full(self):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))  # no file name, as write() says

    monkeypatch.setattr(Pelican, "run", full)
    in_dir(sample_copy)
    result = run_cli("--lang", "en", "build", "--no-pdf")
    assert result.code == 2
    assert result.err.startswith(f"{sample_copy / 'output'}: disk full")
    assert not list(sample_copy.glob(".output.building"))


def test_sigterm_cleans_the_staging_and_stops_the_helper(tmp_path, run_cli, in_dir, monkeypatch):
    """A small profile: its build fits its CV in WeasyPrint before it prints, as the
    sample's, in fewer tries."""
    from profile_gen.printing import pdf as pdf_step

    project = make_project(tmp_path, base=MINIMAL, image=None, articles=False)

    helpers: list[int] = []
    fork, render = pdf_step._fork_printer, pdf_step.render_pdf
    builder = os.getpid()

    def forked(*args):
        helper = fork(*args)
        helpers.append(helper[0])
        return helper

    def render_then_term(page, *args, **kwargs):
        if os.getpid() == builder:  # the annexe, printed here while the helper prints the deck
            os.kill(builder, signal.SIGTERM)
        return render(page, *args, **kwargs)

    monkeypatch.setattr(pdf_step, "can_print_beside", lambda: True)
    monkeypatch.setattr(pdf_step, "_fork_printer", forked)
    monkeypatch.setattr(pdf_step, "render_pdf", render_then_term)
    in_dir(project)
    result = run_cli("build", "--formats", "pdf")
    assert result.code == 143
    assert not (project / ".output.building").exists()
    assert not (project / "output").exists()
    assert len(helpers) == 1
    with pytest.raises(ChildProcessError):  # stopped and reaped: it writes nothing more
        os.waitpid(helpers[0], os.WNOHANG)
    assert signal.getsignal(signal.SIGTERM) is not None  # restored after the command


def test_sigterm_during_the_swap_waits_for_its_end(sample_copy, run_cli, in_dir, monkeypatch):
    from profile_gen.app import staging

    rename = staging._rename

    def term_then_rename(folder, final, keep=True):
        os.kill(os.getpid(), signal.SIGTERM)  # held until the swap is whole
        rename(folder, final, keep)

    monkeypatch.setattr(staging, "_rename", term_then_rename)
    in_dir(sample_copy)
    assert run_cli("build", "--formats=").code == 143
    assert (sample_copy / "output/index.html").is_file()
    assert not list(sample_copy.glob(".output.building")) + list(sample_copy.glob(".output.old"))


def test_a_books_time_limit_during_the_swap_waits_for_its_end(tmp_path, monkeypatch):
    """A cohort's alarm (`time_limit.time_limited`) held while the output is swapped, then
    dropped (it comes again while the Book still builds): the new output is whole."""
    from profile_gen.app import staging

    def expired(signum, frame):
        raise AssertionError("the alarm came through the swap")

    def alarm_then_rename(*args, **kwargs):
        os.kill(os.getpid(), signal.SIGALRM)
        rename(*args, **kwargs)

    folder, final = tmp_path / ".output.building", tmp_path / "output"
    for path in (folder, final):
        path.mkdir()
        (path / "index.html").write_text(path.name, "utf-8")
    rename = staging._rename
    monkeypatch.setattr(staging, "_rename", alarm_then_rename)
    previous = signal.signal(signal.SIGALRM, expired)
    try:
        staging.swap(folder, final, keep=False)
    finally:
        signal.signal(signal.SIGALRM, previous)
    assert (final / "index.html").read_text("utf-8") == ".output.building"
    assert not folder.exists()


# --------------------------------------------------------------------------- serve


class Crash(BaseException):
    pass


def test_serve_keeps_watching_after_any_failed_rebuild(sample_copy, monkeypatch):
    from profile_gen.app import serve
    from tests.test_serve import edit, status, wait_for

    build = serve.run_pelican

    def run_pelican(*args, **kwargs):
        profile = sample_copy / "content/profile.yaml"
        if "Léa Crash" in profile.read_text("utf-8"):
            raise Crash("a library gave up")
        return build(*args, **kwargs)

    monkeypatch.setattr(serve, "run_pelican", run_pelican)
    messages: list[str] = []
    server = serve.Server(sample_copy / "pelican.conf.py", port=0, say=messages.append)
    server.start()
    try:
        assert status(server) == {"build": 1, "error": None}
        edit(sample_copy, "name: Léa Moreau", "name: Léa Crash")
        wait_for(lambda: status(server)["error"] is not None)
        expected = i18n.text("fr", "serve.rebuild_failed", error="Crash: a library gave up")
        assert status(server)["error"] == expected and expected in messages
        (sample_copy / "content/articles/gone.md").write_text("Title: x\n", "utf-8")
        (sample_copy / "content/articles/gone.md").unlink()
        edit(sample_copy, "name: Léa Crash", "name: Léa Réparée")
        wait_for(lambda: status(server)["build"] == 2)  # the watcher lived on
        assert status(server)["error"] is None
        with output_lock(server.output):  # a `build` writing into the same folder
            edit(sample_copy, "name: Léa Réparée", "name: Léa Attendue")
            wait_for(lambda: status(server)["error"] is not None)
        assert "build" in status(server)["error"] or "construction" in status(server)["error"]
        edit(sample_copy, "name: Léa Attendue", "name: Léa Enfin")
        wait_for(lambda: status(server)["build"] == 3)
    finally:
        server.stop()


# --------------------------------------------------------------------------- cohort


def crash_on_slug(settings_file, slug, *rest):
    """A member whose worker process dies (a library's crash, the kernel's OOM killer)."""
    if slug == "crash":
        os._exit(9)
    return REAL_BUILD_MEMBER(settings_file, slug, *rest)


REAL_BUILD_MEMBER = cohort.build_member


def with_summary_pictures(data: dict) -> None:
    """A small Book whose summary holds outside pictures."""
    data["summary"] = PICTURES + "Analyste."


def make_class(root: Path) -> Path:
    shutil.copytree(ROOT / "theme", root / "theme")
    shutil.copy(ROOT / "pelican.conf.py", root / "pelican.conf.py")
    classe = root / "classe"
    make_project(root / "minimal", base=MINIMAL, image=None, articles=False)
    shutil.copytree(root / "minimal/content", classe / "healthy")  # a small Book
    make_project(root / "pictures", with_summary_pictures, base=MINIMAL, image=None, articles=False)
    shutil.copytree(root / "pictures/content", classe / "pictures")
    shutil.copytree(ROOT / "content", classe / "crash")
    (classe / "loop").symlink_to("loop")  # a symbolic link to itself
    (classe / "nowhere").symlink_to(root / "missing")
    (classe / "folder-profile/profile.yaml").mkdir(parents=True)  # cannot be read as a file
    (classe / "pipe").mkdir()
    os.mkfifo(classe / "pipe/profile.yaml")  # would hold whoever opens it for good
    (classe / "notes").mkdir()  # no profile.yaml: not a member
    return classe


def test_every_cohort_member_builds_or_is_named(tmp_path, run_cli, in_dir, monkeypatch):
    monkeypatch.setattr(cohort, "build_member", crash_on_slug)
    classe = make_class(tmp_path)
    in_dir(tmp_path)
    result = run_cli(
        "--lang", "en", "build", "--cohort", str(classe), "--formats", "pdf", "-j", "2"
    )
    assert result.code == 2 and "Traceback" not in result.err
    assert "2/7 Books" in result.out
    broken = ["crash", "folder-profile", "loop", "nowhere", "pipe"]
    assert f"Failed: {', '.join(broken)}" in result.out
    # each named from the cohort's folder (`classe/…`), not by its place on this machine
    assert "classe/loop: folder cannot be read (a symbolic link that loops)" in result.err
    assert "classe/nowhere: folder cannot be read (no such file or folder)" in result.err
    assert "classe/folder-profile/profile.yaml: folder cannot be read" in result.err
    assert "classe/pipe/profile.yaml is not a file (a folder, a pipe or a device)" in result.err
    assert "classe/crash: the build of this Book stopped short" in result.err
    output = tmp_path / "output"
    for slug in ("healthy", "pictures"):
        assert (output / slug / "annexe.pdf").is_file()
    assert "distant inline" in (output / "pictures/index.html").read_text("utf-8")
    index = BeautifulSoup((output / "index.html").read_text("utf-8"), "html.parser")
    failed = index.find("h2", class_="failed").find_next("ul").get_text()
    assert all(slug in failed for slug in broken)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any folder")
def test_an_unreadable_member_folder_is_named(tmp_path, run_cli, in_dir):
    classe = make_class(tmp_path)
    locked = classe / "locked"
    shutil.copytree(ROOT / "content", locked)
    locked.chmod(0)
    try:
        found = {slug: error for slug, _, error in cohort.find_profiles(classe)}
    finally:
        locked.chmod(0o755)
    assert isinstance(found["locked"], PermissionError)


def test_a_member_failing_with_a_base_exception_is_its_outcome(tmp_path, monkeypatch):
    def stop(*args, **kwargs):
        raise Crash("WeasyPrint gave up")

    monkeypatch.setattr(cohort, "run_pelican", stop)
    outcome = cohort.build_member(None, "x", tmp_path, tmp_path / "out", pdf=False, lang="en")
    assert not outcome.ok
    assert outcome.error == i18n.message(
        "en", "cohort_member_internal", path=str(tmp_path), detail="Crash: WeasyPrint gave up"
    )


def test_a_templates_link_out_of_the_folder_is_refused(tmp_path, run_cli, in_dir):
    """Alice's `templates` links to the class's folder, her template includes Bob's private
    file: her Book is refused and named, Bob's address is in no file of the output."""
    classe = tmp_path / "classe"
    for slug in ("alice", "bob"):
        make_project(tmp_path / slug, base=MINIMAL, image=None, articles=False)
        shutil.copytree(tmp_path / slug / "content", classe / slug)
    (classe / "bob/private.yaml").write_text(
        'identity:\n  contact:\n    address: "BOB SECRET ADDRESS 42"\n', "utf-8"
    )
    alice = classe / "alice"
    (alice / "templates").symlink_to("..")
    (alice / "articles").mkdir()
    (alice / "evil.html").write_text(
        '{% extends "base.html" %}{% block content %}<pre>{% include "bob/private.yaml" %}'
        "</pre>{% endblock %}",
        "utf-8",
    )
    (alice / "articles/evil.md").write_text(
        "Title: Evil\nDate: 2025-01-01\nSlug: evil\nTemplate: alice/evil\n\nText.\n", "utf-8"
    )
    in_dir(tmp_path)
    result = run_cli("--lang", "en", "build", "--cohort", str(classe), "--formats=")
    assert result.code == 2 and "Traceback" not in result.err
    assert "Failed: alice" in result.out
    assert "templates: a link to a folder outside the profile's folder, refused" in result.err
    output = tmp_path / "output"
    holding = {
        p.relative_to(output).as_posix()
        for p in output.rglob("*")
        if p.is_file() and b"BOB SECRET" in p.read_bytes()
    }
    assert holding <= {"bob/annexe/index.html", "bob/cv/index.html"}, holding  # his own
    # alone, a link out of the folder is refused the same way
    (tmp_path / "elsewhere").mkdir()
    solo = make_project(tmp_path / "solo", base=MINIMAL, image=None, articles=False)
    (solo / "content/templates").symlink_to(tmp_path / "elsewhere")
    in_dir(solo)
    result = run_cli("build", "--formats=")
    assert result.code == 2 and "templates : lien vers un dossier hors du dossier" in result.err


def test_a_member_folder_that_is_a_link_is_refused_and_named(tmp_path, run_cli, in_dir):
    """A link in the cohort's folder to a student's folder elsewhere (read outside the
    cohort) or to another member (their Book and annexe again under a second name)."""
    classe = tmp_path / "classe"
    shutil.copytree(ROOT / "content", classe / "lea")
    shutil.copytree(ROOT / "content", tmp_path / "outside")
    (classe / "dehors").symlink_to(tmp_path / "outside", target_is_directory=True)
    (classe / "lea-encore").symlink_to(classe / "lea", target_is_directory=True)
    in_dir(tmp_path)
    result = run_cli("--lang", "en", "build", "--cohort", str(classe), "--formats=", "-j", "1")
    assert result.code == 2 and "1/3 Books" in result.out
    for name in ("dehors", "lea-encore"):  # the target, a place on the machine, unsaid
        assert f"classe/{name}: a symbolic link, refused" in result.err
        assert str(tmp_path / "outside") not in result.err
        assert not (tmp_path / "output" / name).exists()
    assert (tmp_path / "output/lea/index.html").is_file()
