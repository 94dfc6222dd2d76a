"""The chosen design in the Book: its templates, stylesheets and fonts (`profile_gen.designs`
reads it).

- `install` (Pelican's `initialized`, after the profile is loaded): the design of
  `design:` is read, a student's checked (its tokens, its templates' blocks, its fonts'
  characters); its template folders join `THEME_TEMPLATES_OVERRIDES` after the student's
  own `templates/`;
- `loader`: the `!NAME/` prefix of each design of the stack, so that a template extends
  its parent's (`{% extends "!moderne/_cv.html" %}`), as `!theme/` names the theme's;
- `Head`: what every page adds after its stylesheet (the changed tokens, the fonts'
  `@font-face`, the design's CSS for that stylesheet);
- `copy_fonts` (Pelican's `finalized`, before the PDFs): the fonts into the Book, under
  `theme/designs/NAME/fonts/`.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from jinja2 import Environment, TemplateNotFound, TemplateSyntaxError, nodes
from jinja2.loaders import split_template_path
from markupsafe import Markup

from profile_gen import designs, tokens
from profile_gen.designs import Design, Font, Layer
from profile_gen.errors import BuildError
from profile_gen.media.folder import TEMPLATE_LIMIT, checked_file
from profile_gen.profile.model import Profile
from profile_gen.views import glyphs

DESIGN_KEY = "PROFILE_GEN_DESIGN"
"""The settings key of the design a build uses (a `designs.Design`)."""
FONTS_URL = "theme/designs"
"""Where a design's fonts are in a built Book: `theme/designs/NAME/fonts/FILE`."""
STYLES = ("normal", "italic")
FONT_FILE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
"""A font's file name in `fonts/`, without its extension."""
WEIGHTS = range(100, 1000, 100)


def base_tokens_css() -> str:
    """The theme's design tokens as CSS (their names are the tokens a design may change)."""
    return tokens.css()


def load(profile: Profile, profile_file: Path) -> Design:
    """The profile's design, every file of a student's checked."""
    project = profile_file.parent
    design = designs.load(profile.design, project, designs.base_names(base_tokens_css()))
    for layer in design.layers:
        if layer.student:
            for kind in designs.STYLESHEETS:
                layer.stylesheet(kind)  # refused CSS: said now, not on the first page
            _check_fonts(layer, profile)
            _check_blocks(layer, design)
    return design


# --------------------------------------------------------------------------- fonts


def _font_files(layer: Layer, font: Font) -> dict[str, Path]:
    """The files of a font (`woff2`, `ttf` present), checked when the design is a student's."""
    found = {}
    for suffix in ("woff2", "ttf"):
        path = layer.folder / designs.FONTS / f"{font.file}.{suffix}"
        if path.exists() or path.is_symlink():
            if layer.student:
                shown = f"{designs.FOLDER}/{layer.name}/{designs.FONTS}/{path.name}"
                path = checked_file(path, layer.folder, designs.FONT_LIMIT, shown)
            found[suffix] = path
    return found


def _font_problem(spec: dict) -> str | None:
    keys = set(spec)
    if not {"family", "file"} <= keys or not keys <= {"family", "file", "weight", "style"}:
        return ", ".join(sorted(keys)) or "-"
    file, family = spec["file"], spec["family"]
    if not isinstance(file, str) or not FONT_FILE.match(file) or ".." in file:
        return f"file = {file!r}"
    if not isinstance(family, str) or not family.strip() or any(c in family for c in "\"'<>\\;{}"):
        return f"family = {family!r}"
    if spec.get("weight", 400) not in WEIGHTS or spec.get("style", "normal") not in STYLES:
        return f"weight = {spec.get('weight')!r}, style = {spec.get('style')!r}"
    return None


