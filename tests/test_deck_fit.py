"""Texts fit their slides by measure, never by clipping: in Chromium, at 1920×1080 and
1280×720, in the audience and the presenter views, the last character of every text is
inside its box and its slide, nothing is hidden (no overflow hidden with more content, no
ellipsis, no line clamp) and no word is split over two lines; `check` names the texts
that forced a smaller type."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from profile_gen.profile.model import Profile
from profile_gen.views.deck_fit import FLOOR, deck_notes, fit_deck, fitted_plan
from tests.browser import every_slide
from tests.conftest import DECK_GROUP, copy_sample
from tests.deck_profiles import both, deck_dir, sample_data

SIZES = [(1920, 1080), (1280, 720)]


def long_texts() -> dict:
    """Strengths' explanations of 110 and 160 characters, long titles, long quotes."""
    data = sample_data()
    for index, item in enumerate(data["strengths"]):
        length = 160 if index % 2 else 110
        fr = ("Pilotage de la dématérialisation des factures fournisseurs " * 4)[:length]
        en = ("Leading the dematerialisation of supplier invoices across sites " * 4)[:length]
        item["explanation"] = both(fr.strip(), en.strip())
    data["strengths"][3]["title"] = both(
        "Conduite du changement auprès des utilisateurs", "Change management with the users"
    )
    for item in data["achievements"]:
        item["title"] = both(
            "Dématérialisation des processus achats et comptables",
            "Dematerialisation of purchasing and accounting processes",
        )
    for item in data["recommendations"]:
        item["text"] = both(
            "Un chef de projet rigoureux et à l'écoute, qui a su fédérer les équipes. " * 4,
            "A rigorous project manager who listens and brought the teams together. " * 4,
        )
    return data


PROFILES = ["sample", "long", "maximal"]


@pytest.fixture(scope="module")
def sites(sample_site, deck_html_site, tmp_path_factory) -> dict[str, Path]:
    """Each profile's Book, HTML only (the sample's and the maximal one's shared with
    tests/test_deck_layout.py); the long texts' with its PowerPoint decks too (read by
    `test_the_powerpoint_splits_where_the_html_deck_splits`)."""
    import yaml

    from profile_gen.app.build import run_pelican

    root = tmp_path_factory.mktemp("long")
    copy_sample(root)
    text = yaml.safe_dump(long_texts(), allow_unicode=True, sort_keys=False)
    (root / "content/profile.yaml").write_text(text, encoding="utf-8")
    long = run_pelican(root / "pelican.conf.py", root / "output", formats=("pptx",)).output
    return {"sample": sample_site, "long": long, "maximal": deck_html_site("maximal")}


