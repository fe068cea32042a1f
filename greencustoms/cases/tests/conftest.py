"""Fixtures of the cases tests: records at each step, made through the services."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest

from greencustoms.accounts.choices import Role
from greencustoms.conftest import make_user

AT = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)
DETAIL_SECRET = "ROUTE-SECRET-7731"
OFFENDER = "Ivan Smugglerov"


def acting(user: Any) -> Any:
    """The user as if signed in with two factors (service calls outside a request)."""
    user.is_verified = lambda: True
    return user


def case_data(**extra: Any) -> dict[str, Any]:
    data = {
        "date": date(2026, 5, 4),
        "country": "SN",
        "region": "africa",
        "agreements": ["montreal"],
        "commodity": "Refrigerant R-404A",
        "quantity": Decimal(500),
        "unit": "kg",
        "items": ["R-404A"],
        "concealment": "false_label",
        "detection": "xray",
        "prosecution": True,
        "penalty": False,
        "summary": "Cylinders of refrigerant declared as air-conditioning parts were stopped at the port.",
        "place": f"Quay 4 {DETAIL_SECRET}",
        "offender_name": OFFENDER,
        "concealment_detail": f"Behind spare parts {DETAIL_SECRET}",
    }
    return data | extra


@pytest.fixture
def ozone_reviewer(partners: dict[str, Any]) -> Any:
    return make_user("ozonaction@test.example", Role.PARTNER, totp=True, partner=partners["OzonAction"])


@pytest.fixture
def published_case(partners: dict[str, Any], secretariat_user: Any, enforcement_user: Any) -> Any:
    from greencustoms.cases import services

    sec = acting(secretariat_user)
    case = services.case_create(by=acting(enforcement_user), data=case_data(), at=AT)
    services.case_submit(case=case, by=acting(enforcement_user), at=AT)
    services.case_review(case=case, by=sec, approve=True, note="", at=AT)
    services.case_approve_summary(case=case, by=sec, summary=case.summary, at=AT)
    services.case_publish(case=case, by=sec, at=AT)
    return case
