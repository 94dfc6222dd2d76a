"""JSON Resume (https://jsonresume.org/schema) to and from the profile.

Export (`write`) writes the standard sections in one language; everything JSON Resume has
no place for (strengths, improvements, competencies, defence, visibility, achievement
details, ...) goes under `meta.profile_gen`, so that importing the export (`read`) gives the
profile back. `shape` makes any JSON file take the types the schema promises first.
"""

from __future__ import annotations

from profile_gen.interop.jsonresume.read import drop_missing_files, from_jsonresume, read_resume
from profile_gen.interop.jsonresume.write import META_KEY, export, left_out

__all__ = [
    "META_KEY",
    "drop_missing_files",
    "export",
    "from_jsonresume",
    "left_out",
    "read_resume",
]
