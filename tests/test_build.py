"""`profile-gen build` runs Pelican with the plugin, atomically."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from profile_gen.app import cli
from tests.conftest import Result, copy_sample


def _tree(folder):
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def built_again(tmp_path_factory) -> tuple[Path, Result]:
    """A copy of the sample built cold by `profile-gen build --output ../again` (in-process,
    run from the copy's folder), once for the module: the copy's folder and the command's
    result. The plain-Pelican test builds in that same folder: the documents' keys hold the
    folder's path, so it reuses them instead of printing them all again."""
    root = copy_sample(tmp_path_factory.mktemp("built-again") / "sample")
    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(root), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["build", "--output", str(root.parent / "again")])
    return root, Result(code, out.getvalue(), err.getvalue())


def test_build_writes_the_book_byte_for_byte_again(built_again, sample_site_pdf):
    """The sample built again, in another folder, gives the session's build byte for
    byte, documents included."""
    root, result = built_again
    assert result.code == 0, result.out + result.err
    assert "pages écrites" in result.out
    again = root.parent / "again"
    soup = BeautifulSoup((again / "index.html").read_text("utf-8"), "html.parser")
    assert soup.find("h1").get_text() == "Léa Moreau"
    assert soup.html["lang"] == "fr"
    # the phone is printed only: the build says how to publish the Book without it
    assert "contiennent : votre téléphone" in result.out and "profile-gen publish" in result.out
    assert _tree(again) == _tree(sample_site_pdf)


def test_no_publish_hint_when_everything_printed_is_public(run_cli, sample_copy, in_dir):
    in_dir(sample_copy)
    profile = sample_copy / "content/profile.yaml"
    text = profile.read_text("utf-8")
    profile.write_text(text.replace("      phone: annexe", "      phone: private"), "utf-8")
    result = run_cli("build", "--formats=")  # the hint reads the profile, not the documents
    assert result.code == 0 and "profile-gen publish" not in result.out


def test_broken_profile_leaves_previous_output(run_cli, sample_copy, in_dir):
    in_dir(sample_copy)
    assert run_cli("build", "--formats=").code == 0
    before = _tree(sample_copy / "output")
    profile = sample_copy / "content/profile.yaml"
    profile.write_text(profile.read_text("utf-8").replace("headline:", "headlin:", 1), "utf-8")
    result = run_cli("build", "--formats=")
    assert result.code == 2
    assert "vouliez-vous dire « headline »" in result.err
    assert _tree(sample_copy / "output") == before
    # no staging left; the lock file stays (the system releases the lock, the file is empty)
    assert [path.name for path in sample_copy.glob(".output*")] == [".output.lock"]


def test_build_fails_loudly_without_the_plugin(run_cli, sample_copy, in_dir):
    in_dir(sample_copy)
    conf = sample_copy / "pelican.conf.py"
    conf.write_text(conf.read_text("utf-8") + "PLUGINS = []\n", "utf-8")
    result = run_cli("build")
    assert result.code == 2
    assert "profile_gen.book.plugin" in result.err


def test_plain_pelican_builds_the_same_site(tmp_path, built_again, sample_site_pdf):
    """`pelican` itself, in the folder `built_again` built (another copy of the sample):
    `profile-gen build`'s output (the session's build) byte for byte. That folder keeps its
    documents' cache: a document is reused only if the page it is printed from and what it
    says about itself are those of that build (`printing/kept.py`), else it is printed
    again; that a fresh build prints the same bytes is
    `test_build_writes_the_book_byte_for_byte_again`."""
    sample_copy, _ = built_again
    assert (sample_copy / ".cache").is_dir()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pelican",
            "-q",
            "-s",
            "pelican.conf.py",
            "-o",
            str(tmp_path / "plain"),
        ],
        check=True,
        cwd=sample_copy,
    )
    assert _tree(tmp_path / "plain") == _tree(sample_site_pdf)


