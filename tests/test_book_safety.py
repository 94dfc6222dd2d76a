"""Hostile text comes out inert; photos lose their metadata; bad images are refused."""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from profile_gen.app.build import run_pelican
from tests.conftest import ROOT, preloaded_fonts

EVIL = '<script>alert("x")</script><img src=x onerror=alert(1)>'
CLOSE = "</script><script>alert(2)</script>"
QUOTE = '" onmouseover="alert(3)" x="'

HOSTILE = f"""\
locale: [fr, en]
identity:
  name: '{EVIL}'
  headline: {{fr: '{CLOSE}', en: '{QUOTE}'}}
  photo:
    path: images/p.jpg
    alt: '{QUOTE}'
  contact:
    email: evil@example.fr
    city: '{EVIL}'
links:
  book: https://example.github.io/book/
  linkedin: https://www.linkedin.com/in/x/
  others:
    - label: '{QUOTE}'
      url: https://example.com/?q=%22%3E&x='y'&z=1
summary: |
  [clic](javascript:alert(5)) <b onclick="alert(6)">gras</b> {EVIL}
  [data](data:text/html;base64,PHNjcmlwdD5hbGVydCg3KTwvc2NyaXB0Pg==)
achievements:
  - id: evil
    title: '{CLOSE}'
    body: |
      # {EVIL}
      <iframe src="https://evil.example"></iframe>
    results: ['{QUOTE}']
activities:
  - kind: article
    title: '{EVIL}'
    date: 2025
    url: https://example.com/a
recommendations:
  - author: '{EVIL}'
    text: '{CLOSE}'
strengths:
  - title: '{EVIL}'
    explanation: '{QUOTE}'
improvements:
  - title: '{EVIL}'
    explanation: '{CLOSE}'
    action_plan: '[x](javascript:alert(8))'
    target: 2026
competencies:
  items:
    - id: gestion-projets
      level: 3
      comment: '{EVIL}'
"""


def make_site(tmp_path: Path, profile_text: str, image: Image.Image | None = None, **save) -> Path:
    content = tmp_path / "content"
    (content / "images").mkdir(parents=True)
    (content / "profile.yaml").write_text(textwrap.dedent(profile_text), encoding="utf-8")
    (image or Image.new("RGB", (600, 800), (120, 130, 140))).save(
        content / "images/p.jpg", "JPEG", **save
    )
    shutil.copytree(ROOT / "theme", tmp_path / "theme")
    shutil.copy(ROOT / "pelican.conf.py", tmp_path / "pelican.conf.py")
    return tmp_path


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    root = make_site(tmp_path_factory.mktemp("hostile"), HOSTILE)
    final = run_pelican(root / "pelican.conf.py", pdf=False).output
    return final


def test_hostile_text_is_inert_everywhere(hostile_site):
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 10
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        scripts = soup.find_all("script")
        for script in scripts:
            if script.get("src"):  # the deck's own scripts, nothing else
                assert {"soutenance", "defence"} & set(path.parts)
                assert script["src"].endswith(
                    tuple(
                        f"theme/js/deck{part}.js"
                        for part in ("", "-rehearsal", "-speech", "-coach")
                    )
                )
                assert not script.string
            elif script.get("type") == "application/json":  # the deck's labels: data, never run
                assert {"soutenance", "defence"} & set(path.parts) and "<" not in script.string, (
                    path
                )
                json.loads(script.string)
            elif preloaded_fonts(script) is not None:  # the Book's fonts, over HTTP
                pass
            else:
                assert script.get("type") == "application/ld+json", path
        assert soup.find("iframe") is None, path
        for element in soup.find_all(True):
            for attribute, value in element.attrs.items():
                assert not attribute.startswith("on"), (path, element)
                text = " ".join(value) if isinstance(value, list) else value
                if attribute in ("href", "src", "srcset", "action"):
                    assert not text.strip().lower().startswith(("javascript:", "data:")), (
                        path,
                        text,
                    )
        for img in soup.find_all("img"):
            assert img["src"].startswith(("images/", "../", "./")), (path, img["src"])


