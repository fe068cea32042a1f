"""The analysis page and CSV: public figures from the public fields of published cases only."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from greencustoms.cases import services
from greencustoms.cases.tests.conftest import AT, acting, case_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_cases(published_case: Any, secretariat_user: Any, enforcement_user: Any) -> None:
    sec = acting(secretariat_user)
    second = services.case_create(
        by=sec,
        data=case_data(date=date(2025, 1, 9), country="TH", region="asia_pacific", items=["HCFC-22"],
                       commodity="HCFC-22", quantity=Decimal(2), unit="t", detection="tip_off",
                       prosecution=False, penalty=True),
        at=AT,
    )  # fmt: skip
    services.case_submit(case=second, by=sec, at=AT)
    services.case_review(case=second, by=sec, approve=True, note="", at=AT)
    services.case_approve_summary(case=second, by=sec, summary="Stopped at the border.", at=AT)
    services.case_publish(case=second, by=sec, at=AT)
    # a draft never counts
    services.case_create(by=acting(enforcement_user), data=case_data(commodity="Draft only"), at=AT)


def test_csv_figures_by_hand(three_cases: None, client: Any) -> None:
    response = client.get("/cases/analysis.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["dimension", "value", "cases"]
    got = {(d, v): int(n) for d, v, n in rows[1:]}
    assert got[("year", "2025")] == 1 and got[("year", "2026")] == 1
    assert got[("region", "Africa")] == 1 and got[("region", "Asia and the Pacific")] == 1
    assert got[("agreement", "montreal")] == 2
    assert got[("detection", "X-ray or scanner")] == 1 and got[("detection", "Tip-off or intelligence")] == 1
    assert got[("outcome", "prosecution")] == 1 and got[("outcome", "penalty")] == 1
    assert ("commodity", "Draft only") not in got


def test_page_shows_shares_totals_and_svg_charts(three_cases: None, client: Any) -> None:
    body = client.get("/cases/analysis/").content.decode()
    assert "2 published cases." in body
    assert "50.0 % reached prosecution, 50.0 % a penalty." in body
    # 0.5 t R-404A → 1960.8 t CO2e; 2 t HCFC-22 → 3620 t CO2e and 0.11 ODP tonnes
    assert "0.110000 ODP tonnes, 5580.800 tonnes CO2-equivalent" in body
    assert body.count("<svg") == 6 and 'role="img"' in body
