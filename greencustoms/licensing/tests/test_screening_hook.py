"""The licence hits the screening app adds: only the records the screening user may see are used."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import polars as pl
import pytest

from greencustoms.licensing.models import Licence
from greencustoms.licensing.screening_hook import licence_hits_for

pytestmark = pytest.mark.django_db

HIT_COLUMNS = ["declaration_id", "line_no", "rule", "agreement", "item", "evidence", "document", "severity"]


def _batch() -> tuple[pl.DataFrame, pl.DataFrame]:
    lines = pl.DataFrame({"declaration_id": ["D1"], "line_no": ["1"], "hs_code": ["290371"], "description": ["HCFC-22"],
                          "origin": [""], "destination": ["TH"], "quantity": ["3000"], "unit": ["kg"], "value": ["1"]})  # fmt: skip
    hits = pl.DataFrame(
        [("D1", "1", "hs_code", "montreal", "hcfc-22", "2903.71", "", "high")],
        schema=HIT_COLUMNS,
        orient="row",
    )
    return lines, hits


def test_the_countrys_focal_point_gets_the_licence_comparison(th_focal: Any, officer: Any) -> None:
    Licence.objects.create(
        country="TH", number="TH-7", direction="import", holder="Siam", substance="hcfc-22", quantity_kg=Decimal(2000),
        valid_from=date(2026, 1, 1), valid_to=date(2026, 12, 31), source="Register",
    )  # fmt: skip
    lines, hits = _batch()
    own = licence_hits_for(lines, hits, by=th_focal, at=date(2026, 6, 1))
    assert own.select("rule", "severity", "evidence").rows() == [
        ("licence", "medium", "3000 kg declared, more than the 2000 kg of licence TH-7")
    ]
    # an officer may not see Thailand's licences: information only, no licence number revealed
    other = licence_hits_for(lines, hits, by=officer, at=date(2026, 6, 1))
    assert other.select("severity", "evidence").rows() == [
        ("info", "no licensing data for TH on this platform: import licence not checked (information)")
    ]


def test_batches_without_montreal_hits_get_none(officer: Any) -> None:
    lines, hits = _batch()
    assert licence_hits_for(
        lines, hits.with_columns(pl.lit("basel").alias("agreement")), by=officer, at=date(2026, 6, 1)
    ).is_empty()
