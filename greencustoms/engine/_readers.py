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
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Final

import polars as pl

from greencustoms.engine.columns import ERROR_SCHEMA, INPUT_COLUMNS, LINE, REQUIRED_COLUMNS
from greencustoms.engine.errors import (
    LimitExceededError,
    MalformedInputError,
    MappingError,
    MissingColumnsError,
    UnsupportedFormatError,
)

DEFAULT_BATCH_SIZE: Final = 250_000
_BLOCK_BYTES: Final = 16 * 1024 * 1024
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
MAX_HS_DIGITS: Final = 14
_UTF16_BOMS: Final = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_UTF32_BOMS: Final = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
# a member smaller than this may have any compression ratio: tiny XML parts of a workbook compress a lot
_RATIO_FLOOR_BYTES: Final = 1024 * 1024


# -- limits ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class InputLimits:
    """How far an input may expand when read; ``None`` switches a bound off.

    ``max_uncompressed_bytes`` bounds the total a zip container (XLSX) or a Parquet file declares it
    expands to; ``max_compression_ratio`` bounds each zip member's (and a Parquet file's) expanded size
    over its stored size, for parts above 1 MiB; ``max_json_depth`` is the deepest nesting of arrays
    and objects a JSON line may have (deeper lines are rejected lines).
    """

    max_uncompressed_bytes: int | None = 2 * 1024**3
    max_compression_ratio: float | None = 200.0
    max_json_depth: int = 32


DEFAULT_LIMITS: Final = InputLimits()


def _mb(n: float) -> str:
    return f"{n / 2**20:,.1f} MB"


def check_input(
    source: str | Path | IO[bytes], *, limits: InputLimits = DEFAULT_LIMITS, name: str = ""
) -> int:
    """Measure a file before it is read: the bytes it expands to, or LimitExceededError.

    Parameters
    ----------
    source
        A path or a seekable binary file (an upload not yet on disk).
    limits
        The bounds to apply.
    name
        The file name to use in messages.

    Returns
    -------
    int
        The declared uncompressed size of a zip or Parquet file; the file's size otherwise.
    """
    if isinstance(source, str | Path):
        name = name or Path(source).name
        with Path(source).open("rb") as fh:
            return check_input(fh, limits=limits, name=name)
    start = source.tell()
    head = source.read(4)
    size = source.seek(0, io.SEEK_END) - start
    source.seek(start)
    try:
        if head in (b"PK\x03\x04", b"PK\x05\x06"):
            return _check_zip(source, limits, name or "input")
        if head == b"PAR1":
            return _check_parquet(source, limits, name or "input", size)
    finally:
        source.seek(start)
    return size


def _check_zip(source: IO[bytes], limits: InputLimits, name: str) -> int:
    """Sizes from the zip's central directory (Python's zipfile never inflates past a member's declared
    size, so the declared sizes bound what openpyxl can read)."""
    try:
        with zipfile.ZipFile(source) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise MalformedInputError(f"{name}: not a readable zip/XLSX file ({exc})") from exc
    total = sum(m.file_size for m in members)
    if limits.max_uncompressed_bytes is not None and total > limits.max_uncompressed_bytes:
        raise LimitExceededError(
            f"{name}: expands to {_mb(total)} when unzipped; the limit is {_mb(limits.max_uncompressed_bytes)}"
        )
    if limits.max_compression_ratio is not None:
        for member in members:
            ratio = member.file_size / max(member.compress_size, 1)
            if member.file_size > _RATIO_FLOOR_BYTES and ratio > limits.max_compression_ratio:
                raise LimitExceededError(
                    f"{name}: part {member.filename!r} expands {ratio:,.0f} times"
                    f" ({_mb(member.compress_size)} to {_mb(member.file_size)});"
                    f" the limit is {limits.max_compression_ratio:,.0f} times"
                )
    return total


