"""Readers: every record is screened or rejected with its physical line; malformed files give clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import polars as pl
import pytest

from greencustoms.engine import (
    ColumnMapping,
    MalformedInputError,
    MappingError,
    MissingColumnsError,
    read_input,
)

HEADER = "declaration_id,line_no,hs_code,description,origin,destination,quantity,unit,value\n"


def _read(path: Path, **kwargs: object) -> tuple[pl.DataFrame, pl.DataFrame, dict[str, object]]:
    reader = read_input(path, **kwargs)  # type: ignore[arg-type]
    frames = list(reader.batches())
    batch = pl.concat(frames) if frames else pl.DataFrame()
    stats = reader.stats.as_dict()
    assert stats["reconciled"], stats
    return batch, reader.errors, stats


def test_hs_code_is_read_as_text_and_normalised(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text(HEADER + "D1,1,0507.10,ivory,KE,FR,1,kg,5\nD1,2,05 07 10 00,horn,KE,FR,1,kg,5\n")
    batch, errors, _ = _read(path)
    assert batch["hs_code"].to_list() == ["050710", "05071000"]
    assert errors.height == 0


def test_quoted_newline_is_one_record_reported_at_its_first_line(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text(
        HEADER
        + 'D1,1,2903.71,"R-22 in\ncylinders",CN,FR,1,kg,5\n'  # lines 2-3
        + "D1,2,2903.71,x,CN,FR,1,kg\n"  # line 4: ragged
        + 'D1,3,2903.71,"PIPE 3/4"" STEEL",CN,FR,1,kg,5\n'  # line 5
        + 'D1,4,7308,PIPE 3/4" STEEL,CN,FR,1,kg,5\n'  # line 6: a literal inch mark
        + "D1,5,7308,steel,CN,FR,1,kg,5\n"  # line 7
    )
    batch, errors, stats = _read(path)
    assert batch["_line"].to_list() == [2, 5, 6, 7]
    assert batch["description"][0] == "R-22 in\ncylinders"
    assert batch["description"][2] == 'PIPE 3/4" STEEL'
    assert errors.to_dicts() == [{"line": 4, "declaration_id": "D1", "reason": "8 fields, expected 9"}]
    assert stats["physical_lines"] == 7
    assert stats["records"] == 5


def test_short_record_in_a_plain_block_is_rejected_not_padded(tmp_path: Path) -> None:
    # no quoted newline: the block is read natively, and the short record must still be caught
    path = tmp_path / "in.csv"
    path.write_text(HEADER + "D1,1,7308,steel,CN,FR,1,kg,5\n" + "D1,2,7308,x,CN,FR,1,kg\n")
    batch, errors, _ = _read(path)
    assert batch["_line"].to_list() == [2]
    assert errors.to_dicts() == [{"line": 3, "declaration_id": "D1", "reason": "8 fields, expected 9"}]


def test_empty_last_fields_and_quoted_separators_are_complete_records(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text(HEADER + "D1,1,7308,steel,CN,FR,1,kg,\n" + 'D1,2,7308,"tubes, steel",CN,FR,1,kg,5\n')
    batch, errors, _ = _read(path)
    assert batch["_line"].to_list() == [2, 3]
    assert batch["value"].to_list() == ["", "5"]
    assert batch["description"][1] == "tubes, steel"
    assert errors.height == 0


def test_quoted_field_never_closed_is_rejected_with_its_span(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text(
        HEADER + "D1,1,7308,steel,CN,FR,1,kg,5\n" + 'D1,2,7308,"open,CN,FR,1,kg,5\nD1,3,7308,x,CN,FR,1,kg,5\n'
    )
    batch, errors, stats = _read(path)
    assert batch["_line"].to_list() == [2]
    assert errors["line"].to_list() == [3]
    assert "never closed" in errors["reason"][0] and "3-4" in errors["reason"][0]
    assert stats["physical_lines"] == 4


def test_records_across_block_boundaries_keep_their_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("greencustoms.engine._readers_csv._BLOCK_BYTES", 64)
    rows = [f'D{i},1,2903.71,"gas\nline {i}",CN,FR,1,kg,5\n' for i in range(30)]
    path = tmp_path / "in.csv"
    path.write_text(HEADER + "".join(rows))
    batch, errors, stats = _read(path)
    assert errors.height == 0
    assert batch["_line"].to_list() == [2 + 2 * i for i in range(30)]
    assert stats["physical_lines"] == 61


def test_latin1_file_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes((HEADER + "D1,1,2853.90,Mercure métallique,FR,GH,1,kg,5\n").encode("latin-1"))
    batch, _errors, stats = _read(path)
    assert stats["encoding"] == "latin-1"
    assert batch["description"][0] == "Mercure métallique"


def test_a_bad_byte_in_a_utf8_file_rejects_only_that_line(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    body = (
        HEADER.encode()
        + "D1,1,7308,acier trempé,FR,GH,1,kg,5\n".encode()
        + b"D1,2,7308,caf\xe9,FR,GH,1,kg,5\n"
    )
    path.write_bytes(body + b"D1,3,7308,ok,FR,GH,1,kg,5\n")
    batch, errors, stats = _read(path)
    assert stats["encoding"] == "utf-8"
    assert batch["_line"].to_list() == [2, 4]
    assert errors["line"].to_list() == [3]
    assert "UTF-8" in errors["reason"][0]


def test_semicolon_and_tab_delimiters_and_bom(tmp_path: Path) -> None:
    semi = tmp_path / "in.csv"
    semi.write_bytes(
        b"\xef\xbb\xbf" + HEADER.replace(",", ";").encode() + b"D1;1;2903.71;gaz, R-22;CN;FR;1;kg;5\n"
    )
    batch, _e, stats = _read(semi)
    assert stats["delimiter"] == ";"
    assert batch["description"][0] == "gaz, R-22"
    tsv = tmp_path / "in.tsv"
    tsv.write_text(HEADER.replace(",", "\t") + "D1\t1\t2903.71\tgas\tCN\tFR\t1\tkg\t5\n")
    batch, _e, stats = _read(tsv)
    assert stats["delimiter"] == "tab"
    assert batch["hs_code"][0] == "290371"


def test_bad_values_are_rejected_with_reasons(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text(
        HEADER + "D1,1,29O3.71,x,CN,FR,1,kg,5\n,2,2903,x,CN,FR,1,kg,5\n\nD2,1,123456789012345,x,,,,,\n"
    )
    batch, errors, stats = _read(path)
    assert batch.height == 0
    assert errors.to_dicts() == [
        {"line": 2, "declaration_id": "D1", "reason": 'hs_code "29O3.71" is not a number'},
        {"line": 3, "declaration_id": "", "reason": "declaration_id is empty"},
        {"line": 4, "declaration_id": "", "reason": "blank line"},
        {"line": 5, "declaration_id": "D2", "reason": 'hs_code "123456789012345" has more than 14 digits'},
    ]
    assert stats["records"] == 4 and stats["rejected"] == 4


def test_missing_columns_name_what_is_missing(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("id,code,text\nD1,2903,x\n")
    with pytest.raises(MissingColumnsError, match="declaration_id, hs_code, description"):
        list(read_input(path).batches())
    mapping = ColumnMapping.from_pairs(["declaration_id=ID", "hs_code=Code", "description=TEXT"])
    batch, _e, _s = _read(path, mapping=mapping)
    assert batch.select("declaration_id", "hs_code", "description").row(0) == ("D1", "2903", "x")


def test_mapping_file_json_and_pairs(tmp_path: Path) -> None:
    as_json = tmp_path / "m.json"
    as_json.write_text(json.dumps({"hs_code": "Tariff"}))
    assert ColumnMapping.from_file(as_json).columns == {"hs_code": "Tariff"}
    as_text = tmp_path / "m.txt"
    as_text.write_text("# comment\nhs_code = Tariff\n")
    assert ColumnMapping.from_file(as_text).columns == {"hs_code": "Tariff"}
    with pytest.raises(MappingError, match="unknown column"):
        ColumnMapping.from_pairs(["tariff=hs"])


def test_empty_and_headerless_files(tmp_path: Path) -> None:
    empty = tmp_path / "e.csv"
    empty.write_text("")
    with pytest.raises(MalformedInputError, match="no header"):
        list(read_input(empty).batches())
    only_header = tmp_path / "h.csv"
    only_header.write_text(HEADER)
    batch, errors, stats = _read(only_header)
    assert stats["records"] == 0 and errors.height == 0


def test_parquet_with_integer_codes(tmp_path: Path) -> None:
    path = tmp_path / "in.parquet"
    pl.DataFrame(
        {"declaration_id": ["A", "B"], "hs_code": [50710, 290371], "description": ["x", "y"]}
    ).write_parquet(path)
    batch, _e, stats = _read(path)
    assert batch["hs_code"].to_list() == ["050710", "290371"]
    assert batch["_line"].to_list() == [2, 3]
    assert stats["warnings"]


def test_not_a_parquet_file(tmp_path: Path) -> None:
    path = tmp_path / "in.parquet"
    path.write_text("hello")
    with pytest.raises(MalformedInputError, match="not a valid parquet"):
        read_input(path)


def test_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "in.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Declaration_ID", "HS_code", "Description", "Origin"])
    sheet.append(["D1", 50710, "ivory", "KE"])
    sheet.append([None, None, None, None])
    sheet.append(["D2", "2903.71", "R-22", "CN"])
    book.save(path)
    batch, errors, stats = _read(path)
    assert batch.select("hs_code", "_line").rows() == [("050710", 2), ("290371", 4)]
    assert errors.to_dicts() == [{"line": 3, "declaration_id": "", "reason": "blank row"}]


SAD = """<?xml version="1.0" encoding="UTF-8"?>
<Declarations>
<ASYCUDA>
  <Identification>
    <Office_segment><Customs_clearance_office_code>GHTEM</Customs_clearance_office_code></Office_segment>
    <Registration><Serial_number>C</Serial_number><Number>1234</Number></Registration>
  </Identification>
  <General_information>
    <Country>
      <Export><Export_country_code>CN</Export_country_code></Export>
      <Destination><Destination_country_code>GH</Destination_country_code></Destination>
    </Country>
  </General_information>
  <Item>
    <Tarification>
      <HScode><Commodity_code>84186900</Commodity_code><Precision_1>00</Precision_1></HScode>
      <Item_price>300</Item_price>
    </Tarification>
    <Goods_description>
      <Country_of_origin_code>IN</Country_of_origin_code>
      <Description_of_goods>Refrigerant R-22</Description_of_goods>
      <Commercial_Description>13.6 kg cylinders</Commercial_Description>
    </Goods_description>
  </Item>
  <Item>
    <Tarification><HScode><Commodity_code>29037100</Commodity_code><Precision_1/></HScode></Tarification>
    <Goods_description><Description_of_goods>Chlorodifluoromethane</Description_of_goods></Goods_description>
  </Item>
