"""`profile-gen serve`: serve the Book on localhost, rebuild on change, reload the browser;
the documents (PDF, Word, PowerPoint) follow in the background (`serve_documents`).

The files on disk stay exactly what `build` writes: the reload script is added to HTML
responses only. A failed rebuild is shown in the terminal and in the browser, and the
last good build keeps being served (builds are atomic).
"""

from __future__ import annotations

import errno
import functools
import json
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote

from profile_gen import i18n
from profile_gen.app import terminal
from profile_gen.app.build import project_settings, run_pelican
from profile_gen.app.serve_documents import DocumentJob, build_command, documents_folder
from profile_gen.errors import BuildError, ProfileError

BIND = "127.0.0.1"
"""The address served on: this computer only."""
RELOAD_PATH = "/__profile_gen/status"
RELOAD_SCRIPT_PATH = "/__profile_gen/reload.js"
"""The reload script, a file of the server's: a page built from a student's templates
allows no inline script (`app.page_safety.with_policy`), the Book's own files only."""
RELOAD_SCRIPT = f'<script src="{RELOAD_SCRIPT_PATH}"></script>'
RELOAD_JS = """(() => {
  let seen = null;
  const box = document.createElement("pre");
  box.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:50vh;overflow:auto;margin:0;" +
    "padding:1rem;background:#7f1d1d;color:#fff;font:14px/1.4 monospace;z-index:99999;white-space:pre-wrap";
  const poll = async () => {
    try {
      const state = await (await fetch("__RELOAD_PATH__", {cache: "no-store"})).json();
      if (seen !== null && state.build !== seen) { location.reload(); return; }
      seen = state.build;
      if (state.error) { box.textContent = state.error; document.body.append(box); } else { box.remove(); }
    } catch (e) { /* server restarting */ }
    setTimeout(poll, 400);
  };
  poll();
})();
""".replace("__RELOAD_PATH__", RELOAD_PATH)


class BuildState:
    """The number of the last good build and the error of the last failed one."""

    def __init__(self) -> None:
        self.build = 0
        self.error: str | None = None
        self.lock = threading.Lock()

    def as_json(self) -> bytes:
        with self.lock:
            return json.dumps({"build": self.build, "error": self.error}).encode()


LOCAL_NAMES = ("127.0.0.1", "localhost", "[::1]")
"""The names the server answers to, with or without its port: a page of another site that
points its own name at 127.0.0.1 (DNS rebinding) gets no page of the Book."""


def allowed_hosts(port: int, bound: str = "127.0.0.1") -> frozenset[str]:
    """The `Host` headers accepted by a server bound to `bound` on `port`."""
    names = {*LOCAL_NAMES, f"[{bound}]" if ":" in bound else bound}
    return frozenset({*names, *(f"{name}:{port}" for name in names)})


class Handler(SimpleHTTPRequestHandler):
    state: BuildState
    hosts: frozenset[str] = frozenset()
    lang = "fr"
    home = ""

    def log_message(self, format: str, *args) -> None:  # quiet: the terminal shows builds
        pass

    def parse_request(self) -> bool:
        """A request for this server (by its own name) and for a path a file can have."""
        if not super().parse_request():
            return False
        if self.headers.get("Host", "").lower() not in self.hosts:
            self._refuse(HTTPStatus.MISDIRECTED_REQUEST, "serve.bad_host")
            return False
        if "\x00" in unquote(self.path):
            self._refuse(HTTPStatus.BAD_REQUEST, "serve.not_found")
            return False
        return True

    def do_GET(self) -> None:
        if self.path == RELOAD_PATH:
            self._send(self.state.as_json(), "application/json")
            return
        if self.path == RELOAD_SCRIPT_PATH:
            self._send(RELOAD_JS.encode("utf-8"), "text/javascript; charset=utf-8")
            return
        try:
            path = Path(self.translate_path(self.path))
            if path.is_dir():
                path = path / "index.html"
            if path.suffix == ".html" and path.is_file():
                html = path.read_text(encoding="utf-8")
                html = html.replace("</body>", RELOAD_SCRIPT + "</body>", 1)
                self._send(html.encode("utf-8"), "text/html; charset=utf-8")
                return
        except (OSError, ValueError):  # a name too long or not encodable: no such file
            self._refuse(HTTPStatus.NOT_FOUND, "serve.not_found")
            return
        super().do_GET()

    def send_head(self):
        try:
            return super().send_head()
        except (OSError, ValueError):  # as above, for the files served as they are
            self._refuse(HTTPStatus.NOT_FOUND, "serve.not_found")
            return None

    def _send(self, body: bytes, content_type: str) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _refuse(self, status: HTTPStatus, key: str) -> None:
        """A short plain-text answer (`key`: its words), and the connection closed."""
        body = (i18n.text(self.lang, key, url=self.home) + "\n").encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        if self.command != "HEAD":
            self.wfile.write(body)


