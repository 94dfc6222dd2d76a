"""argparse in French or English: the usage line, the section titles, `-h` and parse errors.

argparse writes its own words in English, so a French student would read `usage:`,
`options:` and `error: unrecognized arguments` around French help texts. The words live in
`profile_gen.i18n` (`argparse.*`); the patterns below recognise argparse's messages, and a
message they do not recognise is shown as argparse wrote it.
"""

from __future__ import annotations

import argparse
import re
import sys
import textwrap
from typing import NoReturn

from profile_gen import i18n

ERRORS = (
    ("unrecognized", re.compile(r"unrecognized arguments: (?P<args>.*)")),
    ("required", re.compile(r"the following arguments are required: (?P<args>.*)")),
    (
        "choice",
        re.compile(
            r"argument (?P<arg>.+?): invalid choice: (?P<value>.+?) \(choose from (?P<choices>.*)\)"
        ),
    ),
    ("expected_one", re.compile(r"argument (?P<arg>.+?): expected one argument")),
    ("invalid_value", re.compile(r"argument (?P<arg>.+?): invalid \w+ value: (?P<value>.*)")),
    ("other", re.compile(r"argument (?P<arg>.+?): (?P<detail>.*)")),  # our own checks' words
)


def translate_error(lang: str, message: str) -> str:
    for key, pattern in ERRORS:
        match = pattern.fullmatch(message)
        if match:
            return i18n.text(lang, f"argparse.{key}", **match.groupdict())
    return message


class Parser(argparse.ArgumentParser):
    """An argument parser that speaks `lang`; `parser_class(lang)` makes one per language."""

    lang = "fr"

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("add_help", False)
        kwargs.setdefault("formatter_class", _formatter(self.lang))
        super().__init__(*args, **kwargs)
        self._positionals.title = i18n.label(self.lang, "argparse.positionals")
        self._optionals.title = i18n.label(self.lang, "argparse.options")
        self.add_argument(
            "-h", "--help", action="help", help=i18n.label(self.lang, "argparse.help")
        )

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        word = i18n.label(self.lang, "argparse.error")
        self.exit(2, f"{self.prog}: {word} {translate_error(self.lang, message)}\n")


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


def parser_class(lang: str) -> type[Parser]:
    return type(f"Parser_{lang}", (Parser,), {"lang": lang})


def _formatter(lang: str) -> type[argparse.HelpFormatter]:
    class Formatter(argparse.HelpFormatter):
        def add_usage(self, usage, actions, groups, prefix=None) -> None:
            if prefix is None:
                prefix = i18n.label(lang, "argparse.usage") + " "
            super().add_usage(usage, actions, groups, prefix)

        def _split_lines(self, text: str, width: int) -> list[str]:
            # wrapped at spaces only: never inside `profile-gen`, a path or an option
            text = self._whitespace_matcher.sub(" ", text).strip()
            return textwrap.wrap(text, width, break_on_hyphens=False, break_long_words=False)

    return Formatter
