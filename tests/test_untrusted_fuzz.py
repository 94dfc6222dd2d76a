"""Fuzzing the untrusted inputs end to end: random Unicode, Markdown and HTML in every text
field of a profile (built into the Book, the deck and the annexe's HTML) and in the files the
importers read. Whatever the input: the command ends with 0, 1 or 2 (never an internal error,
a traceback or a hang) and no page it writes carries a script, an event handler, a frame or a
`javascript:` link that came from the input.
"""

from __future__ import annotations

import contextlib
import json
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

MARK = "31337"
"""Every hostile fragment carries this number: a page where it reaches a script, an event
handler or a link's scheme ran (or would run) the input."""

HOSTILE = [
    f"<script>alert({MARK})</script>",
    f"<img src=x onerror=alert({MARK})>",
    f"<img src='https://evil.example/{MARK}.png'>",
    f"<img src=https://evil.example/{MARK}.png>",
    f"<iframe src=//evil.example/{MARK}></iframe>",
    f"<object data=x{MARK}></object>",
    f"<embed src=x{MARK}>",
    f"<svg onload=alert({MARK})>",
    f"<a href='javascript:alert({MARK})'>x</a>",
    f"<a href=vbscript:msgbox({MARK})>x</a>",
    f"[lien](javascript:alert({MARK}))",
    f"[lien](JaVaScRiPt&colon;alert({MARK}))",
    f"![x](https://evil.example/{MARK}.png)",
    f"![x](data:text/html;base64,{MARK})",
    f"![x](file:///etc/passwd#{MARK})",
    f"<div style='background:url(https://evil.example/{MARK})'>",
    f'" onmouseover="alert({MARK})" x="',
    f"</script><script>alert({MARK})</script>",
    f"]]><script>alert({MARK})</script>",
    f"{{{{ {MARK} * 2 }}}}{{% raw %}}",
    "\x1b]0;owned\x07\x1b[2J",
    "\u202e\u2066",
    "*emph* **strong** `code` # heading\n\n- a\n- b\n\n> quote",
    "x" * 300,
    "https://evil.example\\@www.linkedin.com/in/x",
]

TEXT = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(min_size=1, max_size=60),
    st.lists(st.sampled_from(HOSTILE) | st.text(max_size=20), min_size=1, max_size=4).map("".join),
)

BASE = {
    "locale": ["fr", "en"],
    "identity": {
        "name": "Sam Lee",
        "headline": "Analyste métier",
        "contact": {"email": "sam@example.org"},
    },
    "links": {"book": "https://sam.example.org/"},
    "summary": "Un résumé.",
    "experience": [
        {
            "title": "Analyste",
            "organization": "Acme",
            "start": "2023-01",
            "end": "present",
            "description": "Une description.",
            "highlights": ["Un point"],
        }
    ],
    "achievements": [
        {
            "id": "projet",
            "title": "Un projet",
            "context": "Le contexte.",
            "role": "Mon rôle.",
            "results": ["Un résultat"],
        }
    ],
    "recommendations": [{"author": "Alex Martin", "text": "Une recommandation."}],
    "activities": [{"kind": "post", "title": "Un billet", "date": "2025-03-28"}],
}

FIELDS = [
    ("identity", "name"),
    ("identity", "headline"),
    ("summary",),
    ("experience", 0, "title"),
    ("experience", 0, "organization"),
    ("experience", 0, "description"),
    ("experience", 0, "highlights", 0),
    ("achievements", 0, "title"),
    ("achievements", 0, "context"),
    ("achievements", 0, "role"),
    ("achievements", 0, "results", 0),
    ("recommendations", 0, "author"),
    ("recommendations", 0, "text"),
    ("activities", 0, "title"),
]


def _set(data: dict, path: tuple, value: str) -> None:
    *parents, last = path
    for key in parents:
        data = data[key]
    data[last] = value


@contextlib.contextmanager
def no_hang(seconds: int) -> Iterator[None]:
    """Fail (rather than wait forever) when the block runs longer than `seconds`: a guard
    against hangs, never a measure of speed."""

    def stop(signum, frame):
        raise AssertionError(f"still running after {seconds} s: a hang")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def assert_inert(folder: Path) -> None:
    """No page under `folder` lets the input run: no script, handler, frame or scheme."""
    for page in folder.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(True):
            assert tag.name not in {"iframe", "object", "embed", "frame"}, (page, tag)
            for name, value in tag.attrs.items():
                text = " ".join(value) if isinstance(value, list) else str(value)
                if name.lower().startswith("on"):
                    assert MARK not in text, (page, tag)
                if name.lower() in {"href", "src", "action", "formaction", "data", "srcset"}:
                    scheme = text.strip().lower()
                    assert not scheme.startswith(("javascript:", "vbscript:")), (page, tag)
                    if MARK in text:
                        assert not scheme.startswith(("http:", "https:", "//", "file:")), (
                            page,
                            tag,
                        )
            if tag.name == "script" and tag.get("type") in {
                "application/ld+json",
                "application/json",
            }:
                json.loads(tag.get_text())  # data, and nothing closes it early
                assert "</" not in tag.get_text(), (page, tag)
            elif tag.name == "script":
                assert MARK not in tag.get_text(), (page, tag)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(field=st.sampled_from(FIELDS), value=TEXT)
def test_any_text_in_any_field_is_inert(tmp_path_factory, run_cli, field, value):
    folder = tmp_path_factory.mktemp("fuzz-profile")
    data = json.loads(json.dumps(BASE))
    _set(data, field, value)
    (folder / "profile.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    with no_hang(120):
        checked = run_cli("check", str(folder / "profile.yaml"))
        built = run_cli("build", "--content", str(folder), "--formats=")
    for result in (checked, built):
        assert result.code in (0, 1, 2), (field, value, result)
        assert "Traceback" not in result.err + result.out, (field, value, result)
        assert "\x1b" not in result.err + result.out, (field, value)
    if built.code == 0:
        assert_inert(folder / "output")


IMPORT_BYTES = st.one_of(
    st.binary(max_size=400),
    st.text(max_size=300).map(lambda text: text.encode("utf-8")),
    st.text(max_size=200).map(lambda text: text.encode("utf-16")),
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=20) | st.sampled_from(HOSTILE),
        lambda children: (
            st.lists(children, max_size=4)
            | st.dictionaries(
                st.sampled_from(["basics", "name", "work", "x"]), children, max_size=4
            )
        ),
        max_leaves=20,
    ).map(lambda value: json.dumps(value).encode("utf-8")),
)


@pytest.mark.parametrize(
    ("kind", "name"),
    [("jsonresume", "resume.json"), ("linkedin", "Profile.csv")],
)
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=IMPORT_BYTES)
def test_any_file_given_to_an_importer(tmp_path_factory, run_cli, in_dir, kind, name, data):
    folder = tmp_path_factory.mktemp("fuzz-import")
    source = folder / "export"
    source.mkdir()
    (source / name).write_bytes(data)
    target = source / name if kind == "jsonresume" else source
    in_dir(folder)
    with no_hang(60):
        result = run_cli("import", kind, str(target))
    assert result.code in (0, 1, 2), (data, result)
    assert "Traceback" not in result.err + result.out, (data, result)
