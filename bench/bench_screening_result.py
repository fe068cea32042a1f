"""The result page of a 1,000,000-line job (issue #15: it opens in < 1 s): lines paged worst first from the
job's lines.parquet, never loaded whole; the filtered page, a triage decision, the inspection list workbook.

The job's lines.parquet and hits.parquet are written synthetically (one line in 20 with a hit, as in a day of
real declarations only a few lines are of interest), so that this measures the web side, not the engine.
Runs in a child process with its own throwaway var/ (SQLite database, private files).
"""

from __future__ import annotations

import json
import os
import time
from datetime import timedelta
from pathlib import Path

from bench.results import write_section

ROOT = Path(__file__).resolve().parent.parent
LINES = int(os.environ.get("BENCH_RESULT_LINES", "1000000"))
HOST = "127.0.0.1"
REPEAT = 5


def _files(folder: Path, n: int) -> int:
    import polars as pl

    folder.mkdir(parents=True, exist_ok=True)
    i = pl.int_range(0, n, eager=True)
    verdict = (
        pl.Series(["clear"] * n)
        .scatter(list(range(0, n, 20)), "check")
        .scatter(list(range(0, n, 100)), "inspect")
    )
    lines = pl.DataFrame(
        {
            "declaration_id": ("D" + (i // 10).cast(pl.String)),
            "line_no": ((i % 10) + 1).cast(pl.String),
            "verdict": verdict,
            "score": pl.Series([0] * n)
            .scatter(list(range(0, n, 20)), 25)
            .scatter(list(range(0, n, 100)), 50),
            "reasons": pl.Series(["No rule matched."] * n),
            "hs_code": pl.Series(["7208.10"] * n),
            "description": pl.Series(["steel coils"] * n),
            "origin": pl.Series(["TR"] * n),
            "destination": pl.Series(["GH"] * n),
            "quantity": pl.Series(["1"] * n),
            "unit": pl.Series(["t"] * n),
            "value": pl.Series(["500"] * n),
        }
    )
    lines.write_parquet(folder / "lines.parquet")
    flagged = lines.filter(pl.col("verdict") != "clear")
    hits = flagged.select(
        "declaration_id",
        "line_no",
        pl.lit("hs_code").alias("rule"),
        pl.lit("montreal").alias("agreement"),
        pl.lit("hcfc-22").alias("item"),
        pl.lit("Declared code of HCFC-22.").alias("evidence"),
        pl.lit("Import licence").alias("document"),
        pl.when(pl.col("verdict") == "inspect")
        .then(pl.lit("high"))
        .otherwise(pl.lit("medium"))
        .alias("severity"),
    )
    hits.write_parquet(folder / "hits.parquet")
    return hits.height


def child() -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone

    from greencustoms.accounts.models import User
    from greencustoms.agreements.reference import load
    from greencustoms.screening import selectors, services
    from greencustoms.screening.models import ScreeningJob

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    load(stdout=open(os.devnull, "w"))  # noqa: SIM115 - silence the import report
    user = User.objects.create_user(email="bench@example.org", password=None, full_name="Bench")
    now = timezone.now()
    job = ScreeningJob.objects.create(
        owner=user,
        original_name="million.csv",
        status="done",
        records=LINES,
        screened=LINES,
        created_at=now,
        finished_at=now,
        expires_at=now + timedelta(days=1),
    )
    hits = _files(selectors.job_dir(job), LINES)
    client = Client(HTTP_HOST=HOST)
    client.force_login(user)
    load = os.getloadavg()

    def timed(method: str, url: str, data: dict[str, str] | None = None) -> float:
        best = float("inf")
        for _ in range(REPEAT):
            start = time.perf_counter()
            response = getattr(client, method)(url, data or {})
            best = min(best, time.perf_counter() - start)
            assert response.status_code in (200, 302), (url, response.status_code)
        return best

    base = f"/screening/jobs/{job.pk}/"
    pages = {
        "first_page": ("get", base),
        "last_page": ("get", base + f"?page={LINES // 50}"),
        "inspect_filter": ("get", base + "?verdict=inspect"),
        "clear_last_page": ("get", base + f"?verdict=clear&page={int(LINES * 0.95) // 50}"),
    }
    # before: no sorted file, every request sorts the lines (jobs finished before the sorted file existed)
    before = {name: timed(method, url) for name, (method, url) in pages.items()}
    # the job's finish sorts the lines once (services.sort_lines), then every page reads its row groups
    start, cpu = time.perf_counter(), time.process_time()
    services.sort_lines(job)
    sort_s, sort_cpu = time.perf_counter() - start, time.process_time() - cpu
    after = {name: timed(method, url) for name, (method, url) in pages.items()}
    figures = {
        **{f"before_{k}": v for k, v in before.items()},
        **after,
        "sort_s": sort_s,
        "sort_cpu": sort_cpu,
        "load_pages": list(load),
        "decide": timed(
            "post", base + "decide/", {"declaration_id": "D0", "line_no": "1", "outcome": "inspected"}
        ),
        "inspection_xlsx": timed("get", base + "inspection.xlsx"),
    }
    print(json.dumps({"lines": LINES, "hits": hits, **figures}))


def main() -> None:
    from bench.results import run_child

    r, load = run_child(
        "bench.bench_screening_result", prefix="greencustoms-bench-result-", host=HOST, root=ROOT
    )

    def met(seconds: float) -> str:
        return "met" if seconds < 1 else "NOT met"

    rows = "\n".join(
        f"| {label} | {r['before_' + key]:.2f} | **{r[key]:.2f}** ({met(r[key])}) |"
        for key, label in (
            ("first_page", "result page, first page (counts, 50 lines worst first with their findings)"),
            ("last_page", "result page, last page"),
            ("inspect_filter", "result page, inspect only"),
            ("clear_last_page", "result page, clear only, a page near the end"),
        )
    )
    body = f"""
A done job of {r["lines"]:,} lines ({r["hits"]:,} hits; 1 % inspect, 4 % check) whose result files are written
synthetically; signed-in owner, Django test client in-process, best of {REPEAT} requests each.
Load average at start: {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} on {os.cpu_count()} CPUs (shared machine);
when the pages were timed: {" / ".join(f"{x:.1f}" for x in r["load_pages"])}.

"Sorted per request" is how a job without `lines_sorted.parquet` is answered (every request scans and sorts
the whole lines file: the previous behaviour, kept for jobs finished before the sorted file existed);
"sorted once" reads the file the job writes when it finishes (`services.sort_lines`: worst first, row groups of
10,000 lines, counts per verdict in the footer), so a page reads one or two row groups. The sort itself took
{r["sort_s"]:.2f} s ({r["sort_cpu"]:.2f} CPU s) for {r["lines"]:,} lines, once, in the worker.

| request (target < 1 s) | sorted per request, s | sorted once, s |
|---|---:|---:|
{rows}

| other request | seconds |
|---|---:|
| triage decision (POST, redirect) | {r["decide"]:.2f} |
| inspection list XLSX (first 5,000 lines marked inspect) | {r["inspection_xlsx"]:.2f} |
"""
    write_section("Screening result page (bench/bench_screening_result.py)", body)
    print(body)


if __name__ == "__main__":
    main()
