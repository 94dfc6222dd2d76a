"""Pelican settings of the sample Book: the package's defaults, and this sample's own values.
`profile-gen build` and `pelican -s pelican.conf.py` use this file alike; the profile itself
is `content/profile.yaml`. A student's project needs no such file (see the README)."""

from profile_gen.book.settings import *  # noqa: F403

PATH = "content"
SITEURL = ""  # e.g. "https://lea-moreau.github.io/book" for canonical URLs
