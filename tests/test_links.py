"""Web addresses read as a browser reads them (WHATWG URL rules): what a link shows is
where it goes, in the Book, the PowerPoint links and the QR codes; LinkedIn's address is on
`linkedin.com` itself."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from profile_gen import i18n
from profile_gen.profile.identity import Links
from tests.conftest import MINIMAL

# (id, address written, the error's type, a fragment of its French message)
REFUSED = [
    ("backslash", "https://evil.example\\@www.linkedin.com/in/x", "pg_url_char", "U+005C (\\)"),
    ("backslash-path", "https://www.linkedin.com\\in\\x", "pg_url_char", "U+005C"),
    ("userinfo", "https://www.linkedin.com@evil.example/in/x", "pg_url_userinfo", "evil.example"),
    ("userinfo-empty", "https://@www.linkedin.com/in/x", "pg_url_userinfo", "linkedin.com"),
    ("userinfo-encoded", "https://evil.example%40www.linkedin.com/", "pg_url_host", "domaine"),
    ("suffix", "https://linkedin.com.evil.example/in/x", "pg_linkedin", "linkedin.com.evil"),
    ("lookalike-suffix", "https://evillinkedin.com/in/x", "pg_linkedin", "evillinkedin.com"),
    ("punycode", "https://xn--lnkedin-5ya.com/in/x", "pg_linkedin", "xn--lnkedin-5ya.com"),
    ("cyrillic-i", "https://www.l\u0456nkedin.com/in/x", "pg_url_mixed_script", "xn--"),
    ("tab", "https://www.linked\tin.com/in/x", "pg_url_char", "U+0009"),
    ("newline", "https://www.linkedin.com/in/x\ny", "pg_url_char", "U+000A"),
    ("nul", "https://www.linkedin.com/in/x\x00", "pg_url_char", "U+0000"),
    ("esc", "https://www.linkedin.com/in/\x1b[2J", "pg_url_char", "U+001B"),
    ("rlo", "https://www.linkedin.com/in/\u202egpj.exe", "pg_url_char", "U+202E"),
    ("zero-width", "https://www.linked\u200bin.com/in/x", "pg_url_char", "U+200B"),
    ("space", "https://www.linkedin.com/in/lea moreau", "pg_url_char", "U+0020"),
    ("javascript", "javascript:alert(1)", "pg_url", "http://"),
    ("javascript-spaced", " javascript:alert(1)//https://www.linkedin.com", "pg_url", "http"),
    ("data", "data:text/html,<b>x</b>", "pg_url_char", "U+003C"),
    ("no-slashes", "https:evil.example", "pg_url", "http://"),
    ("three-slashes", "https:///evil.example", "pg_url_host", "domaine"),
    ("percent-host", "https://www.linkedin.com%2eevil.example/", "pg_url_host", "domaine"),
    ("hex-ipv4", "https://0x7f.1/", "pg_url_host", "domaine"),
    ("bad-punycode", "https://xn--zz.linkedin.com/in/x", "pg_url_host", "domaine"),
    ("bad-port", "https://www.linkedin.com:99999/in/x", "pg_url_host", "domaine"),
]


@pytest.mark.parametrize(
    ("address", "kind", "fragment"),
    [case[1:] for case in REFUSED],
    ids=[case[0] for case in REFUSED],
)
def test_tricky_linkedin_addresses_are_refused(address, kind, fragment):
    with pytest.raises(ValidationError) as raised:
        Links(linkedin=address)
    [error] = raised.value.errors()
    assert error["type"] == kind
    message = i18n.message("fr", kind, **error["ctx"])
    assert fragment in message, message
    assert "\x1b" not in message and "\n" not in message and "\t" not in message
    assert i18n.message("en", kind, **error["ctx"])


ACCEPTED = [
    ("https://www.linkedin.com/in/lea-moreau", "https://www.linkedin.com/in/lea-moreau"),
    ("HTTPS://WWW.LinkedIn.COM/in/Lea", "https://www.linkedin.com/in/Lea"),  # path kept
    ("https://fr.linkedin.com/in/lea?trk=x#top", "https://fr.linkedin.com/in/lea?trk=x#top"),
    ("https://linkedin.com:443/in/lea/", "https://linkedin.com:443/in/lea/"),
    (
        "https://\uff4c\uff49\uff4e\uff4b\uff45\uff44\uff49\uff4e.com/in/x",
        "https://linkedin.com/in/x",
    ),
    ("  https://www.linkedin.com/in/lea\n", "https://www.linkedin.com/in/lea"),
]


@pytest.mark.parametrize(("address", "kept"), ACCEPTED)
def test_linkedin_addresses_are_kept_with_their_host_as_browsers_show_it(address, kept):
    assert Links(linkedin=address).linkedin == kept


@pytest.mark.parametrize(
    ("address", "kept"),
    [
        ("https://café.example.fr/menu", "https://café.example.fr/menu"),
        ("https://xn--caf-dma.example.fr/", "https://café.example.fr/"),
        ("https://例え.jp/", "https://例え.jp/"),  # Han and kana together: one language
        ("http://192.168.1.10:8080/x", "http://192.168.1.10:8080/x"),
        ("https://[2001:DB8::1]/", "https://[2001:db8::1]/"),
        ("https://example.com/?q=%22%3E&x='y'", "https://example.com/?q=%22%3E&x='y'"),
    ],
)
def test_other_links_accept_real_addresses(address, kept):
    links = Links.model_validate({"others": [{"label": "Site", "url": address}]})
    assert links.others[0].url == kept


def test_other_links_refuse_mixed_alphabets_too():
    with pytest.raises(ValidationError) as raised:
        Links.model_validate({"others": [{"label": "Pay", "url": "https://p\u0430ypal.com/"}]})
    assert raised.value.errors()[0]["type"] == "pg_url_mixed_script"


@pytest.mark.parametrize(
    ("lang", "words"),
    [("fr", "un navigateur irait sur evil.example"), ("en", "a browser would go to evil.example")],
)
def test_check_names_file_line_and_field(write_profile, run_cli, lang, words):
    path = write_profile(
        MINIMAL
        + "links:\n"
        + "  book: https://lea.example.org/\n"
        + "  linkedin: 'https://www.linkedin.com@evil.example/in/x'\n"
    )
    result = run_cli("check", str(path), "--lang", lang)
    assert result.code == 2
    assert f"{path}:6:13: links.linkedin" in result.err
    assert words in result.err


def test_the_backslash_trick_of_the_issue_is_refused_by_check(write_profile, run_cli):
    path = write_profile(
        MINIMAL + 'links:\n  linkedin: "https://evil.example\\\\@www.linkedin.com/in/x"\n'
    )
    result = run_cli("check", str(path))
    assert result.code == 2
    assert f"{path}:5:13: links.linkedin" in result.err
    assert "caractère U+005C (\\) interdit" in result.err


def test_schema_still_describes_links_as_uris():
    from profile_gen.profile.schema import json_schema_text

    schema = json.loads(json_schema_text())
    assert "uri" in json.dumps(schema["$defs"]["Links"])


@pytest.mark.parametrize(
    "text",
    [
        "<https://evil.example\\@www.linkedin.com/in/x>",
        "[https://www.linkedin.com/in/x](https://evil.example\\@www.linkedin.com/in/x)",
        "[LinkedIn](https://www.linkedin.com@evil.example/in/x)",
        "<https://www.l\u0456nkedin.com/in/x>",
        "[a](javascript:alert(1))",
    ],
)
def test_links_inside_texts_follow_the_same_rule(text):
    from profile_gen.book.render import markdown
    from profile_gen.office.docx import inline

    html = str(markdown(text, "fr", "fr"))
    assert "<a " not in html and "href" not in html, html
    assert not inline.is_web_url(text.strip("<>").split("](")[-1].rstrip(")"))


def test_real_links_inside_texts_stay_links():
    from profile_gen.book.render import markdown
    from profile_gen.office.docx import inline

    html = str(markdown("[Book](https://lea.example.org/a?b=1) [m](mailto:a@b.fr)", "fr", "fr"))
    assert 'href="https://lea.example.org/a?b=1"' in html and 'href="mailto:a@b.fr"' in html
    assert inline.is_web_url("https://lea.example.org/a?b=1")


PIECES = [
    *"abcdefghiklmnorstwxyz019.-:/?#@%\\[]_~ \t\n\x00\x1b",
    *"\u0456\uff4c\u202e\u200b\u00e9\u4f8b\ud800",
    "xn--",
    "linkedin.com",
]
"""Pieces of addresses: separators, controls, lookalike letters, punycode, LinkedIn."""
URLISH = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


@settings(max_examples=400, deadline=None)
@given(
    scheme=st.sampled_from(["https://", "http://", "HTTPS://", "https:", "javascript:", ""]),
    rest=URLISH,
)
def test_any_address_is_refused_cleanly_or_kept_as_a_browser_reads_it(scheme, rest):
    from pydantic_core import PydanticCustomError

    from profile_gen.profile.formats import WebUrl

    try:
        url = WebUrl.parse(scheme + rest)
    except PydanticCustomError as error:
        assert error.type.startswith("pg_url")
        return
    parts = urlsplit(url)
    assert parts.scheme in ("http", "https") and url.startswith(parts.scheme + "://")
    assert "@" not in parts.netloc and "\\" not in url
    assert all(char.isprintable() and not char.isspace() for char in url)
    assert url.host and url.host == url.host.lower() and url.host.isascii()
    assert WebUrl.parse(str(url)) == url  # kept as it is once read
