"""Which project a command works on, and its Pelican settings.

A project is a folder holding `profile.yaml` (the current folder by default): its settings
are the package's defaults (`profile_gen.book.settings`) with the values of the folder's
own `pelican.conf.py`, if any, merged over them; its `templates/` folder, if any,
overrides the theme's templates; its outputs go to `output/` beside the profile. The
repository's sample is such a project too (its `pelican.conf.py` sets `PATH = "content"`).
Pelican is imported only when the settings are read.
"""

from __future__ import annotations

import copy
import os
from pathlib import Path
from typing import NamedTuple

from profile_gen.errors import BuildError
from profile_gen.media.folder import templates_folder

SETTINGS_FILE = "pelican.conf.py"
"""A project's own settings, beside its profile: only what it changes from the defaults."""

TEMPLATES_FOLDER = "templates"
"""A project's template overrides, beside its profile (Pelican's THEME_TEMPLATES_OVERRIDES)."""

PROFILE_FILE = "profile.yaml"


class Project(NamedTuple):
    """What a command builds: a settings file (None: the package's defaults) and a content
    folder replacing the settings' `PATH` (None: theirs)."""

    settings_file: Path | None
    content: Path | None


def find_project(
    settings: str | Path | None = None, folder: str | Path | None = None, new: bool = False
) -> Project:
    """The project of `folder` (the current folder by default): its `pelican.conf.py` when
    it has one, else the defaults with `folder` as content; `settings` forces a file.

    A folder with neither settings nor `profile.yaml` is a `BuildError` saying what to do,
    unless the profile is `new` (`import` writes it).
    """
    if settings is not None:
        return Project(Path(settings), Path(folder) if folder is not None else None)
    where = Path(folder) if folder is not None else Path(".")
    if (where / SETTINGS_FILE).is_file():
        return Project(where / SETTINGS_FILE, None)
    if new:
        return Project(None, where)
    if not where.is_dir():
        raise BuildError("build_no_content", path=str(where))
    if not (where / PROFILE_FILE).exists():  # a pipe or a folder there: the loader names it
        shown = str(where.resolve()) if folder is None else str(where)
        raise BuildError("project_no_profile", folder=shown)
    return Project(None, where)


def default_settings() -> dict:
    """The package's default settings (`profile_gen.book.settings`), a fresh copy."""
    from profile_gen.book import settings as defaults

    return {name: copy.deepcopy(value) for name, value in vars(defaults).items() if name.isupper()}


def _templates_folder(content: Path) -> Path | None:
    """The student's `templates/` folder beside the profile, its links followed, when it
    stays inside the student's folder; a link leading out (to the cohort's folder, where
    another student's `private.yaml` lies) is a `BuildError`. The templates' loader checks
    each file against the folder returned (`sandbox.FolderLoader`)."""
    return templates_folder(content / TEMPLATES_FOLDER, content, TEMPLATES_FOLDER)


def _absolute(folder: Path, value: str) -> str:
    return str(value) if Path(value).is_absolute() else os.path.normpath(folder / value)


def project_settings(settings_file: Path | None, content: Path | None = None) -> dict:
    """Pelican's settings of the project: the package defaults, with the settings file's
    values merged over them, and `content` as the content folder when given.

    Relative paths are relative to the settings file's folder, else to `content`, else to
    the current folder. A `templates/` folder beside the profile overrides theme templates.
    A missing settings file or content folder is a `BuildError` naming it, not a traceback.
    """
    values = default_settings()
    folder = Path.cwd()
    if settings_file is not None:
        if not settings_file.is_file():
            raise BuildError("build_no_settings", path=str(settings_file))
        from pelican.settings import get_settings_from_file

        values.update(get_settings_from_file(str(settings_file)))
        folder = settings_file.resolve().parent
    if content is not None:
        if not Path(content).is_dir():
            raise BuildError("build_no_content", path=str(content))
        values["PATH"] = str(Path(content).resolve())
        folder = folder if settings_file is not None else Path(content).resolve()
    for key in ("PATH", "OUTPUT_PATH", "CACHE_PATH"):
        values[key] = _absolute(folder, values[key])
    if (folder / values["THEME"]).is_dir():  # THEME may also name a theme of Pelican's
        values["THEME"] = _absolute(folder, values["THEME"])
    values["PLUGIN_PATHS"] = [_absolute(folder, path) for path in values.get("PLUGIN_PATHS", [])]
    overrides = [_absolute(folder, path) for path in values.get("THEME_TEMPLATES_OVERRIDES", [])]
    beside = _templates_folder(Path(values["PATH"]))
    if beside is not None and str(beside) not in overrides:
        overrides.append(str(beside))
    values["THEME_TEMPLATES_OVERRIDES"] = overrides
    if not Path(values["PATH"]).is_dir():
        raise BuildError("build_no_content", path=values["PATH"])
    from pelican.settings import read_settings

    return read_settings(None, override=values)


def resolve(
    settings: str | None, content: str | None, output: str | None = None
) -> tuple[Path | None, Path | None, Path | None]:
    """(settings file or None for the defaults, content folder or None, output folder or
    None for the settings' own) of the project in `content` or the current folder, from a
    command's options. Outputs go beside the profile: with `content`, `content/output`
    unless `output` says otherwise."""
    settings_file, folder = find_project(settings, content)
    if output is None and content is not None:
        output = str(Path(content) / "output")
    return settings_file, folder, Path(output) if output else None


def resolve_built(
    settings: str | None, content: str | None, output: str | None = None
) -> tuple[Path | None, Path | None, Path]:
    """`resolve`, with the output folder always named (the settings' when not given)."""
    settings_file, folder, chosen = resolve(settings, content, output)
    if chosen is None:
        chosen = Path(project_settings(settings_file, folder)["OUTPUT_PATH"])
    return settings_file, folder, chosen


def project_profile(profile: str | None, settings: str | None) -> tuple[Path, Path | None]:
    """(profile file, settings file or None) that `check` reads: `profile` with the settings
    of its folder when it has some, else the profile of the current folder's project."""
    if profile is not None:
        path = Path(profile)
        if path.is_dir():  # `check ../book`: the profile of that folder
            path = path / PROFILE_FILE
        if settings is not None:
            return path, Path(settings)
        for candidate in (path.parent / SETTINGS_FILE, Path(SETTINGS_FILE)):
            # the folder's own settings, else the current folder's (with the profile's
            # folder as content: the repository's sample and its theme, say)
            if candidate.is_file():
                return path, candidate
        return path, None
    settings_file, folder = find_project(settings)
    return profile_file(settings_file, folder), settings_file


def profile_file(settings_file: Path | None, folder: Path | None) -> Path:
    """The profile of the project `find_project` gives, whether it exists yet or not: the
    one every command reads (`check`, `export`, `build`, `publish`) and `import` writes.

    With a settings file, its `PATH` and `PROFILE_FILE` (the repository's sample:
    `content/profile.yaml`); else `profile.yaml` in the project's folder.
    """
    if settings_file is None:
        return Path(folder if folder is not None else ".") / PROFILE_FILE
    values = default_settings()
    if not settings_file.is_file():
        raise BuildError("build_no_settings", path=str(settings_file))
    from pelican.settings import get_settings_from_file

    values.update(get_settings_from_file(str(settings_file)))
    content = folder or _absolute(settings_file.resolve().parent, values["PATH"])
    path = Path(content).absolute() / values.get("PROFILE_FILE", PROFILE_FILE)
    here = Path.cwd()
    return path.relative_to(here) if path.is_relative_to(here) else path
