"""THE fetcher of every page WeasyPrint prints: the build's own files and small `data:`
images, nothing else (no network, no file of the computer outside the output folder).

A refused resource is a plain exception, which WeasyPrint turns into a skipped one (never
its `FatalURLFetchingError`, a `BaseException` no caller expects); `site.pdf._render`
names the first refused address in a clear error.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from profile_gen.errors import BuildError, PdfUnavailable
from profile_gen.printing import prepared


def weasyprint_module() -> Any:
    """WeasyPrint, imported once; PdfUnavailable without it or without Pango."""
    try:
        with _direct_library_names():
            import weasyprint
    except (ImportError, OSError):
        try:  # a system whose libraries only `find_library` finds: the slow way
            import weasyprint
        except (ImportError, OSError) as error:
            raise PdfUnavailable(str(error).splitlines()[0][:160]) from None
    prepared.quicker_types()
    return weasyprint


@contextmanager
def _direct_library_names() -> Iterator[None]:
    """While WeasyPrint loads Pango and its friends: no `ctypes.util.find_library`.

    WeasyPrint tries several names per library (`libpango-1.0-0`, ..., `libpango-1.0.so.0`);
    cffi looks each name that does not load up with `find_library`, which on Linux starts
    `ldconfig`, `gcc` and `ld` (WeasyPrint issue #1125): about 0.2-0.5 s of every build that
    prints. The names that load (`libpango-1.0.so.0`, `libpango-1.0.dylib`, `...-0.dll`)
    are opened directly; when none does, the caller imports again the usual way."""
    if "weasyprint" in sys.modules:
        yield
        return
    import ctypes.util

    found = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:
        yield
    finally:
        ctypes.util.find_library = found


STABLE_ROOT = "file:///profile-gen-output/"
"""Documents are printed from this address, mapped to the output folder by the fetcher, so
the PDFs do not depend on where the output folder is (WeasyPrint names images by URL)."""


DATA_LIMIT = 5 * 1024 * 1024
"""The largest `data:` address a printed page may hold (its text, about 4/3 of the image)."""


@contextmanager
def laid_out(page: str) -> Iterator[None]:
    """WeasyPrint lays out and draws `page` inside: a page nested too deeply for it (boxes
    are built and drawn by recursion: hundreds of marks one inside another in a text) is a
    `BuildError` naming the page, not an internal error."""
    try:
        yield
    except RecursionError:
        raise BuildError("pdf_too_deep", page=page) from None


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
        fetched: list[str]

        def fetch(self, url, headers=None):
            try:
                allowed = self.allowed(url)
                if allowed.startswith("file:"):  # what the document is made of: the cache's
                    path = Path(unquote(urlsplit(allowed).path)).resolve()
                    self.fetched.append(path.relative_to(root).as_posix())
                return super().fetch(allowed, headers)
            except Exception:
                self.refused.append(url)
                raise

        def allowed(self, url: str) -> str:
            """`url` as it may be read, or a ValueError."""
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
    local.refused, local.fetched = [], []
    return local
