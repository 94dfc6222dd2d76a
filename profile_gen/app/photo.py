"""The source images' location and camera data: `check` names the images that carry it
(the profile's photo, the images of its `images/` and `articles/` folders: a public
repository publishes them as they are; the Book's copies are cleaned by the build),
`profile-gen photo strip` removes it (`profile_gen.media.metadata`)."""

from __future__ import annotations

from pathlib import Path

from profile_gen import i18n
from profile_gen.app.terminal import say
from profile_gen.errors import BuildError
from profile_gen.media.images import upright_size
from profile_gen.media.metadata import IMAGE_SUFFIXES, CannotStrip, sensitive, strip
from profile_gen.profile.model import Profile

IMAGES_FOLDER = "images"
ARTICLES_FOLDER = "articles"
MAX_IMAGES = 500
"""Images looked at in a profile's folder, at most: `check` stays quick on any folder."""


def source_images(profile: Profile, folder: Path) -> list[Path]:
    """The profile's photo and the images of `folder/images/` and `folder/articles/` (which
    articles attach), each once, only files that really lie inside `folder` (a link out of
    it is not followed)."""
    candidates = [folder / profile.identity.photo.path] if profile.identity.photo else []
    for images in (folder / IMAGES_FOLDER, folder / ARTICLES_FOLDER):
        if images.is_dir() and not images.is_symlink():
            files = (p for p in images.rglob("*") if p.suffix.lower() in IMAGE_SUFFIXES)
            candidates += sorted(files)
    root, seen, found = folder.resolve(), set(), []
    for path in candidates[:MAX_IMAGES]:
        resolved = path.resolve()
        if resolved in seen or root not in resolved.parents or not resolved.is_file():
            continue
        seen.add(resolved)
        found.append(path)
    return found


PRINT_SIDE = 300
"""Pixels the photo's shorter side needs at least: printed 3.4 cm wide on the CV and the
annexe, fewer would be under 225 dpi, blurred or blocky on paper."""


def small_photo(profile: Profile, folder: Path) -> tuple[int, int] | None:
    """(width, height) of the profile's photo, upright, when too small to print sharp."""
    photo = profile.identity.photo
    if photo is None:
        return None
    try:
        width, height = upright_size(folder / photo.path)
    except Exception:  # a missing or unreadable photo is the build's own error
        return None
    return (width, height) if min(width, height) < PRINT_SIDE else None


def exposing(profile: Profile, profile_path: Path) -> list[tuple[Path, list[str]]]:
    """(image, kinds of data) of the profile's images that tell where they were taken or
    which camera took them (`metadata.KINDS`)."""
    found = ((path, sensitive(path)) for path in source_images(profile, profile_path.parent))
    return [(path, kinds) for path, kinds in found if kinds]


def describe(kinds: list[str], lang: str) -> str:
    return ", ".join(i18n.label(lang, f"photo.kind.{kind}") for kind in kinds)


def strip_files(files: list[Path], reencode: bool, lang: str) -> int:
    """Remove the metadata of `files` and say what was done to each."""
    for path in files:
        if not path.is_file():
            raise BuildError("photo_missing", path=str(path))
        try:
            done = strip(path, reencode)
        except CannotStrip as error:
            raise BuildError(error.reason, path=str(path), detail=error.detail) from None
        if not done.changed:
            key = "photo.clean"
        elif done.reencoded:
            key = "photo.reencoded"
        else:
            key = "photo.stripped" if done.orientation == 1 else "photo.stripped_oriented"
        say(i18n.text(lang, key, path=str(path)))
    return 0


def strip_profile_images(profile: Profile, profile_path: Path, reencode: bool, lang: str) -> int:
    """`photo strip` without files: the profile's images that `check` warns about."""
    files = [path for path, _ in exposing(profile, profile_path)]
    if not files:
        say(i18n.text(lang, "photo.nothing", folder=str(profile_path.parent.absolute())))
        return 0
    return strip_files(files, reencode, lang)
