"""Run every benchmark module (bench/bench_*.py) in turn; `python -m bench NAME` runs only those named."""

import importlib
import sys
import time
from pathlib import Path

from bench.results import write_header


def main(argv: list[str]) -> int:
    here = Path(__file__).parent
    names = sorted(p.stem for p in here.glob("bench_*.py"))
    wanted = [n for n in names if not argv or any(a in n for a in argv)]
    write_header()
    failures = 0
    for name in wanted:
        print(f"== {name}", flush=True)
        start = time.perf_counter()
        try:
            importlib.import_module(f"bench.{name}").main()
        except Exception as exc:  # a failing benchmark must not hide the others' figures
            failures += 1
            print(f"!! {name} failed: {exc!r}", flush=True)
        print(f"== {name} done in {time.perf_counter() - start:.1f} s", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
