"""The designs a profile chooses (`design: NAME` in `profile.yaml`): data plus overrides.

A design is a folder holding
- `tokens.toml`: its one-line description (`[about]`, one text per language), the design
  tokens it changes (the tables and keys of the theme's tokens: `[color] accent = ...`),
  the fonts it ships (`[[fonts]]`: family, file stem, weight, style; the files in `fonts/`,
  WOFF2 for screens and TrueType for print, OFL only) and, for a student's design, the
  design it starts from (`extends = "moderne"`);
- optionally `book.css`, `print.css`, `deck.css`: added after the theme's stylesheet of
  that name;
- optionally `templates/`: templates that extend the theme's (`{% extends
  "!theme/_cv.html" %}`, or a built-in design's, `"!moderne/_cv.html"`) and override
  its blocks.

The built-in designs are the theme's (`theme/designs/`, trusted); a student's are the
folders of `designs/` beside `profile.yaml`: untrusted, read only when each file is a
regular file inside its folder within a size limit; their CSS may not load anything
(no `url(`, no `@import`) nor leave its `<style>` element.

Pure: no Pelican, no Jinja, no HTML; the theme's side (templates, fonts copied into the
Book) is `profile_gen.book.design`.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from profile_gen.errors import BuildError
from profile_gen.media.folder import checked_file, templates_folder

DEFAULT = "classique"
"""Today's look: the design of a profile that names none."""
FOLDER = "designs"
"""A student's own designs: `designs/NAME/` beside `profile.yaml`."""
TOKENS, TEMPLATES, FONTS = "tokens.toml", "templates", "fonts"
STYLESHEETS = ("book", "print", "deck", "cards")
"""The theme's stylesheets a design may add to (`book.css` after `book.css`...)."""
NAME = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")
"""A design's name: its folder's name, lower case."""
NOT_TOKENS = ("about", "extends", "fonts", "slides", "cv")
"""The keys of `tokens.toml` that are not design tokens (`[slides]`, `[cv]`: `CHOICES`)."""
SLIDE_TITLES = ("rule", "band", "bar")
"""A slide's title: under a rule of the accent along the slide's top (`rule`), in the
paper's colour on a band of the accent (`band`), in ink beside a bar of the accent (`bar`)."""
SLIDE_PHOTOS = ("round", "square")
"""The photo on the slides (`[slides] photo`): in a round frame, or a square one."""
CV_LAYOUTS = ("side", "ruled", "band")
"""The Word CV (`[cv] layout`), as the annexe's: a tinted side column on the left (`side`),
ruled in the accent (`ruled`), or a band of the identity over two columns (`band`)."""
CHOICES = {("slides", "title"): SLIDE_TITLES, ("slides", "photo"): SLIDE_PHOTOS}
CHOICES[("cv", "layout")] = CV_LAYOUTS
FILE_LIMIT, FONT_LIMIT = 200_000, 5_000_000
"""Bytes a student design's `tokens.toml` or stylesheet, and each of its fonts, may weigh."""
DEPTH = 6
"""Designs a student's design may stack (`extends` of `extends`...)."""
_REFUSED_CSS = re.compile(r"url\s*\(|@import|image-set\s*\(|<|\\|expression\s*\(", re.I)
"""What a student's stylesheet may not hold: a load of anything (url(), @import,
image-set()), the end of its `<style>` element, an escape that would hide either."""


def built_in_folder() -> Path:
    return Path(str(files("profile_gen.theme"))) / FOLDER


@cache
def names() -> tuple[str, ...]:
    """The built-in designs, the default first, then by name."""
    found = sorted(p.name for p in built_in_folder().iterdir() if (p / TOKENS).is_file())
    return tuple(sorted(found, key=lambda name: (name != DEFAULT, name)))


@cache
def _built_in_data(name: str) -> dict[str, Any]:
    return tomllib.loads((built_in_folder() / name / TOKENS).read_text(encoding="utf-8"))


def built_in_text_font(name: str) -> tuple[str, Path] | None:
    """The family and the TrueType file of a built-in design's text face (upright, regular
    weight), None when it ships no font of its own (the default's)."""
    if name not in names():
        return None
    for spec in _built_in_data(name).get("fonts", []):
        font = Font(**spec)
        path = built_in_folder() / name / FONTS / f"{font.file}.ttf"
        if font.weight == 400 and font.style == "normal" and path.is_file():
            return font.family, path
    return None


def about(name: str, lang: str) -> str:
    """A built-in design's one-line description in `lang`."""
    texts = _built_in_data(name).get("about", {})
    return str(texts.get(lang) or texts.get("fr", ""))


