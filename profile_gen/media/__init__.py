"""Media of the outputs (photos, QR codes) and their on-disk cache."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any


def cache_folder(settings: Mapping[str, Any], kind: str) -> Path:
    """Where media of `kind` are cached between builds: `<CACHE_PATH>/profile_gen/<kind>`."""
    return Path(settings["CACHE_PATH"]) / "profile_gen" / kind


def write_atomic(path: Path, text: str) -> None:
    """Write `path` aside then rename it: builds running in parallel (cohorts) share caches."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    temp.unlink(missing_ok=True)  # never written through a link planted in the cache
    with temp.open("x", encoding="utf-8") as file:
        file.write(text)
    os.replace(temp, path)
