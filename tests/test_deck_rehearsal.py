"""Rehearsal mode in Chromium. With a fake clock: two runs (one paused), the per-slide table
against the plan, the stored history and its chart, the exports, the pace warning, a refused
or absent microphone. With the coach listening for real: espeak-ng speech at three known
rates, in French and in English, with pauses of known length, fed to headless Chromium as
its microphone (one browser per file, the three side by side from the module's start: they
play in real time while the other tests run); the speech analysis module on the same files;
silence only."""

from __future__ import annotations

import base64
import csv
import functools
import io
import json
import re
import threading
import wave
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests import speech_audio
from tests.browser import ARGS, CHROMIUM, RequestLog
from tests.test_deck import SLIDES, open_deck

JS = Path(__file__).parent.parent / "theme/static/js"
TOLERANCE = 0.20  # of the reference pace
PAUSE_TOLERANCE = 0.5  # seconds
DECKS = {"fr": "soutenance/index.html", "en": "en/defence/index.html"}


@pytest.fixture(scope="module")
def site(sample_site) -> Path:
    return sample_site  # read only


ROWS = """() => [...document.querySelectorAll('#report-table tbody tr')].map(
  (row) => [row.dataset.slide, [...row.querySelectorAll('td')].map((cell) => cell.innerText)])"""


def table(page) -> list[list[str]]:
    """The report's rows in their order, their cells' texts (read in one call)."""
    return [cells for _, cells in page.evaluate(ROWS)]


def by_slide(page) -> dict[int, list[str]]:
    """The report's rows by slide, their cells' texts (read in one call)."""
    return {int(number): cells for number, cells in page.evaluate(ROWS)}


def spend(page, seconds: list[float]) -> None:
    """Stay `seconds[k]` on slide k + 1, then go to the next one."""
    for k, value in enumerate(seconds):
        page.clock.run_for(int(value * 1000))
        if k < len(seconds) - 1:
            page.keyboard.press("ArrowRight")


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

    # French: semicolons and decimal commas, as French Excel opens a file
    raw = page.evaluate(
        "fetch(document.querySelector('#export-csv').href).then((r) => r.arrayBuffer())"
        ".then((b) => Array.from(new Uint8Array(b).slice(0, 3)))"
    )
    assert bytes(raw) == b"\xef\xbb\xbf"  # a byte-order mark: the accents read right
    exported = list(csv.DictReader(io.StringIO(blob_text(page, "#export-csv")), delimiter=";"))
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


def test_a_slide_passed_in_a_second_gives_no_planned_pace(chromium, site):
    """The planned pace from the notes is their words over the time a slide was shown: a
    slide passed in half a second read thousands of words a minute. Under 10 s, none."""
    context = chromium.new_context()
    page = open_deck(chromium, site, fake_clock=True, context=context)
    words = page.locator(".deck-slides > .slide").evaluate_all(
        "(slides) => slides.map((s) => Number(s.dataset.words))"
    )
    assert words[0] > 0 and words[1] > 0
    page.keyboard.press("s")
    spend(page, [0.5, 30, *([5] * (len(SLIDES) - 2))])
    page.keyboard.press("e")
    rows = by_slide(page)
    assert rows[1][5] == "–", rows[1]  # half a second: no figure
    assert rows[2][5] == str(round(words[1] * 60 / 30)), rows[2]
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


@pytest.fixture(scope="module")
def audio(tmp_path_factory) -> dict:
    """The recordings: per language its WAV and segments, and 4 s of silence."""
    folder = tmp_path_factory.mktemp("speech")
    made: dict = {}
    for lang in DECKS:
        path = folder / f"{lang}.wav"
        made[lang] = (path, speech_audio.rehearsal(path, lang))
    silent = folder / "silence.wav"
    speech_audio.write(silent, [speech_audio.silence(4.0)])
    made["silence"] = (silent, [])
    return made


def samples(path: Path) -> str:
    with wave.open(str(path)) as reader:
        return base64.b64encode(reader.readframes(reader.getnframes())).decode()


