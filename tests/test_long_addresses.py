"""An address too long for the CV's side column (a LinkedIn slug of sixty letters, an
e-mail of a long name) stays inside it, in the CV's page and PDF and on the annexe's first
page: it breaks after its hyphens, or anywhere as a last resort, never running over the
main column."""

from __future__ import annotations

from pathlib import Path

import pypdfium2
import pytest

from profile_gen import designs
from profile_gen.app.build import run_pelican
from profile_gen.book.render import breakable
from tests.profiles import make_project

SLUG = "maximilian-alexander-bartholomew-konstantinopoulos-vanderbilt"
EMAIL = "maximilian.alexanderbartholomewkonstantinopoulos@example-university.org"


def long_addresses(data: dict) -> None:
    data["links"]["linkedin"] = f"https://www.linkedin.com/in/{SLUG}/"
    data["identity"]["contact"]["email"] = EMAIL


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = make_project(tmp_path_factory.mktemp("long-addresses"), long_addresses)
    printed = ("cv.pdf", "annexe.pdf")
    return run_pelican(root / "pelican.conf.py", root / "output", printed, formats=("pdf",)).output


def test_a_long_segment_breaks_after_its_hyphens_short_ones_never():
    html = str(breakable(f"linkedin.com/in/{SLUG}/"))
    assert '<span class="breakable long">' in html
    assert '<span class="nobr">linkedin.</span><wbr><span class="nobr">com/</span>' in html
    assert '<span class="nobr">maximilian-</span><wbr><span class="nobr">alexander-</span>' in html
    short = str(breakable("lea-moreau.github.io/book/"))
    assert "long" not in short and '<span class="nobr">lea-moreau.</span>' in short
    # long, yet it fits the column shrunk: its hyphens stay unbreakable
    email = str(breakable("jean-baptiste.delacroix-villeneuve@universite-exemple-longue.fr"))
    assert '<span class="nobr">universite-exemple-longue.</span>' in email
    # a piece with no hyphen longer than the column: breakable anywhere (no `nobr`)
    assert "<span>alexanderbartholomewkonstantinopoulos@</span>" in str(breakable(EMAIL))


def overlaps(path: Path, page_number: int, words: tuple[str, ...]) -> dict[str, list[str]]:
    """For each of `words` found on the page: the other characters its characters' boxes
    cover (a text drawn over another); every word must be on the page."""
    page = pypdfium2.PdfDocument(path)[page_number]
    text = page.get_textpage()
    chars = text.get_text_range()
    boxes = [text.get_charbox(index) for index in range(len(chars))]
    found = {}
    for word in words:
        start = chars.find(word[:12])
        assert start >= 0, (path.name, word, chars[:400])
        own = range(start, start + len(word) + 4)  # its line breaks' marks count as its own
        covered = []
        for index in own:
            left, bottom, right, top = boxes[index]
            for other, (o_left, o_bottom, o_right, o_top) in enumerate(boxes):
                if other in own or not chars[other].strip():
                    continue
                if min(right, o_right) - max(left, o_left) > 0.5 and (
                    min(top, o_top) - max(bottom, o_bottom) > 0.5
                ):
                    covered.append(chars[other])
        found[word] = covered
    return found


@pytest.mark.parametrize(("name", "page"), [("cv.pdf", 0), ("annexe.pdf", 0)])
def test_the_printed_addresses_draw_over_no_other_text(site, name, page):
    found = overlaps(site / name, page, (SLUG, EMAIL.split("@")[0]))
    assert found == {SLUG: [], EMAIL.split("@")[0]: []}, found


LAST_CHARACTERS_OUTSIDE = """() => [...document.querySelectorAll('.breakable')].flatMap((element) => {
  const item = element.closest('li') || element.parentElement;
  const box = item.getBoundingClientRect();
  const range = document.createRange();
  range.selectNodeContents(element);
  return [...range.getClientRects()].filter((r) => r.width > 0)
    .filter((r) => r.right > box.right + 0.5 || r.left < box.left - 0.5)
    .map((r) => `${element.textContent}: ${r.left}-${r.right} outside ${box.left}-${box.right}`);
})"""


@pytest.fixture(scope="module")
def pages(site, tmp_path_factory) -> dict[str, Path]:
    """Design → its built Book (HTML only; the default design's is `site`)."""
    built = {designs.DEFAULT: site}
    for name in designs.names():
        if name != designs.DEFAULT:

            def edit(data: dict, name: str = name) -> None:
                long_addresses(data)
                data["design"] = name

            root = make_project(tmp_path_factory.mktemp(f"long-{name}"), edit)
            built[name] = run_pelican(root / "pelican.conf.py", root / "output", pdf=False).output
    return built


@pytest.mark.parametrize("name", designs.names())
def test_the_cv_page_keeps_every_address_in_its_column(chromium, pages, name):
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    try:
        for path in ("cv/index.html", "annexe/index.html"):
            page.goto((pages[name] / path).as_uri())
            texts = page.eval_on_selector_all(".breakable", "els => els.map(e => e.textContent)")
            assert any(SLUG in text for text in texts), (path, texts)
            assert page.evaluate(LAST_CHARACTERS_OUTSIDE) == [], path
    finally:
        page.close()
