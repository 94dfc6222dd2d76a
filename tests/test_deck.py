"""The defence deck: its slides, outline, timers and navigation, in headless Chromium."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from profile_gen.app.build import run_pelican
from profile_gen.book.render import localize
from profile_gen.profile.deck_plan import count_words, plan_deck
from profile_gen.profile.loader import load, load_text
from profile_gen.typography import typeset
from tests.conftest import MINIMAL, ROOT, SAMPLE

PROFILE = load(SAMPLE)
SLIDES = plan_deck(PROFILE)


@pytest.fixture
def site(sample_site) -> Path:
    return sample_site


def deck_folder(lang_prefix: str) -> str:
    """The deck's folder: `soutenance/` at the root, `en/defence/` in English."""
    return f"{lang_prefix}defence" if lang_prefix == "en/" else f"{lang_prefix}soutenance"


def deck_soup(site: Path, lang_prefix: str = "") -> BeautifulSoup:
    html = (site / deck_folder(lang_prefix) / "index.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser")


def test_default_plan_is_exactly_five_minutes():
    profile = load_text(MINIMAL)
    assert sum(slide.seconds for slide in plan_deck(profile)) == 300
    assert sum(slide.seconds for slide in SLIDES) == PROFILE.defence.duration == 300


def test_words_are_counted_like_speech():
    assert count_words("**Bonjour**, je suis Léa — cheffe de projet [SI](https://x).") == 8
    assert count_words("") == 0


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_deck_holds_every_strength_and_improvement(site, prefix):
    lang = prefix.rstrip("/") or "fr"
    soup = deck_soup(site, prefix)
    assert soup.html["lang"] == lang
    strengths = soup.select(".slide-strengths .grid-list > li")
    improvements = soup.select(".slide-improvements .plan-list > li")
    assert len(strengths) == 10 and len(improvements) == 10
    text = " ".join(soup.get_text(" ").split())
    for item in PROFILE.strengths:
        assert typeset(localize(item.title, lang, "fr"), lang) in text
    for item in PROFILE.improvements:
        assert typeset(localize(item.title, lang, "fr"), lang) in text
        assert " ".join(typeset(localize(item.action_plan, lang, "fr"), lang).split()) in text
    budgets = [int(s["data-seconds"]) for s in soup.select("section.slide")]
    assert budgets == [slide.seconds for slide in SLIDES] and sum(budgets) == 300
    assert soup.select_one(".slide-title svg.qr") is not None
    assert len(soup.select(".slide-achievements article.card")) == len(PROFILE.defence.featured)


def test_deck_is_self_contained(site):
    soup = deck_soup(site)
    scripts = soup.find_all("script")
    sources = [s.get("src") for s in scripts if s.get("src")]
    assert sources == [
        "../theme/js/deck-rehearsal.js",
        "../theme/js/deck-speech.js",
        "../theme/js/deck-coach.js",
        "../theme/js/deck.js",
    ]
    assert all(
        s.get("src") or s.get("type") == "application/json" or len(s.text) < 80 for s in scripts
    )
    assert all("://" not in (link.get("href") or "") for link in soup.find_all("link"))
    assert (site / "theme/js/deck.js").is_file()


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_outline_md_agrees_with_the_deck(site, prefix):
    lang = prefix.rstrip("/") or "fr"
    outline = (site / deck_folder(prefix) / "outline.md").read_text(encoding="utf-8")
    sections = re.findall(r"^## (\d+)\. (.+)$", outline, flags=re.M)
    soup = deck_soup(site, prefix)
    slides = soup.select("section.slide")
    assert [int(number) for number, _ in sections] == list(range(1, len(slides) + 1))
    budgets = [int(b) for b in re.findall(r"^\*\D*(\d+) s\b", outline, flags=re.M)]
    assert budgets == [int(s["data-seconds"]) for s in slides]
    for slide in SLIDES:
        if slide.notes:
            first_line = localize(slide.notes, lang, "fr").strip().splitlines()[0]
            assert first_line in outline
    printable = BeautifulSoup(
        (site / deck_folder(prefix) / "plan.html").read_text("utf-8"), "html.parser"
    )
    assert len(printable.select("section.outline-slide")) == len(slides)


@pytest.mark.pdf  # `check` counts the printed CV's pages with WeasyPrint
def test_check_warns_when_the_plan_exceeds_five_minutes(run_cli, write_profile):
    profile = write_profile(
        MINIMAL + "defence:\n  slides:\n    - {type: title, seconds: 200}\n"
        "    - {type: strengths, seconds: 160}\n"
    )
    result = run_cli("check", str(profile))
    assert result.code == 1
    assert "✗ Déroulé de 300 s (360 s prévues)" in result.out


