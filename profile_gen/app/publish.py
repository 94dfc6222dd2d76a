"""`profile-gen publish`: put the built Book online, never the print outputs.

Two roads, one filter (`profile_gen.outputs.is_kept_off`, the output registry: the annexe, the CV, every
PDF, DOCX and PPTX hold data meant for print only; the deck's folders hold the speaker
notes, the cue cards, the outline and the prepared answers, for the student's computer
only):

- `publish DEST` copies the Book into a folder (e.g. a clone of a Pages repository);
- `publish --git REMOTE [--branch gh-pages]` commits the Book to a branch of the current
  git repository and pushes it, with ghp-import (the tool Pelican's own documentation uses
  for GitHub Pages), `.nojekyll` included so that Pages serves every folder as it is.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

from profile_gen import i18n
from profile_gen.app.terminal import say
from profile_gen.errors import BuildError
from profile_gen.outputs import PRINT, SYSTEM_FILES, is_book, is_kept_off, kept_off

DEFAULT_BRANCH = "gh-pages"
DEFAULT_MESSAGE = "Publish the Book (profile-gen)"
COMMITTER = (
    ("user.name", "GIT_COMMITTER_NAME", "profile-gen"),
    ("user.email", "GIT_COMMITTER_EMAIL", "profile-gen@localhost"),
)
"""Who signs the branch's commit when git has no `user.name` / `user.email` set."""
GIT_TIMEOUT = 120
"""Seconds a look-up of the remote may take before it counts as unreachable."""


def require_build(output: Path) -> None:
    if not (output / "index.html").is_file():
        raise BuildError("publish_no_build", path=str(output))


def left_out(output: Path) -> list[str]:
    """The print outputs of `output` that a copy of the Book leaves out (those it has)."""
    return [name for name in kept_off([PRINT]) if (output / name).exists()]


def _stray(folder: Path, name: str) -> bool:
    """What the build did not write, never copied: a hidden file (`.DS_Store`,
    LibreOffice's `.~lock.annexe.docx#`, which holds its user's name), Word's `~$` lock
    file, a system's thumbnails, or a Book of its own below the root (`build -o
    output/sub`: its annexe and CV are at no place `is_kept_off` knows)."""
    if name.startswith((".", "~$")) or name in SYSTEM_FILES:
        return True
    return is_book(folder / name)


def copy_public(output: Path, target: Path) -> None:
    """Copy `output` into `target`, leaving out every print output and what the build did
    not write (`_stray`)."""

    def ignore(folder: str, names: list[str]) -> set[str]:
        relative = Path(folder).relative_to(output)
        return {
            name
            for name in names
            if is_kept_off((relative / name).as_posix()) or _stray(Path(folder), name)
        }

    shutil.copytree(output, target, ignore=ignore, dirs_exist_ok=True)


# --------------------------------------------------------------------------- to a folder


def publish_folder(output: Path, target: Path, force: bool, lang: str) -> int:
    """Copy the Book to `target` without the print outputs."""
    require_build(output)
    built, destination = output.resolve(), target.resolve()
    if destination == built or built in destination.parents or destination in built.parents:
        raise BuildError("publish_overlap", path=str(target), output=str(output))
    # a folder an earlier `publish` wrote is the Book's again; any other one, with --force
    if target.exists() and any(target.iterdir()) and not force and not is_book(target):
        raise BuildError("publish_not_empty", path=str(target))
    copy_public(output, target)
    private = left_out(output)
    stale = [name for name in kept_off() if (target / name).exists()]
    for name in stale:  # left there by an earlier copy of the whole output
        if (target / name).is_dir():
            shutil.rmtree(target / name)
        else:
            (target / name).unlink()
    if private:
        say(i18n.text(lang, "publish.done", path=str(target), left=", ".join(private)))
    else:
        say(i18n.text(lang, "publish.done_all", path=str(target)))
    say(i18n.text(lang, "publish.rehearsal"))
    if stale:
        say(i18n.text(lang, "publish.removed", path=str(target), names=", ".join(stale)))
    return 0


