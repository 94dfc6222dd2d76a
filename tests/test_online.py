"""`profile-gen check --online` against a local HTTP server on 127.0.0.1 (nothing else)."""

from __future__ import annotations

import functools
import http.server
import socket
import threading
from pathlib import Path

import pytest

from profile_gen.app import online
from profile_gen.profile.loader import load
from profile_gen.views.book import siteurl_conflict

NAME = "Zoé Ünal-Dupont"
PAGE = "<!doctype html><title>Book</title><h1>Zo&eacute; <span>Ünal-Dupont</span></h1>"


class Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        if self.path.startswith("/broken/"):
            self.send_error(500, "Internal Server Error")
            return
        super().do_GET()


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    for variable in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.delenv("ALL_PROXY", raising=False)


@pytest.fixture
def server(tmp_path):
    """A web server on 127.0.0.1 serving `tmp_path / "www"`; yields its base address."""
    root = tmp_path / "www"
    root.mkdir()
    handler = functools.partial(Handler, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield root, f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


def profile_at(tmp_path: Path, url: str, locale: str = "[fr, en]") -> Path:
    path = tmp_path / "profile" / "profile.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(
        f"locale: {locale}\n"
        f"identity:\n  name: {NAME}\n  headline: {{fr: Cheffe de projet, en: Project lead}}\n"
        f"links:\n  book: {url}\n",
        encoding="utf-8",
    )
    return path


def publish(root: Path, *homes: str, page: str = PAGE) -> None:
    for home in homes:
        (root / home).mkdir(parents=True, exist_ok=True)
        (root / home / "index.html").write_text(page, encoding="utf-8")


def test_the_book_answers_in_both_languages(server, tmp_path, run_cli):
    root, url = server
    publish(root, ".", "en")
    result = run_cli("check", "--online", str(profile_at(tmp_path, url)))
    assert result.code == 0, result.out + result.err
    assert result.out.count("répond et montre « Zoé Ünal-Dupont »") == 2
    assert f"✓ {url}\n" in result.out and f"✓ {url}en/\n" in result.out
    assert "vous pouvez l'imprimer" in result.out


def test_a_missing_language_home_is_an_http_error(server, tmp_path, run_cli):
    root, url = server
    publish(root, ".")
    result = run_cli("--lang", "en", "check", "--online", str(profile_at(tmp_path, url)))
    assert result.code == 1
    assert f"✓ {url}\n" in result.out and f"✗ {url}en/\n" in result.out
    assert "error 404" in result.out and "do not print the annexe's QR code yet" in result.out


def test_a_page_that_does_not_name_the_person(server, tmp_path, run_cli):
    root, url = server
    publish(root, ".", page="<h1>Welcome to nginx!</h1>")
    result = run_cli("check", "--online", str(profile_at(tmp_path, url, locale="[fr]")))
    assert result.code == 1 and "ne montre pas « Zoé Ünal-Dupont »" in result.out


def test_server_errors_and_refusals(server, tmp_path):
    _root, url = server
    profile = load(profile_at(tmp_path, url + "broken/", locale="[fr]"))
    text, ready = online.check_online(profile, {}, "fr")
    assert not ready and "erreur 500" in text

    with socket.socket() as closed:  # a port nobody listens on
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    answer = online.fetch(f"http://127.0.0.1:{port}/", NAME)
    assert answer.key == "online.refused" and not answer.ok


def test_a_server_that_never_answers_times_out(tmp_path):
    with socket.socket() as silent:  # accepts connections (backlog), never replies
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        port = silent.getsockname()[1]
        answer = online.fetch(f"http://127.0.0.1:{port}/", NAME, timeout=0.2)
    assert answer.key == "online.timeout"
    assert "0.2 s" in online.i18n.text("fr", answer.key, **answer.context)


def test_an_unknown_name_is_a_dns_failure(monkeypatch):
    def no_such_host(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)  # no lookup leaves the machine
    answer = online.fetch("https://lea-moreau.example.invalid/book/", NAME)
    assert answer.key == "online.dns"
    text = online.i18n.text("en", answer.key, **answer.context)
    assert "lea-moreau.example.invalid" in text and "DNS" in text


def test_only_web_addresses_are_fetched(tmp_path):
    secret = tmp_path / "index.html"
    secret.write_text(NAME, encoding="utf-8")
    assert online.fetch(secret.as_uri(), NAME).key == "online.not_web"


def test_without_links_book(tmp_path, run_cli):
    path = tmp_path / "profile.yaml"
    path.write_text("identity:\n  name: Camille Test\n  headline: Cheffe\n", encoding="utf-8")
    result = run_cli("check", "--online", str(path))
    assert result.code == 1 and "links.book n'est pas renseigné" in result.out


def test_siteurl_and_links_book_are_one_address(server, tmp_path, run_cli):
    root, url = server
    publish(root, ".", "en")
    profile = load(profile_at(tmp_path, url))
    assert siteurl_conflict({"SITEURL": ""}, profile) is None
    assert siteurl_conflict({"SITEURL": url.rstrip("/")}, profile) is None
    warning = siteurl_conflict({"SITEURL": "https://other.example.org"}, profile, "en")
    assert warning and "https://other.example.org" in warning and url in warning

    settings = tmp_path / "pelican.conf.py"
    settings.write_text('SITEURL = "https://other.example.org"\n', encoding="utf-8")
    path = str(profile_at(tmp_path, url))
    result = run_cli("check", "--online", path, "--settings", str(settings))
    assert result.code == 0 and "SITEURL (https://other.example.org) et links.book" in result.out


def test_the_build_warns_when_siteurl_and_links_book_differ(sample_copy, caplog):
    from profile_gen.app.build import run_pelican

    settings = sample_copy / "pelican.conf.py"
    text = settings.read_text("utf-8").replace('SITEURL = ""', 'SITEURL = "https://x.example"')
    settings.write_text(text, encoding="utf-8")
    with caplog.at_level("WARNING"):
        output = run_pelican(settings, pdf=False).output
    assert any("SITEURL (https://x.example)" in record.message for record in caplog.records)
    # links.book stays the one address: the canonical links agree with the QR codes
    home = (output / "index.html").read_text("utf-8")
    assert '<link rel="canonical" href="https://lea-moreau.github.io/book/' in home
    assert "https://x.example" not in (output / "sitemap.xml").read_text("utf-8")
