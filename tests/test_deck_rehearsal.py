"""Rehearsal mode in Chromium with a fake clock: two runs (one paused), the per-slide table
against the plan, the stored history and its chart, the exports, the pace warning."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.test_deck import SLIDES, open_deck


@pytest.fixture(scope="module")
def site(sample_site) -> Path:
    return sample_site  # read only


def spend(page, seconds: list[float]) -> None:
    """Stay `seconds[k]` on slide k + 1, then go to the next one."""
    for k, value in enumerate(seconds):
        page.clock.run_for(int(value * 1000))
        if k < len(seconds) - 1:
            page.keyboard.press("ArrowRight")


ROWS = """() => [...document.querySelectorAll('#report-table tbody tr')].map(
  (row) => [...row.querySelectorAll('td')].map((cell) => cell.innerText))"""


def table(page) -> list[list[str]]:
    """The report's rows, their cells' texts (read in one call)."""
    return page.evaluate(ROWS)


def blob_text(page, selector: str) -> str:
    return page.evaluate(f"fetch(document.querySelector('{selector}').href).then((r) => r.text())")


def test_two_rehearsals_one_paused_are_kept_and_compared(chromium, site):
    context = chromium.new_context()
    page = open_deck(chromium, site, fake_clock=True, context=context)
    planned = [slide.seconds for slide in SLIDES]
    # run 1: the plan exactly, except slide 3 (+15 s) and slide 5 (-10 s)
    page.keyboard.press("s")
    first = list(planned)
    first[2] += 15
    first[4] -= 10
    spend(page, first)
    page.keyboard.press("e")
    assert page.locator("#report").is_visible()
    rows = table(page)
    assert rows[0][:5] == ["3", "Réalisations marquantes", "60", "75", "+15"]  # overruns first
    by_slide = {int(row[0]): row for row in rows}
    assert [float(by_slide[n][3]) for n in range(1, len(SLIDES) + 1)] == first
    assert by_slide[5][4] == "-10"
    page.keyboard.press("Escape")
    assert page.locator("#report").is_hidden()

    # run 2: paused 30 s on slide 2, the pause does not count; ended from the last slide
    page.keyboard.press("s")
    page.clock.run_for(20_000)
    page.keyboard.press("ArrowRight")
    page.clock.run_for(10_000)
    page.keyboard.press("b")
    assert page.locator("#paused").is_visible()
    page.clock.run_for(30_000)
    page.keyboard.press(".")
    assert page.locator("#paused").is_hidden()
    page.clock.run_for(10_000)
    for _ in range(len(SLIDES) - 2):
        page.keyboard.press("ArrowRight")
        page.clock.run_for(5_000)
    page.keyboard.press("ArrowRight")  # past the last slide: the run ends
    rows = {int(row[0]): row for row in table(page)}
    assert rows[2][3] == "20" and rows[1][3] == "20"
    assert rows[len(SLIDES)][3] == "5"
    history = json.loads(page.evaluate("JSON.stringify(Object.entries(localStorage))"))
    stored = json.loads(next(value for key, value in history if key.startswith("profile-gen.")))
    assert len(stored) == 2
    assert [run["total"] for run in stored] == [sum(first), 40 + 5 * (len(SLIDES) - 2)]
    assert stored[0]["date"] == "2026-01-01T00:01:00.000Z"
    assert page.locator("#report-chart rect.run-bar").count() == 2
    assert "répétitions gardées\u00a0: 2" in page.locator("#report-summary").inner_text()

    exported = list(csv.DictReader(io.StringIO(blob_text(page, "#export-csv"))))
    assert len(exported) == 2 * len(SLIDES)
    assert exported[2]["title"] == "Réalisations marquantes" and exported[2]["actual_s"] == "75"
    assert json.loads(blob_text(page, "#export-json")) == stored
    assert page.locator("#export-csv").get_attribute("download") == "rehearsals.csv"

    # the history survives a reload (file:// storage), and is cleared on demand
    page.reload()
    page.keyboard.press("h")
    assert page.locator("#report-chart rect.run-bar").count() == 2
    page.locator("#clear-history").focus()
    page.keyboard.press("Enter")
    assert page.locator("#report-chart rect.run-bar").count() == 0
    assert page.evaluate("localStorage.length") == 0
    context.close()


def test_pace_measured_in_rehearsal_warns_on_long_notes(chromium, site):
    context = chromium.new_context()
    page = open_deck(chromium, site, fake_clock=True, context=context)
    words = [
        int(w)
        for w in page.locator(".deck-slides > .slide").evaluate_all(
            "(slides) => slides.map((s) => s.dataset.words)"
        )
    ]
    page.keyboard.press("s")
    # a slow speaker: every slide's notes take twice the words' time at 60 words/min
    spend(page, [max(1, w) * 2 for w in words])
    page.keyboard.press("e")
    page.keyboard.press("Escape")
    page.keyboard.press("p")
    page.keyboard.press("Home")
    warning = page.locator("#pace-warning")
    assert warning.is_visible()
    needed = words[0] * 2
    assert "30 mots/min" in warning.inner_text()
    assert f"environ {needed} s pour {SLIDES[0].seconds} s" in warning.inner_text()
    assert "raccourcissez" in warning.inner_text()
    context.close()


def test_storage_unavailable_keeps_runs_in_memory(chromium, site):
    context = chromium.new_context()
    context.add_init_script(
        "Object.defineProperty(window, 'localStorage', {get() { throw new DOMException('no', 'SecurityError'); }});"
    )
    page = open_deck(chromium, site, fake_clock=True, context=context)
    page.keyboard.press("s")
    page.clock.run_for(5_000)
    page.keyboard.press("e")
    assert page.locator("#storage-note").is_visible()
    assert page.locator("#report-chart rect.run-bar").count() == 1
    context.close()


def test_second_window_follows_a_rehearsal(chromium, site):
    context = chromium.new_context()
    page = open_deck(chromium, site, context=context)
    with context.expect_page() as popup:
        page.keyboard.press("w")
    presenter = popup.value
    presenter.wait_for_load_state()
    presenter.keyboard.press("s")  # started from the presenter window
    page.wait_for_function("document.querySelector('.slide.active').id === 'slide-1'")
    presenter.keyboard.press("b")
    page.wait_for_function("!document.getElementById('paused').hidden")
    presenter.keyboard.press("b")
    presenter.keyboard.press("e")
    assert presenter.locator("#report").is_visible()
    assert presenter.locator("#report-chart rect.run-bar").count() == 1
    context.close()
