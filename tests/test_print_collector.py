"""The cyclic garbage collector is paused while the documents print, and back as it was
after, an error included (`profile_gen.printing.collector`)."""

from __future__ import annotations

import gc

import pytest

from profile_gen.printing import pdf as pdf_step
from profile_gen.printing.collector import collector_paused


def test_the_collector_is_paused_while_the_documents_print(monkeypatch, tmp_path):
    seen = []

    def fake_print(*args, **kwargs):
        seen.append(gc.isenabled())
        return {}, {}

    monkeypatch.setattr(pdf_step, "_print", fake_print)
    assert gc.isenabled()
    assert pdf_step.write_pdfs(tmp_path) == {}
    assert seen == [False]
    assert gc.isenabled()


def test_a_failure_while_printing_turns_the_collector_back_on(monkeypatch, tmp_path):
    def failing(*args, **kwargs):
        raise RuntimeError("printing failed")

    monkeypatch.setattr(pdf_step, "_print", failing)
    with pytest.raises(RuntimeError):
        pdf_step.write_pdfs(tmp_path)
    assert gc.isenabled()


def test_a_collector_turned_off_before_stays_off():
    gc.disable()
    try:
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