def _check_parquet(source: IO[bytes], limits: InputLimits, name: str, size: int) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        meta = pq.ParquetFile(source).metadata
    except (pa.ArrowException, OSError) as exc:
        raise MalformedInputError(f"{name}: not a readable Parquet file ({exc})") from exc
    total = compressed = 0
    for i in range(meta.num_row_groups):
        group = meta.row_group(i)
        for j in range(group.num_columns):
            column = group.column(j)
            total += column.total_uncompressed_size
            compressed += column.total_compressed_size
    if limits.max_uncompressed_bytes is not None and total > limits.max_uncompressed_bytes:
        raise LimitExceededError(
            f"{name}: its columns expand to {_mb(total)}; the limit is {_mb(limits.max_uncompressed_bytes)}"
        )
    ratio = total / max(compressed, 1)
    if (
        limits.max_compression_ratio is not None
        and total > _RATIO_FLOOR_BYTES
        and ratio > limits.max_compression_ratio
    ):
        raise LimitExceededError(
            f"{name}: its columns expand {ratio:,.0f} times ({_mb(compressed)} to {_mb(total)});"
            f" the limit is {limits.max_compression_ratio:,.0f} times"
        )
    return max(total, size)


class _Utf16AsUtf8:
    """A UTF-16 file (with its byte-order mark) read as UTF-8 lines and blocks, for the CSV and JSON
    lines readers, which work on UTF-8 bytes."""

    def __init__(self, raw: IO[bytes], name: str) -> None:
        self.text = io.TextIOWrapper(raw, encoding="utf-16", newline="")  # the BOM picks the byte order
        self.name = name

    def _decoded(self, read: Any, *args: Any) -> bytes:
        try:
            return str(read(*args)).encode("utf-8")
        except UnicodeDecodeError as exc:
            raise MalformedInputError(
                f"{self.name}: starts with a UTF-16 byte-order mark but is not valid UTF-16 ({exc.reason})"
            ) from exc

    def readline(self) -> bytes:
        return self._decoded(self.text.readline)

    def read(self, size: int) -> bytes:
        return self._decoded(self.text.read, max(size // 2, 1))  # about `size` bytes of the UTF-16 file

    def __iter__(self) -> Iterator[bytes]:
        while line := self.readline():
            yield line


def _open_text(path: Path) -> tuple[IO[bytes] | _Utf16AsUtf8, str]:
    """The file as UTF-8 bytes (UTF-16 with a byte-order mark decoded), and the encoding it had."""
    fh = path.open("rb")
    head = fh.read(4)
    fh.seek(0)
    if head.startswith(_UTF32_BOMS):
        fh.close()
        raise MalformedInputError(f"{path.name}: UTF-32 text is not read; save the file as UTF-8 or UTF-16")
    if head.startswith(_UTF16_BOMS):
        return _Utf16AsUtf8(fh, path.name), "utf-16"
    return fh, ""


def _json_depth_over(value: Any, limit: int) -> bool:
    """Whether arrays and objects in `value` nest more than `limit` levels (the record itself is one)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return True
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else ()
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


# -- column mapping ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class ColumnMapping:
    """Which header of the file holds each standard input column (standard name -> file header)."""

    columns: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_pairs(cls, pairs: list[str]) -> ColumnMapping:
        """Parse ``NAME=HEADER`` pairs (CLI flags)."""
        columns = {}
        for pair in pairs:
            name, sep, header = pair.partition("=")
            if not sep or not header.strip():
                raise MappingError(f"column mapping {pair!r} is not NAME=HEADER")
            columns[name.strip()] = header.strip()
        return cls(columns)._checked()

    @classmethod
    def from_file(cls, path: str | Path) -> ColumnMapping:
        """Read a mapping file: a JSON object, or lines ``NAME=HEADER`` (``#`` starts a comment)."""
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise MappingError(f"cannot read the mapping file {path}: {exc}") from exc
        if text.lstrip().startswith("{"):
            try:
                data = json.loads(text)
            except ValueError as exc:
                raise MappingError(f"mapping file {path}: invalid JSON ({exc})") from exc
            if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
                raise MappingError(f"mapping file {path}: expected an object of NAME: HEADER strings")
            return cls({str(k): v for k, v in data.items()})._checked()
        pairs = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
        return cls.from_pairs(pairs)

    def merged(self, other: ColumnMapping) -> ColumnMapping:
        return ColumnMapping({**self.columns, **other.columns})

    def _checked(self) -> ColumnMapping:
        unknown = sorted(set(self.columns) - set(INPUT_COLUMNS))
        if unknown:
            raise MappingError(
                f"unknown column name(s) in mapping: {', '.join(unknown)}; known: {', '.join(INPUT_COLUMNS)}"
            )
        return self

    def resolve(self, headers: list[str]) -> dict[str, str]:
        """Standard name -> actual header, matching case-insensitively; raises when required ones lack."""
        lookup = {h.strip().lower(): h for h in headers}
        resolved = {}
        for name in INPUT_COLUMNS:
            wanted = self.columns.get(name, name).strip().lower()
            if wanted in lookup:
                resolved[name] = lookup[wanted]
        missing = [n for n in REQUIRED_COLUMNS if n not in resolved]
        if missing:
            raise MissingColumnsError(
                [self.columns.get(n, n) for n in missing], [h for h in headers if h is not None]
            )
        return resolved


# -- statistics and chunks ---------------------------------------------------------------------------
@dataclass
class ReadStats:
    """Counts kept while reading; ``records == screened + rejected`` once the input is exhausted."""

    format: str = ""
    encoding: str = ""
    delimiter: str = ""
    records: int = 0
    screened: int = 0
    rejected: int = 0
    physical_lines: int = 0
    bytes_read: int = 0
    bytes_total: int = 0
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "encoding": self.encoding,
            "delimiter": self.delimiter,
            "records": self.records,
            "screened": self.screened,
            "rejected": self.rejected,
            "physical_lines": self.physical_lines,
            "reconciled": self.records == self.screened + self.rejected,
            "warnings": list(self.warnings),
        }


@dataclass(frozen=True)
class Chunk:
    """A batch of records to screen and the records rejected in the same stretch of the input."""

    batch: pl.DataFrame
    errors: pl.DataFrame


def _errors_frame(rows: list[tuple[int, str, str]]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=ERROR_SCHEMA, orient="row")


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


def _standardise(frame: pl.DataFrame, resolved: dict[str, str]) -> pl.DataFrame:
    columns = [
        (pl.col(resolved[n]).cast(pl.String) if n in resolved else pl.lit(None, dtype=pl.String)).alias(n)
        for n in INPUT_COLUMNS
    ]
    return frame.select(*columns, pl.col(LINE).cast(pl.Int64))


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
            source = _CsvSource(self).frames()
        elif fmt == "parquet":
            source = _parquet_frames(self)
        elif fmt == "xlsx":
            source = _xlsx_frames(self)
        elif fmt == "xml":
            from greencustoms.engine._sad import sad_frames

            source = sad_frames(self)
        else:
            source = _jsonl_frames(self)
        for frame, early_errors in source:
            good, errors = _validate(frame) if frame.height else (frame, _errors_frame([]))
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
        return pl.concat(self._errors) if self._errors else _errors_frame([])


_DONE = object()


def _prefetched(source: Iterator[Chunk], depth: int) -> Iterator[Chunk]:
    """Run `source` in a daemon thread, `depth` items ahead; its exceptions are raised here, in order."""
    import queue
    import threading

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
    if head.startswith(_UTF16_BOMS) and not head.startswith(_UTF32_BOMS):
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith(b"<"):
        return "xml"
    if text.startswith(b"{"):
        return "jsonl"
    return by_extension or "csv"


# -- CSV / TSV ---------------------------------------------------------------------------------------
class _LineFeed:
    """Feeds lines (with their newline) to csv.reader and notes whether it ran past the end."""

    def __init__(self, lines: list[str], start: int) -> None:
        self.lines = lines
        self.index = start
        self.exhausted = False

    def __iter__(self) -> _LineFeed:
        return self

    def __next__(self) -> str:
        if self.index >= len(self.lines):
            self.exhausted = True
            raise StopIteration
        line = self.lines[self.index]
        self.index += 1
        return line + "\n"


class _CsvSource:
    def __init__(self, reader: InputReader) -> None:
        self.reader = reader
        self.stats = reader.stats
        self.encoding = ""  # decided at the first non-ASCII bytes
        self.source_encoding = ""  # "utf-16" when the file was decoded to UTF-8 before reading
        self.sep = ""

    # decoding: UTF-8 unless the first non-ASCII bytes are not UTF-8, then Latin-1
    def _decode(self, data: bytes) -> tuple[str, list[int]]:
        """Text of `data` and the indexes (0-based, within `data`) of lines that are not valid UTF-8."""
        if self.encoding == "latin-1":
            return data.decode("latin-1"), []
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            if not self.encoding and not re.search(rb"[\xc2-\xf4][\x80-\xbf]", data):
                self.encoding = "latin-1"
                self.stats.encoding = "latin-1"
                return data.decode("latin-1"), []
            self.encoding = "utf-8"
            escaped = data.decode("utf-8", errors="surrogateescape")
            bad = [i for i, line in enumerate(escaped.split("\n")) if re.search("[\udc80-\udcff]", line)]
            return data.decode("utf-8", errors="replace"), bad
        if not self.encoding and not data.isascii():
            self.encoding = "utf-8"
        return text, []

    def frames(self) -> Iterator[tuple[pl.DataFrame, pl.DataFrame]]:
        fh, self.source_encoding = _open_text(self.reader.path)
        if self.source_encoding:
            self.encoding = "utf-8"  # what the decoder hands on; no Latin-1 guess
        with fh.text if isinstance(fh, _Utf16AsUtf8) else fh:
            yield from self._frames(fh)

    def _header(self, fh: IO[bytes] | _Utf16AsUtf8) -> tuple[list[str], int]:
        first = fh.readline()
        self.stats.bytes_read += len(first)
        if first.startswith(b"\xef\xbb\xbf"):
            first = first[3:]
            self.encoding = "utf-8"
        if not first.strip():
            raise MalformedInputError(f"{self.reader.path.name}: empty file or blank first line (no header)")
        text, bad = self._decode(first.rstrip(b"\r\n"))
        if bad:
            raise MalformedInputError(f"{self.reader.path.name}: line 1 (header) is not valid UTF-8")
        if self.stats.format == "tsv":
            self.sep = "\t"
        else:
            counts = {sep: text.count(sep) for sep in (",", ";", "\t", "|")}
            self.sep = max(counts, key=lambda s: counts[s]) if max(counts.values()) else ","
        headers = next(csv.reader([text], delimiter=self.sep))
        if len({h.strip().lower() for h in headers}) != len(headers):
            raise MalformedInputError(f"{self.reader.path.name}: line 1 (header) repeats a column name")
        self.stats.delimiter = {"\t": "tab"}.get(self.sep, self.sep)
        return headers, 1

    def _frames(self, fh: IO[bytes] | _Utf16AsUtf8) -> Iterator[tuple[pl.DataFrame, pl.DataFrame]]:
        headers, header_lines = self._header(fh)
        resolved = self.reader.mapping.resolve(headers)
        self.stats.physical_lines = header_lines
        self.stats.encoding = self.source_encoding or self.encoding or "utf-8"
        ncols = len(headers)
        carry = b""
        next_line = header_lines + 1
        eof = False
        while not eof:
            data = fh.read(_BLOCK_BYTES)
            self.stats.bytes_read += len(data)
            eof = not data
            block = carry + data
            if not block:
                break
            if not eof:
                cut = block.rfind(b"\n")
                if cut < 0:
                    carry = block
                    continue
                block, carry = block[: cut + 1], block[cut + 1 :]
            elif not block.endswith(b"\n"):
                block += b"\n"
            n_lines = block.count(b"\n")  # counted once: a 16 MB scan
            frame, errors, consumed = self._parse_block(
                block, next_line, headers, ncols, final=eof, n_lines=n_lines
            )
            if consumed < n_lines:
                # an open quoted field reaches the end of the block: parse those lines with the next one
                lines_kept = block.split(b"\n")[consumed:-1]
                carry = b"\n".join(lines_kept) + b"\n" + carry
            next_line += consumed
            self.stats.physical_lines += consumed
            if frame.height or errors.height:
                yield _standardise(frame, resolved), errors
        self.stats.encoding = self.source_encoding or self.encoding or "utf-8"

    def _whole_block(
        self, block: bytes, first_line: int, headers: list[str], ncols: int, *, lines: int | None = None
    ) -> pl.DataFrame | None:
        """The common case in one native read: every line one record of exactly `ncols` fields.

        Proven, not assumed: Polars refuses rows with too many fields; the record count must equal the
        line count (no quoted newline, no blank line); and no row may have too few fields: Polars fills
        those with "" up to the last column, so either no record's last field is empty or the separators
        in the block must number (ncols - 1) per record plus those inside values. Otherwise None, and the
        block goes line by line.
        """
        if self.encoding == "latin-1":
            data = block.decode("latin-1").encode("utf-8")
        elif not block.isascii() and not self.encoding:
            self._decode(block)  # decides the encoding
            return self._whole_block(block, first_line, headers, ncols, lines=lines)
        else:
            data = block
        sep = self.sep
        try:
            frame = pl.read_csv(
                data,
                has_header=False,
                new_columns=headers,
                separator=sep,
                quote_char='"',
                infer_schema=False,
                empty_string_is_null=False,
                truncate_ragged_lines=False,
                encoding="utf8",
            )
        except pl.exceptions.PolarsError:
            return None
        if lines is None:
            lines = block.count(b"\n")
        if frame.height != lines or frame.width != ncols:
            return None
        if frame.null_count().sum_horizontal().item():
            return None
        # Polars fills the missing fields of a short record with "" up to the last column: when no
        # record's last field is empty, none is short and the separators need not be counted
        if (frame.to_series(ncols - 1) == "").any():
            expected = lines * (ncols - 1)
            if b'"' in block:
                inside = frame.select(
                    pl.sum_horizontal(pl.col(h).str.count_matches(sep, literal=True).sum() for h in headers)
                ).item()
                expected += int(inside or 0)
            if data.count(sep.encode()) != expected:
                return None
        return frame.with_columns(pl.int_range(first_line, first_line + lines, dtype=pl.Int64).alias(LINE))

    def _parse_block(
        self,
        block: bytes,
        first_line: int,
        headers: list[str],
        ncols: int,
        *,
        final: bool,
        n_lines: int | None = None,
    ) -> tuple[pl.DataFrame, pl.DataFrame, int]:
        """Records of `block` (whole lines; `n_lines` of them if known); returns (records, errors, number
        of lines consumed)."""
        if n_lines is None:
            n_lines = block.count(b"\n")
        whole = self._whole_block(block, first_line, headers, ncols, lines=n_lines)
        if whole is not None:
            return whole, _errors_frame([]), n_lines
        text, bad_lines = self._decode(block)
        lines = pl.Series("raw", [text]).str.split("\n").explode().str.strip_suffix("\r")
        lines = lines.head(lines.len() - 1)  # the block ends with a newline
        n = lines.len()
        sep = self.sep
        info = pl.DataFrame({"raw": lines}).with_columns(
            pl.col("raw").str.count_matches('"', literal=True).alias("q"),
            pl.col("raw").str.count_matches(sep, literal=True).alias("s"),
            (pl.int_range(0, n, dtype=pl.Int64) + first_line).alias(LINE),
        )
        errors: list[tuple[int, str, str]] = []
        slow_records: list[list[str]] = []
        slow_lines: list[int] = []
        # lines with an odd number of quotes may open a multi-line record (or hold a literal inch mark):
        # the csv module reads those; all other lines are one record each and are split vectorised
        special = info.filter((pl.col("q") % 2 == 1) | (pl.col("raw") == "")).get_column(LINE).to_list()
        consumed_mask: set[int] = set()  # lines taken by the slow path (relative indexes)
        bad_set = set(bad_lines)
        consumed = n
        if special or bad_set:
            raw_list = lines.to_list() if special else []
            next_free = 0
            for line in special:
                idx = line - first_line
                if idx < next_free:
                    continue
                consumed_mask.add(idx)
                if raw_list[idx] == "":
                    errors.append((line, "", "blank line"))
                    next_free = idx + 1
                    continue
                feed = _LineFeed(raw_list, idx)
                reader = csv.reader(feed, delimiter=sep)
                try:
                    record = next(reader)
                except csv.Error as exc:
                    record = None
                    problem = str(exc)
                except StopIteration:
                    record, problem = None, "unreadable line"
                span = max(reader.line_num, 1)
                if feed.exhausted and not final:
                    consumed = idx  # open quote at the end of the block: retry with more data
                    break
                for extra in range(idx + 1, min(idx + span, n)):
                    consumed_mask.add(extra)
                next_free = idx + span
                span_note = f" (record spans lines {line}-{line + span - 1})" if span > 1 else ""
                if feed.exhausted:
                    errors.append((line, "", f"quoted field never closed{span_note}"))
                elif record is None:
                    errors.append((line, "", f"cannot parse the line: {problem}"))
                elif len(record) != ncols:
                    errors.append(
                        (
                            line,
                            record[0] if record else "",
                            f"{len(record)} fields, expected {ncols}{span_note}",
                        )
                    )
                else:
                    slow_records.append(record)
                    slow_lines.append(line)
        keep = pl.int_range(0, n, dtype=pl.Int64)
        rest = info.filter(~keep.is_in(list(consumed_mask)) & (keep < consumed))
        fast = rest.filter(pl.col("q") == 0)
        ragged = fast.filter(pl.col("s") != ncols - 1)
        fast = fast.filter(pl.col("s") == ncols - 1)
        for line, raw, s in ragged.select(LINE, "raw", "s").iter_rows():
            errors.append((line, raw.split(sep, 1)[0], f"{s + 1} fields, expected {ncols}"))
        names = [f"field_{i}" for i in range(ncols)]
        fast_frame = (
            fast.select(pl.col("raw").str.split_exact(sep, ncols - 1).struct.rename_fields(names), LINE)
            .unnest("raw")
            .rename(dict(zip(names, headers, strict=True)))
        )
        quoted_frame, quoted_errors = _quoted_lines(rest.filter(pl.col("q") > 0), headers, sep)
        errors.extend(quoted_errors)
        if quoted_frame.height:
            fast_frame = pl.concat([fast_frame, quoted_frame])
        if slow_records:
            slow_frame = pl.DataFrame(
                [[*r, ln] for r, ln in zip(slow_records, slow_lines, strict=True)],
                schema=[*headers, LINE],
                orient="row",
            ).with_columns(pl.col(LINE).cast(pl.Int64))
            frame = pl.concat([fast_frame, slow_frame]).sort(LINE)
        else:
            frame = fast_frame.sort(LINE)
        if bad_set:
            bad_abs = [first_line + i for i in bad_set if i < consumed]
            bad_rows = frame.filter(pl.col(LINE).is_in(bad_abs))
            for (line,) in bad_rows.select(LINE).iter_rows():
                errors.append((line, "", "line is not valid UTF-8 (the rest of the file is UTF-8)"))
            frame = frame.filter(~pl.col(LINE).is_in(bad_abs))
        errors.sort()
        return frame, _errors_frame(errors), consumed


_QUOTED_FIELD = r'"(?:[^"]|"")*"'


def _quoted_lines(
    lines: pl.DataFrame, headers: list[str], sep: str
) -> tuple[pl.DataFrame, list[tuple[int, str, str]]]:
    """One-line records with balanced quotes: parsed by Polars' CSV reader, the doubtful ones by csv."""
    ncols = len(headers)
    empty = pl.DataFrame(schema={**dict.fromkeys(headers, pl.String), LINE: pl.Int64})
    if lines.height == 0:
        return empty, []
    counted = lines.with_columns(
        pl.col("raw").str.replace_all(_QUOTED_FIELD, "").str.count_matches(sep, literal=True).alias("s")
    )
    sure = counted.filter(pl.col("s") == ncols - 1)
    doubtful = counted.filter(pl.col("s") != ncols - 1)
    frames = []
    if sure.height:
        parsed: pl.DataFrame | None
        try:
            parsed = pl.read_csv(
                sure.select(pl.col("raw").str.join("\n")).item().encode() + b"\n",
                has_header=False,
                new_columns=headers,
                separator=sep,
                quote_char='"',
                infer_schema=False,
                truncate_ragged_lines=False,
            )
        except pl.exceptions.PolarsError:
            parsed = None
        if parsed is not None and parsed.height == sure.height and parsed.width == ncols:
            # Polars reads an empty field as null; the other paths give "" (the same after validation)
            frames.append(parsed.with_columns(pl.all().fill_null(""), sure[LINE]))
        else:
            doubtful = pl.concat([doubtful, sure])
    errors: list[tuple[int, str, str]] = []
    if doubtful.height:
        rows, lines_ok = [], []
        for line, raw in doubtful.select(LINE, "raw").iter_rows():
            record = next(csv.reader([raw], delimiter=sep), [])
            if len(record) == ncols:
                rows.append(record)
                lines_ok.append(line)
            else:
                errors.append((line, record[0] if record else "", f"{len(record)} fields, expected {ncols}"))
        if rows:
            frames.append(
                pl.DataFrame(rows, schema=headers, orient="row").with_columns(
                    pl.Series(LINE, lines_ok, dtype=pl.Int64)
                )
            )
    return (pl.concat(frames) if frames else empty), errors


# -- Parquet -----------------------------------------------------------------------------------------
def _parquet_frames(reader: InputReader) -> Iterator[tuple[pl.DataFrame, pl.DataFrame]]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(reader.path)
    except (pa.ArrowException, OSError) as exc:
        raise MalformedInputError(f"{reader.path.name}: not a readable Parquet file ({exc})") from exc
    headers = list(pf.schema_arrow.names)
    resolved = reader.mapping.resolve(headers)
    hs_type = pf.schema_arrow.field(resolved["hs_code"]).type
    if pa.types.is_integer(hs_type) or pa.types.is_floating(hs_type):
        reader.stats.warnings.append(
            "hs_code is stored as a number: leading zeros were lost; codes with an odd number of digits"
            " were given a leading 0"
        )
    reader.stats.encoding = "parquet"
    offset = decoded = 0
    limit = reader.limits.max_uncompressed_bytes
    for batch in pf.iter_batches(batch_size=reader.batch_size, columns=sorted(set(resolved.values()))):
        frame = pl.from_arrow(batch)
        assert isinstance(frame, pl.DataFrame)  # noqa: S101 - from_arrow of a batch is a frame
        frame = _texts(frame, resolved)
        # dictionary-encoded text declares a small size and decodes to a large one: count what it became
        decoded += int(frame.estimated_size())
        if limit is not None and decoded > limit:
            raise LimitExceededError(
                f"{reader.path.name}: its text columns decode to more than {_mb(limit)} (the limit)"
            )
        frame = frame.with_columns((pl.int_range(0, frame.height, dtype=pl.Int64) + offset + 2).alias(LINE))
        offset += frame.height
        reader.stats.physical_lines = offset + 1
        reader.stats.bytes_read = int(reader.stats.bytes_total * offset / max(pf.metadata.num_rows, 1))
        yield _standardise(frame, resolved), _errors_frame([])


def _texts(frame: pl.DataFrame, resolved: dict[str, str]) -> pl.DataFrame:
    """Every mapped column as text; a numeric hs_code is given back its leading zero."""
    out = []
    for name, header in resolved.items():
        dtype = frame.schema[header]
        col = pl.col(header)
        if name == "hs_code" and (dtype.is_integer() or dtype.is_float()):
            text = col.cast(pl.Int64).cast(pl.String)
            out.append(
                pl.when(text.str.len_chars() % 2 == 1).then(pl.lit("0") + text).otherwise(text).alias(header)
            )
        elif dtype != pl.String:
            out.append(col.cast(pl.String).alias(header))
        else:
            out.append(col)
    return frame.with_columns(out)


# -- XLSX --------------------------------------------------------------------------------------------
def _cell(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def _xlsx_frames(reader: InputReader) -> Iterator[tuple[pl.DataFrame, pl.DataFrame]]:
    import zipfile

    import openpyxl

    try:
        book = openpyxl.load_workbook(reader.path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise MalformedInputError(f"{reader.path.name}: not a readable XLSX workbook ({exc})") from exc
    reader.stats.encoding = "xlsx"
    try:
        sheet = book.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header_row = next(rows, None)
        if header_row is None:
            raise MalformedInputError(f"{reader.path.name}: the first sheet is empty (no header row)")
        headers = [_cell(v) or f"column {i + 1}" for i, v in enumerate(header_row)]
        resolved = reader.mapping.resolve(headers)
        positions = {name: headers.index(header) for name, header in resolved.items()}
        buffer: list[list[str | None]] = []
        errors: list[tuple[int, str, str]] = []
        line = 1
        numeric_hs = False
        for line, values in enumerate(rows, start=2):
            if all(v is None or v == "" for v in values):
                errors.append((line, "", "blank row"))
            else:
                record: list[str | None] = []
                for name in INPUT_COLUMNS:
                    pos = positions.get(name)
                    value = values[pos] if pos is not None and pos < len(values) else None
                    text = _cell(value)
                    if name == "hs_code" and isinstance(value, int | float) and text and len(text) % 2:
                        text, numeric_hs = "0" + text, True
                    record.append(text)
                buffer.append([*record, str(line)])
            if len(buffer) >= reader.batch_size:
                yield _xlsx_frame(buffer), _errors_frame(errors)
                buffer, errors = [], []
        reader.stats.physical_lines = line
        reader.stats.bytes_read = reader.stats.bytes_total
        if numeric_hs:
            reader.stats.warnings.append("some hs_code cells are numbers: a lost leading 0 was restored")
        if buffer or errors:
            yield _xlsx_frame(buffer), _errors_frame(errors)
    finally:
        book.close()


def _xlsx_frame(rows: list[list[str | None]]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=[*INPUT_COLUMNS, LINE], orient="row").with_columns(
        pl.col(LINE).cast(pl.Int64)
    )


# -- JSON lines --------------------------------------------------------------------------------------
def _json_id(obj: dict[str, Any]) -> str:
    value = obj.get("declaration_id")
    return value if isinstance(value, str) else ""


def _jsonl_frames(reader: InputReader) -> Iterator[tuple[pl.DataFrame, pl.DataFrame]]:
    fh, source_encoding = _open_text(reader.path)
    reader.stats.encoding = source_encoding or "utf-8"
    depth = reader.limits.max_json_depth
    buffer: list[list[str | None]] = []
    errors: list[tuple[int, str, str]] = []
    resolved: dict[str, str] | None = None
    line = 0
    with fh.text if isinstance(fh, _Utf16AsUtf8) else fh:
        for line, raw in enumerate(fh, start=1):
            reader.stats.bytes_read += len(raw)
            if not raw.strip():
                errors.append((line, "", "blank line"))
                continue
            try:
                obj = json.loads(raw)
            except (ValueError, UnicodeDecodeError) as exc:
                errors.append((line, "", f"not valid JSON ({exc})"))
                continue
            except RecursionError:  # nested beyond what the JSON decoder can follow
                errors.append((line, "", f"JSON nested more than {depth} levels deep"))
                continue
            if not isinstance(obj, dict):
                errors.append((line, "", "not a JSON object"))
                continue
            if _json_depth_over(obj, depth):
                errors.append((line, _json_id(obj), f"JSON nested more than {depth} levels deep"))
                continue
            if resolved is None:
                resolved = reader.mapping.resolve(list(obj))
            record = []
            for name in INPUT_COLUMNS:
                value = obj.get(resolved.get(name, name))
                record.append(None if value is None else str(value))
            buffer.append([*record, str(line)])
            if len(buffer) >= reader.batch_size:
                yield _xlsx_frame(buffer), _errors_frame(errors)
                buffer, errors = [], []
    reader.stats.physical_lines = line
    if resolved is None and not errors:
        raise MalformedInputError(f"{reader.path.name}: empty file")
    if buffer or errors:
        yield _xlsx_frame(buffer), _errors_frame(errors)
