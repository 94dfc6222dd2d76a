"""The deck's PDF (`soutenance.pdf`, for the jury's USB stick) read back: every slide prints
its content where it can be seen, for the sample and for the deck profiles' opposite ends;
emoji are left out; printed in a helper process beside the annexe, it is the same file."""

from __future__ import annotations

import gc
import re
import shutil
import tempfile
import threading
from pathlib import Path

import pypdf
import pypdfium2
import pytest
import yaml
from bs4 import BeautifulSoup

from profile_gen.app.build import run_pelican
from profile_gen.printing import pdf as pdf_step
from profile_gen.views.glyphs import PRESENTATION, is_emoji
from tests import deck_profiles
from tests.conftest import GOLDEN_GROUP, copy_sample
from tests.profiles import MINIMAL, make_project

CONTENT = (
    ".slide-body h1, .slide-body h2, .slide-body strong, .card h3, .card .results li,"
    " .quote blockquote, .quote figcaption strong, .plan, .explanation, .closing-name,"
    " .lead, .figures li"
)
"""What each slide says: its title, the cards, the quotes and their authors, the lists."""


def first_words(slide) -> list[str]:
    """The first and the last real word of each text of `slide` (no text is cut: its end is
    printed as its start is; a word of four letters or more is found once on a page)."""
    words = []
    for element in slide.select(CONTENT):
        found = [
            w for w in element.get_text(" ", strip=True).split() if len(w) >= 4 and w.isalpha()
        ]
        if found:
            words += [found[0], found[-1]]
    return words


def ink_under(page: pypdfium2.PdfPage, words: list[str]) -> dict[str, str]:
    """For each of `words`: 'seen' when some occurrence of it on `page` is drawn (its box
    holds pixels of two clearly different shades), 'hidden' when it is in the text but drawn
    nowhere (clipped, or laid out in a box of no height), 'absent' when the page does not
    contain it. The page is drawn once for all."""
    text = page.get_textpage()
    image = page.render(scale=1).to_pil().convert("L")
    return {word: _ink(text, image, page.get_height(), word) for word in words}


def _ink(text, image, height: float, word: str) -> str:
    searcher = text.search(word, match_case=True)
    state = "absent"
    while (hit := searcher.get_next()) is not None:
        state = "hidden"
        for rect in range(text.count_rects(*hit)):
            left, bottom, right, top = text.get_rect(rect)
            box = image.crop(
                (int(left), int(height - top), int(right) + 1, int(height - bottom) + 1)
            )
            darkest, lightest = box.getextrema()
            if lightest - darkest > 60:
                return "seen"
    return state


def build_deck(root: Path, data: dict) -> Path:
    """`data`'s site built without documents, then its deck printed as `profile-gen pdf`
    prints a build's: a build that prints fits the CV in WeasyPrint first, no page read here."""
    copy_sample(root)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    (root / "content/profile.yaml").write_text(text, encoding="utf-8")
    output = run_pelican(root / "pelican.conf.py", root / "output", pdf=False).output
    assert pdf_step.write_pdfs(output, only=("soutenance.pdf",))
    return output


GOLDEN = {"sample": "sample", "maximal": "maximal", "minimal_english": "minimal_en"}
"""The deck profiles that are golden profiles too (`tests.golden`): their golden build."""


@pytest.fixture(
    scope="module",
    params=["sample", "maximal", "many_strengths", "minimal_english", "latin_extended", "long_job"],
)
def printed(request, tmp_path_factory) -> tuple[str, Path]:
    """A deck profile's name and an output folder with the deck's HTML and PDF: the sample,
    or a deck profile; the golden ones' golden build (`golden_site`, every document)."""
    if request.param in GOLDEN:
        return request.param, request.getfixturevalue("golden_site")(GOLDEN[request.param])[1]
    data = getattr(deck_profiles, request.param)()
    return request.param, build_deck(tmp_path_factory.mktemp(request.param), data)


