"""Hits found after screening (licence checks) join a screened batch: label, declared fields, verdicts again."""

import polars as pl

from greencustoms.engine import add_hits
from greencustoms.engine.columns import HIT_COLUMNS, HIT_SCHEMA, LINE_SCHEMA


def _lines() -> pl.DataFrame:
    rows = [
        # declaration_id, line_no, verdict, score, reasons, hs_code, description, origin, destination, qty, unit, value
        (
            "D1",
            "1",
            "check",
            25,
            "Possible misdeclaration (medium): X.",
            "382778",
            "R-404A",
            "CN",
            "MV",
            "100",
            "kg",
            "900",
        ),
        ("D1", "2", "clear", 0, "No rule matched.", "290341", "CFC-11", "IN", "MV", "5", "kg", "50"),
        ("D2", "1", "clear", 0, "No rule matched.", "847130", "laptops", "CN", "MV", "1", "u", "500"),
    ]
    return pl.DataFrame(rows, schema=LINE_SCHEMA, orient="row")


def _extra(*rows: tuple[str, ...]) -> pl.DataFrame:
    return pl.DataFrame(list(rows), schema=dict.fromkeys(HIT_COLUMNS, pl.String), orient="row")


def test_a_high_licence_hit_makes_the_line_inspect_and_adds_its_points_and_sentence() -> None:
    hits = pl.DataFrame(schema=HIT_SCHEMA)
    extra = _extra(
        (
            "D1",
            "1",
            "licence",
            "montreal",
            "R-404A",
            "No import licence of MV covers 100 kg.",
            "licence",
            "high",
        ),
        (
            "D1",
            "2",
            "licence",
            "montreal",
            "CFC-11",
            "MV has no licensing data on the platform.",
            "licence",
            "info",
        ),
    )
    new_hits, lines = add_hits(hits, _lines(), extra)
    assert new_hits.columns == list(HIT_SCHEMA)
    first = new_hits.row(0, named=True)
    assert first["label"] == "Licence or quota check"
    assert (first["description"], first["origin"], first["quantity"]) == ("R-404A", "CN", "100")
    by_line = {(r["declaration_id"], r["line_no"]): r for r in lines.iter_rows(named=True)}
    # 25 + 50 points; the worst severity is high now
    assert by_line[("D1", "1")]["verdict"] == "inspect" and by_line[("D1", "1")]["score"] == 75
    assert by_line[("D1", "1")]["reasons"] == (
        "Possible misdeclaration (medium): X. Licence or quota check (high): No import licence of MV covers 100 kg."
    )
    # an information hit adds no points and leaves the line clear, with its sentence
    assert by_line[("D1", "2")]["verdict"] == "clear" and by_line[("D1", "2")]["score"] == 0
    assert (
        by_line[("D1", "2")]["reasons"]
        == "Licence or quota check (info): MV has no licensing data on the platform."
    )
    # an untouched line keeps what it had; order and schema are kept
    assert by_line[("D2", "1")]["reasons"] == "No rule matched."
    assert list(by_line) == [("D1", "1"), ("D1", "2"), ("D2", "1")]
    assert lines.schema == _lines().schema


def test_no_extra_hits_changes_nothing() -> None:
    hits = pl.DataFrame(schema=HIT_SCHEMA)
    same_hits, same_lines = add_hits(hits, _lines(), _extra())
    assert same_hits is hits and same_lines.equals(_lines())
