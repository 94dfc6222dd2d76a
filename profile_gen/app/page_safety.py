"""What a page of the Book may make a browser do when it is opened: run the theme's own
scripts and fetch the Book's own files, nothing else (promise 3 of SECURITY.md).

Jinja's sandbox stops a student's template from running code on the machine that builds;
it does not stop it from writing a `<script>`, an `onload=`, a `javascript:` link, a frame
or a picture from another server into a page, which then runs in the reader's browser: in
a tutor's cohort served over HTTP, in the origin of every other member's pages. When a
build used the sandbox (its folder holds templates or a design of its own), `guard_pages`
reads every page it wrote and names the first such thing; the build stops on it.

The page is read as a browser reads it where Python's parser would differ: the elements a
browser reads as raw text (`noscript`, `title`, `textarea`, `xmp`...) end at their end tag
even inside an attribute, a `style` in SVG or MathML is markup, a comment closed early
(`<!-->`) or a CDATA section in HTML is refused, as is an attribute given twice (a browser
keeps the first, a parser the last); addresses are cleaned as a browser cleans them (tabs
and line ends dropped, `\\` read as `/`), CSS escapes are decoded. What this reading does
not know is refused rather than guessed: no page of the theme holds any of it.
"""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

FETCHED_ANYWHERE = frozenset(
    {
        "src", "srcset", "background", "poster", "ping", "lowsrc", "dynsrc", "data",
        "codebase", "archive", "manifest", "imagesrcset", "xlink:href", "longdesc",
        "action", "formaction", "itemtype",
    }
)  # fmt: skip
"""Attributes whose address a browser fetches (or sends a form or a ping to), on any
element; `href` only on the elements of `FETCHED_HREF` (a link is only followed)."""
FETCHED_HREF = frozenset({"image", "use", "feimage", "script", "link"})
FETCHING_LINKS = frozenset(
    [
        "stylesheet",
        "preload",
        "prefetch",
        "preconnect",
        "dns-prefetch",
        "modulepreload",
        "icon",
        "manifest",
        "apple-touch-icon",
        "prerender",
        "compression-dictionary",
    ]
)
EMBEDDING = frozenset(
    {"iframe", "frame", "frameset", "object", "embed", "applet", "portal", "base", "plaintext"}
)
"""Elements that show or load another document, move every address of the page, or end
the page's markup (`plaintext`)."""
RAW_TEXT = frozenset({"noscript", "title", "textarea", "xmp", "noembed", "noframes"})
"""Elements whose content a browser reads as text up to their end tag, an attribute's
quotes notwithstanding (besides `script` and `style`, which Python's parser knows)."""
FOREIGN = frozenset({"svg", "math"})
SVG_ELEMENTS = frozenset(
    [
        "svg",
        "g",
        "path",
        "rect",
        "circle",
        "ellipse",
        "line",
        "polyline",
        "polygon",
        "text",
        "tspan",
        "title",
        "desc",
        "defs",
        "lineargradient",
        "radialgradient",
        "stop",
        "symbol",
        "use",
        "clippath",
    ]
)
"""What an SVG of a page may hold (the theme's QR codes, charts and icons): no script,
style, animation (`set`, `animate`: an address changed after the check) nor HTML inside
(`foreignObject`, or a tag that ends the SVG), which a browser reads otherwise."""
DATA_SCRIPTS = frozenset({"application/json", "application/ld+json"})
"""Script elements a browser never runs: data (the deck's labels, the Book's schema.org)."""
THEME_INLINE = re.compile(
    r'if \(location\.protocol !== "file:"\) for \(const href of '
    r'\[\s*(?:"(?![a-z][a-z0-9+.\-]*:|/)[^"\\<>:]*"\s*,?\s*)*\]\) '
    r"document\.head\.append\(Object\.assign\("
    r'document\.createElement\("link"\), \{rel: "preload", as: "font", type: "font/woff2", '
    r'crossOrigin: "", href\}\)\);'
)
"""The theme's one inline script (`_head.html`: its fonts preloaded), with its list of the
Book's own font files and nothing else."""
SCHEME = re.compile(r"^[a-z][a-z0-9+.\-]*:", re.IGNORECASE)
RUNNING = re.compile(r"^(?:javascript|vbscript|livescript):", re.IGNORECASE)
CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})\s?|(.))", re.DOTALL)
CSS_RUNNING = re.compile(r"@import|expression\(|behavior\s*:|-moz-binding", re.IGNORECASE)
CSS_ADDRESS = re.compile(r"(?:[a-z][a-z0-9+.\-]*:)?//[^\s'\")]{0,300}", re.IGNORECASE)
"""An address with a host in a style sheet (`url()`, `image-set()`, `@font-face`)."""
CSS_FUNCTION = re.compile(r"(?:url|image-set|image|cross-fade|src)\(", re.IGNORECASE)
"""Where a style sheet names an address to fetch: each argument is checked."""
CSS_ARGUMENT = re.compile(r"\"([^\"]*)\"|'([^']*)'|([^\s,\"']+)")
END_TAG = re.compile(r"</([a-zA-Z][a-zA-Z0-9]*)[^>]*>")
"""An end tag with attributes or spaces (`</script x>`): a browser ends the element there,
Python's parser only at `</script>`; written plain before reading."""