ROOMS = ["noise", "hum", "far", "waits"]
"""White noise at -25 dBFS (a fan, a busy room), a 100 Hz hum at -30 dBFS, the voice 35 dB
quieter (a microphone across the room), and 3 s of silence before each slide's speech (a
speaker who looks at the slide first: not a pause)."""

ROOM_ANALYSIS = """([data, bounds, lang, room]) => {
  const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
  let x = Float32Array.from(new Int16Array(bytes.buffer), (v) => v / 32768);
  let seed = 1;
  const random = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
  const rms = (db) => 10 ** (db / 20);
  let starts = bounds.map(([a]) => a);
  if (room === "noise") x = x.map((v) => v + rms(-25) * Math.sqrt(3) * (2 * random() - 1));
  if (room === "hum") x = x.map((v, i) => v + rms(-30) * Math.SQRT2 * Math.sin(2 * Math.PI * 100 * i / 22050));
  if (room === "far") x = x.map((v) => v * rms(-35));
  if (room === "waits") {  // 3 s of silence where each slide begins
    const parts = [];
    let at = 0;
    bounds.forEach(([a, b], k) => {
      const cut = Math.round((k ? a : 0) * 22050);
      if (k) parts.push(x.subarray(at, cut));
      parts.push(new Float32Array(3 * 22050));
      at = cut;
    });
    parts.push(x.subarray(at));
    const y = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
    let k = 0;
    for (const p of parts) { y.set(p, k); k += p.length; }
    x = y;
    bounds = bounds.map(([a, b], k) => [a + 3 * k, b + 3 * (k + 1)]);
  }
  const S = window.ProfileGenSpeech;
  const frames = new S.Frames(22050).push(x);
  return bounds.map(([a, b]) => S.analyse(frames, Math.round(a / S.HOP), Math.round(b / S.HOP), lang));
}"""


def test_analysis_module_on_the_espeak_files(chromium, audio):
    """deck-speech.js, the module the worklet runs, on the whole files at once."""
    page = chromium.new_page()
    page.add_script_tag(path=str(JS / "deck-speech.js"))
    for lang in DECKS:
        path, segments = audio[lang]
        results = page.evaluate(
            """([data, bounds, lang]) => {
              const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
              const pcm = new Int16Array(bytes.buffer);
              const S = window.ProfileGenSpeech;
              const frames = new S.Frames(22050).push(Float32Array.from(pcm, (v) => v / 32768));
              return bounds.map(([a, b]) => S.analyse(frames, Math.round(a / S.HOP), Math.round(b / S.HOP), lang));
            }""",
            [samples(path), [[s.start, s.end] for s in segments], lang],
        )
        for segment, result in zip(segments, results, strict=True):
            assert result["heard"]
            assert abs(result["pace"] / segment.pace - 1) <= TOLERANCE, (lang, segment, result)
            assert abs(result["longest"] - segment.pause) <= PAUSE_TOLERANCE, (
                lang,
                segment,
                result,
            )
            assert result["long_pauses"] == (1 if segment.pause > 2 else 0)
        assert [r["pace"] for r in results] == sorted(r["pace"] for r in results)  # 3 rates
        for room in ROOMS:  # the same speech in a worse room, or slides begun in silence
            heard = page.evaluate(
                ROOM_ANALYSIS,
                [samples(path), [[s.start, s.end] for s in segments], lang, room],
            )
            for segment, result in zip(segments, heard, strict=True):
                assert abs(result["pace"] / segment.pace - 1) <= TOLERANCE, (room, segment, result)
                assert abs(result["longest"] - segment.pause) <= PAUSE_TOLERANCE, (room, result)
                assert result["long_pauses"] == (1 if segment.pause > 2 else 0), (room, result)
    quiet = page.evaluate(
        """() => { const S = window.ProfileGenSpeech;
          const frames = new S.Frames(48000).push(new Float32Array(48000 * 3));
          return S.analyse(frames, 0, frames.db.length, 'fr'); }"""
    )
    assert not quiet["heard"] and quiet["pace"] is None
    page.close()


