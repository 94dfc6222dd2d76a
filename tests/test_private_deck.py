"""The rehearsal material (the deck with its speaker notes, the cue cards, the outline,
the questions with the prepared answers) stays on the student's computer: `publish` and a
build for publication (`build --public`, what the CI uploads) leave it out; a profile that
publishes its deck (`defence.public_deck`) gets it without any note."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from profile_gen import outputs
from profile_gen.book import seo
from profile_gen.profile.deck_plan import plan_deck
from profile_gen.profile.loader import load
from tests.conftest import SAMPLE, copy_sample

PROFILE = load(SAMPLE)
NOTE = "je vous présente mon profil professionnel"  # the sample's first speaker note
ANSWER = "écart ramené"  # from one of the sample's prepared answers
PHONE_DIGITS = "612345678"  # the sample's annexe-only phone
PUBLIC_DECK = "defence:\n  public_deck: true\n"
REHEARSAL = ("soutenance", "defence", "en/defence", "fr/soutenance")


def every_text(folder: Path) -> str:
    return "\n".join(
        path.read_text("utf-8", errors="replace") for path in folder.rglob("*") if path.is_file()
    )


def assert_nothing_private(site: Path) -> None:
    for name in (*REHEARSAL, "annexe", "cv"):
        assert not (site / name).exists(), name
    files = [path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()]
    assert not [name for name in files if name.lower().endswith((".pdf", ".docx", ".pptx"))]
    assert not [name for name in files if name.endswith(("cards.html", "questions.html"))]
    assert not [name for name in files if name.endswith(("plan.html", "outline.md"))]
    text = every_text(site)
    assert NOTE not in text and ANSWER not in text
    assert PHONE_DIGITS not in re.sub(r"\D", "", text)
    for name in ("robots.txt", "sitemap.xml"):
        listed = (site / name).read_text("utf-8")
        for folder in (*REHEARSAL, "diaporama", "slides"):
            assert f"/{folder}/" not in listed, (name, folder)


def notes_free(page: Path, slides: int) -> None:
    soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
    assert len(soup.select("section.slide")) == slides
    assert not soup.select("aside.notes") and not soup.select(".help-links")
    assert {s["data-words"] for s in soup.select("section.slide")} == {"0"}
    assert not soup.find("a", href=re.compile(r"(plan|cards|questions)\.html"))
    assert soup.find("meta", attrs={"name": "robots"})["content"].startswith("noindex")
    # nor the rehearsal coach: no microphone, no recording in a published deck
    assert not soup.select("#listen, #coach-keep, #coach-recordings, #coach-player")
    assert not soup.find("script", src=re.compile(r"deck-(coach|speech)\.js"))
    labels = soup.find("script", id="rehearsal-labels").string
    assert "coach_" not in labels


@pytest.fixture(scope="module")
def opted_in(tmp_path_factory) -> Path:
    return copy_sample(tmp_path_factory.mktemp("opted-in"), "defence:\n", PUBLIC_DECK)


def test_publish_leaves_the_rehearsal_material_out(run_cli, sample_copy, in_dir, tmp_path):
    in_dir(sample_copy)
    assert run_cli("build", "--formats=").code == 0
    output = sample_copy / "output"
    assert (output / "soutenance/cards.html").is_file()  # on the student's computer
    assert NOTE in (output / "soutenance/index.html").read_text("utf-8")
    assert not (output / "diaporama").exists()  # not published: no deck without notes
    (tmp_path / "site").mkdir()
    (tmp_path / "site/soutenance").mkdir()  # left by an earlier copy of the whole output
    (tmp_path / "site/soutenance/questions.html").write_text(ANSWER, "utf-8")
    result = run_cli("publish", str(tmp_path / "site"), "--force")
    assert result.code == 0, result.err
    assert "restent sur votre ordinateur" in result.out and "soutenance" in result.out
    assert_nothing_private(tmp_path / "site")


def test_a_public_build_holds_only_the_book(run_cli, sample_copy, in_dir):
    in_dir(sample_copy)
    result = run_cli("build", "--public", "-o", "_site")
    assert result.code == 0, result.err
    assert "Book prêt à publier" in result.out and "téléphone" not in result.out
    site = sample_copy / "_site"
    assert (site / "index.html").is_file() and (site / "en/index.html").is_file()
    assert_nothing_private(site)
    assert not (site / "diaporama").exists() and not (site / "en/slides").exists()


def test_a_published_deck_carries_no_note(run_cli, opted_in, in_dir):
    in_dir(opted_in)
    assert run_cli("build", "--public", "-o", "_site").code == 0
    site = opted_in / "_site"
    assert_nothing_private(site)
    slides = len(plan_deck(PROFILE))
    notes_free(site / "diaporama/index.html", slides)
    notes_free(site / "en/slides/index.html", slides)
    # the student's own build keeps the deck with notes, and shows the published one
    assert run_cli("build", "--formats=").code == 0
    output = opted_in / "output"
    assert NOTE in (output / "soutenance/index.html").read_text("utf-8")
    notes_free(output / "diaporama/index.html", slides)
    assert (output / "diaporama/index.html").read_bytes() == (
        site / "diaporama/index.html"
    ).read_bytes()


def test_the_private_folders_are_every_deck_folder():
    assert set(outputs.kept_off([outputs.PRIVATE])) == set(REHEARSAL)
    assert not outputs.is_kept_off("diaporama/index.html") and not outputs.is_kept_off("index.html")
    robots = seo.robots(None, ["fr", "en"], "fr") + seo.robots(None, ["en", "fr"], "en")
    for folder in REHEARSAL:
        assert outputs.is_kept_off(f"{folder}/questions.html") and f"/{folder}/" not in robots


def test_the_deck_is_private_by_default():
    assert PROFILE.defence.public_deck is False


def test_the_published_deck_works_without_notes(chromium, run_cli, tmp_path, in_dir):
    in_dir(copy_sample(tmp_path, "defence:\n", PUBLIC_DECK))
    assert run_cli("build", "--public", "-o", "_site").code == 0
    page = chromium.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((tmp_path / "_site/diaporama/index.html").as_uri())
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.querySelector('.slide.active').id") == "slide-2"
    page.keyboard.press("p")  # the presenter view: timers, no notes to show
    assert page.is_visible("#presenter")
    assert page.inner_text("#presenter-notes").strip() == ""
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.querySelector('.slide.active').id") == "slide-3"
    assert not errors, errors
    page.close()
