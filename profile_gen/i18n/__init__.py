"""User-facing wording in French and English: error messages and output labels.

The texts are data (the packages `fr`, `en`); this module only picks and fills them:

- plurals: a text with a `count` may have a `<key>_one` form, used when `count` is
  singular in the language (French: 0 and 1; English: 1); `<key>` is the other form;
- dates: `format_date` writes every date of every output, months from the catalogues;
- elision: in French, ``de {name}`` (a person's name) becomes ``d'{name}`` when the name
  starts with a vowel (``d'Élodie``, ``de Léa``; not before h or y, whose sound the text
  cannot know); other values (paths, hosts, remotes) are code and stay as written;
- strictness: a missing key or a bad placeholder raises `TextError` in strict mode (the
  tests switch it on, `PROFILE_GEN_STRICT_I18N=1` too); in production the text falls back
  (to French, then to the key) and the slip is logged once.
"""

from __future__ import annotations

import logging
import os
import re
import unicodedata
from typing import Any, Protocol

from profile_gen.i18n import en, fr

LANGUAGES = ("fr", "en")
_CATALOGS = {"fr": fr, "en": en}
_log = logging.getLogger(__name__)
_strict = os.environ.get("PROFILE_GEN_STRICT_I18N", "") == "1"


class TextError(LookupError):
    """A text that does not exist, or whose placeholders do not match (strict mode only)."""


def set_strict(on: bool) -> bool:
    """Switch strict mode on or off; returns the previous setting."""
    global _strict
    previous, _strict = _strict, on
    return previous


_logged: set[str] = set()


def _slip(problem: str) -> None:
    if _strict:
        raise TextError(problem)
    if problem not in _logged:  # once: a label missing from every page is one problem
        _logged.add(problem)
        _log.warning("i18n: %s", problem)


def _catalog(lang: str):
    return _CATALOGS.get(lang, fr)


def is_singular(lang: str, count: Any) -> bool:
    """Whether `count` takes the singular in `lang` (CLDR: French 0 and 1, English 1)."""
    if not isinstance(count, int) or isinstance(count, bool):
        return False
    return count in (0, 1) if lang == "fr" else count == 1


def _plural(table: dict[str, str], lang: str, key: str, context: dict[str, Any]) -> str:
    """The key of the form `count` takes: `KEY_none` for none where the catalog has one
    (« Mes points forts » with none yet, never « Mon point fort »: French counts 0 as one),
    `KEY_one` for the singular, else `KEY`."""
    if "count" not in context:
        return key
    count = context["count"]
    if count == 0 and not isinstance(count, bool) and f"{key}_none" in table:
        return f"{key}_none"
    if is_singular(lang, count) and f"{key}_one" in table:
        return f"{key}_one"
    return key


_DE_NAME = re.compile(r"\b([Dd])e \{(name)\}")


def _elide(template: str, context: dict[str, Any]) -> str:
    """French: ``de {name}`` → ``d'{name}`` for a name that starts with a vowel."""

    def elided(match: re.Match[str]) -> str:
        first = unicodedata.normalize("NFD", str(context.get(match[2], "")).lstrip()[:1])
        vowel = first != "" and first[0].lower() in "aeiouæœ"
        return f"{match[1]}'{{{match[2]}}}" if vowel else match[0]

    return _DE_NAME.sub(elided, template)


def _fill(template: str, key: str, context: dict[str, Any], lang: str = "") -> str:
    if lang == "fr" and "e {name}" in template:
        template = _elide(template, context)
    try:
        return template.format(**context)
    except (KeyError, IndexError, ValueError, AttributeError) as error:
        _slip(f"text {key!r}: bad placeholder ({error!r})")
        return template


def message(lang: str, code: str, /, **context: Any) -> str:
    """The message `code` in `lang`, filled with `context` (singular form by `count`).

    An unknown code is a slip (see the module): in production it gives the generic message.
    """
    messages = _catalog(lang).MESSAGES
    code = _plural(messages, lang, code, context)
    template = messages.get(code)
    if template is None:
        _slip(f"no message {code!r} in {lang!r}")
        template = messages["unknown"]
        context = {"code": code, "detail": context.get("detail", ""), **context}
    return _fill(template, code, context, lang)


def label(lang: str, key: str) -> str:
    """An output label (section title, field name) in `lang`."""
    labels = _catalog(lang).LABELS
    found = labels.get(key)
    if found is None:
        _slip(f"no label {key!r} in {lang!r}")
        return fr.LABELS.get(key) or key
    return found


def kind_name(lang: str, kind: str) -> str:
    """The name of a YAML value's kind (`text`, `list`, ...) in `lang`."""
    return _catalog(lang).KINDS.get(kind, kind)


def text(language: str, key: str, /, **context: Any) -> str:
    """A label filled with `context` (singular form by `count`)."""
    key = _plural(_catalog(language).LABELS, language, key, context)
    return _fill(label(language, key), key, context, language)


# --------------------------------------------------------------------------- dates


class DateLike(Protocol):
    @property
    def year(self) -> int: ...
    @property
    def month(self) -> int | None: ...
    @property
    def day(self) -> int | None: ...


def month_name(lang: str, month: int, short: bool = False) -> str:
    """``septembre`` / ``September``, or ``sept.`` / ``Sep`` when `short`."""
    return label(lang, f"month{'_short' if short else ''}.{month}")


def format_date(date: DateLike, lang: str, short: bool = True) -> str:
    """``18 sept. 2025``, ``sept. 2025`` or ``2025`` (as precise as the date is known);
    with `short` False the month is written in full (``18 septembre 2025``)."""
    if date.month is None:
        return str(date.year)
    month = month_name(lang, date.month, short)
    if date.day is None:
        return text(lang, "date.month_year", month=month, year=date.year)
    return text(lang, "date.day_month_year", day=date.day, month=month, year=date.year)
