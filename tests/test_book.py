"""The Book built from the sample, read back with BeautifulSoup."""

from __future__ import annotations

import itertools
import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from profile_gen.app.build import run_pelican
from profile_gen.book.render import localize
from profile_gen.profile.loader import load
from profile_gen.typography import typeset
from profile_gen.views.book import PAGE_BY_KEY
from tests.conftest import ROOT, SAMPLE

PROFILE = load(SAMPLE)
LANGS = PROFILE.locale
BOOK_URL = str(PROFILE.links.book)


@pytest.fixture
def site(sample_site) -> Path:
    return sample_site


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def slug(key: str, lang: str) -> str:
    """The folder of a Book page in `lang` (English slugs for English pages)."""
    return PAGE_BY_KEY[key].slug(lang)


def prefix(lang: str) -> str:
    return "" if lang == LANGS[0] else f"{lang}/"


def text_of(soup: BeautifulSoup) -> str:
    return " ".join(soup.get_text(" ").split())


def t(value, lang: str) -> str:
    return " ".join(typeset(localize(value, lang, LANGS[0]), lang).split())


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


@pytest.mark.parametrize("lang", LANGS)
def test_every_item_appears_on_its_page(site, lang):
    p = prefix(lang)
    home = text_of(page(site, f"{p}index.html"))
    assert PROFILE.identity.name in home and t(PROFILE.identity.headline, lang) in home
    assert "Transalp Logistique" in home  # summary, rendered from Markdown

    path = text_of(page(site, f"{p}{slug('path', lang)}/index.html"))
    for job in PROFILE.experience:
        assert t(job.title, lang) in path and job.organization in path
        for line in job.highlights:
            assert t(line, lang) in path

    training = text_of(page(site, f"{p}{slug('training', lang)}/index.html"))
    for item in PROFILE.education:
        assert t(item.degree, lang) in training
    for cert in PROFILE.certifications:
        assert t(cert.name, lang) in training and cert.issuer in training

    languages = page(site, f"{p}{slug('languages', lang)}/index.html")
    for language in PROFILE.languages:
        assert t(language.name, lang) in text_of(languages)
    assert languages.find("table", class_="europass") is not None
    assert "885/990" in text_of(languages)

    index = text_of(page(site, f"{p}{slug('achievements', lang)}/index.html"))
    for achievement in PROFILE.achievements:
        assert t(achievement.title, lang) in index
        detail = page(site, f"{p}{slug('achievements', lang)}/{achievement.id}/index.html")
        assert detail.find("h1").get_text() == t(achievement.title, lang)
        body = text_of(detail)
        for result in achievement.results:
            assert t(result, lang) in body
        assert detail.find("div", class_="prose").find(["p", "ol", "h2"]) is not None

    skills = text_of(page(site, f"{p}{slug('skills', lang)}/index.html"))
    for skill in PROFILE.skills:
        assert t(skill.name, lang) in skills
    for rec in PROFILE.recommendations:
        assert rec.author in skills

    activities = text_of(page(site, f"{p}{slug('activities', lang)}/index.html"))
    for activity in PROFILE.activities:
        assert t(activity.title, lang) in activities

    profile = page(site, f"{p}{slug('profile', lang)}/index.html")
    lists = profile.find_all("ol", class_="numbered")
    assert [len(ol.find_all("li", recursive=False)) for ol in lists] == [10, 10]
    text = text_of(profile)
    for item in PROFILE.strengths:
        assert t(item.title, lang) in text
    for item in PROFILE.improvements:
        assert t(item.title, lang) in text and t(item.action_plan, lang) in text
    chart = profile.find("svg", attrs={"role": "img"})
    assert len(chart.find_all("rect", class_="bar")) == len(PROFILE.competencies.items)
    for item in PROFILE.competencies.items:
        assert profile.find("tr", id=f"competency-{item.id}") is not None


def test_activities_are_newest_first(site):
    dates = [t["datetime"] for t in page(site, "activites/index.html").find_all("time")]
    assert dates == sorted(dates, reverse=True)
    assert len(dates) == len(PROFILE.activities) + 1  # + the Pelican article in content/articles


def test_pelican_articles_are_written_and_listed(site):
    article = page(site, "articles/planning-recette-partage/index.html")
    assert article.find("h1").get_text().startswith("Un planning de recette")
    assert article.find("meta", attrs={"name": "description"})["content"].startswith("Pendant")
    when = article.find("time")  # dated like every other date of the Book
    assert (when["datetime"], when.get_text()) == ("2025-09-18", "18\u00a0sept.\u00a02025")
    for lang in LANGS:
        listing = page(site, f"{prefix(lang)}{slug('activities', lang)}/index.html")
        links = [a["href"] for a in listing.find_all("a")]
        assert any(href.endswith("articles/planning-recette-partage/index.html") for href in links)


