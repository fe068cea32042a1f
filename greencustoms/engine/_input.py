"""What every reader shares: limits, text decoding, the column mapping, statistics and chunks.

Each format's reader (``_readers_csv``, ``_readers_other``, ``_sad``) depends on this module only, and the
front end (``_readers``) on all of them: there is no import cycle and no function-local project import.
A format reader receives the front end's state through the :class:`ReaderState` protocol.
"""

from __future__ import annotations

import codecs
import io
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Final, Protocol

import polars as pl

from greencustoms.engine.columns import ERROR_SCHEMA, INPUT_COLUMNS, LINE, REQUIRED_COLUMNS
from greencustoms.engine.errors import (
    LimitExceededError,
    MalformedInputError,
    MappingError,
    MissingColumnsError,
)

DEFAULT_BATCH_SIZE: Final = 250_000
MAX_HS_DIGITS: Final = 14
UTF16_BOMS: Final = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
UTF32_BOMS: Final = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
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


def mb(n: float) -> str:
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
            f"{name}: expands to {mb(total)} when unzipped; the limit is {mb(limits.max_uncompressed_bytes)}"
        )
    if limits.max_compression_ratio is not None:
        for member in members:
            ratio = member.file_size / max(member.compress_size, 1)
            if member.file_size > _RATIO_FLOOR_BYTES and ratio > limits.max_compression_ratio:
                raise LimitExceededError(
                    f"{name}: part {member.filename!r} expands {ratio:,.0f} times"
                    f" ({mb(member.compress_size)} to {mb(member.file_size)});"
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
            f"{name}: its columns expand to {mb(total)}; the limit is {mb(limits.max_uncompressed_bytes)}"
        )
    ratio = total / max(compressed, 1)
    if (
        limits.max_compression_ratio is not None
        and total > _RATIO_FLOOR_BYTES
        and ratio > limits.max_compression_ratio
    ):
        raise LimitExceededError(
            f"{name}: its columns expand {ratio:,.0f} times ({mb(compressed)} to {mb(total)});"
            f" the limit is {limits.max_compression_ratio:,.0f} times"
        )
    return max(total, size)


class Utf16AsUtf8:
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


def open_text(path: Path) -> tuple[IO[bytes] | Utf16AsUtf8, str]:
    """The file as UTF-8 bytes (UTF-16 with a byte-order mark decoded), and the encoding it had."""
    fh = path.open("rb")
    head = fh.read(4)
    fh.seek(0)
    if head.startswith(UTF32_BOMS):
        fh.close()
        raise MalformedInputError(f"{path.name}: UTF-32 text is not read; save the file as UTF-8 or UTF-16")
    if head.startswith(UTF16_BOMS):
        return Utf16AsUtf8(fh, path.name), "utf-16"
    return fh, ""


def json_depth_over(value: Any, limit: int) -> bool:
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


def errors_frame(rows: list[tuple[int, str, str]]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=ERROR_SCHEMA, orient="row")


def standardise(frame: pl.DataFrame, resolved: dict[str, str]) -> pl.DataFrame:
    columns = [
        (pl.col(resolved[n]).cast(pl.String) if n in resolved else pl.lit(None, dtype=pl.String)).alias(n)
        for n in INPUT_COLUMNS
    ]
    return frame.select(*columns, pl.col(LINE).cast(pl.Int64))


class ReaderState(Protocol):
    """What a format reader needs of the front end's :class:`~greencustoms.engine._readers.InputReader`."""

    path: Path
    mapping: ColumnMapping
    batch_size: int
    limits: InputLimits
    stats: ReadStats
