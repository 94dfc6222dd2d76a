"""What each process that prints would work out again, done once: WeasyPrint's C types and
its fonts' configuration, ready before the helper is forked (`pdf._print`).

cffi reads the name of a C type on its first use in a process by parsing it after a
declaration of every type WeasyPrint declared: about 4 ms a name. WeasyPrint names three
new fixed-length arrays for each font it subsets (`hb_codepoint_t[2022]`: some twenty in a
build), made here from their item's type without parsing (`quicker_types`, the same cffi
types); the names it uses whatever it prints, and Fontconfig's configuration with the
system's fonts (`FontConfiguration`, about 17 ms), are made once before the fork
(`shared`): the helper starts with them. With a cffi that keeps its types otherwise, the
names are parsed as before.
"""

from __future__ import annotations

import re
from typing import Any

TYPES = (
    "PangoFcFontMap *",
    "FcChar8 **",
    "char[]",
    "PangoRectangle *",
    "PangoLogAttr[]",
    "unsigned int *",
    "hb_tag_t[100]",
    "char[4]",
    "hb_codepoint_t[]",
)
"""The C types WeasyPrint 70 names whatever it prints (its `ffi.new` and `ffi.cast`)."""
FIXED_ARRAY = re.compile(r"(\w+)\[(\d+)\]")


class _Types(dict):
    """cffi's parsed types (`FFI._parsed_types`, by name), which make `T[N]` from `T[]`."""

    def __init__(self, ffi: Any, parsed: dict) -> None:
        super().__init__(parsed)
        self.ffi = ffi

    def __missing__(self, name: object) -> tuple[Any, bool]:
        match = FIXED_ARRAY.fullmatch(name) if isinstance(name, str) else None
        if match is None:
            raise KeyError(name)  # cffi parses it
        try:
            item = self.ffi.typeof(f"{match[1]}[]").item
        except Exception:  # not a type: cffi says so, as before
            raise KeyError(name) from None
        backend = self.ffi._backend
        found = (backend.new_array_type(backend.new_pointer_type(item), int(match[2])), False)
        self[name] = found
        return found


def quicker_types() -> None:
    """WeasyPrint's fixed-length arrays made without parsing (once WeasyPrint is imported)."""
    from weasyprint.text.ffi import ffi

    if type(getattr(ffi, "_parsed_types", None)) is dict:  # cffi's own, not taught yet
        ffi._parsed_types = _Types(ffi, ffi._parsed_types)


def shared() -> dict:
    """The `shared` dict of `pdf.render_pdf` with WeasyPrint's fonts' configuration, and the
    C types it always names parsed (once WeasyPrint is imported)."""
    from weasyprint.text.ffi import ffi
    from weasyprint.text.fonts import FontConfiguration

    for name in TYPES:
        try:
            ffi.typeof(name)
        except Exception:  # one another WeasyPrint no longer declares
            continue
    return {"fonts": FontConfiguration()}