PRINT_OUTPUTS = ("annexe", "cv")  # printed material: holds `annexe`-visibility data
DECKS = {"soutenance", "defence"}  # the deck's folder in French and in English


def test_phone_never_reaches_the_web(site):
    """The Book never shows `annexe`-only data; the print pages are unlinked and not indexed."""
    digits = re.sub(r"\D", "", str(PROFILE.identity.contact.phone))
    for path in site.rglob("*"):
        if path.relative_to(site).parts[0] in PRINT_OUTPUTS or path.suffix == ".pdf":
            continue
        if path.is_file() and path.suffix in (".html", ".xml", ".txt", ".json"):
            flat = re.sub(r"\D", "", path.read_text(encoding="utf-8"))
            assert digits not in flat, path


def test_print_pages_are_not_linked_nor_indexed(site):
    for path in html_files(site):
        parts = path.relative_to(site).parts
        soup = page(site, str(path.relative_to(site)))
        if parts[0] in PRINT_OUTPUTS:
            assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
            continue
        for link in soup.find_all("a"):
            href = link.get("href", "")
            assert not re.search(r"(^|/)(annexe|cv)(/|\.pdf)", href), (path, href)
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert "Disallow: /annexe/" in robots and "Disallow: /cv.pdf" in robots
    assert "annexe" not in (site / "sitemap.xml").read_text(encoding="utf-8")


def book_pages(site: Path) -> list[Path]:
    """The Book's own pages: not the print outputs, not the defence deck."""
    return [
        p
        for p in html_files(site)
        if p.relative_to(site).parts[0] not in PRINT_OUTPUTS
        and not DECKS & set(p.relative_to(site).parts)
    ]


def test_every_page_has_landmarks_and_one_h1(site):
    for path in book_pages(site):
        soup = page(site, str(path.relative_to(site)))
        assert soup.html.get("lang") in LANGS, path
        assert soup.find("main", id="main") is not None, path
        assert soup.find("a", class_="skip-link")["href"] == "#main"
        assert len(soup.find_all("h1")) == 1, path
        levels = [int(h.name[1]) for h in soup.find_all(re.compile("^h[1-6]$"))]
        assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), (path, levels)
        for img in soup.find_all("img"):
            assert img.get("alt"), path


def test_language_switch_links_to_the_same_page(site):
    for lang in LANGS:
        soup = page(site, f"{prefix(lang)}{slug('path', lang)}/index.html")
        switch = soup.find("nav", class_="lang-switch")
        targets = {a["hreflang"]: a["href"] for a in switch.find_all("a")}
        assert set(targets) == set(LANGS)
        for other, href in targets.items():
            resolved = (site / prefix(lang) / slug("path", lang) / href).resolve()
            assert resolved == (site / f"{prefix(other)}{slug('path', other)}/index.html").resolve()
        alternates = soup.find_all("link", rel="alternate")
        assert {link["hreflang"] for link in alternates} == set(LANGS)


def test_internal_links_resolve_from_file_urls(site):
    """Relative links only: the site works from file:// and under any sub-path."""
    checked = 0
    for path in html_files(site):
        soup = page(site, str(path.relative_to(site)))
        for tag, attribute in (
            ("a", "href"),
            ("link", "href"),
            ("img", "src"),
            ("source", "srcset"),
        ):
            for element in soup.find_all(tag):
                value = element.get(attribute)
                if not value or element.get("rel") in (["canonical"], ["alternate"]):
                    continue
                for ref in [v.strip().split(" ")[0] for v in value.split(",")]:
                    parts = urlsplit(ref)
                    if parts.scheme in ("http", "https", "mailto", "tel"):
                        continue
                    assert not ref.startswith("/"), (path, ref)
                    if not parts.path:
                        continue
                    target = (path.parent / unquote(parts.path)).resolve()
                    assert target.is_file(), (path, ref)
                    checked += 1
    assert checked > 200


