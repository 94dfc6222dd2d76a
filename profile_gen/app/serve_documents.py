"""`serve`'s documents: after each rebuilt Book, a `profile-gen build` in the background
keeps the PDFs, the Word and PowerPoint files of the served folder current.

The HTML comes first and is never delayed: the documents are built by another process
(another core, and a crash there is only a message), into a folder of the cache, with the
documents' cache every build shares, so only the documents whose inputs changed are
printed (`profile_gen.media.documents`). A new save stops the documents of the previous one.
When the build is done, each document that changed replaces the served one (a new file
renamed over it: a PDF viewer reloads it); an unchanged one is left alone.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from profile_gen import i18n
from profile_gen.media import cache_folder, without_link
from profile_gen.media.documents import same_file
from profile_gen.outputs import OUTPUTS, every_path

DOCUMENT_PATHS = sorted({path for o in OUTPUTS if o.format != "html" for path in every_path(o)})
"""Every document file a build may write, in any layout (the output registry's)."""


def documents_folder(settings: dict) -> Path:
    """Where `serve` builds the documents: in the cache, which the watcher does not watch;
    a link planted there is removed, never built through (`media.cache_folder`): the build
    would replace the folder it points to, another student's in a cohort's repository."""
    return without_link(cache_folder(settings, "serve") / "output")


def place_documents(built: Path, served: Path) -> list[str]:
    """Put the documents of `built` in `served` where they differ (another file): each
    linked beside then renamed over the served one; the paths replaced."""
    replaced = []
    for relative in DOCUMENT_PATHS:
        source, target = built / relative, served / relative
        if not source.is_file() or source.is_symlink():
            continue
        try:
            if target.exists() and os.path.samefile(source, target):
                continue  # kept by the documents' cache: the same file, left alone
            target.parent.mkdir(parents=True, exist_ok=True)
            temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
            temp.unlink(missing_ok=True)
            same_file(source, temp)
            os.replace(temp, target)
        except OSError:
            continue  # the served folder swapped meanwhile: the next build places it
        replaced.append(relative)
    return replaced


def _stop(process: subprocess.Popen) -> None:
    """End the documents' build (and its printing helper: its own process group)."""
    if process.poll() is not None:
        return
    try:
        if hasattr(os, "killpg"):
            os.killpg(process.pid, signal.SIGTERM)
        else:  # pragma: no cover - Windows
            process.terminate()
    except (ProcessLookupError, PermissionError):
        pass


class DocumentJob:
    """The documents of the served Book, built in the background after each HTML build."""

    def __init__(
        self,
        command: list[str],
        built: Path,
        served: Path,
        lock: threading.Lock,
        say: Callable[[str], None],
        lang: str,
    ) -> None:
        self.command, self.built, self.served = command, built, served
        self.lock, self.say, self.lang = lock, say, lang
        self.process: subprocess.Popen | None = None
        self.generation = 0
        self.finished = threading.Event()
        """Set when a documents' build ends (done, failed or stopped)."""

    def cancel(self) -> None:
        """Stop the documents being built: they are for a save that is not the last."""
        with self.lock:
            self.generation += 1
            process = self.process
        if process is not None:
            _stop(process)

    def start(self) -> None:
        """Build the documents of the Book just built, in the background."""
        self.cancel()
        if self.process is not None:
            try:
                self.process.wait(timeout=30)  # its folder's lock is free once it is gone
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.finished.clear()
        process = subprocess.Popen(
            [*self.command, "--output", str(self.built)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # Ctrl-C in the terminal stops `serve`, which stops it
        )
        with self.lock:
            self.process, generation = process, self.generation
        threading.Thread(target=self._wait, args=(process, generation), daemon=True).start()

    def _wait(self, process: subprocess.Popen, generation: int) -> None:
        started = time.perf_counter()
        try:
            out, err = process.communicate()
            with self.lock:
                if generation != self.generation:
                    return  # stopped for a newer save
                if process.returncode != 0:
                    lines = [line for line in (err or out).decode(errors="replace").splitlines()]
                    error = next((line for line in reversed(lines) if line.strip()), "")
                    self.say(i18n.text(self.lang, "serve.documents_failed", error=error[:300]))
                    return
                replaced = place_documents(self.built, self.served)
            if replaced:
                files = ", ".join(str(self.served / path) for path in replaced)
                seconds = f"{time.perf_counter() - started:.1f}"
                self.say(i18n.text(self.lang, "serve.documents_done", seconds=seconds, files=files))
        finally:
            self.finished.set()

    def stop(self) -> None:
        """Stop for good (`serve` ends)."""
        self.cancel()
        if self.process is not None:
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()


def build_command(settings_file: Path | None, content: Path | None) -> list[str]:
    """The `profile-gen build` of the served project (its folder, its settings)."""
    command = [sys.executable, "-m", "profile_gen", "build"]
    if settings_file is not None:
        command += ["--settings", str(settings_file)]
    if content is not None:
        command += ["--content", str(content)]
    return command
