"""Spark (local mode, two cores) and the single process give identical hits and identical mirror tables."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from greencustoms.engine import Ruleset, compile_ruleset, load_reference_csv, screen
from greencustoms.engine.columns import HIT_COLUMNS
from greencustoms.engine.mirror import HsFactor, MirrorParameters, mirror_table, read_comtrade
from greencustoms.engine.tradegen import CODES, generate_comtrade

if not os.environ.get("CI"):
    # CI installs the `spark` extra and Java 17 (.ci/run) and must run these; elsewhere they may be absent
    pytest.importorskip("pyspark", reason="the spark extra is not installed (pip install -e '.[spark]')")

from greencustoms.engine.spark import (  # noqa: E402 - after the optional-dependency check
    collect_mirror,
    mirror_table_spark,
    read_comtrade_spark,
    screen_spark,
    session,
)

pytestmark = pytest.mark.spark

FACTORS = [
    HsFactor(code, "F" if code.startswith("3827") else "CI", 0.055 * (i % 3), 100.0 * (i + 1))
    for i, code in enumerate(CODES)
]


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    spark = session("local[2]")
    spark.sparkContext.setLogLevel("ERROR")
    yield spark
    spark.stop()


@pytest.fixture(scope="module")
def real_ruleset() -> Ruleset:
    return compile_ruleset(load_reference_csv(Path(__file__).resolve().parents[3] / "data"))


def _sorted(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.select(HIT_COLUMNS).sort(list(HIT_COLUMNS))


def test_screening_hits_are_identical(spark: Any, real_ruleset: Ruleset) -> None:
    lines = pl.DataFrame(
        {
            "declaration_id": [f"D{i}" for i in range(400)],
            "line_no": [str(i % 7 + 1) for i in range(400)],
            "hs_code": [("290371", "382761", "010121", "2903.41", "3827.11")[i % 5] for i in range(400)],
            "description": [
                (
                    "Chlorodifluoromethane R22",
                    "R-410A refrigerant",
                    "live horses",
                    "trifluoromethane",
                    "CFC-12 blend",
                )[i % 5]
                for i in range(400)
            ],
            "origin": [("CN", "IN", "FR", "XX", "ZZ")[i % 5] for i in range(400)],
            "destination": [("TH", "DE", "VN", "CN", "TH")[i % 5] for i in range(400)],
            "quantity": ["100"] * 400,
            "unit": ["kg"] * 400,
            "value": ["1"] * 400,
        }
    )
    single = screen(lines, real_ruleset)
    assert single.height > 400  # every controlled line is hit, some by several rules
    distributed = pl.from_arrow(
        screen_spark(spark.createDataFrame(lines.to_arrow()).repartition(3), real_ruleset).toArrow()
    )
    assert isinstance(distributed, pl.DataFrame)
    assert _sorted(distributed).equals(_sorted(single))


@pytest.mark.parametrize(
    ("monthly", "params"),
    [
        (False, MirrorParameters(timing_periods=0)),
        (False, MirrorParameters(timing_periods=1, from_year=2020, to_year=2022)),
        (
            True,
            MirrorParameters(
                granularity="month", timing_periods=1, weight_tolerance=0.05, cif_fob_ratio=1.08
            ),
        ),
    ],
)
def test_mirror_tables_are_identical(
    spark: Any, tmp_path: Path, monthly: bool, params: MirrorParameters
) -> None:
    frame, planted = generate_comtrade(3000, monthly=monthly, planted_share=0.02, seed=11)
    path = tmp_path / "comtrade.csv"
    frame.write_csv(path)
    single = mirror_table(read_comtrade(path), factors=FACTORS, params=params)
    distributed = collect_mirror(
        mirror_table_spark(read_comtrade_spark(spark, str(path)), factors=FACTORS, params=params)
    )
    assert single.height > 1000
    assert distributed.equals(single)
    if params.timing_periods == 0:
        flagged = {
            (r["exporter"], r["importer"], r["hs_code"], r["period"])
            for r in single.filter(pl.col("flagged")).iter_rows(named=True)
        }
        assert {(p.exporter, p.importer, p.hs_code, p.period) for p in planted} <= flagged


def test_cli_engine_spark_gives_the_local_hits_and_mirror(spark: Any, tmp_path: Path) -> None:
    from greencustoms.engine.cli import main as screen_main
    from greencustoms.engine.trade_cli import main as trade_main

    data = str(Path(__file__).resolve().parents[3] / "data")
    lines = tmp_path / "lines.csv"
    lines.write_text(
        "declaration_id,line_no,hs_code,description,origin,destination,quantity,unit,value\n"
        "D1,1,290371,chlorodifluoromethane,CN,TH,100,kg,1\n"
        "D2,1,010121,horses,FR,DE,1,u,1\n"
        "D3,2,382761,R-410A,IN,LK,10,kg,1\n"
    )
    args = [str(lines), "--data", data, "--no-progress"]
    assert screen_main([*args, "-o", str(tmp_path / "local.csv")]) == 0
    assert (
        screen_main([*args, "-o", str(tmp_path / "spark.csv"), "--engine", "spark", "--master", "local[2]"])
        == 0
    )
    local = pl.read_csv(tmp_path / "local.csv", infer_schema=False)
    on_spark = pl.read_csv(tmp_path / "spark.csv", infer_schema=False)
    assert local.height >= 3
    assert _sorted(on_spark).equals(_sorted(local))
    frame, _planted = generate_comtrade(300, seed=3)
    source = tmp_path / "comtrade.parquet"
    frame.write_parquet(source)
    for engine in ("local", "spark"):
        assert (
            trade_main(
                [
                    "mirror",
                    str(source),
                    "-o",
                    str(tmp_path / f"{engine}.parquet"),
                    "--engine",
                    engine,
                    "--data",
                    data,
                ]
            )
            == 0
        )
    assert pl.read_parquet(tmp_path / "spark.parquet").equals(pl.read_parquet(tmp_path / "local.parquet"))
