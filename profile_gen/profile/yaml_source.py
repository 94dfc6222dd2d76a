"""Safe YAML reading that remembers where every key and value was written.

PyYAML's safe composer builds the node tree; this module turns it into plain Python
values itself, so that it can record each value's line and column, refuse duplicate keys,
keep dates as written (`2024-09` stays text) and bound the size of the result.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from profile_gen.errors import FieldPath, Problem
from profile_gen.text import control_character, lone_surrogate, without_controls

MAX_BYTES = 10_000_000
MAX_DEPTH = 40
MAX_NODES = 500_000


@dataclass
class Source:
    """A parsed document: its data, and the 1-based position of each path in it."""

    data: Any
    values: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)
    """Where the value at a path starts."""
    keys: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)
    """Where the key naming a path starts (mapping entries only)."""
    problems: list[Problem] = field(default_factory=list)
    """Problems that did not stop the reading (a duplicate key keeps its first value)."""

    def position(self, path: FieldPath, of_key: bool = False) -> tuple[int, int] | None:
        """The position of `path`, or of its nearest parent that has one."""
        path = tuple(path)
        if of_key and path in self.keys:
            return self.keys[path]
        while path:
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get(())


class YamlProblems(Exception):
    """The document cannot be read; `problems` say where and why."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems)
        self.problems = problems


_SCALARS = yaml.constructor.SafeConstructor()
_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:timestamp",  # dates stay text: the model parses them
}
_CONSTRUCTED_TAGS = {
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
}


def _at(mark: yaml.Mark) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


