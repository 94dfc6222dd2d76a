"""Contact details meant for paper only, written in a profile that may well be public.

A Book's repository is usually public: `check` warns when `profile.yaml` itself holds a
contact item that is not shown on the Book (`visibility: annexe` or `private`) and the
file sits, not ignored, in a git repository (with a remote or not yet: a commit made
before the remote is pushed with the rest). Such items belong in the
git-ignored `private.yaml` beside it (`profile_gen.profile.private`).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from profile_gen.profile.identity import CONTACT_ITEMS
from profile_gen.profile.model import Profile
from profile_gen.profile.yaml_source import YamlProblems, decode, parse


def _written_contact(path: Path) -> dict:
    """The `identity.contact` mapping the YAML file at `path` itself writes ({}: none)."""
    try:
        data = parse(decode(path.read_bytes())).data
    except (OSError, YamlProblems):
        return {}
    identity = data.get("identity") if isinstance(data, dict) else None
    contact = identity.get("contact") if isinstance(identity, dict) else None
    return contact if isinstance(contact, dict) else {}


def written_off_web(profile: Profile, profile_path: Path) -> list[str]:
    """Names of the contact items not shown on the Book that `profile_path` itself holds
    (not those merged from the private file)."""
    contact = _written_contact(profile_path)
    online = profile.identity.contact.shown_on("online")
    return [name for name in CONTACT_ITEMS if contact.get(name) is not None and name not in online]


def private_online(profile: Profile, profile_path: Path) -> list[str]:
    """Names of the contact items of the private file (kept off the repository, its header
    says never published) that the profile's `visibility` shows on the Book all the same."""
    from profile_gen.profile.private import PRIVATE_FILE

    contact = _written_contact(profile_path.parent / PRIVATE_FILE)
    online = profile.identity.contact.shown_on("online")
    return [name for name in CONTACT_ITEMS if contact.get(name) is not None and name in online]


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess | None:
    try:
        return subprocess.run(
            ["git", "-C", str(folder), *args], capture_output=True, text=True, timeout=20
        )
    except (OSError, subprocess.SubprocessError):  # no git: nothing to say
        return None


def in_repository(path: Path) -> bool:
    """Whether `path` lies, not git-ignored, in a git repository: with a remote or not yet
    (a commit made before `git remote add` is pushed with the rest of the history)."""
    return git_ignores(path.resolve()) is False


def git_ignores(path: Path) -> bool | None:
    """Whether git ignores `path` (None: not in a git repository, or no git)."""
    found = _git(path.parent, "check-ignore", "-q", path.name)
    return None if found is None or found.returncode not in (0, 1) else found.returncode == 0


def unignored_private(profile_path: Path) -> Path | None:
    """The private file beside `profile_path` when it lies, not git-ignored (or committed
    already), in a git repository: the next `git add -A` sends it with the rest."""
    from profile_gen.profile.private import PRIVATE_FILE

    path = profile_path.parent / PRIVATE_FILE
    return path if path.is_file() and in_repository(path) else None


def exposed(profile: Profile, profile_path: Path) -> list[str]:
    """The contact items to move to `private.yaml`, when the profile may be public: in a
    git repository (not ignored), or in no repository yet (the guide has the student fill
    the profile before `git init`: the first `git add -A` would take it)."""
    found = written_off_web(profile, profile_path)
    return found if found and git_ignores(profile_path.resolve()) is not True else []


# --------------------------------------------------------------------------- the built Book

WATCHED = ("phone", "address", "email")
"""The contact items whose value, kept off the web, must be found on no page of the Book
(not the city: a city's name is in many a text)."""
WEB_TEXT = (".html", ".htm", ".xml", ".json", ".txt", ".js", ".css", ".svg", ".md", ".webmanifest")
"""The Book's files that hold text a visitor or a crawler reads."""
_BETWEEN = r"(?:[\s.,()/+-]|&nbsp;|&#160;|&#xa0;|&#8239;|&#x202f;|<wbr\s*/?>|\u200b)*"
"""What may stand between a value's words on a page: spaces of every kind, punctuation, a
line-break opportunity (`+33 6 12` is `+33&nbsp;6<wbr>12` once typeset)."""
_BREAK = r"(?:<wbr\s*/?>|\u200b)?"
"""A line-break opportunity the Book puts in an address shown as text (after `@`, `.`)."""


