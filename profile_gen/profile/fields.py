"""Value types of the profile model: localized text and partial dates (`formats`: the
strings checked by their form, web links, e-mail, phone, colour).

Each type validates one YAML value and raises `PydanticCustomError` with a stable error
type (``pg_*``) and a context; the wording of every message lives in `profile_gen.i18n`.
Nothing here reads files or knows about HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, ClassVar

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic_core import PydanticCustomError, core_schema

from profile_gen.i18n import LANGUAGES  # the one list of the outputs' languages
from profile_gen.text import visible

"""Languages whose labels exist; a profile's `locale` picks one or several of them."""


def plain_schema(cls: Any, validate, json_schema: dict[str, Any]) -> core_schema.CoreSchema:
    """A plain validator of `cls` (which serializes itself) with its own JSON Schema."""
    return core_schema.no_info_plain_validator_function(
        validate,
        json_schema_input_schema=core_schema.any_schema(),
        serialization=core_schema.plain_serializer_function_ser_schema(cls.serialize),
        metadata={"pg_json_schema": json_schema},
    )


class JsonSchemaFromMetadata:
    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> dict[str, Any]:
        return dict(schema["metadata"]["pg_json_schema"])


def kind_of(value: Any) -> str:
    """A short name of a YAML value's kind, for 'found ...' in messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "mapping"
    return type(value).__name__


def _as_text(value: Any) -> str:
    """A scalar used as text: strings as they are, numbers written back (`2024`)."""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    raise PydanticCustomError("pg_text_type", "expected text", {"kind": kind_of(value)})


# --------------------------------------------------------------------------- text

TEXT_LIMIT = 50_000
"""The longest text of one language in a field (about 8,000 words, twenty printed pages):
more is refused, naming the field. Rendered in every document (the Book, the annexe, the
CV laid out several times to fit its page, Word, PowerPoint), a megabyte of Markdown made
of link openings (`[a](` over and over) held a build for over ten minutes."""


LANGUAGE_OF_ERROR = "language_of_text"
"""The context key of a text's error that says which language's text it is: the problem's
path ends with it (`summary.en`), where the profile wrote that text."""


class Localized(JsonSchemaFromMetadata):
    """User text in one or several languages: ``"texte"`` or ``{fr: "texte", en: "text"}``.

    A plain string belongs to every language (it is the same in all of them: a name, a
    company) but counts as untranslated in a multilingual profile when `translatable` text
    is expected; the profile decides that, not this type.
    """

    __slots__ = ("plain", "values")
    markdown: ClassVar[bool] = False
    max_length: ClassVar[int] = TEXT_LIMIT

    def __init__(self, values: dict[str, str], plain: bool = False) -> None:
        self.values = values
        self.plain = plain

    def get(self, lang: str, fallback: str) -> str:
        """The text in `lang`, else in `fallback` (the primary language), else any."""
        if lang in self.values:
            return self.values[lang]
        if fallback in self.values:
            return self.values[fallback]
        return next(iter(self.values.values()))

    def has(self, lang: str) -> bool:
        return self.plain or lang in self.values

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Localized) and (self.values, self.plain) == (
            other.values,
            other.plain,
        )

    def __hash__(self) -> int:
        return hash((tuple(sorted(self.values.items())), self.plain))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.values!r})"

    def serialize(self) -> str | dict[str, str]:
        if self.plain:
            return next(iter(self.values.values()))
        return dict(self.values)

    @classmethod
    def validate(cls, value: Any) -> Localized:
        if isinstance(value, Localized):
            return value
        if isinstance(value, dict):
            if not value:
                raise PydanticCustomError("pg_text_empty", "text is empty", {})
            values: dict[str, str] = {}
            for lang, text in value.items():
                if lang not in LANGUAGES and text is None:  # `{ fr: A (B, C), en: … }`
                    raise PydanticCustomError("pg_text_comma", "comma", {"found": str(lang)})
                if lang not in LANGUAGES:
                    raise PydanticCustomError(
                        "pg_text_language",
                        "unknown language",
                        {"found": str(lang), "expected": ", ".join(LANGUAGES)},
                    )
                try:
                    values[lang] = cls._text(text)
                except PydanticCustomError as error:  # named with its language: `summary.en`
                    context = {**(error.context or {}), LANGUAGE_OF_ERROR: lang}
                    raise PydanticCustomError(error.type, error.message_template, context) from None
            return cls(values)
        return cls({"*": cls._text(value)}, plain=True)

    @classmethod
    def _text(cls, value: Any) -> str:
        """One language's text, stripped: neither empty nor longer than `max_length`."""
        text = _as_text(value).strip()
        if not text:
            raise PydanticCustomError("pg_text_empty", "text is empty", {})
        if len(text) > cls.max_length:
            raise PydanticCustomError("string_too_long", "too long", {"max_length": cls.max_length})
        return text

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        description = "Markdown text" if cls.markdown else "Text"
        text = {"type": "string", "minLength": 1, "maxLength": cls.max_length}
        return plain_schema(
            cls,
            cls.validate,
            {
                "description": f"{description}: one string, or one per language ({{fr: ..., en: ...}}).",
                "anyOf": [
                    text,
                    {
                        "type": "object",
                        "properties": {lang: text for lang in LANGUAGES},
                        "additionalProperties": False,
                        "minProperties": 1,
                    },
                ],
            },
        )


