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
    "date",
)
#: Optional input columns: absent (or empty) they are not an error. ``date`` is the declaration's date
#: (``YYYY-MM-DD``, also ``DD/MM/YYYY``); screening answers for it, else for the run date (``--at``).
OPTIONAL_COLUMNS: Final = ("line_no", "origin", "destination", "quantity", "unit", "value", "date")
#: The declared fields repeated beside every hit and line (issue #15): exports that stand alone.
DECLARED_COLUMNS: Final = ("hs_code", "description", "origin", "destination", "quantity", "unit", "value")
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
#: Appended to the contract's hit columns (extend, rename nothing): the hit's human label and the declared fields.
HIT_EXTRA_COLUMNS: Final = ("label", *DECLARED_COLUMNS)
#: The hits as written by the CLI and the jobs: the contract's columns first, then the appended ones.
HIT_OUTPUT_COLUMNS: Final = (*HIT_COLUMNS, *HIT_EXTRA_COLUMNS)
HIT_SCHEMA: Final = dict.fromkeys(HIT_OUTPUT_COLUMNS, pl.String)

#: One row per screened line (CLI --lines, the jobs' lines.parquet, the API's `lines`).
LINE_COLUMNS: Final = (
    "declaration_id",
    "line_no",
    "verdict",
    "score",
    "reasons",
    *DECLARED_COLUMNS,
)
LINE_SCHEMA: Final = {**dict.fromkeys(LINE_COLUMNS, pl.String), "score": pl.Int64}
#: Values of the `verdict` column, worst first: inspect (a high-severity hit), check (documents to see:
#: a medium or low hit), clear (no hit, or information only).
VERDICTS: Final = ("inspect", "check", "clear")

#: One row per rejected record: `line` is the physical line where the record starts (header = 1).
ERROR_COLUMNS: Final = ("line", "declaration_id", "reason")
ERROR_SCHEMA: Final = {"line": pl.Int64, "declaration_id": pl.String, "reason": pl.String}

#: Values of the `rule` column.
RULES: Final = ("hs_code", "description", "misdeclaration", "country", "indicator", "equipment", "waste")
#: Values of the `severity` column, most severe first; `info` is an obligation that is not yet in force on
#: the line's date (never a medium or high hit).
SEVERITIES: Final = ("high", "medium", "low", "info")
#: Human labels of the rules (English; the web translates them).
RULE_LABELS: Final = {
    "hs_code": "Controlled HS code",
    "description": "Controlled name in the description",
    "misdeclaration": "Possible misdeclaration",
    "country": "Trade with a non-Party",
    "indicator": "Risk indicator",
    "equipment": "Equipment containing a controlled substance",
    "waste": "Waste declared as goods",
    "licence": "Licence or quota check",
}

#: HS editions the engine knows; the default is the newest.
EDITIONS: Final = ("HS2002", "HS2007", "HS2012", "HS2017", "HS2022")
DEFAULT_EDITION: Final = "HS2022"