def _kind(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "mapping"
    if isinstance(node, SequenceNode):
        return "list"
    return "text"


_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""YAML's line breaks, as PyYAML and libyaml count lines."""
_ANCHOR = re.compile(r"&[^\s,\[\]{}]*")
_DROPPED_COMMENT = re.compile(r"[ \t]+(#\S+)")
"""A comment right after a value, its first word glued to the `#`: a hashtag or a C# the
student meant to keep (`headline: Développeuse C# #alternance`), which YAML drops."""
_SWALLOWED = re.compile(r"(?:#|(?:- )?[A-Za-z_][\w-]*:(?:\s|$))")
"""A line that reads as a comment or a key: inside a quoted value, a closing quote forgotten."""


class _Builder:
    """The values of a node tree, with their positions in `text` and what YAML reads
    differently from what a student means: a text's anchor (`&Co consultante`: « &Co »
    dropped; a list's or a mapping's, as YAML tools write them, loses nothing), a comment
    glued to a value (`#alternance`), a quote left open over the next keys."""

    def __init__(self, text: str) -> None:
        self.source = Source(data=None)
        self.problems: list[Problem] = []
        self.count = 0
        self.text = text
        self.anchored: set[int] = set()  # an anchored node, once however often aliased

    @cached_property
    def lines(self) -> list[str]:
        """The text's lines, as YAML counts them: wanted for a quoted text over lines only."""
        return _LINE_BREAK.split(self.text)

    def _misread(self, node: ScalarNode, path: FieldPath) -> None:
        """Problems for what YAML reads from the text `node` that its writer did not mean
        (an anchored list or mapping loses nothing). Marks count characters, in both parsers."""
        start, end = node.start_mark, node.end_mark
        if self.text[start.index : start.index + 1] == "&" and id(node) not in self.anchored:
            self.anchored.add(id(node))  # (a node's first mark is its anchor's)
            anchor = _ANCHOR.match(self.text, start.index)
            found = {"anchor": anchor.group() if anchor else "&"}
            self.problems.append(Problem("yaml_anchor", path, found, *_at(start)))
        if node.style in ("|", ">") or node.value == "":
            return
        if (after := _DROPPED_COMMENT.match(self.text, end.index)) is not None:
            found = {"comment": after.group(1)[:40]}
            where = (end.line + 1, end.column + after.start(1) - end.index + 1)
            self.problems.append(Problem("yaml_comment_in_value", path, found, *where))
        if node.style in ('"', "'") and end.line > start.line:
            indent = _indent(self.lines[start.line])
            for inside in self.lines[start.line + 1 : end.line + 1]:
                if _indent(inside) <= indent and _SWALLOWED.match(inside.strip()):
                    spans = {"end_line": end.line + 1}
                    self.problems.append(
                        Problem("yaml_quote_spans_lines", path, spans, *_at(start))
                    )
                    break

    def build(self, node: Node, path: FieldPath, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise YamlProblems([Problem("yaml_too_many_nodes", (), {"limit": MAX_NODES})])
        if depth > MAX_DEPTH:
            line, column = _at(node.start_mark)
            raise YamlProblems([Problem("yaml_too_deep", path, {"limit": MAX_DEPTH}, line, column)])
        self.source.values.setdefault(path, _at(node.start_mark))
        if isinstance(node, ScalarNode):
            self._misread(node, path)
            return self._scalar(node, path)
        if isinstance(node, SequenceNode):
            if node.flow_style:
                self._decimal_commas(node, path)
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        assert isinstance(node, MappingNode)  # the composer makes no other kind of node
        return self._mapping(node, path, depth)

    def _decimal_commas(self, node: SequenceNode, path: FieldPath) -> None:
        """`[6 sessions, satisfaction 4,6/5]`: in a list between brackets a comma parts
        two items, a French decimal comma too; two texts the comma joins with no space,
        a digit on each side, were one (put it in quotes)."""
        for index, (left, right) in enumerate(itertools.pairwise(node.value)):
            joined = isinstance(left, ScalarNode) and isinstance(right, ScalarNode)
            if not joined or left.style or right.style or left.tag not in _PLAIN_TAGS:
                continue  # a list of numbers (`[1,2]`) is one
            text, after = str(left.value), str(right.value)
            touching = right.start_mark.index == left.end_mark.index + 1
            if touching and text[-1:].isdigit() and after[:1].isdigit():
                line, column = _at(left.start_mark)
                found = {"found": f"{text},{after}"}
                self.problems.append(
                    Problem("yaml_decimal_comma", (*path, index), found, line, column)
                )

    def _scalar(self, node: ScalarNode, path: FieldPath) -> Any:
        if node.tag in _PLAIN_TAGS:
            return self._text(node, path)
        if node.tag in _CONSTRUCTED_TAGS:
            try:
                return _SCALARS.construct_object(node, deep=True)
            except ValueError:  # a number of thousands of digits (Python's limit: 4,300)
                line, column = _at(node.start_mark)
                self.problems.append(Problem("yaml_number_too_long", path, {}, line, column))
                return str(node.value)[:20]
        line, column = _at(node.start_mark)
        self.problems.append(Problem("yaml_tag", path, {"tag": node.tag}, line, column))
        return node.value

    def _text(self, node: ScalarNode, path: FieldPath, key: bool = False) -> str:
        """The text of `node`, a UTF-16 pair written as two escapes (`"\\uD83D\\uDE00"`)
        made one character; a lone half of one (`"\\uD800"`, which no file can hold) is a
        problem, and U+FFFD in the value."""
        text = str(node.value)
        if not key and (code := control_character(text)) is not None:  # `"\e]0;…\a"`
            # (a key is refused as unknown, shown escaped, and never printed in a document)
            line, column = _at(node.start_mark)
            self.problems.append(Problem("text_control_char", path, {"char": code}, line, column))
            text = without_controls(text)
        if lone_surrogate(text) is None:
            return text
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
        code = lone_surrogate(text)
        if code is None:
            return text
        line, column = _at(node.start_mark)
        self.problems.append(Problem("text_invalid_char", path, {"char": code}, line, column))
        return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")

    def _mapping(self, node: MappingNode, path: FieldPath, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            line, column = _at(key_node.start_mark)
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problems.append(Problem("yaml_merge_key", path, {}, line, column))
                continue
            if not isinstance(key_node, ScalarNode):
                kind = _kind(key_node)
                self.problems.append(
                    Problem("yaml_key_not_text", path, {"kind": kind}, line, column)
                )
                continue
            key = self._text(key_node, path, key=True)
            if key in first_lines:
                self.problems.append(
                    Problem(
                        "yaml_duplicate_key",
                        (*path, key),
                        {"key": key, "first_line": first_lines[key]},
                        line,
                        column,
                    )
                )
                continue
            first_lines[key] = line
            self.source.keys[(*path, key)] = (line, column)
            result[key] = self.build(value_node, (*path, key), depth + 1)
        return result


_SYNTAX_CODES = (
    ("mapping values are not allowed", "yaml_colon"),
    ("expected <block end>", "yaml_indent"),
    ("did not find expected key", "yaml_indent"),
    ("could not find expected ':'", "yaml_indent"),
    ("did not find expected '-' indicator", "yaml_indent"),
    ("found undefined alias", "yaml_alias"),
    ("expected ',' or ']'", "yaml_flow"),
    ("expected ',' or '}'", "yaml_flow"),
)


_FLOW_VALUE = re.compile(r"\s*(?:- )?[^\s:#][^:#]*:\s+([\[{])")
"""A key whose value starts with a bracket: a list or a dictionary to YAML."""
_RESERVED = re.compile(r"found character '(.+?)' that cannot start any token")
"""PyYAML's words for a value starting with `@` or a backquote, and the character."""
_KEY = re.compile(r"[^\s:#'\"\[\]{},&*!|>%@`-][^\s:]*")
"""A plain key as students write them (`headline`, `organization`, `start`)."""


def _syntax_problem(error: yaml.YAMLError, text: str) -> Problem:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line, column = _at(mark) if mark else (None, None)
    problem = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None) or ""
    context_mark = getattr(error, "context_mark", None)
    lines = text.splitlines()
    if "could not find expected ':'" in problem and "simple key" in context and context_mark:
        # `headline Cheffe de projet`: PyYAML stops at the next line; the key is this one
        key_line = lines[context_mark.line] if context_mark.line < len(lines) else ""
        key = _KEY.match(key_line, context_mark.column)
        if key:
            return Problem("yaml_missing_colon", (), {"key": key.group()}, *_at(context_mark))
    if "mapping values are not allowed" in problem and mark and _over_indented(lines, mark):
        return Problem("yaml_over_indent", (), {}, line, _indent(lines[mark.line]) + 1)
    if "'\\t'" in problem or "tab" in problem.lower():
        return Problem("yaml_tab", (), {}, line, column)
    if "another document" in problem or "single document" in problem:
        return Problem("yaml_multiple_documents", (), {}, line, column)
    if "escape" in problem and "double-quoted" in context and mark:
        # `path: "images\portrait.jpg"` (a Windows path): the quote is closed; the backslash
        # starts an escape sequence YAML does not know
        found = lines[mark.line].rfind("\\", 0, mark.column + 1) if mark.line < len(lines) else -1
        return Problem("yaml_backslash", (), {}, line, found + 1 if found >= 0 else column)
    if "quoted scalar" in context and context_mark:
        return Problem("yaml_unclosed_quote", (), {}, *_at(context_mark))
    if (found := _misplaced_sign(problem, context, mark, context_mark, lines)) is not None:
        return found
    for fragment, code in _SYNTAX_CODES:
        if fragment in problem:
            if code == "yaml_flow" and "flow" in context and context_mark:
                # `name: [unclosed`: PyYAML stops on a later line; the bracket is this one
                line, column = _at(context_mark)
            return Problem(code, (), {"detail": problem}, line, column)
    return Problem("yaml_syntax", (), {"detail": problem}, line, column)


def _misplaced_sign(
    problem: str, context: str, mark: Any, context_mark: Any, lines: list[str]
) -> Problem | None:
    """A value starting with a sign YAML reads as its own (`> | - * & ! @ ` [ {`), or a key
    indented out of its block: what PyYAML says of them, in a student's words."""
    line, column = _at(mark) if mark else (None, None)
    if "block scalar" in context and context_mark and context_mark.line < len(lines):
        indicator = lines[context_mark.line][context_mark.column : context_mark.column + 1]
        return Problem("yaml_block_value", (), {"char": indicator}, *_at(context_mark))
    if "scanning an alias" in context and context_mark:  # `headline: *** Cheffe ***`
        return Problem("yaml_alias", (), {}, *_at(context_mark))
    if "scanning an anchor" in context or "scanning a tag" in context:  # `&`, `!` alone
        sign = "&" if "anchor" in context else "!"
        return Problem("yaml_reserved", (), {"char": sign}, *_at(context_mark or mark))
    if "expected <block end>" in problem and mark and mark.line < len(lines):
        written = lines[mark.line]
        opened = _FLOW_VALUE.match(written)  # `headline: [Alternance] Cheffe`
        if opened and written[: mark.column].rstrip().endswith(("]", "}")):
            where = (mark.line + 1, opened.start(1) + 1)
            return Problem("yaml_flow_value", (), {"char": opened.group(1)}, *where)
        if context_mark and "block mapping" in context and context_mark.line < mark.line:
            # the line to align with: the block's first key, unless the line before this
            # one left the block's indentation (a key indented one space too far)
            before = _line_before(lines, mark.line)
            other = context_mark.line
            if before is not None and _indent(lines[before]) != _indent(lines[other]):
                other = before
            found = {"other_line": other + 1}
            return Problem("yaml_indent_against", (), found, line, column)
    if "sequence entries are not allowed" in problem:  # `headline: - Cheffe`
        return Problem("yaml_dash_value", (), {}, line, column)
    if (reserved := _RESERVED.search(problem)) is not None:
        return Problem("yaml_reserved", (), {"char": reserved.group(1)}, line, column)
    return None


_ENTRY = re.compile(r"(?P<dash>(?:-[ ]+)*)(?P<key>[^\s:#'\"\[\]{},&*!|>%@`-][^:#]*?)[ ]*:(?:\s|$)")
"""A line's key as written in a block (`  city: Lyon`, `  - name: SQL`), after its indent."""


def field_at(lines: list[str], index: int) -> FieldPath:
    """The field the line `index` of a document that YAML cannot read belongs to, told by
    its indentation and the keys above it (`identity.contact.city`, `skills[1].level`):
    a syntax error is named with its field too. As far as the lines above can tell."""
    path: list[str | int] = []
    level: int | None = None  # the column the path found so far starts at
    for number in range(min(index, len(lines) - 1), -1, -1):
        line = lines[number]
        if _blank(line):
            continue
        indent = _indent(line)
        entry = _ENTRY.match(line, indent)
        dashes = len(entry.group("dash")) if entry else 0
        if level is None or indent + dashes < level:
            if entry is None:
                if level is None:
                    level = indent
                continue
            path.insert(0, entry.group("key").strip())
            level = indent + dashes
        if entry is not None and dashes and indent < level <= indent + dashes:
            # the key stands in a list item: its place among the items at this indent
            path.insert(0, _items_before(lines, number, indent))
            level = indent
    return tuple(path)


def _aligned_field(lines: list[str], index: int) -> FieldPath:
    """The field of the key on line `index`, indented too far, had it been aligned with the
    key of the line above it (`     keywords:` under `    level: 3`)."""
    if not 0 <= index < len(lines):
        return ()
    entry = _ENTRY.match(lines[index], _indent(lines[index]))
    above = _line_before(lines, index)
    if entry is None or above is None or entry.group("dash"):
        return ()
    return (*field_at(lines, above)[:-1], entry.group("key").strip())


def _items_before(lines: list[str], number: int, indent: int) -> int:
    """How many items of the list whose item starts line `number` (its dash at `indent`)
    come before it."""
    count = 0
    for line in reversed(lines[:number]):
        if _blank(line):
            continue
        if _indent(line) < indent:
            break
        if _indent(line) == indent and line.lstrip().startswith("-"):
            count += 1
    return count


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _blank(line: str) -> bool:
    """A line that holds no key nor value: empty, spaces, or a comment."""
    return line.strip()[:1] in ("", "#")


def _line_before(lines: list[str], index: int) -> int | None:
    """The last line before `index` that is not `_blank`, None when there is none."""
    return next((n for n in range(index - 1, -1, -1) if not _blank(lines[n])), None)


def _over_indented(lines: list[str], mark: Any) -> bool:
    """Whether the colon PyYAML did not expect ends a lone key indented deeper than the line
    before it (`      organization: Acme` under `    start: 2024-01`), not a value holding
    a colon (`headline: Bilan: 2025`)."""
    if mark.line >= len(lines):
        return False
    line = lines[mark.line]
    key = _KEY.fullmatch(line, _indent(line), mark.column)
    before = _line_before(lines, mark.line)
    return key is not None and before is not None and _indent(line) > _indent(lines[before])


def _tab_in_indentation(text: str) -> tuple[int, int] | None:
    """The first tab used to indent a line, which PyYAML reports poorly or not at all."""
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.lstrip(" ")
        if stripped.startswith("\t") and stripped.strip():
            return (number, len(line) - len(stripped) + 1)
    return None


def decode(raw: bytes) -> str:
    """UTF-8 text of `raw` (a BOM is allowed), or `YamlProblems` naming the bad byte."""
    if len(raw) > MAX_BYTES:
        raise YamlProblems([Problem("yaml_too_large", (), {"size": len(raw), "limit": MAX_BYTES})])
    body = raw.removeprefix(b"\xef\xbb\xbf")  # the BOM Notepad writes: not part of line 1
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        before = body[: error.start]  # valid UTF-8 up to there: counted in characters
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8")) + 1
        byte = f"0x{body[error.start]:02X}"
        raise YamlProblems([Problem("yaml_encoding", (), {"byte": byte}, line, column)]) from None


def parse(text: str) -> Source:
    """Parse one YAML document whose root is a mapping; raise `YamlProblems` otherwise."""
    if len(text) > MAX_BYTES:
        raise YamlProblems([Problem("yaml_too_large", (), {"size": len(text), "limit": MAX_BYTES})])
    if all(_blank(line) for line in text.splitlines()):
        raise YamlProblems([Problem("yaml_empty", (), {}, 1, 1)])
    node = _fast_compose(text)
    if node is not None:
        return _to_source(node, text)
    loader = None
    try:
        loader = yaml.SafeLoader(text)
        node = loader.get_single_node()
    except yaml.reader.ReaderError as error:
        before = text[: error.position]
        line, column = before.count("\n") + 1, error.position - (before.rfind("\n") + 1) + 1
        character = f"U+{error.character:04X}" if isinstance(error.character, int) else "?"
        raise YamlProblems(
            [Problem("yaml_control_char", (), {"char": character}, line, column)]
        ) from None
    except yaml.YAMLError as error:
        problem = _syntax_problem(error, text)
        tab = _tab_in_indentation(text)
        if tab and problem.code == "yaml_syntax":
            problem = Problem("yaml_tab", (), {}, *tab)
        if problem.line is not None and not problem.path:
            lines = _LINE_BREAK.split(text)
            path = field_at(lines, problem.line - 1)
            if problem.code == "yaml_missing_colon":  # its line holds no key YAML could read
                path = (*path, problem.context["key"])
            elif problem.code == "yaml_over_indent":  # meant beside the key above it
                path = _aligned_field(lines, problem.line - 1) or path
            problem = replace(problem, path=path)
        raise YamlProblems([problem]) from None
    except RecursionError:
        raise YamlProblems([Problem("yaml_too_deep", (), {"limit": MAX_DEPTH})]) from None
    finally:
        if loader is not None:
            loader.dispose()
    return _to_source(node, text)


def _fast_compose(text: str) -> Node | None:
    """The node tree from libyaml when it is available and the text is valid, else None:
    the pure-Python parser then reads it again to explain the problem precisely."""
    loader_class = getattr(yaml, "CSafeLoader", None)
    if loader_class is None:
        return None
    loader = loader_class(text)
    try:
        return loader.get_single_node()
    except yaml.YAMLError as error:
        if "maximum nesting depth" in str(getattr(error, "problem", "")):
            # libyaml stops at 1,000 levels; the pure-Python parser would take time
            # growing with the square of the depth before failing the same way
            mark = getattr(error, "problem_mark", None)
            where = _at(mark) if mark else (None, None)
            raise YamlProblems(
                [Problem("yaml_too_deep", (), {"limit": MAX_DEPTH}, *where)]
            ) from None
        return None
    except (RecursionError, ValueError):
        return None
    finally:
        loader.dispose()


def _to_source(node: Node | None, text: str) -> Source:
    if node is None:
        raise YamlProblems([Problem("yaml_empty", (), {}, 1, 1)])
    if not isinstance(node, MappingNode):
        line, column = _at(node.start_mark)
        kind = _kind(node)
        if isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:null":
            raise YamlProblems([Problem("yaml_empty", (), {}, line, column)])
        raise YamlProblems([Problem("yaml_root_not_mapping", (), {"kind": kind}, line, column)])
    builder = _Builder(text)
    builder.source.data = builder.build(node, (), 0)
    builder.source.problems = builder.problems
    return builder.source
