"""Speech recordings made at test time with espeak-ng, for the rehearsal coach's tests.

One WAV per language: a short lead silence, then one segment per slide, each spoken at a
known espeak rate, some with a pause of known length inside, separated by short gaps (under
the 1 s that make a pause) where the test moves to the next slide. The reference pace of a
segment is its words over espeak's speech time (espeak's `-s` is nominal), the silences
espeak leaves at both ends trimmed off, read from the samples.

A file plays in real time in the browser: its length is the test's. The texts are short
sentences whose syllables per word match the analysis's (1.6 in French, 1.5 in English),
at least ten syllables a slide (one more or less is then under 10 %): Chromium measures each
slide within 8 % of its reference (docs/rehearsal.md), the tests allow 20 %."""

from __future__ import annotations

import io
import shutil
import subprocess
import wave
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import require

RATE = 22050  # espeak-ng's output
LEAD = 0.5  # seconds of silence before the first slide
GAP = 0.8  # seconds between two slides' speech
QUIET = 300  # |sample| under this (16-bit) is silence at the ends of espeak's output

PLAN = {
    "fr": [
        (80, 2.5, ["Bonjour, je vais présenter mon parcours.", "Le budget a été tenu."]),
        (105, 1.5, ["Le projet a duré une année entière.", "Merci pour votre écoute."]),
        (165, 0.0, ["Je vous remercie de votre attention."]),
    ],
    "en": [
        (80, 2.5, ["Good morning, my name is Lea.", "We met every deadline."]),
        (115, 1.5, ["My tutor guided me all year.", "Thank you for your attention."]),
        (185, 0.0, ["I led the migration of our servers."]),
    ],
}
"""Per language, per slide: the espeak rate (`-s`, nominal), the pause between the texts,
the texts: a slow slide (about 100 words/min) with a long pause, a comfortable one (145)
with a shorter pause, a fast one (over 200)."""


@dataclass
class Segment:
    start: float  # seconds in the file where the slide starts (middle of the gap before)
    end: float
    words: int
    speech: float  # seconds of espeak speech
    pause: float  # the pause inserted, 0 when none

    @property
    def pace(self) -> float:
        """Reference words per minute."""
        return self.words * 60 / self.speech


def espeak() -> str:
    found = shutil.which("espeak-ng")
    require(found, "espeak-ng is not installed (apt-get install espeak-ng)")
    return str(found)


def speak(text: str, lang: str, rate: int) -> bytes:
    """espeak's samples (16-bit mono) for `text`, trimmed of the silence at both ends."""
    wav = subprocess.run(
        [espeak(), "-v", lang, "-s", str(rate), "--stdout", text],
        check=True,
        capture_output=True,
        timeout=60,
    ).stdout
    with wave.open(io.BytesIO(wav)) as reader:
        assert (reader.getframerate(), reader.getnchannels(), reader.getsampwidth()) == (RATE, 1, 2)
        samples = reader.readframes(reader.getnframes())
    values = memoryview(samples).cast("h")
    first = next(i for i in range(len(values)) if abs(values[i]) > QUIET)
    last = next(i for i in reversed(range(len(values))) if abs(values[i]) > QUIET)
    return samples[2 * first : 2 * (last + 1)]


def silence(seconds: float) -> bytes:
    return b"\0\0" * round(seconds * RATE)


def write(path: Path, chunks: list[bytes]) -> None:
    with wave.open(str(path), "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(RATE)
        writer.writeframes(b"".join(chunks))


def rehearsal(path: Path, lang: str) -> list[Segment]:
    """Write the WAV of a three-slide rehearsal in `lang`; return its segments."""
    chunks = [silence(LEAD)]
    segments = []
    at = LEAD
    for number, (rate, pause, texts) in enumerate(PLAN[lang]):
        start = 0.0 if number == 0 else at - GAP / 2
        spoken = [speak(text, lang, rate) for text in texts]
        speech = sum(len(chunk) / 2 / RATE for chunk in spoken)
        for k, chunk in enumerate(spoken):
            if k:
                chunks.append(silence(pause))
            chunks.append(chunk)
        at += speech + pause * (len(spoken) - 1)
        words = sum(len(text.replace("'", " ").split()) for text in texts)
        segments.append(Segment(start, at + GAP / 2, words, speech, pause))
        chunks.append(silence(GAP))
        at += GAP
    write(path, chunks)
    return segments
