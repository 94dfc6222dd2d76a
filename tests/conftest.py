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

import pytest

# A missing text or a bad placeholder fails the tests (production falls back and logs);
# set before the package is imported, and inherited by the processes a test starts.
os.environ["PROFILE_GEN_STRICT_I18N"] = "1"
# documents are dated from the profile file unless a packager sets this: tests expect the former
os.environ.pop("SOURCE_DATE_EPOCH", None)

from hypothesis import HealthCheck, settings

from profile_gen.app import cli
from profile_gen.app.build import run_pelican
from tests import untraced

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


def _read_only(folder: Path):
    """Yield `folder`, then fail if a test changed it (it is shared: read, never write)."""
    before = _snapshot(folder)
    yield folder
    after = _snapshot(folder)
    changed = sorted(set(before.items()) ^ set(after.items()))
    assert not changed, f"a test wrote into the shared build {folder}: {changed[:5]}"


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory):
    """The sample built once for the session, without PDFs: the Book, the deck and the
    annexe's HTML. Read-only: a test that modifies outputs builds its own."""
    root = copy_sample(tmp_path_factory.mktemp("sample"))  # its cache too: none is shared
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

    built: dict[str, tuple[Path, Path]] = {}
    before: dict[str, dict] = {}

    def site(name: str) -> tuple[Path, Path]:
        if name not in built:
            root = tmp_path_factory.mktemp(f"golden-{name}")
            built[name] = (root / "content", golden.build(name, root))
            before[name] = _snapshot(root)
        return built[name]

    yield site
    for name, files in before.items():
        after = _snapshot(built[name][0].parent)
        changed = sorted(set(files.items()) ^ set(after.items()))
        assert not changed, f"a test wrote into the golden build {name}: {changed[:5]}"


DECK_GROUP = pytest.mark.xdist_group("deck_html_site")
"""The mark of the tests that read `deck_html_site`: one worker runs them (tests/schedule.py)."""


@pytest.fixture(scope="session")
def deck_html_site(tmp_path_factory):
    """The deck profiles of `tests.deck_profiles` (a function's name there: "maximal",
    "minimal_english"...), each built on first use, once for the session, without PDFs
    (`deck_profiles.build`): name → its output. Read by the deck's fit and layout tests.
    Read-only. Mark the tests that read it with `DECK_GROUP`."""
    from tests import deck_profiles

    built: dict[str, Path] = {}
    before: dict[str, dict] = {}

    def site(name: str) -> Path:
        if name not in built:
            root = tmp_path_factory.mktemp(f"deck-{name}")
            built[name] = deck_profiles.build(root, getattr(deck_profiles, name)())
            before[name] = _snapshot(built[name])
        return built[name]

    yield site
    for name, files in before.items():
        after = _snapshot(built[name])
        changed = sorted(set(files.items()) ^ set(after.items()))
        assert not changed, f"a test wrote into the shared build {name}: {changed[:5]}"
