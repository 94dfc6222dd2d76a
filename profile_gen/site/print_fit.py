"""How many pages a printed page takes, laid out by WeasyPrint before the build has copied
the theme: the CV's content is chosen by trying it (`profile.cv_view.largest_fitting`).

The page is laid out as `site.pdf` prints it (same stylesheet, fonts and fetcher rules):
files of the output folder (the printed photo), the theme's own static files for the
stylesheet and its fonts, nothing else.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from profile_gen.site.fetcher import STABLE_ROOT, local_fetcher, weasyprint_module


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
        document = self.weasyprint.HTML(
            string=html, base_url=STABLE_ROOT + page, url_fetcher=local_fetcher(self.root)
        ).render(stylesheets=[self.stylesheet], font_config=self.fonts, cache=self.images)
        return len(document.pages)
