"""`profile-gen init`: a student's repository, ready to fill in and to push.

It holds the commented profile and its schema, `private.yaml` for the contact details
that must stay off a public repository (git-ignored), `images/`, `articles/`, a
`.gitignore`, a README for the student, and the CI file that publishes the Book on every
push: GitHub Pages (`--host github`, the default), GitLab Pages (`--host gitlab`) or none.
The repository carries the tool that made it (`.profile-gen/`: this version's wheel and
its hash), which the CI installs: nothing unpublished is needed, and the CI builds with the
version the student tested (`--install SPEC` names a published one instead).
An existing file is never overwritten: a `.gitignore` already there (GitHub writes one
when asked) gets the lines of ours it lacks, so that `private.yaml` and the printed
documents stay out of the repository; a README already there is kept, and the student's
guide is written beside it (`GUIDE`).
"""

from __future__ import annotations

import hashlib
import re
import shlex
from collections.abc import Callable
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from profile_gen import i18n
from profile_gen.errors import ProfileGenError

HOSTS = ("github", "gitlab", "none")
WORKFLOWS = {
    "github": (".github/workflows/book.yml", "github/book.yml"),
    "gitlab": (".gitlab-ci.yml", "gitlab/gitlab-ci.yml"),
}
"""Per host: the CI file written in the repository, and its template among the starters."""

SLIM_GIT = "apt-get update -qq && apt-get install -y -qq --no-install-recommends git >/dev/null"
"""git in GitLab's `python:3.12-slim` job, for a `--install` from a git address."""
PRIVATE_FILE = "private.yaml"
GITIGNORE = ".gitignore"
README = "README.md"
GUIDE = "GUIDE-profile-gen.md"
"""The student's guide when the repository has a README of its own already."""
TOOL_DIR = ".profile-gen"
"""Where the repository carries the tool: the wheel and its `SHA256SUMS`."""
SUMS = f"{TOOL_DIR}/SHA256SUMS"
WRITTEN = f"{TOOL_DIR}/ci.sha256"
"""The CI files as `init` or `upgrade` last wrote them (sha256): `upgrade` replaces only an
unchanged one."""


class InstallError(ProfileGenError):
    """A `--install` or `--index-url` that cannot go into a CI file."""


@dataclass(frozen=True)
class Install:
    """Where the student's CI (and README) get profile_gen: the wheel carried in
    `.profile-gen/` (`spec` None, the default: the version that made the repository), or
    `spec` (`profile-gen==X`, a git address...) from the package index or `index_url`."""

    wheel: str = ""
    spec: str | None = None
    index_url: str | None = None

    @classmethod
    def chosen(cls, spec: str | None = None, index_url: str | None = None) -> Install:
        """The install asked for on the command line (the carried wheel by default)."""
        for value in (spec, index_url):
            if value is not None and (not value.strip() or not value.isprintable()):
                raise InstallError("install_invalid", value=repr(value))
        if index_url is not None and spec is None:
            raise InstallError("install_index_alone")
        if spec is None:
            return cls(wheel_name())
        spec = spec.strip().replace("{version}", version())
        return cls("", spec, index_url.strip() if index_url else None)

    def _args(self) -> str:
        if self.spec is None:
            return f"{TOOL_DIR}/{self.wheel}"
        index = f"--index-url {shlex.quote(self.index_url)} " if self.index_url else ""
        return index + shlex.quote(self.spec)

    def commands(self) -> list[str]:
        """The CI's shell commands that install profile_gen (the wheel checked first), without
        compiling every module of every library (`--no-compile`): a CI job runs the tool
        once, and compiles on the way only the modules it imports (the install took 29-33 s
        on the reference machine, 20-21 s so; `check` and the build 1.7 s more,
        docs/performance.md)."""
        check = [f"sha256sum --check --strict {SUMS}"] if self.spec is None else []
        return [*check, f"python -m pip install --no-compile {self._args()}"]

    def local(self) -> str:
        """The student's own install command, run in the repository."""
        return f"pipx install {self._args()}"


def version() -> str:
    """This package's version, from its installed metadata."""
    from importlib import metadata  # 0.02-0.07 s to import: not for every command

    return metadata.version("profile_gen")


