"""A student's articles and templates are untrusted: nothing outside the folder is read, no
script reaches a page, no template runs code, and each refusal is a clear error naming the
file (never a traceback, never a hang), alone and inside a cohort."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from profile_gen.app.build import run_pelican
from profile_gen.book import sanitize
from profile_gen.media.folder import ARTICLE_LIMIT
from tests.conftest import preloaded_fonts
from tests.profiles import MINIMAL

SECRET = "SECRET-0611223344"
MARKER = "pwned.txt"


def student(root: Path, articles: dict[str, str] | None = None, name: str = "Sam Lee") -> Path:
    """A student's folder as `init` makes it: `profile.yaml` (French first, English too),
    `articles/` with `articles` (name: text, dedented); a secret file beside the folder."""
    folder = root / "student"
    (folder / "articles").mkdir(parents=True)
    data = {**MINIMAL, "locale": ["fr", "en"]}
    data["identity"] = {**MINIMAL["identity"], "name": name}
    (folder / "profile.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    for file, text in (articles or {}).items():
        (folder / "articles" / file).write_text(textwrap.dedent(text), "utf-8")
    (root / "secret.txt").write_text(SECRET, "utf-8")
    return folder


def outputs_hold(root: Path, text: str) -> list[Path]:
    """The files under `root` holding `text`, the folder's own sources and secret aside."""
    return [
        path
        for path in root.rglob("*")
        if path.is_file()
        and not path.is_symlink()
        and "output" in path.relative_to(root).parts
        and text.encode() in path.read_bytes()
    ]


# --------------------------------------------------------------------------- reStructuredText

RST = {
    "include": ".. include:: {secret}",
    "include literal": ".. include:: {secret}\n   :literal:",
    "raw file": ".. raw:: html\n   :file: {secret}",
    "raw url": ".. raw:: html\n   :url: file://{secret}",
    "raw html": ".. raw:: html\n\n   <script>alert(1)</script>",
}


@pytest.mark.parametrize("directive", RST.values(), ids=list(RST))
def test_rst_include_and_raw_are_refused(tmp_path, run_cli, directive):
    body = directive.format(secret=tmp_path / "secret.txt")
    text = f"Plan\n####\n\n:date: 2025-09-19\n\nAvant.\n\n{body}\n\nAprès.\n"
    folder = student(tmp_path, {"plan.rst": text})
    result = run_cli("build", "--no-pdf", "--content", str(folder))
    assert result.code == 2, result.err
    assert "articles/plan.rst" in result.err and "désactivées" in result.err
    assert "Traceback" not in result.err
    assert not outputs_hold(tmp_path, SECRET) and not outputs_hold(tmp_path, "alert(1)")


NO_TIMER = pytest.mark.skipif(not hasattr(__import__("signal"), "setitimer"), reason="Windows")


DEEP = {
    "chained references": "".join(f".. _a{i}: a{i + 1}_\n" for i in range(1000))
    + ".. _a1000: https://example.com/\n\nVoir a0_.",
    "nested quotes": "".join(f"{'   ' * i}Niveau {i}.\n\n" for i in range(400)),
}


@pytest.mark.parametrize("body", DEEP.values(), ids=list(DEEP))
def test_an_rst_article_nested_too_deeply_is_named_for_it(tmp_path, run_cli, body):
    """docutils gives up (Python's recursion limit): the article is named with that cause,
    not "it has no title", which it has."""
    text = f"Plan\n####\n\n:date: 2025-09-19\n\n{body}\n"
    folder = student(tmp_path, {"plan.rst": text})
    result = run_cli("build", "--no-pdf", "--content", str(folder))
    assert result.code == 2 and "Traceback" not in result.err
    assert "articles/plan.rst : l'article imbrique trop de niveaux" in result.err
    assert "titre" not in result.err and result.err.endswith("\n")


@NO_TIMER
def test_an_rst_article_is_read_under_the_time_limit(tmp_path, run_cli, monkeypatch):
    """The reStructuredText reader runs under the same processor-time limit as Markdown's
    (lowered here; a slow docutils made so)."""
    from docutils.core import Publisher

    from profile_gen.book import time_limit

    def slow(*args, **kwargs):  # long past the limit; ends, should the limit not hold
        end = time.process_time() + 30
        while time.process_time() < end:
            pass
        raise AssertionError("the reader was not stopped")

    monkeypatch.setattr(time_limit, "SECONDS", 0.3)
    monkeypatch.setattr(Publisher, "publish", slow)
    folder = student(tmp_path, {"plan.rst": "Plan\n####\n\n:date: 2025-09-19\n\nTexte.\n"})
    result = run_cli("build", "--no-pdf", "--content", str(folder))
    assert result.code == 2 and "Traceback" not in result.err
    assert "articles/plan.rst : la lecture de l'article a pris plus de 0.3 s" in result.err


