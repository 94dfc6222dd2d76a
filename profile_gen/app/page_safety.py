"""What a page of the Book may make a browser do when it is opened: run the theme's own
scripts and fetch the Book's own files, nothing else (promise 3 of SECURITY.md).

Jinja's sandbox stops a student's template from running code on the machine that builds;
it does not stop it from writing a `<script>`, an `onload=`, a `javascript:` link, a frame
or a picture from another server into a page, which then runs in the reader's browser: in
a tutor's cohort served over HTTP, in the origin of every other member's pages. When a
build used the sandbox (its folder holds templates or a design of its own), `active_content`
reads every page it wrote and names the first such thing; the build stops on it.
"""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path

FETCHED = {
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "input": ("src",),
    "image": ("href", "xlink:href"),
    "use": ("href", "xlink:href"),
    "feimage": ("href", "xlink:href"),
    "link": ("href", "imagesrcset"),
}
"""The attributes whose address a browser fetches by itself, by element (a script's `src`
is checked apart; a `link` only when its `rel` fetches: `FETCHING_LINKS`)."""
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
    ]
)
EMBEDDING = frozenset(
    {"iframe", "frame", "frameset", "object", "embed", "applet", "portal", "base"}
)
"""Elements that show or load another document, or move every address of the page."""
DATA_SCRIPTS = frozenset({"application/json", "application/ld+json"})
"""Script elements a browser never runs: data (the deck's labels, the Book's schema.org)."""
THEME_INLINE = re.compile(
    r'if \(location\.protocol !== "file:"\) for \(const href of '
    r'\[\s*(?:"[^"\\<>]*"\s*,?\s*)*\]\) document\.head\.append\(Object\.assign\('
    r'document\.createElement\("link"\), \{rel: "preload", as: "font", type: "font/woff2", '
    r'crossOrigin: "", href\}\)\);'
)
"""The theme's one inline script (`_head.html`: its fonts preloaded), with its list of
font addresses and nothing else."""
REMOTE = re.compile(r"^\s*(?:[a-z][a-z0-9+.\-]*:|//|\\\\)", re.IGNORECASE)
"""An address with a scheme or a host of its own (`https:`, `//host`): not the Book's file."""
RUNNING = re.compile(r"^\s*(?:javascript|vbscript|livescript)\s*:", re.IGNORECASE)
CSS_RUNNING = re.compile(r"@import|expression\(|behavior\s*:", re.IGNORECASE)
"""A style that loads another style sheet or runs (IE's `expression()`, `behavior`)."""
CSS_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.IGNORECASE | re.DOTALL)


class _Reader(HTMLParser):
    def __init__(self, own: tuple[str, ...]) -> None:
        super().__init__(convert_charrefs=True)
        self.own = own
        self.found: str | None = None
        self.inline: list[str] | None = None  # the text of an inline script being read
        self.style = False

    def _say(self, what: str) -> None:
        if self.found is None:
            self.found = what

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag in EMBEDDING:
            self._say(f"<{tag}>")
        for name, value in values.items():
            if name.startswith("on"):
                self._say(f"<{tag} {name}=…>")
            elif RUNNING.match(value) and name in ("href", "src", "action", "formaction", "data"):
                self._say(f"<{tag} {name}={value[:40]}>")
            elif name == "style" and (fetched := self._css(value)):
                self._say(f"<{tag} style={fetched[:60]}>")
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self._say("<meta http-equiv=refresh>")
        if tag == "script":
            self._script(values)
        elif tag == "style":
            self.style = True
        rels = set(values.get("rel", "").lower().split())
        for name in FETCHED.get(tag, ()):
            if tag == "link" and not rels & FETCHING_LINKS:
                break
            for address in _addresses(values.get(name, ""), name):
                if self._elsewhere(address):
                    self._say(f"<{tag} {name}={address[:60]}>")

    def _elsewhere(self, address: str) -> bool:
        """Whether `address` is on another server than the Book's (`data:` is no server)."""
        address = address.strip()
        if not REMOTE.match(address) or address.lower().startswith("data:"):
            return False
        return not any(address.startswith(own) for own in self.own)

    def _css(self, text: str) -> str | None:
        """What a style sheet loads from another server, or runs."""
        if found := CSS_RUNNING.search(text):
            return found[0]
        return next((m[0] for m in CSS_URL.finditer(text) if self._elsewhere(m[2])), None)

    def _script(self, values: dict[str, str]) -> None:
        source = values.get("src")
        if source is not None:
            path = source.split("?")[0].split("#")[0]
            if self._elsewhere(source) or "theme/js/" not in path or not path.endswith(".js"):
                self._say(f"<script src={source[:60]}>")
        elif values.get("type", "").lower() not in DATA_SCRIPTS:
            self.inline = []

    def handle_data(self, data: str) -> None:
        if self.inline is not None:
            self.inline.append(data)
        elif self.style and (fetched := self._css(data)):
            self._say(f"<style>{fetched[:60]}")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self.inline is not None:
            text = "".join(self.inline).strip()
            if not THEME_INLINE.fullmatch(text):
                self._say(f"<script>{text[:40]}")
            self.inline = None
        elif tag == "style":
            self.style = False


def _addresses(value: str, name: str) -> list[str]:
    """The addresses of an attribute: one, or each candidate of a `srcset`."""
    if not name.endswith("srcset"):
        return [value] if value else []
    return [part.strip().split(" ")[0] for part in value.split(",") if part.strip()]


def page_problem(html: str, own: tuple[str, ...] = ()) -> str | None:
    """What in `html` a browser would run or fetch from another server than the Book's
    (`own`: its public addresses, each ending with `/`), the first found."""
    reader = _Reader(own)
    reader.feed(html)
    reader.close()
    return reader.found


def active_content(folder: Path, own: tuple[str, ...] = ()) -> tuple[str, str] | None:
    """(page, what) of the first page under `folder` that would run something or fetch
    from another server than the Book's (`own`) when opened."""
    for here, folders, files in os.walk(folder):
        folders.sort()
        base = os.path.relpath(here, folder).replace(os.sep, "/")
        for name in sorted(files):
            if not name.lower().endswith((".html", ".htm", ".xhtml")):
                continue
            path = os.path.join(here, name)
            if os.path.islink(path):
                continue
            with open(path, encoding="utf-8", errors="replace") as page:
                found = page_problem(page.read(), own)
            if found is not None:
                return (name if base == "." else f"{base}/{name}"), found
    return None
