"""Screening engine benchmark: a generated declarations file of 5M realistic lines (about 2 % touching a
controlled item) against a naive `re` loop and Polars' own CSV read; CLI end to end; peak RSS on 10M lines.

Run with `make bench` (all benchmarks) or `python -m bench engine`. Sizes via BENCH_ENGINE_LINES
(default 5,000,000) and BENCH_ENGINE_MEMORY_LINES (default 10,000,000).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import polars as pl

from bench.results import write_section
from greencustoms.engine import (
    compile_ruleset,
    load_reference_csv,
    normalise,
    save_ruleset,
    screen,
    screen_lines,
)
from greencustoms.engine._compile import Ruleset
from greencustoms.engine.columns import RULES

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
LINES = int(os.environ.get("BENCH_ENGINE_LINES", "5000000"))
MEMORY_LINES = int(os.environ.get("BENCH_ENGINE_MEMORY_LINES", "10000000"))
SEED = 20261123
REF_FILES = (
    "agreements/agreements.csv",
    "agreements/items.csv",
    "agreements/synonyms.csv",
    "agreements/item_hs.csv",
    "parties/parties.csv",
    "parties/countries.csv",
    "hs/nomenclature.csv",
)


def reference_dir() -> Path:
    """data/ of the checkout, or (before the reference data is merged) the `refdata` branch's data/."""
    if (ROOT / "data" / "agreements" / "items.csv").is_file():
        return ROOT / "data"
    target = OUT / "refdata"
    for rel in REF_FILES:
        path = target / rel
        if not path.is_file():
            path.parent.mkdir(parents=True, exist_ok=True)
            blob = subprocess.run(
                ["git", "-C", str(ROOT), "show", f"refdata:data/{rel}"], capture_output=True, check=True
            ).stdout
            path.write_bytes(blob)
    return target


# -- generator ---------------------------------------------------------------------------------------
INNOCENT_CODES = ["8418.69.00", "8415.10.00", "3824.99.90", "8708.30.00", "7326.90.00", "8481.80.00"]
#: Equipment holding a controlled substance, and waste declared as goods (the rules of issue #15).
EQUIPMENT_LINES = [
    ("8415.10.00", "Split air conditioners charged with R-22"),
    ("8418.50.00", "Display freezers pre-charged with R-404A"),
    ("8424.10.00", "Fire extinguishers, halon 1211"),
    ("8415.81.00", "Climatiseurs réversibles chargés en R-410A"),
]
WASTE_LINES = [
    ("8507.80.00", "Used lead-acid batteries for recycling"),
    ("8471.30.00", "Used laptops, second-hand, untested"),
    ("3926.90.00", "Plastic scrap, mixed, for recycling"),
    ("2710.19.00", "Used engine oil in drums"),
    ("8528.72.00", "Téléviseurs usagés hors d'usage"),
]
CONTROLLED_TEMPLATES = [
    "{} refrigerant in 13.6 kg cylinders",
    "Gas {} (disposable cylinders)",
    "{}, technical grade",
    "Spare parts incl. {}",
    "Réfrigérant {} en bouteilles",
]
OTHER_FR = [
    "Pièces détachées pour véhicules",
    "Tubes en acier, sans soudure",
    "Matières plastiques en granulés",
    "Vêtements de coton, tricotés",
    "Tuberías de acero, sin soldadura",
    "Aceite de palma refinado",
]