def test_plain_pelican_reports_profile_errors_without_traceback(sample_copy):
    profile = sample_copy / "content/profile.yaml"
    profile.write_text(profile.read_text("utf-8").replace("headline:", "headlin:", 1), "utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "pelican", "-q", "-s", "pelican.conf.py"],
        cwd=sample_copy,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "vouliez-vous dire « headline »" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


PRIVATE = ("annexe", "cv", "annexe.pdf", "cv.pdf", "soutenance.pdf")


def test_publish_leaves_the_print_outputs_out(
    run_cli, sample_copy, in_dir, tmp_path, sample_site_pdf
):
    in_dir(sample_copy)
    assert run_cli("publish", str(tmp_path / "site")).code == 2  # nothing built yet
    shutil.copytree(sample_site_pdf, sample_copy / "output")  # what `build` writes
    result = run_cli("publish", str(tmp_path / "site"))
    assert result.code == 0, result.err
    site = tmp_path / "site"
    assert (site / "index.html").is_file() and (site / "en/index.html").is_file()
    assert not (site / "soutenance").exists() and not (site / "en/defence").exists()
    for private in PRIVATE:
        assert not (site / private).exists()
    everything = b"".join(p.read_bytes() for p in site.rglob("*") if p.is_file())
    assert b"+33 6 12 34 56 78" not in everything
    # published again: the folder an earlier `publish` wrote is the Book's; another one is not
    assert run_cli("publish", str(site)).code == 0
    other = tmp_path / "other"
    other.mkdir()
    (other / "notes.txt").write_text("mine", "utf-8")
    assert run_cli("publish", str(other)).code == 2  # not empty
    assert run_cli("publish", str(site), "--force").code == 0
    # a folder where the whole output was once copied loses the print outputs
    shutil.copytree(sample_copy / "output", site, dirs_exist_ok=True)
    result = run_cli("publish", str(site), "--force")
    assert result.code == 0 and "annexe, annexe.docx, annexe.pdf, cv, cv.pdf" in result.out
    for private in PRIVATE:
        assert not (site / private).exists()


def test_publish_refuses_to_overlap_the_build(run_cli, sample_copy, in_dir):
    in_dir(sample_copy)
    assert run_cli("build", "--formats=").code == 0
    before = sorted(p.name for p in sample_copy.iterdir())
    inside = sorted(p.name for p in (sample_copy / "output").iterdir())
    for destination in ("output", "output/site", "."):
        result = run_cli("publish", destination, "--force")
        assert result.code == 2 and "se chevauchent" in result.err, (destination, result.err)
        assert sorted(p.name for p in sample_copy.iterdir()) == before, destination
        assert sorted(p.name for p in (sample_copy / "output").iterdir()) == inside, destination


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--content", "nope"), "dossier du profil introuvable : nope"),
        ((), "dossier du profil introuvable : "),  # the settings' PATH is missing
    ],
)
def test_missing_profile_folder_is_named(run_cli, sample_copy, in_dir, args, message):
    in_dir(sample_copy)
    if not args:
        shutil.rmtree(sample_copy / "content")
    result = run_cli("build", "--no-pdf", *args)
    assert result.code == 2 and message in result.err, result.err
    assert "Traceback" not in result.err and "interne" not in result.err


def test_an_unreadable_article_stops_the_build(run_cli, sample_copy, in_dir):
    in_dir(sample_copy)
    assert run_cli("build", "--formats=").code == 0
    before = (sample_copy / "output/index.html").read_bytes()
    article = sample_copy / "content/articles/sans-titre.md"
    article.write_text("Date: 2025-01-01\n\nNo title here.\n", encoding="utf-8")
    result = run_cli("build", "--formats=")
    assert result.code == 2, result.out
    assert "articles/sans-titre.md : l'article n'a pas de titre" in result.err
    assert "interne" not in result.err
    assert (sample_copy / "output/index.html").read_bytes() == before  # previous output kept
    plain = subprocess.run(
        [str(Path(sys.executable).parent / "pelican"), "-s", "pelican.conf.py"],
        capture_output=True,
        text=True,
    )
    assert plain.returncode == 2 and "articles/sans-titre.md" in plain.stderr


def test_a_draft_article_stays_out_of_every_output(run_cli, sample_copy, in_dir):
    in_dir(sample_copy)
    draft = sample_copy / "content/articles/brouillon.md"
    draft.write_text("Title: Brouillon secret\nDate: 2025-01-01\nStatus: draft\n\nx\n", "utf-8")
    result = run_cli("build", "--formats=")
    assert result.code == 0, result.err
    written = b"".join(p.read_bytes() for p in (sample_copy / "output").rglob("*.html"))
    assert b"Brouillon secret" not in written
    assert not (sample_copy / "output/drafts").exists()


