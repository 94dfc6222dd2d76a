"""Texts nested hundreds deep (emphasis inside emphasis in a profile's Markdown): kept to a
depth every format lays out, and a printed page still too deep for WeasyPrint named, not an
internal error."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from profile_gen.errors import BuildError
from profile_gen.views.text import INLINE_DEPTH, MARKDOWN
from tests.profiles import make_project

NESTED = "*a " * 500 + "b" + " c*" * 500


def test_marks_deeper_than_the_limit_stay_the_text_written():
    children = [child for block in MARKDOWN.parse(NESTED) for child in block.children or ()]
    assert sum(child.type == "em_open" for child in children) == INLINE_DEPTH
    assert sum(child.type == "em_close" for child in children) == INLINE_DEPTH
    text = "".join(child.content for child in children if child.type == "text")
    assert text.count("*") == 2 * (500 - INLINE_DEPTH)  # the marks left, as written
    shallow = "**Gras *et italique* [lien](https://example.com)**"
    types = [child.type for block in MARKDOWN.parse(shallow) for child in block.children or ()]
    assert types.count("em_open") == types.count("strong_open") == types.count("link_open") == 1


@pytest.mark.pdf
def test_a_profile_text_nested_hundreds_deep_builds_every_document(tmp_path, run_cli):
    """`build` with every document: before, WeasyPrint's recursion limit stopped it with an
    internal error ("report it")."""

    def edit(data: dict) -> None:
        data["summary"] = NESTED

    root = make_project(tmp_path, edit)
    result = run_cli("build", "--settings", str(root / "pelican.conf.py"))
    assert result.code == 0, result.err
    cv = BeautifulSoup((root / "output/cv/index.html").read_text("utf-8"), "html.parser")
    deepest = max(len(em.find_parents("em")) + 1 for em in cv.find_all("em"))
    assert deepest == INLINE_DEPTH
    assert (root / "output/cv.pdf").is_file() and (root / "output/annexe.docx").is_file()


@pytest.mark.pdf
def test_a_printed_page_too_deep_to_lay_out_is_named(tmp_path):
    from profile_gen.printing import pdf

    (tmp_path / "cv").mkdir()
    deep = "<span>" * 5000 + "texte" + "</span>" * 5000
    (tmp_path / "cv/index.html").write_text(f"<html><body>{deep}</body></html>", "utf-8")
    with pytest.raises(BuildError) as refused:
        pdf.render_pdf("cv/index.html", tmp_path / "cv.pdf", tmp_path)
    assert refused.value.code == "pdf_too_deep" and refused.value.context["page"] == "cv/index.html"
    assert not (tmp_path / "cv.pdf").exists()
