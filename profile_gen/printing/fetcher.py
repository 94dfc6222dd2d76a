"""THE fetcher of every page WeasyPrint prints: the build's own files and small `data:`
images, nothing else (no network, no file of the computer outside the output folder).

A refused resource is a plain exception, which WeasyPrint turns into a skipped one (never
its `FatalURLFetchingError`, a `BaseException` no caller expects); `site.pdf._render`
names the first refused address in a clear error.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from profile_gen.errors import PdfUnavailable


def weasyprint_module() -> Any:
    try:
        import weasyprint
    except (ImportError, OSError) as error:
        raise PdfUnavailable(str(error).splitlines()[0][:160]) from None
    return weasyprint


STABLE_ROOT = "file:///profile-gen-output/"
"""Documents are printed from this address, mapped to the output folder by the fetcher, so
the PDFs do not depend on where the output folder is (WeasyPrint names images by URL)."""


DATA_LIMIT = 5 * 1024 * 1024
"""The largest `data:` address a printed page may hold (its text, about 4/3 of the image)."""


def local_fetcher(root: Path):
    """THE WeasyPrint URL fetcher of every printed page: it reads the files under `root`
    (the build's output: its pages, theme and images) and `data:` images up to
    `DATA_LIMIT`, and refuses anything else (another server, a file outside `root`, another
    scheme) with a plain exception, which WeasyPrint turns into a skipped resource; the
    refused addresses are kept in its `refused` list (`_render` names them)."""
    fetcher: Any = weasyprint_module().URLFetcher  # WeasyPrint is imported only when printing
    root = root.resolve()

    class LocalFetcher(fetcher):
        refused: list[str]

        def fetch(self, url, headers=None):
            try:
                return super().fetch(self.allowed(url), headers)
            except Exception:
                self.refused.append(url)
                raise

        def allowed(self, url: str) -> str:
            """`url` as it may be read, or a ValueError."""
            from urllib.parse import unquote, urlsplit

            if url[:5].lower() == "data:":
                if len(url) > DATA_LIMIT:
                    raise ValueError(f"data: address over {DATA_LIMIT} characters")
                return url
            if url.startswith(STABLE_ROOT):
                url = (root / unquote(url[len(STABLE_ROOT) :])).as_uri()
            parts = urlsplit(url)
            if parts.scheme != "file" or not Path(unquote(parts.path)).resolve().is_relative_to(
                root
            ):
                raise ValueError(f"refused outside resource: {url[:80]}")
            return url

    # never fail_on_errors: WeasyPrint would stop with a BaseException no caller expects
    local = LocalFetcher(allowed_protocols=["file", "data"], fail_on_errors=False)
    local.refused = []
    return local
