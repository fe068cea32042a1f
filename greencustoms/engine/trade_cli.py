"""`greencustoms trade mirror INPUT... -o OUT …` and `greencustoms screen … --engine spark`, without Django.

Exit status: 0 when the analysis ran, 2 when an input, a parameter or an output path is unusable, 1 on an
unexpected internal error (one line, never a traceback).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any, TextIO

import polars as pl

from greencustoms.engine._compile import Ruleset
from greencustoms.engine._refdata import load_reference_csv
from greencustoms.engine._writers import output_format, write_table
from greencustoms.engine.errors import EngineError
from greencustoms.engine.licences import substance_groups, units_from_items
from greencustoms.engine.mirror import (
    HsFactor,
    MirrorParameters,
    hs_factors,
    mirror_table,
    read_comtrade,
)
from greencustoms.engine.ozone_units import load_ozone_tables

PROG = "greencustoms trade"


class _ArgumentError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # argparse would sys.exit(2); main() returns 2 instead
        raise _ArgumentError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description="Analyse trade statistics of controlled substances.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    mirror = sub.add_parser(
        "mirror",
        help="exports reported vs mirror imports per exporter × importer × HS code × period",
        description="Compare what exporters report with what their partners report importing (UN Comtrade format).",
    )
    mirror.add_argument("inputs", metavar="INPUT", nargs="+", help="Comtrade-format CSV or Parquet files")
    mirror.add_argument(
        "-o", "--output", metavar="OUT", required=True, help="result: .csv, .parquet or .json"
    )
    mirror.add_argument("--from", dest="from_year", type=int, metavar="YYYY", help="first year")
    mirror.add_argument("--to", dest="to_year", type=int, metavar="YYYY", help="last year")
    mirror.add_argument("--engine", choices=("local", "spark"), default="local")
    mirror.add_argument("--master", metavar="URL", help="Spark master with --engine spark (default local[*])")
    defaults = MirrorParameters()
    mirror.add_argument("--granularity", choices=("year", "month"), default=defaults.granularity)
    mirror.add_argument(
        "--weight-tolerance",
        type=float,
        default=defaults.weight_tolerance,
        help="relative gap not flagged (0.10 = 10 %%)",
    )
    mirror.add_argument(
        "--min-gap-kg", type=float, default=defaults.min_gap_kg, help="gap in kg never flagged"
    )
    mirror.add_argument(
        "--cif-fob-ratio", type=float, default=defaults.cif_fob_ratio, help="CIF value / this = FOB estimate"
    )
    mirror.add_argument(
        "--timing-periods",
        type=int,
        default=defaults.timing_periods,
        help="periods either side that may offset",
    )
    mirror.add_argument(
        "--all-codes", action="store_true", help="analyse every HS code, not only the controlled ones"
    )
    mirror.add_argument(
        "--basis",
        choices=("min", "max", "mean"),
        default="min",
        help="ODP/GWP of a code covering several substances",
    )
    mirror.add_argument("--data", metavar="DIR", help="reference data folder (default data/)")
    mirror.add_argument("--json-summary", action="store_true", help="print the summary as JSON")
    return parser


def _data_dir(explicit: str | None) -> Path:
    # local import: engine.cli imports this module (screen_on_spark) for --engine spark
    from greencustoms.engine.cli import _roots

    candidates = [Path(explicit)] if explicit else [root / "data" for root in _roots()]
    for folder in candidates:
        if (folder / "ozone" / "montreal_substances.csv").is_file():
            return folder
    raise EngineError("no reference data (data/ozone/…): pass --data DIR")


def reference_factors(data_dir: str | Path, *, edition: str = "HS2022", basis: str = "min") -> list[HsFactor]:
    """The ODP/GWP factor of every controlled HS code of ``edition``, from the reference data folder."""
    reference = load_reference_csv(data_dir)
    units = units_from_items(
        load_ozone_tables(data_dir),
        substance_groups(data_dir),
        ((i.agreement, i.item_id, i.name, i.listing) for i in reference.items),
    )
    items = (
        (i.item_id, i.agreement, [c.code for c in i.hs_codes if c.edition == edition])
        for i in reference.items
    )
    return hs_factors(items, units, basis=basis)


def run_mirror(args: argparse.Namespace, stdout: TextIO) -> int:
    started = time.perf_counter()
    params = MirrorParameters(
        granularity=args.granularity,
        weight_tolerance=args.weight_tolerance,
        min_gap_kg=args.min_gap_kg,
        cif_fob_ratio=args.cif_fob_ratio,
        timing_periods=args.timing_periods,
        from_year=args.from_year,
        to_year=args.to_year,
    )
    factors = None if args.all_codes else reference_factors(_data_dir(args.data), basis=args.basis)
    for path in args.inputs:
        if not Path(path).is_file() and "://" not in path:
            raise EngineError(f"{path}: no such file")
    if args.engine == "spark":
        # local import: pyspark is optional (the [spark] extra) and heavy
        from greencustoms.engine.spark import collect_mirror, mirror_table_spark, read_comtrade_spark, session

        spark = session(args.master or "local[*]")
        spark.sparkContext.setLogLevel("ERROR")
        frame = mirror_table_spark(read_comtrade_spark(spark, args.inputs), factors=factors, params=params)
        if Path(args.output).suffix.lower() in (".csv", ".parquet", ".json", ".jsonl"):
            table = collect_mirror(frame)
        else:  # a folder or an object-store URL: written by the executors, never through the driver
            frame.drop("p").write.mode("overwrite").parquet(args.output)
            table = None
    else:
        table = mirror_table(read_comtrade(args.inputs), factors=factors, params=params)
    if table is not None:
        write_table(table, args.output, format=output_format(args.output))
    summary = {
        "inputs": list(args.inputs),
        "output": args.output,
        "engine": args.engine,
        "parameters": params.as_dict(),
        "factor_basis": None if args.all_codes else args.basis,
        "rows": table.height if table is not None else None,
        "flagged": int(table["flagged"].sum()) if table is not None else None,
        "seconds": round(time.perf_counter() - started, 3),
    }
    if args.json_summary:
        stdout.write(json.dumps(summary) + "\n")
    elif table is not None:
        stdout.write(
            f"{table.height:,} exporter × importer × code × period rows, {summary['flagged']:,} flagged,"
            f" written to {args.output} in {summary['seconds']} s\n"
        )
    else:
        stdout.write(f"written to {args.output} by Spark in {summary['seconds']} s\n")
    return 0


def screen_on_spark(args: argparse.Namespace, ruleset: Ruleset, stdout: TextIO, stderr: TextIO) -> int:
    """`greencustoms screen INPUT -o HITS --engine spark [--master URL]`: CSV or Parquet lines with the
    standard column names, screened by Spark executors (see docs/spark.md)."""
    # local import: pyspark is optional (the [spark] extra) and heavy
    from greencustoms.engine.spark import read_lines_spark, screen_spark, session

    unsupported = [
        flag
        for flag, value in (("--errors", args.errors), ("--mapping", args.mapping), ("--column", args.column))
        if value
    ]
    if unsupported or (args.format and args.format not in ("csv", "parquet")):
        raise EngineError(
            f"--engine spark reads CSV or Parquet with the standard column names; not supported with it: {', '.join(unsupported) or '--format ' + str(args.format)}"
        )
    started = time.perf_counter()
    spark = session(args.master or "local[*]")
    spark.sparkContext.setLogLevel("ERROR")
    hits = screen_spark(read_lines_spark(spark, args.input), ruleset, edition=args.edition)
    if Path(args.output).suffix.lower() in (".csv", ".parquet", ".json", ".jsonl"):
        table = pl.from_arrow(hits.toArrow())
        assert isinstance(table, pl.DataFrame)  # noqa: S101 - from_arrow of a table is a frame
        write_table(table, args.output, format=output_format(args.output))
        count: int | None = table.height
    else:
        hits.write.mode("overwrite").parquet(args.output)
        count = None
    summary = {
        "input": str(args.input),
        "engine": "spark",
        "master": args.master or "local[*]",
        "ruleset": ruleset.release,
        "edition": args.edition,
        "hits": count,
        "output": str(args.output),
        "seconds": round(time.perf_counter() - started, 3),
    }
    if args.json_summary:
        stdout.write(json.dumps(summary) + "\n")
    else:
        stdout.write(
            f"{count if count is not None else 'all'} hits written to {args.output} by Spark in {summary['seconds']} s\n"
        )
    return 0


def main(argv: list[str] | None = None, *, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run `greencustoms trade …`; returns the exit status."""
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    except _ArgumentError as exc:
        err.write(f"{parser.format_usage()}{PROG}: error: {exc}\n")
        return 2
    except SystemExit as exc:  # --help
        return exc.code if isinstance(exc.code, int) else 0
    try:
        return run_mirror(args, out)
    except EngineError as exc:
        err.write(f"{PROG}: {exc}\n")
        return 2
    except OSError as exc:
        err.write(f"{PROG}: {exc.filename or ''}: {exc.strerror or exc}\n")
        return 2
    except Exception as exc:  # noqa: BLE001 - the contract is "never a traceback"; report it in one line
        err.write(f"{PROG}: internal error: {type(exc).__name__}: {exc}\n")
        return 1


if __name__ == "__main__":
    sys.exit(main())
