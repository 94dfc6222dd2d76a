"""The browser the tests drive is the one Playwright would launch, plus our switches:
Chromium reads only the last `--disable-features` of its command line, so ours must repeat
every feature Playwright's own turns off (servers queried at start-up, HTTPS upgrades...)."""

from __future__ import annotations

import base64
import json
import re

import pytest

from tests.browser import DISABLED_FEATURES

pytestmark = pytest.mark.chromium


def switch_values(command_line: str, name: str) -> list[set[str]]:
    """Each `--name=a,b` of `command_line`, in order: its comma-separated values."""
    return [set(found.split(",")) for found in re.findall(rf"--{name}=(\S+)", command_line)]


def test_every_feature_playwright_turns_off_stays_off(chromium):
    page = chromium.new_page()
    try:
        page.goto("chrome://version")
        command_line = page.locator("#command_line").inner_text()
        encoded = page.locator("#variations-cmd").get_attribute("data-value") or ""
    finally:
        page.close()
    variations = json.loads(base64.b64decode(encoded + "=" * (-len(encoded) % 4)))
    off = set(variations["disable-features"].split(","))
    switches = switch_values(command_line, "disable-features")
    assert len(switches) == 2, command_line  # Playwright's, then ours
    playwright, ours = switches
    assert ours == set(DISABLED_FEATURES)
    edge_only = {name for name in playwright if name.startswith("ms")}
    assert playwright - edge_only <= off, sorted(playwright - edge_only - off)
    assert "RenderDocument" in off
