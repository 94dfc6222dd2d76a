/* profile_gen defence deck: navigation, URL hash, fullscreen, presenter view with timers,
   rehearsal runs (deck-rehearsal.js keeps and draws them). No framework, no network.
   Keys: → ← space PageUp PageDown Home End navigate, f fullscreen, p presenter view,
   w presenter view in a second window kept in sync, r restart the timers, s start a
   rehearsal run, b or . pause (the clocks stop), e end the run, h the rehearsal report,
   m listen to the microphone (deck-coach.js measures pace and pauses), ? the keys, Escape
   closes. The canvas is sized by CSS: nothing here moves the layout. */
(() => {
  "use strict";
  document.documentElement.classList.add("js");
  const body = document.body;
  const slides = [...document.querySelectorAll(".deck-slides > .slide")];
  if (!slides.length) return;
  const $ = (id) => document.getElementById(id);
  const presenter = $("presenter");
  const currentPane = $("presenter-current");
  const nextPane = $("presenter-next");
  const notesPane = $("presenter-notes");
  const report = $("report");
  const help = $("keys-help");
  const R = window.ProfileGenRehearsal;
  const labels = JSON.parse(($("rehearsal-labels") || {}).textContent || "{}");
  const duration = Number(body.dataset.duration) || 300;
  const plan = slides.map((slide) => ({
    title: slide.dataset.title || "", planned: Number(slide.dataset.seconds) || 0,
    words: R.prose(slide.querySelector(".notes")) ? Number(slide.dataset.words) || 0 : 0,
  }));
  const store = R.storage(`profile-gen.rehearsals.${body.dataset.deck || location.pathname}`);
  let runs = store.load();
  let index = 0;
  // the clocks: elapsed milliseconds, advanced only while not paused (Date is faked in tests)
  let last = Date.now();
  let segmentElapsed = 0;
  let slideElapsed = 0;
  let paused = false;
  let run = null;  // {start, times[]} while this window records a rehearsal
  let peerRun = false;  // the other window records one
  const inPresenterWindow = new URLSearchParams(location.search).has("presenter");
  let peer = inPresenterWindow ? window.opener : null;  // the other window of the pair
  const C = window.ProfileGenCoach;
  const coach = C && $("listen") ? C.create({
    deck: body.dataset.deck || location.pathname, lang: document.documentElement.lang,
    onState: (status) => {
      $("coach-status").textContent = labels[`coach_state_${status}`] || "";
      $("listen").setAttribute("aria-pressed", String(status === "on"));
    },
    onSaved: () => { if (!report.hidden) renderReport(); },
  }) : null;
  if (C) C.active = coach;

  const clamp = (i) => Math.max(0, Math.min(slides.length - 1, i));
  const clock = (seconds) => {
    const sign = seconds < 0 ? "-" : "";
    const s = Math.abs(Math.round(seconds));
    return `${sign}${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
  };
  // numbers as the page's language writes them (3,2 s in French)
  const shown = (value) => (typeof value === "number" ? value.toLocaleString(document.documentElement.lang) : value);
  const fill = (text, values) => String(text || "").replace(/\{(\w+)\}/g, (m, key) => (key in values ? shown(values[key]) : m));
  const fromHash = () => {
    const match = /^#(\d+)$/.exec(location.hash);
    return match ? clamp(Number(match[1]) - 1) : 0;
  };

  function advance() {
    const now = Date.now();
    if (!paused) {
      const spent = now - last;
      segmentElapsed += spent;
      slideElapsed += spent;
      if (run) run.times[index] += spent;
    }
    last = now;
  }

  function copy(slide) {
    const clone = slide.cloneNode(true);
    clone.removeAttribute("id");
    clone.classList.add("active");
    clone.setAttribute("aria-hidden", "true");
    return clone;
  }

  function renderPresenter() {
    if (presenter.hidden) return;
    currentPane.replaceChildren(copy(slides[index]));
    nextPane.replaceChildren(index + 1 < slides.length ? copy(slides[index + 1]) : document.createTextNode(body.dataset.labelEnd || ""));
    const notes = slides[index].querySelector(".notes");
    notesPane.replaceChildren(notes ? notes.cloneNode(true) : "");
    renderPace();
    tick();
  }

  /* The notes of this slide at the pace measured in the last rehearsal. */
  function renderPace() {
    const box = $("pace-warning");
    const latest = runs[runs.length - 1];
    const speech = latest && latest.speech && latest.speech.status === "heard" ? latest.speech : null;
    const rate = speech ? speech.pace : R.pace(latest);
    const { words, planned } = plan[index];
    if (!rate || !words) { box.hidden = true; return; }
    const needed = Math.round((words * 60) / rate);
    const over = needed > planned;
    const key = `${over ? "pace_warning" : "pace_ok"}${speech ? "" : "_notes"}`;
    box.textContent = fill(labels[key], { pace: rate, needed, budget: planned, words });
    box.classList.toggle("ok", !over);
    box.hidden = false;
  }

  function tell(message) {
    if (peer && !peer.closed) peer.postMessage(message, "*");
  }

  function show(i, fromPeer = false) {
    advance();
    index = clamp(i);
    slides.forEach((slide, k) => {
      slide.classList.toggle("active", k === index);
      slide.setAttribute("aria-hidden", String(k !== index));
    });
    const hash = `#${index + 1}`;
    if (location.hash !== hash) {
      try { window.history.replaceState(null, "", hash); } catch (e) { location.hash = hash; }
    }
    $("counter").textContent = `${index + 1} / ${slides.length}`;
    slideElapsed = 0;
    if (run && !paused && coach) coach.mark(index);
    renderPresenter();
    if (!fromPeer) tell({ profileGenSlide: index });
  }

  function next() {
    if (index === slides.length - 1 && run) endRun();
    else show(index + 1);
  }

  function openPresenterWindow() {
    const address = `${location.href.split(/[?#]/)[0]}?presenter#${index + 1}`;
    peer = window.open(address, "profile-gen-presenter");
  }

  function resetClocks() {
    last = Date.now();
    segmentElapsed = slideElapsed = 0;
  }

  function setPaused(value, fromPeer = false) {
    advance();
    paused = value;
    if (run && coach) coach.mark(paused ? null : index);
    $("paused").hidden = !paused || !presenter.hidden;
    tick();
    if (!fromPeer) tell({ profileGenPause: paused });
  }

  function startRun(fromPeer = false) {
    report.hidden = true;
    show(0, fromPeer);
    resetClocks();
    paused = false;
    $("paused").hidden = true;
    run = fromPeer ? null : { start: Date.now(), times: plan.map(() => 0) };
    peerRun = fromPeer;
    if (run && coach) coach.startRun(index, $("coach-keep").checked);
    tick();
    if (!fromPeer) tell({ profileGenRun: "start" });
  }

  function endRun() {
    if (!run) {
      if (peerRun) tell({ profileGenRun: "end" });
      return;
    }
    advance();
    const record = R.record(run.start, plan, run.times, duration);
    if (coach) coach.finishRun(record);
    runs = store.save(runs.concat([record]));
    run = null;
    paused = false;
    $("paused").hidden = true;
    tell({ profileGenRun: "saved" });
    openReport();
  }

  function renderReport() {
    const latest = runs[runs.length - 1];
    const rows = $("report-table").tBodies[0];
    rows.replaceChildren();
    $("report-summary").textContent = latest
      ? fill(labels.summary, { total: clock(latest.total), duration: clock(duration), pace: R.pace(latest) || labels.unknown_pace, runs: runs.length })
      : labels.empty || "";
    if (latest) {
      for (const row of R.compare(latest)) {
        const line = rows.insertRow();
        line.className = row.difference > 0 ? "over" : "";
        line.dataset.slide = row.number;
        const sign = row.difference > 0 ? "+" : "";
        const heard = latest.speech && latest.speech.slides ? latest.speech.slides[row.number - 1] : null;
        const measured = heard && heard.pace !== null ? [heard.pace, heard.longest] : ["–", heard ? heard.longest : "–"];
        for (const cell of [row.number, row.title, row.planned, row.actual, `${sign}${row.difference}`, row.pace === null ? "–" : row.pace, ...(coach ? measured : [])]) {
          line.insertCell().textContent = String(cell);
        }
      }
    }
    $("report-chart").replaceChildren(R.chart(runs, duration, clock, labels.chart || ""));
    const note = $("storage-note");
    note.hidden = store.available;
    note.textContent = labels.no_storage || "";
    R.blobLink($("export-csv"), R.toCSV(runs, document.documentElement.lang), "text/csv;charset=utf-8");
    if (C && $("coach-verdict")) C.report(coach, runs, labels, fill);
    R.blobLink($("export-json"), `${JSON.stringify(runs, null, 1)}\n`, "application/json");
  }

  function openReport() {
    renderReport();
    report.hidden = false;
    report.focus();
  }

  function toggleReport() {
    if (report.hidden) openReport();
    else report.hidden = true;
  }

  function clearHistory() {  // the recordings go with the runs
    store.clear();
    runs = [];
    if (coach) coach.removeAll().then(renderReport);
    renderReport();
    renderPace();
  }

  window.addEventListener("message", (event) => {
    const data = event.data || {};
    if (peer && event.source !== peer) return;
    if (!("profileGenSlide" in data || "profileGenPause" in data || "profileGenRun" in data)) return;
    peer = peer || event.source;
    if (Number.isInteger(data.profileGenSlide) && data.profileGenSlide !== index) show(data.profileGenSlide, true);
    if (typeof data.profileGenPause === "boolean") setPaused(data.profileGenPause, true);
    if (data.profileGenRun === "start") startRun(true);
    if (data.profileGenRun === "end") endRun();
    if (data.profileGenRun === "saved") {
      peerRun = false;
      runs = store.load();
      renderPace();
      if (!report.hidden) renderReport();
    }
  });

  function tick() {
    advance();
    const segmentLeft = duration - segmentElapsed / 1000;
    const slideLeft = plan[index].planned - slideElapsed / 1000;
    $("segment-timer").textContent = clock(segmentLeft);
    $("slide-timer").textContent = clock(slideLeft);
    const over = slideLeft < 0 || segmentLeft < 0;
    presenter.classList.toggle("overrun", over);
    const overrun = $("overrun");
    overrun.hidden = !over;
    if (over) {
      const late = segmentLeft < 0 ? -segmentLeft : -slideLeft;
      overrun.textContent = `${body.dataset.labelOverrun} +${clock(late)}`;
    }
    const state = paused ? labels.paused : run || peerRun ? labels.recording : "";
    $("run-state").textContent = state || "";
  }

  function togglePresenter() {
    presenter.hidden = !presenter.hidden;
    $("paused").hidden = !paused || !presenter.hidden;
    renderPresenter();
  }

  function toggleFullscreen() {
    if (document.fullscreenElement) document.exitFullscreen();
    else if (document.documentElement.requestFullscreen) document.documentElement.requestFullscreen().catch(() => {});
  }

  function toggleHelp(open = help.hidden) {
    help.hidden = !open;
    $("help-toggle").setAttribute("aria-expanded", String(open));
  }

  const actions = {
    ArrowRight: next, ArrowDown: next, " ": next, PageDown: next, Enter: next,
    ArrowLeft: () => show(index - 1), ArrowUp: () => show(index - 1), PageUp: () => show(index - 1),
    Backspace: () => show(index - 1), Home: () => show(0), End: () => show(slides.length - 1),
    f: toggleFullscreen, p: togglePresenter, w: openPresenterWindow,
    r: () => { resetClocks(); tick(); },
    s: () => startRun(), b: () => setPaused(!paused), ".": () => setPaused(!paused), e: endRun,
    h: toggleReport, "?": () => toggleHelp(), m: () => { if (coach) coach.listen(); },
    Escape: () => { report.hidden = true; toggleHelp(false); },
  };
  const inReport = new Set(["h", "Escape", "Tab"]);
  document.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const key = event.key.length === 1 && event.key !== "?" ? event.key.toLowerCase() : event.key;
    if (!report.hidden && !inReport.has(key)) return;  // the report's links and buttons keep their keys
    const action = actions[key];
    const target = event.target;
    // a control takes Space and Enter (a button, a link, the "keep a recording" box)
    const onControl = target instanceof HTMLButtonElement || target instanceof HTMLAnchorElement
      || target instanceof HTMLInputElement || target instanceof HTMLSelectElement
      || target instanceof HTMLTextAreaElement;
    if (action && !(onControl && (key === " " || key === "Enter"))) {
      event.preventDefault();
      action();
    }
  });
  $("next").addEventListener("click", next);
  $("prev").addEventListener("click", () => show(index - 1));
  $("help-toggle").addEventListener("click", () => toggleHelp());
  $("close-report").addEventListener("click", () => { report.hidden = true; });
  $("clear-history").addEventListener("click", clearHistory);
  if (coach) $("listen").addEventListener("click", () => coach.listen());
  $("slides").addEventListener("click", (event) => {
    if (event.target.closest("a, button")) return;
    if (event.clientX < window.innerWidth / 3) show(index - 1);
    else next();
  });
  let touchX = null;
  document.addEventListener("touchstart", (event) => { touchX = event.touches[0].clientX; }, { passive: true });
  document.addEventListener("touchend", (event) => {
    if (touchX === null) return;
    const dx = event.changedTouches[0].clientX - touchX;
    if (Math.abs(dx) > 40) { if (dx < 0) next(); else show(index - 1); }
    touchX = null;
  });
  window.addEventListener("hashchange", () => { if (fromHash() !== index) show(fromHash()); });
  setInterval(tick, 250);
  if (inPresenterWindow) presenter.hidden = false;
  show(fromHash(), true);
  resetClocks();
})();
