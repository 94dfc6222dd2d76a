"""Importers and exporters: LinkedIn's data export, JSON Resume."""

from __future__ import annotations

from profile_gen.errors import InteropError
from profile_gen.interop.mapping import present

__all__ = ["InteropError", "present"]