def test_check_warns_when_notes_exceed_their_slide(run_cli, write_profile):
    long_notes = "mot " * 100  # 100 words at 140 words/min: about 43 s
    profile = write_profile(
        MINIMAL + "defence:\n  slides:\n"
        f"    - {{type: title, seconds: 20, notes: '{long_notes}'}}\n"
        "    - {type: closing, seconds: 280}\n"
    )
    result = run_cli("check", str(profile))
    assert result.code == 1
    assert "✗ Notes de l'orateur dans le temps de chaque diapositive" in result.out
    assert "diapositive 1 (title) : 100 mots, environ 43 s pour 20 s prévues" in result.out


# --------------------------------------------------------------------------- browser


START = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
"""The fake clock's start."""


def open_deck(
    chromium,
    site: Path,
    width: int = 1280,
    height: int = 720,
    hash_: str = "",
    fake_clock: bool = False,
    context=None,
    prefix: str = "",
):
    """The deck in a new page; with `fake_clock`, time stands still until the test moves it
    (`page.clock.run_for`), so no assertion depends on the machine's speed."""
    page = (context or chromium).new_page()
    page.set_viewport_size({"width": width, "height": height})
    if fake_clock:
        page.clock.install(time=START)
    page.goto((site / f"{prefix}soutenance/index.html").as_uri() + hash_)
    if fake_clock:
        page.clock.pause_at(START + datetime.timedelta(minutes=1))
        page.keyboard.press("r")  # the timers start now, on the paused clock
    return page


def active(page) -> int:
    return page.evaluate(
        "[...document.querySelectorAll('.slide')].findIndex(s => s.classList.contains('active')) + 1"
    )


def test_keyboard_navigation_and_hash(chromium, site):
    page = open_deck(chromium, site)
    total = len(SLIDES)
    assert active(page) == 1 and page.url.endswith("#1")
    for key, expected in [
        ("ArrowRight", 2),
        ("Space", 3),
        ("PageDown", 4),
        ("ArrowLeft", 3),
        ("PageUp", 2),
        ("End", total),
        ("ArrowRight", total),
        ("Home", 1),
        ("ArrowLeft", 1),
        ("ArrowDown", 2),
    ]:
        page.keyboard.press(key)
        assert active(page) == expected, key
        assert page.url.endswith(f"#{expected}")
    page.close()


def test_hash_opens_a_slide_and_follows_changes(chromium, site):
    page = open_deck(chromium, site, hash_="#5")
    assert active(page) == 5
    page.evaluate("location.hash = '#3'")
    page.wait_for_function("document.querySelector('.slide.active').id === 'slide-3'")
    page.close()


def test_click_and_touch_navigation(chromium, site):
    page = open_deck(chromium, site)
    page.mouse.click(1000, 360)
    assert active(page) == 2
    page.mouse.click(100, 360)
    assert active(page) == 1
    page.click("#next")
    assert active(page) == 2
    page.close()
    context = chromium.new_context(viewport={"width": 800, "height": 450}, has_touch=True)
    page = context.new_page()
    page.goto((site / "soutenance/index.html").as_uri())
    page.evaluate(
        """() => {
        const fire = (type, x) => document.dispatchEvent(new TouchEvent(type, {
          touches: type === 'touchend' ? [] : [new Touch({identifier: 1, target: document.body, clientX: x, clientY: 200})],
          changedTouches: [new Touch({identifier: 1, target: document.body, clientX: x, clientY: 200})]}));
        fire('touchstart', 600); fire('touchend', 300);
      }"""
    )
    assert active(page) == 2
    context.close()


def test_timers_count_and_warn_on_overrun(chromium, site):
    page = open_deck(chromium, site, fake_clock=True)
    page.keyboard.press("p")
    presenter = page.locator("#presenter")
    assert presenter.is_visible()
    notes = page.locator("#presenter-notes").inner_text()
    assert notes.startswith(typeset("Temps prévu : 20 s", "fr")), notes
    assert "Bonjour, je suis Léa Moreau" in page.locator("#presenter-notes").inner_text()
    assert page.locator("#presenter-next .slide-profile").count() == 1
    page.clock.run_for(10_000)
    assert page.locator("#segment-timer").inner_text() == "4:50"
    assert page.locator("#slide-timer").inner_text() == "0:10"
    assert page.locator("#overrun").is_hidden()
    page.clock.run_for(15_000)  # 25 s on a 20 s slide
    assert page.locator("#overrun").is_visible()
    assert "Dépassement +0:05" in page.locator("#overrun").inner_text()
    assert "overrun" in presenter.get_attribute("class")
    page.keyboard.press("ArrowRight")  # a new slide gets its own budget
    page.clock.run_for(1_000)
    assert page.locator("#overrun").is_hidden()
    assert page.locator("#slide-timer").inner_text() == "0:39"
    assert page.locator("#segment-timer").inner_text() == "4:34"
    page.keyboard.press("r")
    assert page.locator("#segment-timer").inner_text() == "5:00"
    page.keyboard.press("p")
    assert presenter.is_hidden()
    page.close()


