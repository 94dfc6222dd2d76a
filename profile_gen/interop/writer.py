"""Write imported profile data as commented YAML, grouped like the sample, never silently
overwriting, and ending with the report of what could not be mapped."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import yaml

from profile_gen import i18n
from profile_gen.text import CONTROL_CHARS

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

    def ignore_aliases(self, data: Any) -> bool:
        return True  # a list met twice is written twice: a profile holds no anchor (`&id001`)


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value.strip() else None
    if style:
        value = "\n".join(line.rstrip() for line in value.strip().splitlines()) + "\n"
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def _one_line(text: str) -> str:
    """A report line safe inside a YAML comment: no line break, no control character."""
    return " ".join(CONTROL_CHARS.sub(" ", text).split())


_MARKER = re.compile(r"@@(\w+)@@$", re.M)
"""A comment marker ending a line (`level: B2@@lang0@@`): found in one pass, linear in
the text's size (no backtracking over a long word before it)."""


def _marker_comment(match: re.Match[str], comments: dict[str, str]) -> str:
    """The trailing comment a marker stands for (nothing when it has no text)."""
    if match.group(1) not in comments:
        return match.group(0)  # not ours: text the student wrote, kept as it is
    comment = _one_line(comments[match.group(1)])
    return f"  # {comment}" if comment else ""


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
    check: str = "profile-gen check",
) -> str:
    """The profile file: a header, each section under its comment, the report at the end.
    `check` is the command to run next, in the file's folder."""
    lines = [
        f"# yaml-language-server: $schema={schema}",
        "#",
        f"# {i18n.text(lang, 'imp.header', source=_one_line(source))}",
        f"# {i18n.label(lang, 'imp.header_next')}",
        f"#     {check}",
        "",
        *_sections(data, lang),
    ]
    text = _MARKER.sub(lambda m: _marker_comment(m, comments), "\n".join(lines))
    return text.rstrip("\n") + "\n" + "\n".join(_report(unmapped, lang)) + "\n"


def split_private(data: dict[str, Any], held: Iterable[str] = ()) -> dict[str, Any]:
    """Take out of `data` (in place) the contact items that stay off the web (visibility
    not `public`: the phone and the address by default), and those named in `held` (already
    in the private file): the contact of the private file, never written in the profile."""
    from profile_gen.profile.identity import CONTACT_ITEMS, ContactVisibility, Visibility

    contact = (data.get("identity") or {}).get("contact") or {}
    chosen = ContactVisibility.model_validate(contact.get("visibility") or {})
    private = {
        name: contact.pop(name)
        for name in CONTACT_ITEMS
        if name in contact and (getattr(chosen, name) != Visibility.public or name in held)
    }
    if "contact" in data.get("identity", {}) and not contact:
        del data["identity"]["contact"]
    return private


def private_yaml(
    contact: dict[str, Any], header: str, previous: str | None = None, lang: str = "fr"
) -> str:
    """The private file: `header` (the starter's comment), `identity.contact`, and the
    file's `previous` text as comments, when the import replaced what it said."""
    dumped = yaml.dump(
        {"identity": {"contact": contact}},
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=100,
    )
    text = header.rstrip("\n") + "\n" + dumped
    if previous is not None and previous.strip():
        text += (
            "\n# " + "-" * 78 + "\n" + "\n".join(_comment(i18n.label(lang, "imp.private_before")))
        )
        text += "\n" + "\n".join(f"# {line}".rstrip() for line in previous.splitlines()) + "\n"
    return text
