"""A record's life: draft → submitted → reviewed by the agreement's partner → summary approved → published."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from greencustoms.cases import services
from greencustoms.cases.models import SeizureCase
from greencustoms.cases.tests.conftest import AT, OFFENDER, acting, case_data

pytestmark = pytest.mark.django_db


def test_montreal_case_is_reviewed_by_the_montreal_partners_and_gets_odp_and_co2e(
    partners: Any, enforcement_user: Any
) -> None:
    case = services.case_create(by=acting(enforcement_user), data=case_data(), at=AT)
    assert sorted(p.acronym for p in case.reviewers.all()) == ["OzonAction", "Ozone Secretariat"]
    # R-404A GWP 3921.6 (hand-worked in engine/tests/test_ozone_units.py): 0.5 t → 1960.8 t CO2e, ODP 0
    assert case.co2e_tonnes == Decimal("1960.800")
    assert case.odp_tonnes == Decimal(0)
    assert case.status == "draft"


def test_hcfc22_in_tonnes_gives_odp_tonnes(partners: Any, enforcement_user: Any) -> None:
    data = case_data(items=["HCFC-22"], commodity="HCFC-22", quantity=Decimal(2), unit="t")
    case = services.case_create(by=acting(enforcement_user), data=data, at=AT)
    assert case.odp_tonnes == Decimal("0.110")  # 2 t × ODP 0.055
    assert case.co2e_tonnes == Decimal(3620)  # 2 t × GWP 1810


def test_goods_that_are_not_ozone_substances_have_no_odp(partners: Any, enforcement_user: Any) -> None:
    data = case_data(agreements=["cites"], items=["Pangolin scales"], commodity="Pangolin scales", unit="kg")
    case = services.case_create(by=acting(enforcement_user), data=data, at=AT)
    assert (case.odp_tonnes, case.co2e_tonnes) == (None, None)
    assert [p.acronym for p in case.reviewers.all()] == ["CITES"]


def test_full_path_to_publication(
    partners: Any, enforcement_user: Any, ozone_reviewer: Any, secretariat_user: Any
) -> None:
    officer, reviewer, sec = acting(enforcement_user), acting(ozone_reviewer), acting(secretariat_user)
    case = services.case_create(by=officer, data=case_data(), at=AT)
    with pytest.raises(PermissionDenied):  # not submitted yet: nothing to review
        services.case_review(case=case, by=reviewer, approve=True, note="", at=AT)
    services.case_submit(case=case, by=officer, at=AT)
    services.case_review(case=case, by=reviewer, approve=False, note="Add the HS code found.", at=AT)
    assert case.status == "returned"
    services.case_update(case=case, by=officer, data={"hs_found": "382478"}, at=AT)
    services.case_submit(case=case, by=officer, at=AT)
    services.case_review(case=case, by=reviewer, approve=True, note="", at=AT)
    with pytest.raises(ValidationError):  # the summary is approved on its own
        services.case_publish(case=case, by=sec, at=AT)
    with pytest.raises(PermissionDenied):  # the partner does not approve the public summary
        services.case_approve_summary(case=case, by=reviewer, summary="x", at=AT)
    services.case_approve_summary(case=case, by=sec, summary=case.summary, at=AT)
    services.case_publish(case=case, by=sec, at=AT)
    assert SeizureCase.objects.get(pk=case.pk).status == "published"


def test_other_partners_do_not_review(partners: Any, enforcement_user: Any, partner_user: Any) -> None:
    case = services.case_create(by=acting(enforcement_user), data=case_data(), at=AT)
    services.case_submit(case=case, by=acting(enforcement_user), at=AT)
    with pytest.raises(PermissionDenied):  # WCO staff: not a partner of the Montreal Protocol
        services.case_review(case=case, by=acting(partner_user), approve=True, note="", at=AT)


def test_a_plain_officer_cannot_record(partners: Any, officer: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.case_create(by=acting(officer), data=case_data(), at=AT)


@pytest.mark.parametrize(
    "summary", [f"Seized from {OFFENDER}.", "Mr Smugglerov was fined.", "IVAN tried again"]
)
def test_the_public_summary_never_names_the_offender(
    partners: Any, enforcement_user: Any, secretariat_user: Any, summary: str
) -> None:
    with pytest.raises(ValidationError) as info:
        services.case_create(by=acting(enforcement_user), data=case_data(summary=summary), at=AT)
    assert "summary" in info.value.message_dict
    case = services.case_create(by=acting(enforcement_user), data=case_data(), at=AT)
    with pytest.raises(ValidationError):
        services.case_approve_summary(case=case, by=acting(secretariat_user), summary=summary, at=AT)


def test_changing_the_summary_withdraws_its_approval(partners: Any, secretariat_user: Any) -> None:
    sec = acting(secretariat_user)
    case = services.case_create(by=sec, data=case_data(), at=AT)
    services.case_approve_summary(case=case, by=sec, summary=case.summary, at=AT)
    services.case_update(case=case, by=sec, data={"summary": "A new text."}, at=AT)
    assert case.summary_approved_at is None


def test_screening_hook_starts_a_draft_with_the_declared_fields(partners: Any, enforcement_user: Any) -> None:
    from django.conf import settings
    from django.utils.module_loading import import_string

    hook = import_string(settings.SCREENING_CASE_HOOK)
    job = type("Job", (), {"pk": 41, "created_at": AT, "updated_at": AT})()
    line = {
        "line_no": 7, "hs_code": "290339", "description": "R-404A refrigerant gas", "origin": "cn",
        "destination": "SN", "quantity": "130", "unit": "KGM", "value": "4200",
        "hits": [{"agreement": "montreal", "item": "r-404a", "rule": "description", "evidence": "R-404A"}],
    }  # fmt: skip
    decision = type("LineDecision", (), {"outcome": "detained", "note": "Cylinders held at the quay."})()
    case = hook(job=job, line=line, decision=decision, by=acting(enforcement_user), at=AT)
    assert case.status == "draft"
    assert (case.hs_declared, case.origin, case.destination, case.country) == ("290339", "CN", "SN", "SN")
    assert (case.quantity, case.unit, case.agreements, case.items) == (
        Decimal(130),
        "kg",
        ["montreal"],
        ["r-404a"],
    )
    assert case.commodity == "R-404A refrigerant gas"
    assert case.detection == "screening" and "R-404A" in case.detection_detail
    assert case.screening_ref == "job 41 line 7"
    assert "4200" in case.detail and "Cylinders held at the quay." in case.detail
    assert case.date == AT.date() and case.get_absolute_url() == f"/cases/{case.pk}/"
    # 0.13 t × 3921.6 = 509.808 t CO2e
    assert case.co2e_tonnes == Decimal("509.808")