def starter(name: str) -> str:
    """The text of a starter file shipped in `profile_gen.starter`."""
    return files("profile_gen.starter").joinpath(name).read_text(encoding="utf-8")


def _localized(name: str, lang: str) -> str:
    """`profile.yaml` in French, `profile.en.yaml` in English."""
    if lang == "fr":
        return starter(name)
    stem, _, suffix = name.rpartition(".")
    return starter(f"{stem}.{lang}.{suffix}")


def starter_in(name: str, lang: str) -> str:
    """The starter `name` (`profile.yaml`, `private.yaml`) in `lang`, as `init` writes it."""
    return _localized(name, lang)


def _blocks(text: str, kept: set[str], names: tuple[str, ...]) -> str:
    """`<!-- name -->…<!-- /name -->` blocks: kept (without the markers) or dropped."""
    for name in names:
        block = re.compile(rf"<!-- {name} -->\n(.*?)<!-- /{name} -->\n", re.S)
        text = block.sub(r"\1" if name in kept else "", text)
    return text


def readme(lang: str, host: str, install: Install) -> str:
    """The student's README: the publishing section of `host` only, and where the tool
    comes from."""
    mode = "wheel" if install.spec is None else "spec"
    text = _blocks(starter(f"README.{lang}.md"), {host, mode}, (*WORKFLOWS, "wheel", "spec"))
    where = install.spec or ""
    if install.index_url:
        where += f" (index {install.index_url})"
    return (
        text.replace("@local", install.local())
        .replace("@wheel", f"{TOOL_DIR}/{install.wheel}")
        .replace("@spec", where)
    )


def _yaml_item(command: str) -> str:
    """A shell command as a YAML list item's scalar: plain when YAML reads it back as is."""
    import yaml

    try:
        if yaml.safe_load(f"- {command}") == [command]:
            return command
    except yaml.YAMLError:
        pass
    return "'" + command.replace("'", "''") + "'"


def ci_file(host: str, lang: str, install: Install) -> tuple[str, str] | None:
    """(path in the repository, text) of the CI file that publishes the Book on `host`."""
    if host not in WORKFLOWS:
        return None
    target, template = WORKFLOWS[host]
    header = "\n".join(f"# {line}" for line in i18n.label(lang, f"init.ci_{host}").split("\n"))
    text = starter(template).replace("# @header", header, 1)
    line = re.search(r"^( *)(- )?@install$", text, re.M)
    assert line is not None, template
    indent, item = line.group(1), line.group(2) or ""
    commands = install.commands()
    if host == "gitlab" and install.spec is not None and "git+" in install.spec:
        commands = [SLIM_GIT, *commands]  # pip clones it: the slim image has no git
    commands = [item + (_yaml_item(c) if item else c) for c in commands]
    return target, text.replace(line.group(0), "\n".join(indent + c for c in commands), 1)


def tool_files(install: Install, data: bytes | None) -> dict[str, bytes]:
    """The carried wheel and its `SHA256SUMS` (nothing when a spec is installed)."""
    if install.spec is not None or data is None:
        return {}
    wheel = f"{TOOL_DIR}/{install.wheel}"
    return {wheel: data, SUMS: f"{hashlib.sha256(data).hexdigest()}  {wheel}\n".encode()}


def written_sums(files: dict[str, str]) -> str:
    """`ci.sha256`: the hash of each CI file among `files`, as written."""
    ci = [path for path, _ in WORKFLOWS.values() if path in files]
    return "".join(f"{hashlib.sha256(files[path].encode()).hexdigest()}  {path}\n" for path in ci)


def with_design(profile: str, design: str | None) -> str:
    """The starter profile with `design: NAME` after its `locale:` line (unchanged without)."""
    if design is None:
        return profile
    line = re.search(r"^locale:.*\n", profile, re.M)
    at = line.end() if line else 0
    return f"{profile[:at]}design: {design}\n{profile[at:]}"