def test_a_settings_file_cannot_turn_include_back_on(tmp_path, run_cli):
    text = f"Plan\n####\n\n:date: 2025-09-19\n\n.. include:: {tmp_path / 'secret.txt'}\n"
    folder = student(tmp_path, {"plan.rst": text})
    (folder / "pelican.conf.py").write_text(
        "from profile_gen.book.settings import *\n"
        "DOCUTILS_SETTINGS = {'file_insertion_enabled': True, 'raw_enabled': True}\n",
        "utf-8",
    )
    result = run_cli("build", "--no-pdf", "--content", str(folder))
    assert result.code == 2 and "articles/plan.rst" in result.err
    assert not outputs_hold(tmp_path, SECRET)


# --------------------------------------------------------------------------- hostile HTML

HOSTILE_HTML = (
    '<script>alert("body")</script><iframe src="https://evil.example/"></iframe>'
    '<object data="x.swf"></object><embed src="x.swf"><form action="https://evil.example/">'
    '<input name="q"></form><b onclick="alert(2)">gras</b><svg onload="alert(3)"></svg>'
    '<a href="javascript:alert(4)">j</a> <a href="vbscript:msgbox(5)">v</a> '
    '<a href="file:///etc/passwd">f</a> <a href="data:text/html,<script>alert(6)</script>">d</a>'
    ' <a href="JaVaScRiPt&#x3A;alert(7)">e</a> <a href="https://example.org/" target="_blank">ok</a>'
    "<style>body{background:url(https://evil.example/t.png)}</style>"
    '<p style="background:url(https://evil.example/t.png)">bonjour visible</p>'
)
HOSTILE_SUMMARY = '<script>alert("summary")</script><img src=x onerror=alert(8)>résumé visible'

MD_ARTICLE = f"""\
Title: Plan
Date: 2025-09-19
Summary: {HOSTILE_SUMMARY}

{HOSTILE_HTML}

[lien](javascript:alert(9)) et [autre](vbscript:alert(10))
"""
RST_ARTICLE = f"""\
Plan
####

:date: 2025-09-19
:summary: {HOSTILE_SUMMARY}

Texte `lien <javascript:alert(11)>`_ et `autre <vbscript:alert(12)>`_ et
`fichier <file:///etc/passwd>`_, {HOSTILE_HTML}
"""


def assert_inert(path: Path) -> BeautifulSoup:
    """No script of the article's, no frame or form, no event handler, no dangerous link."""
    soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
    for script in soup.find_all("script"):
        if preloaded_fonts(script) is not None:  # the Book's own: its fonts, over HTTP
            continue
        assert script.get("type") == "application/ld+json", (path, script)
        assert "alert" not in (script.string or ""), path
    for tag in ("iframe", "object", "embed", "form", "input", "svg", "style"):
        for element in soup.find_all(tag):
            assert "evil" not in str(element) and tag != "iframe", (path, element)
    for element in soup.find_all(True):
        for attribute, value in element.attrs.items():
            assert not attribute.lower().startswith("on"), (path, element)
            text = " ".join(value) if isinstance(value, list) else value
            if attribute != "href":  # a link asks nothing of a server until followed
                assert "evil.example" not in text, (path, element)
            if attribute in ("href", "src", "action", "data", "srcset"):
                assert (
                    not text.strip()
                    .lower()
                    .startswith(("javascript", "vbscript", "file:", "data:"))
                ), (path, element)
    return soup


@pytest.mark.parametrize("name, text", [("plan.md", MD_ARTICLE), ("plan.rst", RST_ARTICLE)])
def test_hostile_html_in_an_article_is_inert(tmp_path, name, text):
    folder = student(tmp_path, {name: text})
    final = run_pelican(None, pdf=False, content=folder).output
    article = assert_inert(final / "articles/plan/index.html")
    assert "bonjour visible" in article.get_text()
    for link in article.find("main").find_all("a", target=True):
        assert set(link["rel"]) >= {"noopener", "noreferrer"}
    for page in ("activites/index.html", "en/activities/index.html"):
        activities = assert_inert(final / page)
        assert "résumé visible" in activities.get_text(), page


