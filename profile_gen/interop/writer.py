"""Write imported profile data as commented YAML, grouped like the sample, never silently
overwriting, and ending with the report of what could not be mapped."""

from __future__ import annotations

import re
from typing import Any

import yaml

from profile_gen import i18n
from profile_gen.interop.fit import CONTROL_CHARS

SECTIONS = (
    "locale",
    "identity",
    "links",
    "summary",
    "experience",
    "education",
    "certifications",
    "languages",
    "skills",
    "interests",
    "achievements",
    "activities",
    "recommendations",
    "strengths",
    "improvements",
    "defence",
    "competencies",
)
"""The sections in the order of the sample, each headed by its comment `imp.section.<name>`."""


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)  # "- item" indented under its key


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value.strip() else None
    if style:
        value = "\n".join(line.rstrip() for line in value.strip().splitlines()) + "\n"
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def _one_line(text: str) -> str:
    """A report line safe inside a YAML comment: no line break, no control character."""
    return " ".join(CONTROL_CHARS.sub(" ", text).split())


def _comment(text: str) -> list[str]:
    return [f"# {line}".rstrip() for line in text.splitlines()]


def _sections(data: dict[str, Any], lang: str) -> list[str]:
    lines = []
    for key in SECTIONS:
        if key not in data:
            continue
        lines += _comment(i18n.label(lang, f"imp.section.{key}"))
        dumped = yaml.dump(
            {key: data[key]}, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100
        )
        lines += [dumped.rstrip("\n"), ""]
    return lines


def _report(unmapped: list[str], lang: str) -> list[str]:
    say = lambda key: i18n.label(lang, key)  # noqa: E731
    lines = ["", "# " + "-" * 78, f"# {say('imp.report')}"]
    lines += [f"#   - {_one_line(line)}" for line in unmapped] or [
        f"#   {say('imp.report_nothing')}"
    ]
    todo = say("imp.report_todo").splitlines()
    return lines + [f"#   - {todo[0]}"] + [f"#     {line}" for line in todo[1:]]


def to_yaml(
    data: dict[str, Any],
    comments: dict[str, str],
    unmapped: list[str],
    schema: str,
    source: str,
    lang: str = "fr",
) -> str:
    """The profile file: a header, each section under its comment, the report at the end."""
    lines = [
        f"# yaml-language-server: $schema={schema}",
        "#",
        f"# {i18n.text(lang, 'imp.header', source=source)}",
        f"# {i18n.label(lang, 'imp.header_next')}",
        "#     profile-gen check",
        "",
        *_sections(data, lang),
    ]
    text = "\n".join(lines)
    text = re.sub(
        r"(\S+?)@@(\w+)@@",
        lambda m: f"{m.group(1)}  # {_one_line(comments.get(m.group(2), ''))}".rstrip(" #"),
        text,
    )
    if "phone" in comments:
        text = re.sub(
            r"^(\s+phone: .*)$",
            lambda m: f"{m.group(1)}  # {comments['phone']}",
            text,
            count=1,
            flags=re.M,
        )
    return text.rstrip("\n") + "\n" + "\n".join(_report(unmapped, lang)) + "\n"
