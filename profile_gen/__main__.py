"""`python -m profile_gen`: the `profile-gen` command, for a machine whose scripts folder is
not on the PATH (common on Windows after `pip install --user`: `py -m profile_gen build`)."""

from profile_gen.app.cli import run

if __name__ == "__main__":
    run()