def test_two_articles_at_one_address_are_named(run_cli, sample_copy, in_dir):
    in_dir(sample_copy)
    (sample_copy / "content/articles/copie.md").write_text(
        "Title: Copie\nDate: 2025-09-19\nSlug: planning-recette-partage\n\nx\n", "utf-8"
    )
    result = run_cli("build", "--no-pdf")
    assert result.code == 2, result.out
    assert (
        "articles/copie.md, articles/recette-partagee.md ont la même adresse "
        "(articles/planning-recette-partage/index.html)"
    ) in result.err
    assert "interne" not in result.err


def test_every_article_that_stops_the_build_is_named_at_once(run_cli, sample_copy, in_dir):
    """Two unreadable articles, and two articles at one address: `build` names them all at
    once, one line each, as `check` lists them, not the first alone (a student fixes them in
    one go)."""
    in_dir(sample_copy)
    articles = sample_copy / "content/articles"
    (articles / "a-sans-titre.md").write_text("Date: 2025-01-01\n\nx\n", "utf-8")
    (articles / "b-date.md").write_text("Title: B\nDate: pas une date\n\nx\n", "utf-8")
    (articles / "copie.md").write_text(
        "Title: Copie\nDate: 2025-09-19\nSlug: planning-recette-partage\n\nx\n", "utf-8"
    )
    result = run_cli("build", "--formats=")
    assert result.code == 2 and "interne" not in result.err, result.err
    assert result.err.splitlines() == [
        "articles/a-sans-titre.md : l'article n'a pas de titre ; ajoutez en tête une ligne "
        "« Title: … »",
        "articles/b-date.md:2 : date illisible « pas une date » ; écrivez-la AAAA-MM-JJ "
        "(ex. Date: 2025-09-12)",
        "articles/copie.md, articles/recette-partagee.md ont la même adresse "
        "(articles/planning-recette-partage/index.html) : donnez à l'une un autre « Slug: » "
        "(ou, pour une traduction, une autre « Lang: »)",
    ]
    checked = run_cli("check").out
    assert "articles/a-sans-titre.md" in checked and "articles/b-date.md" in checked


def _replaced_output(folder: Path) -> Path:
    old = folder / ".output.old"
    (old / "a/b").mkdir(parents=True)
    (old / "a/b/index.html").write_text("old", "utf-8")
    (old / "style.css").write_text("old", "utf-8")
    return old


def test_the_replaced_output_is_removed_in_the_background(tmp_path, monkeypatch):
    from profile_gen.app import staging

    old = _replaced_output(tmp_path)
    stopped = tmp_path / ".output.old-12-34"  # left by an earlier removal stopped half-way
    (stopped / "x").mkdir(parents=True)
    (tmp_path / ".output.older").mkdir()  # not one of them
    commands = []
    monkeypatch.setattr(staging.subprocess, "run", lambda command, **_: commands.append(command))
    staging.remove_aside(old)
    assert not old.exists()
    [command] = commands
    removed = command[4:]
    assert command[2].startswith("rm -rf -- ") and command[2].endswith("&")
    assert sorted(removed) == sorted(str(path) for path in tmp_path.glob(".output.old-*"))
    assert len(removed) == 2 and str(stopped) in removed
    monkeypatch.undo()  # the command itself, waited for
    subprocess.run([command[0], "-c", command[2].removesuffix("&"), *command[3:]], check=True)
    assert sorted(path.name for path in tmp_path.iterdir()) == [".output.older"]


def test_without_a_shell_the_replaced_output_is_removed_at_once(tmp_path, monkeypatch):
    from profile_gen.app import staging

    old = _replaced_output(tmp_path)
    monkeypatch.setattr(staging.shutil, "which", lambda name: None)
    staging.remove_aside(old)
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- the spare folders


def _small_project(root: Path, edit=None) -> Path:
    from tests.profiles import MINIMAL, make_project

    def with_achievements(data: dict) -> None:
        data["achievements"] = [
            {"id": slug, "title": title, "context": "Contexte", "results": ["Résultat"]}
            for slug, title in (("migration-erp", "Migration ERP"), ("tableau", "Tableau"))
        ]
        if edit:
            edit(data)

    return make_project(root, with_achievements, base=MINIMAL, image=None, articles=False)


def _html_build(root: Path) -> Path:
    from profile_gen.app.build import run_pelican

    return run_pelican(root / "pelican.conf.py", root / "output", pdf=False, formats=()).output