@pytest.mark.parametrize(
    ("error", "said"),
    [("NotAllowedError", "accès au micro a été refusé"), ("NotFoundError", "aucun micro")],
)
def test_refused_or_absent_microphone_keeps_the_timers(chromium, site, error, said):
    context = chromium.new_context()
    context.add_init_script(
        "navigator.mediaDevices.getUserMedia = () => "
        f"Promise.reject(new DOMException('no', '{error}'));"
    )
    page = open_deck(chromium, site, fake_clock=True, context=context)
    page.keyboard.press("p")
    page.keyboard.press("m")
    page.wait_for_function("window.ProfileGenCoach.active.status !== 'off'")
    assert "sans mesure du débit" in page.locator("#coach-status").inner_text()
    page.keyboard.press("s")
    page.clock.run_for(12_000)
    assert page.locator("#slide-timer").inner_text() == "0:08"  # 20 s planned on slide 1
    page.keyboard.press("ArrowRight")
    page.clock.run_for(5_000)
    page.keyboard.press("e")
    rows = by_slide(page)
    assert rows[1][3] == "12" and rows[2][3] == "5"
    assert said in page.locator("#coach-verdict").inner_text().lower()
    context.close()


NOTES = [
    ("<p>Bonjour, je suis Léa Moreau, cheffe de projet SI en alternance.</p>", True),
    ("<p>Three achievements sum up my years. First, the ERP migration to SaaS.</p>", True),
    ("<ul><li>migration ERP</li><li>budget serré</li><li>quatre personnes</li></ul>", False),
    ("<p>ERP, SaaS, budget</p>", False),
    ("", False),
]
BUDGET = '<p class="budget">20 s, about 40 s at 140 words/min</p>'


def test_planned_pace_only_from_notes_written_as_sentences(chromium):
    """Each kind of notes in turn, in one page."""
    page = chromium.new_page()
    page.set_content('<aside class="notes"></aside>')
    page.add_script_tag(path=str(JS / "deck-rehearsal.js"))
    for notes, sentences in NOTES:
        found = page.evaluate(
            """(html) => { const notes = document.querySelector('.notes');
              notes.innerHTML = html;
              return ProfileGenRehearsal.prose(notes); }""",
            BUDGET + notes,
        )
        assert found is sentences, notes
    page.close()


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # no access log on stderr
        pass


@pytest.fixture(scope="module")
def served(site):
    """The site over http://127.0.0.1, as `serve` gives it (a static server: no CSP)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


MOVE_ON = """(moments) => {
  window.movesLeft = moments;
  const press = (key) => document.dispatchEvent(new KeyboardEvent('keydown', {key}));
  const watch = setInterval(() => {
    if (moments.length && window.ProfileGenCoach.active.seconds() >= moments[0]) {
      moments.shift();
      press(moments.length ? 'ArrowRight' : 'e');
    }
    if (!moments.length) clearInterval(watch);
  }, 50);
}"""
"""In the page: the next slide (the end after the last) once the coach has heard the
audio up to each moment, as the presenter's keys do."""


LISTENING = [*ARGS, "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream"]


def rehearse(browser, url: str, moments: list[float]):
    """The deck at `url` in `browser`: a rehearsal run listened to and recorded, started
    now; the page moves on at `moments` itself. Its page and request log."""
    page = browser.new_page()
    log = RequestLog(page)
    page.goto(url)
    page.keyboard.press("p")  # the presenter view, where the recording is asked for
    page.check("#coach-keep")
    page.keyboard.press("m")
    page.wait_for_function("window.ProfileGenCoach.active.status === 'on'")
    page.keyboard.press("s")
    page.evaluate(MOVE_ON, moments)
    return page, log