def localize(value: Localized | str | None, lang: str, primary: str) -> str:
    """`value` in `lang`, else in `primary`; a plain string as it is; None as ``""``."""
    if value is None:
        return ""
    if isinstance(value, Localized):
        return value.get(lang, primary)
    return str(value)


class Markdown(Localized):
    """Long text written in Markdown, in one or several languages."""

    markdown = True


# --------------------------------------------------------------------------- dates

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


@dataclass(frozen=True, order=False)
class PartialDate(JsonSchemaFromMetadata):
    """A date known to the year, the month or the day: ``2024``, ``2024-09``, ``2024-09-02``."""

    year: int
    month: int | None = None
    day: int | None = None

    allow_present: ClassVar[bool] = False

    @property
    def is_present(self) -> bool:
        return False

    def key(self) -> tuple[int, int, int]:
        """Sort key; a missing month or day sorts first."""
        return (self.year, self.month or 0, self.day or 0)

    def precedes(self, other: PartialDate) -> bool:
        """True when `self` is certainly before `other`, at the precision both have."""
        if other.is_present:
            return True
        if self.is_present:
            return False
        mine, theirs = [self.year], [other.year]
        for a, b in ((self.month, other.month), (self.day, other.day)):
            if a is None or b is None:
                break
            mine.append(a)
            theirs.append(b)
        return mine < theirs

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
            if self.day is not None:
                text += f"-{self.day:02d}"
        return text

    def serialize(self) -> str:
        return str(self)

    @classmethod
    def parse(cls, value: Any) -> PartialDate:
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if isinstance(value, str):
            text = value.strip()
            if cls.allow_present and text.lower() == "present":
                return PRESENT
            match = _DATE_RE.match(text)
            if match:
                year = int(match.group(1))
                month, day = (int(g) if g else None for g in match.groups()[1:])
                if month is not None and not 1 <= month <= 12:
                    raise PydanticCustomError("pg_date_month", "bad month", {"found": text})
                if month is not None and day is not None and not 1 <= day <= _DAYS[month - 1]:
                    raise PydanticCustomError("pg_date_day", "bad day", {"found": text})
                if not 1900 <= year <= 2100:
                    raise PydanticCustomError("pg_date_year", "bad year", {"found": text})
                return PartialDate(year, month, day)
            if (suggested := _iso_of_french(text)) is not None:
                try:  # `31/02/2024`: no `2024-02-31` to suggest, the day is named
                    cls.parse(suggested)
                except PydanticCustomError as error:
                    raise PydanticCustomError(
                        error.type, error.message(), {"found": text}
                    ) from None
                found = {"found": text, "suggested": suggested}
                raise PydanticCustomError("pg_date_french", "day first", found)
        code = "pg_end_date" if cls.allow_present else "pg_date"
        raise PydanticCustomError(code, "bad date", {"found": show_value(value)})

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        pattern = r"^\d{4}(-\d{2}(-\d{2})?)?$"
        date_schema: dict[str, Any] = {
            "type": ["string", "integer"],
            "pattern": pattern,
            "description": "YYYY, YYYY-MM or YYYY-MM-DD",
        }
        if cls.allow_present:
            date_schema = {
                "description": "YYYY, YYYY-MM, YYYY-MM-DD, or `present` for an ongoing period",
                "anyOf": [date_schema, {"const": "present"}],
            }
        return plain_schema(cls, cls.parse, date_schema)


_FRENCH_DATE = re.compile(r"(?:(\d{1,2})[/.])?(\d{1,2})[/.](\d{4})")


def _iso_of_french(text: str) -> str | None:
    """`05/10/2025` (day first, as French writes it) as `2025-10-05`; `10/2025` as
    `2025-10`; None for anything else."""
    match = _FRENCH_DATE.fullmatch(text)
    if match is None:
        return None
    day, month, year = (int(part) if part else None for part in match.groups())
    if month is None or not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
        return None
    return f"{year}-{month:02d}" + (f"-{day:02d}" if day else "")


class _Present(PartialDate):
    @property
    def is_present(self) -> bool:
        return True

    def key(self) -> tuple[int, int, int]:
        return (9999, 99, 99)

    def __str__(self) -> str:
        return "present"


PRESENT = _Present(9999)


class EndDate(PartialDate):
    """The end of a period: a `PartialDate`, or ``present`` when it is still going on."""

    allow_present = True


def show_value(value: Any, limit: int = 60) -> str:
    """`value` as a message quotes it: on one line, its control characters escaped."""
    text = repr(value) if not isinstance(value, str) else f'"{visible(value)}"'
    return text if len(text) <= limit else text[: limit - 1] + "…"