def _inodes(folder: Path) -> dict[Path, int]:
    return {p.relative_to(folder): p.stat().st_ino for p in folder.rglob("*")}


def _public(paths) -> list[Path]:
    """The paths of the Book itself (not print or rehearsal material, not a document)."""
    from profile_gen.outputs import is_kept_off

    return [path for path in paths if not is_kept_off(Path(path).as_posix())]


@pytest.fixture
def walks(monkeypatch) -> list[dict]:
    """The files each build of the test kept to write over (`Recycled.files` after the
    walk of the spare)."""
    from profile_gen.app import build

    kept: list[dict] = []
    walk = build.staging_folder

    def walked(final):
        folder, recycled = walk(final)
        kept.append(dict(recycled.files) if recycled else {})
        return folder, recycled

    monkeypatch.setattr(build, "staging_folder", walked)
    return kept


def test_the_next_build_writes_over_the_replaced_output(tmp_path, walks):
    """Making folders and files costs more than writing over them (docs/performance.md): the
    output a build replaces is kept aside (`.output.spare`), and the next build writes over
    its files, in its folders. The output is the same, byte for byte."""
    root = _small_project(tmp_path)
    built = _html_build(root)
    first = _inodes(built)
    book = {path: first[path] for path in _public(first) if (built / path).is_file()}
    second = _tree(_html_build(root))
    spare = root / ".output.spare"
    assert spare.is_dir() and not spare.is_symlink()
    assert {p: i for p, i in _inodes(spare).items() if (spare / p).is_file()} == book
    output = _html_build(root)
    assert _tree(output) == second
    again = _inodes(output)
    assert sorted(walks[-1]) == sorted(str(p) for p in _public(first) if (spare / p).is_file())
    assert all(again[path] == first[path] for path in _public(first))  # the same files
    assert (output / "index.html").is_file() and "index.html" in walks[-1]
    assert not (root / ".output.building").exists()


def test_the_spare_holds_nothing_but_the_book(tmp_path):
    """The annexe, the CV, the deck's pages and the documents (what `publish` leaves out, the
    phone number of `visibility: annexe` among them) are removed from the output a build
    replaces: a hidden folder beside `output/` never keeps a page the student removed."""

    def with_phone(data: dict) -> None:
        contact = data["identity"].setdefault("contact", {})
        contact["phone"] = "+33 6 12 34 56 78"
        contact.setdefault("visibility", {})["phone"] = "annexe"

    root = _small_project(tmp_path, with_phone)
    first = _html_build(root)
    assert "12 34 56 78" in "".join(p.read_text("utf-8") for p in first.rglob("*.html"))
    _html_build(root)
    spare = root / ".output.spare"
    files = [p for p in spare.rglob("*") if p.is_file()]
    assert files and _public(p.relative_to(spare) for p in files) == [
        p.relative_to(spare) for p in files
    ]
    assert not [p for p in files if b"12 34 56 78" in p.read_bytes()]
    assert (spare / "annexe").is_dir()  # its folders stay, for the next build


@pytest.mark.skipif(not hasattr(os, "O_NOFOLLOW"), reason="POSIX links")
def test_removing_the_print_material_follows_no_link(tmp_path):
    """An `output/annexe` that is a link to a folder elsewhere (a student's, a clone's):
    the link goes with the replaced output, what it points to stays whole."""
    root = _small_project(tmp_path / "project")
    output = _html_build(root)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "index.html").write_text("the student's own", "utf-8")
    shutil.rmtree(output / "annexe")
    (output / "annexe").symlink_to(elsewhere, target_is_directory=True)
    output = _html_build(root)
    assert (elsewhere / "index.html").read_text("utf-8") == "the student's own"
    assert not (root / ".output.spare/annexe").exists()
    assert (output / "annexe/index.html").is_file() and not (output / "annexe").is_symlink()