def test_icon_shows_the_initials_on_every_page(site):
    svg = ET.fromstring((site / "favicon.svg").read_text(encoding="utf-8"))
    assert svg.find("{http://www.w3.org/2000/svg}text").text == "LM"
    for path in html_files(site):
        icons = page(site, str(path.relative_to(site))).find_all("link", rel="icon")
        assert len(icons) == 1 and icons[0]["href"].endswith("favicon.svg"), path


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Léa Moreau", "LM"),
        ("Jean-Pierre de La Tour", "JT"),
        ("madonna", "M"),
        ("Émile Zola", "ÉZ"),
        ("<b>", "?"),
    ],
)
def test_initials(name, expected):
    from profile_gen.book.seo import initials

    assert initials(name) == expected


def test_link_previews_and_structured_data(site):
    soup = page(site, "index.html")
    meta = {m.get("property") or m.get("name"): m.get("content") for m in soup.find_all("meta")}
    assert meta["og:title"] == PROFILE.identity.name
    assert meta["og:image"] == BOOK_URL + "images/portrait-480.jpg"
    assert meta["og:url"] == BOOK_URL
    assert meta["twitter:card"] == "summary"
    assert soup.find("link", rel="canonical")["href"] == BOOK_URL
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["@type"] == "Person" and data["name"] == PROFILE.identity.name
    assert str(PROFILE.links.linkedin) in data["sameAs"]
    assert "telephone" not in data
    english = page(site, "en/path/index.html")
    assert english.find("link", rel="canonical")["href"] == BOOK_URL + "en/path/"


def test_sitemap_and_robots(site):
    tree = ET.parse(site / "sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = {loc.text for loc in tree.getroot().findall("s:url/s:loc", ns)}
    expected_pages = 8 + len(PROFILE.achievements)
    assert len(locations) == expected_pages * len(LANGS)
    assert BOOK_URL + "en/achievements/migration-erp/" in locations
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {BOOK_URL}sitemap.xml" in robots


def test_404_page_uses_absolute_links(site):
    soup = page(site, "404.html")
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    # its style is inlined (tokens, then the Book's): the page is styled at any address
    style = soup.find("style").get_text()
    assert "--color-accent:" in style and ".skip-link" in style
    assert soup.find("link", rel="stylesheet") is None
    assert soup.find("link", rel="icon")["href"] == BOOK_URL + "favicon.svg"
    assert soup.find("a", class_="button")["href"] == BOOK_URL + "index.html"


def test_english_404_page(site):
    soup = page(site, "en/404.html")
    assert soup.html["lang"] == "en" and soup.find("h1").get_text() == "Page not found"
    assert soup.find("a", class_="button")["href"] == BOOK_URL + "en/index.html"


def test_photo_variants_in_picture_element(site):
    picture = page(site, "index.html").find("picture")
    assert picture.find("source")["type"] == "image/webp"
    srcset = picture.find("source")["srcset"]
    assert all(f"portrait-{w}.webp {w}w" in srcset for w in (160, 320, 480))
    img = picture.find("img")
    assert img["alt"] == t(PROFILE.identity.photo.alt, "fr")
    assert img["width"] and img["height"]
    for width in (160, 320, 480):
        assert (site / f"images/portrait-{width}.webp").stat().st_size > 0


def test_no_outside_resources(site):
    for path in html_files(site):
        soup = page(site, str(path.relative_to(site)))
        for element in soup.find_all(["link", "script", "img", "source", "iframe"]):
            if element.name == "link" and element.get("rel") in (["canonical"], ["alternate"]):
                continue
            if path.name == "404.html":
                continue  # absolute links to the Book's own address
            for attribute in ("href", "src", "srcset"):
                value = element.get(attribute) or ""
                assert "://" not in value, (path, value)


def test_fallback_text_is_marked_with_its_language(tmp_path):
    shutil.copytree(ROOT / "theme", tmp_path / "theme")
    shutil.copy(ROOT / "pelican.conf.py", tmp_path / "pelican.conf.py")
    (tmp_path / "content").mkdir()
    (tmp_path / "content/profile.yaml").write_text(
        "locale: [fr, en]\nidentity:\n  name: A\n  headline: B\nsummary: {fr: Résumé en français}\n",
        encoding="utf-8",
    )
    site = run_pelican(tmp_path / "pelican.conf.py", pdf=False).output
    english = page(site, "en/index.html").find("section", attrs={"aria-labelledby": "summary"})
    assert english.find("div", attrs={"lang": "fr"}).get_text(strip=True) == "Résumé en français"
    french = page(site, "index.html").find("section", attrs={"aria-labelledby": "summary"})
    assert french.find(attrs={"lang": True}) is None


def test_a_translated_article_joins_its_language(tmp_path):
    from tests.conftest import copy_sample

    root = copy_sample(tmp_path)
    (root / "content/articles/recette-en.md").write_text(
        "Title: A shared test plan\nDate: 2025-09-18\nSlug: planning-recette-partage\n"
        "Lang: en\nSummary: Fewer arbitrations.\n\nEnglish body.\n",
        encoding="utf-8",
    )
    site = run_pelican(root / "pelican.conf.py", pdf=False).output
    english = page(site, "en/articles/planning-recette-partage/index.html")
    french = page(site, "articles/planning-recette-partage/index.html")
    assert (english.html["lang"], english.h1.get_text()) == ("en", "A shared test plan")
    assert french.html["lang"] == "fr" and french.h1.get_text().startswith("Un planning")
    for soup, path in (
        (english, "en/articles/planning-recette-partage/index.html"),
        (french, "articles/planning-recette-partage/index.html"),
    ):
        switch = {a["hreflang"]: a["href"] for a in soup.select(".lang-switch a")}
        assert set(switch) == {"fr", "en"}
        for href in switch.values():  # both versions, reachable from the disk
            assert (site / Path(path).parent / href).resolve().is_file(), href
    listing = {
        lang: page(site, f"{prefix(lang)}{slug('activities', lang)}/index.html")
        for lang in ("fr", "en")
    }
    assert "A shared test plan" in listing["en"].get_text()
    assert "A shared test plan" not in listing["fr"].get_text()
    assert not (site / "planning-recette-partage-en.html").exists()  # Pelican's default place


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        (
            {"GITHUB_ACTIONS": "true", "GITHUB_REPOSITORY": "Lea-M/book"},
            "https://lea-m.github.io/book/",
        ),
        (
            {"GITHUB_ACTIONS": "true", "GITHUB_REPOSITORY": "lea/Lea.GitHub.io"},
            "https://lea.github.io/",
        ),
        ({"CI_PAGES_URL": "https://lea.gitlab.io/book"}, "https://lea.gitlab.io/book/"),
        ({"GITHUB_REPOSITORY": "lea/book"}, None),  # not in Actions: a laptop's variable
        (
            {
                "GITHUB_ACTIONS": "true",
                "GITHUB_REPOSITORY": "lea/book",
                "GITHUB_SERVER_URL": "https://git.ecole.example",
            },
            None,
        ),
        ({"GITHUB_ACTIONS": "true", "GITHUB_REPOSITORY": "lea/<script>"}, None),
        ({}, None),
    ],
)
def test_the_address_a_ci_publishes_at(environ, expected):
    from profile_gen.app.build import pages_url

    assert pages_url(environ) == expected