@pytest.fixture(scope="module", autouse=True)
def rehearsing(request, chromium, site, served):
    """Three browsers with a fake microphone each (fr, en, silence: its file played once),
    rehearsing side by side: listening and keeping a recording, slides moved on in the gaps
    of the speech. They start with the module, the longest file first, and play in real
    time while the next ones start and the other tests run (`rehearsed` waits for their
    end): the module takes about its longest file, not the sum of its tests. The French
    and English decks open from file://, the silent one from http://."""
    try:
        audio = request.getfixturevalue("audio")
    except pytest.skip.Exception:  # no espeak-ng on this workstation: `rehearsed` skips
        yield {}
        return
    # the moments (seconds of audio heard) to move on, the last one ends the run: watched
    # in each page (no call from here every few milliseconds), the keys pressed there
    moments = {name: [s.end for s in segments] for name, (_, segments) in audio.items()}
    moments["silence"] = [3.5]
    browsers = []
    started = {}
    try:
        for name in sorted(moments, key=lambda name: -moments[name][-1]):
            wav = audio[name][0]
            browsers.append(
                chromium.browser_type.launch(
                    executable_path=str(CHROMIUM),
                    args=[*LISTENING, f"--use-file-for-fake-audio-capture={wav}%noloop"],
                )
            )
            url = served + DECKS["fr"] if name == "silence" else (site / DECKS[name]).as_uri()
            started[name] = rehearse(browsers[-1], url, moments[name])
        yield started
    finally:
        for browser in browsers:
            browser.close()


@pytest.fixture(scope="module")
def rehearsed(audio, rehearsing):
    """The three rehearsals once their runs have ended: their pages, their request logs."""
    from playwright.sync_api import TimeoutError

    for page, _ in rehearsing.values():
        try:
            page.wait_for_function("window.movesLeft.length === 0", polling=250, timeout=120_000)
        except TimeoutError:
            pytest.fail(f"the fake microphone stopped: {page.evaluate('window.movesLeft')} left")
    pages = {name: page for name, (page, _) in rehearsing.items()}
    return pages, {name: log for name, (_, log) in rehearsing.items()}


@pytest.mark.parametrize("lang", list(DECKS))
def test_measured_pace_and_pauses_per_slide(rehearsed, audio, lang):
    page = rehearsed[0][lang]
    assert page.locator("#report").is_visible()
    assert rehearsed[1][lang].outside == [] and rehearsed[1][lang].failed == []  # offline
    rows = by_slide(page)
    for number, segment in enumerate(audio[lang][1], start=1):
        measured, longest = rows[number][6], rows[number][7]
        assert abs(int(measured) / segment.pace - 1) <= TOLERANCE, (lang, number, measured, segment)
        if segment.pause:  # the pause inserted, measured live
            assert abs(float(longest) - segment.pause) <= PAUSE_TOLERANCE, (lang, number, longest)
        else:  # (live capture on a busy machine may drop a second: no long pause invented;
            # the analysis itself is held to ±0.5 s on every segment by the test above)
            assert float(longest) < 2, (lang, number, longest)
    verdict = page.locator("#coach-verdict").inner_text()
    words = {
        "fr": ("Débit mesuré", "Rapide sur la diapositive {}", "Lent sur la diapositive {}"),
        "en": ("Measured pace", "Fast on slide {}", "Slow on slide {}"),
    }[lang]
    assert words[0] in verdict
    if lang == "fr":  # figures and punctuation as French writes them: 2,5 s ; « : »
        assert not re.search(r"\d\.\d", verdict) and " :" not in verdict.replace("\u202f:", ""), (
            verdict
        )
    assert {number for number, row in rows.items() if row[6] != "–"} == {1, 2, 3}
    for number in (1, 2, 3):
        pace = int(rows[number][6])
        assert (words[1].format(number) in verdict) == (pace > 160), (number, pace)
        assert (words[2].format(number) in verdict) == (pace < 130), (number, pace)
    assert words[2].format(1) in verdict  # spoken at about 100 words/min
    assert words[1].format(3) in verdict  # spoken at over 200 words/min
    # to work on first: the slides off the band, with a pause over 2 s, or over their time
    focus = page.locator("#coach-focus li").all_inner_texts()
    expected = {
        n
        for n, row in rows.items()
        if (row[6] != "–" and not 130 <= int(row[6]) <= 160) or float(row[4]) > 0 or n == 1
    }
    assert {int(re.search(r"\d+", item)[0]) for item in focus} == expected
    assert page.locator("#coach-trend li").count() == 1
    exported = page.evaluate(
        "fetch(document.querySelector('#export-csv').href).then((r) => r.text())"
    ).splitlines()
    separator = ";" if lang == "fr" else ","
    longest = rows[3][7].replace(".", ",") if lang == "fr" else rows[3][7]
    assert exported[0].endswith(f"{separator}measured_wpm{separator}longest_pause_s")
    assert exported[3].endswith(f"{separator}{rows[3][6]}{separator}{longest}")
    stored = page.evaluate("JSON.parse(Object.entries(localStorage)[0][1])")
    assert stored[-1]["speech"]["status"] == "heard"
    assert stored[-1]["speech"]["lang"] == lang


