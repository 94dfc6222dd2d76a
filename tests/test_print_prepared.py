"""WeasyPrint's C types and fonts' configuration, made once (`profile_gen.printing.prepared`):
the same cffi types as parsed ones, and the helper that prints beside the build starts with
them."""

from __future__ import annotations

import cffi
import pytest

from profile_gen.printing import pdf as pdf_step
from profile_gen.printing import prepared
from profile_gen.printing.fetcher import weasyprint_module


@pytest.fixture(scope="module")
def ffi():
    weasyprint_module()  # WeasyPrint's own FFI, taught its arrays
    from weasyprint.text.ffi import ffi

    return ffi


def test_fixed_arrays_are_the_types_cffi_parses(ffi):
    assert isinstance(ffi._parsed_types, prepared._Types)
    made = ffi.typeof("hb_codepoint_t[67]")
    other = cffi.FFI()  # parses every name: its types are the same objects (cffi's cache)
    other.cdef("typedef uint32_t hb_codepoint_t;")
    assert made is other.typeof("hb_codepoint_t[67]")
    assert (made.kind, made.length, made.item) == ("array", 67, ffi.typeof("hb_codepoint_t"))
    assert len(ffi.new("hb_codepoint_t[3]", [1, 2, 3])) == 3
    assert ffi.typeof("hb_codepoint_t[67]") is made  # kept


def test_other_names_are_parsed_as_before(ffi):
    assert ffi.typeof("PangoRectangle *").kind == "pointer"
    with pytest.raises(cffi.CDefError):  # not a type: cffi's own error, as without
        ffi.typeof("no_such_type_t[3]")
    with pytest.raises(cffi.CDefError):
        ffi.typeof("no_such_type_t *")


def test_teaching_twice_keeps_the_types(ffi):
    before = ffi._parsed_types
    prepared.quicker_types()
    assert ffi._parsed_types is before


def test_the_helper_starts_with_the_fonts_configuration(monkeypatch, tmp_path, ffi):
    from weasyprint.text.fonts import FontConfiguration

    seen = {}

    def fake_fork(jobs, output, info, extra=(), shared=None):
        seen["shared"] = shared
        return None  # no helper: everything prints here

    monkeypatch.setattr(pdf_step, "_fork_printer", fake_fork)
    monkeypatch.setattr(pdf_step, "can_print_beside", lambda: True)
    monkeypatch.setattr(pdf_step, "render_pdf", lambda page, *args: 1)
    jobs = {"annexe/index.html": "annexe.pdf", "soutenance/index.html": "soutenance.pdf"}
    counts, _ = pdf_step._print(jobs, tmp_path, None, beside=True)
    assert counts == {"annexe.pdf": 1, "soutenance.pdf": 1}
    assert isinstance(seen["shared"]["fonts"], FontConfiguration)
    for name in prepared.TYPES:  # parsed before the fork
        assert name in ffi._parsed_types


def test_a_name_weasyprint_no_longer_declares_is_left_out(monkeypatch, ffi):
    monkeypatch.setattr(prepared, "TYPES", ("no_such_type_t *", "PangoRectangle *"))
    assert "fonts" in prepared.shared()
    assert "PangoRectangle *" in ffi._parsed_types