def test_one_gate_for_every_html_a_student_writes():
    """Profile texts (markdown-it) pass the same allow-list as the articles."""
    from profile_gen.book.render import markdown

    html = str(markdown("[x](https://example.org/) <b onclick=x>t</b>", "fr", "fr"))
    assert html == sanitize.clean(html) and 'rel="noopener noreferrer"' in html
    assert not BeautifulSoup(html, "html.parser").find(onclick=True)


# --------------------------------------------------------------------------- outside pictures

OUTSIDE = {
    "single quotes": "<img src='https://evil.example/a.png' alt='x'>",
    "no quotes": "<img src=https://evil.example/a.png alt=x>",
    "a > in another attribute": '<img alt="a>b" src="https://evil.example/a.png">',
    "protocol-relative": '<img src="//evil.example/a.png" alt="x">',
    "backslashes": '<img src="\\\\evil.example/a.png" alt="x">',
    "an entity and a tab": '<img src="ht&#x09;tps://evil.example/a.png" alt="x">',
    "upper case": '<IMG SRC="HTTPS://evil.example/a.png" ALT="x">',
}


@pytest.mark.parametrize("tag", OUTSIDE.values(), ids=list(OUTSIDE))
def test_outside_pictures_are_refused_in_any_quoting(tmp_path, run_cli, tag):
    folder = student(tmp_path, {"plan.md": f"Title: Plan\nDate: 2025-09-19\n\n{tag}\n"})
    result = run_cli("build", "--no-pdf", "--content", str(folder))
    assert result.code == 2, result.err
    assert "articles/plan.md" in result.err and "autre serveur" in result.err


def test_a_picture_linked_out_of_the_folder_is_refused(tmp_path, run_cli):
    folder = student(tmp_path, {"plan.md": "Title: Plan\nDate: 2025-09-19\n\n![x](plan.png)\n"})
    (tmp_path / "elsewhere.png").write_bytes(b"not even a picture")
    (folder / "articles/plan.png").symlink_to(tmp_path / "elsewhere.png")
    result = run_cli("build", "--no-pdf", "--content", str(folder))
    assert result.code == 2 and "articles/plan.md" in result.err
    assert "hors du dossier" in result.err


# --------------------------------------------------------------------------- the folder's files


def test_an_article_linked_out_of_the_folder_is_refused(tmp_path, run_cli):
    folder = student(tmp_path)
    outside = tmp_path / "other-student.md"
    outside.write_text(f"Title: Autre\nDate: 2025-09-19\n\n{SECRET}\n", "utf-8")
    (folder / "articles/plan.md").symlink_to(outside)
    result = run_cli("build", "--no-pdf", "--content", str(folder))
    assert result.code == 2
    assert "articles/plan.md" in result.err and "hors du dossier" in result.err
    assert not outputs_hold(tmp_path, SECRET)
    checked = run_cli("check", str(folder / "profile.yaml"))
    assert "articles/plan.md" in checked.out + checked.err


@pytest.mark.parametrize(
    "link, message",
    [("{static}/profile.yaml", "reste privé"), ("{attach}/../secret.txt", "hors du dossier")],
)
def test_an_article_cannot_attach_private_or_outside_files(tmp_path, run_cli, link, message):
    folder = student(tmp_path, {"plan.md": f"Title: Plan\nDate: 2025-09-19\n\n[x]({link})\n"})
    result = run_cli("build", "--no-pdf", "--content", str(folder))
    assert result.code == 2 and "articles/plan.md" in result.err and message in result.err
    assert not outputs_hold(tmp_path, SECRET) and not outputs_hold(tmp_path, "Sam Lee\n")


