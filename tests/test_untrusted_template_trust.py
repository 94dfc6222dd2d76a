"""Which templates run in Jinja's sandbox: all of a build's when a student may have written one
(an override folder holds anything), none when the theme's are alone; the two kinds of
environment never share a template nor its compiled code, and render the same pages."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PrefixLoader, TemplateNotFound

from profile_gen.app.build import run_pelican
from profile_gen.book import sandbox
from tests.test_untrusted_articles import MARKER, TEMPLATES, student


def pelican_like(theme: Path, overrides: list[Path]) -> Environment:
    """An environment built as Pelican builds a generator's: the overrides before the theme."""
    return Environment(
        loader=ChoiceLoader(
            [
                FileSystemLoader([str(path) for path in [*overrides, theme]]),
                PrefixLoader({"!theme": FileSystemLoader(str(theme))}),
            ]
        )
    )


@pytest.fixture
def folders(tmp_path) -> tuple[Path, Path]:
    theme, mine = tmp_path / "theme", tmp_path / "student/templates"
    theme.mkdir()
    (theme / "base.html").write_text("theme base", "utf-8")
    return theme, mine


def test_the_theme_alone_runs_outside_the_sandbox(folders):
    theme, mine = folders
    env = sandbox.environment(pelican_like(theme, [mine]), {}, [str(mine)])
    assert not env.sandboxed and env.get_template("base.html").render() == "theme base"
    mine.mkdir(parents=True)  # an empty folder: nothing a student wrote can be loaded
    assert not sandbox.environment(pelican_like(theme, [mine]), {}, [str(mine)]).sandboxed


@pytest.mark.parametrize("student_wrote", [False, True])
def test_a_template_is_read_from_the_disk_once_per_build(folders, student_wrote):
    """Each build makes its own environments: a template loaded once is not checked on the
    disk again each time a page asks for it (Jinja's `auto_reload`), sandboxed or not."""
    theme, mine = folders
    if student_wrote:
        mine.mkdir(parents=True)
        (mine / "page.html").write_text("mine", "utf-8")
    env = sandbox.environment(pelican_like(theme, [mine]), {}, [str(mine)])
    assert env.sandboxed is student_wrote
    first = env.get_template("base.html")
    (theme / "base.html").write_text("changed on the disk", "utf-8")
    os.utime(theme / "base.html", ns=(0, 0))  # another time, whatever the clock's grain
    assert env.get_template("base.html") is first
    assert env.get_template("base.html").render() == "theme base"


@pytest.mark.parametrize("entry", ["base.html", "notes.txt", "sub/page.html", "link"])
def test_anything_in_an_override_folder_sandboxes_every_template(folders, entry):
    theme, mine = folders
    (mine / entry).parent.mkdir(parents=True, exist_ok=True)
    if entry == "link":
        (mine / entry).symlink_to(theme / "base.html")
    else:
        (mine / entry).write_text("mine", "utf-8")
    env = sandbox.environment(pelican_like(theme, [mine]), {}, [str(mine)])
    assert isinstance(env, sandbox.Sandbox)
    assert isinstance(env.get_template("!theme/base.html").environment, sandbox.Sandbox)


def test_a_generator_reading_the_content_folder_is_always_sandboxed(folders):
    theme, mine = folders
    env = sandbox.environment(pelican_like(theme, [mine]), {}, [str(mine)], reads_content=True)
    assert isinstance(env, sandbox.Sandbox)


def test_the_plain_environment_cannot_see_an_override_folder(folders):
    """A template written into the override folder after the choice (`serve`, a race) is
    not loaded by the plain environment: the theme's stands, or none."""
    theme, mine = folders
    env = sandbox.environment(pelican_like(theme, [mine]), {}, [str(mine)])
    mine.mkdir(parents=True)
    (mine / "base.html").write_text("{{ cycler.__init__.__globals__ }}", "utf-8")
    (mine / "extra.html").write_text("{{ cycler.__init__.__globals__ }}", "utf-8")
    assert env.get_template("base.html").render() == "theme base"
    with pytest.raises(TemplateNotFound):
        env.get_template("extra.html")


