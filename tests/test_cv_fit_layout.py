"""The CV's fit, laid out by WeasyPrint, chooses what the search it replaced chose
(`tests.test_cv_fit_search.reference_fit`) on profiles that stress each branch: a dense
French one set smaller (`generated`, in the moderne design), the sample in English, where
no link fits beside the main column's first items; never with more layouts, but for the
one that tries the least when no link fits. (Each is a build: `tests.test_cv_fit_search`
covers every other case with stand-in pages.)"""

from __future__ import annotations

import pytest

from profile_gen.app.build import run_pelican
from profile_gen.printing import print_fit
from tests.profiles import make_project
from tests.test_cv_fit_search import reference_fit
from tests.test_designs_browser import generated


def dense(data: dict) -> None:
    generated(data)
    data["design"] = "moderne"


def english(data: dict) -> None:
    data["locale"] = "en"


@pytest.mark.own_cv_fit  # the searches are watched as they lay out
@pytest.mark.parametrize("edit", [dense, english])
def test_the_fit_on_real_layouts_chooses_what_the_reference_chose(tmp_path, monkeypatch, edit):
    fitted = []

    def both(profile, fits_page, fits_annexe):
        laid_out: dict = {}  # each view laid out once for both searches

        def once(page: str, fits):
            def tried(view) -> bool:
                key = (page, len(view.links), len(view.results_of), len(view.descriptions))
                key += (view.interest_details,)
                key += (view.dense,)
                tries[-1].append(key)
                if key not in laid_out:
                    laid_out[key] = fits(view)
                return laid_out[key]

            return tried

        tries: list[list] = [[]]
        new = print_fit_fit(profile, once("cv", fits_page), once("annexe", fits_annexe))
        tries.append([])
        old = reference_fit(profile, once("cv", fits_page), once("annexe", fits_annexe))
        fitted.append((new, old, *map(len, tries)))
        return new

    print_fit_fit = print_fit.fit
    monkeypatch.setattr(print_fit, "fit", both)
    root = make_project(tmp_path, edit)
    content = root / "content"
    run_pelican(
        root / "pelican.conf.py", root / "output", False, content=content, formats=("docx",)
    )
    [(new, old, new_tries, old_tries)] = fitted
    assert new == old
    assert new_tries <= old_tries + (new[0] == 0)
    if edit is english:
        assert new[0] == 0 < new[1]  # the branch it stands for
    if edit is dense:
        assert new[2] and new_tries < old_tries  # set smaller, with fewer layouts
