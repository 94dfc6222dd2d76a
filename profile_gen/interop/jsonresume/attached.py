"""The JSON Resume a PDF carries as an associated file (the annexe's, `interop.embedded`),
read back: `import pdf annexe.pdf` and `import jsonresume annexe.pdf` go through here."""

from __future__ import annotations

from pathlib import Path

from profile_gen.errors import InteropError

ATTACHMENT_NAME = "resume.json"
"""The attachment's file name: the JSON Resume convention, read by other tools too."""


def json_from_pdf(source: Path) -> bytes:
    """The attached JSON Resume of the PDF `source` (the first `.json` attachment)."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        attachments = PdfReader(source).attachments
        names = sorted(attachments, key=lambda name: (name != ATTACHMENT_NAME, name))
        found = [name for name in names if name.lower().endswith(".json")]
        if not found:
            raise InteropError("import_pdf_no_profile", path=str(source))
        return attachments[found[0]][0]
    except (PyPdfError, ValueError, KeyError, IndexError, TypeError) as error:
        raise InteropError("import_pdf_unreadable", path=str(source), detail=str(error)) from None
