"""Strings of the profile checked by their form: web addresses, e-mail, phone, colour.

Like `fields`, each type raises `PydanticCustomError` with a stable ``pg_*`` type; the
wording lives in `profile_gen.i18n`. Nothing here reads files or knows about HTML.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from typing import Any, ClassVar
from urllib.parse import urlsplit

import idna
from pydantic import GetCoreSchemaHandler
from pydantic_core import PydanticCustomError, core_schema

from profile_gen.profile import colors
from profile_gen.profile.fields import JsonSchemaFromMetadata, plain_schema, show_value

# --------------------------------------------------------------------------- links


class _Text(str, JsonSchemaFromMetadata):
    """A string validated by `parse`, kept and serialized as it is, with `json_schema`."""

    __slots__ = ()
    json_schema: ClassVar[dict[str, Any]] = {"type": "string"}
    max_length: ClassVar[int] = 2_000
    """The longest text taken, refused before `parse` reads it (`string_too_long`)."""

    def serialize(self) -> str:
        return str(self)

    @classmethod
    def parse(cls, value: Any) -> _Text:
        raise NotImplementedError

    @classmethod
    def _bounded(cls, value: Any) -> _Text:
        if isinstance(value, str) and len(value.strip()) > cls.max_length:
            raise PydanticCustomError("string_too_long", "too long", {"max_length": cls.max_length})
        return cls.parse(value)

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return plain_schema(cls, cls._bounded, {"maxLength": cls.max_length, **cls.json_schema})


class WebUrl(_Text):
    """An absolute ``http``/``https`` address that a browser reads as it is shown.

    Checked as a browser parses it (WHATWG URL rules): no backslash (read as `/`), no
    `user@` before the host (the browser goes to what follows the `@`), no space, control
    or invisible character; the host is a valid domain name (IDNA, as browsers map it) or
    IP address, no label of which mixes scripts (a Cyrillic `і` in `lіnkedin`). It is kept
    as written, but for its scheme and host, written lowercase as browsers show them."""

    __slots__ = ()
    json_schema: ClassVar[dict[str, Any]] = {
        "type": "string",
        "format": "uri",
        "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://",
    }

    @classmethod
    def parse(cls, value: Any) -> WebUrl:
        if isinstance(value, WebUrl):
            return value
        if not isinstance(value, str):
            raise PydanticCustomError("pg_url", "bad url", {"found": show_value(value)})
        text = value.strip()
        found = {"found": show_value(text)}
        bad = next((char for char in text if _unsafe_in_url(char)), None)
        if bad is not None:
            raise PydanticCustomError("pg_url_char", "bad char", {"char": _code(bad), **found})
        try:
            parts = urlsplit(text)
            port = parts.port
        except ValueError:  # a bad IPv6 address or port
            raise PydanticCustomError("pg_url_host", "bad host", found) from None
        scheme = parts.scheme.lower()
        if scheme not in ("http", "https") or not text[len(scheme) :].startswith("://"):
            raise PydanticCustomError("pg_url", "bad url", found)
        if "@" in parts.netloc:
            host = parts.netloc.rpartition("@")[2]
            raise PydanticCustomError("pg_url_userinfo", "user info", {"host": host, **found})
        host = _host(parts.hostname or "", found)
        netloc = host + (f":{port}" if port is not None else "")
        return cls(f"{scheme}://{netloc}{text[len(scheme) + 3 + len(parts.netloc) :]}")

    @property
    def host(self) -> str:
        """The host as a browser sends it: lowercase ASCII (IDNA), without a final dot."""
        host = urlsplit(self).hostname or ""
        return host if ":" in host else idna.encode(host, uts46=True).decode("ascii").rstrip(".")


def is_web_url(text: str | None) -> bool:
    """Whether `text` is an http(s) address that `WebUrl` accepts: the one test of a link
    target, for the profile's fields and for the links written inside its texts."""
    if not text:
        return False
    try:
        WebUrl.parse(text)
    except PydanticCustomError:
        return False
    return True


_URL_SYMBOLS = frozenset('\\<>"`')
"""Characters a browser reads otherwise (`\\` is `/`) or that end an HTML attribute."""


_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zs", "Zl", "Zp"})
"""Controls, invisible and bidi characters, lone surrogates, spaces and line breaks."""


def _unsafe_in_url(char: str) -> bool:
    return char in _URL_SYMBOLS or unicodedata.category(char) in _UNSAFE_CATEGORIES


def _code(char: str) -> str:
    return f"U+{ord(char):04X}" + (f" ({char})" if char.isprintable() else "")


_NUMERIC_LABEL = re.compile(r"[0-9]+|0x[0-9a-f]*")
_ASCII_HOST = re.compile(r"[a-z0-9-]+(\.[a-z0-9-]+)*\.?")
_SAME_SCRIPT_ALLOWED = ["COMMON", "INHERITED", "HIRAGANA", "KATAKANA"]
"""Scripts a label may add to its own: digits and hyphens; kana beside Han (Japanese)."""