def _check_fonts(layer: Layer, profile: Profile) -> None:
    """A student's fonts: well described, present, readable, drawing every character of the
    profile (upright regular weight: the text's)."""
    shown = f"{designs.FOLDER}/{layer.name}/{designs.TOKENS}"
    specs = layer.data.get("fonts", [])
    if not isinstance(specs, list) or not all(isinstance(s, dict) for s in specs):
        raise BuildError("design_font_invalid", file=shown, detail="[[fonts]]")
    for spec in specs:
        if (problem := _font_problem(spec)) is not None:
            raise BuildError("design_font_invalid", file=shown, detail=problem)
    for font in layer.fonts():
        files = _font_files(layer, font)
        if not files:
            raise BuildError("design_font_missing", file=shown, stem=font.file)
        covered = _coverage(files.get("ttf") or files["woff2"], shown)
        missing = [m for m in glyphs.unprintable(profile, covered) if not m.emoji]
        if missing and font.style == "normal":
            chars = " ".join(sorted({m.described for m in missing})[:5])
            fields = ", ".join(sorted({m.path for m in missing})[:5])
            raise BuildError(
                "design_font_lacks", file=shown, family=font.family, chars=chars, fields=fields
            )


def _coverage(path: Path, shown: str) -> frozenset[int]:
    from fontTools.ttLib import TTFont, TTLibError

    try:
        with TTFont(path, lazy=True) as font:
            return frozenset(font.getBestCmap() or {}) | frozenset(map(ord, " \u00a0\u202f\n"))
    except (TTLibError, OSError, ValueError, KeyError, AssertionError) as error:
        raise BuildError("design_font_unreadable", file=shown, detail=str(error)) from None


def copy_fonts(design: Design, output: Path) -> None:
    """The design's fonts into the Book (`theme/designs/NAME/fonts/`)."""
    for layer, font in design.fonts():
        target = output / FONTS_URL / layer.name / designs.FONTS
        target.mkdir(parents=True, exist_ok=True)
        for path in _font_files(layer, font).values():
            shutil.copyfile(path, target / path.name)


def font_faces(design: Design, base: str, kind: str) -> str:
    """The `@font-face` rules of the design's fonts for the stylesheet `kind`: WOFF2 on
    screen, TrueType in print (WeasyPrint reads it without decompressing), `base` the
    Book's root; displayed as the theme's (`tokens.font_display`)."""
    display = tokens.font_display(kind)
    rules = []
    for layer, font in design.fonts():
        files = _font_files(layer, font)
        order = ("ttf", "woff2") if kind == "print" else ("woff2", "ttf")
        suffix = next(s for s in order if s in files)
        url = f"{base}/{FONTS_URL}/{layer.name}/{designs.FONTS}/{font.file}.{suffix}"
        form = "woff2" if suffix == "woff2" else "truetype"
        rules.append(
            f'@font-face {{ font-family: "{font.family}"; font-style: {font.style};'
            f" font-weight: {font.weight}; font-display: {display};"
            f' src: url("{url}") format("{form}"); }}'
        )
    return "\n".join(rules)


class Head:
    """What every page adds after the theme's stylesheet: `css(kind, SITEURL)`; the design's
    files are read once, when the build starts."""

    def __init__(self, design: Design) -> None:
        self.name, self.built_in = design.name, design.built_in
        self._properties = design.custom_properties()
        self._styles = {kind: design.stylesheet(kind) for kind in designs.STYLESHEETS}
        # the annexe keeps the thesis's rules: a student's print.css styles the CV page only
        self._styles["annexe"] = design.stylesheet("print", built_in_only=True)
        self._faces = {kind: font_faces(design, "@BASE@", kind) for kind in designs.STYLESHEETS}
        if self._faces["deck"]:  # the deck on screen, and printed to its PDF by WeasyPrint
            screen, printed = self._faces["deck"], self._faces["print"]
            self._faces["deck"] = f"@media screen {{\n{screen}\n}}\n@media print {{\n{printed}\n}}"
        self._preloads = _preloads(design, self._styles["book"])

    def css(self, kind: str, base: str = "") -> Markup:
        """The additions to the stylesheet `kind` (`annexe`: to print.css on the annexe)."""
        faces = self._faces["print" if kind == "annexe" else kind]
        faces = faces.replace("@BASE@", base or ".")
        screen = kind in ("book", "deck")  # the tokens' colours: not the print's nor the cards'
        parts = [self._properties if screen else "", faces, self._styles.get(kind, "")]
        return Markup("\n".join(part for part in parts if part))

    def preloads(self, base: str = "") -> list[str]:
        """The addresses of the font files a Book page preloads, `base` the Book's root
        (`tokens.font_display`): the design's upright regular and bold whose family its
        Book stylesheet or its `[font] sans` names, else the theme's."""
        return [f"{base or '.'}/{path}" for path in self._preloads]