def test_a_404_page_built_in_ci_links_to_the_published_book(tmp_path, monkeypatch):
    """No `links.book` yet (the starter's): the 404 page, served at any depth of the site,
    had relative links that led nowhere there; built in GitHub Actions, they lead to where
    the workflow publishes the Book."""
    from tests.profiles import MINIMAL, make_project

    def no_address(data: dict) -> None:
        data.get("links", {}).pop("book", None)

    root = make_project(tmp_path, no_address, base=MINIMAL, image=None, articles=False)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_REPOSITORY", "lea-moreau/book")
    output = run_pelican(root / "pelican.conf.py", root / "output", pdf=False).output
    soup = BeautifulSoup((output / "404.html").read_text("utf-8"), "html.parser")
    assert soup.find("a", class_="button")["href"] == "https://lea-moreau.github.io/book/index.html"
    # the other pages keep their relative links (no canonical address invented)
    index = (output / "index.html").read_text("utf-8")
    assert "lea-moreau.github.io" not in index


def test_the_home_counts_only_what_the_profile_has(tmp_path):
    """No "0 certification" on a Book's home: a count of none is not shown, and a profile
    with nothing to count has no "in figures" section."""
    from tests.profiles import MINIMAL, make_project

    def no_certification(data: dict) -> None:
        data["certifications"] = []

    root = make_project(tmp_path / "sample", no_certification, articles=False)
    output = run_pelican(root / "pelican.conf.py", root / "output", pdf=False).output
    home = BeautifulSoup((output / "index.html").read_text("utf-8"), "html.parser")
    counts = [li.get_text(" ", strip=True) for li in home.select("ul.figures li")]
    assert len(counts) == 3 and not any("certification" in text for text in counts), counts
    root = make_project(tmp_path / "minimal", base=MINIMAL, image=None, articles=False)
    output = run_pelican(root / "pelican.conf.py", root / "output", pdf=False).output
    home = BeautifulSoup((output / "index.html").read_text("utf-8"), "html.parser")
    assert home.find(id="figures") is None and not home.select("ul.figures li")
