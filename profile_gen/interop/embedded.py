"""The profile the annexe PDF carries (a PDF/A-3 associated file).

The annexe is a printed document, so its attachment holds what the printed annexe may show:
the contact items and the photo whose visibility is `public` or `annexe`; `private` ones are
left out, as are the defence's speaker notes and prepared answers (rehearsal material).
`profile-gen import pdf annexe.pdf` (or `import jsonresume annexe.pdf`) reads the
attachment back (`jsonresume.attached`), so a lost `profile.yaml` can be recovered from the
annexe's file.
"""

from __future__ import annotations

import json

from profile_gen.interop.jsonresume.attached import ATTACHMENT_NAME
from profile_gen.profile.model import Profile

__all__ = ["ATTACHMENT_NAME", "attachment_text", "printed_profile"]


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
