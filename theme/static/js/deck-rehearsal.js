/* profile_gen defence deck, rehearsal records: kept in the browser's storage, compared with
   the plan, drawn as a small chart, exported as CSV or JSON. No framework, no network.
   Exposes window.ProfileGenRehearsal for deck.js. Loaded first thing in <body>, before the
   slides: it marks the page as scripted, so the one-slide layout is there at first paint. */
(() => {
  "use strict";
  document.documentElement.classList.add("js");
  const KEEP = 10;  // runs kept in storage
  const PACE_AFTER = 10;  // seconds a slide is shown before its notes give a planned pace
  const SVG = "http://www.w3.org/2000/svg";

  /* Storage that may be missing (private windows, file:// policies): runs are then kept
     in memory until the page closes, and `available` says so. */
  function storage(key) {
    let memory = [];
    let available = true;
    try {
      const probe = `${key}.probe`;
      window.localStorage.setItem(probe, "1");
      window.localStorage.removeItem(probe);
    } catch (error) {
      available = false;
    }
    return {
      available,
      load() {
        if (!available) return memory.slice();
        try {
          const runs = JSON.parse(window.localStorage.getItem(key) || "[]");
          return Array.isArray(runs) ? runs : [];
        } catch (error) {
          return [];
        }
      },
      save(runs) {
        const kept = runs.slice(-KEEP);
        memory = kept;
        if (!available) return kept;
        try { window.localStorage.setItem(key, JSON.stringify(kept)); } catch (error) { available = false; }
        return kept;
      },
      clear() {
        memory = [];
        if (available) { try { window.localStorage.removeItem(key); } catch (error) { /* gone anyway */ } }
      },
    };
  }

  const round1 = (value) => Math.round(value * 10) / 10;

  /* A finished run: per slide its plan, its notes' words and the seconds it took. */
  function record(start, slides, times, duration) {
    const rows = slides.map((slide, k) => ({
      number: k + 1, title: slide.title, planned: slide.planned, words: slide.words,
      actual: round1((times[k] || 0) / 1000),
    }));
    return {
      date: new Date(start).toISOString(), duration,
      total: round1(rows.reduce((sum, row) => sum + row.actual, 0)), slides: rows,
    };
  }

  /* Words per minute over the slides that have notes and were shown: null when unknown. */
  function pace(run) {
    if (!run) return null;
    let words = 0;
    let seconds = 0;
    for (const row of run.slides) {
      if (row.words > 0 && row.actual >= PACE_AFTER) { words += row.words; seconds += row.actual; }
    }
    return seconds > 0 ? Math.round((words * 60) / seconds) : null;
  }

  /* The run against the plan: overruns first (largest first), then the others in order. */
  function compare(run) {
    const rows = run.slides.map((row) => ({
      ...row, difference: round1(row.actual - row.planned),
      // a slide passed in a second would read thousands of words a minute: none
      pace: row.words > 0 && row.actual >= PACE_AFTER ? Math.round((row.words * 60) / row.actual) : null,
    }));
    const over = rows.filter((row) => row.difference > 0).sort((a, b) => b.difference - a.difference);
    return over.concat(rows.filter((row) => row.difference <= 0));
  }

  /* Notes written as sentences (six words or more a sentence, on average) give a planned
     pace; keywords and short bullets do not. The budget line is not the student's. */
  function prose(notes) {
    if (!notes) return false;
    const parts = [...notes.children].filter((node) => !node.classList.contains("budget"));
    const text = parts.map((node) => node.textContent).join("\n");
    const sentences = text.split(/[.!?…]+(?:\s|$)|\n+/).filter((part) => part.trim());
    const words = text.split(/\s+/).filter(Boolean).length;
    return sentences.length > 0 && words / sentences.length >= 6;
  }

  const CSV_HEAD = ["run", "date", "slide", "title", "planned_s", "actual_s", "words", "measured_wpm", "longest_pause_s"];
  function csvCell(value) {
    const text = String(value);
    // a cell starting with = + - @ is a formula in spreadsheets: quote it as text
    const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
    return /[",\n;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  }
  /* The runs as a spreadsheet opens them in the page's language: in French, cells separated
     by semicolons and decimal commas (French Excel read a comma-separated file as one
     column), with a byte-order mark for the accents; elsewhere commas and points. */
  function toCSV(runs, lang) {
    const french = /^fr\b/.test(lang || "");
    const separator = french ? ";" : ",";
    const number = (value) => (typeof value === "number" && french ? String(value).replace(".", ",") : value);
    const lines = [CSV_HEAD.join(separator)];
    runs.forEach((run, r) => {
      for (const row of run.slides) {
        const heard = run.speech && run.speech.slides ? run.speech.slides[row.number - 1] : null;
        const measured = heard ? [heard.pace === null ? "" : heard.pace, heard.longest] : ["", ""];
        const cells = [r + 1, run.date, row.number, row.title, row.planned, row.actual, row.words, ...measured];
        lines.push(cells.map((cell) => csvCell(number(cell))).join(separator));
      }
    });
    return `${french ? "\ufeff" : ""}${lines.join("\n")}\n`;
  }

  function svg(name, attributes, text) {
    const node = document.createElementNS(SVG, name);
    for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* Total time of each stored run as a bar, the planned duration as a dashed line. */
  function chart(runs, duration, clock, label) {
    const width = 600;
    const height = 200;
    const top = 16;
    const base = height - 28;
    const most = Math.max(duration * 1.25, ...runs.map((run) => run.total));
    const y = (seconds) => base - ((base - top) * seconds) / most;
    const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": label, class: "progress-chart" });
    const step = runs.length ? (width - 40) / runs.length : 0;
    runs.forEach((run, k) => {
      const x = 20 + k * step + step * 0.15;
      const over = run.total > duration;
      root.append(svg("rect", { x, y: y(run.total), width: step * 0.7, height: base - y(run.total), fill: over ? "#b3261e" : "#1f4e8c", class: "run-bar", "data-total": run.total }));
      root.append(svg("text", { x: x + step * 0.35, y: y(run.total) - 4, "text-anchor": "middle", "font-size": 13 }, clock(run.total)));
      root.append(svg("text", { x: x + step * 0.35, y: height - 8, "text-anchor": "middle", "font-size": 13 }, `#${k + 1}`));
    });
    root.append(svg("line", { x1: 10, x2: width - 10, y1: y(duration), y2: y(duration), stroke: "#14213d", "stroke-dasharray": "6 4", class: "plan-line" }));
    root.append(svg("text", { x: width - 12, y: y(duration) - 4, "text-anchor": "end", "font-size": 13 }, clock(duration)));
    return root;
  }

  function blobLink(link, text, type) {
    if (link.href.startsWith("blob:")) URL.revokeObjectURL(link.href);
    link.href = URL.createObjectURL(new Blob([text], { type }));
  }

  window.ProfileGenRehearsal = { storage, record, pace, prose, compare, toCSV, chart, blobLink, KEEP };
})();
