"""`profile-gen serve`: rebuild on change, keep the last good build, reload the browser."""

from __future__ import annotations

import json
import time
import urllib.request

import pytest

from profile_gen.app.serve import RELOAD_PATH, RELOAD_SCRIPT, RELOAD_SCRIPT_PATH, Server


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def status(server: Server) -> dict:
    return json.loads(fetch(server.url.rstrip("/") + RELOAD_PATH))


def wait_for(predicate, timeout: float = 90.0) -> None:
    """Wait until `predicate()`; the timeout only stops a hang (a busy machine is slow)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError("timed out")


@pytest.fixture
def server(sample_copy):
    messages: list[str] = []
    server = Server(sample_copy / "pelican.conf.py", port=0, say=messages.append)
    server.messages = messages
    server.start()
    yield server
    server.stop()


def edit(sample_copy, old: str, new: str) -> None:
    profile = sample_copy / "content/profile.yaml"
    text = profile.read_text(encoding="utf-8")
    assert old in text
    time.sleep(0.01)
    profile.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_serves_the_book_with_the_reload_script_rebuilds_and_survives_errors(server, sample_copy):
    """One server: the Book served with the reload script, then rebuilt on each save."""
    html = fetch(server.url)
    assert "Léa Moreau" in html and RELOAD_SCRIPT in html
    # a file of the server's (a student's pages allow no inline script), which polls
    assert RELOAD_PATH in fetch(server.url.rstrip("/") + RELOAD_SCRIPT_PATH)
    # the files on disk stay as `build` writes them
    assert RELOAD_SCRIPT_PATH not in (sample_copy / "output/index.html").read_text("utf-8")
    assert status(server) == {"build": 1, "error": None}

    edit(sample_copy, "name: Léa Moreau", "name: Léa Moreau-Dupont")
    wait_for(lambda: status(server)["build"] == 2)
    assert "Léa Moreau-Dupont" in fetch(server.url)

    edit(sample_copy, "headline:", "headlin:")
    wait_for(lambda: status(server)["error"] is not None)
    state = status(server)
    assert state["build"] == 2 and "headlin" in state["error"]
    assert "Léa Moreau-Dupont" in fetch(server.url)  # the last good build is still served
    assert any("vouliez-vous dire" in message for message in server.messages)

    edit(sample_copy, "headlin:", "headline:")
    wait_for(lambda: status(server)["build"] == 3)
    assert status(server)["error"] is None


def test_browser_reloads_by_itself(server, sample_copy, chromium):
    page = chromium.new_page()
    page.goto(server.url)
    assert page.locator("h1").inner_text() == "Léa Moreau"
    page.wait_for_timeout(600)  # let the page read the current build number
    edit(sample_copy, "name: Léa Moreau", "name: Léa Rechargée")
    page.wait_for_function(
        "document.querySelector('h1').innerText === 'Léa Rechargée'", timeout=15000
    )
    edit(sample_copy, "headline:", "headlin:")
    page.wait_for_selector("pre:has-text('headlin')", timeout=15000)
    page.close()


def test_serves_and_watches_another_profile_folder(sample_copy):
    other = sample_copy / "profil"
    (sample_copy / "content").rename(other)
    server = Server(sample_copy / "pelican.conf.py", port=0, say=lambda _: None, content=other)
    server.start()
    try:
        assert "Léa Moreau" in fetch(server.url)
        profile = other / "profile.yaml"
        text = profile.read_text(encoding="utf-8")
        profile.write_text(
            text.replace("name: Léa Moreau", "name: Léa Moreau-Servie", 1), encoding="utf-8"
        )
        wait_for(lambda: status(server)["build"] >= 2)
        assert "Léa Moreau-Servie" in fetch(server.url)
    finally:
        server.stop()


def test_a_port_in_use_is_named(sample_copy, in_dir, run_cli):
    first = Server(sample_copy / "pelican.conf.py", port=0, say=lambda _: None)
    try:
        in_dir(sample_copy)
        result = run_cli("serve", "--port", str(first.port))
        assert result.code == 2, result.err
        assert f"le port {first.port} est déjà utilisé" in result.err
        assert f"--port {first.port + 1}" in result.err and "interne" not in result.err
    finally:
        first.httpd.server_close()


# --------------------------------------------------------------------------- documents


def with_a_certification(data: dict) -> None:
    data["certifications"] = [
        {"name": "ITIL 4 Foundation", "issuer": "PeopleCert", "date": "2024-11"}
    ]


def test_the_documents_follow_a_save_in_the_background(tmp_path):
    """`serve` keeps the PDFs and office files current after the HTML (only those whose
    inputs changed); a failed documents' build is told, and the server goes on. A small
    Book (every document, printed quicker than the sample's)."""
    import os
    import sys

    from pypdf import PdfReader

    from tests.profiles import MINIMAL, make_project

    project = make_project(tmp_path, with_a_certification, base=MINIMAL, image=None, articles=False)
    messages: list[str] = []
    server = Server(project / "pelican.conf.py", port=0, say=messages.append, documents=True)
    output = project / "output"
    annexe, deck = output / "annexe.pdf", output / "soutenance.pdf"
    server.start()
    try:
        wait_for(lambda: annexe.is_file() and (output / "annexe.docx").is_file(), timeout=300)
        wait_for(lambda: (output / "soutenance.pptx").is_file() and deck.is_file(), timeout=300)
        first, deck_file = os.stat(annexe).st_ino, os.stat(deck).st_ino
        edit(project, "name: ITIL 4 Foundation\n", "name: ITIL 4 Foundation Servie\n")
        wait_for(lambda: status(server)["build"] == 2)
        assert "Servie" in (output / "cv/index.html").read_text("utf-8")  # the HTML first
        # the documents a few seconds later; the HTML build kept the previous ones meanwhile
        assert annexe.is_file()
        wait_for(lambda: os.stat(annexe).st_ino != first, timeout=300)
        text = "".join(page.extract_text() for page in PdfReader(annexe).pages)
        assert "Servie" in text
        assert os.stat(deck).st_ino == deck_file  # the deck's page did not change: left alone
        assert any("Documents" in message and "annexe.pdf" in message for message in messages)

        assert server.documents is not None
        server.documents.command = [sys.executable, "-c", "import sys; sys.exit('en panne')"]
        server.documents.finished.clear()
        edit(project, "Foundation Servie", "Foundation Servie deux fois")
        wait_for(lambda: status(server)["build"] == 3)
        wait_for(lambda: any("en panne" in message for message in messages), timeout=120)
        assert "Servie deux fois" in fetch(server.url + "cv/")  # still served
        assert annexe.is_file()
    finally:
        server.stop()
