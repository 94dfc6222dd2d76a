/* profile_gen rehearsal coach: listens to the microphone during a rehearsal run (key m, with
   the browser's consent), measures the pace and the pauses of each slide (deck-speech.js, in
   an AudioWorklet), and keeps an optional recording of the run in the browser's IndexedDB.
   Nothing is uploaded, nothing is written into the Book. Exposes window.ProfileGenCoach. */
(() => {
  "use strict";
  const S = window.ProfileGenSpeech;
  const BASE = "profile-gen.coach";
  const STORE = "recordings";
  const KEEP = 10;

  /* IndexedDB, promised; a missing or refused database rejects and the coach goes on. */
  function database() {
    return new Promise((resolve, reject) => {
      if (!window.indexedDB) { reject(new Error("no IndexedDB")); return; }
      const request = window.indexedDB.open(BASE, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: "key" });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }
  function transact(mode, work) {
    return database().then((db) => new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = work(tx.objectStore(STORE));
      tx.oncomplete = () => { db.close(); resolve(request ? request.result : undefined); };
      tx.onerror = () => { db.close(); reject(tx.error); };
    }));
  }
  const recordings = {
    all: (deck) => transact("readonly", (store) => store.getAll())
      .then((found) => found.filter((item) => item.deck === deck).sort((a, b) => a.date.localeCompare(b.date)))
      .catch(() => []),
    put: (item) => transact("readwrite", (store) => store.put(item)).catch(() => null),
    remove: (key) => transact("readwrite", (store) => store.delete(key)).catch(() => null),
  };

  /* Per slide, the parts of a run it was shown (a slide may come back): one figure. */
  function combine(parts, lang) {
    const heard = parts.filter((part) => part.heard);
    const syllables = heard.reduce((sum, part) => sum + part.syllables, 0);
    const speaking = heard.reduce((sum, part) => sum + part.speaking, 0);
    const perWord = S.SYLLABLES_PER_WORD[lang] || S.SYLLABLES_PER_WORD.en;
    return {
      heard: heard.length > 0, syllables, speaking: Math.round(speaking * 10) / 10,
      pace: heard.length && speaking > 0 ? Math.round((syllables * 60) / speaking / perWord) : null,
      longest: Math.max(0, ...parts.map((part) => part.longest)),
      long_pauses: parts.reduce((sum, part) => sum + part.long_pauses, 0),
    };
  }

  function create({ deck, lang, onState, onSaved }) {
    const frames = { db: [], voicing: [] };
    let status = "off";
    let stream = null;
    let context = null;
    let recorder = null;
    let chunks = [];
    let parts = [];  // {slide, from, to} frames of the current run
    let open = null;
    let runFrom = 0;

    const now = () => frames.db.length;
    function set(value) { status = value; onState(value); }

    function stop() {
      if (stream) stream.getTracks().forEach((track) => track.stop());
      if (context) context.close().catch(() => {});
      stream = context = null;
      set("off");
    }

    async function listen() {
      if (status === "on") { stop(); return; }
      if (status === "asking") return;
      status = "asking";
      const media = navigator.mediaDevices;
      if (!media || !media.getUserMedia || !window.AudioWorkletNode) { set("unsupported"); return; }
      try {
        stream = await media.getUserMedia({ audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false } });
      } catch (error) {
        set(["NotFoundError", "OverconstrainedError", "NotReadableError"].includes(error.name) ? "absent" : "refused");
        return;
      }
      try {
        context = new AudioContext();
        await context.audioWorklet.addModule(S.workletURL());
        const node = new AudioWorkletNode(context, "profile-gen-listener");
        node.port.onmessage = (event) => {
          frames.db.push(...event.data.db);
          frames.voicing.push(...event.data.voicing);
        };
        context.createMediaStreamSource(stream).connect(node);
        await context.resume();
      } catch (error) {
        stop();
        set("unsupported");
        return;
      }
      set("on");
    }

    /* The run is now on `slide` (null: paused or ended). */
    function mark(slide) {
      if (open) { open.to = now(); if (open.to > open.from) parts.push(open); }
      open = slide === null || slide === undefined ? null : { slide, from: now() };
    }

    function startRun(slide, keep) {
      parts = [];
      open = null;
      runFrom = now();
      chunks = [];
      recorder = null;
      if (status === "on" && keep && window.MediaRecorder) {
        try {
          recorder = new MediaRecorder(stream);
          recorder.ondataavailable = (event) => { if (event.data.size) chunks.push(event.data); };
          recorder.start(1000);
        } catch (error) { recorder = null; }
      }
      mark(slide);
    }

    /* Adds `speech` (the measures, or why there are none) to a finished run record. */
    function finishRun(record) {
      mark(null);
      if (status !== "on" && !parts.length) { record.speech = { status }; return; }
      const run = { db: frames.db.slice(runFrom), voicing: frames.voicing.slice(runFrom) };
      const bySlide = record.slides.map(() => []);
      const measured = parts.map((part) => {
        const result = S.analyse(run, part.from - runFrom, part.to - runFrom, lang);
        if (bySlide[part.slide]) bySlide[part.slide].push(result);
        return result;
      });
      const slides = bySlide.map((found) => (found.length ? combine(found, lang) : null));
      const whole = combine(measured, lang);
      record.speech = {
        status: whole.heard ? "heard" : "silent", lang, pace: whole.pace, longest: whole.longest,
        long_pauses: whole.long_pauses, slides, band: S.band(lang),
      };
      if (recorder) save(record, recorder, parts.map((part) => ({
        slide: part.slide + 1, start: (part.from - runFrom) * S.HOP, end: (part.to - runFrom) * S.HOP,
      })));
      recorder = null;
    }

    function save(record, active, segments) {
      active.onstop = () => {
        const blob = new Blob(chunks, { type: active.mimeType || "audio/webm" });
        const item = { key: `${deck}|${record.date}`, deck, date: record.date, blob, segments };
        recordings.put(item).then(() => recordings.all(deck)).then((all) => Promise.all(
          all.slice(0, Math.max(0, all.length - KEEP)).map((old) => recordings.remove(old.key)),
        )).then(() => onSaved());
      };
      active.stop();
    }

    return {
      listen, mark, startRun, finishRun, stop,
      get status() { return status; },
      seconds: () => now() * S.HOP,
      recordings: () => recordings.all(deck),
      remove: (key) => recordings.remove(key),
      removeAll: () => recordings.all(deck).then((all) => Promise.all(all.map((item) => recordings.remove(item.key)))),
    };
  }

  /* A text with a count: its `_one` form when the count is singular in the page's language
     (French: 0 and 1; English: 1), as the catalogues' plurals go. */
  function counted(labels, key, count) {
    const one = document.documentElement.lang === "fr" ? count < 2 : count === 1;
    return (one && labels[`${key}_one`]) || labels[key];
  }

  /* What the report says of a run's speech: a verdict per slide, the overall figure. */
  function verdicts(run, labels, fill) {
    const speech = run && run.speech;
    if (!speech) return [labels.coach_off];
    if (speech.status !== "heard") return [labels[`coach_${speech.status}`] || labels.coach_off];
    const [low, high] = speech.band;
    const lines = [fill(labels.coach_overall, { pace: speech.pace, low, high, longest: speech.longest, count: speech.long_pauses })];
    speech.slides.forEach((slide, k) => {
      if (!slide) return;
      const values = { slide: k + 1, pace: slide.pace, low, high, longest: slide.longest, count: slide.long_pauses };
      if (slide.pace !== null && slide.pace > high) lines.push(fill(labels.coach_fast, values));
      if (slide.pace !== null && slide.pace < low) lines.push(fill(labels.coach_slow, values));
      if (slide.long_pauses) lines.push(fill(counted(labels, "coach_pause", slide.long_pauses), values));
    });
    return lines;
  }

  /* The slides to work on first: off the band, long pauses, overruns; the worst three. */
  function focus(run, labels, fill) {
    const speech = run && run.speech && run.speech.status === "heard" ? run.speech : null;
    const [low, high] = speech ? speech.band : [0, Infinity];
    return run.slides.map((row, k) => {
      const slide = speech && speech.slides[k];
      const reasons = [];
      let weight = 0;
      if (slide && slide.pace !== null && (slide.pace > high || slide.pace < low)) {
        weight += Math.abs(slide.pace - (slide.pace > high ? high : low)) / 10;
        reasons.push(fill(slide.pace > high ? labels.coach_reason_fast : labels.coach_reason_slow, { pace: slide.pace }));
      }
      if (slide && slide.long_pauses) {
        weight += slide.long_pauses;
        reasons.push(fill(counted(labels, "coach_reason_pause", slide.long_pauses), { count: slide.long_pauses, longest: slide.longest }));
      }
      const over = Math.round((row.actual - row.planned) * 10) / 10;
      if (over > 0) { weight += over / 10; reasons.push(fill(labels.coach_reason_over, { seconds: over })); }
      return { weight, text: fill(labels.coach_focus_item, { slide: row.number, title: row.title, reasons: reasons.join(", ") }) };
    }).filter((item) => item.weight > 0).sort((a, b) => b.weight - a.weight).slice(0, 3).map((item) => item.text);
  }

  /* The measured pace and longest pause of the last ten runs, oldest first. */
  function trend(runs, labels, fill) {
    return runs.slice(-KEEP).map((run, k) => (run.speech && run.speech.status === "heard"
      ? fill(labels.coach_trend_item, { run: k + 1, pace: run.speech.pace, longest: run.speech.longest }) : null))
      .filter(Boolean);
  }

  function list(node, lines) {
    node.replaceChildren(...lines.map((line) => {
      const item = document.createElement("li");
      item.textContent = line;
      return item;
    }));
    node.hidden = !lines.length;
  }

  /* Fills the report's coach part: verdicts, focus, trend, and the recordings kept. */
  function report(coach, runs, labels, fill) {
    const latest = runs[runs.length - 1];
    const $ = (id) => document.getElementById(id);
    list($("coach-verdict"), latest ? verdicts(latest, labels, fill) : []);
    list($("coach-focus"), latest ? focus(latest, labels, fill) : []);
    $("coach-focus-title").hidden = $("coach-focus").hidden;
    list($("coach-trend"), trend(runs, labels, fill));
    $("coach-trend-title").hidden = $("coach-trend").hidden;
    if (coach) coach.recordings().then((items) => playback(coach, items, labels, fill, () => report(coach, runs, labels, fill)));
  }

  function button(text, action, attributes = {}) {
    const node = document.createElement("button");
    node.type = "button";
    node.textContent = text;
    for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
    node.addEventListener("click", action);
    return node;
  }

  /* One line per recording: a button per slide plays its segment, export, delete. */
  let urls = [];
  function playback(coach, items, labels, fill, again) {
    urls.forEach((url) => URL.revokeObjectURL(url));
    urls = [];
    const box = document.getElementById("coach-recordings");
    const player = document.getElementById("coach-player");
    box.replaceChildren();
    box.hidden = !items.length;
    document.getElementById("coach-recordings-title").hidden = !items.length;
    for (const item of items) {
      const line = document.createElement("li");
      line.dataset.date = item.date;
      const url = URL.createObjectURL(item.blob);
      urls.push(url);
      line.append(`${item.date.slice(0, 16).replace("T", " ")} `);
      for (const segment of item.segments) {
        line.append(button(String(segment.slide), () => {
          if (player.src !== url) player.src = url;
          player.dataset.end = String(segment.end);
          player.currentTime = segment.start;
          player.play().catch(() => {});
        }, { class: "coach-play", "data-slide": String(segment.slide), "aria-label": fill(labels.coach_play, { slide: segment.slide }) }));
      }
      const link = document.createElement("a");
      link.href = url;
      link.className = "coach-export";
      link.download = `rehearsal-${item.date.replace(/[:.]/g, "-")}.${/ogg/.test(item.blob.type) ? "ogg" : "webm"}`;
      link.textContent = labels.coach_export;
      line.append(" ", link, " ", button(labels.coach_delete, () => coach.remove(item.key).then(again), { class: "coach-delete" }));
      box.append(line);
    }
    if (items.length) {
      const all = document.createElement("li");
      all.append(button(labels.coach_delete_all, () => coach.removeAll().then(again), { id: "coach-delete-all" }));
      box.append(all);
    }
    player.ontimeupdate = () => { if (player.currentTime >= Number(player.dataset.end)) player.pause(); };
  }

  window.ProfileGenCoach = { create, combine, report, verdicts };
})();
