"""What the HTML build saves at start-up keeps its guarantees: typography cached by text gives
the same text (of the same type), the output lock of the system's own calls still refuses a
second build and follows no planted link, and the modules a build only sometimes needs are
loaded only then (HEIC photos; the lock library is gone)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from markupsafe import Markup

from profile_gen.app.build import output_lock
from profile_gen.errors import BuildError
from profile_gen.typography import typeset, typeset_html
from tests import untraced
from tests.conftest import ROOT

TEXTS = [
    "L'analyse : 70 % des cas ; « bien » ?",
    "Voir https://exemple.fr/a/b.html et lea@exemple.fr : fini !",
    "−70 % -70 % 10:30 12 km",
    "",
    "<b>gras</b> & 'x'",
]


@pytest.mark.parametrize("lang", ["fr", "en", "fr-FR", None])
@pytest.mark.parametrize("breaks", ["", "\u200b"])
def test_typeset_cached_gives_what_it_computes(lang, breaks):
    for text in TEXTS:
        expected = typeset.__wrapped__(text, lang, breaks)
        assert typeset(text, lang, breaks) == expected
        assert typeset(text, lang, breaks) == expected  # from the cache
        html = f"<p>{text}</p>"
        assert typeset_html(html, lang) == typeset_html.__wrapped__(html, lang)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_markup_and_a_text_of_the_same_characters_are_cached_apart(lang):
    """Jinja escapes a `str` and not a `Markup`: the cache must not hand one for the other."""
    for text in ("<script>x</script>", "a <b>b</b> : c"):
        marked = typeset(Markup(text), lang)
        plain = typeset(text, lang)
        assert type(plain) is type(typeset.__wrapped__(text, lang))
        assert type(marked) is type(typeset.__wrapped__(Markup(text), lang))
        assert not isinstance(typeset(text, lang), Markup)
        assert not isinstance(typeset_html(text, lang), Markup)


def test_the_lock_refuses_a_second_holder_in_the_same_process(tmp_path):
    output = tmp_path / "output"
    with output_lock(output):
        with pytest.raises(BuildError) as raised, output_lock(output):
            pass
        assert raised.value.code == "build_locked"
    with output_lock(output):  # released
        pass


@pytest.mark.skipif(not hasattr(os, "O_NOFOLLOW"), reason="no O_NOFOLLOW on this system")
def test_a_lock_file_planted_as_a_link_is_not_followed(tmp_path, run_cli):
    target = tmp_path / "elsewhere.txt"
    target.write_text("untouched", "utf-8")
    (tmp_path / ".output.lock").symlink_to(target)
    with pytest.raises(OSError), output_lock(tmp_path / "output"):
        pass
    assert target.read_text("utf-8") == "untouched"


def _sample_child(
    tmp_path: Path, code: str, env: dict | None = None
) -> subprocess.CompletedProcess:
    """A child running `code` with a copy of the sample's content folder as its argument."""
    import shutil

    shutil.copytree(ROOT / "content", tmp_path / "content")
    return subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "content")],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
        env=env,
    )


def test_an_html_build_loads_only_what_it_uses(tmp_path):
    """The sample's HTML build (a JPEG photo): no HEIC reader, no lock library."""
    code = (
        "import json, sys\n"
        "from profile_gen.app.cli import main\n"
        "code = main(['build', '--formats', '', '--content', sys.argv[1]])\n"
        "names = ('pillow_heif', 'filelock')\n"
        "print(json.dumps([code, [name for name in names if name in sys.modules]]))\n"
    )
    done = _sample_child(tmp_path, code)
    code, loaded = json.loads(done.stdout.strip().splitlines()[-1])
    assert code == 0, done.stderr
    assert loaded == []


def test_the_command_does_not_look_for_pydantic_plugins(tmp_path):
    """Pydantic reads every installed package's entry points at its first validation, looking
    for plugins: `profile-gen` turns that off (10-15 ms of a build), as pydantic documents."""
    code = (
        "import atexit, importlib.metadata, json, sys\n"
        "asked = []\n"
        "found = importlib.metadata.entry_points\n"
        "def looked(**kw):\n"
        "    asked.append(kw.get('group'))\n"
        "    return found(**kw)\n"
        "importlib.metadata.entry_points = looked\n"
        "atexit.register(lambda: print(json.dumps(asked)))\n"
        "sys.argv = ['profile-gen', 'build', '--formats', '', '--content', sys.argv[1]]\n"
        "from profile_gen.app.cli import run\n"
        "run()\n"
    )
    env = {key: value for key, value in os.environ.items() if key != "PYDANTIC_DISABLE_PLUGINS"}
    done = _sample_child(tmp_path, code, env)
    assert done.returncode == 0, done.stderr
    assert "pydantic" not in json.loads(done.stdout.strip().splitlines()[-1])


