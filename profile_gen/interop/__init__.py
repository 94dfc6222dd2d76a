"""Importers and exporters: LinkedIn's data export, JSON Resume."""

from __future__ import annotations

from profile_gen.errors import InteropError

__all__ = ["InteropError"]