HIDDEN = """(slide) => {
  const box = (e) => e.getBoundingClientRect();
  const s = box(slide);
  // across, the whole glyph; down, its middle (a glyph's box is the font's height, taller
  // than a line of a tight line height)
  const inside = (r, b) => r.left >= b.left - 1 && r.right <= b.right + 1
      && (r.top + r.bottom) / 2 >= b.top && (r.top + r.bottom) / 2 <= b.bottom;
  const name = (e) => e.tagName + '.' + e.className;
  const problems = [];
  const elements = [...slide.querySelectorAll('.slide-body *, .slide-footer *')];
  for (const e of elements) {
    const style = getComputedStyle(e);
    if (style.textOverflow === 'ellipsis') problems.push('ellipsis ' + name(e));
    const clamp = style.webkitLineClamp || style.getPropertyValue('line-clamp');
    if (clamp && clamp !== 'none') problems.push('line clamp ' + name(e));
    if ((style.overflow !== 'visible' || style.overflowY !== 'visible')
        && e.scrollHeight > e.clientHeight + 1) problems.push('hidden ' + name(e));
  }
  const texts = [];
  const walker = document.createTreeWalker(slide.querySelector('.slide-body'), NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) if (walker.currentNode.textContent.trim()) texts.push(walker.currentNode);
  const range = document.createRange();
  const rectOf = (node, start, end) => { range.setStart(node, start); range.setEnd(node, end);
      const rects = range.getClientRects(); return rects.length ? rects[rects.length - 1] : null; };
  let count = 0;
  for (const node of texts) {
    const text = node.textContent;
    const end = text.trimEnd().length;
    const last = rectOf(node, end - 1, end);
    const owner = node.parentElement.closest('li, p, h1, h2, h3, blockquote, figcaption, strong, span, div, em');
    count += 1;
    if (!last) continue;
    if (!inside(last, box(owner))) problems.push('outside its box: ' + name(owner) + ' ' + text.slice(-30));
    if (!inside(last, s)) problems.push('outside the slide: ' + text.slice(-30));
    // and inside its card, its row of a list, its column: never over its neighbour
    const frame = node.parentElement.closest('.card, .quote, .grid-list > li, .plan-list > li, .title-text, .closing, .slide-body');
    if (!inside(last, box(frame))) problems.push('outside ' + name(frame) + ': ' + text.slice(-30));
    // a word whose letters sit on two lines must end its first line with a hyphen
    const words = /[^\\s]+/g;
    let match;
    while ((match = words.exec(text))) {
      // a word on one line (its boxes at one height): no letter of it can sit lower
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const tops = [...range.getClientRects()].map((r) => r.top);
      if (Math.max(...tops) <= Math.min(...tops) + 2) continue;
      let top = null;
      for (let i = 0; i < match[0].length; i++) {
        const r = rectOf(node, match.index + i, match.index + i + 1);
        if (!r || !r.width) continue;
        if (top !== null && r.top > top + 2 && !'-‐­'.includes(match[0][i - 1])) {
          problems.push('word split: ' + match[0]);
          break;
        }
        top = r.top;
      }
    }
  }
  return {problems, count, sizes: [...slide.querySelectorAll('.slide-body *')]
      .filter((e) => [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()))
      .map((e) => parseFloat(getComputedStyle(e).fontSize) / s.width * 1280)};
}"""


def deck_url(site: Path, prefix: str) -> str:
    return (deck_dir(site, prefix) / "index.html").as_uri()


VIEWS = {
    "audience": f"(slide) => ({HIDDEN})(slide)",
    "presenter": f"() => ({HIDDEN})(document.querySelector('#presenter-current .slide'))",
}
"""What is measured on each slide: the slide, or its copy in the presenter view."""


@DECK_GROUP  # `sites`
@pytest.mark.parametrize("prefix", ["", "en/"], ids=["fr", "en"])
@pytest.mark.parametrize("profile", PROFILES)
def test_no_text_is_hidden_or_split(chromium, sites, profile, prefix):
    """At each size (one page, resized: the slides' layout is CSS only), every slide in the
    audience view, then in the presenter's."""
    page = chromium.new_page()
    page.goto(deck_url(sites[profile], prefix))
    smallest = 99.0
    for size in SIZES:
        page.set_viewport_size({"width": size[0], "height": size[1]})
        for view, measure in VIEWS.items():
            if view == "presenter":
                page.keyboard.press("p")
            slides = every_slide(page, measure)
            if view == "presenter":
                page.keyboard.press("p")
            for number, found in enumerate(slides, start=1):
                assert found["problems"] == [], (profile, prefix, size, number, view)
                assert found["count"] > 0
                smallest = min(smallest, *found["sizes"])
    page.close()
    assert smallest >= FLOOR - 0.5  # 21 px at 1920 × 1080: the type never goes under it


@DECK_GROUP  # `sites`
@pytest.mark.parametrize("profile", PROFILES)
def test_every_text_is_in_the_deck_whole(sites, profile):
    """No "…" the profile did not write: the quotes, the explanations, the results whole."""
    from bs4 import BeautifulSoup

    for prefix in ("", "en/"):
        html = (deck_dir(sites[profile], prefix) / "index.html").read_text("utf-8")
        soup = BeautifulSoup(html, "html.parser")
        assert "…" not in " ".join(s.get_text() for s in soup.select(".slide-body"))
        assert not soup.select(".clamp")
    assert "clamp" not in (Path(__file__).parents[1] / "theme/static/css/deck.css").read_text()


