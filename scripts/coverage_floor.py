"""The coverage `make test` measured (slipcover's JSON, merged from the pytest-xdist
workers): the files not fully covered and their missing lines, then a failure when the
share of profile_gen's lines the tests ran is under the floor.

slipcover prints the same table itself, but with `--fail-under` and pytest-xdist together
it prints the controller's lines alone (the workers' are merged once, for the check, then
removed before the table): so the run writes the JSON (`--json --out`) and this reads it.

    python scripts/coverage_floor.py COVERAGE.json FLOOR
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import slipcover


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        return 2
    path, floor = Path(argv[0]), float(argv[1])
    try:
        coverage = json.loads(path.read_text("utf-8"))
        share = float(coverage["summary"]["percent_covered"])
    except (OSError, ValueError, KeyError, TypeError) as error:
        print(f"{path}: no coverage to read ({error})", file=sys.stderr)
        return 2
    slipcover.print_coverage(coverage, skip_covered=True)
    if share < floor:
        print(f"Coverage {share:.2f} % is under the floor of {floor:g} %", file=sys.stderr)
        return 1
    print(f"Coverage {share:.2f} % (floor {floor:g} %)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
