"""Hits and errors files in CSV are safe to open in a spreadsheet: formula-like texts get the quote prefix."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import polars as pl
import pytest

from greencustoms.engine import TableWriter, compile_ruleset, save_ruleset, write_table
from greencustoms.engine.cli import main
from greencustoms.engine.columns import HIT_COLUMNS, INPUT_COLUMNS
from greencustoms.engine.tests.conftest import tiny_reference

PAYLOADS = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_table_writer_csv_neutralises_text_and_keeps_numbers(tmp_path: Path) -> None:
    frame = pl.DataFrame({"line": [-12, 3, 4, 5, 6, 7], "declaration_id": PAYLOADS, "reason": ["-12.5"] * 6})
    with TableWriter(tmp_path / "errors.csv", dict(frame.schema)) as writer:
        writer.write(frame)
    rows = _read(tmp_path / "errors.csv")
    assert [r["declaration_id"] for r in rows] == ["'" + p for p in PAYLOADS]
    assert rows[0]["line"] == "-12" and {r["reason"] for r in rows} == {"-12.5"}


def test_parquet_and_json_keep_the_values_as_they_are(tmp_path: Path) -> None:
    frame = pl.DataFrame({"declaration_id": PAYLOADS})
    assert pl.read_parquet(write_table(frame, tmp_path / "x.parquet"))["declaration_id"].to_list() == PAYLOADS


@pytest.fixture
def poisoned_input(tmp_path: Path) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(INPUT_COLUMNS)
    for value in PAYLOADS:
        writer.writerow([value, 1, "2903.71", "Chlorodifluoromethane", "CN", "GH", "-12.5", "kg", "100", ""])
        writer.writerow([value, 2, "29O3.71", "bad code", "CN", "GH", "1", "kg", "1", ""])
    path = tmp_path / "declarations.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def test_screen_cli_hits_and_errors_csv_are_neutralised(tmp_path: Path, poisoned_input: Path) -> None:
    ruleset = save_ruleset(compile_ruleset(tiny_reference()), tmp_path / "current.ruleset")
    hits, errors = tmp_path / "hits.csv", tmp_path / "errors.csv"
    argv = [str(poisoned_input), "-o", str(hits), "--errors", str(errors), "--ruleset", str(ruleset)]
    assert main(argv, stdout=io.StringIO(), stderr=io.StringIO()) == 0
    # The reader strips the tab and the carriage return around a field; what is left still starts with "=".
    expected = ['\'=HYPERLINK("http://x","y")', "'+1+1", "'-2+3", "'@SUM(A1)", "'=1", "'=1"]
    hit_rows = _read(hits)
    assert list(hit_rows[0])[: len(HIT_COLUMNS)] == list(
        HIT_COLUMNS
    )  # the contract's columns, unchanged, first
    assert sorted({r["declaration_id"] for r in hit_rows}) == sorted(set(expected))
    assert [r["declaration_id"] for r in _read(errors)] == expected
