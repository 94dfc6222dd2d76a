/* profile_gen rehearsal coach: the speech analysis, one module run in two places: in the
   AudioWorklet that listens to the microphone (its source is `speech.toString()`, loaded
   as a data: URL: Chromium accepts it from file://, where it refuses a blob: URL), and in
   the tests, fed with espeak-ng recordings. No library, no network.

   Frames: every 10 ms, the intensity (dB re full scale) and the voicing strength (peak of the
   normalised autocorrelation, 75-500 Hz) of the last 40 ms, on the signal brought down to
   about 8 kHz. Analysis of a stretch of frames, after de Jong & Wempe (2009), "Praat script
   to detect syllable nuclei and measure speech rate automatically": the silence threshold is
   25 dB under the 99th percentile of the intensity, and at least 6 dB over the room's noise
   (the 5th percentile: a fan, a hum or a far microphone would otherwise count as speech);
   a syllable nucleus is a peak of the smoothed intensity above it, at least 2 dB above the
   dip before it, on a voiced frame. A pause is a silence of at least 1 s between two
   sounds of a slide (not the wait before its first word or after its last); the speaking
   time runs from the first to the last sound, pauses taken out; the pace is syllables per second of speaking time, turned into
   words per minute with the syllables per word of the language. */
(() => {
  "use strict";

  function speech() {
    const HOP = 0.01;  // seconds per frame
    const WINDOW = 0.04;  // seconds analysed per frame
    const FLOOR = -70;  // dBFS: quieter is silence whatever the threshold (a quiet voice is -50)
    const BELOW_PEAK = 25;  // dB under the 99th percentile: silence
    const NOISE_QUANTILE = 0.05;  // of a run's frames: its noise floor
    const ABOVE_NOISE = 6;  // dB over the noise floor: silence
    const DIP = 2;  // dB between two nuclei
    const VOICED = 0.5;  // autocorrelation peak of a voiced frame
    const PAUSE = 1;  // seconds of silence that make a pause
    const LONG_PAUSE = 2;
    const SYLLABLES_PER_WORD = { fr: 1.6, en: 1.5 };
    const BAND = { fr: [130, 160], en: [130, 160] };

    /* Cuts a stream of samples into frames: push(samples) returns the new frames' dB and
       voicing (two plain arrays, so they cross postMessage cheaply). */
    class Frames {
      constructor(sampleRate) {
        this.factor = Math.max(1, Math.round(sampleRate / 8000));
        this.rate = sampleRate / this.factor;
        this.size = Math.round(this.rate * WINDOW);
        this.hop = this.rate * HOP;
        this.buffer = new Float32Array(this.size);
        this.filled = 0;
        this.sum = 0;
        this.count = 0;
        this.due = this.hop;
        this.minLag = Math.floor(this.rate / 500);
        this.maxLag = Math.min(this.size - 8, Math.ceil(this.rate / 75));
      }

      push(samples) {
        const db = [];
        const voicing = [];
        for (let i = 0; i < samples.length; i += 1) {
          this.sum += samples[i];
          this.count += 1;
          if (this.count < this.factor) continue;
          this.buffer.copyWithin(0, 1);
          this.buffer[this.size - 1] = this.sum / this.count;
          this.sum = 0;
          this.count = 0;
          this.filled += 1;
          if (this.filled >= this.due) {
            this.due += this.hop;
            const [level, voiced] = this.frame();
            db.push(level);
            voicing.push(voiced);
          }
        }
        return { db, voicing };
      }

      frame() {
        const x = this.buffer;
        const n = this.size;
        let mean = 0;
        for (let i = 0; i < n; i += 1) mean += x[i];
        mean /= n;
        const y = new Float32Array(n);
        let energy = 0;
        for (let i = 0; i < n; i += 1) { y[i] = x[i] - mean; energy += y[i] * y[i]; }
        const level = 10 * Math.log10(energy / n + 1e-12);
        if (level < FLOOR) return [Math.round(level * 10) / 10, 0];
        let best = 0;
        for (let lag = this.minLag; lag <= this.maxLag; lag += 1) {
          let cross = 0;
          let a = 0;
          let b = 0;
          for (let i = 0; i + lag < n; i += 1) {
            cross += y[i] * y[i + lag];
            a += y[i] * y[i];
            b += y[i + lag] * y[i + lag];
          }
          const r = cross / Math.sqrt(a * b + 1e-20);
          if (r > best) best = r;
        }
        return [Math.round(level * 10) / 10, Math.round(best * 100) / 100];
      }
    }

    function smooth(db) {
      const weights = [1, 2, 3, 2, 1];
      return db.map((_, i) => {
        let power = 0;
        let total = 0;
        weights.forEach((w, k) => {
          const j = i + k - 2;
          if (j >= 0 && j < db.length) { power += w * 10 ** (db[j] / 10); total += w; }
        });
        return 10 * Math.log10(power / total + 1e-12);
      });
    }

    /* The silence threshold of a whole run (dB), from its frames. */
    function threshold(db) {
      const heard = db.filter((v) => v > FLOOR).sort((a, b) => a - b);
      if (!heard.length) return 0;
      const top = heard[Math.min(heard.length - 1, Math.floor(heard.length * 0.99))];
      const all = db.slice().sort((a, b) => a - b);
      const floor = all[Math.floor(all.length * NOISE_QUANTILE)];
      return Math.max(FLOOR, top - BELOW_PEAK, floor + ABOVE_NOISE);
    }

    function silences(loud, from, to) {
      const found = [];
      let start = null;
      for (let i = from; i <= to; i += 1) {
        if (i < to && !loud[i]) { if (start === null) start = i; continue; }
        if (start !== null && (i - start) * HOP >= PAUSE) found.push({ start, length: (i - start) * HOP });
        start = null;
      }
      return found;
    }

    /* Frames [from, to) of a run: syllables, speaking time, pauses and pace (words/min). */
    function analyse(run, from, to, lang) {
      const level = run.smooth || (run.smooth = smooth(run.db));
      const limit = run.threshold === undefined ? (run.threshold = threshold(run.db)) : run.threshold;
      const loud = run.loud || (run.loud = level.map((v) => v > limit));
      const end = Math.min(to, level.length);
      let syllables = 0;
      let lastPeak = null;
      let dip = Infinity;
      for (let i = from + 1; i < end - 1; i += 1) {
        dip = Math.min(dip, level[i]);
        const peak = level[i] >= level[i - 1] && level[i] > level[i + 1];
        if (!peak || !loud[i] || run.voicing[i] < VOICED) continue;
        if (lastPeak === null || level[i] - dip >= DIP) { syllables += 1; lastPeak = i; dip = level[i]; }
        else if (level[i] > level[lastPeak]) { lastPeak = i; dip = level[i]; }
      }
      let first = -1;
      let last = -1;
      for (let i = from; i < end; i += 1) if (loud[i]) { if (first < 0) first = i; last = i; }
      // a pause is a silence between two sounds: not the wait before the first word of a
      // slide nor after its last one (a slide change, a breath before the next one)
      const pauses = silences(loud, from, end).filter((p) => p.start > first && p.start < last);
      const speaking = first < 0 ? 0 : (last - first + 1) * HOP - pauses.reduce((s, p) => s + p.length, 0);
      const perWord = SYLLABLES_PER_WORD[lang] || SYLLABLES_PER_WORD.en;
      const heard = syllables >= 2 && speaking >= 0.5;
      const round1 = (v) => Math.round(v * 10) / 10;
      return {
        heard, syllables, speaking: round1(speaking), silence: round1((end - from) * HOP - speaking),
        pace: heard ? Math.round((syllables * 60) / speaking / perWord) : null,
        longest: round1(Math.max(0, ...pauses.map((p) => p.length))),
        long_pauses: pauses.filter((p) => p.length > LONG_PAUSE).length, pauses: pauses.length,
      };
    }

    /* The band a jury finds comfortable, and where a pace falls: -1 slow, 0 in, 1 fast. */
    function band(lang) { return BAND[lang] || BAND.en; }
    function verdict(pace, lang) {
      if (pace === null) return null;
      const [low, high] = band(lang);
      return pace < low ? -1 : pace > high ? 1 : 0;
    }

    return { Frames, analyse, threshold, band, verdict, HOP, PAUSE, LONG_PAUSE, SYLLABLES_PER_WORD };
  }

  /* The worklet: frames of the microphone's first channel, posted ten at a time. */
  const worklet = `const S = (${speech.toString()})();
class ProfileGenListener extends AudioWorkletProcessor {
  constructor() { super(); this.frames = new S.Frames(sampleRate); this.db = []; this.voicing = []; }
  process(inputs) {
    const channel = inputs[0] && inputs[0][0];
    if (channel) {
      const out = this.frames.push(channel);
      this.db.push(...out.db);
      this.voicing.push(...out.voicing);
      if (this.db.length >= 10) {
        this.port.postMessage({ db: this.db, voicing: this.voicing });
        this.db = [];
        this.voicing = [];
      }
    }
    return true;
  }
}
registerProcessor("profile-gen-listener", ProfileGenListener);
`;
  const api = speech();
  api.workletURL = () => `data:text/javascript;charset=utf-8,${encodeURIComponent(worklet)}`;
  globalThis.ProfileGenSpeech = api;
})();
