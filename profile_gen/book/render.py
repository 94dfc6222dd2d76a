"""Jinja filters and globals that present model values: localized text, Markdown, dates, labels.

Presentation only: they turn model values into text or safe HTML for the templates. The
current language comes from the template context (`lang`, `primary_lang`).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any

from jinja2 import Environment, pass_context
from markdown_it.common.utils import escapeHtml
from markupsafe import Markup

from profile_gen import i18n, tokens, typography
from profile_gen.book import sanitize
from profile_gen.profile.fields import Localized, PartialDate, localize
from profile_gen.views import text
from profile_gen.views.text import NBSP, format_date  # noqa: F401  (the filters use them)


def _image_as_text(self, tokens, idx, options, env) -> str:
    """A picture in a profile's text shows as its description: nothing there copies the
    file into the Book, so the page would ask another server (or a missing file, or a
    file of the computer when printed) for it; `check` names the field (`text_images`)."""
    return escapeHtml(self.renderInlineAsText(tokens[idx].children or [], options, env))


MARKDOWN = text.commonmark()  # the HTML renderer: its own instance, its own rules
MARKDOWN.add_render_rule("image", _image_as_text)

LONG_WORD = 60
"""No word of French or English is this long: a run of characters (a pasted hash, a link
without spaces) is, and would run off a printed page or widen a table past it."""
_LONG = re.compile(f"[^\\s\u200b]{{{LONG_WORD},}}")
_PIECE = 20


def breakable_words(text: str) -> str:
    """`text` with a zero-width space (a line-break opportunity, never drawn) every
    `_PIECE` characters of each word of `LONG_WORD` characters or more; other text as is."""
    if len(text) < LONG_WORD:
        return text

    def cut(match: re.Match[str]) -> str:
        word = match[0]
        if typography.has_address(word):
            return word  # an address breaks only after / . @ (`typography`), never inside
        return "\u200b".join(word[i : i + _PIECE] for i in range(0, len(word), _PIECE))

    return _LONG.sub(cut, text)


def _text_breakable(self, tokens, idx, options, env) -> str:
    return escapeHtml(breakable_words(tokens[idx].content))


MARKDOWN.add_render_rule("text", _text_breakable)


def markdown(value: Localized | str | None, lang: str, primary: str, top: int = 2) -> Markup:
    """Markdown as safe HTML; its headings start at level `top` (the page owns the `<h1>`)."""
    return Markup(_render_markdown(localize(value, lang, primary), top))


@lru_cache(maxsize=8192)
def _render_markdown(text: str, top: int) -> str:
    """One text is rendered once per build (the Book, the annexe and the deck share it)."""
    tokens = MARKDOWN.parse(text)
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(6, max(int(token.tag[1]), top))}"
    return sanitize.clean(MARKDOWN.renderer.render(tokens, MARKDOWN.options, {}))


def shorten(text: str, words: int) -> str:
    """At most `words` words, cut at a word boundary with an ellipsis."""
    parts = text.split()
    return text if len(parts) <= words else " ".join(parts[:words]).rstrip(",;:.") + " …"


def json_for_script(data: Any) -> Markup:
    """JSON safe inside `<script>`: `<`, `>` and `&` are escaped, so `</script>` cannot close it."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escape)
    return Markup(text)


def written_in(value: Localized | str | None, lang: str, primary: str) -> str:
    """The language `value` shows in on a page in `lang`: `primary` when it falls back."""
    if isinstance(value, Localized) and not value.has(lang) and value.has(primary):
        return primary
    return lang


@pass_context
def _t(context, value) -> str:
    lang, primary = context["lang"], context["primary_lang"]
    text = breakable_words(localize(value, lang, primary))
    return typography.typeset(text, written_in(value, lang, primary))


@pass_context
def _md(context, value, top: int = 2) -> Markup:
    lang, primary = context["lang"], context["primary_lang"]
    shown = written_in(value, lang, primary)
    html = Markup(typography.typeset_html(markdown(value, lang, primary, top), shown))
    if shown != lang:
        # a fallback to the primary language: say so, for screen readers and translators
        return Markup('<div lang="{}">').format(primary) + html + Markup("</div>")
    return html


@pass_context
def _plain(context, value) -> str:
    """A Markdown text as plain text (a meta description, a shortened quote): its markup
    rendered, then the tags dropped, so `*nouvel*` reads `nouvel`, never with asterisks."""
    lang = written_in(value, context["lang"], context["primary_lang"])
    return typography.typeset(Markup(_md(context, value)).striptags(), lang)


@pass_context
def _nested(context, text: str) -> str:
    """`typography.nested`: a text set between quotation marks, its own marks the inner ones."""
    return typography.nested(text, context["lang"])


