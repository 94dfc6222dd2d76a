"""`profile-gen init`: a student's repository, ready to fill in and to push.

It holds the commented profile and its schema, `private.yaml` for the contact details
that must stay off a public repository (git-ignored), `images/`, `articles/`, a
`.gitignore`, a README for the student, and the CI file that publishes the Book on every
push: GitHub Pages (`--host github`, the default), GitLab Pages (`--host gitlab`) or none.
An existing file is never overwritten.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from importlib import metadata
from importlib.resources import files
from pathlib import Path

from profile_gen import i18n

INSTALL_SPEC = "profile-gen=={version}"
"""What a student's CI and README install: the ONE place saying where profile_gen comes
from (a package index name, or e.g. `profile_gen @ git+https://…@v{version}` while the
project is not published). `{version}` is this package's version: a repository gets the
version that made it."""

HOSTS = ("github", "gitlab", "none")
WORKFLOWS = {
    "github": (".github/workflows/book.yml", "github/book.yml"),
    "gitlab": (".gitlab-ci.yml", "gitlab/gitlab-ci.yml"),
}
"""Per host: the CI file written in the repository, and its template among the starters."""

PRIVATE_FILE = "private.yaml"


def version() -> str:
    """This package's version, from its installed metadata."""
    return metadata.version("profile_gen")


def install_spec() -> str:
    return INSTALL_SPEC.format(version=version())


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


def readme(lang: str, host: str) -> str:
    """The student's README: the publishing section of `host` only."""
    text = starter(f"README.{lang}.md")
    for other in WORKFLOWS:
        block = re.compile(rf"<!-- {other} -->\n(.*?)<!-- /{other} -->\n", re.S)
        text = block.sub(r"\1" if other == host else "", text)
    return text.replace("@install", install_spec())


def ci_file(host: str, lang: str) -> tuple[str, str] | None:
    """(path in the repository, text) of the CI file that publishes the Book on `host`."""
    if host not in WORKFLOWS:
        return None
    target, template = WORKFLOWS[host]
    header = "\n".join(f"# {line}" for line in i18n.label(lang, f"init.ci_{host}").split("\n"))
    text = starter(template).replace("# @header", header, 1)
    return target, text.replace("@install", install_spec())


def repository_files(lang: str, host: str) -> dict[str, str]:
    """Every file `init` writes, by path relative to the repository."""
    from profile_gen.profile.schema import SCHEMA_FILE, json_schema_text

    found = {
        "profile.yaml": _localized("profile.yaml", lang),
        PRIVATE_FILE: _localized("private.yaml", lang),
        SCHEMA_FILE: json_schema_text(),
        "README.md": readme(lang, host),
        ".gitignore": starter("gitignore.txt"),
        "articles/.gitkeep": "",
        "images/.gitkeep": "",
    }
    ci = ci_file(host, lang)
    if ci is not None:
        found[ci[0]] = ci[1]
    return found


def init(folder: Path, lang: str = "fr", host: str = "github", say: Callable = print) -> int:
    """Write the repository's files into `folder`, never overwriting one."""
    for relative, content in repository_files(lang, host).items():
        target = folder / relative
        if target.exists():
            say(i18n.text(lang, "init.exists", path=str(target)))
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "x", encoding="utf-8", newline="\n") as handle:  # "x": never overwrite
            handle.write(content)
        say(i18n.text(lang, "init.created", path=str(target)))
    enter = "" if folder.resolve() == Path.cwd().resolve() else f"cd {folder} && "
    say(i18n.text(lang, "init.next", enter=enter))
    if host in WORKFLOWS:
        say(i18n.text(lang, f"init.next_{host}"))
    return 0
