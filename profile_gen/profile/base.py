"""What every section of the profile model shares: strict sections, ids, short texts."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

Id = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$",
        max_length=60,
        description="Identifier: lower-case letters, digits and dashes (e.g. `erp-migration`).",
    ),
]
ShortText = Annotated[str, Field(min_length=1, max_length=200)]
ITEM_LIMIT = 30
"""The most items of a list one entry holds (a job's highlights, a skill's keywords, an
achievement's results): each is laid out again at every try of the CV's fit, and ten
thousand one-word highlights held `check` for minutes."""
PATH_LIMIT = 1_000
"""The longest file path a profile names (a picture's), relative to its folder."""


class Section(BaseModel):
    """Base of every section: unknown keys are errors, never silently ignored."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, defer_build=True)
