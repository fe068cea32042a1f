"""The Parquet, XLSX and JSON-lines readers (the ASYCUDA SAD XML reader is ``_sad``)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import polars as pl

from greencustoms.engine._input import (
    ReaderState,
    Utf16AsUtf8,
    errors_frame,
    json_depth_over,
    mb,
    open_text,
    standardise,
)
from greencustoms.engine.columns import INPUT_COLUMNS, LINE
from greencustoms.engine.errors import LimitExceededError, MalformedInputError


# -- Parquet -----------------------------------------------------------------------------------------
def parquet_frames(reader: ReaderState) -> Iterator[tuple[pl.DataFrame, pl.DataFrame]]:
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
                f"{reader.path.name}: its text columns decode to more than {mb(limit)} (the limit)"
            )
        frame = frame.with_columns((pl.int_range(0, frame.height, dtype=pl.Int64) + offset + 2).alias(LINE))
        offset += frame.height
        reader.stats.physical_lines = offset + 1
        reader.stats.bytes_read = int(reader.stats.bytes_total * offset / max(pf.metadata.num_rows, 1))
        yield standardise(frame, resolved), errors_frame([])


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
def cell(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def xlsx_frames(reader: ReaderState) -> Iterator[tuple[pl.DataFrame, pl.DataFrame]]:
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
        headers = [cell(v) or f"column {i + 1}" for i, v in enumerate(header_row)]
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
                    text = cell(value)
                    if name == "hs_code" and isinstance(value, int | float) and text and len(text) % 2:
                        text, numeric_hs = "0" + text, True
                    record.append(text)
                buffer.append([*record, str(line)])
            if len(buffer) >= reader.batch_size:
                yield _xlsx_frame(buffer), errors_frame(errors)
                buffer, errors = [], []
        reader.stats.physical_lines = line
        reader.stats.bytes_read = reader.stats.bytes_total
        if numeric_hs:
            reader.stats.warnings.append("some hs_code cells are numbers: a lost leading 0 was restored")
        if buffer or errors:
            yield _xlsx_frame(buffer), errors_frame(errors)
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


def jsonl_frames(reader: ReaderState) -> Iterator[tuple[pl.DataFrame, pl.DataFrame]]:
    fh, source_encoding = open_text(reader.path)
    reader.stats.encoding = source_encoding or "utf-8"
    depth = reader.limits.max_json_depth
    buffer: list[list[str | None]] = []
    errors: list[tuple[int, str, str]] = []
    resolved: dict[str, str] | None = None
    line = 0
    with fh.text if isinstance(fh, Utf16AsUtf8) else fh:
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
            if json_depth_over(obj, depth):
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
                yield _xlsx_frame(buffer), errors_frame(errors)
                buffer, errors = [], []
    reader.stats.physical_lines = line
    if resolved is None and not errors:
        raise MalformedInputError(f"{reader.path.name}: empty file")
    if buffer or errors:
        yield _xlsx_frame(buffer), errors_frame(errors)
