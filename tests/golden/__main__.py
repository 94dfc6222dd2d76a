"""`python -m tests.golden --refresh [PROFILE...]`: rebuild the golden profiles and write
what each format says under `tests/golden/<profile>/` (read the diff before committing)."""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from tests.golden import PROFILES, build, collect, write


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.golden", description=__doc__)
    parser.add_argument("--refresh", action="store_true", help="rebuild and write the files")
    parser.add_argument("profiles", nargs="*", help=f"among {', '.join(PROFILES)} (all)")
    options = parser.parse_args()
    if not options.refresh:
        parser.error("nothing to do: add --refresh")
    if unknown := set(options.profiles) - set(PROFILES):
        parser.error(f"unknown profile: {', '.join(sorted(unknown))}")
    for name in options.profiles or PROFILES:
        with tempfile.TemporaryDirectory() as folder:
            write(name, collect(build(name, Path(folder))))
        print(f"tests/golden/{name}/ written")


if __name__ == "__main__":
    main()
