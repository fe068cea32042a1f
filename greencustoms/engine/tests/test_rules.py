"""Golden files per rule family: tests/golden/<family>.csv screened must give <family>.hits.csv.

Set UPDATE_GOLDEN=1 to rewrite the expected files after a deliberate change (and review the diff).
"""

from __future__ import annotations

import copy
import datetime as dt
import os
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from greencustoms.engine import RiskIndicator, Ruleset, read_input, screen
from greencustoms.engine.columns import HIT_COLUMNS, HIT_OUTPUT_COLUMNS
from greencustoms.engine.errors import EngineError

GOLDEN = Path(__file__).parent / "golden"
#: The date the golden files are screened for (their lines have no date column).
AT = dt.date(2026, 12, 1)
INDICATORS = (
    RiskIndicator(
        id="ri-ac-fgas-cn",
        title="Air conditioners with fluorinated gas from CN",
        hs_prefixes=("8415",),
        keywords=("fluorinated gas",),
        countries=("CHN",),
        severity="high",
        agreement="montreal",
        document="Check pre-charge certificate",
    ),
    RiskIndicator(
        id="ri-gaz-fluore",
        title="Gaz fluoré",
        keywords=("gaz fluore",),
        severity="medium",
        agreement="montreal",
    ),
    RiskIndicator(id="ri-india-2903", title="HS 2903 from IN", hs_prefixes=("2903",), countries=("IN",)),
)


def _screen_golden(family: str, ruleset: Ruleset) -> pl.DataFrame:
    reader = read_input(GOLDEN / f"{family}.csv")
    indicators = INDICATORS if family == "indicator" else ()
    hits = screen(reader.batches(), ruleset, indicators=indicators, at=AT)
    assert reader.stats.rejected == 0, reader.errors
    return hits


@pytest.mark.parametrize("family", ["hs_code", "description", "misdeclaration", "country", "indicator"])
def test_golden_hits(ruleset: Ruleset, family: str) -> None:
    hits = _screen_golden(family, ruleset)
    expected_path = GOLDEN / f"{family}.hits.csv"
    if os.environ.get("UPDATE_GOLDEN"):
        hits.write_csv(expected_path)
    expected = pl.read_csv(expected_path, infer_schema=False).fill_null("")
    # the contract's columns first, then the appended label and declared fields (issue #15)
    assert hits.columns == list(HIT_OUTPUT_COLUMNS)
    assert hits.columns[: len(HIT_COLUMNS)] == list(HIT_COLUMNS)
    assert hits.select(HIT_COLUMNS).fill_null("").to_dicts() == expected.to_dicts()
    assert family in set(hits["rule"])


@pytest.mark.parametrize("family", ["description", "misdeclaration", "country"])
def test_golden_hits_with_the_two_part_prefilter(ruleset: Ruleset, family: str) -> None:
    # the fallback used when the one-regex pre-filter is too big for the regex engine
    fallback = copy.copy(ruleset)
    fallback.needles_regex = None
    hits = _screen_golden(family, fallback)
    expected = pl.read_csv(GOLDEN / f"{family}.hits.csv", infer_schema=False).fill_null("")
    assert hits.select(HIT_COLUMNS).fill_null("").to_dicts() == expected.to_dicts()


def test_indicators_apply_only_when_passed(ruleset: Ruleset) -> None:
    reader = read_input(GOLDEN / "indicator.csv")
    hits = screen(reader.batches(), ruleset)
    assert "indicator" not in set(hits["rule"])


def test_screen_accepts_arrow_and_missing_optional_columns(ruleset: Ruleset) -> None:
    frame = pl.DataFrame({"declaration_id": ["A"], "hs_code": ["2903.71"], "description": ["gas"]})
    hits = screen(frame.to_arrow(), ruleset)
    assert hits.select("declaration_id", "rule", "item").row(0) == ("A", "hs_code", "hcfc-22")


def test_integer_hs_code_gets_its_leading_zero_back(ruleset: Ruleset) -> None:
    frame = pl.DataFrame({"declaration_id": ["A"], "hs_code": [50710], "description": ["pieces"]})
    hits = screen(frame, ruleset)
    assert set(hits["item"]) == {"loxodonta-africana"}


def test_edition_selects_the_codes(ruleset: Ruleset) -> None:
    frame = pl.DataFrame({"declaration_id": ["A"], "hs_code": ["290373"], "description": ["gas"]})
    assert set(screen(frame, ruleset, edition="HS2022")["item"]) == {"hcfc-141b"}
    assert set(screen(frame, ruleset, edition="HS2017")["item"]) == {"hcfc-22"}
    with pytest.raises(EngineError):
        screen(frame, ruleset, edition="HS1988")


WORDS = st.lists(
    st.sampled_from(["steel", "parts", "kg", "13.6", "cylinder", "pump", "(new)", "x2"]), max_size=6
)


@settings(deadline=None, max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    before=WORDS,
    after=WORDS,
    synonym=st.sampled_from(
        ["R22", "r 22", "HCFC-22", "CHLORODIFLUOROMETHANE", "75-45-6", "Chlorodifluorométhane"]
    ),
)
def test_the_prefilter_never_drops_a_flagged_line(
    ruleset: Ruleset, before: list[str], after: list[str], synonym: str
) -> None:
    text = " ".join([*before, synonym, *after])
    noise = ["steel parts"] * 20
    frame = pl.DataFrame(
        {
            "declaration_id": [str(i) for i in range(21)],
            "hs_code": ["7308"] * 21,
            "description": [*noise, text],
        }
    )
    hits = screen(frame, ruleset)
    assert hits.filter(pl.col("rule") == "description")["declaration_id"].to_list() == ["20"]
