"""`profile-gen serve` answers to its own names only (127.0.0.1, localhost, [::1]): a page of
another site whose name points at this computer (DNS rebinding) reads nothing, not even the
annexe with the phone; odd paths (`%00`, a name too long) get a short answer, no traceback."""

from __future__ import annotations

import http.client
import re

import pytest

from profile_gen.app.serve import RELOAD_PATH, Server, allowed_hosts
from tests.conftest import copy_sample

PHONE_DIGITS = "612345678"  # the sample's annexe-only phone


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = copy_sample(tmp_path_factory.mktemp("serve-hosts"))
    messages: list[str] = []
    server = Server(root / "pelican.conf.py", port=0, say=messages.append)
    server.start()
    yield server
    server.stop()


def get(server: Server, path: str, host: str | None, method: str = "GET"):
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        if host is not None:
            connection.putheader("Host", host)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", errors="replace")
    finally:
        connection.close()


@pytest.mark.parametrize("name", ["127.0.0.1", "localhost", "LocalHost", "[::1]"])
def test_its_own_names_are_served(server, name):
    for host in (f"{name}:{server.port}", name):
        status, body = get(server, "/", host)
        assert status == 200 and "Léa Moreau" in body, host


@pytest.mark.parametrize(
    "host",
    [
        "evil.example",
        "evil.example:{port}",
        "127.0.0.1.nip.io:{port}",
        "localhost.evil.example:{port}",
        "127.0.0.1:1{port}",
        "localhost.",
        "",
        None,  # no Host header at all
    ],
)
@pytest.mark.parametrize("path", ["/", "/annexe/", "/cv/", RELOAD_PATH, "/robots.txt"])
def test_other_host_names_get_nothing(server, host, path):
    status, body = get(server, path, None if host is None else host.format(port=server.port))
    assert status == 421
    assert len(body) < 200 and "127.0.0.1" in body
    assert "Léa" not in body and PHONE_DIGITS not in re.sub(r"\D", "", body)


def test_head_from_another_host_is_refused_too(server):
    status, body = get(server, "/annexe/", "evil.example", method="HEAD")
    assert status == 421 and body == ""


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/%00", 400),
        ("/annexe/%00index.html", 400),
        ("/images/%00.jpg", 400),
        ("/x%ED%A0%80.html", 404),
        ("/%ED%A0%80/", 404),
        ("/" + "a" * 5000 + ".html", 404),
        ("/" + "a" * 5000 + ".jpg", 404),
        ("/nowhere.html", 404),
    ],
)
def test_odd_paths_get_a_short_answer_and_no_traceback(server, capfd, path, expected):
    status, body = get(server, path, f"127.0.0.1:{server.port}")
    assert status == expected and len(body) < 500  # a line, or the standard 404 page
    captured = capfd.readouterr()
    assert "Traceback" not in captured.err + captured.out
    status, _ = get(server, "/", f"localhost:{server.port}")
    assert status == 200  # still serving


def test_allowed_hosts_include_the_bound_address():
    hosts = allowed_hosts(8123, "192.168.1.5")
    assert {"192.168.1.5:8123", "localhost:8123", "[::1]:8123", "127.0.0.1"} <= hosts
    assert "[::2]:8123" in allowed_hosts(8123, "::2")
    assert "evil.example:8123" not in hosts
