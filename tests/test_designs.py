"""Designs (issue 22): `design: NAME` in the profile, `profile-gen designs`, `init --design`,
the errors of an unknown design, and a student's own design (`designs/NAME/`: tokens,
templates, stylesheets and fonts, untrusted) read back from the built pages."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from profile_gen import designs
from profile_gen.app.build import run_pelican
from profile_gen.errors import BuildError
from tests.conftest import ROOT, copy_sample, preloaded_fonts

TOKENS = __import__("tomllib").loads((ROOT / "profile_gen/tokens.toml").read_text("utf-8"))

BUILT_IN = ("classique", "compact", "moderne")


def with_design(root: Path, name: str) -> Path:
    """The sample copied into `root`, its profile choosing `name`."""
    copy_sample(root, "locale: [fr, en]", f"locale: [fr, en]\ndesign: {name}")
    return root


def build(root: Path) -> Path:
    return run_pelican(root / "pelican.conf.py", root / "output", pdf=False).output


def own_design(root: Path, tokens: str, files: dict[str, str] | None = None) -> Path:
    """A student's design `mine` beside the sample's profile, which chooses it."""
    folder = with_design(root, "mine") / "content" / "designs" / "mine"
    folder.mkdir(parents=True)
    (folder / "tokens.toml").write_text(tokens, encoding="utf-8")
    for name, text in (files or {}).items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def designed(tmp_path_factory):
    """The sample in each built-in design (on first use), built once for the module with its
    Book, its PowerPoint files and its Word annexe: read only."""
    built: dict[str, Path] = {}

    def site(name: str) -> Path:
        if name not in built:
            root = with_design(tmp_path_factory.mktemp(name), name)
            formats = ("pptx", "docx")
            built[name] = run_pelican(
                root / "pelican.conf.py", root / "output", formats=formats
            ).output
        return built[name]

    return site


def refusal(root: Path) -> BuildError:
    with pytest.raises(BuildError) as caught:
        run_pelican(root / "pelican.conf.py", root / "output", pdf=False)
    return caught.value


# --------------------------------------------------------------------------- one setting


def test_designs_lists_three_each_name_first(run_cli):
    assert designs.names() == BUILT_IN[:1] + tuple(sorted(BUILT_IN[1:]))
    for lang in ("fr", "en"):
        result = run_cli("--lang", lang, "designs")
        assert result.code == 0
        lines = result.out.strip().splitlines()
        assert [line.split()[0] for line in lines] == list(designs.names())
        assert all(len(line.split(None, 1)[1]) > 30 for line in lines)  # a description
    english = run_cli("--lang", "en", "designs").out
    assert "Modern" in english and "(the default)" in english
    assert "Moderne :" in run_cli("designs").out


def test_designs_lists_the_project_own_after_the_built_in(run_cli, tmp_path):
    own_design(tmp_path, 'extends = "moderne"\n[about]\nfr = "Le mien"\nen = "Mine"\n')
    result = run_cli("--lang", "en", "designs", "--content", str(tmp_path / "content"))
    last = result.out.strip().splitlines()[-1]
    assert last.split()[0] == "mine" and last.endswith("Mine (moderne)")


def test_schema_offers_the_designs(run_cli):
    schema = json.loads((ROOT / "profile.schema.json").read_text(encoding="utf-8"))
    field = schema["properties"]["design"]
    assert field["default"] == "classique"
    assert field["anyOf"][0]["enum"] == list(designs.names())


def test_init_writes_the_design_and_the_profile_loads(run_cli, tmp_path):
    from profile_gen.app.init import repository_files
    from profile_gen.profile.loader import load

    text = repository_files("en", "none", design="compact")["profile.yaml"]
    (tmp_path / "profile.yaml").write_text(text, encoding="utf-8")
    assert "\ndesign: compact\n" in text
    assert load(tmp_path / "profile.yaml").design == "compact"
    assert "design:" not in repository_files("fr", "none")["profile.yaml"]
    with pytest.raises(SystemExit) as refused:
        run_cli("init", str(tmp_path / "x"), "--design", "baroque", "--host", "none")
    assert refused.value.code == 2


def test_an_unknown_design_names_file_line_field_and_the_known_ones(run_cli, tmp_path):
    copy_sample(tmp_path, "locale: [fr, en]", "locale: [fr, en]\ndesign: modrne")
    result = run_cli("check", str(tmp_path / "content/profile.yaml"))
    assert result.code == 2
    text = (tmp_path / "content/profile.yaml").read_text(encoding="utf-8")
    line = [line.split(" #")[0] for line in text.splitlines()].index("design: modrne") + 1
    assert f"profile.yaml:{line}:9: design" in result.err
    assert "design inconnu « modrne » : vouliez-vous dire « moderne » ?" in result.err
    # a name like none of them: the known ones, listed
    copy_sample(tmp_path / "b", "locale: [fr, en]", "locale: [fr, en]\ndesign: bleu")
    result = run_cli("check", str(tmp_path / "b/content/profile.yaml"))
    assert result.code == 2 and "classique, compact, moderne" in result.err


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_student_folder_named_like_a_built_in_design_is_refused(run_cli, tmp_path, lang):
    """`designs/moderne/` could never be chosen (`design: moderne` is the built-in one):
    `check` and `build` stop, naming the folder and a name to give it instead."""
    root = with_design(tmp_path, "moderne")
    folder = root / "content" / "designs" / "moderne"
    folder.mkdir(parents=True)
    (folder / "tokens.toml").write_text(MINE, encoding="utf-8")
    (root / "output").mkdir()  # an earlier Book (a build replaces only a Book's folder)
    (root / "output" / "index.html").write_text("<p>earlier</p>", encoding="utf-8")
    (root / "output" / "kept.html").write_text("before", encoding="utf-8")
    check = run_cli("--lang", lang, "check", str(root / "content/profile.yaml"))
    build = run_cli(
        "--lang", lang, "build", "--no-pdf", "--settings", str(root / "pelican.conf.py")
    )
    other = "mon-moderne" if lang == "fr" else "my-moderne"
    for result in (check, build):
        assert result.code == 2, result.err
        assert "designs/moderne/" in result.err and f"designs/{other}/" in result.err
        assert "Traceback" not in result.err
    assert ("intégré" if lang == "fr" else "built-in") in check.err
    assert (root / "output" / "kept.html").read_text(encoding="utf-8") == "before"
    # another name is a student's design like any other
    shutil.move(folder, folder.with_name(other))
    text = (root / "content/profile.yaml").read_text(encoding="utf-8")
    text = text.replace("design: moderne", f"design: {other}")
    (root / "content/profile.yaml").write_text(text, encoding="utf-8")
    assert run_cli("check", str(root / "content/profile.yaml")).code in (0, 1)


def test_default_is_classique(tmp_path):
    from profile_gen.profile.loader import load

    assert load(ROOT / "content/profile.yaml").design == designs.DEFAULT == "classique"


# --------------------------------------------------------------------------- a student's design

MINE = """extends = "moderne"
[about]
fr = "Le mien"
[color]
accent = "#5b2a86"
"""
CV_BLOCK = """{% extends "!moderne/_cv.html" %}
{% block cv_identity %}<p class="cv-name mine">{{ profile.identity.name }}</p>{% endblock %}
"""


def test_the_documented_example_overrides_one_block_and_one_token(tmp_path):
    """docs/designs-own.md's worked example, as written there (and in docs/designs.md)."""
    text = (ROOT / "docs/designs-own.md").read_text(encoding="utf-8")
    tokens = text.split("```toml\n", 1)[1].split("```", 1)[0]
    template = text.split("```jinja\n", 1)[1].split("```", 1)[0]
    assert (ROOT / "docs/designs.md").read_text(encoding="utf-8").endswith(text)
    own_design(tmp_path, tokens, {"templates/_cv.html": template})
    site = build(tmp_path)
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "--color-accent: #5b2a86;" in home and "Inter" in home
    cv = BeautifulSoup((site / "cv/index.html").read_text(encoding="utf-8"), "html.parser")
    assert cv.select_one(".cv-name")["style"] == "font-variant: small-caps"
    assert cv.select_one(".cv-side") is not None


