"""Access: public visitors see only public workshops; the roster is for partner staff and the secretariat."""

from __future__ import annotations

from typing import Any

import pytest

from greencustoms.accounts.choices import Level
from greencustoms.conftest import signed_in_client
from greencustoms.training.models import ResourcePerson
from greencustoms.training.tests.conftest import make_workshop

pytestmark = pytest.mark.django_db


@pytest.fixture
def workshops(partners: Any) -> dict[str, Any]:
    return {
        "public": make_workshop(title="Public workshop PUBW", lead=partners["UNEP"]),
        "registered": make_workshop(title="Registered workshop REGW", level=Level.REGISTERED),
        "intranet": make_workshop(title="Intranet workshop INTW", level=Level.INTRANET),
    }


@pytest.fixture
def person(partners: Any) -> ResourcePerson:
    return ResourcePerson.objects.create(
        name="Roster Person RPX",
        email="rpx@test.example",
        region="africa",
        nominating_partner=partners["BRS"],
    )


def test_a_public_visitor_sees_only_public_workshops_on_every_channel(
    client: Any, workshops: dict[str, Any]
) -> None:
    page = client.get("/training/workshops/").content.decode()
    feed = client.get("/training/workshops.ics").content.decode()
    api = client.get("/api/v1/workshops").json()
    assert "PUBW" in page and "PUBW" in feed and [w["title"] for w in api] == ["Public workshop PUBW"]
    for hidden in ("REGW", "INTW"):
        assert hidden not in page and hidden not in feed
    assert client.get(f"/training/workshops/{workshops['public'].pk}/").status_code == 200
    for key in ("registered", "intranet"):
        pk = workshops[key].pk
        assert client.get(f"/training/workshops/{pk}/").status_code == 404
        assert client.get(f"/training/workshops/{pk}/calendar.ics").status_code == 404
        assert client.get(f"/api/v1/workshops/{pk}").status_code == 404


def test_a_workshop_page_answers_200_with_its_title_not_404(client: Any, workshops: dict[str, Any]) -> None:
    response = client.get(f"/training/workshops/{workshops['public'].pk}/")
    assert response.status_code == 200
    assert "<h1>Public workshop PUBW</h1>" in response.content.decode()


def test_a_registered_officer_sees_registered_workshops_but_no_roster(
    officer: Any, workshops: Any, person: Any
) -> None:
    client = signed_in_client(officer)
    assert "REGW" in client.get("/training/workshops/").content.decode()
    assert "INTW" not in client.get("/training/workshops/").content.decode()
    assert client.get("/training/roster/").status_code == 404
    assert client.get(f"/training/roster/{person.pk}/").status_code == 404
    response = client.get("/api/v1/resource-persons")
    assert response.status_code == 403 and "detail" in response.json()
    assert client.get(f"/training/people/{person.pk}/").status_code == 404  # no consent, no public page


def test_anonymous_api_roster_is_401_and_partner_staff_see_it(
    client: Any, partner_user: Any, person: Any
) -> None:
    assert client.get("/api/v1/resource-persons").status_code == 401
    staff = signed_in_client(partner_user)
    rows = staff.get("/api/v1/resource-persons?region=africa").json()
    assert [r["name"] for r in rows] == ["Roster Person RPX"] and rows[0]["email"] == "rpx@test.example"
    assert staff.get("/api/v1/resource-persons?region=asia_pacific").json() == []
    assert "RPX" in staff.get("/training/roster/").content.decode()


def test_partner_without_second_factor_gets_no_roster(partner_without_2fa: Any, person: Any) -> None:
    client = signed_in_client(partner_without_2fa)
    assert client.get("/api/v1/resource-persons").status_code == 403