@GOLDEN_GROUP
def test_every_slide_prints_its_content_where_it_can_be_seen(printed):
    """The PDF once printed the cards and lists of five slides in boxes of no height (grid
    rows under a block): the words were in the file, and nothing showed. A letter of the
    font's latin-ext subset (`latin_extended`: Ł) once printed every bold line of the deck
    in other letters, the file's text too (two font files taken for one)."""
    _, output = printed
    html = (deck_profiles.deck_dir(output) / "index.html").read_text(encoding="utf-8")
    slides = BeautifulSoup(html, "html.parser").select("section.slide")
    document = pypdfium2.PdfDocument(output / "soutenance.pdf")
    assert len(document) == len(slides)
    checked = 0
    for number, slide in enumerate(slides, start=1):
        words = first_words(slide)
        states = ink_under(document[number - 1], words)
        assert all(state == "seen" for state in states.values()), (number, states)
        checked += len(words)
    assert checked >= len(slides)


@GOLDEN_GROUP
def test_the_printed_deck_reads_word_by_word(printed):
    """A PDF reader copies, searches and reads aloud each slide's words apart: after the
    « of a quote, every space of the italic face once read as U+202F (a PDF maps a glyph to
    the first character it drew, and Pango draws the narrow space the font lacks with its
    space glyph): « Léa\u202fa\u202fpiloté\u202fla… » was one word."""
    _, output = printed
    html = (deck_profiles.deck_dir(output) / "index.html").read_text(encoding="utf-8")
    slides = BeautifulSoup(html, "html.parser").select("section.slide")
    document = pypdfium2.PdfDocument(output / "soutenance.pdf")
    for number, slide in enumerate(slides, start=1):
        text = document[number - 1].get_textpage().get_text_range()
        assert "\u202f" not in text, number
        words = {word.strip(".,;:!?«»()—’'") for word in re.split("[ \r\n\xa0-]+", text)}
        assert set(first_words(slide)) <= words, number


@GOLDEN_GROUP
def test_the_printed_deck_leaves_emoji_out(printed):
    name, output = printed
    html = (deck_profiles.deck_dir(output) / "index.html").read_text(encoding="utf-8")
    document = pypdfium2.PdfDocument(output / "soutenance.pdf")
    on_paper = "".join(page.get_textpage().get_text_range() for page in document)
    colour = [char for char in on_paper if char > "\uffff" or char in PRESENTATION]
    assert not colour
    if name in ("maximal", "many_strengths"):  # emoji in titles: kept on screen
        assert [char for char in html if char > "\uffff" and is_emoji(char)]
    if name == "many_strengths":  # symbols that are text by default stay
        assert "✓" in on_paper and "★" in on_paper


# --------------------------------------------------------------------------- printed beside


def french_first(data: dict) -> None:
    data["locale"] = ["fr", "en"]


@pytest.fixture(scope="module")
def small_site(tmp_path_factory) -> Path:
    """A small profile's HTML build (`tests.profiles.MINIMAL` with a photo, French first as
    the sample): every page the helper prints, fewer slides and a shorter annexe than the
    sample's, printed again and again here. Read-only: `html_only` copies it."""
    root = make_project(
        tmp_path_factory.mktemp("small"), french_first, base=MINIMAL, articles=False
    )
    return run_pelican(root / "pelican.conf.py", pdf=False).output


@pytest.fixture
def html_only(small_site, tmp_path) -> Path:
    """A writable copy of `small_site`."""
    return Path(shutil.copytree(small_site, tmp_path / "output"))


TWO = ("cv.pdf", "soutenance.pdf")
"""The deck, and the shortest document printed here while a helper prints the deck."""


@pytest.fixture(scope="module")
def printed_alone(small_site, tmp_path_factory) -> tuple[dict[str, int], dict[str, bytes]]:
    """`TWO` printed from `small_site` in this process alone, no helper beside: their page
    counts (what `write_pdfs` returns) and their bytes."""
    output = Path(shutil.copytree(small_site, tmp_path_factory.mktemp("alone") / "output"))
    counts = pdf_step.write_pdfs(output, only=TWO, beside=False)
    return counts, {name: (output / name).read_bytes() for name in counts}


