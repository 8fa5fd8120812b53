#!/usr/bin/env python3
"""Write a synthetic data/ tree for load tests: `tools/synthetic_data.py --count 10000 --out /tmp/big`.

The result is a folder with data/ inside; build it by copying mkdocs.yml, docs/, hooks/
and overrides/ next to it (tools/benchmark.py does exactly that).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from synthetic import DEFAULT_TODAY, generate  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, required=True, help="number of Vorlagen")
    parser.add_argument("--seed", type=int, default=1, help="random seed (same seed, same files)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write data/ into")
    parser.add_argument(
        "--today",
        type=dt.date.fromisoformat,
        default=DEFAULT_TODAY,
        help=f"the day the archive ends; Beratungen after it have no result (default {DEFAULT_TODAY})",
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        generate(args.out, args.count, args.seed, today=args.today)
    except FileExistsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"{args.count} Vorlagen written to {args.out / 'data'} in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
