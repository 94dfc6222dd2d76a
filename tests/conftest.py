"""Shared fixtures: the repository's sample, temporary profiles, the CLI run in-process;
the test tiers (markers `pdf`, `chromium`, `slow`) come from tests/tiers.py."""

from __future__ import annotations

import json
import os
import re
import shutil
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

# A missing text or a bad placeholder fails the tests (production falls back and logs);
# set before the package is imported, and inherited by the processes a test starts.
os.environ["PROFILE_GEN_STRICT_I18N"] = "1"
# documents are dated from the profile file unless a packager sets this: tests expect the former
os.environ.pop("SOURCE_DATE_EPOCH", None)
# a build in a CI job links its 404 page to where that CI publishes (`app.build.pages_url`):
# the tests' Books are no CI's, wherever the suite runs (GitHub Actions, GitLab CI)
os.environ.pop("GITHUB_ACTIONS", None)
os.environ.pop("GITHUB_REPOSITORY", None)
os.environ.pop("GITHUB_SERVER_URL", None)
os.environ.pop("CI_PAGES_URL", None)

from hypothesis import HealthCheck, settings

from profile_gen.app import cli
from profile_gen.app.build import run_pelican
from tests import untraced

untraced.install_rewriting()  # before the test modules are collected
untraced.install_readers()

# a busy machine fails no test: no property-based test is timed on the wall clock
settings.register_profile(
    "profile_gen", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("profile_gen")

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "content" / "profile.yaml"

MINIMAL = """\
identity:
  name: Camille Test
  headline: Cheffe de projet
"""


@dataclass
class Result:
    code: int
    out: str
    err: str


IN_CI = os.environ.get("CI", "").lower() == "true"
"""CI installs every tool the tests use (`.ci/run`): there, a missing one fails the run."""


def require(found: object, message: str) -> None:
    """Skip the test on a workstation without the tool `message` names; fail in CI."""
    if not found:
        if IN_CI:
            pytest.fail(f"{message} (CI installs it: see .ci/run)")
        pytest.skip(message)


@pytest.fixture
def run_cli(capsys):
    """Run `profile-gen ARGS` in-process; return its exit code and output."""

    def run(*args: str) -> Result:
        code = cli.main(list(args))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture
def write_profile(tmp_path):
    """Write a profile (text is dedented; bytes as they are) and return its path."""

    def write(text: str | bytes, name: str = "profile.yaml") -> Path:
        path = tmp_path / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


def copy_sample(root: Path, old: str = "", new: str = "") -> Path:
    """The repository's content/, theme and settings copied into `root`, the sample profile
    with its first `old` replaced by `new` (which must be there); returns `root`."""
    shutil.copytree(ROOT / "content", root / "content")
    shutil.copytree(ROOT / "theme", root / "theme")
    shutil.copy(ROOT / "pelican.conf.py", root / "pelican.conf.py")
    if old:
        profile = root / "content/profile.yaml"
        text = profile.read_text("utf-8")
        assert old in text, old
        profile.write_text(text.replace(old, new, 1), "utf-8")
    return root


FONT_PRELOAD = re.compile(
    r'if \(location\.protocol !== "file:"\) for \(const href of (\[[^\]]*\])\) '
    r'document\.head\.append\(Object\.assign\(document\.createElement\("link"\), '
    r'\{rel: "preload", as: "font", type: "font/woff2", crossOrigin: "", href\}\)\);'
)
"""The one inline script a Book page runs (theme/templates/_head.html): its fonts preloaded
over HTTP, their addresses as data."""
FONT_ADDRESS = re.compile(r"^\.{1,2}(/\.\.)*/theme/(fonts|designs/[\w-]+/fonts)/[\w.-]+\.woff2$")


def preloaded_fonts(script) -> list[str] | None:
    """The font addresses `script` (a BeautifulSoup tag) preloads if it is the Book's font
    preloader, each a font of the Book; None if it is another script."""
    found = None if script.get("type") else FONT_PRELOAD.fullmatch(script.string or "")
    if found is None:
        return None
    fonts = json.loads(found[1])
    assert fonts and all(FONT_ADDRESS.match(font) for font in fonts), fonts
    return fonts


@pytest.fixture
def sample_copy(tmp_path) -> Path:
    """A copy of the repository's content/ and settings, safe to modify and build."""
    return copy_sample(tmp_path)


@pytest.fixture
def in_dir(monkeypatch):
    def enter(path: Path) -> Path:
        monkeypatch.chdir(path)
        return path

    return enter


from tests.browser import chromium  # noqa: E402, F401 - one session-wide browser fixture

# the test tiers (markers, checked as tests run); which worker runs what under xdist
pytest_plugins = ["pytester", "tests.tiers", "tests.schedule"]

# --------------------------------------------------------------------------- shared builds


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        str(path.relative_to(folder)): (path.stat().st_size, path.stat().st_mtime_ns)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _unchanged(folder: Path, before: dict[str, tuple[int, int]]) -> None:
    changed = sorted(set(before.items()) ^ set(_snapshot(folder).items()))
    assert not changed, f"a test wrote into the shared build {folder}: {changed[:5]}"


def _read_only(folder: Path):
    """Yield `folder`, then fail if a test changed it (it is shared: read, never write)."""
    before = _snapshot(folder)
    yield folder
    _unchanged(folder, before)


def _built_on_first_use(make):
    """Yield `site(name)`: `make(name)`'s value, made on the first call for that name only;
    `make` returns (value, the folder it built). Then fail if a test changed one of them."""
    built: dict[str, tuple[Any, Path, dict[str, tuple[int, int]]]] = {}

    def site(name: str) -> Any:
        if name not in built:
            value, folder = make(name)
            built[name] = (value, folder, _snapshot(folder))
        return built[name][0]

    yield site
    for _, folder, before in built.values():
        _unchanged(folder, before)


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory):
    """The sample built once for the session, without PDFs: the Book, the deck and the
    annexe's HTML. Read-only: a test that modifies outputs builds its own."""
    root = copy_sample(tmp_path_factory.mktemp("sample"))  # its own cache (`shared_cv_fits`)
    yield from _read_only(run_pelican(root / "pelican.conf.py", pdf=False).output)