# --------------------------------------------------------------------------- to a git branch


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        errors="replace",
        timeout=GIT_TIMEOUT,
        stdin=subprocess.DEVNULL,
        check=False,
    )


def _git_reason(text: str) -> str:
    """git's first `fatal:` line (its reason), else its last line."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    fatal = [line for line in lines if line.startswith("fatal: ")]
    return (fatal or lines or [""])[0 if fatal else -1].removeprefix("fatal: ")


def _repository(folder: Path) -> Path:
    """The top folder of the git repository that holds `folder`."""
    if shutil.which("git") is None:
        raise BuildError("publish_no_git")
    found = _git(folder, "rev-parse", "--show-toplevel")
    if found.returncode != 0:
        raise BuildError("publish_not_a_repo", path=str(folder))
    return Path(found.stdout.strip())


def _check_remote(repository: Path, remote: str, branch: str) -> None:
    """The remote answers, and `branch` is not the branch the student works on."""
    current = _git(repository, "symbolic-ref", "--quiet", "--short", "HEAD")
    if current.returncode == 0 and current.stdout.strip() == branch:
        raise BuildError("publish_current_branch", branch=branch)
    try:
        answer = _git(repository, "ls-remote", "--heads", remote)
    except subprocess.TimeoutExpired:
        raise BuildError("publish_unreachable", remote=remote, detail="timeout") from None
    if answer.returncode != 0:
        detail = _git_reason(answer.stderr) or f"git ls-remote: {answer.returncode}"
        raise BuildError("publish_unreachable", remote=remote, detail=detail)


DOMAIN = re.compile(r"(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)+")
"""A custom domain as GitHub Pages writes it in `CNAME` (`book.example.fr`)."""


def _published_cname(repository: Path, branch: str) -> str | None:
    """The custom domain the published branch names in its `CNAME` (GitHub commits it there
    when one is set in Settings → Pages): the next commit keeps it, else the domain goes."""
    shown = _git(repository, "show", f"refs/heads/{branch}:CNAME")
    name = shown.stdout.strip() if shown.returncode == 0 else ""
    return name if DOMAIN.fullmatch(name) else None


@contextlib.contextmanager
def _committer(repository: Path) -> Iterator[None]:
    """A committer name and address for the branch's commit when git has none set."""
    added = {}
    for key, variable, default in COMMITTER:
        if not os.environ.get(variable) and not _git(repository, "config", key).stdout.strip():
            added[variable] = default
    os.environ.update(added)
    try:
        yield
    finally:
        for variable in added:
            os.environ.pop(variable, None)


def publish_git(
    output: Path,
    remote: str,
    branch: str = DEFAULT_BRANCH,
    message: str | None = None,
    lang: str = "fr",
    folder: Path | None = None,
) -> int:
    """Commit the Book (without the print outputs) to `branch` of the git repository that
    holds `folder` (the current folder by default) and push it to `remote` (a remote's name
    or address)."""
    from ghp_import import GhpError, ghp_import

    require_build(output)
    repository = _repository(Path.cwd() if folder is None else folder)
    _check_remote(repository, remote, branch)
    cname = _published_cname(repository, branch)
    with tempfile.TemporaryDirectory(prefix="profile-gen-publish-") as staging:
        book = Path(staging) / "book"
        copy_public(output, book)
        try:
            with contextlib.chdir(repository), _committer(repository):
                ghp_import(
                    str(book),
                    remote=remote,
                    branch=branch,
                    mesg=message or DEFAULT_MESSAGE,
                    push=True,
                    nojekyll=True,
                    cname=cname,
                )
        except GhpError as error:
            raise BuildError("publish_git_failed", detail=error.message) from None
        except subprocess.CalledProcessError:  # git push said why, above
            raise BuildError("publish_push_failed", remote=remote, branch=branch) from None
    if left := ", ".join(left_out(output)):
        say(i18n.text(lang, "publish.pushed", remote=remote, branch=branch, left=left))
    else:
        say(i18n.text(lang, "publish.pushed_all", remote=remote, branch=branch))
    say(i18n.text(lang, "publish.rehearsal"))
    return 0
