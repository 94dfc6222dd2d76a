/* profile_gen defence deck: navigation, URL hash, fullscreen, presenter view with timers.
   No framework, no network. Keys: → ← space PageUp PageDown Home End, f fullscreen,
   p presenter view, w presenter view in a second window kept in sync, r restart the timers. */
(() => {
  "use strict";
  document.documentElement.classList.add("js");
  const body = document.body;
  const slides = [...document.querySelectorAll(".slide")];
  if (!slides.length) return;
  const presenter = document.getElementById("presenter");
  const currentPane = document.getElementById("presenter-current");
  const nextPane = document.getElementById("presenter-next");
  const notesPane = document.getElementById("presenter-notes");
  const segmentTimer = document.getElementById("segment-timer");
  const slideTimer = document.getElementById("slide-timer");
  const overrun = document.getElementById("overrun");
  const counter = document.getElementById("counter");
  const duration = Number(body.dataset.duration) || 300;
  let index = 0;
  let segmentStart = Date.now();
  let slideStart = Date.now();
  const inPresenterWindow = new URLSearchParams(location.search).has("presenter");
  let peer = inPresenterWindow ? window.opener : null;  // the other window of the pair

  const clamp = (i) => Math.max(0, Math.min(slides.length - 1, i));
  const clock = (seconds) => {
    const sign = seconds < 0 ? "-" : "";
    const s = Math.abs(Math.round(seconds));
    return `${sign}${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
  };
  const fromHash = () => {
    const match = /^#(\d+)$/.exec(location.hash);
    return match ? clamp(Number(match[1]) - 1) : 0;
  };

  function fit() {
    const scale = Math.min(window.innerWidth / 1280, window.innerHeight / 720);
    document.documentElement.style.setProperty("--scale", String(scale));
    const width = currentPane.clientWidth || window.innerWidth * 0.6;
    document.documentElement.style.setProperty("--current-scale", String(width / 1280));
    const side = nextPane.clientWidth || window.innerWidth * 0.35;
    document.documentElement.style.setProperty("--next-scale", String(side / 1280));
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
    fit();
    tick();
  }

  function tell() {
    if (peer && !peer.closed) peer.postMessage({ profileGenSlide: index }, "*");
  }

  function show(i, fromPeer = false) {
    index = clamp(i);
    slides.forEach((slide, k) => {
      slide.classList.toggle("active", k === index);
      slide.setAttribute("aria-hidden", String(k !== index));
    });
    const hash = `#${index + 1}`;
    if (location.hash !== hash) {
      try { history.replaceState(null, "", hash); } catch (e) { location.hash = hash; }
    }
    counter.textContent = `${index + 1} / ${slides.length}`;
    slideStart = Date.now();
    renderPresenter();
    if (!fromPeer) tell();
  }

  function openPresenterWindow() {
    const address = `${location.href.split(/[?#]/)[0]}?presenter#${index + 1}`;
    peer = window.open(address, "profile-gen-presenter");
  }

  window.addEventListener("message", (event) => {
    const slide = event.data && event.data.profileGenSlide;
    if (!Number.isInteger(slide) || (peer && event.source !== peer)) return;
    peer = peer || event.source;
    if (slide !== index) show(slide, true);
  });

  function tick() {
    const now = Date.now();
    const segmentLeft = duration - (now - segmentStart) / 1000;
    const budget = Number(slides[index].dataset.seconds) || 0;
    const slideLeft = budget - (now - slideStart) / 1000;
    segmentTimer.textContent = clock(segmentLeft);
    slideTimer.textContent = clock(slideLeft);
    const over = slideLeft < 0 || segmentLeft < 0;
    presenter.classList.toggle("overrun", over);
    overrun.hidden = !over;
    if (over) {
      const late = segmentLeft < 0 ? -segmentLeft : -slideLeft;
      overrun.textContent = `${body.dataset.labelOverrun} +${clock(late)}`;
    }
  }

  function togglePresenter() {
    presenter.hidden = !presenter.hidden;
    renderPresenter();
  }

  function toggleFullscreen() {
    if (document.fullscreenElement) document.exitFullscreen();
    else if (document.documentElement.requestFullscreen) document.documentElement.requestFullscreen().catch(() => {});
  }

  document.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const actions = {
      ArrowRight: () => show(index + 1), ArrowDown: () => show(index + 1), " ": () => show(index + 1),
      PageDown: () => show(index + 1), Enter: () => show(index + 1),
      ArrowLeft: () => show(index - 1), ArrowUp: () => show(index - 1), PageUp: () => show(index - 1),
      Backspace: () => show(index - 1), Home: () => show(0), End: () => show(slides.length - 1),
      f: toggleFullscreen, F: toggleFullscreen, p: togglePresenter, P: togglePresenter,
      w: openPresenterWindow, W: openPresenterWindow,
      r: () => { segmentStart = slideStart = Date.now(); tick(); },
    };
    const action = actions[event.key];
    if (action && !(event.target instanceof HTMLButtonElement && (event.key === " " || event.key === "Enter"))) {
      event.preventDefault();
      action();
    }
  });
  document.getElementById("next").addEventListener("click", () => show(index + 1));
  document.getElementById("prev").addEventListener("click", () => show(index - 1));
  document.getElementById("slides").addEventListener("click", (event) => {
    if (event.target.closest("a, button")) return;
    show(event.clientX < window.innerWidth / 3 ? index - 1 : index + 1);
  });
  let touchX = null;
  document.addEventListener("touchstart", (event) => { touchX = event.touches[0].clientX; }, { passive: true });
  document.addEventListener("touchend", (event) => {
    if (touchX === null) return;
    const dx = event.changedTouches[0].clientX - touchX;
    if (Math.abs(dx) > 40) show(dx < 0 ? index + 1 : index - 1);
    touchX = null;
  });
  window.addEventListener("hashchange", () => { if (fromHash() !== index) show(fromHash()); });
  window.addEventListener("resize", fit);
  setInterval(tick, 250);
  fit();
  if (inPresenterWindow) presenter.hidden = false;
  show(fromHash());
})();