def test_compiled_templates_are_cached_apart(folders):
    """The sandbox's compiled code checks its calls (`environment.call`); code compiled
    without the sandbox must never be loaded into one."""
    theme, mine = folders
    plain = sandbox.environment(pelican_like(theme, [mine]), {}, [str(mine)])
    mine.mkdir(parents=True)
    (mine / "x.html").write_text("", "utf-8")
    boxed = sandbox.environment(pelican_like(theme, [mine]), {}, [str(mine)])
    assert plain.bytecode_cache is not None and boxed.bytecode_cache is not None
    assert plain.bytecode_cache.pattern != boxed.bytecode_cache.pattern  # type: ignore[attr-defined]


PLACES = {
    "included by the theme's base": "_head.html",
    "imported by the theme's pages": "_macros.html",
    "a page the theme writes": "home.html",
    "the base the theme's pages extend": "base.html",
}


@pytest.mark.parametrize("name", PLACES.values(), ids=list(PLACES))
def test_a_hostile_template_is_sandboxed_wherever_the_theme_uses_it(tmp_path, run_cli, name):
    folder = student(tmp_path)
    marker = folder.parent / MARKER
    (folder / "templates").mkdir()
    payload = TEMPLATES["cycler globals"].replace("MARKER", str(marker))
    (folder / "templates" / name).write_text(payload, "utf-8")
    result = run_cli("build", "--no-pdf", "--content", str(folder))
    assert result.code == 2, result.err
    assert not marker.exists() and "Traceback" not in result.err
    assert f"templates/{name}" in result.err and "accès interdit" in result.err


def test_a_student_page_extending_the_theme_is_sandboxed_in_its_blocks(tmp_path, run_cli):
    folder = student(tmp_path)
    marker = folder.parent / MARKER
    (folder / "templates").mkdir()
    payload = TEMPLATES["lipsum globals"].replace("MARKER", str(marker))
    (folder / "templates/home.html").write_text(
        '{% extends "!theme/home.html" %}{% block content %}' + payload + "{% endblock %}",
        "utf-8",
    )
    result = run_cli("build", "--no-pdf", "--content", str(folder))
    assert result.code == 2 and not marker.exists(), result.err
    assert "templates/home.html" in result.err and "accès interdit" in result.err


LOOP = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"


@pytest.mark.skipif(not hasattr(__import__("signal"), "setitimer"), reason="Windows")
@pytest.mark.parametrize("name", ["404.html", "home.html"])
def test_a_template_looping_for_hours_is_stopped_and_named(tmp_path, run_cli, monkeypatch, name):
    """10¹⁰ turns of an empty loop: the render is stopped at its processor-time limit
    (lowered here), the build names the template and its line, and writes nothing."""
    from profile_gen.book import time_limit

    monkeypatch.setattr(time_limit, "SECONDS", 0.5)
    folder = student(tmp_path)
    (folder / "templates").mkdir()
    page = f'{{% extends "!theme/{name}" %}}{{% block content %}}\n{LOOP}{{% endblock %}}'
    (folder / "templates" / name).write_text(page, "utf-8")
    result = run_cli("build", "--formats=", "--content", str(folder))
    assert result.code == 2 and "Traceback" not in result.err, result.err
    assert f"templates/{name}, ligne 2 : le gabarit a pris plus de 0.5 s" in result.err
    assert not (folder / "output").exists()


def test_the_sandbox_and_the_plain_environment_write_the_same_pages(tmp_path):
    articles = {"plan.md": "Title: Plan\nDate: 2025-09-19\n\nL'analyse : 70 % !\n"}
    plain = student(tmp_path / "plain", articles)
    boxed = student(tmp_path / "boxed", articles)
    (boxed / "templates").mkdir()
    (boxed / "templates/unused.html").write_text("never loaded", "utf-8")
    written = {}
    policy = re.compile(rb'<meta http-equiv="Content-Security-Policy" content="[^"]*">')
    for folder in (plain, boxed):
        output = run_pelican(None, pdf=False, content=folder).output
        written[folder] = {
            path.relative_to(output).as_posix(): policy.sub(b"", path.read_bytes())
            for path in sorted(output.rglob("*.html"))
        }
    # the same pages, but for the policy a student's folder's pages carry (`page_safety`)
    assert written[plain] and written[plain] == written[boxed]