def generate(path: Path, n: int, reference: Path, *, seed: int = SEED) -> dict[str, int]:
    """Write `n` declaration lines: 97 % ordinary goods, 1 % controlled codes, 1 % controlled names under an
    innocent code, 1 % accented French/Spanish descriptions; HS codes with and without dots."""
    nomen = pl.read_csv(reference / "hs/nomenclature.csv", infer_schema=False).filter(
        (pl.col("edition") == "HS2022") & (pl.col("level") == "6") & ~pl.col("code").str.starts_with("99")
    )
    items = pl.read_csv(reference / "agreements/items.csv", infer_schema=False)
    synonyms = pl.read_csv(reference / "agreements/synonyms.csv", infer_schema=False)
    item_hs = pl.read_csv(reference / "agreements/item_hs.csv", infer_schema=False).filter(
        pl.col("edition") == "HS2022"
    )
    controlled_codes = set(item_hs["hs_code"].str.slice(0, 4).to_list())
    ordinary = nomen.filter(~pl.col("code").str.slice(0, 4).is_in(controlled_codes))
    codes = ordinary["code"]
    descriptions = ordinary["description"].str.slice(0, 70)
    names = (
        pl.concat([items["name"], synonyms.filter(pl.col("kind") != "formula")["synonym"]]).unique().sort()
    )
    n_controlled_code = n // 100
    n_controlled_name = n // 100
    n_accented = n // 100
    n_equipment = n // 200
    n_waste = n // 200
    n_plain = n - n_controlled_code - n_controlled_name - n_accented - n_equipment - n_waste

    def pick(series: pl.Series, k: int, s: int) -> pl.Series:
        return series.sample(k, with_replacement=True, seed=s)

    plain_idx = pl.Series(range(len(codes))).sample(n_plain, with_replacement=True, seed=seed)
    plain = pl.DataFrame({"hs_code": codes.gather(plain_idx), "description": descriptions.gather(plain_idx)})
    ctrl = item_hs.select("hs_code", "item_id").sample(
        n_controlled_code, with_replacement=True, seed=seed + 1
    )
    ctrl = ctrl.join(items.select("item_id", "name").unique("item_id"), on="item_id", how="left").select(
        "hs_code", pl.format("{} in drums", pl.col("name")).alias("description")
    )
    templates = pick(pl.Series(CONTROLLED_TEMPLATES), n_controlled_name, seed + 2)
    chosen = pick(names, n_controlled_name, seed + 3)
    named = pl.DataFrame(
        {
            "hs_code": pick(pl.Series(INNOCENT_CODES), n_controlled_name, seed + 4),
            "description": [t.format(x) for t, x in zip(templates.to_list(), chosen.to_list(), strict=True)],
        }
    )
    accented_idx = pl.Series(range(len(codes))).sample(n_accented, with_replacement=True, seed=seed + 5)
    accented = pl.DataFrame(
        {
            "hs_code": codes.gather(accented_idx),
            "description": pick(pl.Series(OTHER_FR), n_accented, seed + 6),
        }
    )
    equipment = pl.DataFrame(
        pick(pl.Series(EQUIPMENT_LINES, dtype=pl.List(pl.String)), n_equipment, seed + 9)
        .list.to_struct(fields=["hs_code", "description"])
        .struct.unnest()
    )
    waste = pl.DataFrame(
        pick(pl.Series(WASTE_LINES, dtype=pl.List(pl.String)), n_waste, seed + 10)
        .list.to_struct(fields=["hs_code", "description"])
        .struct.unnest()
    ).with_columns(pl.col("hs_code").str.replace_all(r"\.", "").str.slice(0, 6))
    equipment = equipment.with_columns(pl.col("hs_code").str.replace_all(r"\.", "").str.slice(0, 6))
    lines = pl.concat([plain, ctrl, named, accented, equipment, waste]).sample(
        fraction=1.0, shuffle=True, seed=seed + 7
    )
    countries = ["CN", "IN", "US", "DE", "FR", "GH", "NG", "BR", "TR", "AE", "KE", "VN", "CHN", "USA", "ZA"]
    frame = lines.with_row_index("i").select(
        pl.format("GHTEM-2026-{}", (pl.col("i") // 4).cast(pl.String).str.zfill(8)).alias("declaration_id"),
        ((pl.col("i") % 4) + 1).cast(pl.String).alias("line_no"),
        pl.when(pl.col("i") % 2 == 0)
        .then(pl.format("{}.{}.00", pl.col("hs_code").str.slice(0, 4), pl.col("hs_code").str.slice(4, 2)))
        .otherwise(pl.col("hs_code") + "00")
        .alias("hs_code"),
        pl.col("description"),
        pick(pl.Series(countries), n, seed + 8).alias("origin"),
        pl.lit("GH").alias("destination"),
        ((pl.col("i") * 7919) % 5000 + 1).cast(pl.String).alias("quantity"),
        pl.lit("KG").alias("unit"),
        ((pl.col("i") * 104729) % 900000 + 100).cast(pl.String).alias("value"),
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.write_csv(path)
    return {
        "lines": n,
        "touching": n_controlled_code + n_controlled_name,
        "accented": n_accented,
        "equipment": n_equipment,
        "waste": n_waste,
    }


#: Lines per CPU-second of the run before issue #15's speed work (2026-12-02 14:43 UTC, load 5.4 / 9.0 / 11.2,
#: same generator and sizes), shown beside each new figure.
PREVIOUS = {
    "read": 2_640_283,
    "hs": 4_823_741,
    "all": 818_969,
    "every": 703_581,
    "lines": 570_084,
    "prefilter": 1_997_783,
    "cli": 385_531,
    "cli_lines": 289_510,
    "big": 289_356,
}


# -- measurements ------------------------------------------------------------------------------------
CPU: dict[str, float] = {}


def timed(fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    """(result, wall seconds); the CPU seconds of the same call are kept in CPU[fn name]."""
    start, cpu = time.perf_counter(), time.process_time()
    result = fn(*args, **kwargs)
    CPU[getattr(fn, "__name__", "call")] = time.process_time() - cpu
    return result, time.perf_counter() - start


def timed_as(name: str, fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    result, wall = timed(fn, *args, **kwargs)
    CPU[name] = CPU.pop(getattr(fn, "__name__", "call"))
    return result, wall


def naive_rate(ruleset: Ruleset, frame: pl.DataFrame, sample: int = 2000) -> float:
    """A hand-written `re` loop: every pattern's regex on every line, HS prefixes by startswith."""
    patterns = [re.compile(r"(?<![\w-])" + re.escape(p) + r"(?![\w-])") for p in ruleset.patterns]
    codes = [c for table in [ruleset.hs_tables["HS2022"]] for c in table["code"].to_list()]
    rows = frame.head(sample).select("hs_code", "description").rows()
    start = time.perf_counter()
    hits = 0
    for hs, desc in rows:
        digits = re.sub(r"\D", "", hs or "")
        hits += sum(1 for c in codes if digits.startswith(c))
        text = normalise(desc or "")
        hits += sum(1 for p in patterns if p.search(text))
    return len(rows) / (time.perf_counter() - start)


def cli_run(args: list[str]) -> tuple[dict[str, object], float, int, float]:
    """Run the CLI in a fresh process; (summary, wall seconds incl. process start, peak RSS in bytes)."""
    code = (
        "import resource, subprocess, sys, json, time\n"
        "t = time.perf_counter()\n"
        "p = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "wall = time.perf_counter() - t\n"
        "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "rss, cpu = u.ru_maxrss * 1024, u.ru_utime + u.ru_stime\n"
        "print(json.dumps({'rc': p.returncode, 'out': p.stdout, 'err': p.stderr[-2000:], 'wall': wall, 'rss': rss,"
        " 'cpu': cpu}))\n"
    )
    cmd = [
        sys.executable,
        "-c",
        code,
        sys.executable,
        "-m",
        "greencustoms.cli",
        "screen",
        *args,
        "--json-summary",
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=ROOT)
    report = json.loads(done.stdout)
    if report["rc"] != 0:
        raise RuntimeError(f"CLI failed ({report['rc']}): {report['err']}")
    return json.loads(report["out"]), float(report["wall"]), int(report["rss"]), float(report["cpu"])


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    reference = reference_dir()
    ruleset, compile_s = timed(compile_ruleset, load_reference_csv(reference))
    ruleset_file = save_ruleset(ruleset, OUT / "bench.ruleset")
    source = OUT / f"declarations_{LINES}.csv"
    if not source.is_file():
        facts, gen_s = timed(generate, source, LINES, reference)
        print(f"generated {LINES:,} lines in {gen_s:.1f} s", flush=True)
    size_mb = source.stat().st_size / 1e6
    load = os.getloadavg()

    # Polars' own CSV read of the whole file, everything as text
    frame, read_s = timed_as("read", pl.read_csv, source, infer_schema=False)
    n = frame.height
    batches = [frame.slice(i, 250_000) for i in range(0, n, 250_000)]
    print(f"polars read_csv: {n / read_s:,.0f} lines/s", flush=True)

    # engine on in-memory batches
    hs_hits, hs_s = timed_as("hs", screen, batches, ruleset, rules=("hs_code",))
    all_hits, all_s = timed_as(
        "all", screen, batches, ruleset, rules=("hs_code", "description", "misdeclaration", "country")
    )
    print(f"engine HS: {n / hs_s:,.0f} lines/s; four rules: {n / all_s:,.0f} lines/s", flush=True)
    # every rule (with equipment and waste), hits only; then hits and the lines with their verdicts
    every_hits, every_s = timed_as("every", screen, batches, ruleset, rules=RULES)
    screened, lines_s = timed_as("lines", screen_lines, batches, ruleset, rules=RULES)
    verdicts = dict(screened.lines["verdict"].value_counts().iter_rows())
    new_rules = dict(
        every_hits.filter(pl.col("rule").is_in(["equipment", "waste"]))["rule"].value_counts().iter_rows()
    )
    del screened
    print(
        f"engine every rule: {n / every_s:,.0f} lines/s; with lines: {n / lines_s:,.0f} lines/s", flush=True
    )
    # where the time goes: the description pre-filter alone
    desc = frame.get_column("description")
    from greencustoms.engine._screen import _candidates, _prepare

    prepared = _prepare(pl.DataFrame({"declaration_id": ["x"] * n, "description": desc}))
    cands, prefilter_s = timed_as("prefilter", _candidates, prepared, ruleset)
    candidates = cands.height
    del prepared
    naive = naive_rate(ruleset, frame)
    del frame, batches

    # CLI end to end (process start included), hits to Parquet
    summary, cli_s, cli_rss, cli_cpu = cli_run(
        [str(source), "-o", str(OUT / "hits.parquet"), "--ruleset", str(ruleset_file)]
    )
    assert summary["records"] == n and summary["reconciled"], summary
    # the same with the lines file (--lines): one row per line with its verdict
    lines_summary, cli_lines_s, cli_lines_rss, cli_lines_cpu = cli_run(
        [
            str(source),
            "-o",
            str(OUT / "hits.parquet"),
            "--lines",
            str(OUT / "lines.parquet"),
            "--ruleset",
            str(ruleset_file),
        ]
    )
    assert lines_summary["records"] == n and lines_summary["reconciled"], lines_summary

    # peak memory on a 10M-line file, streamed
    big = OUT / f"declarations_{MEMORY_LINES}.csv"
    if not big.is_file():
        generate(big, MEMORY_LINES, reference, seed=SEED + 1)
    big_summary, big_s, big_rss, big_cpu = cli_run(
        [
            str(big),
            "-o",
            str(OUT / "hits_big.parquet"),
            "--lines",
            str(OUT / "lines_big.parquet"),
            "--ruleset",
            str(ruleset_file),
        ]
    )

    engine_all = n / every_s

    def verdict(ok: bool) -> str:
        return "**met**" if ok else "**not met**"

    def row(label: str, wall: float, cpu: float, lines: int, target: str = "") -> str:
        return f"| {label} | {wall:.2f} | {lines / wall:,.0f} | {cpu:.2f} | {lines / cpu:,.0f} | {target} |"

    before = {
        "read": n / CPU["read"],
        "hs": n / CPU["hs"],
        "all": n / CPU["all"],
        "every": n / CPU["every"],
        "lines": n / CPU["lines"],
        "prefilter": n / CPU["prefilter"],
        "cli": n / cli_cpu,
        "cli_lines": n / cli_lines_cpu,
        "big": MEMORY_LINES / big_cpu,
    }
    compared = "\n".join(
        f"| {key} | {PREVIOUS[key]:,.0f} | {before[key]:,.0f} | {before[key] / PREVIOUS[key] - 1:+.0%} |"
        for key in PREVIOUS
    )
    rows = "\n".join(
        [
            f"| naive Python `re` loop ({len(ruleset.patterns):,} patterns, 2,000-line sample, extrapolated) "
            f"| {n / naive:,.0f} | {naive:,.0f} | | | |",
            row("Polars `read_csv` of the whole file (all columns as text)", read_s, CPU["read"], n),
            row("engine, HS code rule, batches in memory", hs_s, CPU["hs"], n, "≥ 5,000,000"),
            row(
                "engine, HS + description + misdeclaration + country, in memory (the earlier four rules)",
                all_s,
                CPU["all"],
                n,
            ),
            row(
                "engine, every rule (the four + equipment + waste), hits, in memory",
                every_s,
                CPU["every"],
                n,
                "≥ 1,000,000",
            ),
            row(
                "engine, every rule, hits and lines with their verdicts, in memory",
                lines_s,
                CPU["lines"],
                n,
                "≥ 1,000,000",
            ),
            row(
                f"description pre-filter alone ({candidates:,} candidate lines)",
                prefilter_s,
                CPU["prefilter"],
                n,
            ),
            row("CLI end to end, CSV → Parquet hits, process start included", cli_s, cli_cpu, n, "≥ 500,000"),
            row(
                "CLI end to end, CSV → Parquet hits and `--lines` Parquet, process start included",
                cli_lines_s,
                cli_lines_cpu,
                n,
                "≥ 500,000",
            ),
            row(
                f"CLI with `--lines` on {MEMORY_LINES:,} lines, streamed (peak RSS {big_rss / 2**20:,.0f} MiB)",
                big_s,
                big_cpu,
                MEMORY_LINES,
                "RSS < 1 GiB",
            ),
        ]
    )
    body = f"""
Generated file: {n:,} lines ({size_mb:,.0f} MB CSV), about 2 % touching a controlled item (1 % controlled
HS codes, 1 % controlled names under innocent codes), 1 % accented French/Spanish descriptions, 0.5 %
equipment holding a controlled substance and 0.5 % waste declared as goods (issue #15); half the codes
written with dots. No date column: every line is screened for the run date. Ruleset compiled from the reference CSVs ({len(ruleset.items)} items,
{len(ruleset.patterns):,} normalised names, {len(ruleset.needles):,} pre-filter needles) in {compile_s:.2f} s.

Load average when the run started: {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} on {os.cpu_count()} CPUs —
the machine is shared by several sessions, so wall-clock rates are depressed by however much CPU the
others take. CPU-second rates (user + system time of this process or of the CLI child, all threads) are
the steadier figure; on an idle machine wall-clock rates approach them (or exceed them where Polars uses
both cores).

| measurement | wall s | lines/s (wall) | CPU s | lines per CPU-s | target |
|---|---:|---:|---:|---:|---|
{rows}

Lines per CPU-second, the run before the speed work of issue #15 (14:43 UTC, load 5.4 / 9.0 / 11.2) beside
this one (read: Polars CSV read; hs/all/every/lines: the engine rows above; cli, cli_lines, big: the CLI rows):

| measurement | before | now | change |
|---|---:|---:|---:|
{compared}

Hits: {every_hits.height:,} on the {n:,}-line file with every rule ({new_rules.get("equipment", 0):,} equipment,
{new_rules.get("waste", 0):,} waste; the earlier four rules: {all_hits.height:,}; HS only: {hs_hits.height:,}; an `ex` code matching more than five items of one
agreement, such as a 3827.xx mixture code, gives one collapsed hit per line); the CLI wrote {summary["hits"]:,} hits and read
{summary["records"]:,} = screened {summary["screened"]:,} + rejected {summary["rejected"]:,}. Lines by verdict:
{verdicts.get("inspect", 0):,} inspect, {verdicts.get("check", 0):,} check, {verdicts.get("clear", 0):,} clear (the CLI with `--lines`:
{lines_summary["lines_by_verdict"]}).
The {n:,}-line CLI run peaked at {cli_rss / 2**20:,.0f} MiB RSS; the {MEMORY_LINES:,}-line run read
{big_summary["records"]:,} records.

Ratios (wall): engine every rule / naive = **{engine_all / naive:,.0f}×**; engine every rule / Polars CSV read =
**{engine_all / (n / read_s):.2f}×**; engine HS only / CSV read = **{(n / hs_s) / (n / read_s):.2f}×**.
Ratios (CPU): engine every rule / CSV read = **{CPU["read"] / CPU["every"]:.2f}×**.

What bounds the engine: the description pre-filter — run once per distinct description of a batch
(then the lines picked by a hash lookup), each lower-cased, then one
word-bounded regular expression over all {len(ruleset.needles):,} needles (a name must start and end on a
word boundary, so the boundary is required already here; Rust's lazy DFA runs it faster than the former
case-insensitive Aho-Corasick over the long needles plus a second regex for the short ones) — takes
{prefilter_s:.2f} s of the {every_s:.2f} s; the exact word-boundary check then runs in Python only on the
{candidates / n:.2%} candidate lines, once per distinct description text. The HS rule is one 4-digit `is_in`
over all codes plus small joins on the candidates; the country rule is joins of the (line, item) pairs
that hit with the per-item checks and the party lists. The equipment rule looks only at the lines whose
description named a controlled substance; the waste rule runs one ASCII case-insensitive Aho-Corasick
pass (`contains_any`) over every distinct description for its waste words, then its word-bounded patterns on
the few lines that pass. The lines output is one group-by of the hits per batch, gathered back to the
batch by row index. End to end, the CLI adds the CSV parse (blocks of
16 MB parsed natively by Polars when every line is provably one complete record, in a read-ahead thread),
the vectorised hs_code validation, the Parquet write and the process start (imports, ruleset load).

Targets in this run (wall clock): HS rule ≥ 5M lines/s {verdict(n / hs_s >= 5e6)}; every rule ≥ 1M lines/s
{verdict(engine_all >= 1e6)} (with the lines: {verdict(n / lines_s >= 1e6)}); CLI ≥ 500k lines/s {verdict(n / cli_s >= 5e5)}
(with `--lines`: {verdict(n / cli_lines_s >= 5e5)}); peak RSS < 1 GiB for {MEMORY_LINES:,} lines with `--lines`
{verdict(big_rss < 2**30)}.
Per CPU-second (user + system time of all threads: when the other core is free, Polars spreads work
over both and its parallel overhead lowers this figure, so it is not a pure single-core rate): HS rule {verdict(n / CPU["hs"] >= 5e6)}; every rule
{verdict(n / CPU["every"] >= 1e6)}, with the lines {verdict(n / CPU["lines"] >= 1e6)}; CLI {verdict(n / cli_cpu >= 5e5)}, with `--lines`
{verdict(n / cli_lines_cpu >= 5e5)}.
"""
    write_section("Screening engine (bench/bench_engine.py)", body)
    print(body)


if __name__ == "__main__":
    main()