def test_the_deck_printed_beside_the_annexe_is_the_same_file(html_only, printed_alone, monkeypatch):
    alone, files = printed_alone
    forked = []
    fork = pdf_step._fork_printer
    monkeypatch.setattr(pdf_step, "can_print_beside", lambda: True)
    monkeypatch.setattr(pdf_step, "_fork_printer", lambda *a: forked.append(a[0]) or fork(*a))
    assert not any((html_only / name).exists() for name in alone)
    assert pdf_step.write_pdfs(html_only, only=TWO) == alone
    assert forked == [{"soutenance/index.html": "soutenance.pdf"}]
    assert {name: (html_only / name).read_bytes() for name in alone} == files


def test_the_helper_leaves_no_folder_of_fonts_behind(html_only, tmp_path, monkeypatch):
    """The helper removes WeasyPrint's temporary folder of fonts itself (it collects none of
    its objects), and the main process's goes with its configuration."""
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    forked = []
    fork = pdf_step._fork_printer
    monkeypatch.setattr(pdf_step, "can_print_beside", lambda: True)
    monkeypatch.setattr(pdf_step, "_fork_printer", lambda *a: forked.append(a[0]) or fork(*a))
    assert "soutenance.pdf" in pdf_step.write_pdfs(html_only, only=TWO)
    assert forked == [{"soutenance/index.html": "soutenance.pdf"}]
    gc.collect()
    assert not list(temp.iterdir())


def test_a_failing_helper_leaves_its_pages_to_the_main_process(html_only, monkeypatch):
    """Whatever stops the helper, the deck is printed all the same, and an error it met is
    met again (and told) where the build runs."""
    import os

    main_process, render, reports = os.getpid(), pdf_step.render_pdf, []
    join = pdf_step._join

    def fails_in_the_helper(page, *args, **kwargs):
        if os.getpid() != main_process:
            raise RuntimeError("the helper fails")
        return render(page, *args, **kwargs)

    monkeypatch.setattr(pdf_step, "can_print_beside", lambda: True)
    monkeypatch.setattr(pdf_step, "render_pdf", fails_in_the_helper)
    monkeypatch.setattr(pdf_step, "_join", lambda helper: reports.append(join(helper)))
    counts = pdf_step.write_pdfs(html_only, only=TWO)
    assert reports == [None]  # a helper ran, and failed
    assert set(counts) == set(TWO) and counts["soutenance.pdf"] >= 2
    assert pypdfium2.PdfDocument(html_only / "soutenance.pdf")


def test_no_process_to_fork_or_sigchld_ignored_still_print_everything(
    html_only, printed_alone, monkeypatch
):
    """Out of processes, everything prints here; with SIGCHLD ignored (a launcher's setting
    that children inherit), the helper is not waited for, and its report is enough."""
    import os
    import signal

    monkeypatch.setattr(pdf_step, "can_print_beside", lambda: True)
    expected, _ = printed_alone
    previous = signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    try:
        assert pdf_step.write_pdfs(html_only, only=TWO) == expected
    finally:
        signal.signal(signal.SIGCHLD, previous)

    def no_fork() -> int:
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    opened = len(os.listdir("/proc/self/fd"))
    assert pdf_step.write_pdfs(html_only, only=TWO) == expected
    assert len(os.listdir("/proc/self/fd")) <= opened  # the pipe's ends closed


def test_a_fresh_linux_process_with_two_cores_prints_beside():
    """What the build sees: nothing else running in a new `profile-gen` process."""
    import os
    import subprocess
    import sys

    code = "from profile_gen.printing import pdf; print(pdf.can_print_beside())"
    answer = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    expected = sys.platform == "linux" and len(os.sched_getaffinity(0)) > 1
    assert answer.stdout.strip() == str(expected), answer.stderr