def test_a_student_design_overriding_one_block_and_one_token(tmp_path):
    print_css = "html { font-family: fantasy; }"  # the CV's only: the annexe keeps its rules
    own_design(tmp_path, MINE, {"templates/_cv.html": CV_BLOCK, "print.css": print_css})
    site = build(tmp_path)
    assert print_css in (site / "cv/index.html").read_text(encoding="utf-8")
    annexe = (site / "annexe/index.html").read_text(encoding="utf-8")
    assert "fantasy" not in annexe and ".annexe .item-cv .cv-side" in annexe  # moderne's
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    styles = " ".join(style.get_text() for style in home.find_all("style"))
    assert "--color-accent: #5b2a86;" in styles  # the token, over moderne's
    assert "Inter" in styles  # moderne's fonts and stylesheet, inherited
    cv = BeautifulSoup((site / "cv/index.html").read_text(encoding="utf-8"), "html.parser")
    assert "--cv-accent: #5b2a86" in cv.select_one(".cv")["style"]  # the token, in the CV
    assert cv.select_one(".cv-name.mine").get_text() == "Léa Moreau"  # the block
    assert cv.select_one(".cv-headline") is None  # the rest of the block replaced
    assert cv.select_one(".cv-side") is not None  # the other blocks kept
    assert (site / "theme/designs/moderne/fonts/inter-latin-400-normal.woff2").is_file()
    cards = (site / "soutenance/cards.html").read_text(encoding="utf-8")
    assert 'font-family: "Inter"' in cards  # the cue cards in the design's font too


