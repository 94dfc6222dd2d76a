"""User-facing wording in French and English: error messages and output labels.

The texts are data (`fr.py`, `en.py`); this module only picks and fills them.
"""

from __future__ import annotations

from typing import Any

from profile_gen.i18n import en, fr

LANGUAGES = ("fr", "en")
_CATALOGS = {"fr": fr, "en": en}


def _catalog(lang: str):
    return _CATALOGS.get(lang, fr)


def message(lang: str, code: str, /, **context: Any) -> str:
    """The message `code` in `lang`, filled with `context`.

    A message with a `count` may have `code_one` for the singular. An unknown code falls
    back to the generic message, never raising.
    """
    messages = _catalog(lang).MESSAGES
    if context.get("count") == 1 and f"{code}_one" in messages:
        code = f"{code}_one"
    template = messages.get(code)
    if template is None:
        template = messages["unknown"]
        context = {"code": code, "detail": context.get("detail", ""), **context}
    try:
        return template.format(**context)
    except (KeyError, IndexError, ValueError):
        return template


def label(lang: str, key: str) -> str:
    """An output label (section title, field name) in `lang`."""
    labels = _catalog(lang).LABELS
    return labels.get(key) or fr.LABELS.get(key) or key


def kind_name(lang: str, kind: str) -> str:
    """The name of a YAML value's kind (`text`, `list`, ...) in `lang`."""
    return _catalog(lang).KINDS.get(kind, kind)


def text(language: str, key: str, /, **context: Any) -> str:
    """A label filled with `context`."""
    try:
        return label(language, key).format(**context)
    except (KeyError, IndexError, ValueError):
        return label(language, key)