def test_hostile_text_is_shown_as_text(hostile_site):
    soup = BeautifulSoup((hostile_site / "index.html").read_text("utf-8"), "html.parser")
    assert soup.find("h1").get_text() == EVIL
    img = soup.find("picture").find("img")
    assert img["alt"] == QUOTE  # the quote stayed inside the attribute
    annexe = BeautifulSoup((hostile_site / "annexe/index.html").read_text("utf-8"), "html.parser")
    (reference,) = annexe.select("ul.references > li")
    assert reference.get_text().endswith(f" (2025). {EVIL}. https://example.com/a")
    assert [child.name for child in reference.find_all(True)] == ["a"]


def test_hostile_name_in_the_icon_stays_text(hostile_site):
    import xml.etree.ElementTree as ET

    svg = ET.fromstring((hostile_site / "favicon.svg").read_text(encoding="utf-8"))
    assert [element.tag.split("}")[1] for element in svg.iter()] == ["svg", "circle", "text"]


def test_json_ld_cannot_be_closed_early(hostile_site):
    raw = (hostile_site / "index.html").read_text("utf-8")
    soup = BeautifulSoup(raw, "html.parser")
    block = soup.find("script", type="application/ld+json")
    data = json.loads(block.string)
    assert data["jobTitle"] == CLOSE and data["name"] == EVIL
    assert "</script><script>" not in block.string


def test_markdown_keeps_headings_below_the_page_title(hostile_site):
    soup = BeautifulSoup(
        (hostile_site / "realisations/evil/index.html").read_text("utf-8"), "html.parser"
    )
    assert len(soup.find_all("h1")) == 1
    assert soup.find("div", class_="prose").find("h2").get_text() == EVIL


def _exif_with_gps_and_rotation() -> bytes:
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° clockwise to display
    exif[0x010F] = "SecretCam"  # make
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (48.0, 51.0, 24.0)
    gps[3], gps[4] = "E", (2.0, 21.0, 3.0)
    return exif.tobytes()


def test_photo_is_rotated_and_stripped(tmp_path):
    image = Image.new("RGB", (800, 600), (200, 100, 50))  # landscape on disk, portrait shown
    root = make_site(tmp_path, HOSTILE, image, exif=_exif_with_gps_and_rotation())
    with Image.open(root / "content/images/p.jpg") as source:
        assert source.getexif()[0x0112] == 6
    final = run_pelican(root / "pelican.conf.py", pdf=False).output
    for variant in sorted((final / "images").glob("portrait-*")):
        raw = variant.read_bytes()
        assert b"SecretCam" not in raw and b"Exif" not in raw, variant
        with Image.open(variant) as out:
            assert not out.getexif(), variant
            assert out.height > out.width, variant  # orientation applied
            assert "icc_profile" not in out.info and "exif" not in out.info


def test_unchanged_photo_is_not_processed_again(tmp_path, monkeypatch):
    root = make_site(tmp_path, HOSTILE)
    run_pelican(root / "pelican.conf.py", pdf=False)
    calls = []
    from profile_gen.media import images

    original = images._encode
    monkeypatch.setattr(images, "_encode", lambda *a: calls.append(a) or original(*a))
    turned = []
    transpose = images.ImageOps.exif_transpose
    monkeypatch.setattr(
        images.ImageOps, "exif_transpose", lambda *a: turned.append(a) or transpose(*a)
    )
    first = (root / "output/index.html").read_bytes()
    run_pelican(root / "pelican.conf.py", pdf=False)
    assert calls == [] and turned == []  # sizes come from the cache: the photo is not decoded
    assert (root / "output/index.html").read_bytes() == first
    for record in (root / ".cache").rglob("source.width"):
        record.write_text("not a width", encoding="ascii")  # a damaged cache heals
    run_pelican(root / "pelican.conf.py", pdf=False)
    assert calls == [] and turned == []  # the width is read again from the header alone
    assert all(r.read_text("ascii").isdigit() for r in (root / ".cache").rglob("source.width"))
    assert (root / "output/index.html").read_bytes() == first
    Image.new("RGB", (500, 700), (1, 2, 3)).save(root / "content/images/p.jpg", "JPEG")
    run_pelican(root / "pelican.conf.py", pdf=False)
    assert len(calls) == 3  # one per width


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"not an image at all", "n'est pas une image"),
        (None, "tronquée"),
        ("gif", "format GIF non pris en charge"),
        ("bomb", "image de 120 millions de pixels, la limite est 100 millions ; réduisez-la"),
    ],
    ids=["not-image", "truncated", "gif", "decompression-bomb"],
)
def test_bad_photos_are_refused(run_cli, tmp_path, data, fragment):
    root = make_site(
        tmp_path, "identity:\n  name: A\n  headline: B\n  photo: {path: images/p.jpg, alt: A}\n"
    )
    photo = root / "content/images/p.jpg"
    if data is None:
        photo.write_bytes(photo.read_bytes()[:400])
    elif data == "gif":
        Image.new("P", (20, 20)).save(photo, "GIF")
    elif data == "bomb":
        Image.new("1", (12_000, 10_000)).save(photo, "PNG")  # 120 megapixels, tiny file
    else:
        photo.write_bytes(data)
    result = run_cli("check", str(root / "content/profile.yaml"))
    assert result.code == 2
    assert ":4:" in result.err and "identity.photo.path" in result.err
    assert fragment in result.err, result.err


