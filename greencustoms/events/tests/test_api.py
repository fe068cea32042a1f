"""API contract: GET /api/v1/meetings and GET /api/v1/actions?meeting=ID."""

from typing import Any

from greencustoms.conftest import signed_in_client


def test_meetings_contract(demo: dict, partner_user: Any, django_assert_max_num_queries: Any) -> None:
    client = signed_in_client(partner_user)
    with django_assert_max_num_queries(12):
        data = client.get("/api/v1/meetings").json()
    assert [set(m) for m in data] == [{"id", "number", "title", "start", "end", "venue", "host"}] * 2
    twelfth, third = data
    assert third == {
        "id": demo[3].pk,
        "number": 3,
        "title": "3rd Green Customs Partners' Meeting",
        "start": "2007-03-01",
        "end": "2007-03-02",
        "venue": "WCO Headquarters, Brussels",
        "host": "WCO",
    }
    assert twelfth["start"] == "2017-10-03" and twelfth["end"] == "2017-10-04"


def test_actions_contract(demo: dict, partner_user: Any, django_assert_max_num_queries: Any) -> None:
    client = signed_in_client(partner_user)
    with django_assert_max_num_queries(14):
        data = client.get(f"/api/v1/actions?meeting={demo[3].pk}").json()
    assert len(data) == 17
    contract = {"number", "text", "owners", "due", "status"}
    extensions = {
        "due_kind",
        "due_date",
        "due_text",
        "due_derived",
        "owners_derived",
        "source",
        "status_is_demo",
        "overdue",
    }
    assert all(set(a) == contract | extensions for a in data)
    by_number = {a["number"]: a for a in data}
    assert by_number[1]["owners"] == ["GCI Secretariat"] and by_number[1]["due"] == "2007-11"
    assert by_number[2]["owners"] == ["Each partner"] and by_number[2]["due"] == "2008-01"
    assert by_number[3]["due"] == "ongoing"
    assert by_number[5]["due"] == "asap"
    assert by_number[6]["due"] == "each_workshop"
    assert by_number[8]["due"] == "2007-05-15"
    # No "By when" in the report: the month of the last meeting its text names, marked derived.
    assert by_number[13]["due"] == "2007-09" and by_number[13]["due_derived"] is True
    assert by_number[13]["due_text"].endswith("Basel OEWG (September)")
    assert by_number[1]["status_is_demo"] is True and by_number[2]["status_is_demo"] is False
    assert by_number[16]["owners"] == ["UNEP", "WCO"]
    assert by_number[4]["owners"] == ["UNEP"] and by_number[4]["due"] == "2007-04"
    assert by_number[1]["status"] == "done"


def test_actions_of_all_visible_meetings_and_unknown_meeting(demo: dict, secretariat_user: Any) -> None:
    client = signed_in_client(secretariat_user)
    # 17 of 2007; 31 of the 2017 annex, 3 key recommendations and 3 commitments of the 2017 report's body.
    assert len(client.get("/api/v1/actions").json()) == 17 + 31 + 6
    assert client.get("/api/v1/actions?meeting=999999").status_code == 404
    assert client.get("/api/v1/actions?meeting=abc").status_code == 422


def test_bearer_token_sees_what_the_user_sees(demo: dict, partner_user: Any, officer: Any) -> None:
    from django.test import Client
    from django.utils import timezone

    from greencustoms.accounts.services import api_token_create

    _token, secret = api_token_create(user=partner_user, name="t", two_factor=True, at=timezone.now())
    assert len(Client().get("/api/v1/meetings", HTTP_AUTHORIZATION=f"Bearer {secret}").json()) == 2
    _token, secret = api_token_create(user=officer, name="t", two_factor=True, at=timezone.now())
    assert Client().get("/api/v1/meetings", HTTP_AUTHORIZATION=f"Bearer {secret}").json() == []