@pytest.mark.parametrize(
    "name", ["steal.html", "x.SVG", "feed.xml", "app.js", "page.xhtml", "page.xhtm"]
)
def test_an_article_cannot_attach_what_a_browser_runs(tmp_path, run_cli, name):
    """A page, an SVG or an XML document copied into the Book runs its script in the Book's
    origin: in a cohort served over HTTP, it read another student's annexe and sent it."""
    script = "<script>fetch('../../bob/annexe/index.html')</script>"
    link = f"[démo]({{attach}}../files/{name})"
    folder = student(tmp_path, {"demo.md": f"Title: Démo\nDate: 2025-09-19\n\n{link}\n"})
    (folder / "files").mkdir()
    (folder / "files" / name).write_text(script, "utf-8")
    result = run_cli("build", "--no-pdf", "--content", str(folder))
    assert result.code == 2 and "articles/demo.md" in result.err, result.err
    assert "s'exécuterait dans le Book" in result.err and name in result.err
    assert not outputs_hold(tmp_path, "bob/annexe")


XHTML_SCRIPT = (
    '<?xml version="1.0"?><x:script xmlns:x="http://www.w3.org/1999/xhtml">'
    "fetch('../../bob/annexe/index.html')</x:script>"
)


UTF8, UTF16 = XHTML_SCRIPT.encode(), XHTML_SCRIPT.encode("utf-16-le")


@pytest.mark.parametrize(
    "name, data",
    [
        ("process.xpdl", UTF8),  # served as application/xml by the usual tables
        ("schema.xsd", b"\xef\xbb\xbf  \n" + UTF8),  # a byte-order mark and spaces first
        ("notes.txt", b"<html><script>fetch('../../bob/annexe/index.html')</script>"),
        ("model.rng", b"\xff\xfe" + UTF16),  # UTF-16, its mark
        ("far.xpdl", b"\n" * 100_000 + UTF8),  # past any first block read
        ("marks.xsd", b"\xef\xbb\xbf\xef\xbb\xbf" + UTF8),  # two marks
        ("spaced.xsd", b"\xff\xfe" + " ".encode("utf-16-le") * 600 + UTF16),
        ("twice.rng", b"\xff\xfe\xff\xfe" + UTF16),
    ],
)
def test_an_article_cannot_attach_markup_under_any_name(tmp_path, run_cli, name, data):
    """A server may send any name as XML (`.xsd`, `.rng`, `.xpdl` are `application/xml` in
    mime-db), and the browser runs the XHTML script inside: markup is refused by what the
    file begins with, not by its name."""
    link = f"[modèle]({{attach}}../files/{name})"
    folder = student(tmp_path, {"demo.md": f"Title: Démo\nDate: 2025-09-19\n\n{link}\n"})
    (folder / "files").mkdir()
    (folder / "files" / name).write_bytes(data)
    result = run_cli("build", "--no-pdf", "--content", str(folder))
    assert result.code == 2 and "articles/demo.md" in result.err, result.err
    assert "s'exécuterait dans le Book" in result.err and name in result.err
    assert not outputs_hold(tmp_path, "bob/annexe")


def test_an_article_attaches_a_pdf_an_archive_or_data(tmp_path, run_cli):
    links = (
        "[rapport]({attach}../files/rapport.pdf), [sources]({attach}../files/code.zip), "
        "[données]({attach}../files/mesures.csv), [note]({attach}../files/lisez-moi.txt)"
    )
    folder = student(tmp_path, {"demo.md": f"Title: Démo\nDate: 2025-09-19\n\n{links}\n"})
    (folder / "files").mkdir()
    (folder / "files/rapport.pdf").write_bytes(b"%PDF-1.7\n%%EOF\n")
    (folder / "files/code.zip").write_bytes(b"PK\x05\x06" + bytes(18))
    (folder / "files/mesures.csv").write_text("mois;délai\n2025-09;< 2 jours\n", "utf-8")
    (folder / "files/lisez-moi.txt").write_text("Les sources : voir <README>.\n", "utf-8")
    assert run_cli("build", "--no-pdf", "--content", str(folder)).code == 0
    copied = {path.name for path in (folder / "output").rglob("*") if path.is_file()}
    assert {"rapport.pdf", "code.zip", "mesures.csv", "lisez-moi.txt"} <= copied


