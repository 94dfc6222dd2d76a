"""Every user-facing text exists in French and English, once."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from profile_gen import i18n
from profile_gen.i18n import en, fr

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("module", [fr, en])
def test_no_key_is_defined_twice(module):
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            keys = [k.value for k in node.keys if isinstance(k, ast.Constant)]
            duplicates = {k for k in keys if keys.count(k) > 1}
            assert not duplicates, duplicates


def test_both_languages_have_the_same_texts():
    assert set(fr.MESSAGES) == set(en.MESSAGES)
    assert set(fr.LABELS) == set(en.LABELS)
    assert set(fr.KINDS) == set(en.KINDS)


def test_every_label_used_by_the_templates_exists():
    used = set()
    for template in (ROOT / "theme/templates").glob("*.html"):
        used |= set(re.findall(r"label\('([a-z_.]+)'", template.read_text(encoding="utf-8")))
    missing = sorted(k for k in used if not k.endswith(".") and k not in fr.LABELS)
    assert not missing


def test_placeholders_agree_between_languages():
    for table in ("MESSAGES", "LABELS"):
        for key, french in getattr(fr, table).items():
            english = getattr(en, table)[key]
            assert set(re.findall(r"{(\w+)}", french)) == set(re.findall(r"{(\w+)}", english)), key


def test_unknown_message_code_never_raises():
    assert "zzz" in i18n.message("fr", "zzz")
