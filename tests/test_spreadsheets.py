"""The one formula-injection rule and its writers (CSV, XLSX, Polars frames), read back as a spreadsheet would."""

import csv
import io
from decimal import Decimal

import polars as pl
import pytest
from openpyxl import load_workbook

from greencustoms import spreadsheets

#: What a user may type, and what every export must hand out instead (OWASP: a leading single quote).
PAYLOADS = {
    '=HYPERLINK("http://x","y")': '\'=HYPERLINK("http://x","y")',
    "+1+1": "'+1+1",
    "-2+3": "'-2+3",
    "@SUM(A1)": "'@SUM(A1)",
    "\t=1": "'\t=1",
    "\r=1": "'\r=1",
}


@pytest.mark.parametrize(("typed", "expected"), PAYLOADS.items())
def test_formula_texts_get_the_prefix(typed: str, expected: str) -> None:
    assert spreadsheets.safe_text(typed) == expected


@pytest.mark.parametrize(
    "text", ["KRA", "", "75-09-2", "290371", "Hello =world", "-12.5", "+3", "1e5", "-.5"]
)
def test_plain_texts_and_number_literals_are_left_alone(text: str) -> None:
    assert spreadsheets.safe_text(text) == text


@pytest.mark.parametrize("value", [-12.5, -3, Decimal("-1.25"), True, None])
def test_numbers_and_other_values_are_not_touched(value: object) -> None:
    assert spreadsheets.safe_cell(value) is value


@pytest.mark.parametrize("lineterminator", ["\r\n", "\n"])
def test_csv_read_back_shows_text_and_keeps_numbers(lineterminator: str) -> None:
    data = spreadsheets.csv_bytes(
        ["name", "n"], [[typed, -12.5] for typed in PAYLOADS], lineterminator=lineterminator
    )
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    assert rows[0] == ["name", "n"]
    assert [r[0] for r in rows[1:]] == list(PAYLOADS.values())
    assert {r[1] for r in rows[1:]} == {"-12.5"}


def test_xlsx_read_back_has_no_formula_and_keeps_numbers() -> None:
    data = spreadsheets.xlsx_bytes(["name", "n"], [[typed, -12.5] for typed in PAYLOADS], title="t")
    sheet = load_workbook(io.BytesIO(data)).active
    cells = list(sheet.iter_rows(min_row=2))
    # XML reading turns a carriage return into a line feed; the prefix is what matters.
    # the XML reader may turn a carriage return into a line feed (without lxml) or keep it (with lxml)
    assert [row[0].value.replace("\r", "\n") for row in cells] == [
        v.replace("\r", "\n") for v in PAYLOADS.values()
    ]
    assert {row[0].data_type for row in cells} == {"s"}
    assert [(row[1].value, row[1].data_type) for row in cells][0] == (-12.5, "n")


def test_frame_text_columns_neutralised_numeric_columns_kept() -> None:
    frame = pl.DataFrame({"text": [*PAYLOADS, "-12.5", "KRA"], "amount": [-12.5] * (len(PAYLOADS) + 2)})
    out = spreadsheets.safe_frame(frame)
    assert out["text"].to_list() == [*PAYLOADS.values(), "-12.5", "KRA"]
    assert out["amount"].to_list() == frame["amount"].to_list() and out.schema == frame.schema