@pytest.fixture(scope="session")
def sample_project_pdf(tmp_path_factory):
    """A copy of the sample's folder (content, theme, settings) built once for the session
    with its PDFs (WeasyPrint) into its `output/`. Read-only, its content and cache too."""
    root = copy_sample(tmp_path_factory.mktemp("sample-pdf"))
    run_pelican(root / "pelican.conf.py")
    yield from _read_only(root)


@pytest.fixture(scope="session")
def sample_site_pdf(sample_project_pdf):
    """The sample built once for the session with its PDFs (WeasyPrint). Read-only."""
    return sample_project_pdf / "output"


# --------------------------------------------------------------------------- the CV's fit

_FITS: dict[str, str] = {}
"""The CV fits this worker's builds have made (`print_fit.fitted_cv`'s records), by name."""
_OWN_FIT = "own_cv_fit"
"""The mark of a test of the fit itself: it lays out every time (`shared_cv_fits`)."""
_own_fits = [False]


@pytest.fixture(scope="session", autouse=True)
def shared_cv_fits():
    """A CV fit another build of this worker already made is not made again: many tests
    build the same profile in a folder of their own, and each fit lays the CV out with
    WeasyPrint a dozen times (a fifth of the suite's WeasyPrint). A record's name is the
    digest of all that decides the fit (the pages tried, stylesheets, fonts, the rule's
    code, WeasyPrint's version), so the record is the fit's answer whoever made it: a build
    that finds none in its own cache takes this worker's, writes it there as its own fit
    would, and goes on. A test marked `own_cv_fit` (a test of the fit) lays out each time."""
    from profile_gen.printing import print_fit

    read, write = print_fit.read_record, print_fit.write_atomic

    def read_shared(path: Path, *args, **kwargs) -> str:
        try:
            return read(path, *args, **kwargs)
        except (OSError, ValueError):
            if _own_fits[0] or path.name not in _FITS:
                raise
        write(path, _FITS[path.name])
        return _FITS[path.name]

    def write_shared(path: Path, text: str, *args, **kwargs) -> None:
        write(path, text, *args, **kwargs)
        if not _own_fits[0]:
            _FITS[path.name] = text

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(print_fit, "read_record", read_shared)
        patch.setattr(print_fit, "write_atomic", write_shared)
        yield


