"""The build's PDF step: WeasyPrint prints the annexe and the CV pages to A4 PDFs.

Only files under the output folder are read (no network); a missing system library
(Pango) gives one clear message naming the Debian/Ubuntu packages, and the HTML stays.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
from pathlib import Path
from typing import Any

from profile_gen.errors import PdfUnavailable
from profile_gen.media import write_atomic

PDFS = {"annexe/index.html": "annexe.pdf", "cv/index.html": "cv.pdf"}


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


def _render(page: str, root: Path, shared: dict | None = None) -> Any:
    """The laid-out document of the page at `root/page`. Documents rendered with the same
    `shared` dict reuse their fonts and images."""
    weasyprint = _weasyprint()
    from weasyprint.text.fonts import FontConfiguration

    shared = shared if shared is not None else {}
    fonts = shared.setdefault("fonts", FontConfiguration())
    html = weasyprint.HTML(
        string=(root / page).read_text(encoding="utf-8"),
        base_url=STABLE_ROOT + page,
        url_fetcher=local_fetcher(root),
    )
    return html.render(font_config=fonts, cache=shared.setdefault("images", {}))


def render_pdf(page: str, pdf_file: Path, root: Path, shared: dict | None = None) -> int:
    """Print the page at `root/page` to `pdf_file`; return the number of pages."""
    document = _render(page, root, shared)
    document.write_pdf(str(pdf_file))
    return len(document.pages)


def printed_pages(root: Path, page: str, cache: Path) -> int:
    """How many pages `root/page` prints on, without writing a PDF. The count is kept in
    `cache` by the content of the page and of its stylesheets, so an unchanged page is not
    laid out again (nor WeasyPrint imported)."""
    try:
        digest = hashlib.sha256(importlib.metadata.version("weasyprint").encode())
    except importlib.metadata.PackageNotFoundError:
        raise PdfUnavailable("WeasyPrint is not installed") from None
    for part in [root / page, *sorted((root / "theme" / "css").glob("*.css"))]:
        digest.update(part.read_bytes())
    for font in sorted((root / "theme" / "fonts").glob("*")):  # names and sizes are enough
        digest.update(f"{font.name}:{font.stat().st_size}".encode())
    record = cache / f"{digest.hexdigest()[:24]}.pages"
    try:
        return int(record.read_text(encoding="ascii"))
    except (OSError, ValueError):
        pass
    count = len(_render(page, root).pages)
    write_atomic(record, str(count))
    return count


def write_pdfs(output: Path, only: tuple[str, ...] | None = None) -> dict[str, int]:
    """Write `annexe.pdf` and `cv.pdf` (or `only` some) beside the pages; return page counts."""
    counts = {}
    shared: dict = {}
    for page, pdf in PDFS.items():
        if (output / page).is_file() and (only is None or pdf in only):
            counts[pdf] = render_pdf(page, output / pdf, output, shared)
    return counts