def test_an_oversized_article_is_refused(tmp_path, run_cli):
    text = "Title: Plan\nDate: 2025-09-19\n\n" + "mot " * (ARTICLE_LIMIT // 4)
    folder = student(tmp_path, {"plan.md": text})
    result = run_cli("build", "--no-pdf", "--content", str(folder))
    assert result.code == 2 and "articles/plan.md" in result.err
    assert f"plus que les {ARTICLE_LIMIT // 1000} ko permis" in result.err


@NO_TIMER
@pytest.mark.parametrize("body", ["[" * 100_000, "[\n" * 50_000, "<http://a" * 20_000])
def test_an_article_markdown_reads_in_minutes_is_stopped_and_named(
    tmp_path, run_cli, monkeypatch, body
):
    """Python-Markdown takes time in the square of these (minutes for 100 kB): the read is
    stopped at its processor-time limit (lowered here) and the article named."""
    from profile_gen.book import time_limit

    monkeypatch.setattr(time_limit, "SECONDS", 0.5)
    folder = student(tmp_path, {"slow.md": "Title: Slow\nDate: 2025-09-19\n\n" + body})
    result = run_cli("build", "--no-pdf", "--content", str(folder))
    assert result.code == 2 and "Traceback" not in result.err
    assert "articles/slow.md : la lecture de l'article a pris plus de 0.5 s" in result.err


@NO_TIMER
def test_the_time_limit_restores_the_timer_and_its_handler():
    import signal

    from profile_gen.book import time_limit

    before = signal.getsignal(signal.SIGPROF)
    with time_limit.cpu_limit(5):
        assert signal.getitimer(signal.ITIMER_PROF)[0] > 0
    assert signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGPROF) == before


