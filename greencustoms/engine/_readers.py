"""Readers: CSV/TSV, Parquet, XLSX, ASYCUDA World SAD XML and JSON lines, streamed in batches.

Every reader yields :class:`Chunk` objects: a batch of records in the engine's input columns (all
text, plus ``_line``) and the records rejected in the same stretch of the file. Nothing is lost:
each record is in exactly one of the two, and :class:`ReadStats` reconciles
``records = screened + rejected``.

What "line" means: the physical line of the file where a record starts, the header being line 1.
A CSV record whose quoted field holds a newline spans several physical lines; it is one record,
reported with its first line (``ReadStats.physical_lines`` counts every physical line). For XLSX
it is the worksheet row; for Parquet the row number plus one (as if a header were line 1); for
JSON lines the physical line; for SAD XML the line of the item's ``<Item>`` tag.

Limits (:class:`InputLimits`): a container (XLSX, any zip, Parquet) is measured from its directory or
footer before anything is decompressed, so that a small file that would expand to gigabytes is refused
with :class:`~greencustoms.engine.errors.LimitExceededError`; a JSON line nested too deeply is a
rejected line, not a failed run. CSV/TSV and JSON lines may be UTF-16 with a byte-order mark: they
are decoded to UTF-8 before the CSV reader sees them.

This module is the front end (format detection, validation, the :class:`InputReader`); each format has
its module (``_readers_csv``, ``_readers_other`` for Parquet/XLSX/JSON lines, ``_sad`` for SAD XML), all
built on ``_input`` (limits, column mapping, statistics).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final

import polars as pl

from greencustoms.engine._input import (
    DEFAULT_BATCH_SIZE,
    DEFAULT_LIMITS,
    MAX_HS_DIGITS,
    UTF16_BOMS,
    UTF32_BOMS,
    Chunk,
    ColumnMapping,
    InputLimits,
    ReadStats,
    check_input,
    errors_frame,
)
from greencustoms.engine._readers_csv import CsvSource
from greencustoms.engine._readers_other import jsonl_frames, parquet_frames, xlsx_frames
from greencustoms.engine._sad import sad_frames
from greencustoms.engine.columns import LINE
from greencustoms.engine.errors import MalformedInputError, UnsupportedFormatError

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "DEFAULT_LIMITS",
    "Chunk",
    "ColumnMapping",
    "InputLimits",
    "InputReader",
    "ReadStats",
    "check_input",
    "detect_format",
    "read_input",
]

_FORMATS: Final = ("csv", "tsv", "parquet", "xlsx", "xml", "jsonl")
_EXTENSIONS: Final = {
    ".csv": "csv",
    ".txt": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".xlsx": "xlsx",
    ".xml": "xml",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
}


def _validate(frame: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Normalise hs_code to digits; split off records whose hs_code or declaration_id is unusable."""
    raw = pl.col("hs_code").fill_null("").str.strip_chars()
    digits = raw.str.replace_all(r"[.\s\-/]", "")
    frame = frame.with_columns(
        pl.col("declaration_id").str.strip_chars(),
        raw.alias("_raw_hs"),
        digits.alias("hs_code"),
    )
    not_number = pl.col("hs_code").str.contains(r"[^0-9]")
    too_long = pl.col("hs_code").str.len_chars() > MAX_HS_DIGITS
    too_short = (pl.col("hs_code").str.len_chars() > 0) & (pl.col("hs_code").str.len_chars() < 2)
    no_id = pl.col("declaration_id").fill_null("") == ""
    reason = (
        pl.when(no_id)
        .then(pl.lit("declaration_id is empty"))
        .when(not_number)
        .then(pl.format('hs_code "{}" is not a number', pl.col("_raw_hs")))
        .when(too_long)
        .then(pl.format('hs_code "{}" has more than {} digits', pl.col("_raw_hs"), pl.lit(MAX_HS_DIGITS)))
        .when(too_short)
        .then(pl.format('hs_code "{}" has fewer than 2 digits', pl.col("_raw_hs")))
        .otherwise(pl.lit(None, dtype=pl.String))
        .alias("reason")
    )
    # the reasons are worded only for the (few) failing records, not for every line
    frame = frame.with_columns((no_id | not_number | too_long | too_short).alias("_bad"))
    bad = frame.filter(pl.col("_bad")).with_columns(reason)
    good = frame.filter(~pl.col("_bad")).drop("_raw_hs", "_bad")
    errors = bad.select(pl.col(LINE).alias("line"), pl.col("declaration_id"), pl.col("reason"))
    return good, errors