@pytest.mark.parametrize(
    ("tokens", "files", "code", "where"),
    [
        ('extends = "moderne"\n[color]\naccnet = "#000000"\n', {}, "design_token_unknown", 3),
        ('extends = "moderne"\n[colour]\naccent = "#000000"\n', {}, "design_token_unknown", 2),
        ('extends = "moderne"\n[deck]\nh2 = 60\n', {}, "design_token_unknown", 2),
        ('extends = "moderne"\n[font]\ndeck = ["Comic Sans MS"]\n', {}, "design_token_unknown", 3),
        ('extends = "moderne"\n[slides]\ntitle = "banner"\n', {}, "design_token_unknown", 2),
        ('extends = "moderne"\n\n[slides]\nphoto = "oval"\n', {}, "design_token_unknown", 3),
        ('extends = "moderne"\n[cv]\nlayout = "grid"\n', {}, "design_token_unknown", 2),
        ('[color]\naccent = "#000000"\n', {}, "design_extends_missing", None),
        ('extends = "baroque"\n', {}, "design_extends_unknown", None),
        ('extends = "mine"\n', {}, "design_extends_loop", None),
        ('extends = "moderne"\n[color\n', {}, "design_toml_invalid", None),
        (
            'extends = "moderne"\nx = ' + "[" * 2000 + "]" * 2000 + "\n",
            {},
            "design_toml_deep",
            None,
        ),
        (
            'extends = "moderne"\nx = ' + "{a=" * 3000 + "1" + "}" * 3000,
            {},
            "design_toml_deep",
            None,
        ),
        (
            'extends = "classique"\n',
            {"book.css": "body { color: red; }\nh1 { background: url(https://x.example/a.png); }"},
            "design_css_refused",
            2,
        ),
        (
            'extends = "classique"\n',
            {"deck.css": "</style><script>x()</script>"},
            "design_css_refused",
            1,
        ),
        (
            'extends = "moderne"\n',
            {
                "templates/_cv.html": '{% extends "!theme/_cv.html" %}\n\n{% block cv_photos %}x{% endblock %}'
            },
            "design_block_unknown",
            3,
        ),
        (
            'extends = "moderne"\n[[fonts]]\nfamily = "X"\nfile = "x"\n',
            {},
            "design_font_missing",
            None,
        ),
        (
            'extends = "moderne"\n[[fonts]]\nfamily = "X"\nfile = "../x"\n',
            {},
            "design_font_invalid",
            None,
        ),
        # a token's value goes into every page's <style>: only what the token holds
        (
            'extends = "moderne"\n[radius]\nradius = "4px}</style><script>x()</script>"\n',
            {},
            "design_token_size",
            3,
        ),
        (
            'extends = "moderne"\n[text]\nsm = "url(https://x.example/a)"\n',
            {},
            "design_token_size",
            3,
        ),
        ('extends = "moderne"\n[space]\n4 = true\n', {}, "design_token_size", 3),
        ('extends = "moderne"\n[color]\naccent = "#fff"\n', {}, "design_token_color", 3),
        ('extends = "moderne"\n\n[color]\naccent = "red"\n', {}, "design_token_color", 4),
        ('extends = "moderne"\n[font]\nsans = 5\n', {}, "design_token_font", 3),
        ('extends = "moderne"\n[font]\nsans = ["Inter\\"; }"]\n', {}, "design_token_font", 3),
    ],
)
def test_a_student_design_that_cannot_be_used_is_named(tmp_path, tokens, files, code, where):
    own_design(tmp_path, tokens, files)
    error = refusal(tmp_path)
    assert error.code == code
    assert str(error.context["file"]).startswith("designs/mine/")
    if where is not None:
        assert error.context["line"] == where
    for lang in ("fr", "en"):
        assert "designs/mine/" in error.describe(lang)