def clean_address(value: str) -> str:
    """`value` as a browser reads an address: tabs and line ends dropped, leading and
    trailing spaces and control characters trimmed, `\\` read as `/`."""
    value = re.sub(r"[\t\n\r]", "", value).strip(
        "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b"
        "\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16"
        "\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f "
    )
    return value.replace("\\", "/")


def _css_text(text: str) -> str:
    """A style sheet's text with its escapes decoded (`\\75rl(` is `url(`)."""

    def decoded(match: re.Match[str]) -> str:
        if match[1]:
            code = int(match[1], 16)
            return chr(code) if 0 < code <= 0x10FFFF else "\ufffd"
        return match[2]

    return CSS_ESCAPE.sub(decoded, text)


class _Reader(HTMLParser):
    def __init__(self, own: tuple[str, ...]) -> None:
        super().__init__(convert_charrefs=True)
        self.own = own
        self.found: str | None = None
        self.inline: list[str] | None = None  # the text of an inline script being read
        self.style: list[str] | None = None  # the text of a style element being read
        self.data: list[str] | None = None  # within a data script (JSON)
        self.foreign = 0  # depth in SVG or MathML

    def _say(self, what: str) -> None:
        if self.found is None:
            self.found = what

    def _elsewhere(self, address: str) -> bool:
        """Whether `address` is on another server than the Book's (`data:` is no server)."""
        address = clean_address(address)
        if address.lower().startswith("data:"):
            return False
        if not (SCHEME.match(address) or address.startswith("//")):
            return False
        return not any(address.startswith(own) for own in self.own)

    def _css(self, text: str) -> str | None:
        """What a style sheet loads from another server, or runs."""
        text = _css_text(text)
        if found := CSS_RUNNING.search(text):
            return found[0]
        for match in CSS_FUNCTION.finditer(text):
            argument = text[match.end() : match.end() + 500].split(")")[0]
            for quoted, single, bare in CSS_ARGUMENT.findall(argument):
                if self._elsewhere(quoted or single or bare):
                    return match[0] + argument[:60]
        return next((m[0] for m in CSS_ADDRESS.finditer(text) if self._elsewhere(m[0])), None)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = [name for name, _ in attrs]
        if len(set(names)) < len(names):
            self._say(f"<{tag}> (an attribute given twice)")
        values = {name: value or "" for name, value in attrs}
        if tag in EMBEDDING:
            self._say(f"<{tag}>")
        for name, value in values.items():
            if name.startswith("on"):
                self._say(f"<{tag} {name}=…>")
            elif RUNNING.match(clean_address(value)):
                self._say(f"<{tag} {name}={value[:40]}>")
            elif (name == "style" or "url(" in value.lower()) and (fetched := self._css(value)):
                self._say(f"<{tag} {name}={fetched[:60]}>")  # SVG's `fill="url(…)"` too
        equiv = values.get("http-equiv", "content-type").strip().lower()
        if tag == "meta" and equiv not in (
            "content-type",
            "x-ua-compatible",
            "content-security-policy",
        ):
            self._say(f"<meta http-equiv={equiv[:30]}>")
        self._fetches(tag, values)
        if self.foreign and tag not in SVG_ELEMENTS:
            self._say(f"<{tag}> in an SVG")
        if tag == "math":
            self._say("<math>")
        if tag == "script":
            self._script(values)
        elif tag == "style":
            self.style = []
        if tag in FOREIGN:
            self.foreign += 1
        elif tag in RAW_TEXT and not self.foreign:
            self.set_cdata_mode(tag)

    def _fetches(self, tag: str, values: dict[str, str]) -> None:
        """An attribute whose address a browser would fetch from another server."""
        rels = set(values.get("rel", "").lower().split())
        for name, value in values.items():
            fetched = name in FETCHED_ANYWHERE or (name == "href" and tag in FETCHED_HREF)
            if tag == "link" and name == "href" and not rels & FETCHING_LINKS:
                fetched = False
            if fetched and tag == "link" and clean_address(value).lower().startswith("data:"):
                self._say(f"<link href={value[:40]}>")  # a style sheet that imports, say
            addresses = _addresses(value, name) if fetched else []
            if any(self._elsewhere(address) for address in addresses):
                self._say(f"<{tag} {name}={value[:60]}>")

    def set_cdata_mode(self, elem: str, **options: Any) -> None:
        if elem == "style" and self.foreign:  # SVG's or MathML's: markup, as a browser reads it
            return
        super().set_cdata_mode(elem, **options)

    def _script(self, values: dict[str, str]) -> None:
        source = values.get("src")
        if source is not None:
            address = clean_address(source)
            path = address.split("?")[0].split("#")[0]
            local = not SCHEME.match(address) and not address.startswith("/")
            if not (local and "theme/js/" in path and path.endswith(".js")):
                self._say(f"<script src={source[:60]}>")
        elif values.get("type", "").strip().lower() not in DATA_SCRIPTS:
            self.inline = []
        else:
            self.data = []  # a data block: JSON, whose `<` the theme writes escaped

    def handle_data(self, data: str) -> None:
        if self.data is not None and "<" in data:
            self._say("<script type=json> holding markup")
        if self.inline is not None:
            self.inline.append(data)
        elif self.style is not None:
            self.style.append(data)

    def handle_comment(self, data: str) -> None:
        if data.startswith((">", "->")) or "<" in data:  # `<!-->`: closed at once by a browser
            self._say("<!-- … --> (a comment a browser reads otherwise)")

    def unknown_decl(self, data: str) -> None:
        self._say(f"<![{data[:20]}")  # CDATA in HTML: a browser reads it as a comment

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.data = None
        if tag == "script" and self.inline is not None:
            text = "".join(self.inline).strip()
            if not THEME_INLINE.fullmatch(text):
                self._say(f"<script>{text[:40]}")
            self.inline = None
        elif tag == "style" and self.style is not None:
            if fetched := self._css("".join(self.style)):
                self._say(f"<style>{fetched[:60]}")
            self.style = None
        elif tag in FOREIGN and self.foreign:
            self.foreign -= 1