@pytest.fixture(autouse=True)
def _own_cv_fit(request):
    """`own_cv_fit`: this test's builds neither take nor give a fit (`shared_cv_fits`)."""
    if request.node.get_closest_marker(_OWN_FIT) is None:
        yield
        return
    _own_fits[0] = True
    try:
        yield
    finally:
        _own_fits[0] = False


# --------------------------------------------------------------------------- property-based tests


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item):
    """A Hypothesis test draws its examples out of coverage's sight (tests/untraced.py): on
    Python 3.11 coverage's tracer sees every line of the library's engine, most of such a
    test's CPU under `--cov`; each example's run of the test's body, which runs our code,
    stays traced: what coverage records of profile_gen is the same."""
    handle = getattr(getattr(item, "obj", None), "hypothesis", None)
    if handle is None:
        return (yield)
    inner = handle.inner_test
    handle.inner_test = untraced.traced(inner)
    try:
        with untraced.paused():
            return (yield)
    finally:
        handle.inner_test = inner


@pytest.fixture(scope="session")
def french_only_pdf(tmp_path_factory):
    """A generated profile's folder (`tests.profiles.long_and_french_only`: one language, a
    phone portrait, long texts) built once for the session with the annexe's and the CV's
    PDFs and the Word annexe into its `output/`. Read-only. Its tests read the printed sample
    too: they run on one worker (tests/schedule.py), which builds it once."""
    from tests.profiles import long_and_french_only, make_project

    root = make_project(tmp_path_factory.mktemp("french-only"), long_and_french_only)
    formats = ("pdf", "docx")
    pdfs = ("annexe.pdf", "cv.pdf")
    run_pelican(root / "pelican.conf.py", root / "output", pdf=pdfs, formats=formats)
    yield from _read_only(root)


# --------------------------------------------------------------------------- LibreOffice

from tests.docx_support import build  # noqa: E402 - it reads ROOT, above

LIBREOFFICE = "libreoffice"
"""The group (`xdist_group`) of the tests that read `sample_docx` or `libreoffice_pdfs`:
one worker runs them, which builds and converts the documents once."""
OFFICE_FORMATS = ("docx", "pptx")
"""The documents of `sample_docx`'s build: the Word and PowerPoint files, no PDF."""


@pytest.fixture(scope="session")
def sample_docx(tmp_path_factory):
    """The sample's annexe.docx, built once for the session with the Word and PowerPoint
    files (no PDF file: WeasyPrint fits the Word CV) into `output/` beside it. Read-only."""
    root = copy_sample(tmp_path_factory.mktemp("docx-sample"))
    docx = build(root, formats=OFFICE_FORMATS)
    for _ in _read_only(docx.parent):
        yield docx


def _with_fonts(folder: Path) -> dict[str, str]:
    """The environment of a machine where the deck's font is installed: fontconfig also
    reads the shipped fonts (as a student who installs them from theme/fonts/)."""
    config = folder / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
        f"<dir>{ROOT / 'theme/static/fonts'}</dir><cachedir>{folder / 'fc'}</cachedir>"
        "</fontconfig>",
        encoding="utf-8",
    )
    return {**os.environ, "FONTCONFIG_FILE": str(config)}


BIDI_PROFILE = """\
identity:
  name: Sami Haddad
  headline: Analyste de données
experience:
  - title: "محللة بيانات"
    organization: "شركة البيانات"
    start: 2022-01-31
    end: 2022-12
"""
"""A job written in Arabic, dated from a day: `libreoffice_pdfs`'s `bidi`."""


