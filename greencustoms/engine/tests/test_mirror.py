"""Mirror analysis on a small hand-made Comtrade file whose answer is worked out here by hand."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from greencustoms.engine.errors import InputError, MissingColumnsError
from greencustoms.engine.mirror import (
    MIRROR_COLUMNS,
    HsFactor,
    MirrorParameters,
    compare_with_quotas,
    gap_over_time,
    mirror_table,
    read_comtrade,
    top_pairs,
)

# HCFC-22 under 2903.71 (ODP 0.055, GWP 1810); R-410A under 3827.61 (ODP 0, GWP 2087.5)
FACTORS = [HsFactor("290371", "CI", 0.055, 1810.0), HsFactor("382761", "F", 0.0, 2087.5)]

HAND_MADE = """period,reporterISO,partnerISO,flowCode,cmdCode,netWgt,primaryValue,cifvalue,fobvalue
2022,CHN,THA,X,290371,10000,30000,,
2022,THA,CHN,M,290371,15000,49500,49500,
2022,CHN,VNM,X,290371,5000,15000,,
2022,VNM,CHN,M,290371,5050,16000,,
2022,CHN,W00,X,290371,99999,1,,
2022,IND,LKA,RX,290371,700,1,,
2023,IND,LKA,X,382761,2000,8000,,7000
2023,LKA,IND,M,84151010,2000,8000,,
2023,LKA,IND,M,382761,0,0,,
2021,CHN,THA,X,290371,4000,12000,,
"""


@pytest.fixture
def comtrade(tmp_path: Path) -> Path:
    path = tmp_path / "comtrade.csv"
    path.write_text(HAND_MADE, encoding="utf-8")
    return path


def test_gaps_per_pair_code_and_year_as_worked_by_hand(comtrade: Path) -> None:
    table = mirror_table(read_comtrade(comtrade), factors=FACTORS, params=MirrorParameters(timing_periods=0))
    assert table.columns == list(MIRROR_COLUMNS)
    rows = {(r["exporter"], r["importer"], r["hs_code"], r["period"]): r for r in table.iter_rows(named=True)}
    # World partner, re-exports and the uncontrolled 8415.10 line are not compared
    assert set(rows) == {
        ("CHN", "THA", "290371", "2021"),
        ("CHN", "THA", "290371", "2022"),
        ("CHN", "VNM", "290371", "2022"),
        ("IND", "LKA", "382761", "2023"),
    }
    tha = rows[("CHN", "THA", "290371", "2022")]
    # Thailand reports 15 t imported, China 10 t exported: 5,000 kg = 5 t x 0.055 = 0.275 ODP-t, 5 t x 1810 = 9050 t CO2e
    assert (tha["export_kg"], tha["mirror_import_kg"], tha["gap_kg"]) == (10000.0, 15000.0, 5000.0)
    assert tha["gap_odp_t"] == pytest.approx(0.275)
    assert tha["gap_co2e_t"] == pytest.approx(9050.0)
    assert tha["substance_group"] == "CI"
    # CIF 49,500 / 1.10 = 45,000 FOB against 30,000 reported: 15,000 US$
    assert tha["import_value_fob_est"] == 45000.0
    assert tha["value_gap"] == 15000.0
    # tolerance: max(100 kg, 10 % of 15,000) = 1,500 < 5,000
    assert tha["tolerance_kg"] == 1500.0
    assert tha["flagged"] is True
    vnm = rows[("CHN", "VNM", "290371", "2022")]
    assert vnm["gap_kg"] == 50.0 and vnm["tolerance_kg"] == 505.0 and vnm["flagged"] is False
    # 2021: China reports 4 t to Thailand, Thailand reports nothing
    alone = rows[("CHN", "THA", "290371", "2021")]
    assert (alone["mirror_import_kg"], alone["gap_kg"], alone["flagged"]) == (0.0, -4000.0, True)
    # India's FOB value column wins over primaryValue; Sri Lanka reports 0 kg of 3827.61
    lka = rows[("IND", "LKA", "382761", "2023")]
    assert lka["export_value_fob"] == 7000.0
    assert lka["gap_kg"] == -2000.0
    assert lka["gap_co2e_t"] == pytest.approx(-4175.0)  # 2 t x 2087.5
    assert lka["gap_odp_t"] == 0.0
    assert lka["flagged"] is True


def test_timing_window_lets_neighbouring_years_offset(comtrade: Path) -> None:
    table = mirror_table(read_comtrade(comtrade), factors=FACTORS, params=MirrorParameters(timing_periods=1))
    rows = {(r["exporter"], r["importer"], r["period"]): r for r in table.iter_rows(named=True)}
    # 2021 (-4,000) and 2022 (+5,000) within one year of each other: window gap 2021 = -4000 + 5000 = 1000,
    # window tolerance max(100, 10 % of 15,000) = 1,500: the 2021 gap is timing, not flagged
    assert rows[("CHN", "THA", "2021")]["window_gap_kg"] == 1000.0
    assert rows[("CHN", "THA", "2021")]["flagged"] is False
    # 2022's window (2021..2023) is the same 1,000 kg: no longer flagged either
    assert rows[("CHN", "THA", "2022")]["flagged"] is False


def test_parameters_change_the_verdict(comtrade: Path) -> None:
    loose = MirrorParameters(timing_periods=0, weight_tolerance=0.5, min_gap_kg=100)
    rows = {
        (r["exporter"], r["importer"], r["period"]): r["flagged"]
        for r in mirror_table(read_comtrade(comtrade), factors=FACTORS, params=loose).iter_rows(named=True)
    }
    # 50 % of 15,000 = 7,500 > 5,000: the Thai gap is within this (loose) tolerance
    assert rows[("CHN", "THA", "2022")] is False
    assert rows[("CHN", "THA", "2021")] is True


def test_years_filter_and_monthly_granularity(tmp_path: Path) -> None:
    path = tmp_path / "monthly.csv"
    path.write_text(
        "period,reporterISO,partnerISO,flowCode,cmdCode,netWgt,primaryValue\n"
        "202212,CHN,THA,X,290371,3000,1\n"
        "202301,THA,CHN,M,290371,3000,1\n"
        "202303,THA,CHN,M,290371,800,1\n",
        encoding="utf-8",
    )
    monthly = MirrorParameters(granularity="month", timing_periods=1)
    table = mirror_table(read_comtrade(path), factors=FACTORS, params=monthly)
    rows = {r["period"]: r for r in table.iter_rows(named=True)}
    assert sorted(rows) == ["2022-12", "2023-01", "2023-03"]
    # December's export arrives in January: each month alone is a 3,000 kg gap, the window nets it to 0
    assert rows["2022-12"]["gap_kg"] == -3000.0 and rows["2022-12"]["window_gap_kg"] == 0.0
    assert not rows["2022-12"]["flagged"] and not rows["2023-01"]["flagged"]
    assert rows["2023-03"]["flagged"]
    only_2023 = mirror_table(
        read_comtrade(path), factors=FACTORS, params=MirrorParameters(granularity="month", from_year=2023)
    )
    assert only_2023["period"].to_list() == ["2023-01", "2023-03"]
    annual = tmp_path / "annual.csv"
    annual.write_text(
        "period,reporterISO,partnerISO,flowCode,cmdCode,netWgt,primaryValue\n2022,CHN,THA,X,290371,1,1\n"
    )
    with pytest.raises(InputError, match="monthly periods"):
        mirror_table(read_comtrade(annual), factors=FACTORS, params=monthly)


def test_missing_columns_are_named(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("period,reporterISO,flowCode\n2022,CHN,X\n")
    with pytest.raises(MissingColumnsError, match="partnerISO"):
        read_comtrade(path)


def test_top_pairs_gap_over_time_and_quotas(comtrade: Path) -> None:
    table = mirror_table(read_comtrade(comtrade), factors=FACTORS, params=MirrorParameters(timing_periods=0))
    top = top_pairs(table, n=2)
    # flagged: CHN→THA 2021 (-4,000) and 2022 (+5,000) = +1,000 over 2 periods; IND→LKA -2,000
    assert top.select("exporter", "importer", "gap_kg", "flagged_periods").rows() == [
        ("IND", "LKA", -2000.0, 1),
        ("CHN", "THA", 1000.0, 2),
    ]
    over_time = gap_over_time(table)
    assert over_time.select("period", "gap_kg").rows() == [
        ("2021", -4000.0),
        ("2022", 5050.0),
        ("2023", -2000.0),
    ]
    quotas = pl.DataFrame(
        {
            "country": ["TH", "VN"],
            "substance_group": ["CI", "CI"],
            "year": [2022, 2022],
            "unit": ["odp_t", "odp_t"],
            "limit": [0.5, 1.0],
        }
    )
    compared = compare_with_quotas(
        table, quotas, factors=FACTORS, alpha3_to_alpha2={"THA": "TH", "VNM": "VN"}
    )
    # China reports 10 t HCFC-22 to Thailand = 0.55 ODP-t > 0.5; 5 t to Viet Nam = 0.275 < 1.0
    assert compared.select("country", "reported_by_exporters", "exceeds").rows() == [
        ("TH", 0.55, True),
        ("VN", 0.275, False),
    ]