def test_a_student_design_values_of_every_kind_are_accepted(tmp_path):
    tokens = (
        'extends = "moderne"\n[color]\naccent = "#1F4E8C"\n[radius]\nradius = 0\n'
        '[text]\nxl = "clamp(1.6rem, 1.2rem + 2vw, 2.3rem)"\n[space]\n5 = "calc(1rem * 1.5)"\n'
        '[font]\nsans = ["-apple-system", "Segoe UI", "sans-serif"]\n'
    )
    own_design(tmp_path, tokens, {})
    css = (build(tmp_path) / "index.html").read_text("utf-8")
    assert "--color-accent: #1F4E8C;" in css and "--radius: 0;" in css
    assert '--font-sans: -apple-system, "Segoe UI", sans-serif;' in css


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_a_design_template_cannot_extend_a_file_outside_the_theme(tmp_path, encoding):
    """`!theme/../../x` leads nowhere (Jinja's rule): the file's blocks are not read (a
    probe of the computer's files), nor its bytes shown in an error."""
    outside = tmp_path / "secret.html"
    outside.write_text("{% block secret %}BOB-PRIVATE +33 7 00{% endblock %}", encoding)
    depth = "/".join([".."] * (len((ROOT / "theme/templates").parts) + 2))
    template = f'{{% extends "!theme/{depth}{outside}" %}}{{% block secret %}}x{{% endblock %}}'
    own_design(tmp_path, 'extends = "moderne"\n', {"templates/home.html": template})
    error = refusal(tmp_path)
    assert error.code == "template_broken" and "TemplateNotFound" in error.context["detail"]
    for lang in ("fr", "en"):
        assert "BOB-PRIVATE" not in error.describe(lang)
    # the block check does not open it either (its block names would tell what it holds)
    from profile_gen.book import design as book_design

    chosen = designs.load("mine", tmp_path / "content", designs.base_names(""))
    assert book_design._source(f"!theme/{depth}{outside}", chosen, ROOT / "theme") is None


def test_a_student_design_folder_linked_out_of_the_profile_is_refused(tmp_path):
    """`designs/mine` a link to a folder outside the profile's (another cohort member's):
    refused as the `templates` folder is, naming it."""
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "tokens.toml").write_text('extends = "moderne"\n', "utf-8")
    folder = own_design(tmp_path, 'extends = "moderne"\n')
    shutil.rmtree(folder)
    folder.symlink_to(outside)
    error = refusal(tmp_path)
    assert error.code == "folder_dir_outside" and error.context["file"] == "designs/mine"


@pytest.mark.parametrize(
    ("target", "code"),
    [
        ("../..", "folder_dir_hidden"),
        ("../../.git", "folder_dir_hidden"),
        ("../../private.yaml", "folder_dir_outside"),
        ("/proc/self", "folder_dir_outside"),
        ("../../../elsewhere", "folder_dir_outside"),
        ("nowhere", "folder_dir_outside"),
    ],
    ids=["profile-folder", "git", "a-file", "proc-self", "outside", "broken"],
)
def test_a_student_design_templates_folder_linked_out_is_refused(tmp_path, target, code):
    """`designs/mine/templates` a link to the profile's folder itself (its `private.yaml`),
    into `.git` (a token in its `config`), out of it (another cohort member's folder,
    `/proc/self` and its `environ`), or to no folder: refused before any template is read,
    naming it."""
    (tmp_path / "elsewhere").mkdir()
    folder = own_design(tmp_path, 'extends = "classique"\n')
    (tmp_path / "content/.git").mkdir()
    (folder / "templates").symlink_to(target)
    (tmp_path / "content/templates").mkdir()
    (tmp_path / "content/templates/home.html").write_text(
        '{% extends "!theme/home.html" %}{% block content %}'
        '{% include "private.yaml" %}{{ super() }}{% endblock %}',
        "utf-8",
    )
    error = refusal(tmp_path)
    assert error.code == code, error
    assert error.context["file"] == "designs/mine/templates"
    assert not (tmp_path / "output/index.html").exists()