@pytest.fixture(scope="session")
def libreoffice_pdfs(sample_docx, tmp_path_factory) -> dict[str, Path]:
    """The office documents as LibreOffice lays them out, converted to PDF headless in ONE
    run (each start costs seconds), with its own user profile (a first start writes one;
    parallel sessions must not share it) and the shipped fonts installed: name -> PDF for
    the sample's annexe.docx (`annexe`), and the sample's and the maximal profile's decks
    (`sample`, `maximal`: tests/test_deck_pptx.py), and the Word annexe of a job written in
    Arabic (`bidi`). Skipped without LibreOffice, except in CI."""
    import subprocess

    from tests.test_deck_pptx import PROFILE, deck_bytes, jpeg, maximal_profile

    program = shutil.which("soffice") or shutil.which("libreoffice")
    require(
        program,
        "LibreOffice is missing: apt-get install libreoffice-writer-nogui libreoffice-impress-nogui",
    )
    folder = tmp_path_factory.mktemp("libreoffice")
    sources = {"annexe": sample_docx}
    from tests.docx_support import write_content

    arabic = build(write_content(folder / "bidi-project", BIDI_PROFILE))
    sources["bidi"] = folder / "bidi.docx"
    shutil.copy(arabic, sources["bidi"])
    for name, profile in {"sample": PROFILE, "maximal": maximal_profile()}.items():
        sources[name] = folder / f"{name}.pptx"
        sources[name].write_bytes(deck_bytes(profile, photo=jpeg(300, 500)))
    command = [str(program), f"-env:UserInstallation={(folder / 'lo').as_uri()}"]
    command += ["--headless", "--norestore", "--convert-to", "pdf", "--outdir", str(folder)]
    command += [str(source) for source in sources.values()]
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=300, check=False, env=_with_fonts(folder)
    )
    pdfs = {name: folder / f"{source.stem}.pdf" for name, source in sources.items()}
    assert all(pdf.exists() for pdf in pdfs.values()), (
        result.returncode,
        result.stdout,
        result.stderr,
    )
    return pdfs


@pytest.fixture(scope="session")
def minimal_pdf(tmp_path_factory) -> Path:
    """A minimal two-language profile (`tests.profiles.MINIMAL`: English first, no article)
    with a landscape photo and a focal point, built once for the session with the annexe's
    and the CV's PDFs and the Word annexe into its `output/`. Read-only. Its tests read the
    printed sample too: they run on one worker (tests/schedule.py), which builds it once."""
    from tests.profiles import LANDSCAPE, MINIMAL, make_project

    root = make_project(
        tmp_path_factory.mktemp("minimal"),
        base=MINIMAL,
        image=LANDSCAPE,
        focus={"x": 0.1, "y": 0.45},
        articles=False,
    )
    pdfs = ("annexe.pdf", "cv.pdf")
    run_pelican(root / "pelican.conf.py", root / "output", pdf=pdfs, formats=("pdf", "docx"))
    yield from _read_only(root)


# --------------------------------------------------------------------------- golden builds

GOLDEN_GROUP = pytest.mark.xdist_group("golden_site")
"""The mark of the tests that read `golden_site`: one worker runs them, which builds each
profile once (tests/schedule.py)."""


@pytest.fixture(scope="session")
def golden_site(tmp_path_factory):
    """The golden profiles (`tests.golden`: the sample, a minimal English one, a maximal
    bilingual one), each built on first use, once for the session, with every document and
    its PDFs, dated by `golden.EPOCH`: name → (its content folder, its output). Read by the
    golden tests and by the deck's PDF tests. Read-only. Mark the tests that read it with
    `GOLDEN_GROUP`."""
    from tests import golden

    def make(name: str) -> tuple[tuple[Path, Path], Path]:
        root = tmp_path_factory.mktemp(f"golden-{name}")
        return (root / "content", golden.build(name, root)), root

    yield from _built_on_first_use(make)


DECK_GROUP = pytest.mark.xdist_group("deck_html_site")
"""The mark of the tests that read `deck_html_site`: one worker runs them (tests/schedule.py)."""


@pytest.fixture(scope="session")
def deck_html_site(tmp_path_factory):
    """The deck profiles of `tests.deck_profiles` (a function's name there: "maximal",
    "minimal_english"...), each built on first use, once for the session, without PDFs
    (`deck_profiles.build`): name → its output. Read by the deck's fit and layout tests.
    Read-only. Mark the tests that read it with `DECK_GROUP`."""
    from tests import deck_profiles

    def make(name: str) -> tuple[Path, Path]:
        root = tmp_path_factory.mktemp(f"deck-{name}")
        output = deck_profiles.build(root, getattr(deck_profiles, name)())
        return output, output

    yield from _built_on_first_use(make)
