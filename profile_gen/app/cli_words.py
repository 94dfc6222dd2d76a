"""argparse in French or English: the usage line, the section titles, `-h` and parse errors.

argparse writes its words through `gettext` (`_('usage: ')`, `ngettext(...)`): `speaking`
installs a translation object whose catalogue is `profile_gen.i18n` (`argparse.*`) for the
time of a run. A word it does not know is shown as argparse wrote it.
"""

from __future__ import annotations

import argparse
import gettext
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager

from profile_gen import i18n

WORDS: dict[str, tuple[str, dict[str, str]]] = {
    "usage: ": ("argparse.usage", {}),
    "positional arguments": ("argparse.positionals", {}),
    "options": ("argparse.options", {}),
    "show this help message and exit": ("argparse.help", {}),
    "%(prog)s: error: %(message)s\n": (
        "argparse.error_line",
        {"prog": "%(prog)s", "message": "%(message)s"},
    ),
    "argument %(argument_name)s: %(message)s": (
        "argparse.argument",
        {"arg": "%(argument_name)s", "message": "%(message)s"},
    ),
    "unrecognized arguments: %s": ("argparse.unrecognized", {"args": "%s"}),
    "the following arguments are required: %s": ("argparse.required", {"args": "%s"}),
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "argparse.choice",
        {"value": "%(value)r", "choices": "%(choices)s"},
    ),
    "expected one argument": ("argparse.expected_single", {}),
    "expected at most one argument": ("argparse.expected_most", {}),
    "expected at least one argument": ("argparse.expected_least", {}),
    "invalid %(type)s value: %(value)r": ("argparse.invalid_value", {"value": "%(value)r"}),
    "ambiguous option: %(option)s could match %(matches)s": (
        "argparse.ambiguous",
        {"option": "%(option)s", "matches": "%(matches)s"},
    ),
    "not allowed with argument %s": ("argparse.not_allowed", {"arg": "%s"}),
}
"""argparse's English format strings -> our label and the placeholders it keeps."""

PLURALS = {"expected %s argument": "argparse.expected_n"}


class ArgparseWords(gettext.NullTranslations):
    """argparse's words in `lang`, from the catalogues (format specifiers kept)."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def gettext(self, message: str) -> str:
        if message == "usage: ":  # the label has no trailing space
            return i18n.label(self.lang, "argparse.usage") + " "
        known = WORDS.get(message)
        if known is None:
            return message
        key, keep = known
        return i18n.text(self.lang, key, **keep)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        key = PLURALS.get(msgid1)
        if key is None:
            return msgid1 if n == 1 else msgid2
        return i18n.text(self.lang, key, count=n).replace(str(n), "%s", 1)


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """argparse speaks `lang` inside the block (its `_` and `ngettext` hooks)."""
    words = ArgparseWords(lang)
    before = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = words.gettext, words.ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = before  # type: ignore[attr-defined]


def int_between(lang: str, low: int, high: int):
    """An argparse `type`: a whole number from `low` to `high`, else a message in `lang`."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = None
        if value is None or not low <= value <= high:
            message = i18n.text(lang, "argparse.range", low=low, high=high, found=text)
            raise argparse.ArgumentTypeError(message)
        return value

    return parse


def formats_list(lang: str):
    """An argparse `type`: `pdf,docx` -> ("pdf", "docx"); empty means no document."""
    from profile_gen.outputs import DOCUMENT_FORMATS

    def parse(text: str) -> tuple[str, ...]:
        names = tuple(dict.fromkeys(n.strip().lower() for n in text.split(",") if n.strip()))
        for name in names:
            if name not in DOCUMENT_FORMATS:
                choices = ", ".join(DOCUMENT_FORMATS)
                message = i18n.text(lang, "argparse.formats", found=name, choices=choices)
                raise argparse.ArgumentTypeError(message)
        return names

    return parse


class SpacesOnlyHelp(argparse.HelpFormatter):
    """Help wrapped at spaces only: never inside `profile-gen`, `gh-pages`, a path or an
    option, whatever the terminal's width."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        text = self._whitespace_matcher.sub(" ", text).strip()
        return textwrap.wrap(text, width, break_on_hyphens=False, break_long_words=False)