</ASYCUDA>
</Declarations>
"""


def test_sad_xml_items(tmp_path: Path) -> None:
    path = tmp_path / "sad.xml"
    path.write_text(SAD)
    batch, _e, stats = _read(path)
    assert stats["format"] == "xml"
    rows = batch.select(
        "declaration_id", "line_no", "hs_code", "description", "origin", "destination", "_line"
    )
    assert rows.rows() == [
        ("GHTEM C 1234", "1", "8418690000", "Refrigerant R-22 13.6 kg cylinders", "IN", "GH", 14),
        ("GHTEM C 1234", "2", "29037100", "Chlorodifluoromethane", "CN", "GH", 25),
    ]


def test_sad_xml_entities_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "evil.xml"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<ASYCUDA>&e;</ASYCUDA>\n'
    )
    with pytest.raises(MalformedInputError, match="not allowed"):
        list(read_input(path).batches())


def test_malformed_xml_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.xml"
    path.write_text("<ASYCUDA>\n<Item>\n</ASYCUDA>\n")
    with pytest.raises(MalformedInputError, match="line 3"):
        list(read_input(path).batches())


def test_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(
        '{"declaration_id": "D1", "hs_code": "2903.71", "description": "R-22"}\n'
        "not json\n"
        '{"declaration_id": "D2", "hs_code": 50710, "description": "ivory"}\n'
        "[1, 2]\n"
    )
    batch, errors, stats = _read(path)
    assert batch.select("declaration_id", "_line").rows() == [("D1", 1), ("D2", 3)]
    assert errors["line"].to_list() == [2, 4]
    assert stats["records"] == 4


def test_prefetching_gives_the_same_chunks_and_raises_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("greencustoms.engine._readers_csv._BLOCK_BYTES", 256)
    path = tmp_path / "in.csv"
    path.write_text(
        HEADER + "".join(f"D{i},1,2903.71,gas {i},CN,FR,1,kg,5\n" for i in range(200)) + "D9,1,x,y,z\n"
    )
    plain = read_input(path)
    expected = [(c.batch.height, c.errors.height) for c in plain.chunks()]
    ahead = read_input(path)
    got = [(c.batch.height, c.errors.height) for c in ahead.chunks(prefetch=2)]
    assert got == expected and len(got) > 3
    assert ahead.stats.as_dict() == plain.stats.as_dict()
    broken = tmp_path / "broken.csv"
    broken.write_text("a,b\n1,2\n")
    with pytest.raises(MissingColumnsError):
        list(read_input(broken).chunks(prefetch=2))
