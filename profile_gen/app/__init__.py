"""app: the `profile-gen` commands.

Importing it first has `dataclasses` and `typing` compile their generated source through a
per-user cache of code objects (`compiled`): the imports below it create some 120 dataclasses."""

from profile_gen.app.compiled import install

install()
