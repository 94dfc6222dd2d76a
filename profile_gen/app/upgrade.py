"""`profile-gen upgrade`: a repository made by `init` moves to the running version.

It writes the running version's wheel into `.profile-gen/` (or, with `--install SPEC`,
removes it: the CI then installs SPEC) and rewrites the CI files' install line. A CI file
is replaced only while it is exactly as `init` or `upgrade` last wrote it (its hash in
`.profile-gen/ci.sha256`); an edited one is left alone and the new version is written
beside it (`book.yml.new`), with a message: a student's change is never lost silently.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from profile_gen import i18n
from profile_gen.app.init import (
    SUMS,
    TOOL_DIR,
    WORKFLOWS,
    WRITTEN,
    Install,
    InstallError,
    ci_file,
    tool_files,
)

LEGACY = {
    "15d1492b62a597f630f58573e70688a5c5f785c072cd9cce9d686e8e57636de6",  # github, fr
    "a9493a05e348cbf2ae10b201042f134bdd04687b2592d46c30b6f9a4e24db98b",  # github, en
    "db28f7c3a262f301989cf4b2e1bc731069f57d4047deea03f1999ad819299447",  # gitlab, fr
    "6b281c86e7ec403eebf21d366ac032882eb43128e959629e58ec696ae8de0d9b",  # gitlab, en
}
"""The sha256 of the CI files `init` wrote before `ci.sha256` existed (0.2.0, installing
`profile-gen==0.2.0` from an index that never had it): unchanged, they are replaced."""


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _recorded(folder: Path) -> dict[str, str]:
    """`ci.sha256` read back: {path: hash}."""
    path = folder / WRITTEN
    if not path.is_file():
        return {}
    found = {}
    for line in path.read_text("utf-8", errors="replace").splitlines():
        digest, _, name = line.partition("  ")
        if name:
            found[name.strip()] = digest.strip()
    return found


def _language(text: str, host: str, asked: str) -> str:
    """The language `init` wrote the CI file's header in (`asked` when none matches)."""
    for lang in (asked, *i18n.LANGUAGES):
        first = i18n.label(lang, f"init.ci_{host}").split("\n")[0]
        if text.startswith(f"# {first}"):
            return lang
    return asked


def _tool(install: Install) -> dict[str, bytes]:
    """The wheel and its `SHA256SUMS` (wheel mode), read before anything is written."""
    if install.spec is not None:
        return {}
    from profile_gen.app.wheel import running_wheel

    return tool_files(install, running_wheel().data)


def _write_tool(folder: Path, wanted: dict[str, bytes], lang: str, say: Callable) -> None:
    for relative, content in wanted.items():
        target = folder / relative
        if target.is_file() and target.read_bytes() == content:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        say(i18n.text(lang, "upgrade.written", path=str(target)))


def _remove_old(folder: Path, install: Install, wanted: dict[str, bytes], lang, say) -> None:
    """Other versions' wheels (and `SHA256SUMS` when no wheel is carried any more)."""
    for old in [*sorted((folder / TOOL_DIR).glob("profile_gen-*.whl")), folder / SUMS]:
        if old.is_file() and f"{TOOL_DIR}/{old.name}" not in wanted:
            old.unlink()
            say(i18n.text(lang, "upgrade.removed", path=str(old)))
            if old.suffix == ".whl" and install.spec is None:
                _rename_in_readme(folder, old.name, install.wheel)


def _rename_in_readme(folder: Path, old: str, new: str) -> None:
    """The README's install command names the new wheel (a file name, nothing else)."""
    readme = folder / "README.md"
    if readme.is_file():
        text = readme.read_text("utf-8", errors="replace")
        if f"{TOOL_DIR}/{old}" in text:
            readme.write_text(text.replace(f"{TOOL_DIR}/{old}", f"{TOOL_DIR}/{new}"), "utf-8")


def _upgrade_ci(folder: Path, install: Install, lang: str, say: Callable) -> bool:
    """Each CI file rewritten while unchanged; False when one was edited (`.new` beside)."""
    recorded = _recorded(folder)
    untouched = True
    for host, (relative, _) in WORKFLOWS.items():
        target = folder / relative
        if not target.is_file():
            continue
        # as git stores it: a Windows checkout may turn LF into CRLF
        current = target.read_text("utf-8", errors="replace").replace("\r\n", "\n")
        found = ci_file(host, _language(current, host, lang), install)
        assert found is not None
        text = found[1]
        recorded_hash, recorded[relative] = recorded.get(relative), _sha256(text)
        if current == text:
            say(i18n.text(lang, "upgrade.current", path=str(target)))
        elif _sha256(current) in {recorded_hash, *LEGACY}:
            target.write_text(text, encoding="utf-8", newline="\n")
            say(i18n.text(lang, "upgrade.written", path=str(target)))
        else:
            beside = target.with_name(target.name + ".new")
            beside.write_text(text, encoding="utf-8", newline="\n")
            say(i18n.text(lang, "upgrade.edited", path=str(target), new=str(beside)))
            untouched = False
    lines = "".join(f"{digest}  {path}\n" for path, digest in sorted(recorded.items()))
    if lines:
        (folder / WRITTEN).parent.mkdir(parents=True, exist_ok=True)
        (folder / WRITTEN).write_text(lines, encoding="utf-8", newline="\n")
    return untouched


def upgrade(
    folder: Path,
    lang: str = "fr",
    spec: str | None = None,
    index_url: str | None = None,
    say: Callable = print,
) -> int:
    """Move the repository at `folder` to the running version (or to `spec`): 0 done,
    1 when an edited CI file got its new version beside it."""
    install = Install.chosen(spec, index_url)
    known = [folder / "profile.yaml", folder / TOOL_DIR] + [
        folder / p for p, _ in WORKFLOWS.values()
    ]
    if not any(path.exists() for path in known):
        raise InstallError("upgrade_not_a_repository", path=str(folder))
    wanted = _tool(install)
    _write_tool(folder, wanted, lang, say)
    untouched = _upgrade_ci(folder, install, lang, say)
    if untouched:  # an edited CI file still installs the old wheel: kept until merged
        _remove_old(folder, install, wanted, lang, say)
    say(i18n.text(lang, "upgrade.done" if untouched else "upgrade.compare"))
    return 0 if untouched else 1
