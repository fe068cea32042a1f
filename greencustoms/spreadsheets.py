"""Cells that are safe to open in a spreadsheet: the one rule against formula (CSV) injection, and the writers.

A text that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read by Excel, LibreOffice
and Google Sheets as a formula (``=HYPERLINK(...)`` leaks data, ``=cmd|...`` ran commands through DDE). Every
CSV or XLSX the platform hands out goes through this module, and such a text gets the OWASP prefix, a single
quote (``'=HYPERLINK(...)``), so that it is shown as the text it is. Numbers are never touched: a numeric
value (``int``, ``float``, ``Decimal``; a numeric Polars column) stays a number, and a text that is only a
number literal (``-12.5``, ``+3``, ``1e5``) is left alone because no spreadsheet reads it as a formula.

This is a leaf module: standard library only (Polars and openpyxl are imported where used), no Django and
nothing of the project, so that the Django-free screening engine writes its hits file with the same rule as
the web exports (an import-linter contract keeps it so). ``defusedcsv`` was considered: it covers only the
``csv`` module (not openpyxl, not Polars frames) and leaves tab and carriage return through.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    import polars as pl

#: First characters that make a spreadsheet read a cell as a formula (OWASP "CSV Injection").
FORMULA_TRIGGERS: Final = ("=", "+", "-", "@", "\t", "\r")
#: The OWASP neutraliser: a leading single quote makes the cell text.
PREFIX: Final = "'"
#: A plain number literal: starts with + or - but is read as a number, never as a formula.
NUMBER: Final = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?"
_NUMBER_RE: Final = re.compile(NUMBER)


def safe_text(text: str) -> str:
    """The text, with the prefix when a spreadsheet would read it as a formula."""
    if text[:1] in FORMULA_TRIGGERS and _NUMBER_RE.fullmatch(text) is None:
        return PREFIX + text
    return text


def safe_cell(value: object) -> object:
    """A cell value to write: texts through :func:`safe_text`, numbers, booleans, dates and None as they are."""
    return safe_text(value) if isinstance(value, str) else value


def safe_row(row: Iterable[object]) -> list[object]:
    return [safe_cell(v) for v in row]


def csv_lines(
    header: Sequence[str], rows: Iterable[Iterable[object]], *, lineterminator: str = "\r\n"
) -> Iterator[str]:
    """The CSV text line by line (for a streamed response), every cell neutralised."""
    buffer = io.StringIO()
    # The writer quotes a field holding a character of its line terminator; with "\n" alone a bare carriage
    # return would go out unquoted and split the row in a spreadsheet, so rows are written with "\r\n"
    # (every line break quoted) and the terminator swapped afterwards.
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in _chain(header, rows):
        writer.writerow(safe_row(row))
        yield buffer.getvalue()[:-2] + lineterminator
        buffer.seek(0)
        buffer.truncate()


def _chain(header: Sequence[str], rows: Iterable[Iterable[object]]) -> Iterator[Iterable[object]]:
    yield header
    yield from rows


def csv_bytes(
    header: Sequence[str], rows: Iterable[Iterable[object]], *, lineterminator: str = "\r\n"
) -> bytes:
    """A whole CSV file (UTF-8), every cell neutralised."""
    return "".join(csv_lines(header, rows, lineterminator=lineterminator)).encode("utf-8")


def xlsx_bytes(
    header: Sequence[str],
    rows: Iterable[Iterable[object]],
    *,
    title: str = "Sheet1",
    widths: Sequence[int] = (),
) -> bytes:
    """A one-sheet workbook (bold frozen header), every cell neutralised, numbers kept as numbers."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook always has one sheet
    sheet.title = title[:31]  # Excel's limit on sheet names
    sheet.append(safe_row(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([float(v) if isinstance(v, Decimal) else v for v in safe_row(row)])
    sheet.freeze_panes = "A2"
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def safe_frame(frame: pl.DataFrame) -> pl.DataFrame:
    """The frame with every text column neutralised (vectorised); numeric columns unchanged."""
    import polars as pl

    texts = [name for name, dtype in frame.schema.items() if dtype == pl.String]
    if not texts:
        return frame
    return frame.with_columns(
        pl.when(
            pl.col(name).str.slice(0, 1).is_in(FORMULA_TRIGGERS)
            & ~pl.col(name).str.contains(f"^(?:{NUMBER})$")
        )
        .then(pl.lit(PREFIX) + pl.col(name))
        .otherwise(pl.col(name))
        .alias(name)
        for name in texts
    )
