"""The workshop API contracts: list and detail fields, registration 201/200/409/401/404."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest

from greencustoms.conftest import signed_in_client
from greencustoms.events.models import MeetingSession
from greencustoms.training.tests.conftest import TODAY, make_module, make_workshop, pass_module, require

pytestmark = pytest.mark.django_db


def _post(client: Any, pk: int, body: dict | None = None) -> Any:
    return client.post(
        f"/api/v1/workshops/{pk}/registrations", data=json.dumps(body or {}), content_type="application/json"
    )


def test_list_and_detail_carry_the_contract_fields(client: Any, partners: Any) -> None:
    workshop = make_workshop(lead=partners["UNEP"], contributing_partners=[partners["WCO"], partners["BRS"]])
    MeetingSession.objects.create(
        event=workshop.event, title="Opening", day=workshop.event.start, items="a\nb"
    )
    require(workshop, make_module("intro"), TODAY + timedelta(days=10))
    [row] = client.get("/api/v1/workshops").json()
    assert row == {
        "id": workshop.pk, "kind": "national_workshop", "title": "National workshop (test)",
        "start": workshop.event.start.isoformat(), "end": workshop.event.end.isoformat(), "country": "KE",
        "city": "Mombasa", "languages": ["en", "fr"], "status": "confirmed", "partners": ["UNEP", "BRS", "WCO"],
    }  # fmt: skip
    detail = client.get(f"/api/v1/workshops/{workshop.pk}").json()
    assert detail["prerequisites"] == [
        {"module": "intro", "deadline": (TODAY + timedelta(days=10)).isoformat()}
    ]
    assert detail["agenda"] == [
        {"day": workshop.event.start.isoformat(), "start_time": None, "end_time": None, "title": "Opening",
         "items": ["a", "b"]}
    ]  # fmt: skip
    assert client.get("/api/v1/workshops?kind=webinar").json() == []
    assert client.get("/api/v1/workshops/999999").status_code == 404


def test_registration_answers_409_then_201_then_200(officer: Any, partners: Any) -> None:
    workshop = make_workshop(lead=partners["UNEP"])
    module = make_module("intro")
    require(workshop, module, TODAY + timedelta(days=10))
    client = signed_in_client(officer)
    refused = _post(client, workshop.pk)
    assert refused.status_code == 409
    assert refused.json()["missing_modules"] == ["intro"] and "intro" in refused.json()["detail"]
    pass_module(officer, module)
    accepted = _post(client, workshop.pk, {"language": "fr"})
    assert accepted.status_code == 201
    assert accepted.json() == {"workshop": workshop.pk, "status": "accepted", "language": "fr"}
    assert _post(client, workshop.pk).status_code == 200


def test_registration_refusals(client: Any, officer: Any, partners: Any) -> None:
    workshop = make_workshop(lead=partners["UNEP"], seats=0)
    assert _post(client, workshop.pk).status_code == 401
    signed = signed_in_client(officer)
    assert _post(signed, 999999).status_code == 404
    assert _post(signed, workshop.pk, {"unknown": 1}).status_code == 422
    assert _post(signed, workshop.pk, {"language": "de"}).status_code == 400
    waitlisted = _post(signed, workshop.pk)
    assert waitlisted.status_code == 201 and waitlisted.json()["status"] == "waitlisted"


def test_openapi_declares_every_answer() -> None:
    from django.test import Client

    doc = Client().get("/api/v1/openapi.json").json()
    post = doc["paths"]["/api/v1/workshops/{workshop_id}/registrations"]["post"]["responses"]
    assert {"200", "201", "400", "401", "404", "409", "422"} <= set(post)
    roster = doc["paths"]["/api/v1/resource-persons"]["get"]["responses"]
    assert {"200", "401", "403"} <= set(roster)


def test_a_year_out_of_range_is_a_422_not_a_server_error(client: Any) -> None:
    response = client.get("/api/v1/workshops?year=86400")
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "query.year"
