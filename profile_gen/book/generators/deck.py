"""The defence outputs: a Pelican generator writing the deck, its printable outline,
`outline.md`, the speaker's cue cards and the jury's likely questions, in every language of
the profile (`soutenance/`, `en/defence/`: see `Book.deck_folder`), for the student's
computer only; and, when the profile publishes it, the deck without notes
(`diaporama/`, `en/slides/`: `Book.public_deck_folder`), the only part of it a build for
publication (`--public`) writes."""

from __future__ import annotations

from pathlib import Path

from profile_gen import i18n
from profile_gen.book.context import ProfileGenerator
from profile_gen.keys import PUBLIC_KEY
from profile_gen.media import cache_folder, images
from profile_gen.profile.model import Profile
from profile_gen.profile.rehearsal import likely_questions
from profile_gen.views.deck import RESULTS_SHOWN, DeckView

DECK_PHOTO_WIDTHS = (480,)
REHEARSAL_PAGES = (
    ("index.html", "deck"),
    ("plan.html", "outline"),
    ("cards.html", "cards"),
    ("questions.html", "questions"),
)
"""The pages of the deck's folder: the deck with its notes and what prepares it."""


def outline_markdown(profile: Profile, deck: DeckView) -> str:
    """The outline as Markdown: one section per slide with its budget and notes."""
    lang, rate = deck.lang, profile.defence.words_per_minute

    def say(key: str, **values) -> str:
        return i18n.text(lang, key, **values)

    lines = [
        f"# {deck.name} — {say('deck.outline')}",
        "",
        say("deck.outline_intro", duration=profile.defence.duration // 60, rate=rate),
        "",
    ]
    for slide in deck.slides:
        lines += [
            f"## {slide.number}. {slide.title}",
            "",
            f"*{say('deck.budget', seconds=slide.seconds, speaking=slide.speaking)}*",
            "",
            slide.notes_text or say(slide.without_notes),
            "",
        ]
    return "\n".join(lines).rstrip() + "\n"


class DefenceGenerator(ProfileGenerator):
    """Writes the deck, its printable outline and `outline.md` in every language."""

    def generate_output(self, writer) -> None:
        profile: Profile = self.context["profile"]
        public_build = bool(self.settings.get(PUBLIC_KEY))
        if public_build and not profile.defence.public_deck:
            return
        book = self.context["book"]
        questions = likely_questions(profile)
        photo = profile.identity.photo
        deck_photo = None
        if photo and profile.identity.contact.photo_shown_on("online"):
            cache = cache_folder(self.settings, "images")
            source = Path(self.settings["PATH"]) / photo.path
            deck_photo = images.picture(
                source, "portrait", DECK_PHOTO_WIDTHS, Path(self.output_path), cache
            )
        for lang in profile.locale:
            folder = book.deck_folder(lang)
            deck = self.context["views"].deck(lang)
            shared = dict(
                lang=lang,
                deck=deck,
                slides=deck.slides,
                results_shown=RESULTS_SHOWN,
                question_groups=questions,
                deck_photo=deck_photo,
            )
            pages = (
                [] if public_build else [(f"{folder}/{n}", t, False) for n, t in REHEARSAL_PAGES]
            )
            if profile.defence.public_deck:
                pages.append((f"{book.public_deck_folder(lang)}/index.html", "deck", True))
            for path, template, public in pages:
                writer.write_file(
                    path,
                    self.get_template(template),
                    self.context,
                    relative_urls=self.settings["RELATIVE_URLS"],
                    public=public,
                    **shared,
                )
            if not public_build:
                target = Path(self.output_path) / folder / "outline.md"
                target.write_text(outline_markdown(profile, deck), encoding="utf-8")
