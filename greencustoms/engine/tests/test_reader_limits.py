"""Reader limits: zip and Parquet bombs refused before decompression, deep JSON lines rejected, UTF-16 read."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import openpyxl
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from greencustoms.engine import InputLimits, LimitExceededError, MalformedInputError, check_input, read_input
from greencustoms.engine.cli import main

HEADER = "declaration_id,line_no,hs_code,description,origin,destination,quantity,unit,value\n"
MB = 1024 * 1024


def _bomb(path: Path, *, expanded: int) -> Path:
    """An XLSX-looking zip whose worksheet inflates from a few KB to `expanded` bytes."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<row/>" * (expanded // 6))
    return path


def _workbook(path: Path, rows: int) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER.strip().split(","))
    for i in range(rows):
        sheet.append([f"D{i}", 1, "2903.71", "Chlorodifluoromethane", "CN", "GH", 1, "kg", 5])
    book.save(path)
    return path


def test_a_zip_bomb_is_refused_from_its_central_directory(tmp_path: Path) -> None:
    bomb = _bomb(tmp_path / "bomb.xlsx", expanded=8 * MB)
    assert bomb.stat().st_size < 64 * 1024
    with pytest.raises(
        LimitExceededError, match=r"sheet1\.xml' expands [\d,]+ times .* the limit is 100 times"
    ):
        check_input(bomb, limits=InputLimits(max_compression_ratio=100))
    with pytest.raises(
        LimitExceededError, match=r"bomb\.xlsx: expands to 8\.0 MB when unzipped; the limit is 4\.0 MB"
    ):
        check_input(bomb, limits=InputLimits(max_uncompressed_bytes=4 * MB, max_compression_ratio=None))


def test_the_reader_refuses_a_bomb_before_openpyxl_opens_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bomb = _bomb(tmp_path / "bomb.xlsx", expanded=8 * MB)

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("the workbook was opened")

    monkeypatch.setattr(openpyxl, "load_workbook", never)
    with pytest.raises(LimitExceededError):
        list(read_input(bomb, limits=InputLimits(max_compression_ratio=100)).chunks())


def test_the_cli_exits_2_on_a_bomb_with_default_limits(tmp_path: Path) -> None:
    bomb = _bomb(tmp_path / "bomb.xlsx", expanded=8 * MB)  # deflates about 1,000 times
    out, err = io.StringIO(), io.StringIO()
    code = main([str(bomb), "-o", str(tmp_path / "hits.csv"), "--data", "data"], stdout=out, stderr=err)
    assert code == 2
    assert "expands" in err.getvalue() and "the limit is 200 times" in err.getvalue()


def test_an_ordinary_workbook_passes_and_reports_its_expanded_size(tmp_path: Path) -> None:
    book = _workbook(tmp_path / "ok.xlsx", rows=50)
    expanded = check_input(book, limits=InputLimits(max_uncompressed_bytes=MB, max_compression_ratio=20))
    with zipfile.ZipFile(book) as archive:
        assert expanded == sum(m.file_size for m in archive.infolist())
    frames = list(read_input(book, limits=InputLimits(max_uncompressed_bytes=MB)).batches())
    assert sum(f.height for f in frames) == 50


def test_a_text_file_starting_with_pk_is_not_taken_for_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("PK,declaration_id\n1,2\n")
    assert check_input(path, limits=InputLimits(max_uncompressed_bytes=1)) == path.stat().st_size


def test_a_parquet_file_that_expands_too_far_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "in.parquet"
    table = pa.table(
        {"declaration_id": ["D1"] * 300_000, "hs_code": ["2903.71 chlorodifluoromethane"] * 300_000}
    )
    pq.write_table(table, path, use_dictionary=False, compression="zstd")
    with pytest.raises(LimitExceededError, match="its columns expand to"):
        check_input(path, limits=InputLimits(max_uncompressed_bytes=MB))
    with pytest.raises(LimitExceededError, match=r"its columns expand [\d,]+ times"):
        check_input(path, limits=InputLimits(max_compression_ratio=10))


def test_dictionary_encoded_parquet_is_bounded_by_what_it_decodes_to(tmp_path: Path) -> None:
    # one long value repeated: the file declares a few KB, the text frame would be 20 MB
    path = tmp_path / "in.parquet"
    table = pa.table(
        {
            "declaration_id": ["D1"] * 20_000,
            "hs_code": ["29037100"] * 20_000,
            "description": ["x" * 1000] * 20_000,
        }
    )
    pq.write_table(table, path, use_dictionary=True)
    assert check_input(path, limits=InputLimits(max_uncompressed_bytes=5 * MB)) < 5 * MB
    reader = read_input(path, limits=InputLimits(max_uncompressed_bytes=5 * MB), batch_size=2_000)
    with pytest.raises(LimitExceededError, match="decode to more than 5.0 MB"):
        list(reader.chunks())


def test_a_deeply_nested_json_line_is_a_rejected_line_not_a_failed_run(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    ok = {"declaration_id": "D1", "hs_code": "2903.71", "description": "R-22"}
    nested: object = "x"
    for _ in range(40):
        nested = [nested]
    lines = [
        json.dumps(ok),
        json.dumps({**ok, "declaration_id": "D2", "description": nested}),  # 41 levels
        '{"declaration_id": "D3", "description": ' + "[" * 100_000 + "]" * 100_000 + "}",
        json.dumps({**ok, "declaration_id": "D4"}),
    ]
    path.write_text("\n".join(lines) + "\n")
    reader = read_input(path)
    batch = pl.concat(list(reader.batches()))
    assert batch["declaration_id"].to_list() == ["D1", "D4"]
    assert reader.errors.to_dicts() == [
        {"line": 2, "declaration_id": "D2", "reason": "JSON nested more than 32 levels deep"},
        {"line": 3, "declaration_id": "", "reason": "JSON nested more than 32 levels deep"},
    ]
    assert reader.stats.as_dict()["reconciled"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_utf16_csv_with_a_byte_order_mark_is_read(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "in.csv"
    text = HEADER + "D1,1,2903.71,Chlorodifluorométhane,CN,FR,1,kg,5\r\nD2,1,29O3,bad,CN,FR,1,kg,5\r\n"
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data  # Python's utf-16-be writes no byte-order mark
    path.write_bytes(data)
    reader = read_input(path)
    batch = pl.concat(list(reader.batches()))
    assert batch["description"].to_list() == ["Chlorodifluorométhane"]
    assert batch["hs_code"].to_list() == ["290371"]
    assert reader.errors.to_dicts() == [
        {"line": 3, "declaration_id": "D2", "reason": 'hs_code "29O3" is not a number'}
    ]
    assert reader.stats.encoding == "utf-16"


def test_utf16_json_lines_with_a_byte_order_mark_are_read(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(
        ('{"declaration_id": "D1", "hs_code": "2903.71", "description": "réfrigérant"}\n').encode("utf-16")
    )
    reader = read_input(path)
    batch = pl.concat(list(reader.batches()))
    assert batch["description"].to_list() == ["réfrigérant"]
    assert reader.stats.format == "jsonl"


def test_utf32_is_refused_with_the_reason(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes((HEADER + "D1,1,2903.71,x,CN,FR,1,kg,5\n").encode("utf-32"))
    with pytest.raises(
        MalformedInputError, match="UTF-32 text is not read; save the file as UTF-8 or UTF-16"
    ):
        list(read_input(path).chunks())
