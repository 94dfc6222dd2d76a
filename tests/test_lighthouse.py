"""Lighthouse 100 on the Book's home page in every design (issue 22): the sample built in
each design (`profile-gen designs`), its HTML served over HTTP on this machine, and
Lighthouse's four categories (performance, accessibility, best practices, SEO) at 100 on
a desktop and on a phone (the phone's performance at least 90: see "Throttling").

Lighthouse is pinned in tools/lighthouse/ (`npm ci` there: `make test` runs it when npm is
found) and drives Debian's Chromium; it needs no network. Without node, the pinned
Lighthouse or Chromium the tests are skipped on a workstation, and fail in CI.

Throttling: Lighthouse's own default, `simulate`: the page is loaded at full speed and the
metrics are computed for the preset's network and processor (a phone on slow 4G with a
processor four times slower; a desktop on a fast line) from the requests and tasks seen.
The network part is a model, so the same pages give the same figures whatever this
machine's load (`devtools` throttling would time real throttled requests; `provided`
measures the raw load on this machine, which says nothing of the page's weight). Only the
processor's and the paint's part follow the machine: on the phone (emulated, its processor
four times slower) the first paint seen on this shared two-core machine comes at random
about 1 or 2 s late (seen before the font fix as after, on any design, never on the
desktop), which Lighthouse carries into First Contentful Paint and Speed Index: 99 on two
runs in a row happens. So the phone's performance must be at least 90 (Lighthouse's
green); everything else, the desktop's performance included, 100. The server compresses
text and keeps connections open as the Book's hosts do (GitHub and GitLab Pages: gzip,
HTTP/2)."""

from __future__ import annotations

import gzip
import json
import mimetypes
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from profile_gen import designs
from profile_gen.app.build import run_pelican
from tests.browser import CHROMIUM
from tests.conftest import ROOT, copy_sample, require

pytestmark = pytest.mark.chromium

LIGHTHOUSE = ROOT / "tools/lighthouse/node_modules/lighthouse/cli/index.js"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PRESETS = ("desktop", "mobile")
DESIGNS = designs.names()
COMPRESSED = ("text/", "application/javascript", "application/json", "image/svg+xml")


class Handler(SimpleHTTPRequestHandler):
    """A static host: the Book's files, text gzipped when the browser accepts it, over
    connections kept open (HTTP/1.1) as the hosts' HTTP/2 does."""

    protocol_version = "HTTP/1.1"

    def send_head(self):  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.endswith("/"):
            path = path / "index.html"
        kind = mimetypes.guess_type(path.name)[0] or ""
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (path.is_file() and accepts and kind.startswith(COMPRESSED)):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", kind + ("; charset=utf-8" if "/svg" not in kind else ""))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)

    def log_message(self, *args) -> None:  # quiet
        pass


class _Body:
    """What `send_head` returns: something `copyfile` reads, then closes."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, size: int = -1) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


@pytest.fixture(scope="module")
def lighthouse() -> list[str]:
    """The command that runs the pinned Lighthouse."""
    node = shutil.which("node")
    require(node, "node not found (apt-get install nodejs npm)")
    require(
        LIGHTHOUSE.is_file(),
        "Lighthouse is not installed: make lighthouse (npm ci in tools/lighthouse/)",
    )
    require(CHROMIUM.exists(), f"{CHROMIUM} not found (apt-get install chromium)")
    return [str(node), str(LIGHTHOUSE)]


@pytest.fixture(scope="module")
def homes(lighthouse, tmp_path_factory) -> Iterator[dict[str, str]]:
    """design → the address of its Book's home, served from this machine (HTML only)."""
    servers, found = [], {}
    for name in DESIGNS:
        root = copy_sample(
            tmp_path_factory.mktemp(name), "locale: [fr, en]", f"design: {name}\nlocale: [fr, en]"
        )
        site = run_pelican(root / "pelican.conf.py", pdf=False).output
        server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Handler, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        found[name] = f"http://127.0.0.1:{server.server_address[1]}/"
    yield found
    for server in servers:
        server.shutdown()
        server.server_close()