def test_achievement_images_become_pictures(tmp_path):
    profile = (
        "identity:\n  name: A\n  headline: B\n"
        "achievements:\n  - id: projet\n    title: Projet\n    images:\n"
        "      - {path: images/p.jpg, alt: Schéma du projet, caption: Architecture cible}\n"
    )
    image = Image.new("RGB", (1600, 900), (10, 120, 200))
    root = make_site(tmp_path, profile, image, exif=_exif_with_gps_and_rotation())
    site = run_pelican(root / "pelican.conf.py", pdf=False).output
    soup = BeautifulSoup(
        (site / "realisations/projet/index.html").read_text("utf-8"), "html.parser"
    )
    figure = soup.find("figure")
    assert figure.find("figcaption").get_text() == "Architecture cible"
    img = figure.find("img")
    assert img["alt"] == "Schéma du projet" and img["loading"] == "lazy"
    # 1600 × 900 turned upright by its EXIF orientation: 900 wide, so no 960 variant
    assert figure.find("source")["srcset"].endswith("projet-1-900.webp 900w")
    for name in ("projet-1-480.jpg", "projet-1-900.webp"):
        with Image.open(site / "images" / name) as variant:
            assert not variant.getexif() and variant.height > variant.width  # rotated, stripped


def _article_site(tmp_path: Path, body: str) -> Path:
    root = make_site(
        tmp_path, HOSTILE, Image.new("RGB", (600, 800)), exif=_exif_with_gps_and_rotation()
    )
    picture = Image.new("RGB", (2000, 1000), (30, 120, 200))
    picture.save(
        root / "content/images/plan de recette.jpg", "JPEG", exif=_exif_with_gps_and_rotation()
    )
    (root / "content/articles").mkdir()
    (root / "content/articles/plan.md").write_text(
        f"Title: Plan\nDate: 2025-09-19\n\n{body}\n", encoding="utf-8"
    )
    return root


def test_article_pictures_are_placed_clean_and_relative(tmp_path):
    root = _article_site(
        tmp_path, "![Le plan](../images/plan%20de%20recette.jpg)\n\n![Portrait](images/p.jpg)"
    )
    final = run_pelican(root / "pelican.conf.py", pdf=False).output
    article = final / "articles/plan/index.html"
    imgs = BeautifulSoup(article.read_text("utf-8"), "html.parser").find("main").find_all("img")
    assert [img["alt"] for img in imgs] == ["Le plan", "Portrait"]
    for img in imgs:
        for ref in [img["src"], *(part.split()[0] for part in img["srcset"].split(", "))]:
            target = (article.parent / ref).resolve()
            assert target.is_file() and target.is_relative_to(final), ref
            raw = target.read_bytes()
            assert b"SecretCam" not in raw and b"Exif" not in raw, ref
    assert imgs[0]["width"] == "1000" and imgs[0]["height"] == "2000"  # turned upright, 1600 max


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("![x](https://example.com/x.png)", "viendrait d'un autre serveur"),
        ("![x](../images/absente.png)", "image introuvable : ../images/absente.png"),
        ("![x](../../../etc/hostname)", "image introuvable"),  # outside the profile's folder
        ("![x](../images/faux.png)", "articles/plan.md : faux.png n'est pas une image"),
    ],
)
def test_article_pictures_that_cannot_be_shown_stop_the_build(tmp_path, run_cli, body, message):
    root = _article_site(tmp_path, body)
    (root / "content/images/faux.png").write_text("not a picture", encoding="utf-8")
    result = run_cli("build", "--no-pdf", "--settings", str(root / "pelican.conf.py"))
    assert result.code == 2 and "articles/plan.md" in result.err and message in result.err
