"""The profile model, who the person is: identity, photo, contact and its visibility, links."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import Field, field_validator

from profile_gen.profile.base import ITEM_LIMIT, PATH_LIMIT, Section, ShortText
from profile_gen.profile.fields import Localized
from profile_gen.profile.formats import Color, Email, Phone, WebUrl


class Visibility(StrEnum):
    public = "public"
    """On the public site and in the printed annexe."""
    annexe = "annexe"
    """In the printed annexe and CV only, never on the web."""
    private = "private"
    """Nowhere."""


Output = Literal["online", "annexe"]
"""Where data is shown: `online` (the Book, the deck and the exports: public) or `annexe` (printed)."""

SHOWN_ON: dict[str, frozenset[Visibility]] = {
    "online": frozenset({Visibility.public}),
    "annexe": frozenset({Visibility.public, Visibility.annexe}),
}
"""The one rule of visibility: which settings let an item reach each output."""


CONTACT_ITEMS = ("email", "phone", "address", "city")
"""The contact items, each with its own visibility, in the order the outputs list them."""


class ContactVisibility(Section):
    """Where each contact item appears. Phone and address stay off the web by default."""

    email: Visibility = Visibility.public
    phone: Visibility = Visibility.annexe
    address: Visibility = Visibility.annexe
    city: Visibility = Visibility.public
    photo: Visibility = Visibility.public


class Contact(Section):
    email: Email | None = None
    phone: Phone | None = None
    address: Localized | None = Field(None, description="Postal address.")
    city: Localized | None = Field(None, description="City and country, e.g. `Lyon, France`.")
    visibility: ContactVisibility = Field(
        default_factory=ContactVisibility,
        description="`public` (site and annexe), `annexe` (printed only) or `private`.",
    )

    def shown_on(self, output: Output) -> dict[str, object]:
        """The contact items the person chose to show on `output`, by field name."""
        return {
            name: value
            for name in CONTACT_ITEMS
            if (value := getattr(self, name)) is not None
            and getattr(self.visibility, name) in SHOWN_ON[output]
        }

    def photo_shown_on(self, output: Output) -> bool:
        """Whether the photo may appear on `output` (the Book and the deck are `online`)."""
        return self.visibility.photo in SHOWN_ON[output]


class FocalPoint(Section):
    x: float = Field(0.5, ge=0, le=1, description="0 = left edge, 0.5 = centre, 1 = right edge.")
    y: float = Field(0.5, ge=0, le=1, description="0 = top edge, 0.5 = centre, 1 = bottom edge.")


class Photo(Section):
    path: str = Field(
        min_length=1,
        max_length=PATH_LIMIT,
        description="Image file (JPEG, PNG, WebP or HEIC), relative to the folder of "
        "profile.yaml; large phone photos are reduced.",
    )
    alt: Localized = Field(description="Description of the photo for screen readers.")
    focus: FocalPoint = Field(
        default_factory=FocalPoint,
        description="Where the face is, kept in view when the photo is cropped to its frame "
        "(e.g. `{x: 0.5, y: 0.3}` for a face in the upper third).",
    )


class Identity(Section):
    name: ShortText = Field(description="Full name as it should appear.")
    family_name: ShortText | None = Field(
        None,
        description="Family name, when it is not the last word of `name` "
        "(e.g. `Dos Santos`): references are cited as `Dos Santos, A. L.`",
    )
    headline: Localized = Field(description="One line: who you are professionally.")
    photo: Photo | None = None
    contact: Contact = Field(default_factory=Contact)
    color: Color | None = Field(
        None,
        description="Your colour for the Book and the deck (links, titles, buttons), "
        "`#rrggbb`, dark enough for white text; a lighter variant is made for dark mode.",
    )

    def hidden_on(self, output: Output) -> list[str]:
        """The contact items (and `photo`) written in the profile but not shown on `output`."""
        shown = self.contact.shown_on(output)
        hidden = [
            n for n in CONTACT_ITEMS if getattr(self.contact, n) is not None and n not in shown
        ]
        if self.photo is not None and not self.contact.photo_shown_on(output):
            hidden.append("photo")
        return hidden

    def as_shown_on(self, output: Output) -> Identity:
        """This identity without what `output` may not show (an export, an attachment)."""
        hidden = self.hidden_on(output)
        if not hidden:
            return self
        contact = self.contact.model_copy(update={n: None for n in hidden if n != "photo"})
        update: dict[str, object] = {"contact": contact}
        if "photo" in hidden:
            update["photo"] = None
        return self.model_copy(update=update)


class OtherLink(Section):
    label: Localized
    url: WebUrl


class Links(Section):
    book: WebUrl | None = Field(None, description="Public address of the Book (for its QR code).")
    linkedin: WebUrl | None = Field(None, description="LinkedIn profile address.")
    others: list[OtherLink] = Field(default_factory=list, max_length=ITEM_LIMIT)

    @property
    def with_qr_code(self) -> dict[str, WebUrl | None]:
        """The links printed with a QR code (annexe and deck), by name, in order."""
        return {"book": self.book, "linkedin": self.linkedin}

    @field_validator("linkedin")
    @classmethod
    def _linkedin_host(cls, url: WebUrl | None) -> WebUrl | None:
        """LinkedIn's own host, `linkedin.com` or a subdomain of it, as a browser reads it."""
        from pydantic_core import PydanticCustomError

        host = url.host if url else ""
        if url and not (host == "linkedin.com" or host.endswith(".linkedin.com")):
            raise PydanticCustomError(
                "pg_linkedin", "not linkedin", {"found": str(url), "host": host}
            )
        return url