def _described(error: BaseException) -> str:
    """An unexpected error in one line: its type and its first words."""
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0][:300]}" if text else type(error).__name__


NOT_WATCHED = frozenset({"__pycache__", "node_modules"})
"""Folders no build reads, however named (beside hidden ones and virtual environments)."""


def _watched(name: str) -> bool:
    """A file or folder name a change to may change the Book: not a hidden one (`.git`, an
    editor's `.profile.yaml.swp`), nor an editor's or Office's working copy (`x~`, `~$x`)."""
    return not (name.startswith((".", "~$")) or name.endswith("~"))


def _files(folder: Path, skipped: tuple[str, ...]) -> Iterator[Path]:
    """The files of `folder` a build may read: its hidden folders, virtual environments
    (`pyvenv.cfg`), caches and `skipped` prefixes (the output, the cache) not walked at all
    (a `.git` or a `.venv` of thousands of files, every 0.2 s). Links are not followed."""
    for root, folders, names in os.walk(folder):
        base = Path(root)
        folders[:] = [
            name
            for name in folders
            if _watched(name)
            and name not in NOT_WATCHED
            and not (str(base / name) + os.sep).startswith(skipped)
            and not (base / name / "pyvenv.cfg").exists()
        ]
        yield from (base / name for name in names if _watched(name))


def snapshot(
    folders: list[Path], files: list[Path], skipped: tuple[str, ...] = ()
) -> dict[Path, int]:
    """Modification times (ns) of every file to watch, but those under `skipped` prefixes."""
    found = {}
    paths = [path for folder in folders if folder.is_dir() for path in _files(folder, skipped)]
    for path in [*paths, *files]:
        try:  # a file removed or denied while listed is no change to wait for
            if path.is_file() and not str(path).startswith(skipped):
                found[path] = path.stat().st_mtime_ns
        except OSError:
            continue
    return found