def test_deck_works_without_network(chromium, site):
    page = chromium.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto((site / "soutenance/index.html").as_uri())
    page.keyboard.press("End")
    assert requests and all(url.startswith(("file://", "data:")) for url in requests)
    page.close()


def test_quotes_are_chosen_in_defence(write_profile):
    from profile_gen.profile.loader import load as load_file

    recs = "".join(f"  - {{author: Auteur {i}, text: Texte {i}}}\n" for i in range(1, 5))
    profile = load_file(
        write_profile(MINIMAL + "recommendations:\n" + recs + "defence:\n  quotes: [4, 2]\n")
    )
    slide = next(s for s in plan_deck(profile) if s.type.value == "recommendations")
    assert [rec.author for rec in slide.items] == ["Auteur 4", "Auteur 2"]


def test_a_quote_out_of_range_is_an_error(run_cli, write_profile):
    profile = write_profile(
        MINIMAL + "recommendations:\n  - {author: A, text: T}\ndefence:\n  quotes: [3]\n"
    )
    result = run_cli("check", str(profile))
    assert result.code == 2
    assert (
        "defence.quotes[0]" in result.err
        and "pas de recommandation n°3 : le profil en a 1" in result.err
    )


def test_second_window_presenter_stays_in_sync(chromium, site):
    context = chromium.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    page.goto((site / "soutenance/index.html").as_uri() + "#2")
    with context.expect_page() as popup_info:
        page.keyboard.press("w")
    presenter = popup_info.value
    presenter.wait_for_load_state()
    assert "?presenter" in presenter.url
    assert presenter.locator("#presenter").is_visible()
    presenter.wait_for_function("document.querySelector('.slide.active').id === 'slide-2'")
    presenter.keyboard.press("ArrowRight")
    page.wait_for_function("document.querySelector('.slide.active').id === 'slide-3'")
    page.keyboard.press("ArrowRight")
    presenter.wait_for_function("document.querySelector('.slide.active').id === 'slide-4'")
    assert "slide-profile" not in presenter.locator("#presenter-current").inner_html()
    context.close()


def test_printing_the_deck_gives_one_slide_per_page(chromium, site):
    """Print → Save as PDF: a backup of the slides for the jury, one 16:9 page each."""
    import io

    from pypdf import PdfReader

    page = chromium.new_page(viewport={"width": 1280, "height": 720})
    page.goto((site / "soutenance/index.html").as_uri())
    printed = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True, print_background=True)))
    page.close()
    assert len(printed.pages) == len(SLIDES)
    for number, sheet in enumerate(printed.pages):
        width, height = float(sheet.mediabox.width), float(sheet.mediabox.height)
        assert (round(width), round(height)) == (960, 540), number  # 1280 × 720 px
    texts = [" ".join((sheet.extract_text() or "").split()) for sheet in printed.pages]
    assert PROFILE.identity.name in texts[0]
    strengths = " ".join(texts)
    for strength in PROFILE.strengths:
        said = typeset(localize(strength.title, "fr", "fr"), "fr")  # as printed: l’, no-break
        assert " ".join(said.split()) in strengths


def test_empty_sections_are_marked_on_screen_only(tmp_path, chromium):
    import shutil

    shutil.copytree(ROOT / "theme", tmp_path / "theme")
    shutil.copy(ROOT / "pelican.conf.py", tmp_path / "pelican.conf.py")
    (tmp_path / "content").mkdir()
    (tmp_path / "content/profile.yaml").write_text(MINIMAL, encoding="utf-8")
    output = run_pelican(tmp_path / "pelican.conf.py", pdf=False).output
    markers = deck_soup(output).select(".missing")
    assert [m.find_parent("section")["class"][1] for m in markers] == [
        "slide-profile",  # no photo, no job, nothing to count: no "0 réalisation"
        "slide-achievements",
        "slide-recommendations",
        "slide-strengths",
        "slide-improvements",
    ]
    assert typeset("« experience »", "fr") in markers[0].get_text()
    assert typeset("« strengths »", "fr") in markers[3].get_text()
    assert not deck_soup(output).select(".figures li")
    page = chromium.new_page()
    page.goto((output / "soutenance/index.html").as_uri())
    display = "getComputedStyle(document.querySelector('.missing')).display"
    assert page.evaluate(display) != "none"
    page.emulate_media(media="print")  # the printed deck is the jury's copy: no to-do notes
    assert page.evaluate(display) == "none"
    page.close()


def test_the_sample_deck_has_nothing_missing(site):
    assert deck_soup(site).select(".missing") == []