def test_what_a_build_no_longer_writes_is_gone_before_the_pdf_step(tmp_path, monkeypatch):
    """The documents are printed from the pages in the folder being built: a page of the
    build before that this one does not write (a deck that moved with the language, a
    removed achievement) is gone by then, as are its folders."""
    from profile_gen.media import documents

    root = _small_project(tmp_path)
    _html_build(root)
    _html_build(root)
    spare = root / ".output.spare"
    (spare / "realisations/old").mkdir(parents=True)
    (spare / "realisations/old/index.html").write_text("<p>stale</p>", "utf-8")
    (spare / "stale.html").write_text("<p>stale</p>", "utf-8")
    seen: list[list[str]] = []
    of_build = documents.of_build

    def look(settings):  # what the PDF step finds, right after it removed the stale files
        folder = Path(settings["OUTPUT_PATH"])
        seen.append(
            sorted(
                p.name
                for p in folder.rglob("*")
                if p.name == "old" or (p.is_file() and b"stale" in p.read_bytes())
            )
        )
        return of_build(settings)

    monkeypatch.setattr(documents, "of_build", look)
    output = _html_build(root)
    assert seen == [[]]
    assert not (output / "stale.html").exists() and not (output / "realisations/old").exists()


@pytest.mark.skipif(not hasattr(os, "O_NOFOLLOW"), reason="POSIX links")
def test_only_files_of_the_spare_alone_are_written_over(tmp_path, walks):
    """A file of the spare linked elsewhere (a hard link to a student's file, a document
    that is also in the documents' cache), read-only, writable by everyone or empty is
    removed, never written over: what it shares its bytes with keeps them."""
    root = _small_project(tmp_path / "project")
    _html_build(root)
    _html_build(root)
    spare = root / ".output.spare"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "mine.html").write_text("the student's own", "utf-8")
    linked, read_only, everyone, empty = sorted(spare.glob("*/index.html"))[:4]
    linked.unlink()
    os.link(elsewhere / "mine.html", linked)
    read_only.chmod(0o444)
    everyone.chmod(0o666)
    empty.write_bytes(b"")
    output = _html_build(root)
    chosen = [str(path.relative_to(spare)) for path in (linked, read_only, everyone, empty)]
    assert walks[-1] and not set(chosen) & set(walks[-1])
    assert (elsewhere / "mine.html").read_text("utf-8") == "the student's own"
    for page in chosen:
        assert (output / page).stat().st_nlink == 1
        assert "<html" in (output / page).read_text("utf-8")
    assert not (output / chosen[1]).stat().st_mode & 0o002


def test_a_static_file_is_copied_at_every_build(tmp_path):
    """`STATIC_CHECK_IF_MODIFIED` in a student's settings would have Pelican skip a static
    file whose kept copy is newer: the copy would then be removed as stale."""
    root = _small_project(tmp_path)
    (root / "content/files").mkdir()
    (root / "content/files/notice.txt").write_text("notice", "utf-8")
    settings = root / "pelican.conf.py"
    settings.write_text(
        settings.read_text("utf-8")
        + '\nSTATIC_PATHS = ["files"]\nSTATIC_CHECK_IF_MODIFIED = True\n',
        "utf-8",
    )
    for _ in range(3):
        output = _html_build(root)
        assert (output / "files/notice.txt").read_text("utf-8") == "notice"


def test_a_public_build_keeps_nothing_of_the_output_it_replaces(tmp_path):
    """`--public` builds the Book as it goes online: the output it replaces is removed, not
    kept aside for the next build."""
    from profile_gen.app.build import run_pelican

    root = _small_project(tmp_path)
    _html_build(root)
    _html_build(root)
    run_pelican(root / "pelican.conf.py", root / "output", public=True)
    assert not (root / ".output.spare").exists()
    again = run_pelican(root / "pelican.conf.py", root / "output", pdf=False, formats=()).output
    assert (again / "index.html").is_file()


def test_on_a_disk_of_coarse_times_no_file_is_written_over(tmp_path, monkeypatch, walks):
    """FAT keeps times to 2 s, exFAT to 10 ms: a page written again within the same step
    would look untouched, and be removed. There, the spare's files are removed, its folders
    kept, as before."""
    from profile_gen.app import staging

    root = _small_project(tmp_path)
    first = _inodes(_html_build(root))
    second = _tree(_html_build(root))
    seen: list = []
    monkeypatch.setattr(staging, "fine_times", lambda info: seen.append(info) or False)
    output = _html_build(root)
    assert len(seen) == 1  # the first file tells
    assert walks[-1] == {}
    assert _tree(output) == second
    again = _inodes(output)
    folders = [path for path in again if (output / path).is_dir()]
    assert folders and all(first.get(path) == again[path] for path in folders)