def _host(host: str, found: dict[str, str]) -> str:
    """`host` (lowercase, as `urlsplit` gives it) as browsers show it, else an error."""
    if ":" in host:
        try:
            return f"[{ipaddress.IPv6Address(host).compressed}]"
        except ValueError:
            raise PydanticCustomError("pg_url_host", "bad host", found) from None
    try:
        ascii_host = idna.encode(host, uts46=True).decode("ascii")
        shown = idna.decode(ascii_host)
    except (idna.IDNAError, UnicodeError):
        raise PydanticCustomError("pg_url_host", "bad host", found) from None
    if not _ASCII_HOST.fullmatch(ascii_host):
        raise PydanticCustomError("pg_url_host", "bad host", found)
    if _NUMERIC_LABEL.fullmatch(ascii_host.rstrip(".").rsplit(".", 1)[-1]):
        try:  # a browser reads the host as an IPv4 address (`0x7f.1` is 127.0.0.1)
            ipaddress.IPv4Address(ascii_host.rstrip("."))
        except ValueError:
            raise PydanticCustomError("pg_url_host", "bad host", found) from None
    if shown.isascii():
        return shown  # Latin letters, digits and hyphens: one alphabet
    from confusable_homoglyphs import confusables  # 50 ms to load: for IDN hosts only

    for label in shown.split("."):
        if confusables.is_mixed_script(label, allowed_aliases=_SAME_SCRIPT_ALLOWED):
            context = {"host": shown, "ascii": ascii_host, **found}
            raise PydanticCustomError("pg_url_mixed_script", "mixed scripts", context)
    return shown


class Email(_Text):
    """An e-mail address (shown as a ``mailto:`` link by the outputs)."""

    __slots__ = ()
    json_schema: ClassVar[dict[str, Any]] = {"type": "string", "format": "email"}
    max_length: ClassVar[int] = 254  # RFC 5321's longest path, as email-validator takes it

    @classmethod
    def parse(cls, value: Any) -> Email:
        if isinstance(value, Email):
            return value
        if not isinstance(value, str):
            raise PydanticCustomError("pg_email", "bad email", {"found": show_value(value)})
        if plainly_valid_email(value.strip()):
            return cls(value.strip())
        # loading email-validator compiles regexes over all of Unicode (0.05-0.1 s, a tenth
        # of an HTML build): only for an address the plain rule above does not settle
        from email_validator import EmailNotValidError, validate_email

        try:
            validate_email(value.strip(), check_deliverability=False)
        except EmailNotValidError:
            raise PydanticCustomError(
                "pg_email", "bad email", {"found": show_value(value)}
            ) from None
        return cls(value.strip())


_PLAIN_EMAIL = re.compile(
    r"[A-Za-z0-9]+(?:[._+-][A-Za-z0-9]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+"
    r"[A-Za-z]{2,63}"
)
_SPECIAL_USE = frozenset({"arpa", "invalid", "local", "localhost", "onion", "test"})
"""Top-level domains of no public address (email-validator's special-use names)."""


def plainly_valid_email(text: str) -> bool:
    """Whether `text` is an address email-validator accepts, known without it: ASCII letters
    and digits joined by single ``. _ + -`` before the @, then host labels of letters, digits
    and inner hyphens (never ``--``: Punycode and its look-alikes go to the library) and a
    top-level domain of letters that is not special-use, within the lengths of the RFCs. A
    narrower rule than the library's (tests/test_startup_costs.py checks it against it):
    anything else is the library's to judge."""
    if len(text) > 254 or not _PLAIN_EMAIL.fullmatch(text):
        return False
    local, domain = text.split("@")
    top = domain.rsplit(".", 1)[1].lower()
    return (
        len(local) <= 64 and len(domain) <= 253 and "--" not in domain and top not in _SPECIAL_USE
    )


_PHONE_RE = re.compile(r"^\+?(?:\([0-9]{1,5}\)|[0-9])(?:[ .\-]{0,2}(?:\([0-9]{1,5}\)|[0-9]))*$")
"""Digits in groups separated by one space, dot or dash, with an optional leading `+`; a
group may stand in parentheses: `+33 6 12 34 56 78`, `06.12.34.56.78`, `(512) 555-0188`,
`+44 (0)20 7946 0958`."""


class Phone(_Text):
    """A phone number as written nationally or internationally: 6 to 15 digits (E.164's
    maximum), grouped by spaces, dots, dashes or parentheses, an optional leading `+`."""

    __slots__ = ()
    json_schema: ClassVar[dict[str, Any]] = {
        "type": "string",
        "pattern": _PHONE_RE.pattern,
        "minLength": 6,
    }
    max_length: ClassVar[int] = 30

    @classmethod
    def parse(cls, value: Any) -> Phone:
        text = value.strip() if isinstance(value, str) else ""
        digits = sum(char.isdigit() for char in text)
        if len(text) <= cls.max_length and 6 <= digits <= 15 and _PHONE_RE.match(text):
            return cls(text)
        if isinstance(value, int) and not isinstance(value, bool):  # `phone: 0612345678`
            raise PydanticCustomError("pg_phone_unquoted", "unquoted phone", {"found": value})
        raise PydanticCustomError("pg_phone", "bad phone", {"found": show_value(value)})


# --------------------------------------------------------------------------- colour

_COLOR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")


class Color(_Text):
    """An accent colour ``#rrggbb``, dark enough for white text and for links on the page."""

    __slots__ = ()
    json_schema: ClassVar[dict[str, Any]] = {"type": "string", "pattern": _COLOR_RE.pattern}

    @classmethod
    def parse(cls, value: Any) -> Color:
        if isinstance(value, Color):
            return value
        text = value.strip() if isinstance(value, str) else None
        if text is None or not _COLOR_RE.match(text):
            raise PydanticCustomError("pg_color", "bad colour", {"found": show_value(value)})
        ratio = colors.light_contrast(text)
        if ratio < colors.AA:
            raise PydanticCustomError(
                "pg_color_contrast",
                "too light",
                {"found": text, "ratio": f"{ratio:.1f}", "minimum": colors.AA},
            )
        return cls(text.lower())
