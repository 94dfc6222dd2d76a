"""A cohort split over CI jobs: `build --cohort DIR --shard K/N` builds every N-th member
(the members sorted by slug, starting with the K-th) and writes, beside their Books, what
it found of each (`cohort-shard-K-of-N.json`); `build --cohort DIR --merge`, run once the
shards' outputs are gathered into one folder, reads those files and writes the index.

The shards of one N are disjoint and together hold every member: the same folder gives the
same sorted slugs in every job. A shard's file is read as untrusted (it travels as a CI
artifact): its fields are validated and its links must stay inside the output folder.
"""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path
from typing import TypeVar

from profile_gen.app.cohort_index import Outcome
from profile_gen.errors import BuildError
from profile_gen.text import slug as slugify

SHARD_FILE = "cohort-shard-{index}-of-{count}.json"
SHARD_GLOB = "cohort-shard-*-of-*.json"
FORMAT = "profile-gen cohort shard 1"
SHARD_LIMIT = 64 * 1024 * 1024
"""Bytes of a shard's file read at most (a thousand members take about a megabyte)."""

LINK = re.compile(r"[a-z0-9][a-z0-9._-]*(/[a-z0-9][a-z0-9._-]*)*", re.IGNORECASE)
"""A path a shard may name inside a Book: no `..`, no scheme, no absolute path."""

Member = TypeVar("Member")


def parse_shard(text: str) -> tuple[int, int]:
    """`K/N` with 1 ≤ K ≤ N, else a `BuildError` quoting it."""
    index, _, count = text.partition("/")
    if index.isdigit() and count.isdigit() and 1 <= int(index) <= int(count) <= 10_000:
        return int(index), int(count)
    raise BuildError("cohort_shard_invalid", value=text)


def shard_members(members: list[Member], index: int, count: int) -> list[Member]:
    """The members of shard `index` of `count`: every `count`-th one from the `index`-th,
    in the order given (sorted by slug): balanced, disjoint, complete together."""
    return members[index - 1 :: count]


def write_shard(output: Path, shard: tuple[int, int], outcomes: list[Outcome]) -> Path:
    index, count = shard
    path = output / SHARD_FILE.format(index=index, count=count)
    data = {
        "format": FORMAT,
        "shard": [index, count],
        "members": [dataclasses.asdict(outcome) for outcome in outcomes],
    }
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def read_shards(output: Path) -> dict[str, tuple[Outcome, str]]:
    """Every member the shards' files of `output` name: its outcome and the file's name."""
    found: dict[str, tuple[Outcome, str]] = {}
    paths = sorted(output.glob(SHARD_GLOB))
    counts = sorted({path.stem.rsplit("-of-", 1)[-1] for path in paths})
    if len(counts) > 1:  # shares of two runs (`--shard K/4`, then K/3): a member twice, or lost
        names = ", ".join(path.name for path in paths)
        raise BuildError("cohort_merge_mixed", path=str(output), files=names)
    for path in paths:
        for outcome in _read(path):
            found[outcome.slug] = (outcome, path.name)
    return found


def _read(path: Path) -> list[Outcome]:
    from pydantic import TypeAdapter, ValidationError

    try:
        if not path.is_file() or path.is_symlink() or path.stat().st_size > SHARD_LIMIT:
            raise ValueError("not a regular file of a shard")
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError(f"not a {FORMAT!r} file")
        outcomes = TypeAdapter(list[Outcome]).validate_python(data.get("members"))
        for outcome in outcomes:
            _check_links(outcome)
    except (OSError, UnicodeDecodeError, ValueError, ValidationError) as error:
        detail = str(error).strip().splitlines()[0][:200] if str(error).strip() else ""
        raise BuildError("cohort_merge_invalid", path=str(path), detail=detail) from None
    return outcomes


def _check_links(outcome: Outcome) -> None:
    if outcome.slug != slugify(outcome.slug, fallback="profil"):
        raise ValueError(f"bad slug {outcome.slug[:60]!r}")
    folders = [link for link in (outcome.deck, outcome.annexe_folder) if link]  # "": left out
    for link in (*folders, *outcome.documents):
        if not LINK.fullmatch(link) or ".." in link.split("/"):
            raise ValueError(f"bad link {link[:60]!r}")
