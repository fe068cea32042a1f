"""Cases benchmark: `greencustoms cases import` of a generated historic CSV (default 5,000 records, a third of
them ozone substances or blends, so ODP/CO2e are computed), and the CEN export of the same records.

Run with `make bench` or `python -m bench cases`; size via BENCH_CASES_ROWS. SQLite in a temporary folder.
"""

from __future__ import annotations

import csv
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.results import write_section

ROOT = Path(__file__).resolve().parent.parent
ROWS = int(os.environ.get("BENCH_CASES_ROWS", "5000"))
SEED = 20261202
GOODS = [("montreal", "HCFC-22"), ("montreal", "R-404A"), ("montreal", "CFC-12"), ("cites", "Ivory"),
         ("basel", "Used lead-acid batteries"), ("cites", "Pangolin scales")]  # fmt: skip


def _write(path: Path) -> None:
    rng = random.Random(SEED)
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["SeizureDate", "ReportingCountry", "Convention", "GoodsDescription", "ControlledItems",
                    "Quantity", "QuantityUnit", "Prosecution", "Penalty", "Narrative"])  # fmt: skip
        for i in range(ROWS):
            agreement, goods = rng.choice(GOODS)
            w.writerow([f"{rng.randint(2000, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                        rng.choice(["KE", "SN", "TH", "VN", "BR", "IN"]), agreement, goods, goods,
                        rng.randint(1, 5000), "kg", rng.choice(["yes", "no"]), rng.choice(["yes", "no"]),
                        f"historic record {i}"])  # fmt: skip


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="gc-bench-cases-"))
    env = dict(os.environ, GREENCUSTOMS_VAR_DIR=str(tmp), DJANGO_SETTINGS_MODULE="greencustoms.settings.dev")
    py = sys.executable
    subprocess.run([py, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([py, "-m", "greencustoms.cli", "manage", "shell", "-c",
                    "from io import StringIO; from greencustoms.partners.reference import load; load(stdout=StringIO())"],
                   cwd=ROOT, env=env, check=True)  # fmt: skip
    source = tmp / "historic.csv"
    _write(source)
    start = time.perf_counter()
    done = subprocess.run([py, "-m", "greencustoms.cli", "cases", "import", str(source)], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=True)  # fmt: skip
    seconds = time.perf_counter() - start
    export = (
        "from greencustoms.cases import cen; from greencustoms.cases.models import SeizureCase; import time; "
        "t=time.perf_counter(); b=cen.export_csv(SeizureCase.objects.all()); "
        "print(f'{time.perf_counter()-t:.2f} {len(b)}')"
    )
    out = subprocess.run([py, "-m", "greencustoms.cli", "manage", "shell", "--no-imports", "-c", export], cwd=ROOT, env=env,
                         capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1].split()  # fmt: skip
    write_section(
        "cases: historic import and CEN export",
        f"""
| step | records | seconds | per second |
|---|---|---|---|
| `greencustoms cases import` (CSV, all or nothing, ODP/CO2e computed) | {ROWS:,} | {seconds:.1f} (process start and Django set-up included) | {ROWS / seconds:,.0f} |
| CEN export to CSV (in process) | {ROWS:,} | {float(out[0]):.2f} ({int(out[1]):,} bytes) | {ROWS / max(float(out[0]), 1e-9):,.0f} |

Output of the import: `{done.stdout.strip()}`.
""",
    )
    print(f"cases import {ROWS} rows: {seconds:.1f} s; export {out[0]} s")