def accent(name: str) -> str | None:
    """A built-in design's accent colour (the person's colour, when none is chosen), None
    for today's default and for a student's design."""
    if name not in names():
        return None
    found = _built_in_data(name).get("color", {}).get("accent")
    return str(found) if found else None


def student_names(project: Path | None) -> list[str]:
    """The designs of a student's `designs/` folder (those holding a `tokens.toml`)."""
    if project is None or not (project / FOLDER).is_dir():
        return []
    return sorted(
        p.name
        for p in (project / FOLDER).iterdir()
        if NAME.match(p.name) and (p / TOKENS).exists() and p.name not in names()
    )


def shadowing(project: Path | None) -> list[str]:
    """The folders of a student's `designs/` named like a built-in design (refused)."""
    if project is None or not (project / FOLDER).is_dir():
        return []
    return sorted(p.name for p in (project / FOLDER).iterdir() if p.name in names() and p.is_dir())


def built_in_of(name: str, project: Path | None) -> str:
    """The built-in design `name` starts from (the default when its chain cannot be read:
    the build says why)."""
    current: Any = name
    for _ in range(DEPTH + 1):
        if current in names() or project is None or not NAME.match(str(current)):
            break
        try:
            current = _read_student(project / FOLDER / current)[1].get("extends")
        except (BuildError, OSError):
            break
    return current if isinstance(current, str) and current in names() else DEFAULT


def student_about(project: Path, name: str, lang: str) -> str:
    """A student's design's description (`[about]`), empty when it cannot be read."""
    try:
        _, data = _read_student(project / FOLDER / name)
    except BuildError:
        return ""
    texts = data.get("about", {})
    found = texts.get(lang) or texts.get("fr", "") if isinstance(texts, dict) else ""
    extends = data.get("extends")
    return " ".join(str(part).replace("\n", " ") for part in (found, f"({extends})") if part)


def known(project: Path | None) -> list[str]:
    """Every design a profile in `project` may name."""
    return [*names(), *student_names(project)]


@dataclass(frozen=True)
class Font:
    """One face a design ships: `fonts/<file>.woff2` (screens), `fonts/<file>.ttf` (print)."""

    family: str
    file: str
    weight: int = 400
    style: str = "normal"


@dataclass(frozen=True)
class Layer:
    """One design of a stack: its folder, its `tokens.toml` read, whether it is a student's."""

    name: str
    folder: Path
    data: dict[str, Any]
    student: bool

    def stylesheet(self, kind: str) -> str:
        path = self.folder / f"{kind}.css"
        if not (path.exists() or path.is_symlink()):
            return ""
        if self.student:
            path = checked_file(path, self.folder, FILE_LIMIT, _shown(path, self.folder))
        text = path.read_text(encoding="utf-8")
        if self.student and (found := _REFUSED_CSS.search(text)):
            line = text.count("\n", 0, found.start()) + 1
            shown = _shown(path, self.folder)
            raise BuildError("design_css_refused", file=shown, line=line, found=found.group())
        return text

    def fonts(self) -> list[Font]:
        return [Font(**spec) for spec in self.data.get("fonts", [])]

    def templates(self) -> Path | None:
        """The design's `templates/` folder, when it has one. A student's, its links
        followed, must be a folder of its own inside the student's folder (another design's
        templates may be shared), as the `templates/` beside the profile must
        (`folder.templates_folder`): a link to the folder itself (its `private.yaml`), to
        `.git`, to the cohort's folder where the others' lie or to `/proc/self` would have
        the templates include any of those files; it is a `BuildError`."""
        folder = self.folder / TEMPLATES
        if not self.student:
            return folder if folder.is_dir() else None
        project = self.folder.parent.parent  # `designs/NAME` of the student's folder
        return templates_folder(folder, project, _shown(folder, self.folder))


def _shown(path: Path, folder: Path) -> str:
    return f"{FOLDER}/{folder.name}/{path.relative_to(folder).as_posix()}"