def load_profile(data: dict, folder: Path) -> Profile:
    import yaml

    from profile_gen.profile.loader import load

    copy_sample(folder)
    path = folder / "content/profile.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return load(path)


def test_long_texts_step_down_and_are_named(tmp_path):
    profile = load_profile(long_texts(), tmp_path)
    notes = list(deck_notes(profile))
    named = {note.field: note for lang, note in notes if lang == "fr"}
    note = named["strengths[1].explanation"]
    assert note.length == 160 and 0 < note.shown < 160 and note.number == 5
    # a strength whose title takes two lines and explanation 160 characters: the strengths
    # slide splits in two, each at a type scale that fits
    assert note.split and note.parts == 2
    plan = fitted_plan(profile)
    halves = [slide for slide in plan if slide.type.value == "strengths"]
    assert [(s.part, s.parts, s.first_number, len(s.items)) for s in halves] == [
        (1, 2, 1, 5),
        (2, 2, 6, 5),
    ]
    assert all(fit.fits for fit in fit_deck(profile, "fr", plan) + fit_deck(profile, "en", plan))
    assert {lang for lang, _ in notes} == {"fr", "en"}


def test_a_slide_split_in_three_is_said_so(tmp_path):
    """Ten strengths of 400 characters: the slide becomes three, and `check` says three."""
    from functools import partial

    from profile_gen.app.check import _deck_fit_lines
    from profile_gen.i18n import text

    data = long_texts()
    for item in data["strengths"]:
        item["explanation"] = both(
            ("Pilotage de la dématérialisation des factures fournisseurs " * 9)[:400].strip(),
            ("Leading the dematerialisation of supplier invoices across sites " * 9)[:400].strip(),
        )
    profile = load_profile(data, tmp_path)
    parts = [s.parts for s in fitted_plan(profile) if s.type.value == "strengths"]
    assert parts == [3, 3, 3]
    notes = [(lang, note) for lang, note in deck_notes(profile) if note.split]
    assert notes and {note.parts for _, note in notes} == {3}
    for lang, said in (
        ("fr", "la diapositive devient 3 diapositives"),
        ("en", "split into 3 slides"),
    ):
        lines = _deck_fit_lines(tuple(notes), partial(text, lang))
        assert lines[2].endswith(said), lines[2]


def test_the_sample_fits_at_its_normal_size_but_the_cards(tmp_path):
    profile = load_profile(sample_data(), tmp_path)
    fits = fit_deck(profile, "fr")
    smaller = {s.type.value for s, f in zip(fitted_plan(profile), fits, strict=True) if f.level > 1}
    assert smaller and smaller <= {"achievements", "recommendations"}  # by the shipped font


@pytest.mark.pdf  # `check` counts the printed CV's pages with WeasyPrint
def test_check_names_the_texts_that_forced_a_smaller_type_or_a_split(tmp_path, run_cli):
    import yaml

    data = long_texts()
    data["identity"]["headline"] = both("Cheffe de projet " * 60, "Project manager " * 60)
    copy_sample(tmp_path)
    profile = tmp_path / "content/profile.yaml"
    profile.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    result = run_cli("check", str(profile))
    out = result.out
    assert "Diaporama : textes trop longs pour la taille normale" in out
    # the strengths slide (5) split in two: each explanation named with its length and the
    # characters the slide shows at its normal size
    line = next(x for x in out.splitlines() if "strengths[1].explanation [fr]" in x)
    assert "160 caractères ; la diapositive 5 « Mes 10 points forts » en montre" in line
    assert line.endswith("la diapositive devient 2 diapositives")
    assert "strengths[1].explanation [en]" in out
    # the cards, shown smaller on one slide each: numbered after the split
    assert "achievements[0].title [fr] :" in out
    # a headline too long even at the smallest type: shown whole, and named
    line = next(x for x in out.splitlines() if "identity.headline [fr]" in x)
    assert line.lstrip().startswith("⚠") and line.endswith("raccourcissez-le")


