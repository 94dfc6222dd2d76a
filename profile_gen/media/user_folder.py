"""The user's own cache folder: what only this user can write, so what it holds is trusted.

`<temp>/_profile-gen-code-<uid>/`, made with mode 0700 and used only when it is a real
folder owned by the user with that mode, as Python's own `__pycache__` and Jinja's
compiled templates are trusted. Never a folder in a student's project, which an attacker
may have written (a cohort build reads hundreds of them). It holds the code cache
(`app.compiled`) and the images found usable (`media.images.inspect`). None on a system
without user ids (Windows): there, nothing is cached in it.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile


def user_folder() -> str | None:
    """The user's own cache folder, made if needed; None when it is not safe to use."""
    if not hasattr(os, "getuid"):
        return None
    path = os.path.join(tempfile.gettempdir(), f"_profile-gen-code-{os.getuid()}")
    with contextlib.suppress(FileExistsError):
        os.mkdir(path, stat.S_IRWXU)
    try:
        found = os.lstat(path)
    except OSError:
        return None
    safe = (
        stat.S_ISDIR(found.st_mode)
        and found.st_uid == os.getuid()
        and stat.S_IMODE(found.st_mode) == stat.S_IRWXU
    )
    return path if safe else None
