"""Screening compares Montreal Protocol lines with the licences the platform holds (issue #21, part 3)."""

from datetime import date
from decimal import Decimal
from typing import Any

from greencustoms.conftest import signed_in_client, verified
from greencustoms.licensing.models import Licence
from greencustoms.licensing.tests.conftest import focal_point

LINE = {
    "declaration_id": "D1",
    "line_no": 1,
    "hs_code": "2903.71",
    "description": "Chlorodifluoromethane (HCFC-22) in cylinders",
    "origin": "IN",
    "destination": "TH",
    "quantity": "3000",
    "unit": "kg",
}


def _screen(user: Any) -> dict[str, Any]:
    response = signed_in_client(user).post(
        "/api/v1/screen", {"lines": [LINE], "at": "2026-06-01"}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    return response.json()


def test_the_focal_point_sees_the_licence_it_was_compared_to_and_the_line_judged_with_it(db: Any) -> None:
    th = verified(focal_point("ozone-th@test.example", "TH"))
    Licence.objects.create(
        country="TH", number="TH-7", direction="import", holder="Siam", substance="hcfc-22",
        quantity_kg=Decimal(2000), valid_from=date(2026, 1, 1), valid_to=date(2026, 12, 31), source="Register",
    )  # fmt: skip
    body = _screen(th)
    licence = [h for h in body["hits"] if h["rule"] == "licence" and "TH-7" in h["evidence"]]
    assert len(licence) == 1
    assert licence[0]["severity"] == "medium"
    assert licence[0]["evidence"] == "3000 kg declared, more than the 2000 kg of licence TH-7"
    assert licence[0]["label"] == "Licence or quota check" and licence[0]["destination"] == "TH"
    (line,) = body["lines"]
    assert (
        "Licence or quota check (medium): 3000 kg declared, more than the 2000 kg of licence TH-7."
        in line["reasons"]
    )


def test_without_licence_data_the_line_says_so_as_information_and_names_no_licence(
    db: Any, officer: Any
) -> None:
    Licence.objects.create(
        country="TH", number="TH-7", direction="import", holder="Siam", substance="hcfc-22",
        quantity_kg=Decimal(2000), valid_from=date(2026, 1, 1), valid_to=date(2026, 12, 31), source="Register",
    )  # fmt: skip
    body = _screen(officer)
    licence = [h for h in body["hits"] if h["rule"] == "licence"]
    assert {h["severity"] for h in licence} == {"info"}
    assert not any("TH-7" in h["evidence"] for h in licence)
    assert any(h["evidence"].startswith("no licensing data for TH on this platform") for h in licence)