@dataclass(frozen=True)
class Design:
    """A design as a build uses it: its layers, the chosen one first, the built-in last."""

    layers: tuple[Layer, ...]
    tokens: dict[str, dict[str, Any]] = field(default_factory=dict)
    """The tokens it changes, the chosen design's over its parents'."""

    @property
    def name(self) -> str:
        return self.layers[0].name

    @property
    def built_in(self) -> str:
        return self.layers[-1].name

    def template_folders(self) -> list[Path]:
        """The folders of template overrides, the chosen design's first."""
        return [folder for layer in self.layers if (folder := layer.templates()) is not None]

    def stylesheet(self, kind: str, built_in_only: bool = False) -> str:
        """What the design adds to the theme's stylesheet `kind`, its parents' first (only
        the built-in design's with `built_in_only`)."""
        layers = [layer for layer in reversed(self.layers) if not (built_in_only and layer.student)]
        return "\n".join(t for layer in layers if (t := layer.stylesheet(kind)))

    def fonts(self) -> list[tuple[Layer, Font]]:
        """Each font face the design ships, with the design that ships it."""
        return [(layer, font) for layer in reversed(self.layers) for font in layer.fonts()]

    def custom_properties(self) -> str:
        """The changed tokens as CSS custom properties (`[color] accent` is `--color-accent`)."""
        lines = [
            f"  {css_name(table, key)}: {css_value(value)};"
            for table, values in self.tokens.items()
            for key, value in values.items()
            if table not in NON_CSS_TABLES
        ]
        return ":root {\n" + "\n".join(lines) + "\n}\n" if lines else ""

    def token(self, table: str, key: str, default: Any = None) -> Any:
        return self.tokens.get(table, {}).get(key, default)

    def choice(self, table: str, key: str) -> str:
        """`[slides] title`, `[slides] photo`, `[cv] layout` (`CHOICES`): the nearest say."""
        for layer in self.layers:
            found = layer.data.get(table, {}).get(key)
            if found in CHOICES[table, key]:
                return str(found)
        return CHOICES[table, key][0]

    @property
    def slide_title(self) -> str:
        return self.choice("slides", "title")

    @property
    def slide_photo(self) -> str:
        return self.choice("slides", "photo")


NON_CSS_TABLES = ("word", "face")
"""Token tables the CSS does not read (the Word annexe's, the shipped font's files)."""


def css_name(table: str, key: str) -> str:
    """`--color-accent`, `--radius` (a key named like its table), as the theme names them."""
    return f"--{table}" if key == table else f"--{table}-{key}"