def test_a_folder_of_the_spare_left_empty_is_removed(tmp_path):
    """A spare folder with no file (the spares of earlier versions held folders only): the
    build writes every other page again, and removes what it left empty."""
    root = _small_project(tmp_path)
    _html_build(root)
    _html_build(root)
    (root / ".output.spare/bare/er").mkdir(parents=True)
    output = _html_build(root)
    assert (output / "index.html").is_file() and not (output / "bare").exists()


def test_a_removed_page_leaves_no_folder_behind(tmp_path):
    root = _small_project(tmp_path)
    for _ in range(2):
        output = _html_build(root)
    pages = sorted(p.parent.name for p in output.rglob("index.html"))
    assert any("tableau" in name for name in pages)
    _small_project(tmp_path / "edited", lambda data: data["achievements"].pop())
    shutil.copy(tmp_path / "edited/content/profile.yaml", root / "content/profile.yaml")
    for _ in range(2):  # the second writes into the folders the first left
        output = _html_build(root)
        assert not [p for p in output.rglob("*") if "tableau" in p.name]
        assert not [p for p in output.rglob("*") if p.is_dir() and not any(p.iterdir())]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX links and pipes")
def test_a_planted_spare_is_emptied_and_never_followed(tmp_path):
    """A spare folder in a student's folder (a clone can hold one, links and all): its links
    and pipes are removed before the build writes there, no link is followed; its files are
    written over or removed."""
    root = _small_project(tmp_path / "project")
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "inside").mkdir(parents=True)
    (elsewhere / "secret.txt").write_text("the builder's", "utf-8")
    spare = root / ".output.spare"
    (spare / "deep/er").mkdir(parents=True)
    (spare / "index.html").write_text("<p>planted</p>", "utf-8")
    (spare / "deep/er/page.html").write_text("<p>planted</p>", "utf-8")
    (spare / "realisations").symlink_to(elsewhere, target_is_directory=True)
    (spare / "deep/secret.txt").symlink_to(elsewhere / "secret.txt")
    os.mkfifo(spare / "deep/pipe")
    output = _html_build(root)
    assert sorted(p.name for p in elsewhere.rglob("*")) == ["inside", "secret.txt"]
    assert (elsewhere / "secret.txt").read_text("utf-8") == "the builder's"
    assert "planted" not in (output / "index.html").read_text("utf-8")
    assert not (output / "deep").exists()  # emptied, then left unused: removed
    assert not [p for p in output.rglob("*") if p.is_symlink()]


def test_a_spare_that_is_a_link_is_removed_not_used(tmp_path):
    root = _small_project(tmp_path / "project")
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "sub").mkdir(parents=True)
    (elsewhere / "sub/keep.txt").write_text("kept", "utf-8")
    (root / ".output.spare").symlink_to(elsewhere, target_is_directory=True)
    output = _html_build(root)
    assert (output / "index.html").is_file()
    assert (elsewhere / "sub/keep.txt").read_text("utf-8") == "kept"
    assert sorted(p.name for p in elsewhere.rglob("*")) == ["keep.txt", "sub"]
    assert not (root / ".output.spare").is_symlink()


@pytest.mark.skipif(not hasattr(os, "O_NOFOLLOW"), reason="POSIX links")
def test_an_output_that_is_a_link_has_its_target_left_whole(tmp_path):
    """`output` linked to a folder elsewhere (a web root, a synced folder, a clone's planted
    link): the build replaces the link, as before, and never empties what it points to."""
    root = _small_project(tmp_path / "project")
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "sub").mkdir(parents=True)
    (elsewhere / "a.txt").write_text("a", "utf-8")
    (elsewhere / "sub/b.txt").write_text("b", "utf-8")
    (root / "output").symlink_to(elsewhere, target_is_directory=True)
    from profile_gen.app.build import run_pelican

    for _ in range(2):  # the settings' `output` (an `--output` is resolved: its target is it)
        output = run_pelican(root / "pelican.conf.py", pdf=False, formats=()).output
        assert output == root / "output"
        assert (output / "index.html").is_file() and not output.is_symlink()
    assert sorted(str(p.relative_to(elsewhere)) for p in elsewhere.rglob("*")) == [
        "a.txt",
        "sub",
        "sub/b.txt",
    ]