def test_check_is_quiet_about_a_deck_that_fits(tmp_path, run_cli):
    import yaml

    data = sample_data()
    data["recommendations"] = data["recommendations"][:1]
    data["achievements"] = data["achievements"][:1]
    copy_sample(tmp_path)
    profile = tmp_path / "content/profile.yaml"
    profile.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    assert "Diaporama : textes" not in run_cli("check", str(profile)).out


@DECK_GROUP  # `sites`
def test_the_powerpoint_splits_where_the_html_deck_splits(sites):
    """The same slides in both formats: the strengths split in two, numbered on."""
    from bs4 import BeautifulSoup
    from pptx import Presentation

    site = sites["long"]
    for prefix in ("", "en/"):
        html = (deck_dir(site, prefix) / "index.html").read_text("utf-8")
        sections = BeautifulSoup(html, "html.parser").select("section.slide")
        titles = [section["data-title"] for section in sections]
        presentation = Presentation(str(site / f"{prefix}soutenance.pptx"))
        assert len(presentation.slides) == len(sections)
        split = [t for t in titles if t.endswith(("(1/2)", "(2/2)"))]
        assert len(split) >= 2
        pptx_titles = [slide.shapes.title.text for slide in presentation.slides]
        assert sum(t.endswith(("(1/2)", "(2/2)")) for t in pptx_titles) == len(split)
        badges = [
            shape.text_frame.text
            for slide in presentation.slides
            for shape in slide.shapes
            if shape.name.startswith("Strength ") and shape.name.endswith(" number")
        ]
        assert badges == [str(n) for n in range(1, 11)]


@DECK_GROUP  # `sites`
@pytest.mark.parametrize("prefix", ["", "en/"], ids=["fr", "en"])
def test_a_slide_split_off_a_list_says_its_notes_are_the_first_parts(sites, prefix):
    """The notes of a list split over slides go with its first part: the others say they go
    on from it, never that no notes are written (which `check` would contradict)."""
    import re

    from profile_gen import i18n

    lang = prefix.rstrip("/") or "fr"
    outline = (deck_dir(sites["long"], prefix) / "outline.md").read_text("utf-8")
    sections = re.split(r"^## \d+\. ", outline, flags=re.M)[1:]
    later = [s for s in sections if re.match(r"[^\n]*\((?:[2-9]|\d\d)/\d+\)", s)]
    assert later, "the long texts split a list"
    continued = i18n.label(lang, "deck.notes_continued")
    for section in later:
        assert i18n.label(lang, "deck.no_notes") not in section
        assert continued in section, section


@pytest.mark.parametrize(
    ("lang", "shown", "said"),
    [
        ("fr", 12, "« Ils me recommandent » en montre 12 à sa taille normale :"),
        ("fr", 0, "« Ils me recommandent » n'en montre aucun à sa taille normale :"),
        ("en", 0, "“They recommend me” shows none of them at its normal size:"),
    ],
)
def test_check_says_when_a_slide_shows_none_of_a_text(lang, shown, said):
    """A text after others that fill its card: the slide shows none of its characters at
    its normal size, said in words, not as "shows 0"."""
    from profile_gen import i18n
    from profile_gen.app.check import _deck_fit_lines
    from profile_gen.profile.model import SlideType
    from profile_gen.views.deck_fit import Note

    title = {"fr": "Ils me recommandent", "en": "They recommend me"}[lang]
    note = Note("recommendations[0].role", 37, shown, SlideType.recommendations, 4, True)
    note = dataclasses.replace(note, title=title)
    lines = _deck_fit_lines(((lang, note),), lambda key, **values: i18n.text(lang, key, **values))
    assert said in lines[-1], lines[-1]