class Server:
    """Builds, serves and watches; `start()` returns at once, `stop()` ends it all."""

    def __init__(
        self,
        settings_file: Path | None,
        port: int = 8000,
        output: Path | None = None,
        say: Callable[[str], None] = terminal.say,
        pdf: bool = False,
        content: Path | None = None,
        lang: str = "fr",
        documents: bool = False,
    ) -> None:
        self.lang = lang
        self.settings_file = settings_file
        self.content = Path(content).resolve() if content else None
        settings = project_settings(settings_file, self.content)
        self.output = Path(output).resolve() if output else Path(settings["OUTPUT_PATH"])
        content_folder = self.content or Path(settings["PATH"])
        self.watched_folders = [content_folder, Path(settings["THEME"])]
        self.watched_files = [settings_file.resolve()] if settings_file else []
        # the output, its staging folders and the cache may lie in the watched folder
        self.skipped = (  # what builds write may lie in the watched folder: not a change
            str(self.output) + os.sep,
            str(self.output.parent / f".{self.output.name}."),
            str(Path(settings["CACHE_PATH"]).resolve()) + os.sep,
        )
        self.say = say
        self.pdf = pdf
        self.build_lock = threading.Lock()
        """Held while the served folder is swapped or its documents replaced."""
        self.documents = None
        if documents:  # kept current in the background (`serve_documents`)
            command = build_command(settings_file and settings_file.resolve(), self.content)
            built = documents_folder(settings)
            self.documents = DocumentJob(command, built, self.output, self.build_lock, say, lang)
        self.state = BuildState()
        self.stopping = threading.Event()
        handler: type[Handler] = type("BoundHandler", (Handler,), {"state": self.state})
        self.output.mkdir(parents=True, exist_ok=True)
        try:
            self.httpd = ThreadingHTTPServer(
                (BIND, port), functools.partial(handler, directory=str(self.output))
            )
        except OSError as error:  # port taken by another server, or reserved
            code = "serve_port_in_use" if error.errno == errno.EADDRINUSE else "serve_port"
            detail = error.strerror or str(error)
            suggestion = port + 1 if 0 < port < 65535 else 8000
            raise BuildError(code, port=port, suggestion=suggestion, detail=detail) from None
        self.port = self.httpd.server_address[1]
        handler.hosts, handler.lang = allowed_hosts(self.port, BIND), lang
        handler.home = self.url

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def rebuild(self) -> bool:
        started = time.perf_counter()
        if self.documents is not None:
            self.documents.cancel()  # for a save that is not the last: the HTML first
        try:
            with self.build_lock:
                run_pelican(
                    self.settings_file,
                    self.output,
                    pdf=self.pdf,
                    content=self.content,
                    carry=self.documents is not None,
                )
        except (ProfileError, BuildError) as error:
            message = error.describe(self.lang)
            with self.state.lock:
                self.state.error = message
            self.say(message)
            return False
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as error:  # a broken theme template, a library's own: keep serving
            message = i18n.text(self.lang, "serve.rebuild_failed", error=_described(error))
            with self.state.lock:
                self.state.error = message
            self.say(message)
            return False
        with self.state.lock:
            self.state.build += 1
            self.state.error = None
        self.say(f"✓ {time.perf_counter() - started:.2f} s — {self.url}")
        if self.documents is not None:
            self.documents.start()
        return True

    def watch(self, interval: float = 0.2, seen: dict[Path, int] | None = None) -> None:
        """Rebuild after each change since `seen` (default: now) until `stop()`; nothing a
        change brings (a file gone while it was listed, a folder denied, a failed build)
        ends the watching."""
        if seen is None:
            seen = snapshot(self.watched_folders, self.watched_files, self.skipped)
        while not self.stopping.wait(interval):
            now = snapshot(self.watched_folders, self.watched_files, self.skipped)
            if now != seen:
                seen = now
                self.rebuild()

    def start(self) -> None:
        # the files as they are before the first build: a save made while it runs, or
        # before the watcher's thread gets going, is a change it sees
        seen = snapshot(self.watched_folders, self.watched_files, self.skipped)
        self.rebuild()
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        threading.Thread(target=self.watch, kwargs={"seen": seen}, daemon=True).start()

    def stop(self) -> None:
        self.stopping.set()
        if self.documents is not None:
            self.documents.stop()
        self.httpd.shutdown()
        self.httpd.server_close()


def serve(
    settings_file: Path | None,
    port: int,
    started: str = "{url}",
    say: Callable[[str], None] = terminal.say,
    pdf: bool = False,
    content: Path | None = None,
    lang: str = "fr",
    documents: bool = True,
) -> int:
    from profile_gen.app.build import quiet_pelican

    quiet_pelican()
    if settings_file is not None and not settings_file.is_file():
        raise BuildError("build_no_settings", path=str(settings_file))

    def say_now(text: str) -> None:
        say(text)
        sys.stdout.flush()

    server = Server(
        settings_file,
        port,
        say=say_now,
        pdf=pdf,
        content=content,
        lang=lang,
        documents=documents,
    )
    server.start()
    say(started.format(url=server.url))
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:  # Ctrl-C, SIGTERM: the documents being built in the background stop too
        server.stop()
    return 0