def test_a_failing_build_stops_its_helper(html_only, monkeypatch):
    """The annexe fails to print: the helper is stopped and reaped (not left writing into a
    build that is given up) before the error goes on."""
    import os

    main_process, render, joined = os.getpid(), pdf_step.render_pdf, []
    join = pdf_step._stop

    def fails_here(page, *args, **kwargs):
        if os.getpid() == main_process and page == "annexe/index.html":
            raise RuntimeError("the annexe fails")
        return render(page, *args, **kwargs)

    monkeypatch.setattr(pdf_step, "can_print_beside", lambda: True)
    monkeypatch.setattr(pdf_step, "render_pdf", fails_here)
    monkeypatch.setattr(pdf_step, "_stop", lambda helper: joined.append(helper) or join(helper))
    with pytest.raises(RuntimeError, match="the annexe fails"):
        pdf_step.write_pdfs(html_only)
    [(pid, _)] = joined
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # already reaped


def test_no_helper_beside_threads_one_core_or_one_document(html_only, monkeypatch):
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not pdf_step.can_print_beside()  # `serve` runs threads: fork is not safe there
    finally:
        stop.set()
        thread.join()
    monkeypatch.setattr(pdf_step.os, "sched_getaffinity", lambda pid: {0}, raising=False)
    assert not pdf_step.can_print_beside()
    monkeypatch.setattr(pdf_step, "can_print_beside", lambda: True)
    monkeypatch.setattr(pdf_step, "_fork_printer", lambda *a: pytest.fail("forked for one file"))
    slides = (
        (html_only / "soutenance/index.html")
        .read_text(encoding="utf-8")
        .count('<section class="slide')
    )
    assert pdf_step.write_pdfs(html_only, only=("soutenance.pdf",)) == {"soutenance.pdf": slides}


def test_the_longest_name_prints_whole_in_every_footer(tmp_path):
    """A name of 200 characters, the most a profile takes, on two lines in the printed
    footer: once its second line and the slide's number went past the page, unseen."""
    from profile_gen.profile.identity import Identity

    longest = Identity.model_fields["name"].metadata
    limit = next(rule.max_length for rule in longest if hasattr(rule, "max_length"))
    data = yaml.safe_load((copy_sample(tmp_path / "sample") / "content/profile.yaml").read_text())
    words = "Marie-Charlotte Delacroix-Montmorency de La Tour-Saint-Germain d'Aubigny " * 4
    data["identity"]["name"] = words[: limit - len(" Zorglub")].rstrip() + " Zorglub"
    data["identity"]["family_name"] = "Zorglub"
    assert len(data["identity"]["name"]) <= limit
    output = build_deck(tmp_path / "deck", data)
    document = pypdfium2.PdfDocument(output / "soutenance.pdf")
    total = len(document)
    for number in range(1, total + 1):
        seen = ink_under(document[number - 1], [f"{number} / {total}", "Zorglub"])
        assert set(seen.values()) == {"seen"}, (number, seen)


@GOLDEN_GROUP
def test_the_closing_slide_links_what_it_shows(printed):
    """The jury's PDF of the deck: the addresses the closing slide shows (the Book, LinkedIn,
    the e-mail) are links there, as in the annexe's PDF; they were text only."""
    _, output = printed
    html = (deck_profiles.deck_dir(output) / "index.html").read_text(encoding="utf-8")
    closing = BeautifulSoup(html, "html.parser").select("section.slide")[-1]
    shown = {a["href"] for a in closing.select(".closing-name a, .closing-links a")}
    assert all(
        a.get_text().replace("\u200b", "") in a["href"] for a in closing.select(".closing-links a")
    )
    reader = pypdf.PdfReader(output / "soutenance.pdf")
    last = reader.pages[len(reader.pages) - 1]
    targets = {
        annotation.get_object()["/A"].get("/URI")
        for annotation in last.get("/Annots") or []
        if annotation.get_object().get("/Subtype") == "/Link"
    }
    assert shown and shown <= targets, (shown, targets)