def _cli(*args: str) -> subprocess.CompletedProcess:
    """The command in its own process: a hang fails the test at the timeout, not forever."""
    return subprocess.run(
        [sys.executable, "-m", "profile_gen", *args],
        capture_output=True,
        text=True,
        timeout=300,  # a guard only: the assertions are about the error
        env={**os.environ, "PROFILE_GEN_STRICT_I18N": "1"},
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_in_articles_is_named_not_opened(tmp_path):
    folder = student(tmp_path, {"plan.md": "Title: Plan\nDate: 2025-09-19\n\nTexte.\n"})
    os.mkfifo(folder / "articles/pipe.md")
    built = _cli("build", "--no-pdf", "--content", str(folder))
    assert built.returncode == 2, built.stderr
    assert "articles/pipe.md" in built.stderr and "pas un fichier ordinaire" in built.stderr
    checked = _cli("check", str(folder / "profile.yaml"))
    assert "articles/pipe.md" in checked.stdout + checked.stderr
    assert checked.returncode == 2, checked  # what stops the build stops check (and the CI)
    (folder / "articles/pipe.md").unlink()
    os.mkfifo(folder / "articles/pipe.rst")  # whatever the reader
    checked = _cli("check", str(folder / "profile.yaml"))
    assert checked.returncode == 2 and "articles/pipe.rst" in checked.stderr, checked


@pytest.mark.parametrize("loop", ["file", "folder"])
def test_a_link_loop_in_articles_is_named(tmp_path, run_cli, loop):
    folder = student(tmp_path, {"plan.md": "Title: Plan\nDate: 2025-09-19\n\nTexte.\n"})
    if loop == "file":
        (folder / "articles/loop.md").symlink_to("loop.md")
        name = "articles/loop.md"
    else:
        (folder / "articles/sub").mkdir()
        (folder / "articles/sub/up").symlink_to("..")
        name = "articles/sub/up"
    result = run_cli("build", "--no-pdf", "--content", str(folder))
    assert result.code == 2 and name in result.err and "en boucle" in result.err
    assert len(result.err) < 1000  # one message, not Pelican's list of 41 copies


# --------------------------------------------------------------------------- templates

TEMPLATES = {
    "cycler globals": "{{ cycler.__init__.__globals__.os.popen('touch MARKER').read() }}",
    "subclasses": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "lipsum globals": "{{ lipsum.__globals__['os'].system('touch MARKER') }}",
    "format": "{{ '{0.__class__.__init__.__globals__}'.format(cycler) }}",
}


def hostile_template(folder: Path, payload: str) -> Path:
    marker = folder.parent / MARKER
    (folder / "templates").mkdir()
    (folder / "templates/base.html").write_text(payload.replace("MARKER", str(marker)), "utf-8")
    return marker


@pytest.mark.parametrize("payload", TEMPLATES.values(), ids=list(TEMPLATES))
def test_a_hostile_template_does_not_run(tmp_path, run_cli, payload):
    folder = student(tmp_path)
    marker = hostile_template(folder, payload)
    result = run_cli("build", "--no-pdf", "--content", str(folder))
    assert result.code == 2, result.err
    assert not marker.exists()
    assert "templates/base.html" in result.err and "accès interdit" in result.err
    assert "Traceback" not in result.err


def test_a_template_linked_out_of_the_folder_is_refused(tmp_path, run_cli):
    folder = student(tmp_path)
    (folder / "templates").mkdir()
    (folder / "templates/leak.html").symlink_to(tmp_path / "secret.txt")
    (folder / "templates/base.html").write_text('{% include "leak.html" %}', "utf-8")
    result = run_cli("build", "--no-pdf", "--content", str(folder))
    assert result.code == 2 and "leak.html" in result.err and "hors du dossier" in result.err
    assert not outputs_hold(tmp_path, SECRET)


def test_a_harmless_template_override_still_renders(tmp_path):
    folder = student(tmp_path, {"plan.md": "Title: Plan\nDate: 2025-09-19\n\nTexte.\n"})
    (folder / "templates").mkdir()
    (folder / "templates/article.html").write_text(
        '{% extends "!theme/article.html" %}{% block content %}<p id="mine">'
        "{{ article.title|upper }} · {{ profile.identity.name }}</p>{{ super() }}{% endblock %}",
        "utf-8",
    )
    final = run_pelican(None, pdf=False, content=folder).output
    soup = BeautifulSoup((final / "articles/plan/index.html").read_text("utf-8"), "html.parser")
    assert soup.find(id="mine").get_text() == "PLAN · Sam Lee"


def test_hostile_members_of_a_cohort_run_and_read_nothing_and_the_others_build(tmp_path, run_cli):
    classe = tmp_path / "classe"
    classe.mkdir()
    healthy = student(tmp_path / "a", {"plan.md": "Title: Plan\nDate: 2025-09-19\n\nTexte.\n"})
    healthy.rename(classe / "camille")
    templated = student(tmp_path / "b", name="Zoé Gabarit")
    marker = hostile_template(templated, TEMPLATES["cycler globals"])
    templated.rename(classe / "zoe")
    include = f".. include:: {classe / 'camille/profile.yaml'}"
    reader = student(tmp_path / "c", {"vol.rst": f"Vol\n###\n\n:date: 2025-09-19\n\n{include}\n"})
    reader.rename(classe / "yann")
    output = tmp_path / "output"
    result = run_cli("build", "--cohort", str(classe), "--no-pdf", "--jobs", "1", "-o", str(output))
    assert result.code == 2, result.err
    assert "1/3" in result.out and "yann" in result.out and "zoe" in result.out
    assert "templates/base.html" in result.err and "articles/vol.rst" in result.err
    assert not marker.exists() and "Traceback" not in result.err
    assert (output / "camille/articles/plan/index.html").is_file()
    for slug in ("zoe", "yann"):
        assert not any((output / slug).rglob("*.html")), slug
    assert not outputs_hold(tmp_path, "sam@example.org") or all(
        "camille" in path.parts for path in outputs_hold(tmp_path, "sam@example.org")
    )


def test_links_planted_in_the_folders_cache_are_not_followed(tmp_path):
    """The picture cache sits in the student's folder (`.cache/`) when built without settings
    (a cohort too): a link planted there must not copy the builder's files into the Book."""
    from PIL import Image

    from profile_gen.media.images import digest

    folder = student(tmp_path, {"plan.md": "Title: Plan\nDate: 2025-09-19\n\n![x](plan.png)\n"})
    Image.new("RGB", (100, 80), (10, 20, 30)).save(folder / "articles/plan.png")
    key = digest(folder / "articles/plan.png")
    cached = folder / ".cache/profile_gen/images" / key
    cached.mkdir(parents=True)
    name = f"article-plan-{key[:8]}-100"
    for suffix in (".jpg", ".webp"):
        (cached / f"{name}{suffix}").symlink_to(tmp_path / "secret.txt")
    (cached / f"{name}.size").write_text("100 80", "ascii")
    if hasattr(os, "mkfifo"):
        os.mkfifo(cached / "source.width")  # read, it would block the build
    final = run_pelican(None, pdf=False, content=folder).output
    assert (final / f"images/{name}.jpg").is_file()
    assert not outputs_hold(tmp_path, SECRET)


@pytest.mark.parametrize(
    "template, detail",
    [
        ("{% if %}", "TemplateSyntaxError"),
        ('{% include "absent.html" %}', "TemplateNotFound: absent.html"),
        ("{{ 1 / 0 }}", "ZeroDivisionError"),
        ("{{ ''.__class__.__mro__ }}", "unsafe"),
    ],
)
def test_a_broken_template_is_a_user_error_naming_it(tmp_path, run_cli, template, detail):
    folder = student(tmp_path)
    (folder / "templates").mkdir()
    (folder / "templates/base.html").write_text(f"ok\n{template}\n", "utf-8")
    result = run_cli("build", "--no-pdf", "--content", str(folder))
    assert result.code == 2, result.err
    assert "templates/base.html, ligne 2" in result.err and detail in result.err
    assert "Erreur interne" not in result.err


def test_the_html_allow_list_has_one_home():
    from tests.conftest import ROOT

    homes = [
        path.relative_to(ROOT / "profile_gen").as_posix()
        for path in sorted((ROOT / "profile_gen").rglob("*.py"))
        if "import nh3" in path.read_text("utf-8")
    ]
    assert homes == ["book/sanitize.py"]


# --------------------------------------------------------------------------- a third review


def english_first(folder: Path, **identity: object) -> None:
    """The student's profile with English first (the messages' language), and `identity`."""
    data = yaml.safe_load((folder / "profile.yaml").read_text("utf-8"))
    data["locale"] = ["en", "fr"]
    data["identity"].update(identity)
    (folder / "profile.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")


@pytest.mark.parametrize("url", ["https://evil.example/phish", "../../../../x", "javascript:x()"])
def test_an_article_giving_its_own_address_is_refused(tmp_path, run_cli, url):
    """`Url:` had the Book's lists, the annexe and the Word file link where no page is (the
    page is written at its slug's place): off the Book, or out of its folder."""
    text = f"Title: Plan\nDate: 2025-09-19\nUrl: {url}\n\nText\n"
    folder = student(tmp_path, {"plan.md": text})
    result = run_cli("build", "--no-pdf", "--content", str(folder))
    assert result.code == 2 and f"articles/plan.md : « Url: {url} »" in result.err, result.err
    checked = run_cli("check", str(folder / "profile.yaml"))
    assert f"articles/plan.md:3 : « Url: {url} »" in checked.out
    rst = student(tmp_path / "rst", {"plan.rst": f"Plan\n####\n\n:date: 2025-09-19\n:url: {url}\n"})
    result = run_cli("build", "--no-pdf", "--content", str(rst))
    assert result.code == 2 and f"articles/plan.rst : « Url: {url} »" in result.err


@pytest.mark.parametrize(
    "src", ["file:/etc/hostname", "file:///tmp/x.png", "data:image/png;base64,iVBORw0KGgo="]
)
def test_a_picture_whose_address_a_book_does_not_show_is_named(tmp_path, run_cli, src):
    """Its address taken out by the sanitizer, the picture was left without one, silently."""
    folder = student(tmp_path, {"plan.md": f"Title: Plan\nDate: 2025-09-19\n\n![Schéma]({src})\n"})
    result = run_cli("build", "--no-pdf", "--content", str(folder))
    assert result.code == 2 and "Traceback" not in result.err
    assert (
        "articles/plan.md : l'image « Schéma » a une adresse qu'un Book ne montre pas" in result.err
    )


def test_pictures_of_any_shape_build_or_are_named_in_the_profiles_language(tmp_path, run_cli):
    """A full-page screenshot (taller than WebP allows) and a photo one pixel high build;
    a strip longer than any page shows is named, with its article, in the profile's own
    language (English first here), as the article errors are."""
    from PIL import Image

    shot = "Title: Shot\nDate: 2025-09-19\n\n![A full-page screenshot](../images/shot.png)\n"
    folder = student(tmp_path, {"shot.md": shot})
    (folder / "images").mkdir()
    Image.new("RGB", (800, 20_000), (200, 10, 10)).save(folder / "images/shot.png")
    Image.new("RGB", (400, 1), (10, 10, 200)).save(folder / "images/strip.png")
    english_first(folder, photo={"path": "images/strip.png", "alt": "A strip"})
    result = run_cli("build", "--no-pdf", "--content", str(folder))
    assert result.code == 0, result.err
    page = next((folder / "output").rglob("shot/index.html"))
    img = BeautifulSoup(page.read_text("utf-8"), "html.parser").find("img", alt=True)
    sizes = []
    for candidate in img["srcset"].split(", "):
        src, width = candidate.split()
        with Image.open((page.parent / src).resolve()) as variant:
            sizes.append(variant.size)
            assert variant.height <= 16_383 and f"{variant.width}w" == width
    assert len(sizes) == len(set(sizes)) >= 1 and max(sizes)[0] < 800  # held to its height
    (folder / "articles/wide.md").write_text(shot.replace("shot.png", "wide.png"), "utf-8")
    Image.new("RGB", (70_000, 3)).save(folder / "images/wide.png")
    result = run_cli("build", "--no-pdf", "--content", str(folder))
    assert result.code == 2 and "Traceback" not in result.err
    assert "articles/wide.md: wide.png: the image is 70000 × 3 pixels, a side longer" in result.err


def test_a_slug_placing_the_article_on_a_book_page_is_named_as_the_line_to_remove(
    tmp_path, run_cli
):
    folder = student(tmp_path, {"plan.md": "Title: Plan\nDate: 2025-09-19\nSlug: ../index\n\nx\n"})
    english_first(folder)
    result = run_cli("build", "--no-pdf", "--content", str(folder))
    assert result.code == 2 and "remove its 'Slug:' line" in result.err
    assert "Save_as" not in result.err


def test_a_template_prints_no_folder_of_the_building_machine(tmp_path, run_cli):
    """Pelican copies its settings into the templates' context: a student's template printed
    the builder's folders (in a tutor's cohort, the school's layout, online). Every
    setting holding a path of the machine is empty there; the Book builds as before."""
    from tests.conftest import ROOT

    folder = student(tmp_path)
    (folder / "templates").mkdir()
    names = ("PATH", "OUTPUT_PATH", "THEME", "CACHE_PATH", "THEME_TEMPLATES_OVERRIDES")
    shown = "".join(f"<p>{name}=[{{{{ {name} }}}}]</p>" for name in names)
    (folder / "templates/home.html").write_text(
        '{% extends "!theme/home.html" %}{% block content %}'
        + shown
        + "{{ super() }}{% endblock %}",
        "utf-8",
    )
    result = run_cli("build", "--no-pdf", "--content", str(folder))
    assert result.code == 0, result.err
    home = (folder / "output/index.html").read_text("utf-8")
    for name in names:
        assert f"{name}=[]" in home or f"{name}=[[]]" in home, name
    for page in (folder / "output").rglob("*.html"):
        text = page.read_text("utf-8")
        assert str(tmp_path) not in text and str(ROOT) not in text, page


@pytest.mark.parametrize("header", ["Title", "Slug"])
def test_an_article_with_a_very_long_title_builds_at_a_short_address(tmp_path, run_cli, header):
    """A title (or a `Slug:`) of 300 characters made a folder name no system takes ("File
    name too long", a staging folder named, the article not): its address keeps its first
    words, whole, within `SLUG_LIMIT`; `check` builds it too."""
    from profile_gen.book.article_meta import SLUG_LIMIT

    words = "retour d'expérience sur la migration progressive " * 6
    text = f"Title: {words.strip()}\nDate: 2025-09-19\n"
    text += f"Slug: {'-'.join(words.split())}\n" if header == "Slug" else ""
    folder = student(tmp_path, {"long.md": text + "\nTexte.\n"})
    result = run_cli("build", "--formats=", "--content", str(folder))
    assert result.code == 0, result.err
    (page,) = (folder / "output/articles").glob("*/index.html")
    name = page.parent.name
    assert len(name) <= SLUG_LIMIT and name.startswith("retour-d") and not name.endswith("-")
    assert name.split("-")[-1] in {
        "retour",
        "d",
        "experience",
        "sur",
        "la",
        "migration",
        "progressive",
    }
    assert run_cli("check", str(folder / "profile.yaml")).code in (0, 1)


def test_a_name_too_long_for_the_system_is_said_in_the_users_words():
    """What `build` and the cohort say of an OS error: the system's English only when the
    catalogue has no words for it."""
    import errno

    from profile_gen.app.os_errors import os_reason

    error = OSError(errno.ENAMETOOLONG, "File name too long", "x" * 300)
    assert "trop long" in os_reason("fr", error) and "too long" in os_reason("en", error)
    assert "File name" not in os_reason("fr", error)
