"""Licence matching rules and the group shares of substances and blends (hand-worked figures)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest

from greencustoms.engine.columns import HIT_COLUMNS
from greencustoms.engine.licences import (
    GroupShare,
    Licence,
    Quota,
    SubstanceUnits,
    group_of_listing,
    licensing_data,
    match_licences,
    quota_amount,
    substance_groups,
    substance_units,
)
from greencustoms.engine.ozone_units import load_ozone_tables

DATA = Path(__file__).resolve().parents[3] / "data"


@pytest.fixture(scope="module")
def units() -> dict[str, SubstanceUnits]:
    tables = load_ozone_tables(DATA)
    groups = substance_groups(DATA)
    out = {}
    for item_id, name, listing in (
        ("hcfc-22", "HCFC-22", "Annex C, Group I"),
        ("r-401a", "R-401A", ""),
        ("r-410a", "R-410A", ""),
        ("hfc-134a", "HFC-134a", "Annex F"),
    ):
        found = substance_units(tables, groups, item_id=item_id, name=name, listing=listing)
        assert found is not None
        out[item_id] = found
    return out


def test_listing_to_group() -> None:
    assert group_of_listing("Annex C, Group I") == "CI"
    assert group_of_listing("Annex A, Group II") == "AII"
    assert group_of_listing("Annex F") == "F"
    assert group_of_listing("Annex E, Group I") == "EI"
    assert group_of_listing("Mixture; controlled components in Annex C, F") == ""


def test_blend_splits_into_its_groups_by_hand(units: dict[str, SubstanceUnits]) -> None:
    # R-401A = 53 % HCFC-22 (ODP 0.055, GWP 1810) + 34 % HCFC-124 (ODP 0.022, GWP 609) + 13 % HFC-152a (GWP 124)
    shares = {s.group: s for s in units["r-401a"].shares}
    assert set(shares) == {"CI", "F"}
    assert shares["CI"].odp == Decimal("0.03663")  # 0.53 x 0.055 + 0.34 x 0.022
    assert shares["CI"].gwp == Decimal("1166.36")  # 0.53 x 1810 + 0.34 x 609
    assert shares["F"].odp == 0 and shares["F"].gwp == Decimal("16.12")  # 0.13 x 124
    # 100 kg of R-401A: 0.1 t x 0.03663 = 0.003663 ODP-t against an HCFC quota, 0.1 x 16.12 = 1.612 CO2e-t HFC
    assert quota_amount(shares["CI"], Decimal("0.1")) == Decimal("0.003663")
    assert quota_amount(shares["F"], Decimal("0.1")) == Decimal("1.612")
    # R-410A = 50 % HFC-32 (675) + 50 % HFC-125 (3500): 2087.5 per kg, all in group F
    (share,) = units["r-410a"].shares
    assert share == GroupShare("F", Decimal("0"), Decimal("2087.5"))


def _lines(**extra: list[str]) -> pl.DataFrame:
    base = {
        "declaration_id": ["D1"],
        "line_no": ["1"],
        "hs_code": ["290371"],
        "description": ["HCFC-22"],
        "origin": ["CN"],
        "destination": ["TH"],
        "quantity": ["1000"],
        "unit": ["kg"],
        "value": ["1"],
    }
    base.update(extra)
    return pl.DataFrame(base)


def _hits(item: str = "hcfc-22") -> pl.DataFrame:
    return pl.DataFrame(
        [("D1", "1", "hs_code", "montreal", item, "2903.71", "", "high")],
        schema=list(HIT_COLUMNS),
        orient="row",
    )


LICENCE = Licence(
    "TH",
    "TH-IMP-2024-007",
    "import",
    "Siam Cooling Co.",
    "hcfc-22",
    Decimal(2000),
    date(2024, 1, 1),
    date(2024, 12, 31),
)


def _evidence(frame: pl.DataFrame) -> list[tuple[str, str]]:
    assert frame.columns == list(HIT_COLUMNS)
    assert set(frame["rule"]) <= {"licence"}
    return list(zip(frame["severity"], frame["evidence"], strict=True))


def test_no_licensing_data_is_information_never_a_missing_licence(units: dict[str, SubstanceUnits]) -> None:
    data = licensing_data(countries=[], substances=units)
    found = _evidence(match_licences(_lines(), _hits(), data))
    assert found == [
        ("info", "no licensing data for TH on this platform: import licence not checked (information)"),
        ("info", "no licensing data for CN on this platform: export licence not checked (information)"),
    ]


def test_matching_licence_gives_no_hit(units: dict[str, SubstanceUnits]) -> None:
    data = licensing_data(countries=["TH"], licences=[LICENCE], substances=units)
    lines = _lines(importer=["SIAM COOLING CO"], date=["2024-03-02"], origin=[""])
    assert match_licences(lines, _hits(), data).is_empty()


def test_no_licence_for_the_substance(units: dict[str, SubstanceUnits]) -> None:
    data = licensing_data(countries=["TH"], licences=[LICENCE], substances=units)
    found = _evidence(match_licences(_lines(origin=[""]), _hits("r-410a"), data))
    assert found == [("high", "no import licence of TH covers r-410a (1 import licences on record)")]


def test_importer_validity_and_quantity_mismatches_name_the_licence(units: dict[str, SubstanceUnits]) -> None:
    data = licensing_data(countries=["TH"], licences=[LICENCE], substances=units)
    other = _evidence(match_licences(_lines(origin=[""], importer=["Other Trading Ltd"]), _hits(), data))
    assert other == [
        (
            "high",
            "importer 'Other Trading Ltd' holds none of TH's import licences for hcfc-22: TH-IMP-2024-007 (Siam Cooling Co.)",
        )
    ]
    late = _evidence(match_licences(_lines(origin=[""], date=["2025-01-03"]), _hits(), data))
    assert late == [
        ("high", "dated 2025-01-03, outside the validity of TH-IMP-2024-007 valid 2024-01-01–2024-12-31")
    ]
    much = _evidence(
        match_licences(_lines(origin=[""], quantity=["2.5"], unit=["t"], date=["2024-06-01"]), _hits(), data)
    )
    assert much == [("medium", "2500 kg declared, more than the 2000 kg of licence TH-IMP-2024-007")]


def test_quota_remaining_in_odp_tonnes_and_co2e(units: dict[str, SubstanceUnits]) -> None:
    quotas = [
        # 1,000 kg HCFC-22 = 0.055 ODP-t; 0.05 of 1.2 ODP-t remains
        Quota("TH", "import", "CI", 2024, Decimal("1.2"), Decimal("1.15")),
        # 1,000 kg R-410A = 2087.5 CO2e t; 3,000 remain
        Quota("TH", "import", "F", 2024, Decimal("5000"), Decimal("2000")),
    ]
    licences = [
        LICENCE,
        Licence(
            "TH",
            "TH-IMP-2024-009",
            "import",
            "Siam Cooling Co.",
            "r-410a",
            Decimal(5000),
            date(2024, 1, 1),
            date(2024, 12, 31),
        ),
    ]
    data = licensing_data(countries=["TH"], licences=licences, quotas=quotas, substances=units)
    over = _evidence(match_licences(_lines(origin=[""], date=["2024-05-05"]), _hits(), data))
    assert over == [
        ("high", "0.055 ODP t of group CI exceeds what remains of TH's 2024 import quota: 0.05 of 1.2 ODP t")
    ]
    within = match_licences(_lines(origin=[""], date=["2024-05-05"]), _hits("r-410a"), data)
    assert within.is_empty()
    # without a date the year of the data applies; 2,000 kg R-410A = 4,175 CO2e t > 3,000
    data_2024 = licensing_data(
        countries=["TH"], licences=licences, quotas=quotas, substances=units, year=2024
    )
    over_f = _evidence(match_licences(_lines(origin=[""], quantity=["2000"]), _hits("r-410a"), data_2024))
    assert over_f == [
        ("high", "4175 CO2e t of group F exceeds what remains of TH's 2024 import quota: 3000 of 5000 CO2e t")
    ]


def test_only_montreal_substance_hits_are_checked(units: dict[str, SubstanceUnits]) -> None:
    data = licensing_data(countries=[], substances=units)
    country_only = pl.DataFrame(
        [
            ("D1", "1", "country", "montreal", "hcfc-22", "non-party", "", "high"),
            ("D1", "1", "hs_code", "basel", "a1010", "", "", "high"),
        ],
        schema=list(HIT_COLUMNS),
        orient="row",
    )
    assert match_licences(_lines(), country_only, data).is_empty()