def _preloads(design: Design, book_css: str) -> list[str]:
    named = " ".join([book_css, *map(str, design.token("font", "sans", []))])
    found = [
        f"{FONTS_URL}/{layer.name}/{designs.FONTS}/{font.file}.woff2"
        for layer, font in design.fonts()
        if font.style == "normal"
        and font.weight in (400, 700)
        and font.family in named
        and "woff2" in _font_files(layer, font)
    ]
    return found or tokens.preloaded_fonts()


# --------------------------------------------------------------------------- templates


def prefixes(design: Design) -> dict[str, list[Path]]:
    """`!NAME` → where the templates of each design of the stack are found: its own, its
    parents', the theme's (`!moderne/_cv.html` is moderne's CV, whether moderne changes
    it or not)."""
    theme = designs.built_in_folder().parent / "templates"
    found = {}
    for index, layer in enumerate(design.layers):
        below = [lay.templates() for lay in design.layers[index:]]
        found[f"!{layer.name}"] = [*(folder for folder in below if folder is not None), theme]
    return found


def _blocks(tree: nodes.Template) -> dict[str, int]:
    return {block.name: block.lineno for block in tree.find_all(nodes.Block)}


def _parent(tree: nodes.Template) -> str | None:
    extends = next(tree.find_all(nodes.Extends), None)
    if extends is not None and isinstance(extends.template, nodes.Const):
        return str(extends.template.value)
    return None


def _source(name: str, design: Design, theme: Path) -> tuple[Path, str] | None:
    """The file a template name leads to (`!theme/x.html`, `!moderne/x.html`, `x.html`),
    found as Jinja's loaders find it: inside its folder (`..` leads nowhere), in UTF-8."""
    prefix, _, rest = name.partition("/")
    folders = prefixes(design)
    if prefix == "!theme":
        bases, wanted = [theme / "templates"], rest
    elif prefix in folders:
        bases, wanted = list(folders[prefix]), rest
    else:
        bases, wanted = [*design.template_folders(), theme / "templates"], name
    try:
        pieces = split_template_path(wanted)
    except TemplateNotFound:  # a `..` in the name
        return None
    for base in bases:
        path = base.joinpath(*pieces)
        if path.is_file() and path.resolve().is_relative_to(base.resolve()):
            try:
                return path, path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                return None
    return None


def _known_blocks(name: str, design: Design, theme: Path, seen: int = 0) -> dict[str, int] | None:
    found = _source(name, design, theme)
    if found is None or seen > 8:
        return None
    tree = Environment().parse(found[1])
    blocks = _blocks(tree)
    parent = _parent(tree)
    if parent is not None:
        blocks = {**(_known_blocks(parent, design, theme, seen + 1) or {}), **blocks}
    return blocks


def _check_blocks(layer: Layer, design: Design) -> None:
    """Each block a student's template overrides exists in the template it extends."""
    folder = layer.templates()
    if folder is None:
        return
    theme = designs.built_in_folder().parent
    for path in sorted(folder.rglob("*.html")):
        relative = path.relative_to(folder).as_posix()
        shown = f"{designs.FOLDER}/{layer.name}/{designs.TEMPLATES}/{relative}"
        checked = checked_file(path, folder, TEMPLATE_LIMIT, shown)
        try:
            tree = Environment().parse(checked.read_text(encoding="utf-8"))
        except TemplateSyntaxError as error:
            detail = error.message or ""
            raise BuildError(
                "template_broken", file=shown, line=error.lineno, detail=detail
            ) from None
        parent = _parent(tree)
        if parent is None:
            continue
        known = _known_blocks(parent, design, theme)
        if known is None:
            continue  # Jinja says which template is missing when it renders
        overridden = {b.name: b.lineno for b in tree.body if isinstance(b, nodes.Block)}
        for block, line in overridden.items():
            if block not in known:
                raise BuildError(
                    "design_block_unknown",
                    file=shown,
                    line=line,
                    block=block,
                    parent=parent,
                    known=", ".join(sorted(known)) or "-",
                )
