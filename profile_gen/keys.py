"""The settings keys profile_gen adds to Pelican's settings: one neutral home, imported by the
plugin, the outputs and the commands alike (none of them imports another for a key)."""

from pathlib import Path

PROFILE_KEY = "PROFILE_GEN_PROFILE"
"""The validated `Profile`, once the plugin has loaded it."""

RAISE_KEY = "PROFILE_GEN_RAISE"
"""Set by `profile-gen`: profile errors propagate as exceptions instead of exiting."""

PDF_KEY = "PROFILE_GEN_PDF"
"""False skips the PDF step (`check`, `serve`); `build --no-pdf` asks the formats without
`pdf` instead (`profile_gen.outputs.formats_asked`)."""

PAGES_KEY = "PROFILE_GEN_PDF_PAGES"
"""Set after the PDF step: the printed page count of each PDF."""

CITATION_KEY = "PROFILE_GEN_CITATION"
"""The citation style and access date read from the settings, checked once."""

SHARED_KEY = "profile_gen_shared"
"""Context key: set once the context shared by every output is built."""

FORMATS_KEY = "PROFILE_GEN_FORMATS"
"""The document formats to write besides the Book's pages: a set of names among
`profile_gen.outputs.DOCUMENT_FORMATS`; missing or None means all of them (`profile-gen build --formats`)."""

PUBLIC_KEY = "PROFILE_GEN_PUBLIC"
"""True for the Book as it goes online (`profile-gen build --public`): no document, no
rehearsal material (`profile_gen.outputs.is_kept_off`), the deck only when the profile
publishes it, without notes."""

CV_FIT_KEY = "PROFILE_GEN_CV_FIT"
"""True: the CV's content is chosen by laying it out (`views.cv.fit`) even in a build that
neither prints nor writes Word (`check`, which counts the printed CV's pages)."""

SANDBOXED_KEY = "PROFILE_GEN_SANDBOXED"
"""Set when a generator's templates ran in the sandbox (the folder holds templates or a
design of its own): the build then reads its pages for scripts (`app.page_safety`)."""

FORCE_KEY = "PROFILE_GEN_FORCE"
"""True: every document is printed again (`build --force`), and kept for the next builds."""

STALE_KEY = "PROFILE_GEN_STALE"
"""Set by `profile-gen build` when it writes over the output the build before replaced
(`profile_gen.app.staging`): removes the files this build did not write. The PDF step calls
it before it reads the pages back; None or missing: nothing to remove."""

DOCUMENTS_KEY = "PROFILE_GEN_DOCUMENTS"
"""The build's documents' cache (`profile_gen.media.documents.of_build`), shared by the
generators and the PDF step; its `status` says which documents were printed or kept."""


def wants(settings: dict, name: str) -> bool:
    """Whether the document format `name` is to be written in this build."""
    chosen = settings.get(FORMATS_KEY)
    return chosen is None or name in chosen


def profile_path(settings: dict) -> Path:
    """The profile file named by the settings, resolved from Pelican's content `PATH`."""
    return Path(settings["PATH"]) / settings.get("PROFILE_FILE", "profile.yaml")


PAGES_URL_KEY = "PROFILE_GEN_PAGES_URL"
"""The address the CI publishes the Book at (GitHub Pages, GitLab Pages: `app.build.
pages_url`), for the 404 page only when the profile has no `links.book`: a 404 page is
served at any depth, where its relative links lead nowhere."""