def test_a_pydantic_plugin_setting_of_the_student_is_kept(monkeypatch):
    from profile_gen.app.startup import no_pydantic_plugins

    monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", "logfire")
    no_pydantic_plugins()
    assert os.environ["PYDANTIC_DISABLE_PLUGINS"] == "logfire"
    monkeypatch.delenv("PYDANTIC_DISABLE_PLUGINS")
    no_pydantic_plugins()
    assert os.environ["PYDANTIC_DISABLE_PLUGINS"] == "__all__"


@pytest.mark.parametrize(
    ("formats", "office"),
    [
        ((), []),
        (("docx",), ["AnnexeDocxGenerator"]),
        (("pdf", "pptx"), ["PowerPointGenerator"]),
        (None, ["AnnexeDocxGenerator", "PowerPointGenerator"]),  # every format
    ],
)
def test_only_the_office_documents_a_build_writes_get_a_generator(formats, office):
    """Each generator Pelican makes lists the theme's templates: an HTML-only build (`serve`,
    `check`, `--formats ''`) makes none for the Word and PowerPoint files."""
    from types import SimpleNamespace

    from profile_gen.book.plugin import add_generators
    from profile_gen.keys import FORMATS_KEY

    settings = {} if formats is None else {FORMATS_KEY: frozenset(formats)}
    names = [generator.__name__ for generator in add_generators(SimpleNamespace(settings=settings))]
    assert names == ["BookGenerator", "AnnexeGenerator", "DefenceGenerator", *office]


# --------------------------------------------------------------------------- the fast exit

EXITING = (
    "import atexit, sys\n"
    "from pathlib import Path\n"
    "from profile_gen.app.startup import exit_now\n"
    "atexit.register(lambda: Path(sys.argv[1]).write_text('atexit ran', 'utf-8'))\n"
)
"""A child that registers an `atexit` function writing the file named in its argument."""
BUFFERED = {key: value for key, value in os.environ.items() if key != "PYTHONUNBUFFERED"}
"""The child's environment: its standard streams buffered, as a student's are, so that only
the exit's flush writes what it printed."""


def _child(code: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", EXITING + code, *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,  # only to never hang the suite
        cwd=ROOT,
        env=BUFFERED,
    )


def test_the_fast_exit_runs_the_exit_functions_and_flushes_the_streams(tmp_path):
    marker = tmp_path / "marker.txt"
    code = "print('first line'); sys.stderr.write('an error line'); print('é' * 5000); exit_now(3)"
    done = _child(code, str(marker))
    assert done.returncode == 3
    assert done.stdout == "first line\n" + "é" * 5000 + "\n"
    assert done.stderr == "an error line"
    assert marker.read_text("utf-8") == "atexit ran"


@pytest.mark.parametrize("watched", [False, True])
def test_the_fast_exit_is_taken_unless_a_profiler_watches(tmp_path, watched):
    """Without a profiler, the process ends in `exit_now` (the code after it never runs);
    under one (`python -m cProfile -m profile_gen ...`), the ordinary exit lets the profiler
    write its results after the command."""
    marker, after = tmp_path / "marker.txt", tmp_path / "after.txt"
    code = (
        "import cProfile\n"
        f"if {watched}:\n"
        "    cProfile.Profile().enable()\n"
        "try:\n"
        "    exit_now(4)\n"
        "finally:\n"
        "    Path(sys.argv[2]).write_text('ordinary exit', 'utf-8')\n"
    )
    done = _child(code, str(marker), str(after))
    assert done.returncode == 4, done.stderr
    assert marker.read_text("utf-8") == "atexit ran"
    assert after.exists() is watched


def test_a_last_flush_that_fails_is_not_a_success(tmp_path):
    """A full disk under the redirected output: Python's own exit says 120, so does this."""
    marker = tmp_path / "marker.txt"
    code = (
        "import errno, io\n"
        "class Full(io.StringIO):\n"
        "    def flush(self):\n"
        "        raise OSError(errno.ENOSPC, 'No space left on device')\n"
        "sys.stdout = Full()\n"
        "exit_now(0)\n"
    )
    done = _child(code, str(marker))
    assert done.returncode == 120, done.stderr
    assert marker.read_text("utf-8") == "atexit ran"


def test_the_fast_exit_waits_for_a_running_thread_as_python_does(tmp_path):
    """A thread still at work (a library's writer): the ordinary exit, which waits for it."""
    marker, written = tmp_path / "marker.txt", tmp_path / "thread.txt"
    code = (
        "import threading, time\n"
        "def work():\n"
        "    time.sleep(0.5)\n"
        "    Path(sys.argv[2]).write_text('thread done', 'utf-8')\n"
        "threading.Thread(target=work).start()\n"
        "exit_now(0)\n"
    )
    done = _child(code, str(marker), str(written))
    assert done.returncode == 0, done.stderr
    assert written.read_text("utf-8") == "thread done"
    assert marker.read_text("utf-8") == "atexit ran"