@pass_context
def _over(context, value: PartialDate) -> bool:
    """Whether the period `value` names was over on the documents' date (`views.date`): a
    certification that expired before the build is said to have."""
    views = context.get("views")
    return views is not None and text.expired(value, views.date)


@pass_context
def _expiry(context, cert) -> str:
    """`views.text.expiry_note` at the documents' date: an expired certification says so."""
    views = context.get("views")
    return "" if views is None else text.expiry_note(cert, views.date, context["lang"])


@pass_context
def _date(context, value) -> str:
    lang = context["lang"]
    return typography.typeset(format_date(value, lang), lang)


@pass_context
def _period(context, item) -> str:
    """Two dates, each unbreakable; the line may break around the dash between them."""
    start = _date(context, getattr(item, "start", None))
    end = _date(context, getattr(item, "end", None))
    return f"{start} – {end}" if start and end and start != end else start or end


_BREAK_POINTS = re.compile(r"(?<=[@/.])(?!/)")
LONG_PART = 24
"""A segment longer than this (characters) does not fit the CV's side column at full size."""
TOO_LONG_PART = 32
"""A segment longer than this does not fit it even shrunk: it breaks after its hyphens."""


def breakable(text: str) -> Markup:
    """An e-mail or an address that breaks only after `@`, `/` or a dot, never at its
    hyphens (French typography, as `profile_gen.typography` breaks addresses in texts): each
    segment is unbreakable (`nobr`), with a `<wbr>` between segments. Marked `long` when a
    segment cannot fit a narrow column (the CSS shrinks it). A segment that cannot fit it
    even shrunk (a LinkedIn slug of sixty letters) also breaks after its hyphens, and a
    piece of it still too long anywhere (`overflow-wrap: anywhere`): an address on more
    lines, never out of its column."""
    parts = [part for part in _BREAK_POINTS.split(str(text)) if part]
    pieces = [piece for part in parts for piece in _pieces(part)]
    html = Markup("<wbr>").join(pieces)
    size = " long" if any(len(part) > LONG_PART for part in parts) else ""
    return Markup('<span class="breakable{}">').format(size) + html + Markup("</span>")


def _pieces(part: str) -> list[Markup]:
    if len(part) <= TOO_LONG_PART:
        return [Markup('<span class="nobr">{}</span>').format(part)]
    pieces = [piece for piece in re.split(r"(?<=-)", part) if piece]
    return [
        Markup('<span class="nobr">{}</span>').format(piece)
        if len(piece) <= TOO_LONG_PART
        else Markup("<span>{}</span>").format(piece)
        for piece in pieces
    ]


@pass_context
def _label(context, key: str, **values) -> str:
    return typography.typeset(i18n.text(context["lang"], key, **values), context["lang"])


@pass_context
def _raw_label(context, key: str) -> str:
    """A label with its `{placeholders}` left for a script to fill (the deck's rehearsal),
    in the language's typography (the braces are no French punctuation)."""
    return typography.typeset(i18n.label(context["lang"], key), context["lang"])


def _font_faces(base: str, sheet: str = "book") -> Markup:
    """The shipped font's @font-face rules for a page of the stylesheet `sheet` whose root
    is `base` (`SITEURL`), addressed as the stylesheets are: `{{ SITEURL }}/theme/`."""
    return Markup(tokens.font_faces(base or "", sheet))


def _preloaded_fonts(base: str) -> list[str]:
    """The shipped font's files a Book page preloads, from its root `base` (`SITEURL`)."""
    return [f"{base or '.'}/{path}" for path in tokens.preloaded_fonts()]


@pass_context
def _with_raw_labels(context, texts: dict, prefix: str, keys: list[str], as_prefix: str) -> dict:
    """`texts` with the raw labels `prefix + key` added as `as_prefix + key`, in the
    language's typography as `raw_label`'s: a new dict (templates run in a sandbox that
    mutates nothing)."""
    lang = context["lang"]
    found = {as_prefix + key: i18n.label(lang, prefix + key) for key in keys}
    return {**texts, **{key: typography.typeset(text, lang) for key, text in found.items()}}


def install(env: Environment) -> None:
    """Add the filters and globals to a Jinja environment (one per Pelican generator)."""
    env.autoescape = True
    env.filters.update({"t": _t, "md": _md, "date": _date, "period": _period})
    env.filters["json_script"] = json_for_script
    env.filters["words"] = shorten
    env.filters["breakable"] = breakable
    env.filters["plain"] = _plain
    env.filters["nested"] = _nested
    env.filters["over"] = _over
    env.filters["expiry"] = _expiry
    env.globals["label"] = _label
    env.globals["raw_label"] = _raw_label
    env.globals["with_raw_labels"] = _with_raw_labels
    env.globals["font_faces"] = _font_faces
    env.globals["preloaded_fonts"] = _preloaded_fonts
