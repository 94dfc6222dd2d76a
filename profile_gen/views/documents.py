"""The date of every document of a build (PDF, Word, PowerPoint): from the profile file or
`SOURCE_DATE_EPOCH`, never the clock, so that the formats agree and builds reproduce."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path


def source_date(source: Path) -> datetime:
    """The PDFs' date: `SOURCE_DATE_EPOCH` when set (reproducible builds), else the time
    `source` (the profile) was last modified, to the second, in UTC."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    try:
        return datetime.fromtimestamp(int(source.stat().st_mtime), UTC)
    except OSError:  # a profile given as text: no file, no date but the epoch
        return datetime.fromtimestamp(0, UTC)


def document_date(settings: dict) -> datetime:
    """The date of every document of a build (PDF, Word, PowerPoint): `source_date` of
    the profile file the settings name, never the clock."""
    from profile_gen.keys import profile_path

    return source_date(profile_path(settings))
