"""`greencustoms trade mirror` on a small hand-made file (single process; Spark's equality is test_spark.py)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import polars as pl

from greencustoms.cli import main as greencustoms_main
from greencustoms.engine.trade_cli import main

FILE = """period,reporterISO,partnerISO,flowCode,cmdCode,netWgt,primaryValue
2021,CHN,THA,X,290371,1000,1
2022,CHN,THA,X,290371,10000,1
2022,THA,CHN,M,290371,15000,1
2022,CHN,THA,X,010121,5,1
2024,CHN,THA,X,290371,7000,1
"""


def _run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return main(argv, stdout=out, stderr=err), out.getvalue(), err.getvalue()


def test_mirror_writes_the_controlled_codes_of_the_years_asked(tmp_path: Path) -> None:
    source = tmp_path / "comtrade.csv"
    source.write_text(FILE)
    out = tmp_path / "mirror.parquet"
    code, stdout, stderr = _run(
        [
            "mirror",
            str(source),
            "-o",
            str(out),
            "--from",
            "2022",
            "--to",
            "2023",
            "--timing-periods",
            "0",
            "--json-summary",
        ]
    )
    assert (code, stderr) == (0, "")
    summary = json.loads(stdout)
    assert summary["rows"] == 1 and summary["flagged"] == 1
    assert summary["parameters"]["weight_tolerance"] == 0.1 and summary["factor_basis"] == "min"
    table = pl.read_parquet(out)
    # 2903.71 is HCFC-22 (ODP 0.055, GWP 1810): 5 t gap = 0.275 ODP-t, 9,050 t CO2e; horses (0101.21) left out
    assert table.select(
        "exporter", "importer", "hs_code", "period", "gap_kg", "gap_odp_t", "gap_co2e_t"
    ).rows() == [("CHN", "THA", "290371", "2022", 5000.0, 0.275, 9050.0)]


def test_all_codes_and_csv_output_through_the_greencustoms_command(tmp_path: Path) -> None:
    source = tmp_path / "comtrade.csv"
    source.write_text(FILE)
    out = tmp_path / "mirror.csv"
    assert greencustoms_main(["trade", "mirror", str(source), "-o", str(out), "--all-codes"]) == 0
    table = pl.read_csv(out, schema_overrides={"hs_code": pl.String, "period": pl.String})
    assert sorted(set(table["hs_code"])) == ["010121", "290371"]
    assert table["substance_group"].null_count() == table.height


def test_unusable_input_and_bad_flags_exit_2(tmp_path: Path) -> None:
    code, _out, err = _run(["mirror", str(tmp_path / "absent.csv"), "-o", str(tmp_path / "x.csv")])
    assert code == 2 and "no such file" in err
    bad = tmp_path / "bad.csv"
    bad.write_text("period,reporterISO\n2022,CHN\n")
    code, _out, err = _run(["mirror", str(bad), "-o", str(tmp_path / "x.csv")])
    assert code == 2 and "missing required column(s): partnerISO" in err
    code, _out, err = _run(["mirror", str(bad), "-o", str(tmp_path / "x.csv"), "--cif-fob-ratio", "0"])
    assert code == 2 and "cif_fob_ratio must be positive" in err
    code, _out, err = _run(["mirror"])
    assert code == 2 and "error" in err
