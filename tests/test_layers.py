"""The package's layers: the profile imports no Pelican or Jinja, the import-linter contracts
of pyproject.toml hold, and every module imports on its own (no cycle hides behind an order)."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import profile_gen

ROOT = Path(__file__).resolve().parents[1]
PURE = ("profile_gen.profile", "profile_gen.profile.loader", "profile_gen.profile.readiness")


@pytest.mark.parametrize("module", PURE)
def test_the_profile_layer_imports_no_pelican_nor_templates(module):
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", f"import {module}"],
        capture_output=True,
        text=True,
        check=True,
    )
    imported = {
        line.rsplit("|", 1)[-1].strip().split(".")[0] for line in result.stderr.splitlines()
    }
    assert "profile_gen" in imported  # the measure saw the package itself
    assert not imported & {"pelican", "jinja2", "markupsafe", "weasyprint", "markdown_it"}


def test_import_linter_contracts_hold():
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint), "--config", str(ROOT / "pyproject.toml")],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _modules() -> list[str]:
    return sorted(
        info.name
        for info in pkgutil.walk_packages(profile_gen.__path__, "profile_gen.")
        if ".theme" not in info.name
    )


def test_every_module_imports_on_its_own():
    """Each module in a fresh interpreter: an import cycle fails here whatever the order."""
    modules = _modules()
    assert "profile_gen.book.plugin" in modules and "profile_gen.app.cli" in modules
    script = "import importlib, sys\nfor name in sys.argv[1:]:\n    importlib.import_module(name)\n"
    for module in modules:
        result = subprocess.run(
            [sys.executable, "-c", script, module], capture_output=True, text=True
        )
        assert result.returncode == 0, f"{module}: {result.stderr[-2000:]}"
    importlib.import_module("profile_gen.app.cli")
