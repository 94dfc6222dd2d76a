"""Pelican registration: load the profile once, add the Book generator, prepare templates."""

from __future__ import annotations

import sys
from pathlib import Path

from pelican import signals

from . import render
from .book import BookGenerator
from .errors import ProfileError
from .loader import load

PROFILE_KEY = "PROFILE_GEN_PROFILE"
"""Settings key holding the validated `Profile` once the plugin has loaded it."""


def profile_path(settings: dict) -> Path:
    """The profile file named by the settings, resolved from Pelican's content `PATH`."""
    return Path(settings["PATH"]) / settings.get("PROFILE_FILE", "profile.yaml")


RAISE_KEY = "PROFILE_GEN_RAISE"
"""Set by `profile-gen`: profile errors propagate as `ProfileError` instead of exiting."""


def load_profile(pelican) -> None:
    try:
        profile = load(profile_path(pelican.settings))
    except ProfileError as error:
        if pelican.settings.get(RAISE_KEY):
            raise
        # plain `pelican -s ...`: the same one-screen message as `profile-gen check`, no traceback
        print(error.format(), file=sys.stderr)
        raise SystemExit(2) from None
    pelican.settings[PROFILE_KEY] = profile
    if not pelican.settings.get("AUTHOR"):
        pelican.settings["AUTHOR"] = profile.identity.name  # the author of the Book's articles


def prepare_templates(generator) -> None:
    """Every generator's templates autoescape and know the profile's filters (`t`, `md`, ...)."""
    render.install(generator.env)


def add_generator(pelican):
    return BookGenerator


def register() -> None:
    signals.initialized.connect(load_profile)
    signals.generator_init.connect(prepare_templates)
    signals.get_generators.connect(add_generator)