def test_a_designs_folder_linked_to_the_profiles_own_cannot_reach_it(tmp_path):
    """`designs` a link to the profile's folder (`designs -> .`), and a design there whose
    `templates` leads back to it: refused, as the profile's folder itself."""
    folder = own_design(tmp_path, 'extends = "classique"\n')
    content = tmp_path / "content"
    shutil.move(folder, content / "mine")
    (content / "designs").rmdir()
    (content / "designs").symlink_to(".")
    (content / "mine/templates").symlink_to("..")
    error = refusal(tmp_path)
    assert (error.code, error.context["file"]) == ("folder_dir_hidden", "designs/mine/templates")


@pytest.mark.parametrize("target", [".git", "."])
def test_the_profiles_templates_cannot_be_its_own_folder_or_a_hidden_one(tmp_path, target):
    with_design(tmp_path, "classique")
    (tmp_path / "content/.git").mkdir()
    (tmp_path / "content/templates").symlink_to(target)
    error = refusal(tmp_path)
    assert (error.code, error.context["file"]) == ("folder_dir_hidden", "templates")


def test_a_student_design_may_share_another_designs_templates(tmp_path):
    """A link from one of the student's designs to another's `templates/` (inside
    `designs/`) is followed; a template there linked out of it is refused."""
    folder = own_design(tmp_path, 'extends = "classique"\n')
    other = tmp_path / "content/designs/other/templates"
    other.mkdir(parents=True)
    (other / "_cv.html").write_text(
        '{% extends "!theme/_cv.html" %}{% block cv_identity %}SHARED-CV{% endblock %}', "utf-8"
    )
    (folder / "templates").symlink_to("../other/templates")
    site = run_pelican(tmp_path / "pelican.conf.py", tmp_path / "output", pdf=False).output
    assert "SHARED-CV" in (site / "cv/index.html").read_text("utf-8")
    (tmp_path / "secret.html").write_text("SECRET", "utf-8")
    (other / "_cv.html").unlink()
    (other / "_cv.html").symlink_to(tmp_path / "secret.html")
    assert refusal(tmp_path).code == "folder_outside"
    (other / "_cv.html").unlink()
    (other / "_cv.html").write_text(
        '{% extends "!theme/_cv.html" %}{% block cv_identity %}SHARED-CV{% endblock %}', "utf-8"
    )
    # the design's folder itself a link elsewhere in the student's folder: followed
    shutil.rmtree(folder)
    shutil.copytree(tmp_path / "content/designs/other", tmp_path / "content/kept")
    (tmp_path / "content/kept/tokens.toml").write_text('extends = "classique"\n', "utf-8")
    folder.symlink_to("../kept")
    site = run_pelican(tmp_path / "pelican.conf.py", tmp_path / "output", pdf=False).output
    assert "SHARED-CV" in (site / "cv/index.html").read_text("utf-8")


def test_a_font_lacking_the_profile_characters_is_named(tmp_path):
    fonts = ROOT / "theme/designs/moderne/fonts"
    folder = own_design(
        tmp_path,
        'extends = "classique"\n[[fonts]]\nfamily = "Mine"\nfile = "mine"\n',
    )
    (folder / "fonts").mkdir()
    shutil.copy(fonts / "inter-latin-400-normal.ttf", folder / "fonts/mine.ttf")
    profile = tmp_path / "content/profile.yaml"
    profile.write_text(
        profile.read_text("utf-8").replace("name: Léa Moreau", "name: Łucja Moreau", 1), "utf-8"
    )
    error = refusal(tmp_path)
    assert error.code == "design_font_lacks"
    assert "U+0141" in error.context["chars"] and "identity.name" in error.context["fields"]


def test_a_student_design_file_linked_outside_is_refused(tmp_path):
    folder = own_design(tmp_path, 'extends = "moderne"\n')
    outside = tmp_path / "outside.css"
    outside.write_text("body { color: red }", encoding="utf-8")
    (folder / "book.css").symlink_to(outside)
    error = refusal(tmp_path)
    assert error.code == "folder_outside"


def test_a_student_design_template_runs_in_the_sandbox(tmp_path):
    own_design(
        tmp_path,
        'extends = "classique"\n',
        {
            "templates/_cv.html": '{% extends "!theme/_cv.html" %}'
            "{% block cv_identity %}{{ ''.__class__.__mro__ }}{% endblock %}"
        },
    )
    assert refusal(tmp_path).code == "template_unsafe"


