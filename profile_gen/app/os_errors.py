"""What the file system said, in the user's words: one home for `report` (`app.cli`) and
the cohort's members that cannot be read or written (`app.cohort`)."""

from __future__ import annotations

import errno

from profile_gen import i18n

OS_REASONS = {
    errno.ENOENT: "not_found",
    errno.ENOTDIR: "not_a_folder",
    errno.EISDIR: "is_a_folder",
    errno.EACCES: "denied",
    errno.EPERM: "denied",
    errno.EEXIST: "exists",
    errno.ENOSPC: "disk_full",
    errno.EROFS: "read_only",
    errno.ELOOP: "loop",
    errno.ENAMETOOLONG: "name_too_long",
}


def os_reason(lang: str, error: OSError) -> str:
    """Why `error` happened, in the catalogue's words when it has them (`os.<key>`), else
    as the system said it."""
    key = OS_REASONS.get(error.errno or 0)
    return i18n.label(lang, f"os.{key}") if key else (error.strerror or str(error))
