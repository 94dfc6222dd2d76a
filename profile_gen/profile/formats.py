"""Strings of the profile checked by their form: web addresses, e-mail, phone, colour.

Like `fields`, each type raises `PydanticCustomError` with a stable ``pg_*`` type; the
wording lives in `profile_gen.i18n`. Nothing here reads files or knows about HTML.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar
from urllib.parse import urlsplit

from email_validator import EmailNotValidError, validate_email
from pydantic import GetCoreSchemaHandler
from pydantic_core import PydanticCustomError, core_schema

from profile_gen.profile import colors
from profile_gen.profile.fields import JsonSchemaFromMetadata, plain_schema, show_value

# --------------------------------------------------------------------------- links


class _Text(str, JsonSchemaFromMetadata):
    """A string validated by `parse`, kept and serialized as it is, with `json_schema`."""

    __slots__ = ()
    json_schema: ClassVar[dict[str, Any]] = {"type": "string"}

    def serialize(self) -> str:
        return str(self)

    @classmethod
    def parse(cls, value: Any) -> _Text:
        raise NotImplementedError

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return plain_schema(cls, cls.parse, cls.json_schema)


class WebUrl(_Text):
    """An absolute ``http``/``https`` address, kept exactly as written."""

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
        parts = urlsplit(text) if not re.search(r"\s|[\x00-\x1f\x7f<>\"]", text) else None
        if parts is None or parts.scheme.lower() not in ("http", "https"):
            raise PydanticCustomError("pg_url", "bad url", {"found": show_value(value)})
        host = parts.hostname or ""
        if not host or not re.fullmatch(r"[A-Za-z0-9.-]+|\[[0-9A-Fa-f:]+\]", host):
            raise PydanticCustomError("pg_url_host", "bad host", {"found": show_value(value)})
        return cls(text)


class Email(_Text):
    """An e-mail address (shown as a ``mailto:`` link by the outputs)."""

    __slots__ = ()
    json_schema: ClassVar[dict[str, Any]] = {"type": "string", "format": "email"}

    @classmethod
    def parse(cls, value: Any) -> Email:
        if isinstance(value, Email):
            return value
        if not isinstance(value, str):
            raise PydanticCustomError("pg_email", "bad email", {"found": show_value(value)})
        try:
            validate_email(value.strip(), check_deliverability=False)
        except EmailNotValidError:
            raise PydanticCustomError(
                "pg_email", "bad email", {"found": show_value(value)}
            ) from None
        return cls(value.strip())


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
        "maxLength": 30,
    }

    @classmethod
    def parse(cls, value: Any) -> Phone:
        text = value.strip() if isinstance(value, str) else ""
        digits = sum(char.isdigit() for char in text)
        if len(text) <= 30 and 6 <= digits <= 15 and _PHONE_RE.match(text):
            return cls(text)
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