@pytest.mark.skipif(not hasattr(os, "O_NOFOLLOW"), reason="POSIX links")
def test_a_staging_folder_planted_as_a_link_is_never_emptied(tmp_path, monkeypatch):
    """Between the check of the spare and its walk, a link put in its place: refused by the
    walk (opened without following links), and the build starts from nothing."""
    from profile_gen.app import staging

    root = _small_project(tmp_path / "project")
    _html_build(root)
    _html_build(root)  # a spare now
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("kept", "utf-8")
    rename = Path.rename

    def swapped_for_a_link(self, target):
        done = rename(self, target)
        if self.name == ".output.spare":
            shutil.rmtree(target)
            Path(target).symlink_to(elsewhere, target_is_directory=True)
        return done

    monkeypatch.setattr(staging.Path, "rename", swapped_for_a_link)
    output = _html_build(root)
    monkeypatch.undo()
    assert (output / "index.html").is_file()
    assert (elsewhere / "keep.txt").read_text("utf-8") == "kept"


@pytest.mark.parametrize("where", ["project", "content", "documents", "repository", "sources"])
def test_an_output_that_would_replace_other_files_is_refused(tmp_path, where, run_cli, in_dir):
    """A build replaces its whole output folder: `-o .` (the project, the profile's folder)
    or a folder that is no Book (a student's documents, another git repository, a folder
    holding a profile) is refused, named, and left as it was."""
    root = _small_project(tmp_path / "project")
    target = {
        "project": root,
        "content": root / "content",
        "documents": tmp_path / "Documents",
        "repository": tmp_path / "site",
        "sources": tmp_path / "other",
    }[where]
    extra = {"documents": "notes.txt", "repository": ".git/HEAD", "sources": "profile.yaml"}
    if where in extra:
        (target / extra[where]).parent.mkdir(parents=True)
        (target / extra[where]).write_text("mine", "utf-8")
        (target / "index.html").write_text("<p>mine</p>", "utf-8")
        if where == "documents":
            (target / "index.html").unlink()
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    in_dir(root)
    result = run_cli("build", "--formats=", "-o", str(target))
    assert result.code == 2, result.out + result.err
    assert str(target) in result.err and "Traceback" not in result.err
    assert "choisissez" in result.err
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


def test_an_output_of_an_earlier_build_or_a_new_folder_is_taken(tmp_path, run_cli, in_dir):
    root = _small_project(tmp_path / "project")
    in_dir(root)
    for target in (tmp_path / "new", tmp_path / "new", tmp_path / "empty"):
        target.mkdir(exist_ok=True)
        (target / ".DS_Store").write_bytes(b"")
        result = run_cli("build", "--formats=", "-o", str(target))
        assert result.code == 0, result.err
        assert (target / "index.html").is_file()


def test_a_book_inside_a_books_output_is_refused(run_cli, sample_copy, in_dir):
    """`build -o output/sub`: publishing `output` took `sub` whole, its annexe and CV with
    it (they are nowhere `is_kept_off` looks). Refused, and a copy never takes a Book of
    its own below the root."""
    in_dir(sample_copy)
    assert run_cli("build", "--formats=").code == 0
    result = run_cli("build", "--formats=", "-o", "output/sub")
    assert result.code == 2 and "dans le dossier d'un Book" in result.err, result.err
    assert not (sample_copy / "output/sub").exists()


def test_publish_copies_only_what_the_build_wrote(run_cli, sample_copy, in_dir, tmp_path):
    """A LibreOffice lock file beside the opened annexe holds its user's name; Word's, the
    system's thumbnails, a Book built below the root (an older version allowed it): none
    goes to the published copy."""
    in_dir(sample_copy)
    assert run_cli("build", "--formats=").code == 0
    output = sample_copy / "output"
    stray = [".~lock.annexe.docx#", "~$annexe.docx", "Thumbs.db", "desktop.ini", ".DS_Store"]
    for name in stray:
        (output / name).write_text("Léa Moreau,lea,PC-LEA", "utf-8")
    nested = output / "sub"
    shutil.copytree(output, nested, ignore=shutil.ignore_patterns(*stray))
    (nested / "annexe").mkdir(exist_ok=True)
    (nested / "annexe/index.html").write_text("+33 6 12 34 56 78", "utf-8")
    assert run_cli("publish", str(tmp_path / "site")).code == 0
    site = tmp_path / "site"
    assert (site / "index.html").is_file()
    assert not [name for name in stray if (site / name).exists()]
    assert not (site / "sub").exists()
