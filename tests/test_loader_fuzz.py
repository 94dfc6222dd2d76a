"""Property-based fuzzing: for any input the loader returns a Profile or raises ProfileError."""

from __future__ import annotations

import contextlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from profile_gen.errors import ProfileError
from profile_gen.profile.loader import load, load_text
from profile_gen.profile.model import Profile
from tests.conftest import SAMPLE

SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")
SAMPLE_LINES = SAMPLE_TEXT.splitlines(keepends=True)

YAML_BITS = st.sampled_from(
    [
        "identity:",
        "  name: A",
        "  headline: B",
        "locale: [fr, en]",
        "- ",
        "  - ",
        ": ",
        "{",
        "}",
        "[",
        "]",
        "&a ",
        "*a",
        "!!str ",
        "!!binary ",
        "<<: ",
        "'",
        '"',
        "#",
        "\t",
        "---",
        "...",
        "|",
        ">",
        "2024-13",
        "present",
        "null",
        "~",
        "yes",
        "1e400",
        "0x1F",
        "experience:",
        "  - title: T",
        "    start: 2024",
        "    end: 2023",
        "\n",
        "    ",
    ]
)


def _outcome(text: str) -> None:
    try:
        result = load_text(text)
    except ProfileError as error:
        assert error.problems, "a ProfileError always carries its problems"
        assert error.format()
    else:
        assert isinstance(result, Profile)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_any_text(text):
    _outcome(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(YAML_BITS, max_size=40).map("".join))
def test_yaml_like_text(text):
    _outcome(text)


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=0, max_value=len(SAMPLE_LINES) - 1),
    st.integers(min_value=0, max_value=len(SAMPLE_LINES)),
    st.text(max_size=30),
)
def test_mutated_sample(start, length, insert):
    """The sample with a slice of lines replaced by random text."""
    text = "".join(SAMPLE_LINES[:start]) + insert + "".join(SAMPLE_LINES[start + length :])
    _outcome(text)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("fuzz") / "profile.yaml"
    path.write_bytes(data)
    with contextlib.suppress(ProfileError):
        load(path)
