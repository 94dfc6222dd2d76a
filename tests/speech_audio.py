"""Speech recordings made at test time with espeak-ng, for the rehearsal coach's tests.

One WAV per language: a short lead silence, then one segment per slide, each spoken at a
known espeak rate, some with a pause of known length inside, separated by short gaps (under
the 1 s that make a pause) where the test moves to the next slide. The reference pace of a
segment is its words over espeak's speech time (espeak's `-s` is nominal), the silences
espeak leaves at both ends trimmed off, read from the samples."""

from __future__ import annotations

import io
import shutil
import subprocess
import wave
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import require

RATE = 22050  # espeak-ng's output
LEAD = 0.8  # seconds of silence before the first slide
GAP = 1.2  # seconds between two slides' speech
QUIET = 300  # |sample| under this (16-bit) is silence at the ends of espeak's output

TEXTS = {
    "fr": [
        "Bonjour, je vais vous présenter mon parcours dans le service informatique de l'entreprise.",
        "J'ai conduit la migration des serveurs vers une nouvelle plateforme, avec une équipe de quatre personnes.",
        "Ce projet m'a appris à négocier les priorités avec les métiers et à tenir un budget serré.",
        "Pour la suite, je souhaite approfondir la gouvernance des données et le pilotage des contrats.",
        "Enfin, je remercie mon tuteur pour son soutien tout au long de cette année d'alternance.",
    ],
    "en": [
        "Good morning, I am going to present my work in the information systems department of the company.",
        "I led the migration of our servers to a new platform, with a team of four people.",
        "This project taught me to negotiate priorities with the business and to keep a tight budget.",
        "Next year, I want to learn more about data governance and the management of service contracts.",
        "Finally, I thank my tutor for his support throughout this year of work and study.",
    ],
}
# per slide: the texts spoken, the pause between them; per language, the espeak rates
# (`-s`, nominal: French comes out faster) of a slow, a comfortable and a fast slide
PLAN = [([0, 1], 2.5), ([2, 3], 1.6), ([4], 0.0)]
RATES = {"fr": (80, 105, 150), "en": (95, 125, 170)}


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
    loud = [i for i in range(len(values)) if abs(values[i]) > QUIET]
    return samples[2 * loud[0] : 2 * (loud[-1] + 1)]


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
    for number, ((texts, pause), rate) in enumerate(zip(PLAN, RATES[lang], strict=True)):
        start = 0.0 if number == 0 else at - GAP / 2
        spoken = [speak(TEXTS[lang][k], lang, rate) for k in texts]
        speech = sum(len(chunk) / 2 / RATE for chunk in spoken)
        for k, chunk in enumerate(spoken):
            if k:
                chunks.append(silence(pause))
            chunks.append(chunk)
        at += speech + pause * (len(spoken) - 1)
        words = sum(len(TEXTS[lang][k].replace("'", " ").split()) for k in texts)
        segments.append(Segment(start, at + GAP / 2, words, speech, pause))
        chunks.append(silence(GAP))
        at += GAP
    write(path, chunks)
    return segments