def test_recording_plays_a_slide_exports_and_deletes(rehearsed, audio):
    page = rehearsed[0]["fr"]
    page.wait_for_selector("#coach-recordings li .coach-play")
    buttons = page.locator("#coach-recordings li").first.locator(".coach-play")
    assert buttons.all_inner_texts() == ["1", "2", "3"]
    buttons.nth(1).click()
    start = audio["fr"][1][1].start
    page.wait_for_function("!document.getElementById('coach-player').paused")
    played = page.evaluate("document.getElementById('coach-player').currentTime")
    assert start - 1 <= played <= start + 3
    link = page.locator("#coach-recordings .coach-export").first
    assert link.get_attribute("download").endswith((".webm", ".ogg"))
    size = page.evaluate(
        "fetch(document.querySelector('#coach-recordings .coach-export').href)"
        ".then((r) => r.blob()).then((b) => b.size)"
    )
    assert size > 10_000
    page.locator("#coach-recordings .coach-delete").first.click()
    page.wait_for_function("document.querySelectorAll('#coach-recordings li').length === 0")
    assert stored_recordings(page) == 0


def stored_recordings(page) -> int:
    return page.evaluate(
        "new Promise((ok) => { const r = indexedDB.open('profile-gen.coach');"
        " r.onsuccess = () => { const q = r.result.transaction('recordings').objectStore('recordings').count();"
        " q.onsuccess = () => ok(q.result); }; })"
    )


def test_silence_only_gives_no_speech_heard(rehearsed):
    page = rehearsed[0]["silence"]
    assert page.url.startswith("http://127.0.0.1:")  # listened from a served page too
    assert page.locator("#report").is_visible()
    assert "Aucune parole entendue" in page.locator("#coach-verdict").inner_text()
    assert all(row[6] == "–" for row in by_slide(page).values())


def test_clearing_the_history_deletes_the_recordings(rehearsed):
    page = rehearsed[0]["en"]
    page.wait_for_selector("#coach-recordings li .coach-play")
    assert stored_recordings(page) == 1
    page.locator("#clear-history").click()
    page.wait_for_function("document.querySelectorAll('#coach-recordings li').length === 0")
    assert stored_recordings(page) == 0 and page.evaluate("localStorage.length") == 0


def test_the_keep_a_recording_box_is_ticked_from_the_keyboard(chromium, site):
    """Space or Enter on the presenter view's "keep a recording" box ticks it, as on a
    button or a link: the deck's own keys (Space: next slide) leave it alone."""
    page = open_deck(chromium, site)
    page.keyboard.press("p")  # the presenter view
    box = page.locator("#coach-keep")
    box.focus()
    before = page.evaluate("location.hash")
    page.keyboard.press(" ")
    assert box.is_checked() and page.evaluate("location.hash") == before
    page.keyboard.press(" ")
    assert not box.is_checked() and page.evaluate("location.hash") == before
    box.blur()
    page.keyboard.press(" ")  # elsewhere, Space is still the next slide
    assert page.evaluate("location.hash") != before
    page.close()
