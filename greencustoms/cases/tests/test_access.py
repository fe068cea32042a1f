"""Field-level access on every channel: page, search, feed, API list, CEN export (page and API)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from greencustoms.cases import services
from greencustoms.cases.tests.conftest import AT, DETAIL_SECRET, OFFENDER, acting, case_data
from greencustoms.conftest import PASSWORD_ONLY_FIXTURES, signed_in_client

pytestmark = pytest.mark.django_db

# Who sees the restricted detail of a published case, written out by hand.
SEES_DETAIL = {
    "anonymous": False,
    "officer": False,
    "enforcement_without_2fa": False,
    "enforcement": True,
    "trainer": False,
    "partner": False,  # WCO staff: not a reviewer of a Montreal case, not enforcement level
    "secretariat": True,
    "partner_without_2fa": False,
    "secretariat_without_2fa": False,
}
CHANNELS = ["/cases/", "/cases/?q=Quay", "/cases/feed.rss", "/api/v1/cases", "/api/v1/cases?q=Quay"]


@pytest.mark.parametrize("role", list(SEES_DETAIL))
def test_restricted_fields_reach_only_enforcement_level(
    role: str, published_case: Any, role_client: Any
) -> None:
    _user, client = role_client(role)
    page = client.get(f"/cases/{published_case.pk}/")
    if role in PASSWORD_ONLY_FIXTURES:
        assert page.status_code == 302  # staff finish the second step before any page
        page = client.get("/api/v1/cases")
    else:
        assert page.status_code == 200
    body = page.content.decode()
    assert "Cylinders of refrigerant declared as air-conditioning parts" in body  # the public summary
    assert (DETAIL_SECRET in body) is SEES_DETAIL[role]
    assert (OFFENDER in body) is SEES_DETAIL[role]
    for url in CHANNELS:
        text = client.get(url).content.decode()
        assert OFFENDER not in text or SEES_DETAIL[role], url
        assert DETAIL_SECRET not in text or SEES_DETAIL[role], url
    api = client.get("/api/v1/cases").json()
    assert [c["id"] for c in api] == [published_case.pk]
    assert (api[0]["restricted"] is not None) is SEES_DETAIL[role]
    for url in ("/cases/export/?format=cen", "/api/v1/cases/export?format=cen"):
        answer = client.get(url)
        if SEES_DETAIL[role]:
            assert answer.status_code == 200 and OFFENDER in answer.content.decode()
        else:
            assert answer.status_code in ((302, 403, 404) if role in PASSWORD_ONLY_FIXTURES else (403, 404))
            assert OFFENDER not in answer.content.decode()


def test_api_public_summary_fields_exactly(published_case: Any, client: Any) -> None:
    item = client.get("/api/v1/cases").json()[0]
    assert {k: item[k] for k in ("id", "date", "country", "agreements", "commodity", "unit", "prosecution", "penalty")} == {
        "id": published_case.pk, "date": "2026-05-04", "country": "SN", "agreements": ["montreal"],
        "commodity": "Refrigerant R-404A", "unit": "kg", "prosecution": True, "penalty": False,
    }  # fmt: skip
    assert float(item["quantity"]) == 500.0
    assert item["summary"].startswith("Cylinders of refrigerant")
    assert item["restricted"] is None


def test_api_export_answers_403_as_json_and_422_without_format(published_case: Any, client: Any) -> None:
    answer = client.get("/api/v1/cases/export?format=cen")
    assert answer.status_code == 403 and "detail" in answer.json()
    assert client.get("/api/v1/cases/export").status_code == 422
    assert client.get("/api/v1/cases/export?format=xml").status_code == 422


def test_enforcement_api_export_is_cen_json(published_case: Any, enforcement_user: Any) -> None:
    client = signed_in_client(enforcement_user)
    body = client.get("/api/v1/cases/export?format=cen").json()
    assert body["format"] == "greencustoms-cen/1"
    assert body["reports"][0]["OffenderName"] == OFFENDER
    assert body["reports"][0]["SeizureDate"] == "2026-05-04"
    csv_text = client.get("/api/v1/cases/export?format=cen&output=csv").content.decode()
    assert csv_text.splitlines()[0].startswith("SeizureReference,SeizureDate")


def test_drafts_are_seen_by_author_reviewers_and_secretariat_only(
    partners: Any,
    enforcement_user: Any,
    ozone_reviewer: Any,
    partner_user: Any,
    secretariat_user: Any,
    officer: Any,
) -> None:
    case = services.case_create(by=acting(enforcement_user), data=case_data(commodity="Draft HCFC-22"), at=AT)
    services.case_submit(case=case, by=acting(enforcement_user), at=AT)
    for user, sees in [(enforcement_user, True), (ozone_reviewer, True), (secretariat_user, True),
                       (partner_user, False), (officer, False), (None, False)]:  # fmt: skip
        client = signed_in_client(user)
        assert client.get(f"/cases/{case.pk}/").status_code == (200 if sees else 404)
        assert ("Draft HCFC-22" in client.get("/cases/").content.decode()) is sees
        assert any(c["id"] == case.pk for c in client.get("/api/v1/cases").json()) is sees


def test_summary_not_yet_approved_is_not_shown_even_to_the_author(
    partners: Any, enforcement_user: Any
) -> None:
    case = services.case_create(
        by=acting(enforcement_user), data=case_data(summary="Unapproved words"), at=AT
    )
    client = signed_in_client(enforcement_user)
    item = next(c for c in client.get("/api/v1/cases").json() if c["id"] == case.pk)
    assert item["summary"] == ""
    assert json.dumps(item["restricted"]).count(DETAIL_SECRET) == 2  # the author sees their own detail


def test_api_list_queries_do_not_grow_with_the_cases(
    published_case: Any, secretariat_user: Any, client: Any, django_assert_max_num_queries: Any
) -> None:
    sec = acting(secretariat_user)
    for i in range(5):
        case = services.case_create(by=sec, data=case_data(commodity=f"Case {i}"), at=AT)
        services.case_submit(case=case, by=sec, at=AT)
        services.case_review(case=case, by=sec, approve=True, note="", at=AT)
        services.case_approve_summary(case=case, by=sec, summary="Stopped.", at=AT)
        services.case_publish(case=case, by=sec, at=AT)
    with django_assert_max_num_queries(6):
        assert len(client.get("/api/v1/cases").json()) == 6
    with django_assert_max_num_queries(8):
        assert client.get("/cases/").status_code == 200
