"""French typography for every output of a French text (pure: no I/O, no Pelican, no Jinja).

One home for the rules, applied to texts already localized, by language:

- `typeset(text, lang)`: a plain text (a label, a student's plain field, a Word or
  PowerPoint run). French: ’ for the apostrophe, a narrow no-break space (U+202F) before
  ``; ! ?`` and inside « », a no-break space (U+00A0) before ``:`` and ``%`` and between a
  number and its unit, a narrow one between the groups of a number (``1 200 €``), the
  minus sign in ``−70 %``, ‘ opening a quote written with a straight single quote. English
  and other languages: as written, but for the spaces written between a number and its
  unit or ``%`` and between the groups of a number, made no-break (a French text shown on
  an English page, « 3,5 jours », does not break there either).
- `nested(text, lang)`: a text about to be set between quotation marks, its own marks the
  inner ones (French « » become “ ”).
  Web addresses and e-mails are never touched; with `breaks` (`typeset_html` gives a
  marker it turns into ``<wbr>``) one is inserted after each ``/ . @`` of an address shown
  as text. The office writers give none: a zero-width space would be copied with the
  address.
- `typeset_html(html, lang)`: the same on the text nodes of an HTML fragment (rendered
  Markdown); tags and attributes (``href``) as they are, nothing inside ``code``, ``pre``,
  ``kbd``, ``samp``, ``script``, ``style``; addresses shown as text get a ``<wbr>`` after
  each ``/ . @``.

No library fits: the French typographers found (typographeur, french-typo, polytypo) either
break addresses (``10:30``, ``https:``), write HTML entities into plain text, or bring a
parser generator; these few rules are tested in `tests/test_typography.py`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from functools import lru_cache
from html.parser import HTMLParser

NBSP = "\u00a0"
NNBSP = "\u202f"
ZWSP = "\u200b"
MINUS = "\u2212"
_SPACES = " \u00a0\u202f"

_ADDRESS = re.compile(
    r"(?:https?://|www\.)[^\s<>\"«»]*[^\s<>\"«».,;:!?)\]’']"  # a web address
    # an e-mail, tried only where a run of its first characters starts: tried inside the run
    # too, a long word with an `@` took time in the square of its length (minutes for 1 MB)
    r"|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|`[^`]*`",  # a code span left as Markdown source
    re.IGNORECASE,
)
_ADDRESS_BREAK = re.compile(r"(?<=[/.@])(?=[^/])")
_UNITS = (
    "%|‰|€|k€|M€|Md€|\\$|£|°C|°|km|m|cm|mm|kg|g|t|Ko|Mo|Go|To|ko|Mb|Gb|h|min|s|ms|j|ans?|"
    "mois|jours?|heures?|semaines?|personnes|utilisateurs|salariés|collaborateurs"
)
_PUNCTUATION = re.compile("[;!?]")
_PERCENT = re.compile("[%‰]")
_DIGIT = re.compile(r"\d")
_RULES: tuple[tuple[re.Pattern[str], re.Pattern[str], str], ...] = (
    # (what a text must hold for the rule to apply, the rule, its replacement): no rule writes
    # what another one looks for, so a text without it is skipped by one scan
    (re.compile("'"), re.compile(r"(?<=\w)'"), "’"),  # aujourd'hui -> aujourd’hui
    # a quote opened before a word, after a space or at the start: 'zéro papier' -> ‘zéro papier’
    (re.compile("'"), re.compile(r"(?<![\w’.,])'(?=\w)"), "‘"),
    (re.compile("'"), re.compile(r"'(?=\w)"), "’"),
    (re.compile("«"), re.compile(f"«[{_SPACES}]*"), f"«{NNBSP}"),
    (re.compile("»"), re.compile(f"[{_SPACES}]*»"), f"{NNBSP}»"),
    # a space before ; ! ? (a sequence of them: ?!) becomes narrow, or one is added after a word
    (_PUNCTUATION, re.compile(f'[{_SPACES}]+(?=[;!?]+(?:[\\s»)\\]’"]|$))'), NNBSP),
    (_PUNCTUATION, re.compile(r"(?<=[\w»)\]’%])(?=[;!?]+(?:[\s»)\]’\"]|$))"), NNBSP),
    # before a colon: a no-break space (never between digits: 10:30)
    (re.compile(":"), re.compile(f"[{_SPACES}]+(?=:(?:\\s|$))"), NBSP),
    # a letter (4 ms to compile as [^\W\d_])
    (re.compile(":"), re.compile(r"(?<=\w)(?<![\d_])(?=:(?:\s|$))"), NBSP),
    # a number and its unit, a number and %: a no-break space
    (_PERCENT, re.compile(f"(?<=\\d)[{_SPACES}]?(?=(?:%|‰)(?!\\w))"), NBSP),
    (_DIGIT, re.compile(f"(?<=\\d)[{_SPACES}](?=(?:{_UNITS})(?!\\w))"), NBSP),
    # a hyphen before a digit at a word's start is a minus sign: -70 % -> −70 %
    (re.compile("-"), re.compile(r"(?<![\w\-−./])-(?=\d)"), MINUS),
)
_THOUSANDS = re.compile(f"(?<![\\d.,])\\d{{1,3}}(?:[ {NBSP}{NNBSP}]\\d{{3}})+(?!\\d)")
"""A number written in groups of three digits (« 1 200 € », « 3 000 000 »): one number,
never broken between its groups."""
_UNITS_EN = "days?|hours?|weeks?|months?|years?|people|users|employees"
_TOGETHER: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(f"(?<=\\d) (?=(?:%|‰|{_UNITS}|{_UNITS_EN})(?!\\w))"), NBSP),
)
"""In any language: a space the student wrote between a number and its unit or % is a
no-break space (« 3,5 jours », « 12 % », « 5 days » on an English page never break there);
nothing else changes, no space is added."""


def _grouped(space: str) -> Callable[[re.Match[str]], str]:
    def join(match: re.Match[str]) -> str:
        return re.sub(f"[ {NBSP}{NNBSP}]", space, match[0])

    return join


_FRENCH_GROUPS = _grouped(NNBSP)  # French: a narrow no-break space between the groups
_OTHER_GROUPS = _grouped(NBSP)  # as wide as the space written, never broken


def _together(text: str) -> str:
    """`_TOGETHER` and the groups of a number, for a text in any language but French."""
    if not _DIGIT.search(text):
        return text
    for pattern, replacement in _TOGETHER:
        text = pattern.sub(replacement, text)
    return _THOUSANDS.sub(_OTHER_GROUPS, text)


_INNER_OPEN = re.compile(f"«[{_SPACES}]*")
_INNER_CLOSE = re.compile(f"[{_SPACES}]*»")


def nested(text: str, lang: str | None) -> str:
    """`text`, about to be set between the quotation marks of `lang`, with the marks it
    holds itself as a quote's inside ones (French « » → “ ”; English “ ” → ‘ ’): its own »
    would read as the end of the whole quote."""
    if is_french(lang):
        return _INNER_CLOSE.sub("”", _INNER_OPEN.sub("“", text)) if "«" in text else text
    return text.replace("“", "‘").replace("”", "’")


def is_french(lang: str | None) -> bool:
    return bool(lang) and str(lang).lower().split("-")[0].split("_")[0] == "fr"


def has_address(text: str) -> bool:
    """Whether `text` holds a web address or an e-mail (which break only after / . @)."""
    return _ADDRESS.search(text) is not None


def _french(text: str) -> str:
    for needed, pattern, replacement in _RULES:
        if needed.search(text):
            text = pattern.sub(replacement, text)
    return _THOUSANDS.sub(_FRENCH_GROUPS, text) if _DIGIT.search(text) else text


def _may_hold_address(text: str) -> bool:
    """Whether `_ADDRESS` may find something in `text`: each of its forms holds `@`, a
    backquote, `http` or `www.` in any case (ASCII letters, which no other character
    matches ignoring case). Cheaper than the search, which tries every word as an e-mail."""
    if "@" in text or "`" in text:
        return True
    lowered = text.lower()
    return "http" in lowered or "www." in lowered


@lru_cache(maxsize=16384, typed=True)  # a label shows on every page: typeset once per build
def typeset(text: str, lang: str | None, breaks: str = "") -> str:
    """`text` with the typography of `lang` (see the module); `breaks` (e.g. a zero-width
    space) inserted after each ``/ . @`` of the web addresses and e-mails it shows. Cached
    by type too: a `Markup` and a `str` of the same characters are not the same text."""
    if not text:
        return text
    rules = _french if is_french(lang) else _together
    if not _may_hold_address(text):  # most texts: one scan for the addresses' marks
        return rules(text)
    out, last = [], 0
    for match in _ADDRESS.finditer(text):
        out.append(rules(text[last : match.start()]))
        address = match[0]
        if breaks and not address.startswith("`"):
            address = _ADDRESS_BREAK.sub(breaks, address)
        out.append(address)
        last = match.end()
    out.append(rules(text[last:]))
    return "".join(out)


_SKIPPED = frozenset({"code", "pre", "kbd", "samp", "script", "style", "textarea"})
_VOID = frozenset({"br", "wbr", "img", "hr", "input", "meta", "link", "col", "area", "source"})


class _Typesetter(HTMLParser):
    def __init__(self, lang: str) -> None:
        super().__init__(convert_charrefs=True)
        self.lang, self.skipping = lang, 0
        self.out: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.out.append(self.get_starttag_text() or "")
        if tag in _SKIPPED:
            self.skipping += 1

    def handle_startendtag(self, tag, attrs) -> None:
        self.out.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag) -> None:
        if tag in _VOID:
            return
        self.out.append(f"</{tag}>")
        if tag in _SKIPPED and self.skipping:
            self.skipping -= 1

    def handle_data(self, data) -> None:
        if self.skipping:
            self.out.append(html.escape(data, quote=False))
            return
        marker = "\x00"  # a break point, drawn as <wbr> once the text is escaped
        shown = html.escape(typeset(data, self.lang, breaks=marker), quote=False)
        self.out.append(shown.replace(marker, "<wbr>"))

    def handle_comment(self, data) -> None:
        self.out.append(f"<!--{data}-->")


@lru_cache(maxsize=8192, typed=True)  # one text shows on several pages and documents
def typeset_html(fragment: str, lang: str | None) -> str:
    """The text nodes of the HTML `fragment` typeset in `lang` (see the module)."""
    if not fragment:
        return fragment
    if not is_french(lang) and not _ADDRESS.search(fragment) and not _DIGIT.search(fragment):
        return fragment
    parser = _Typesetter(str(lang))
    parser.feed(fragment.replace("\x00", "\ufffd"))
    parser.close()
    return "".join(parser.out)