def _addresses(value: str, name: str) -> list[str]:
    """The addresses of an attribute: one, or each candidate of a `srcset`, each target of
    a `ping`, each of an `archive`."""
    if name.endswith("srcset"):
        return [part.strip().split(" ")[0] for part in value.split(",") if part.strip()]
    if name in ("ping", "archive"):
        return value.replace(",", " ").split()
    return [value] if value.strip() else []


META = re.compile(r"<meta(?=[\s/])((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>?", re.IGNORECASE)
"""A `<meta>` tag and its attributes, quoted values kept whole (`title=">"` ends nothing)."""
ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]*))?""")
PRAGMA = re.compile(r"charset\s*=\s*[\"']?\s*([^\s\"';]*)", re.IGNORECASE)
PRESCAN = 1024
"""The bytes a browser reads for a declared character set before it parses the page."""


def _declared(html: str) -> list[str]:
    """The character sets the page's `<meta>` tags declare, as a browser's pre-scan reads
    them: a `charset` attribute, or the `content` of an `http-equiv="content-type"` (a
    description's text that mentions `charset=` declares nothing); every `<meta>` of the
    page, in raw text or an attribute too, to be on the safe side."""
    found = []
    for tag in META.finditer(html):
        values = {
            name.lower(): value.strip("\"'") for name, value in ATTRIBUTE.findall(tag.group(1))
        }
        if "charset" in values:
            found.append(values["charset"].strip())
        elif values.get("http-equiv", "").strip().lower() == "content-type":
            pragma = PRAGMA.search(values.get("content", ""))
            if pragma:
                found.append(pragma.group(1))
    return found


def _other_encoding(html: str) -> str | None:
    """What would make a browser read the page (written in UTF-8) in another encoding: a
    `<meta>` naming another character set; or, in a page that does not declare UTF-8 in
    its first bytes, an escape character (ISO-2022's shifts, which an encoding detector
    takes as such). Read so, the bytes after it would hide the policy and turn text into
    markup."""
    for charset in _declared(html):
        if charset.lower() not in ("utf-8", "utf8"):
            return f"<meta charset={charset[:30]}>"
    if "\x1b" in html and not _declared(html.encode()[:PRESCAN].decode(errors="ignore")):
        return "U+001B (ESC)"
    return None


def page_problem(html: str, own: tuple[str, ...] = ()) -> str | None:
    """What in `html` a browser would run or fetch from another server than the Book's
    (`own`: its public addresses, each ending with `/`), the first found."""
    if (encoding := _other_encoding(html)) is not None:
        return encoding
    reader = _Reader(own)
    reader.feed(END_TAG.sub(r"</\1>", html))
    reader.close()
    if reader.inline is not None or reader.style is not None:
        reader._say("<script> or <style> left open")
    return reader.found


POLICY = (
    "default-src 'self' file:; script-src 'self' file:{scripts}; "
    "style-src 'self' file: 'unsafe-inline'; img-src 'self' file: data: blob:; "
    "font-src 'self' file: data:; media-src 'self' file: blob:; connect-src 'self' file:; "
    "object-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'self'"
)
"""What a page built from a student's templates may run and fetch, said to the browser
itself (`with_policy`): the Book's own files (`file:` when it is opened from the disk), the
theme's one inline script by its hash; the deck's coach also loads its listening module as
a `data:` address (an AudioWorklet: Chromium refuses a `blob:` one from the disk)."""
HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def policy_for(html: str) -> str:
    """The Content-Security-Policy of `html`: `POLICY`, with the hash of each of its inline
    scripts that is the theme's (`THEME_INLINE`)."""
    hashes = [
        "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"
        for text in INLINE_SCRIPT.findall(html)
        if THEME_INLINE.fullmatch(text.strip())
    ]
    if "theme/js/deck-speech.js" in html:
        hashes.append("data:")
    return POLICY.format(scripts="".join(f" {value}" for value in hashes))


def with_policy(html: str) -> str:
    """`html` with its policy (`policy_for`) first thing in its head."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(html)}">'
    found = HEAD.search(html)
    at = found.end() if found else 0
    return html[:at] + meta + html[at:]


def guard_pages(folder: Path, own: tuple[str, ...] = ()) -> tuple[str, str] | None:
    """Read every page under `folder` once: (page, what) of the first that would run
    something or fetch from another server than the Book's (`own`) when opened; else each
    web page is given its policy (`with_policy`), so that a browser refuses whatever else a
    student's template would make it run or fetch, whatever this reading could not tell."""
    from profile_gen.app.staging import built_files

    for relative, path in built_files(folder, (".html", ".htm", ".xhtml", ".xht", ".svg", ".xml")):
        html = path.read_text(encoding="utf-8", errors="replace")
        if (found := page_problem(html, own)) is not None:
            return relative, found
        if relative.lower().endswith((".html", ".htm")):
            path.write_text(with_policy(html), encoding="utf-8")
    return None