def test_the_fast_exit_into_a_closed_pipe_ends_quietly_with_141(tmp_path):
    """`profile-gen check | head`: the reader left before the last lines were flushed."""
    marker = tmp_path / "marker.txt"
    code = "sys.stdin.readline(); print('more than the reader wanted'); exit_now(0)"
    process = subprocess.Popen(
        [sys.executable, "-c", EXITING + code, str(marker)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env=BUFFERED,
    )
    process.stdout.close()  # the reader is gone before the child writes
    process.stdin.write(b"go\n")
    process.stdin.close()
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=600) == 141
    assert stderr == ""
    assert marker.read_text("utf-8") == "atexit ran"


def test_the_command_ends_through_the_fast_exit(tmp_path):
    """`python -m profile_gen` (and the script: `cli.run`) ends in `exit_now`: the code after
    the command never runs, and what the build printed still reaches the pipe whole."""
    import shutil

    shutil.copytree(ROOT / "content", tmp_path / "content")
    after = tmp_path / "after.txt"
    code = (
        "import runpy, sys\n"
        "from pathlib import Path\n"
        "sys.argv = ['profile-gen', 'build', '--formats', '', '--content', 'content']\n"
        "try:\n"
        "    runpy.run_module('profile_gen', run_name='__main__')\n"
        "finally:\n"
        f"    Path({str(after)!r}).write_text('ordinary exit', 'utf-8')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
        cwd=tmp_path,
        env=BUFFERED,
    )
    assert done.returncode == 0, done.stderr
    assert not after.exists()
    output = tmp_path / "content/output"
    assert str(output) in done.stdout.splitlines()[0]
    assert (output / "index.html").read_text("utf-8").rstrip().endswith("</html>")
    script = (ROOT / "pyproject.toml").read_text("utf-8")
    assert 'profile-gen = "profile_gen.app.cli:run"' in script


# --------------------------------------------------------------------------- e-mail addresses

PLAIN_ADDRESSES = [
    "lea.moreau@example.fr",
    "sam+cv@mail.univ-lyon2.fr",
    "a_b-c.d@x1.y-2.io",
    "A.B@EXAMPLE.COM",
    f"{'a' * 64}@{'b' * 63}.{'c' * 63}.fr",
]
LEFT_TO_THE_LIBRARY = [
    "été@exemple.fr",  # not ASCII: the library judges (and accepts it)
    "a..b@example.fr",
    ".a@example.fr",
    "a.@example.fr",
    "a@localhost",
    "a@mail.test",
    "a@printer.local",
    "a@x.onion",
    "a@1.2.3.4",
    "a@example.123",
    "a@ab--cd.fr",
    "a@xn--bcher-kva.de",
    "a@-x.fr",
    "a@x-.fr",
    "a@fr",
    "a b@example.fr",
    '"a"@example.fr',
    "a@[127.0.0.1]",
    f"{'a' * 65}@example.fr",
    f"a@{'b' * 64}.fr",
    "a@@example.fr",
    "<a@example.fr>",
    "",
]


@pytest.mark.parametrize("address", PLAIN_ADDRESSES)
def test_a_plain_address_is_one_the_library_accepts(address):
    from email_validator import validate_email

    from profile_gen.profile.formats import plainly_valid_email

    assert plainly_valid_email(address)
    validate_email(address, check_deliverability=False)  # raises if it disagrees


@pytest.mark.parametrize("address", LEFT_TO_THE_LIBRARY)
def test_other_addresses_are_left_to_the_library(address):
    from pydantic_core import PydanticCustomError

    from profile_gen.profile.formats import Email, plainly_valid_email

    assert not plainly_valid_email(address)
    from email_validator import EmailNotValidError, validate_email

    try:
        validate_email(address, check_deliverability=False)
        accepted = True
    except EmailNotValidError:
        accepted = False
    if accepted:
        assert Email.parse(address) == address
    else:
        with pytest.raises(PydanticCustomError):
            Email.parse(address)


def test_every_address_of_the_plain_rule_is_accepted_by_the_library():
    from email_validator import validate_email
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from profile_gen.profile.formats import _PLAIN_EMAIL, plainly_valid_email

    @settings(max_examples=300, deadline=None, derandomize=True)
    @given(st.from_regex(_PLAIN_EMAIL, fullmatch=True))
    def check(address: str) -> None:
        if plainly_valid_email(address):
            validate_email(address, check_deliverability=False)

    # the examples drawn out of coverage's sight, each run in it (as tests/conftest.py does)
    check.hypothesis.inner_test = untraced.traced(check.hypothesis.inner_test)  # type: ignore[attr-defined]
    untraced.untraced(check)()
