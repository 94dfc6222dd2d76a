"""`profile-gen check --online`: is the Book really at `links.book`, and is it this profile's?

The annexe's QR code points at `links.book`: a printed code that leads nowhere is the worst
failure of the product, so the student checks before printing. Each home of the Book (the
primary language at `links.book`, the others at `links.book` + `en/`, ...) is fetched with
the standard library, a short timeout, and must name the person.
"""

from __future__ import annotations

import html
import http.client
import re
import socket
import ssl
import unicodedata
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from profile_gen import i18n
from profile_gen.profile.model import Profile

TIMEOUT = 10.0
"""Seconds each page may take to answer."""
MAX_BYTES = 5_000_000
"""A home page larger than this is read only that far."""
TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class Answer:
    """What one address gave: `key` names the outcome (`online.ok`, `online.http`, ...)."""

    url: str
    key: str
    context: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.key == "online.ok"


def _plain(text: str) -> str:
    """Text to compare names in: tags and entities out, spaces squeezed, case folded."""
    text = html.unescape(TAG.sub(" ", text))
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def names_person(page: str, name: str) -> bool:
    return _plain(name) in _plain(page)


def _failure(error: BaseException) -> tuple[str, dict[str, Any]]:
    """The outcome key and its context for an error of the network."""
    reason: Any = error.reason if isinstance(error, urllib.error.URLError) else error
    if isinstance(reason, socket.gaierror):
        return "online.dns", {}
    if isinstance(reason, TimeoutError):
        return "online.timeout", {}
    if isinstance(reason, ConnectionRefusedError):
        return "online.refused", {}
    if isinstance(reason, ssl.SSLError):
        return "online.tls", {"detail": getattr(reason, "reason", None) or str(reason)}
    return "online.unreachable", {"detail": str(reason)}


def fetch(url: str, name: str, timeout: float = TIMEOUT) -> Answer:
    """Fetch `url` and say whether it answers with a page that names `name`."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.scheme.lower() not in ("http", "https") or not host:
        return Answer(url, "online.not_web")
    request = urllib.request.Request(url, headers={"User-Agent": "profile-gen (check --online)"})
    context: dict[str, Any] = {"host": host, "seconds": f"{timeout:g}"}
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read(MAX_BYTES)
            charset = response.headers.get_content_charset() or "utf-8"
    except urllib.error.HTTPError as error:
        return Answer(url, "online.http", {**context, "status": error.code, "reason": error.reason})
    except (urllib.error.URLError, OSError, http.client.HTTPException) as error:
        key, more = _failure(error)
        return Answer(url, key, {**context, **more})
    try:
        page = body.decode(charset, errors="replace")
    except LookupError:  # an unknown charset: the name is still readable as UTF-8
        page = body.decode("utf-8", errors="replace")
    if not names_person(page, name):
        return Answer(url, "online.wrong_page", {**context, "name": name})
    return Answer(url, "online.ok", {**context, "name": name})


def homes(profile: Profile, address: str) -> list[str]:
    """The address of the Book's home in each of its languages (primary first)."""
    base = address.rstrip("/") + "/"
    primary = profile.primary_language
    return [base] + [f"{base}{lang}/" for lang in profile.locale if lang != primary]


def settings_of(settings_file: Path) -> dict:
    """The project's settings (for `SITEURL`), or none when there is no settings file."""
    if not settings_file.is_file():
        return {}
    from pelican.settings import get_settings_from_file

    return get_settings_from_file(str(settings_file))


def check_online(
    profile: Profile, settings: dict, lang: str | None = None, timeout: float = TIMEOUT
) -> tuple[str, bool]:
    """The report on the Book's addresses, and whether every one answers with this Book."""
    from profile_gen.views.book import siteurl_conflict

    lang = lang or profile.primary_language
    address = profile.links.book
    if not address:
        return i18n.text(lang, "online.no_link"), False
    lines = [i18n.text(lang, "online.title", url=address)]
    answers = [fetch(url, profile.identity.name, timeout) for url in homes(profile, address)]
    for answer in answers:
        mark = "✓" if answer.ok else "✗"
        lines.append(f"  {mark} {answer.url}")
        lines.append(f"    {i18n.text(lang, answer.key, **answer.context)}")
    if conflict := siteurl_conflict(settings, profile, lang):
        lines += ["", f"⚠ {conflict}"]
    ready = all(answer.ok for answer in answers)
    lines += ["", i18n.text(lang, "online.ready" if ready else "online.not_ready")]
    return "\n".join(lines), ready
