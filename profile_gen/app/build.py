"""`profile-gen build`: run Pelican with the profile plugin, atomically.

The site is built in a staging folder beside the output and swapped in only when the
whole build succeeded, so a failed build leaves the previous output untouched.
"""

from __future__ import annotations

import logging
import shutil
import time
from pathlib import Path
from typing import NamedTuple

from pelican import Pelican
from pelican.log import console
from pelican.settings import get_settings_from_file, read_settings

from profile_gen import i18n
from profile_gen.errors import BuildError
from profile_gen.profile.model import Profile
from profile_gen.site.keys import PAGES_KEY, PDF_KEY, PROFILE_KEY, RAISE_KEY

PLUGIN = "profile_gen.site.plugin"


def quiet_pelican() -> None:
    logging.getLogger("pelican").setLevel(logging.WARNING)
    console.quiet = True


def _swap(staging: Path, final: Path) -> None:
    old = final.with_name(f".{final.name}.old")
    if old.exists():
        shutil.rmtree(old)
    if final.exists():
        final.rename(old)
    staging.rename(final)
    if old.exists():
        shutil.rmtree(old)


def project_settings(settings_file: Path, content: Path | None = None) -> dict:
    """Pelican's settings of the project, with `content` as the content folder when given.

    A missing settings file or content folder is a `BuildError` naming it, not a traceback.
    """
    if not settings_file.is_file():
        raise BuildError("build_no_settings", path=str(settings_file))
    if content is not None:
        if not Path(content).is_dir():
            raise BuildError("build_no_content", path=str(content))
        return read_settings(str(settings_file), override={"PATH": str(Path(content).resolve())})
    try:
        return read_settings(str(settings_file))
    except ValueError:  # Pelican refuses a PATH that does not exist
        path = get_settings_from_file(str(settings_file)).get("PATH", "content")
        raise BuildError(
            "build_no_content", path=str(settings_file.resolve().parent / path)
        ) from None


class Built(NamedTuple):
    output: Path
    profile: Profile
    pdf_pages: dict[str, int] | None
    """Pages of each PDF written; None when WeasyPrint is unavailable."""


def run_pelican(
    settings_file: Path,
    output: Path | None = None,
    pdf: bool | tuple[str, ...] = True,
    content: Path | None = None,
) -> Built:
    """Build into a staging folder and swap it in; `pdf` is False, True or some PDF names;
    `content` replaces the settings' content folder (one profile of a cohort)."""
    settings = project_settings(settings_file, content)
    final = Path(output).resolve() if output else Path(settings["OUTPUT_PATH"])
    staging = final.with_name(f".{final.name}.building")
    if staging.exists():
        shutil.rmtree(staging)
    settings["OUTPUT_PATH"] = str(staging)
    settings["DELETE_OUTPUT_DIRECTORY"] = False
    settings[RAISE_KEY] = True
    settings[PDF_KEY] = pdf
    pelican = Pelican(settings)  # loads the profile: a ProfileError stops here
    if PLUGIN not in pelican.settings["PLUGINS"] or PROFILE_KEY not in pelican.settings:
        raise BuildError("build_no_plugin", path=str(settings_file), plugin=PLUGIN)
    try:
        pelican.run()
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _swap(staging, final)
    return Built(final, pelican.settings[PROFILE_KEY], pelican.settings.get(PAGES_KEY, {}))


def build(
    settings_file: Path,
    output: str | None = None,
    lang: str | None = None,
    pdf: bool = True,
    content: Path | None = None,
) -> int:
    """Build the Book (of `content`, else of the settings' content folder) and say where."""
    quiet_pelican()
    started = time.perf_counter()
    final, profile, _ = run_pelican(
        settings_file, Path(output) if output else None, pdf, content=content
    )
    pages = sum(1 for _ in final.rglob("*.html"))
    pdfs = sorted(path.name for path in final.glob("*.pdf"))
    lang = lang or profile.primary_language
    print(
        i18n.text(
            lang,
            "build.done",
            pages=pages,
            output=str(final),
            seconds=f"{time.perf_counter() - started:.2f}",
        )
    )
    if pdfs:
        print(i18n.text(lang, "pdf.written", files=", ".join(str(final / name) for name in pdfs)))
    contact = profile.identity.contact
    online = contact.shown_on("site")
    printed_only = [name for name in contact.shown_on("annexe") if name not in online]
    if printed_only:
        items = ", ".join(i18n.label(lang, f"contact.{name}") for name in printed_only)
        print(i18n.text(lang, "build.print_only", items=items, output=str(final)))
    return 0