def test_the_built_in_designs_templates_are_the_packages(tmp_path):
    """The compact design's `_cv.html` (a package file) keeps the theme's templates outside
    the sandbox; an empty design folder of a student's is left out of the plain loader, even
    when a template appears in it later; one holding a template sandboxes them all."""
    from profile_gen import designs

    theme = designs.built_in_folder().parent / "templates"
    compact = designs.built_in_folder() / "compact" / designs.TEMPLATES
    assert (compact / "_cv.html").is_file()
    package = (designs.built_in_folder(),)
    env = pelican_like(theme, [compact])
    plain = sandbox.environment(
        env, {}, [str(compact)], package=package, prefixes={"!compact": [compact, theme]}
    )
    assert not plain.sandboxed
    assert plain.get_template("_cv.html").filename == str(compact / "_cv.html")
    assert plain.get_template("!compact/_cv.html").filename == str(compact / "_cv.html")
    mine = tmp_path / "designs/mine" / designs.TEMPLATES
    mine.mkdir(parents=True)
    prefixes = {"!mine": [mine, compact, theme], "!compact": [compact, theme]}
    untrusted = [str(mine), str(compact)]
    empty = sandbox.environment(
        pelican_like(theme, [mine, compact]), {}, untrusted, package=package, prefixes=prefixes
    )
    assert not empty.sandboxed
    (mine / "_cv.html").write_text("{{ cycler.__init__.__globals__ }}", "utf-8")
    assert empty.get_template("!mine/_cv.html").filename == str(compact / "_cv.html")
    assert empty.get_template("_cv.html").filename == str(compact / "_cv.html")
    boxed = sandbox.environment(
        pelican_like(theme, [mine, compact]), {}, untrusted, package=package, prefixes=prefixes
    )
    assert isinstance(boxed, sandbox.Sandbox)
    assert boxed.get_template("!mine/_cv.html").filename == str(mine / "_cv.html")


@pytest.mark.parametrize(
    ("template", "said"),
    [  # reviews' findings: the settings (which hold the whole profile) through an article
        (
            "{% for a in articles %}{{ a.settings.PROFILE_GEN_PROFILE.identity }}{% endfor %}",
            "accès interdit",
        ),
        ("{{ ('x' * 3000000000)|length }}", "accès interdit"),  # 6 GB of memory
        ("{{ 9 ** 99999999 }}", "accès interdit"),  # minutes of big-number arithmetic
        ("{{ 'x'.center(3000000000) }}", "accès interdit"),  # 3 GB
        ("{{ '%3000000000s'|format('x') }}", "accès interdit"),
        (  # Pydantic's own methods: this one unpickles a string, and so runs any command
            "{{ profile.parse_raw(\"cposix\\nsystem\\n(S'touch PWNED'\\ntR.\", "
            "content_type='application/pickle', allow_pickle=True) }}",
            "accès interdit",
        ),
        ("{{ profile.model_dump() }}", "accès interdit"),
        ("{{ profile.identity.model_copy() }}", "accès interdit"),
    ],
)
def test_a_template_cannot_reach_the_settings_nor_exhaust_the_machine(
    tmp_path, run_cli, template, said
):
    folder = student(tmp_path, {"a.md": "Title: A\nDate: 2025-09-19\n\nx\n"})
    (folder / "templates").mkdir()
    page = f'{{% extends "!theme/home.html" %}}{{% block content %}}{template}{{% endblock %}}'
    (folder / "templates/home.html").write_text(page, "utf-8")
    result = run_cli("build", "--formats=", "--content", str(folder))
    assert result.code == 2 and "Traceback" not in result.err, result.err
    assert "templates/home.html" in result.err and said in result.err
    assert not list(tmp_path.rglob("PWNED"))


@pytest.mark.skipif(not hasattr(__import__("signal"), "setitimer"), reason="Windows")
def test_the_time_limit_is_the_builds_not_each_renders(tmp_path, run_cli, monkeypatch):
    """A loop under the limit in the template of each of many articles: together they
    exceed it, and the build stops (a review's 4 articles took 66 s, 200 would take an hour)."""
    from profile_gen.book import time_limit

    monkeypatch.setattr(time_limit, "SECONDS", 1.0)
    articles = {f"a{n}.md": f"Title: A{n}\nDate: 2025-09-{n + 10}\n\nx\n" for n in range(12)}
    folder = student(tmp_path, articles)
    (folder / "templates").mkdir()
    slow = "{% for i in range(3000) %}{% for j in range(3000) %}{% endfor %}{% endfor %}"
    page = f'{{% extends "!theme/article.html" %}}{{% block content %}}{slow}{{% endblock %}}'
    (folder / "templates/article.html").write_text(page, "utf-8")
    result = run_cli("build", "--formats=", "--content", str(folder))
    assert result.code == 2 and "le gabarit a pris plus de 1 s" in result.err, result.err
