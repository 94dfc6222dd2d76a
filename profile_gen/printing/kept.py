"""The PDF step's side of the documents' cache (`profile_gen.media.documents`): a printed
page is kept by the digest of its HTML, of what its PDF says about itself and of the tool;
the files WeasyPrint read while printing it (stylesheets, fonts, pictures) are recorded
with their digests and checked before the kept PDF is used again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from profile_gen.media.documents import DocumentCache, source_epoch, tool_identity
from profile_gen.outputs import BY_NAME

ATTACHED = BY_NAME["annexe.pdf"].at("fr")
"""The PDF that carries the profile as an attachment (`pdf.render_pdf`)."""
LIBRARIES = ("weasyprint", "pydyf", "pikepdf", "tinycss2", "cssselect2", "fonttools", "pyphen")
"""What prints: a new version may print other bytes."""


def pdf_key(cache: DocumentCache, page: str, pdf: str, output: Path, info: Any) -> str | None:
    """The key of the PDF `pdf` printed from `output/page` with the metadata `info`."""
    try:
        html = (output / page).read_bytes()
    except OSError:
        return None
    return cache.key(tool_identity(*LIBRARIES), pdf, page, html, _about(info, pdf))


def _about(info: Any, pdf: str) -> dict | None:
    """What the PDF `pdf` says about itself: its author, subject, the Book's address, its
    attachment (the annexe's only), its date when `SOURCE_DATE_EPOCH` sets it."""
    if info is None:
        return None
    attached = pdf == ATTACHED
    return {
        "author": info.author,
        "subject": info.subjects.get(pdf),
        "book_url": info.book_url,
        "attachment": info.attachment if attached else None,
        "description": info.attachment_description if attached else None,
        "date": source_epoch(),
    }


def reuse_pdfs(
    cache: DocumentCache, jobs: dict[str, str], output: Path, info: Any
) -> tuple[dict[str, int], dict[str, str | None]]:
    """The page counts of the PDFs of `jobs` (page: PDF) kept from a build before and now
    in `output`, and the keys of the others, which must be printed."""
    kept: dict[str, int] = {}
    keys: dict[str, str | None] = {}
    for page, pdf in jobs.items():
        key = pdf_key(cache, page, pdf, output, info)
        found = cache.reuse(pdf, key, output, pdf)
        if found is not None and isinstance(found.get("pages"), int):
            kept[pdf] = found["pages"]
        else:
            keys[pdf] = key
    return kept, keys


def keep_pdfs(
    cache: DocumentCache,
    keys: dict[str, str | None],
    output: Path,
    counts: dict[str, int],
    fetched: dict[str, list[str]],
) -> None:
    """Keep the PDFs just printed, with the files each read (`fetched`, by PDF)."""
    for pdf, key in keys.items():
        inputs = {}
        for relative in sorted(set(fetched.get(pdf, []))):
            digest = cache.digest(output / relative)
            if digest is None:  # read while printing, gone since: not kept
                key = None
                break
            inputs[relative] = digest
        cache.keep(pdf, key, output, pdf, counts.get(pdf), inputs)
