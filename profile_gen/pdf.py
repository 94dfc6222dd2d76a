"""The build's PDF step: WeasyPrint prints the annexe and the CV pages to A4 PDFs.

Only files under the output folder are read (no network); a missing system library
(Pango) gives one clear message naming the Debian/Ubuntu packages, and the HTML stays.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

PDFS = {"annexe/index.html": "annexe.pdf", "cv/index.html": "cv.pdf"}


class PdfUnavailable(Exception):
    """WeasyPrint or its system libraries are missing; `detail` says which."""


def _weasyprint() -> Any:
    try:
        import weasyprint
    except (ImportError, OSError) as error:
        raise PdfUnavailable(str(error).splitlines()[0][:160]) from None
    return weasyprint


STABLE_ROOT = "file:///profile-gen-output/"
"""Documents are printed from this address, mapped to the output folder by the fetcher, so
the PDFs do not depend on where the output folder is (WeasyPrint names images by URL)."""


def local_fetcher(root: Path):
    """A WeasyPrint URL fetcher that reads files under `root` and refuses anything else."""
    fetcher: Any = _weasyprint().URLFetcher  # WeasyPrint is imported only when printing
    root = root.resolve()

    class LocalFetcher(fetcher):
        def fetch(self, url, headers=None):
            from urllib.parse import unquote, urlsplit

            if url.startswith(STABLE_ROOT):
                url = (root / unquote(url[len(STABLE_ROOT) :])).as_uri()
            parts = urlsplit(url)
            if parts.scheme != "file" or not Path(unquote(parts.path)).resolve().is_relative_to(
                root
            ):
                raise ValueError(f"refused outside resource: {url[:80]}")
            return super().fetch(url, headers)

    return LocalFetcher(allowed_protocols=["file"], fail_on_errors=True)


def render_pdf(page: str, pdf_file: Path, root: Path, shared: dict | None = None) -> int:
    """Print the page at `root/page` to `pdf_file`; return the number of pages. Documents
    printed with the same `shared` dict reuse their fonts and images."""
    weasyprint = _weasyprint()
    from weasyprint.text.fonts import FontConfiguration

    shared = shared if shared is not None else {}
    fonts = shared.setdefault("fonts", FontConfiguration())
    html = weasyprint.HTML(
        string=(root / page).read_text(encoding="utf-8"),
        base_url=STABLE_ROOT + page,
        url_fetcher=local_fetcher(root),
    )
    document = html.render(font_config=fonts, cache=shared.setdefault("images", {}))
    document.write_pdf(str(pdf_file))
    return len(document.pages)


def write_pdfs(output: Path, only: tuple[str, ...] | None = None) -> dict[str, int]:
    """Write `annexe.pdf` and `cv.pdf` (or `only` some) beside the pages; return page counts."""
    counts = {}
    shared: dict = {}
    for page, pdf in PDFS.items():
        if (output / page).is_file() and (only is None or pdf in only):
            counts[pdf] = render_pdf(page, output / pdf, output, shared)
    return counts
