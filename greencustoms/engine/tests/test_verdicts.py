"""Verdicts, the equipment and waste rules and answers for a date, against the shipped data/ (issue #14, #15).

Every expectation below was written by hand from the reference files: HCFC-22 is Montreal Annex C, Group I;
Basel A1180 was deleted and A1181/Y49 added on 2025-01-01 (BC-15/18); China's acceptance of the Kigali
Amendment took effect on 2021-09-15 (data/parties/parties.csv, UNTC XXVII-2-f as copied on 2023-10-08); the
Kigali list is complete as at 2023-10-08 (data/parties/coverage.csv) and Pakistan is not on it; Kigali's
non-Party trade restriction applies from 2033-01-01.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from pathlib import Path

import polars as pl
import pytest

from greencustoms.engine import (
    PartyCoverage,
    PartyStatus,
    Ruleset,
    compile_ruleset,
    load_reference_csv,
    read_input,
    screen_lines,
)
from greencustoms.engine.cli import main
from greencustoms.engine.columns import LINE_COLUMNS
from greencustoms.engine.tests.conftest import tiny_reference

#: (hits, lines) of LINES_CSV
Screened2 = tuple[pl.DataFrame, pl.DataFrame]
DATA = Path(__file__).resolve().parents[3] / "data"
AT = dt.date(2026, 11, 30)

LINES_CSV = """declaration_id,line_no,hs_code,description,origin,destination,quantity,unit,value,date
V1,1,8415.10,split air conditioners charged with R-22,TH,GH,20,u,9000,2026-03-01
V1,2,8507.80,used lead-acid batteries for recycling,GH,CN,12,t,3000,2026-03-01
V1,3,8471.30,used laptops for recycling,DE,GH,400,u,2000,2024-06-01
V1,4,8471.30,used laptops for recycling,DE,GH,400,u,2000,2026-06-01
V1,5,2903.45,HFC-134a,CN,GH,100,kg,800,2026-06-01
V1,6,2903.45,HFC-134a,PK,GH,100,kg,800,2026-06-01
V1,7,2903.45,HFC-134a,CN,GH,100,kg,800,2020-06-01
V1,8,9403.60,wooden tables,CN,GH,10,u,500,
V1,9,8418.69,R-22 refrigerant in 13.6 kg cylinders,TH,GH,10,u,300,2026-03-01
V1,10,8549.11,waste lead-acid batteries,GH,CN,1,t,100,2026-03-01
V1,11,8413.30,oil pumps used in vehicles,DE,GH,5,u,100,2026-03-01
V1,12,8507.10,batteries usagées au plomb,FR,GH,1,t,100,2026-03-01
V1,13,8507.10,baterías usadas de plomo-ácido,ES,GH,1,t,100,2026-03-01
"""


@pytest.fixture(scope="module")
def shipped() -> Ruleset:
    return compile_ruleset(load_reference_csv(DATA))


@pytest.fixture(scope="module")
def screened(shipped: Ruleset, tmp_path_factory: pytest.TempPathFactory) -> tuple[pl.DataFrame, pl.DataFrame]:
    path = tmp_path_factory.mktemp("verdicts") / "lines.csv"
    path.write_text(LINES_CSV, encoding="utf-8")
    reader = read_input(path)
    result = screen_lines(reader.batches(), shipped, at=AT)
    assert reader.stats.rejected == 0
    return result.hits, result.lines


def _hits(hits: pl.DataFrame, line: str) -> list[tuple[str, str, str]]:
    rows = hits.filter(pl.col("line_no") == line)
    return sorted(zip(rows["rule"], rows["item"], rows["severity"], strict=True))


def _line(lines: pl.DataFrame, line: str) -> dict[str, object]:
    return lines.filter(pl.col("line_no") == line).to_dicts()[0]


def test_air_conditioners_charged_with_r22_are_equipment_not_a_misdeclared_gas(screened: Screened2) -> None:
    hits, lines = screened
    assert _hits(hits, "1") == [("equipment", "hcfc-22", "medium")]
    row = hits.filter(pl.col("line_no") == "1").to_dicts()[0]
    assert row["evidence"] == (
        "Declared 8415.10 'split air conditioners charged with R-22': air conditioner or heat pump containing"
        " HCFC-22, Montreal Protocol Annex C, Group I — ask for the import/export licence (Article 4B"
        " licensing system)"
    )
    assert row["label"] == "Equipment containing a controlled substance: HCFC-22"
    # the declared fields beside the hit (the code as the reader normalises it: digits)
    assert (row["hs_code"], row["description"], row["origin"], row["destination"]) == (
        "841510",
        "split air conditioners charged with R-22",
        "TH",
        "GH",
    )
    assert (row["quantity"], row["unit"], row["value"]) == ("20", "u", "9000")
    line = _line(lines, "1")
    assert (line["verdict"], line["score"]) == ("check", 25)
    assert (
        line["reasons"]
        == f"Equipment containing a controlled substance: HCFC-22 (medium): {row['evidence']}."
    )


def test_a_gas_in_cylinders_under_an_equipment_heading_stays_a_misdeclaration(screened: Screened2) -> None:
    hits, lines = screened
    assert _hits(hits, "9") == [("description", "hcfc-22", "medium"), ("misdeclaration", "hcfc-22", "high")]
    assert (_line(lines, "9")["verdict"], _line(lines, "9")["score"]) == ("inspect", 75)


def test_used_lead_acid_batteries_for_recycling_are_basel_a1160(screened: Screened2) -> None:
    hits, lines = screened
    assert _hits(hits, "2") == [("waste", "a1160", "high")]
    evidence = hits.filter(pl.col("line_no") == "2")["evidence"].item()
    assert evidence.startswith(
        'Declared 8507.80 \'used lead-acid batteries for recycling\': "used", "for recycling" suggest waste'
        " (lead-acid batteries) declared as goods under a new-goods heading; it most likely falls under the"
        " Basel Convention Annex VIII, A1160 (Waste lead-acid batteries, whole or crushed)"
    )
    assert (_line(lines, "2")["verdict"], _line(lines, "2")["score"]) == ("inspect", 50)
    # French and Spanish words; a battery heading and "lead" in either language
    assert _hits(hits, "12") == [("waste", "a1160", "high")]
    assert _hits(hits, "13") == [("waste", "a1160", "high")]


def test_waste_under_a_waste_heading_and_used_for_are_not_this_rule(screened: Screened2) -> None:
    hits, lines = screened
    assert _hits(hits, "10") == [("hs_code", "a1160", "medium")]
    assert _hits(hits, "11") == []
    assert _line(lines, "11") == {
        "declaration_id": "V1",
        "line_no": "11",
        "verdict": "clear",
        "score": 0,
        "reasons": "No rule matched.",
        "hs_code": "841330",
        "description": "oil pumps used in vehicles",
        "origin": "DE",
        "destination": "GH",
        "quantity": "5",
        "unit": "u",
        "value": "100",
    }


def test_electronics_waste_answers_for_the_declarations_date(screened: Screened2) -> None:
    hits, _lines = screened
    # 2024: A1180 was in force; A1181 and Y49 were adopted (BC-15/18), in force only from 2025-01-01
    assert _hits(hits, "3") == [
        ("waste", "a1180", "high"),
        ("waste", "a1181", "info"),
        ("waste", "y49", "info"),
    ]
    future = hits.filter((pl.col("line_no") == "3") & (pl.col("severity") == "info"))["evidence"].to_list()
    assert all(
        e.endswith("— not yet in force on 2024-06-01: listed from 2025-01-01 (BC-15/18)") for e in future
    )
    # 2026: A1180 deleted on 2025-01-01 must not fire; A1181 is the most likely entry
    assert _hits(hits, "4") == [("waste", "a1181", "high")]


def test_china_accepted_kigali_so_a_cn_hfc_line_has_no_non_party_hit(screened: Screened2) -> None:
    hits, _lines = screened
    assert "country" not in {rule for rule, _i, _s in _hits(hits, "5")}


def test_non_party_statements_carry_their_date_and_source_and_a_2033_restriction_is_information(
    screened: Screened2,
) -> None:
    hits, _lines = screened
    country = hits.filter((pl.col("line_no") == "6") & (pl.col("rule") == "country")).to_dicts()
    assert len(country) == 1
    assert country[0]["severity"] == "info"
    assert country[0]["evidence"].startswith(
        "origin PK is not a Party to the Kigali Amendment as of 2023-10-08, per UN Treaty Collection, Chapter"
        " XXVII-2-f (Kigali Amendment), participant table"
    )
    assert country[0]["evidence"].endswith("— information: the restriction applies from 2033-01-01")
    # the list is years older than the line: the statement says so
    assert (
        "(a list older than a year: it may have joined since; check the depositary)" in country[0]["evidence"]
    )
    # before China's acceptance took effect: not yet bound, with the date it is bound from
    before = hits.filter((pl.col("line_no") == "7") & (pl.col("rule") == "country"))["evidence"].to_list()
    assert len(before) == 1
    assert before[0].startswith(
        "origin CN is not yet bound by the Kigali Amendment on 2020-06-01: its acceptance takes effect on 2021-09-15"
    )


def test_future_obligations_are_never_medium_or_high(screened: Screened2) -> None:
    hits, _lines = screened
    future = hits.filter(pl.col("evidence").str.contains("not yet in force|applies from 20"))
    assert future.height >= 4
    assert set(future["severity"]) == {"info"}


def test_a_line_without_a_date_is_screened_for_the_run_date(shipped: Ruleset) -> None:
    frame = pl.DataFrame(
        {"declaration_id": ["X"], "line_no": ["1"], "hs_code": ["8471.30"], "description": ["used computers"]}
    )
    assert screen_lines(frame, shipped, at=dt.date(2024, 12, 31)).hits["item"].to_list() == [
        "a1180",
        "a1181",
        "y49",
    ]
    assert screen_lines(frame, shipped, at=dt.date(2025, 1, 1)).hits["item"].to_list() == ["a1181"]


def test_lines_are_one_per_input_line_with_the_contract_columns(screened: Screened2) -> None:
    _hits_frame, lines = screened
    assert lines.columns == list(LINE_COLUMNS)
    assert lines["line_no"].to_list() == [str(n) for n in range(1, 14)]
    assert dict(zip(lines["line_no"], lines["verdict"], strict=True)) == {
        "1": "check",
        "2": "inspect",
        "3": "inspect",
        "4": "inspect",
        "5": "check",
        "6": "check",
        "7": "check",
        "8": "clear",
        "9": "inspect",
        "10": "check",  # declared under 8549.11, the waste heading: A1160's own code (hs_code rule, medium)
        "11": "clear",
        "12": "inspect",
        "13": "inspect",
    }


# -- party facts without a date ----------------------------------------------------------------------
def _tiny_line(origin: str) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "declaration_id": ["P"],
            "line_no": ["1"],
            "hs_code": ["2903.71"],
            "description": ["HCFC-22"],
            "origin": [origin],
        }
    )


def test_a_party_fact_without_its_date_is_never_stated() -> None:
    reference = tiny_reference()
    undated = tuple(dataclasses.replace(p, as_of="") for p in reference.parties)
    ruleset = compile_ruleset(dataclasses.replace(reference, parties=undated))
    assert "country" not in set(screen_lines(_tiny_line("US"), ruleset, at=AT).hits["rule"])
    # the same facts with the date they are known for: stated, with that date
    dated = compile_ruleset(reference)
    evidence = screen_lines(_tiny_line("US"), dated, at=AT).hits.filter(pl.col("rule") == "country")[
        "evidence"
    ]
    assert evidence.to_list()[0].startswith(
        "origin US is not a Party to the Beijing Amendment as of 2026-11-30, per the fictional party list of the tests"
    )


def test_an_incomplete_party_list_names_no_non_party() -> None:
    reference = tiny_reference()
    coverage = (PartyCoverage("montreal", "no", "2026-11-30", "fixture-parties"),)
    ruleset = compile_ruleset(dataclasses.replace(reference, coverage=coverage))
    instruments = set(
        screen_lines(_tiny_line("US"), ruleset, at=AT)
        .hits.filter(pl.col("rule") == "country")["evidence"]
        .str.extract(r"Party to the (.+?) as of")
    )
    assert instruments == {"Beijing Amendment"}  # Montreal's own list is not complete: not stated


def test_a_party_bound_later_is_not_yet_a_party() -> None:
    reference = tiny_reference()
    parties = (
        *reference.parties,
        PartyStatus("beijing", "US", in_force="2027-01-01", action="ratification", as_of="2026-11-30"),
    )
    ruleset = compile_ruleset(dataclasses.replace(reference, parties=parties))
    before = screen_lines(_tiny_line("US"), ruleset, at=AT).hits.filter(pl.col("rule") == "country")[
        "evidence"
    ]
    assert any(
        e.startswith(
            "origin US is not yet bound by the Beijing Amendment on 2026-11-30: its ratification takes effect on 2027-01-01"
        )
        for e in before
    )
    after = screen_lines(_tiny_line("US"), ruleset, at=dt.date(2027, 1, 1)).hits.filter(
        pl.col("rule") == "country"
    )
    assert not any("Beijing" in e for e in after["evidence"])


# -- CLI --lines -------------------------------------------------------------------------------------
def test_cli_writes_the_lines_file_with_the_contract_columns(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text(LINES_CSV, encoding="utf-8")
    hits, lines = tmp_path / "hits.csv", tmp_path / "lines.csv"
    out = io.StringIO()
    code = main(
        [str(source), "-o", str(hits), "--lines", str(lines), "--data", str(DATA), "--at", "2026-11-30"],
        stdout=out,
        stderr=io.StringIO(),
    )
    assert code == 0, out.getvalue()
    frame = pl.read_csv(lines, infer_schema=False)
    assert frame.columns == [
        "declaration_id",
        "line_no",
        "verdict",
        "score",
        "reasons",
        "hs_code",
        "description",
        "origin",
        "destination",
        "quantity",
        "unit",
        "value",
    ]
    assert frame.height == 13
    assert set(frame["verdict"]) <= {"clear", "check", "inspect"}
    assert frame.filter(pl.col("line_no") == "2")[["verdict", "score"]].row(0) == ("inspect", "50")
    assert "lines: " in out.getvalue()


def test_cli_refuses_a_bad_at_date(tmp_path: Path) -> None:
    err = io.StringIO()
    code = main(
        [str(tmp_path / "x.csv"), "-o", str(tmp_path / "h.csv"), "--at", "30/11/2026"],
        stdout=io.StringIO(),
        stderr=err,
    )
    assert code == 2
    assert "not a date" in err.getvalue()