def test_each_deck_is_measured_in_its_design_font(tmp_path):
    """A design whose deck has a font of its own ships that font's widths (kept current:
    `python scripts/deck_metrics.py`), each character never narrower than the theme's
    (Arial's, within 1 %: PowerPoint's where the design's font is missing); its deck is
    measured with them, a student's in the font of the built-in design it extends."""
    from fontTools.ttLib import TTFont

    from profile_gen.views import measure

    for name in designs.names():
        family = designs.load(name, None, set()).token("font", "deck")
        path = designs.built_in_folder() / name / "metrics.json"
        if family:
            assert path.read_text("utf-8") == measure.design_table(path.parent, family[0])
        else:
            assert not path.exists()
    theme_units, theme = measure._table()
    for name in ("compact", "moderne"):
        units, widths = measure._table(name)
        assert all(
            widths[style][cp] * theme_units >= width * units - theme_units  # rounding
            for style in measure.STYLES
            for cp, width in theme[style].items()
        )
        regular = next(f for f in designs.load(name, None, set()).fonts() if f[1].weight == 400)
        font = TTFont(designs.built_in_folder() / name / "fonts" / f"{regular[1].file}.ttf")
        advances = {cp: font["hmtx"].metrics[g][0] for cp, g in font.getBestCmap().items()}
        assert all(widths["regular"][cp] >= advances[cp] for cp in advances if cp < 0x10000)
    text = "Pilotage de la dématérialisation des factures"
    sizes = {
        name: measure.text_width(text, 100, "bold", measure.deck_font(name))
        for name in designs.names()
    }
    assert sizes["classique"] <= sizes["compact"] < sizes["moderne"], sizes
    own_design(tmp_path, MINE)
    assert measure.deck_font("mine", tmp_path / "content") == "moderne"
    assert measure.deck_font("elsewhere", tmp_path / "content") == ""
    assert measure.deck_font("classique") == ""


def test_a_student_design_chooses_or_inherits_its_word_cv_layout(tmp_path):
    from profile_gen import tokens

    base = designs.base_names(tokens.css())
    folder = own_design(tmp_path, 'extends = "compact"\n')
    assert designs.load("mine", folder.parent.parent, base).choice("cv", "layout") == "band"
    (folder / "tokens.toml").write_text('extends = "compact"\n[cv]\nlayout = "ruled"\n', "utf-8")
    assert designs.load("mine", folder.parent.parent, base).choice("cv", "layout") == "ruled"
    assert designs.load("classique", None, base).choice("cv", "layout") == "side"


def test_the_deck_type_follows_the_design_font_width():
    """The same slides never take a larger type in a design's font than in the theme's
    (its measure is never narrower), and Inter, wider, steps one more slide down."""
    from profile_gen.profile.loader import load
    from profile_gen.views.deck_fit import fit_deck, fitted_plan

    profile = load(ROOT / "content/profile.yaml")
    plan = fitted_plan(profile, "moderne")
    for lang in ("fr", "en"):
        levels = {
            font: [fit.level for fit in fit_deck(profile, lang, plan, font)]
            for font in ("compact", "", "moderne")
        }
        for name in ("compact", "moderne"):
            assert all(a <= b for a, b in zip(levels[""], levels[name], strict=True)), levels
    assert sum(levels[""]) < sum(levels["moderne"]), levels


# --------------------------------------------------------------------------- Office


def assert_word_cv_layout(document, name: str, accent: str, panel: str) -> None:
    """The Word CV arranged as the design's annexe CV (`[cv] layout`): a tinted side column
    on the left (ruled in the accent in `ruled`), or a band of the photo, name and contact
    ruled in the accent over the career (left) and the rest (right, beside a rule)."""
    from profile_gen import i18n

    def look(cell) -> tuple[str | None, str | None, str | None]:
        found = [cell._tc.xpath(f"./w:tcPr/{path}") for path in PARTS]
        return tuple(values[0] if values else None for values in found)  # type: ignore[return-value]

    tables = document.tables
    first = next(i for i, t in enumerate(tables) if "Léa Moreau" in t._cells[1].text)
    accent, panel = accent.lstrip("#").upper(), panel.lstrip("#").upper()
    layout = designs.load(name, None, set()).choice("cv", "layout")
    languages = i18n.label("fr", "page.languages")
    if layout in ("side", "ruled"):
        side, main = tables[first]._cells
        assert languages in side.text and "Léa Moreau" in main.text
        rule = accent if layout == "ruled" else None
        assert look(side) == (panel, rule, None), look(side)
    else:
        photo, identity = tables[first]._cells
        assert look(photo) == look(identity) == (None, None, accent)
        assert photo._tc.xpath(".//pic:pic") and languages not in identity.text
        main, side = tables[first + 1]._cells
        assert languages in side.text and languages not in main.text
        assert look(side) == (None, accent, None) and look(main) == (None, None, None)


