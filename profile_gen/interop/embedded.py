"""The profile the annexe PDF carries (a PDF/A-3 associated file), and reading it back.

The annexe is a printed document, so its attachment holds what the printed annexe may show:
the contact items and the photo whose visibility is `public` or `annexe`; `private` ones are
left out, as are the defence's speaker notes and prepared answers (rehearsal material).
`profile-gen import pdf annexe.pdf` (or `import jsonresume annexe.pdf`) reads the
attachment back, so a lost `profile.yaml` can be recovered from the annexe's file.
"""

from __future__ import annotations

import json
from pathlib import Path

from profile_gen.interop import InteropError
from profile_gen.profile.model import Profile

ATTACHMENT_NAME = "resume.json"
"""The attachment's file name: the JSON Resume convention, read by other tools too."""


def printed_profile(profile: Profile) -> Profile:
    """`profile` without what the printed annexe may not show (visibility `private`), nor
    the defence's rehearsal texts (speaker notes, prepared answers: rehearsal material)."""
    return profile.model_copy(
        update={
            "identity": profile.identity.as_shown_on("annexe"),
            "defence": profile.defence.without_rehearsal(),
        }
    )


def attachment_text(profile: Profile) -> str:
    """The JSON Resume (with our `meta.profile_gen` extension) attached to the annexe PDF,
    in the annexe's language (the primary one); the extension keeps every language."""
    from profile_gen.interop.jsonresume import export

    printed = printed_profile(profile)
    resume = export(printed, printed.primary_language, include_private=True)  # printed already
    return json.dumps(resume, ensure_ascii=False, indent=2) + "\n"


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