def repository_files(
    lang: str, host: str, install: Install | None = None, design: str | None = None
) -> dict[str, str]:
    """Every text file `init` writes, by path relative to the repository."""
    from profile_gen.profile.schema import SCHEMA_FILE, json_schema_text

    install = install or Install.chosen()
    found = {
        "profile.yaml": with_design(_localized("profile.yaml", lang), design),
        PRIVATE_FILE: _localized("private.yaml", lang),
        SCHEMA_FILE: json_schema_text(),
        README: readme(lang, host, install),
        GITIGNORE: _localized("gitignore.txt", lang),
        "articles/.gitkeep": "",
        "images/.gitkeep": "",
    }
    ci = ci_file(host, lang, install)
    if ci is not None:
        found[ci[0]] = ci[1]
        found[WRITTEN] = written_sums(found)
    return found


def wheel_name() -> str:
    """The file name of the running version's wheel."""
    from profile_gen.app.wheel import running_distribution, wheel_name_of

    return wheel_name_of(running_distribution())


def init(
    folder: Path,
    lang: str = "fr",
    host: str = "github",
    say: Callable = print,
    install: Install | None = None,
    design: str | None = None,
) -> int:
    """Write the repository's files into `folder`, never overwriting one; `design` is
    written in the profile (`design: NAME`)."""
    install = install or Install.chosen()
    data = None
    if install.spec is None:
        from profile_gen.app.wheel import running_wheel

        data = running_wheel().data  # before any file: a refusal leaves nothing half-done
    files: dict[str, str | bytes] = {**repository_files(lang, host, install, design)}
    files.update(tool_files(install, data))
    guide = README
    if (folder / README).exists() and not (folder / GUIDE).exists():
        files[GUIDE], guide = files.pop(README), GUIDE
    for relative, content in files.items():
        target = folder / relative
        if target.exists():
            if relative == GITIGNORE and isinstance(content, str):
                _complete_gitignore(target, content, lang, say)
                continue
            say(i18n.text(lang, "init.exists", path=str(target)))
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "xb") as handle:  # "x": never overwrite
            handle.write(content if isinstance(content, bytes) else content.encode("utf-8"))
        say(i18n.text(lang, "init.created", path=str(target)))
    enter = "" if folder.resolve() == Path.cwd().resolve() else f"cd {folder} && "
    say(i18n.text(lang, "init.next", enter=enter))
    if host in WORKFLOWS:
        say(i18n.text(lang, f"init.next_{host}", guide=guide))
    return 0


def _complete_gitignore(target: Path, ours: str, lang: str, say: Callable) -> None:
    """`init` with a `.gitignore` already there: ours's patterns it lacks added (`add_ignored`),
    and said."""
    try:
        added = add_ignored(target, ours)
    except OSError:  # a folder, unreadable: told as any file left alone
        added = []
    if added:
        say(i18n.text(lang, "init.gitignore_completed", path=str(target), lines=", ".join(added)))
    else:
        say(i18n.text(lang, "init.exists", path=str(target)))


def _pattern(line: str) -> str:
    """A `.gitignore` line as compared: `output/`, `/output` and `output` are one."""
    return line.strip().strip("/")


def add_ignored(target: Path, ours: str) -> list[str]:
    """Append to the `.gitignore` at `target` (made when missing) the patterns of `ours`, a
    `.gitignore`'s text, that it lacks, each with the comment above it in `ours`; keep its
    line ends. The patterns added (none: the file is left as it was)."""
    try:
        with open(target, encoding="utf-8-sig", errors="replace", newline="") as handle:
            text = handle.read()  # its line ends as they are
    except FileNotFoundError:
        text = ""
    present = {_pattern(line) for line in text.splitlines()}
    blocks: list[tuple[list[str], list[str]]] = []  # (comment lines, patterns)
    for line in filter(str.strip, ours.splitlines()):
        if line.startswith("#") and (not blocks or blocks[-1][1]):
            blocks.append(([], []))
        if not blocks:
            blocks.append(([], []))
        blocks[-1][0 if line.startswith("#") else 1].append(line)
    added, lines = [], []
    for comments, patterns in blocks:
        lacking = [line for line in patterns if _pattern(line) not in present]
        if lacking:
            added += lacking
            lines += [*comments, *lacking]
    if not added:
        return []
    gap = "\n" if text.strip() else ""
    written = ("" if not text or text.endswith("\n") else "\n") + gap + "\n".join(lines) + "\n"
    with open(target, "a", encoding="utf-8", newline="") as handle:
        handle.write(written.replace("\n", "\r\n") if "\r\n" in text else written)
    return added