def test_the_word_cv_band_without_a_photo_is_the_name_and_contact_alone(tmp_path):
    """`band` (compact) for a profile without a photo: no empty photo column. (A small
    profile: its CV is fitted to its page in fewer tries than the sample's.)"""
    from docx import Document

    from tests.profiles import MINIMAL, make_project

    def edit(data: dict) -> None:
        assert "photo" not in data["identity"]
        data["design"] = "compact"

    root = make_project(tmp_path, edit, base=MINIMAL, image=None, articles=False)
    site = run_pelican(root / "pelican.conf.py", root / "output", formats=("docx",)).output
    tables = Document(str(site / "annexe.docx")).tables
    band = next(t for t in tables if MINIMAL["identity"]["name"] in t._cells[-1].text)
    assert len(band._cells) == 1 and not band._cells[0]._tc.xpath(".//pic:pic")
    assert band._cells[0]._tc.xpath("./w:tcPr/w:tcBorders/w:bottom")


PARTS = ("w:shd/@w:fill", "w:tcBorders/w:left/@w:color", "w:tcBorders/w:bottom/@w:color")
"""A Word CV cell's shading, left rule and bottom rule."""


@pytest.mark.parametrize(
    ("name", "shape", "heading"),
    [
        ("classique", "Accent rule", "1F4E8C"),
        ("moderne", "Title band", "FFFFFF"),
        ("compact", "Title bar", "14213D"),
    ],
)
def test_the_powerpoint_and_the_word_cv_draw_the_design(designed, name, shape, heading):
    """The PowerPoint in the design's title treatment, photo frame, colours (ink, muted ink,
    accent) and deck font, every box holding its text in that font; the Word annexe keeps
    the thesis's Times 12 in black, its CV's titles and panel in the design's accent (the
    PDF CV's, `views.cv.cv_colors`)."""
    from docx import Document
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE

    from profile_gen.views import measure
    from profile_gen.views.cv import cv_colors
    from tests.test_deck_pptx import assert_fits

    site = designed(name)
    slide = Presentation(str(site / "soutenance.pptx")).slides[2]
    shapes = {s.name: s for s in slide.shapes}
    accent = (designs.accent(name) or "#1f4e8c").lstrip("#").upper()
    assert str(shapes[shape].fill.fore_color.rgb) == accent
    runs = [r for p in slide.shapes.title.text_frame.paragraphs for r in p.runs]
    assert str(runs[0].font.color.rgb) == heading
    photo = next(
        s for s in Presentation(str(site / "soutenance.pptx")).slides[1].shapes if s.name == "Photo"
    )
    assert photo.auto_shape_type == (MSO_SHAPE.RECTANGLE if name == "compact" else MSO_SHAPE.OVAL)
    if name == "moderne":  # the band under the title, the title above it
        order = [s.name for s in slide.shapes]
        assert order.index("Title band") < order.index("Title")
        assert "Accent rule" not in shapes
    # the texts in the design's ink, the footer and secondary texts in its muted ink, the
    # font its deck is set in: the tokens the HTML deck reads
    tokens = designs.load(name, None, set()).tokens.get("color", {})
    ink = tokens.get("ink", TOKENS["color"]["ink"]).lstrip("#").upper()
    muted = tokens.get("ink-muted", TOKENS["color"]["ink-muted"]).lstrip("#").upper()
    presentation = Presentation(str(site / "soutenance.pptx"))
    colours = {
        (shape.name, str(run.font.color.rgb))
        for each in presentation.slides
        for shape in each.shapes
        if shape.has_text_frame
        for p in shape.text_frame.paragraphs
        for run in p.runs
        if run.font.color and run.font.color.type is not None
    }
    assert ("Footer", muted) in colours
    assert any(colour == ink for _, colour in colours)
    others = {TOKENS["color"]["ink"].lstrip("#").upper()} - {ink}
    assert not any(colour in others for _, colour in colours), colours
    family = designs.load(name, None, set()).token("font", "deck") or TOKENS["font"]["deck"]
    faces = {
        run.font.name
        for each in presentation.slides
        for shape in each.shapes
        if shape.has_text_frame
        for p in shape.text_frame.paragraphs
        for run in p.runs
    }
    assert faces == {family[0]}, faces
    assert assert_fits(presentation, measure.deck_font(name)) > 20
    document = Document(str(site / "annexe.docx"))
    cv_accent, panel = cv_colors(designs.accent(name))
    cells = [cell for table in document.tables for cell in table._cells]
    runs = [r for c in cells for p in c.paragraphs for r in p.runs]
    name_run = next(r for r in runs if r.text == "Léa Moreau")
    assert str(name_run.font.color.rgb) == cv_accent.lstrip("#").upper()
    assert_word_cv_layout(document, name, cv_accent, panel)
    assert document.styles["Normal"].font.name == "Times New Roman"
    texts = [r for p in document.paragraphs for r in p.runs if r.font.color and r.font.color.rgb]
    assert {str(r.font.color.rgb) for r in texts} <= {"000000", "0563C1"}


