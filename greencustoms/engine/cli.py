"""`greencustoms screen INPUT -o HITS …`: the engine's command line, without Django (fast start).

Exit status: 0 when the screening ran (with or without hits), 2 when the input, the column mapping,
the ruleset or an output path is unusable, 1 on an unexpected internal error (reported in one line).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any, TextIO

from greencustoms.engine._compile import Ruleset, compile_ruleset, load_ruleset
from greencustoms.engine._readers import ColumnMapping, read_input
from greencustoms.engine._refdata import load_reference_csv
from greencustoms.engine._screen import screen_batch
from greencustoms.engine._writers import TableWriter
from greencustoms.engine.columns import DEFAULT_EDITION, EDITIONS, ERROR_SCHEMA, HIT_SCHEMA, LINE_SCHEMA
from greencustoms.engine.errors import EngineError

PROG = "greencustoms screen"
SHOWN_ERRORS = 10


class _ArgumentError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # argparse would sys.exit(2); the caller returns 2 instead
        raise _ArgumentError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="Screen declaration lines against the agreements' controlled items, codes and parties.",
    )
    parser.add_argument(
        "input", metavar="INPUT", help="CSV/TSV, Parquet, XLSX, ASYCUDA SAD XML or JSON lines"
    )
    parser.add_argument(
        "-o", "--output", metavar="HITS", required=True, help="hits file: .csv, .parquet or .json"
    )
    parser.add_argument("--errors", metavar="ERRORS", help="rejected lines: .csv, .parquet or .json")
    parser.add_argument(
        "--lines",
        metavar="LINES",
        help="one row per screened line with its verdict (clear, check, inspect), score and reasons:"
        " .csv, .parquet or .json",
    )
    parser.add_argument(
        "--at",
        metavar="YYYY-MM-DD",
        type=_date,
        help="the date to screen for when a line has no date column (default: today)",
    )
    parser.add_argument(
        "--mapping", metavar="FILE", help="column mapping file (JSON object or NAME=HEADER lines)"
    )
    parser.add_argument(
        "--column", metavar="NAME=HEADER", action="append", default=[], help="map one column (repeatable)"
    )
    parser.add_argument(
        "--edition", default=DEFAULT_EDITION, choices=EDITIONS, help="HS edition of the codes"
    )
    parser.add_argument("--json-summary", action="store_true", help="print the summary as JSON on stdout")
    parser.add_argument("--ruleset", metavar="FILE", help="a ruleset built by `greencustoms ruleset build`")
    parser.add_argument("--data", metavar="DIR", help="reference data folder to compile from (default data/)")
    parser.add_argument(
        "--format", choices=("csv", "tsv", "parquet", "xlsx", "xml", "jsonl"), help="input format"
    )
    parser.add_argument(
        "--engine", choices=("local", "spark"), default="local", help="local (one process) or spark (PySpark)"
    )
    parser.add_argument("--master", metavar="URL", help="Spark master with --engine spark (default local[*])")
    parser.add_argument("--batch-size", type=int, default=250_000, help=argparse.SUPPRESS)
    parser.add_argument("--no-progress", action="store_true", help="no progress bar even on a terminal")
    return parser


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from exc


def _roots() -> list[Path]:
    roots = [Path.cwd()]
    repo = Path(__file__).resolve().parents[2]
    if repo not in roots:
        roots.append(repo)
    return roots


def find_ruleset(explicit: str | None = None, data: str | None = None) -> Ruleset:
    """The ruleset to use: --ruleset, else var/ruleset/current.* ($GREENCUSTOMS_VAR_DIR or ./var), else
    compiled from the reference CSVs (--data, $GREENCUSTOMS_DATA_DIR or ./data)."""
    if explicit:
        return load_ruleset(explicit)
    if not data:
        var_dirs = [root / "var" for root in _roots()]
        if os.environ.get("GREENCUSTOMS_VAR_DIR"):
            var_dirs.insert(0, Path(os.environ["GREENCUSTOMS_VAR_DIR"]))
        for var in var_dirs:
            current = sorted((var / "ruleset").glob("current.*"))
            if current:
                return load_ruleset(current[0])
    candidates = [Path(data)] if data else [root / "data" for root in _roots()]
    env = os.environ.get("GREENCUSTOMS_DATA_DIR")
    if env and not data:
        candidates.insert(0, Path(env))
    for folder in candidates:
        if (folder / "agreements" / "items.csv").is_file():
            return compile_ruleset(load_reference_csv(folder))
    raise EngineError(
        "no ruleset: run `greencustoms ruleset build`, pass --ruleset FILE, or --data DIR with the reference CSVs"
    )


class _Progress:
    def __init__(self, stream: TextIO, enabled: bool) -> None:
        self.stream = stream
        self.enabled = enabled
        self.last = 0.0

    def update(self, done: int, total: int, records: int, *, final: bool = False) -> None:
        now = time.monotonic()
        if not self.enabled or (now - self.last < 0.2 and not final):
            return
        self.last = now
        share = done / total if total else 1.0
        bar = "#" * int(share * 30)
        self.stream.write(f"\rscreening [{bar:<30}] {share:4.0%} {records:,} records")
        if final:
            self.stream.write("\n")
        self.stream.flush()


def run(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    started = time.perf_counter()
    mapping = ColumnMapping()
    if args.mapping:
        mapping = ColumnMapping.from_file(args.mapping)
    if args.column:
        mapping = mapping.merged(ColumnMapping.from_pairs(args.column))
    ruleset = find_ruleset(args.ruleset, args.data)
    if args.engine == "spark":
        # local import: trade_cli imports this module's _roots, and Spark is optional
        from greencustoms.engine.trade_cli import screen_on_spark

        return screen_on_spark(args, ruleset, stdout, stderr)
    reader = read_input(args.input, mapping=mapping, batch_size=args.batch_size, format=args.format)
    progress = _Progress(stderr, stderr.isatty() and not args.no_progress)
    by_rule: Counter[str] = Counter()
    by_agreement: Counter[str] = Counter()
    by_severity: Counter[str] = Counter()
    lines_with_hits = 0
    shown: list[tuple[int, str, str]] = []
    hits_writer = TableWriter(args.output, HIT_SCHEMA)
    errors_writer = TableWriter(args.errors, ERROR_SCHEMA) if args.errors else None
    lines_writer = TableWriter(args.lines, LINE_SCHEMA) if args.lines else None
    by_verdict: Counter[str] = Counter()
    at = args.at or dt.date.today()
    try:
        for chunk in reader.chunks(prefetch=2):
            # the lines (verdicts) only when asked for: the hits alone are cheaper
            screened = screen_batch(
                chunk.batch, ruleset, edition=args.edition, at=at, with_lines=bool(args.lines)
            )
            hits = screened.hits
            hits_writer.write(hits)
            if lines_writer is not None:
                lines_writer.write(screened.lines)
            if screened.lines.height:
                by_verdict.update(dict(screened.lines["verdict"].value_counts().iter_rows()))
            if hits.height:
                by_rule.update(dict(hits["rule"].value_counts().iter_rows()))
                by_agreement.update(dict(hits["agreement"].value_counts().iter_rows()))
                by_severity.update(dict(hits["severity"].value_counts().iter_rows()))
                lines_with_hits += hits.select("declaration_id", "line_no").n_unique()
            if chunk.errors.height:
                if errors_writer is not None:
                    errors_writer.write(chunk.errors)
                if len(shown) < SHOWN_ERRORS:
                    shown.extend(chunk.errors.head(SHOWN_ERRORS - len(shown)).iter_rows())
            progress.update(reader.stats.bytes_read, reader.stats.bytes_total, reader.stats.records)
    finally:
        hits_writer.close()
        if errors_writer is not None:
            errors_writer.close()
        if lines_writer is not None:
            lines_writer.close()
    progress.update(1, 1, reader.stats.records, final=True)
    stats = reader.stats
    summary: dict[str, Any] = {
        "input": str(args.input),
        **stats.as_dict(),
        "edition": args.edition,
        "at": at.isoformat(),
        "ruleset": ruleset.release,
        "hits": hits_writer.rows,
        "lines_with_hits": lines_with_hits,
        "hits_by_rule": dict(sorted(by_rule.items())),
        "hits_by_agreement": dict(sorted(by_agreement.items())),
        "hits_by_severity": dict(sorted(by_severity.items())),
        "lines_by_verdict": {v: by_verdict.get(v, 0) for v in ("inspect", "check", "clear")}
        if args.lines
        else None,
        "output": str(args.output),
        "errors_output": args.errors,
        "lines_output": args.lines,
        "seconds": round(time.perf_counter() - started, 3),
    }
    if args.json_summary:
        stdout.write(json.dumps(summary, ensure_ascii=False) + "\n")
    else:
        stdout.write(
            f"read {stats.records:,} records ({stats.physical_lines:,} physical lines, {stats.format},"
            f" {stats.encoding}): screened {stats.screened:,}, rejected {stats.rejected:,}\n"
            f"{hits_writer.rows:,} hits on {lines_with_hits:,} lines written to {args.output}"
            f" in {summary['seconds']} s (ruleset {ruleset.release}, {args.edition})\n"
        )
        for rule, count in summary["hits_by_rule"].items():
            stdout.write(f"  {rule}: {count:,}\n")
        verdicts = summary["lines_by_verdict"]
        if verdicts is not None:
            stdout.write(
                f"lines: {verdicts['inspect']:,} inspect, {verdicts['check']:,} check, {verdicts['clear']:,} clear"
                f" written to {args.lines}\n"
            )
        stdout.write(f"screened for {at.isoformat()} where a line has no date\n")
    for warning in stats.warnings:
        stderr.write(f"{PROG}: warning: {warning}\n")
    if shown:
        for line, _ident, reason in shown:
            stderr.write(f"{PROG}: line {line:,}: {reason}\n")
        if stats.rejected > len(shown):
            more = stats.rejected - len(shown)
            where = f"all in {args.errors}" if args.errors else "use --errors FILE for the full list"
            stderr.write(f"{PROG}: … {more:,} more rejected lines ({where})\n")
    return 0


def main(argv: list[str] | None = None, *, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run `greencustoms screen`; returns the exit status (0 ran, 2 unusable input, 1 internal error)."""
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
        return run(args, out, err)
    except EngineError as exc:
        err.write(f"{PROG}: {exc}\n")
        return 2
    except OSError as exc:
        err.write(f"{PROG}: {exc.filename or ''}: {exc.strerror or exc}\n")
        return 2
    except KeyboardInterrupt:
        err.write(f"{PROG}: interrupted\n")
        return 130
    except Exception as exc:  # noqa: BLE001 - the contract is "never a traceback"; report it in one line
        err.write(f"{PROG}: internal error: {type(exc).__name__}: {exc}\n")
        return 1


if __name__ == "__main__":
    sys.exit(main())
