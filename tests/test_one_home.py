"""One home per shared rule: no private helper crosses modules, the importers use no
template filter, the slug and `localize` are written once."""

from __future__ import annotations

import ast
import re

from tests.conftest import ROOT

PACKAGE = ROOT / "profile_gen"


def _sources():
    for path in sorted(PACKAGE.rglob("*.py")):
        yield path, path.read_text(encoding="utf-8")


def test_no_private_name_is_imported_from_another_module():
    for path, source in _sources():
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("profile_gen"):
                private = [a.name for a in node.names if a.name.startswith("_")]
                assert not private, (path, node.module, private)


def test_the_importers_use_no_template_filter():
    for path in (PACKAGE / "interop").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert "profile_gen.book.render" not in source and "jinja2" not in source, path


def test_the_slug_and_localize_have_one_home_each():
    slugging = re.compile(r"\[\^a-z0-9\]\+")
    homes = [path.name for path, source in _sources() if slugging.search(source)]
    assert homes == ["text.py"]
    localizing = [
        path.relative_to(PACKAGE).as_posix()
        for path, source in _sources()
        if re.search(r"^def localize\(", source, re.M)
    ]
    assert localizing == ["profile/fields.py"]
