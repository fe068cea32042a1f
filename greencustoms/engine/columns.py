"""The engine's column contract, declared once: input, hits, errors and their Arrow/Polars types."""

from __future__ import annotations

from typing import Final

import polars as pl

#: Standard input columns of a declaration line (DESIGN.md, screening columns).
INPUT_COLUMNS: Final = (
    "declaration_id",
    "line_no",
    "hs_code",
    "description",
    "origin",
    "destination",
    "quantity",
    "unit",
    "value",
)
#: Columns a file must provide (directly or through a column mapping).
REQUIRED_COLUMNS: Final = ("declaration_id", "hs_code", "description")

#: Internal column carrying the physical line of each record (header = line 1).
LINE: Final = "_line"

#: Schema of a batch handed to :func:`screen`: every input column as text, plus the physical line.
BATCH_SCHEMA: Final = {**dict.fromkeys(INPUT_COLUMNS, pl.String), LINE: pl.Int64}

#: One row per hit. `item` is the item_id; it is empty only for a collapsed hs_code hit, where an ex
#: (or broader) code matches more items of one agreement than are worth a row each (the evidence lists them).
HIT_COLUMNS: Final = (
    "declaration_id",
    "line_no",
    "rule",
    "agreement",
    "item",
    "evidence",
    "document",
    "severity",
)
HIT_SCHEMA: Final = dict.fromkeys(HIT_COLUMNS, pl.String)

#: One row per rejected record: `line` is the physical line where the record starts (header = 1).
ERROR_COLUMNS: Final = ("line", "declaration_id", "reason")
ERROR_SCHEMA: Final = {"line": pl.Int64, "declaration_id": pl.String, "reason": pl.String}

#: Values of the `rule` column.
RULES: Final = ("hs_code", "description", "misdeclaration", "country", "indicator")
#: Values of the `severity` column, most severe first.
SEVERITIES: Final = ("high", "medium", "low")

#: HS editions the engine knows; the default is the newest.
EDITIONS: Final = ("HS2002", "HS2007", "HS2012", "HS2017", "HS2022")
DEFAULT_EDITION: Final = "HS2022"
