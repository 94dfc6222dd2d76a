"""Contact details meant for paper only, written in a profile that may well be public.

A Book's repository is usually public: `check` warns when `profile.yaml` itself holds a
contact item that is not shown on the Book (`visibility: annexe` or `private`) and the
file sits, not ignored, in a git repository with a remote. Such items belong in the
git-ignored `private.yaml` beside it (`profile_gen.profile.private`).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from profile_gen.profile.identity import CONTACT_ITEMS
from profile_gen.profile.model import Profile
from profile_gen.profile.yaml_source import YamlProblems, decode, parse


def written_off_web(profile: Profile, profile_path: Path) -> list[str]:
    """Names of the contact items not shown on the Book that `profile_path` itself holds
    (not those merged from the private file)."""
    try:
        data = parse(decode(profile_path.read_bytes())).data
    except (OSError, YamlProblems):
        return []
    identity = data.get("identity") if isinstance(data, dict) else None
    contact = identity.get("contact") if isinstance(identity, dict) else None
    if not isinstance(contact, dict):
        return []
    online = profile.identity.contact.shown_on("online")
    return [name for name in CONTACT_ITEMS if contact.get(name) is not None and name not in online]


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess | None:
    try:
        return subprocess.run(
            ["git", "-C", str(folder), *args], capture_output=True, text=True, timeout=20
        )
    except (OSError, subprocess.SubprocessError):  # no git: nothing to say
        return None


def in_repository_with_remote(path: Path) -> bool:
    """Whether `path` lies, not git-ignored, in a git repository that has a remote."""
    folder = path.resolve().parent
    remotes = _git(folder, "remote")
    if remotes is None or remotes.returncode != 0 or not remotes.stdout.strip():
        return False
    ignored = _git(folder, "check-ignore", "-q", path.name)
    return ignored is None or ignored.returncode != 0


def git_ignores(path: Path) -> bool | None:
    """Whether git ignores `path` (None: not in a git repository, or no git)."""
    found = _git(path.parent, "check-ignore", "-q", path.name)
    return None if found is None or found.returncode not in (0, 1) else found.returncode == 0


def exposed(profile: Profile, profile_path: Path) -> list[str]:
    """The contact items to move to `private.yaml`, when the profile may be public."""
    found = written_off_web(profile, profile_path)
    return found if found and in_repository_with_remote(profile_path) else []