PHONE_DIGITS = 8
"""The last digits of a phone number that say it is this one, however it is written: the
international form's (`+33 6 12 34 56 78`) are the national form's (`06.12.34.56.78`)."""


def _pattern(name: str, value: str) -> str | None:
    """How `value` may be written on a page (a regular expression): an e-mail as it is (a
    break opportunity between its characters); a phone by its last `PHONE_DIGITS` digits,
    whatever between them, and no digit after; an address word by word, whatever between
    them; None for a value too short to say it is this one."""
    if name == "email":
        return _BREAK.join(re.escape(char) for char in value.strip())
    if name == "phone":
        digits = re.sub(r"\D", "", value)[-PHONE_DIGITS:]
        return _BETWEEN.join(digits) + r"(?!\d)" if len(digits) >= 6 else None
    words = re.findall(r"\w+", value)
    if sum(len(word) for word in words) < 6:
        return None
    return _BETWEEN.join(re.escape(word) for word in words)


def _kept_off_web(profile: Profile) -> dict[str, str]:
    """Contact item → the pattern of its value (`_pattern`), for the items kept off the web."""
    contact = profile.identity.contact
    online = contact.shown_on("online")
    return {  # kept for the annexe, or private (never printed)
        name: pattern
        for name in WATCHED
        if name not in online
        and (value := getattr(contact, name, None)) is not None
        and (pattern := _pattern(name, str(value)))
    }


PHONE_LIKE = re.compile(
    r"(?<![\w+])(?:\+\d{2,3}[\s.]?(?:\(0\)\s?)?|0)[1-9](?:[\s.-]?\d{2}){4}(?!\d)"
)
"""A phone number as a French student writes one (`06 12 34 56 78`, `06.12.34.56.78`,
`+33 6 12 34 56 78`, `+33 (0)6...`): found in a text with no `private.yaml` to compare it
with (a CI job's, a fresh clone's)."""


def _texts_matching(profile: Profile, pattern: re.Pattern[str]) -> list[str]:
    """The fields (`summary`, `experience[0].description`) of the profile's texts in which
    `pattern` is found, in any language."""
    from profile_gen.errors import format_path
    from profile_gen.profile.readiness import iter_texts

    return [
        format_path(path)
        for path, text in iter_texts(profile)
        if any(pattern.search(value) for value in text.values.values())
    ]


def phone_like_texts(profile: Profile) -> list[str]:
    """The profile's texts that hold what looks like a phone number: published on the Book
    with them, whether or not `identity.contact.phone` is kept off the web."""
    return _texts_matching(profile, PHONE_LIKE)


def written_in_text(profile: Profile, item: str) -> str | None:
    """The profile's text (`summary`, `experience[0].description`) that writes the value of
    the contact item `item`, kept off the web, if one does."""
    pattern = _kept_off_web(profile).get(item)
    if pattern is None:
        return None
    return next(iter(_texts_matching(profile, re.compile(pattern, re.IGNORECASE))), None)


def web_leaks(folder: Path, profile: Profile) -> list[tuple[str, str]]:
    """(file, item) for each page of the built Book in `folder` (not the print outputs,
    which the Book never publishes: `outputs.is_kept_off`) that shows a contact item kept
    off the web: a student's template or article writing `{{ profile.identity.contact.phone
    }}` or the number itself. The first file found for each item."""
    from profile_gen.app.staging import built_files
    from profile_gen.outputs import is_kept_off

    patterns = _kept_off_web(profile)
    if not patterns:
        return []
    anyone = re.compile(  # one pass over each page (a Book of 1,000 pages: about 0.1 s)
        "|".join(f"(?P<{name}>{pattern})" for name, pattern in patterns.items()), re.IGNORECASE
    )
    found: dict[str, str] = {}
    for relative, path in built_files(folder, WEB_TEXT):
        if is_kept_off(relative):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for match in anyone.finditer(text):
            found.setdefault(str(match.lastgroup), relative)
    return [(file, item) for item, file in found.items()]