RUNS = ROOT / "tests/lighthouse_runs.mjs"
"""Every audit of the module in one Node process on one Chrome (what the CLI does per page)."""
CHROME_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu"]


@pytest.fixture(scope="module")
def runner(lighthouse) -> Iterator[subprocess.Popen]:
    """`RUNS` started: it loads Lighthouse and launches Chrome while the Books are built
    (`homes`), then reads its jobs on its standard input."""
    modules = LIGHTHOUSE.parents[2]
    command = [lighthouse[0], str(RUNS), str(modules), json.dumps(CHROME_FLAGS)]
    env = {**os.environ, "CHROME_PATH": str(CHROMIUM)}
    with subprocess.Popen(command, env=env, stdin=subprocess.PIPE) as process:
        try:
            yield process
        finally:
            if process.poll() is None:  # no job came (a Book failed to build): the end of
                process.stdin.close()  # its input stops it, and its Chrome with it
                try:
                    process.wait(timeout=60)
                except subprocess.TimeoutExpired:
                    process.kill()


@pytest.fixture(scope="module")
def reports(runner, homes, tmp_path_factory) -> dict[tuple[str, str], Path]:
    """(design, preset) → its Lighthouse report (JSON; the HTML one beside it): the six
    runs in a row in one Node process driving one Chrome (`runner`, started before the
    Books are built: keep it first). The audits no category weighs (diagnostics, the manual
    checks) and the full-page screenshot are left out: they make no score, and the report
    keeps every audit that does."""
    folder = tmp_path_factory.mktemp("lighthouse")
    runs = {
        (name, preset): folder / f"{name}-{preset}" / "report"
        for name in DESIGNS
        for preset in PRESETS
    }
    jobs = {
        "categories": CATEGORIES,
        "runs": [
            {"url": homes[name], "preset": preset, "output": str(path)}
            for (name, preset), path in runs.items()
        ],
    }
    runner.communicate(json.dumps(jobs).encode("utf-8"), timeout=600)
    assert runner.returncode == 0, f"{RUNS.name} failed: {runner.returncode}"
    return {key: path.with_name("report.report.json") for key, path in runs.items()}


def shortfalls(report: dict) -> list[str]:
    """What keeps each category below 100: its scored audits that did not pass."""
    found = []
    for key in CATEGORIES:
        category = report["categories"][key]
        if category["score"] == 1:
            continue
        found.append(f"{key}: {round(category['score'] * 100)}")
        for ref in category["auditRefs"]:
            result = report["audits"][ref["id"]]
            if ref["weight"] and result["score"] is not None and result["score"] < 1:
                shown = f" ({result['displayValue']})" if result.get("displayValue") else ""
                found.append(f"  {ref['id']}: {result['title']}{shown}, score {result['score']}")
    return found


FLOORS = {("mobile", "performance"): 0.9}
"""The scores allowed below 100 (preset, category): see the module's docstring."""


def scores(report: dict) -> dict[str, float]:
    assert report.get("runtimeError") is None, report["runtimeError"]
    return {key: report["categories"][key]["score"] for key in CATEGORIES}


@pytest.mark.parametrize("preset", PRESETS)
@pytest.mark.parametrize("name", DESIGNS)
def test_the_home_page_scores_100_in_every_category(reports, name, preset):
    report = json.loads(reports[name, preset].read_text(encoding="utf-8"))
    found = scores(report)
    short = {key: score for key, score in found.items() if score < FLOORS.get((preset, key), 1)}
    problems = "\n".join(shortfalls(report))
    assert not short, (
        f"{name}, {preset}: {found}\n{problems}\nthe report: {reports[name, preset].with_suffix('.html')}"
    )