# --------------------------------------------------------------------------- fonts on the Book


def preloaded(head) -> list[str]:
    """The font addresses a Book page's head preloads (its one inline script, over HTTP)."""
    (fonts,) = [f for s in head.find_all("script") if (f := preloaded_fonts(s)) is not None]
    return fonts


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("classique", "theme/fonts/atkinson-hyperlegible-latin"),
        ("compact", "theme/designs/compact/fonts/ibm-plex-sans-condensed-latin"),
        ("moderne", "theme/designs/moderne/fonts/inter-latin"),
    ],
)
def test_a_book_page_preloads_the_fonts_it_draws_and_no_text_moves(designed, name, stem):
    """Lighthouse's CLS (tests/test_lighthouse.py): the Book's fonts are `optional`, drawn
    at the first paint or not at all, and their upright faces preloaded so that they are
    there; the deck and the CV keep `swap` (laid out in their font, whenever it comes)."""
    site = designed(name)
    for page, root in (("index.html", "."), ("realisations/index.html", "..")):
        head = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser").head
        fonts = preloaded(head)
        assert fonts == [f"{root}/{stem}-{weight}-normal.woff2" for weight in (400, 700)], page
        assert all((site / page).parent.joinpath(font).resolve().is_file() for font in fonts)
        styles = " ".join(style.get_text() for style in head.find_all("style"))
        assert "font-display: swap" not in styles and "font-display: optional" in styles
        assert head.find("link", rel="preload") is None  # from the disk, none is tried
    for page in ("soutenance/index.html", "cv/index.html", "soutenance/cards.html"):
        text = (site / page).read_text(encoding="utf-8")
        assert "preload" not in text.split("</head>")[0] and "font-display: optional" not in text


@pytest.mark.parametrize("book_font", [False, True])
def test_a_student_font_is_preloaded_where_the_book_names_it(tmp_path, book_font):
    """A design's font for its CV only (print.css): the Book preloads the theme's font; the
    Book's font (`[font] sans`): that one."""
    tokens = 'extends = "classique"\n'
    if book_font:
        tokens += '[font]\nsans = ["Mine Sans", "sans-serif"]\n'
    tokens += '[[fonts]]\nfamily = "Mine Sans"\nfile = "mine"\n[[fonts]]\nfamily = "Mine Sans"\nfile = "mine-bold"\nweight = 700\n'
    folder = own_design(tmp_path, tokens, {"print.css": '.cv { font-family: "Mine Sans"; }'})
    (folder / "fonts").mkdir()
    font = ROOT / "theme/designs/moderne/fonts/inter-latin"
    for stem, weight in (("mine", 400), ("mine-bold", 700)):
        for suffix in ("woff2", "ttf"):
            source = Path(f"{font}-{weight}-normal.{suffix}")
            shutil.copy(source, folder / f"fonts/{stem}.{suffix}")
    site = build(tmp_path)
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    if book_font:
        expected = [f"./theme/designs/mine/fonts/{stem}.woff2" for stem in ("mine", "mine-bold")]
    else:
        expected = [
            f"./theme/fonts/atkinson-hyperlegible-latin-{weight}-normal.woff2"
            for weight in (400, 700)
        ]
    assert preloaded(home.head) == expected
    assert "fonts/mine.woff2" in str(home)  # declared either way
