"""Importers and exporters: LinkedIn's data export, JSON Resume."""

from __future__ import annotations


class InteropError(Exception):
    """An input that cannot be imported; `code` and `context` make the localized message."""

    def __init__(self, code: str, **context) -> None:
        super().__init__(code, context)
        self.code = code
        self.context = context


def present(**fields):
    """The fields that have a value (an empty text, list or None is left out)."""
    return {name: value for name, value in fields.items() if value not in (None, "", [], {})}