def css_value(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(
            f'"{v}"' if " " in str(v) or str(v)[:1].isupper() else str(v) for v in value
        )
    return str(value)


def _line_of(text: str, table: str, key: str | None = None) -> int:
    """The line where `[table]` (and its `key`) is written in a TOML text (1 if not found)."""
    current, found = "", 1
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("["):
            current = stripped.strip("[] ")
            if current == table and key is None:
                return number
        elif (
            current == table
            and key is not None
            and re.match(rf'"?{re.escape(key)}"?\s*=', stripped)
        ):
            return number
        elif not current and stripped.split("=")[0].strip() == table:
            found = number
    return found


def _read_student(folder: Path) -> tuple[str, dict[str, Any]]:
    path = checked_file(folder / TOKENS, folder, FILE_LIMIT, _shown(folder / TOKENS, folder))
    text = path.read_text(encoding="utf-8")
    try:
        return text, tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        shown = _shown(folder / TOKENS, folder)
        raise BuildError("design_toml_invalid", file=shown, detail=str(error)) from None
    except RecursionError:  # arrays or tables nested thousands deep: tomllib recurses
        raise BuildError("design_toml_deep", file=_shown(folder / TOKENS, folder)) from None


CHANGEABLE = ("color", "text", "space", "radius", "font-sans")
"""The tokens a design may change: colours, the screen's type scale and spacing, corners,
the Book's font. Not the deck's sizes nor its font (the slides' texts are measured with
them), nor the print's (the annexe keeps the thesis's rules)."""


def _changeable(base: set[str]) -> set[str]:
    return {n for n in base if any(n == f"--{c}" or n.startswith(f"--{c}-") for c in CHANGEABLE)}


def _tables(base: set[str]) -> list[str]:
    return sorted({name[2:].split("-")[0] for name in _changeable(base)})


def _check_tokens(data: dict[str, Any], text: str, shown: str, base: set[str]) -> None:
    """Every table and key a student's `tokens.toml` names is a token of the theme's that a
    design may change (`CHANGEABLE`)."""
    base = _changeable(base)
    for table, values in data.items():
        if table in NOT_TOKENS:
            continue
        if not isinstance(values, dict) or table not in _tables(base):
            line = _line_of(text, table)
            known = ", ".join(f"[{name}]" for name in _tables(base))
            raise BuildError(
                "design_token_unknown", file=shown, line=line, token=table, known=known
            )
        for key, value in values.items():
            if css_name(table, key) not in base:
                near = sorted(
                    n[len(table) + 3 :] or table for n in base if n.startswith(f"--{table}")
                )
                raise BuildError(
                    "design_token_unknown",
                    file=shown,
                    line=_line_of(text, table, key),
                    token=f"[{table}] {key}",
                    known=", ".join(near),
                )
            code = _bad_value(table, value)
            if code:
                line, written = _line_of(text, table, key), repr(value)[:80]
                raise BuildError(
                    code, file=shown, line=line, token=f"[{table}] {key}", value=written
                )


HEX_COLOR = re.compile(r"#[0-9A-Fa-f]{6}")
FAMILY = re.compile(r"-?[^\W\d][\w .-]{0,62}")
"""A font family's name: letters, digits, spaces, dots and hyphens (no quote, no brace)."""
LENGTH = re.compile(r"[0-9A-Za-z.%+*/(), -]{1,120}")
"""A size: numbers, units, `calc()`, `clamp()`, `min()`, `max()` (no `;`, `{`, `<`, `:`)."""
SIZE_FUNCTIONS = frozenset({"calc", "clamp", "min", "max"})


def _bad_value(table: str, value: Any) -> str:
    """The error's code when `value` is not what its token holds (else ""): a value goes
    into every page's stylesheet as it is written, and the office files read the colours."""
    if table == "color":
        ok = isinstance(value, str) and HEX_COLOR.fullmatch(value) is not None
        return "" if ok else "design_token_color"
    if table == "font":
        names = [value] if isinstance(value, str) else value
        ok = isinstance(names, list) and bool(names)
        ok = ok and all(isinstance(n, str) and FAMILY.fullmatch(n) for n in names)
        return "" if ok else "design_token_font"
    text = str(value)
    functions = set(re.findall(r"([A-Za-z-]+)\(", text))
    ok = isinstance(value, (str, int, float)) and not isinstance(value, bool)
    ok = ok and LENGTH.fullmatch(text) is not None and functions <= SIZE_FUNCTIONS
    return "" if ok and text.count("(") == text.count(")") else "design_token_size"


def _check_choices(data: dict[str, Any], text: str, shown: str) -> None:
    """`[slides] title`, `photo` and `[cv] layout`, when given, are among their choices."""
    for (table, key), choices in CHOICES.items():
        values = data.get(table, {})
        found = values.get(key, choices[0]) if isinstance(values, dict) else values
        if found not in choices:
            raise BuildError(
                "design_token_unknown",
                file=shown,
                line=_line_of(text, table),
                token=f"{table}.{key} = {found!r}",
                known=", ".join(choices),
            )


def _merge(layers: list[Layer]) -> dict[str, dict[str, Any]]:
    merged: dict[str, dict[str, Any]] = {}
    for layer in reversed(layers):
        for table, values in layer.data.items():
            if table not in NOT_TOKENS and isinstance(values, dict):
                merged.setdefault(table, {}).update(values)
    return merged


def load(name: str, project: Path | None, base: set[str]) -> Design:
    """The design `name`: a built-in one, or a student's of `project`'s `designs/` and the
    designs it extends; `base` is the theme's token names (`--color-accent`...), against
    which a student's tokens are checked. A design that cannot be used is a `BuildError`
    naming its file and line."""
    layers: list[Layer] = []
    current = name
    while current not in names():
        folder = (project / FOLDER / current) if project is not None else None
        if folder is None or not NAME.match(current) or not (folder / TOKENS).exists():
            where = (
                _shown(layers[-1].folder / TOKENS, layers[-1].folder) if layers else "profile.yaml"
            )
            raise BuildError(
                "design_extends_unknown", file=where, name=current, known=", ".join(known(project))
            )
        if not folder.resolve().is_relative_to(folder.parent.parent.resolve()):  # out: a cohort
            raise BuildError("folder_dir_outside", file=f"{FOLDER}/{current}")
        if len(layers) >= DEPTH or any(layer.name == current for layer in layers):
            raise BuildError(
                "design_extends_loop", file=_shown(folder / TOKENS, folder), name=current
            )
        text, data = _read_student(folder)
        shown = _shown(folder / TOKENS, folder)
        _check_tokens(data, text, shown, base)
        _check_choices(data, text, shown)
        parent = data.get("extends")
        if not isinstance(parent, str):
            raise BuildError("design_extends_missing", file=shown, known=", ".join(names()))
        layers.append(Layer(current, folder, data, student=True))
        layers[-1].templates()  # a `templates/` leading out of the design: refused here
        current = parent
    layers.append(
        Layer(current, built_in_folder() / current, _built_in_data(current), student=False)
    )
    return Design(tuple(layers), _merge(layers))


def base_names(tokens_css: str) -> set[str]:
    """The token names (`--color-accent`...) a theme's tokens CSS defines."""
    return set(re.findall(r"(--[a-z0-9-]+)\s*:", tokens_css))
