"""How many pages a printed page takes, laid out by WeasyPrint before the build has copied
the theme: the CV's content is chosen by trying it (`views.cv.fit`).

The page is laid out as `site.pdf` prints it (same stylesheet, fonts and fetcher rules):
files of the output folder (the printed photo), the theme's own static files for the
stylesheet and its fonts, nothing else. The choice is kept in the build's cache by the
content of the pages tried with every candidate and with the least, of the stylesheets,
fonts and rule (`cv_view`), and WeasyPrint's version: an unchanged CV is not laid out again.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from profile_gen.errors import PdfUnavailable
from profile_gen.media import read_record, write_atomic
from profile_gen.printing.fetcher import STABLE_ROOT, laid_out, local_fetcher, weasyprint_module
from profile_gen.views import cv as cv_view_module
from profile_gen.views.cv import CvView, cv_view, fit
from profile_gen.views.glyphs import printed_spaces

STYLESHEET_LINK = re.compile(r'<link rel="stylesheet" href="[^"]*">')
"""The page's own link to the theme's stylesheet, not copied yet: given directly instead."""
DESIGN_STYLE = re.compile(r"<style data-design>(.*?)</style>", re.S)
"""The design's additions to the stylesheet (`_head.html`), which follow it: given after it."""
PAGES = ("cv/index.html", "annexe/index.html")
"""The CV page and the annexe's first page, where the CV must hold."""


class Layout:
    """Lays out pages of the output folder `root` with the theme's `static` print
    stylesheet; fonts are loaded once for all the pages it measures."""

    def __init__(self, root: Path, static: Path) -> None:
        self.weasyprint = weasyprint_module()  # PdfUnavailable without WeasyPrint or Pango
        from weasyprint.text.fonts import FontConfiguration

        self.root, self.fonts = root, FontConfiguration()
        self.stylesheet = self.weasyprint.CSS(
            filename=str(static / "css" / "print.css"),
            font_config=self.fonts,
            url_fetcher=local_fetcher(static),
        )
        self.images: dict[str, Any] = {}

    def pages(self, html: str, page: str) -> int:
        """How many pages `html`, to be written at `root/page`, prints on."""
        fetcher = local_fetcher(self.root)
        design = [
            self.weasyprint.CSS(
                string=found,
                base_url=STABLE_ROOT + page,
                url_fetcher=fetcher,
                font_config=self.fonts,
            )
            for found in DESIGN_STYLE.findall(html)
        ]
        with laid_out(page):
            document = self.weasyprint.HTML(
                string=printed_spaces(DESIGN_STYLE.sub("", STYLESHEET_LINK.sub("", html))),
                base_url=STABLE_ROOT + page,
                url_fetcher=fetcher,
            ).render(
                stylesheets=[self.stylesheet, *design], font_config=self.fonts, cache=self.images
            )
        return len(document.pages)


def fitted_cv(
    profile: Any,
    render: Callable[[str, CvView], str],
    root: Path,
    static: Path,
    cache: Path,
) -> CvView:
    """The CV that fits its page and the annexe's first page (`cv_view.fit`); `render` gives
    the HTML of one of `PAGES` for a view. PdfUnavailable without WeasyPrint."""
    everything = cv_view(profile)
    try:
        digest = hashlib.sha256(importlib.metadata.version("weasyprint").encode())
    except importlib.metadata.PackageNotFoundError:
        raise PdfUnavailable("WeasyPrint is not installed") from None
    for page in PAGES:
        digest.update(render(page, everything).encode())
        digest.update(render(page, cv_view(profile, 0, 0, dense=True)).encode())
    for part in [Path(cv_view_module.__file__), *sorted((static / "css").glob("*.css"))]:
        digest.update(part.read_bytes())  # the rule of the choice and the stylesheets
    for font in sorted((static / "fonts").glob("*")):  # names and sizes are enough
        digest.update(f"{font.name}:{font.stat().st_size}".encode())
    record = cache / f"{digest.hexdigest()[:24]}.fit"
    try:
        links, more, dense = read_record(record).split()
        return cv_view(profile, int(links), int(more), dense == "1")
    except (OSError, ValueError):
        pass
    layout = Layout(root, static)
    counts = fit(
        profile,
        lambda view: layout.pages(render(PAGES[0], view), PAGES[0]) == 1,
        lambda view: layout.pages(render(PAGES[1], view), PAGES[1]) == 1,
    )
    write_atomic(record, "{} {} {:d}".format(*counts))
    return cv_view(profile, *counts)
