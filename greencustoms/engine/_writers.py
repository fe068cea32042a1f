"""Write hits, errors or any frame as CSV, Parquet or JSON, batch by batch."""

from __future__ import annotations

import json
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Final

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

from greencustoms.engine.errors import InputError
from greencustoms.spreadsheets import safe_frame

FORMATS: Final = {".csv": "csv", ".parquet": "parquet", ".pq": "parquet", ".json": "json", ".jsonl": "jsonl"}


def output_format(path: str | Path) -> str:
    """csv, parquet, json (one array) or jsonl from the file extension (csv when unknown)."""
    return FORMATS.get(Path(path).suffix.lower(), "csv")


class TableWriter:
    """Appends frames of one schema to a CSV, Parquet, JSON-array or JSON-lines file."""

    def __init__(self, path: str | Path, schema: dict[str, Any], *, format: str | None = None) -> None:
        self.path = Path(path)
        self.format = format or output_format(self.path)
        self.schema = schema
        self.rows = 0
        self._fh: IO[bytes] | None = None
        self._parquet: pq.ParquetWriter | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if self.format == "parquet":
                arrow_schema = pl.DataFrame(schema=schema).to_arrow().schema
                self._parquet = pq.ParquetWriter(self.path, arrow_schema)
            else:
                self._fh = self.path.open("wb")
                if self.format == "csv":
                    self._fh.write(pl.DataFrame(schema=schema).write_csv().encode())
                elif self.format == "json":
                    self._fh.write(b"[")
        except OSError as exc:
            raise InputError(f"cannot write {self.path}: {exc.strerror or exc}") from exc

    def write(self, frame: pl.DataFrame) -> None:
        if frame.height == 0:
            return
        frame = frame.select(list(self.schema)).cast(self.schema)  # type: ignore[arg-type]
        if self._parquet is not None:
            self._parquet.write_table(pa.Table.from_batches(frame.to_arrow().to_batches()))
        elif self._fh is not None:
            if self.format == "csv":
                self._fh.write(safe_frame(frame).write_csv(include_header=False).encode())
            elif self.format == "jsonl":
                self._fh.write(frame.write_ndjson().encode())
            else:
                body = ",\n".join(json.dumps(row, ensure_ascii=False) for row in frame.iter_rows(named=True))
                self._fh.write((("\n" if self.rows == 0 else ",\n") + body).encode())
        self.rows += frame.height

    def close(self) -> None:
        if self._parquet is not None:
            self._parquet.close()
            self._parquet = None
        if self._fh is not None:
            if self.format == "json":
                self._fh.write(b"\n]\n" if self.rows else b"]\n")
            self._fh.close()
            self._fh = None

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def write_table(frame: pl.DataFrame, path: str | Path, *, format: str | None = None) -> Path:
    """Write one frame (hits or errors) in the format given by the extension or `format`."""
    schema = dict(frame.schema)
    with TableWriter(path, schema, format=format) as writer:
        writer.write(frame)
    return Path(path)