# -- the reader --------------------------------------------------------------------------------------
class InputReader:
    """Reads one input file as a stream of :class:`Chunk` objects; see the module docstring."""

    def __init__(
        self,
        path: str | Path,
        *,
        mapping: ColumnMapping | None = None,
        batch_size: int = DEFAULT_BATCH_SIZE,
        format: str | None = None,
        limits: InputLimits = DEFAULT_LIMITS,
    ) -> None:
        self.path = Path(path)
        self.mapping = mapping or ColumnMapping()
        self.batch_size = batch_size
        self.limits = limits
        self.stats = ReadStats()
        if not self.path.is_file():
            raise MalformedInputError(f"{self.path}: no such file")
        self.stats.bytes_total = self.path.stat().st_size
        self.stats.format = format or detect_format(self.path)
        if self.stats.format not in _FORMATS:
            raise UnsupportedFormatError(f"unsupported format {self.stats.format!r}; use one of {_FORMATS}")
        self._errors: list[pl.DataFrame] = []

    def chunks(self, *, prefetch: int = 0) -> Iterator[Chunk]:
        """Yield chunks; raises :class:`~greencustoms.engine.errors.InputError` for an unusable file.

        With ``prefetch`` > 0 a background thread reads up to that many chunks ahead, so that reading
        (mostly native Polars code, which releases the GIL) overlaps with screening on another core.
        """
        if prefetch > 0:
            return _prefetched(self._chunks(), prefetch)
        return self._chunks()

    def _chunks(self) -> Iterator[Chunk]:
        fmt = self.stats.format
        source: Iterator[tuple[pl.DataFrame, pl.DataFrame]]
        if fmt in ("parquet", "xlsx"):
            check_input(self.path, limits=self.limits)  # before anything is decompressed
        if fmt in ("csv", "tsv"):
            source = CsvSource(self).frames()
        elif fmt == "parquet":
            source = parquet_frames(self)
        elif fmt == "xlsx":
            source = xlsx_frames(self)
        elif fmt == "xml":
            source = sad_frames(self)
        else:
            source = jsonl_frames(self)
        for frame, early_errors in source:
            good, errors = _validate(frame) if frame.height else (frame, errors_frame([]))
            if early_errors.height:
                errors = pl.concat([early_errors, errors]).sort("line")
            self.stats.records += frame.height + early_errors.height
            self.stats.screened += good.height
            self.stats.rejected += errors.height
            yield Chunk(good, errors)

    def batches(self) -> Iterator[pl.DataFrame]:
        """Yield only the batches to screen; rejected records are kept in :attr:`errors`."""
        for chunk in self.chunks():
            if chunk.errors.height:
                self._errors.append(chunk.errors)
            yield chunk.batch

    @property
    def errors(self) -> pl.DataFrame:
        return pl.concat(self._errors) if self._errors else errors_frame([])


_DONE = object()


def _prefetched(source: Iterator[Chunk], depth: int) -> Iterator[Chunk]:
    """Run `source` in a daemon thread, `depth` items ahead; its exceptions are raised here, in order."""

    box: queue.Queue[Any] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def produce() -> None:
        try:
            for item in source:
                while not stop.is_set():
                    try:
                        box.put(item, timeout=0.1)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
            box.put(_DONE)
        except BaseException as exc:  # noqa: BLE001 - handed to the consumer, which re-raises it
            box.put(exc)

    worker = threading.Thread(target=produce, name="greencustoms-reader", daemon=True)
    worker.start()
    try:
        while True:
            item = box.get()
            if item is _DONE:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()


def read_input(
    path: str | Path,
    *,
    mapping: ColumnMapping | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    format: str | None = None,
    limits: InputLimits = DEFAULT_LIMITS,
) -> InputReader:
    """Open a declarations file for streamed reading (format from its content and extension).

    Parameters
    ----------
    path
        CSV/TSV, Parquet, XLSX, ASYCUDA World SAD XML or JSON lines.
    mapping
        Standard column name -> header in the file, for files with other headers.
    batch_size
        Records per batch (memory stays flat whatever the file size).
    format
        Force a format: csv, tsv, parquet, xlsx, xml, jsonl.
    limits
        How far the file may expand (zip and Parquet sizes, JSON nesting); see :class:`InputLimits`.

    Returns
    -------
    InputReader
        Iterate ``.chunks()`` (batch + errors) or ``.batches()``; counts in ``.stats``.
    """
    return InputReader(path, mapping=mapping, batch_size=batch_size, format=format, limits=limits)


def detect_format(path: Path) -> str:
    """Format from the file's first bytes, then its extension."""
    with path.open("rb") as fh:
        head = fh.read(512)
    if head.startswith(b"PAR1"):
        return "parquet"
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    by_extension = _EXTENSIONS.get(path.suffix.lower())
    if by_extension in ("parquet", "xlsx"):
        raise MalformedInputError(f"{path.name}: not a valid {by_extension} file")
    if head.startswith(UTF16_BOMS) and not head.startswith(UTF32_BOMS):
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith(b"<"):
        return "xml"
    if text.startswith(b"{"):
        return "jsonl"
    return by_extension or "csv"
