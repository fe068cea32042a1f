"""API contract of the foundation: /me, /partners, tokens, strict input, CSRF for session calls."""

import json

import pytest
from django.test import Client

from greencustoms.accounts.models import ApiToken
from greencustoms.conftest import signed_in_client

pytestmark = pytest.mark.django_db


def test_openapi_document_lists_the_foundation_endpoints(client):  # type: ignore[no-untyped-def]
    schema = client.get("/api/v1/openapi.json").json()
    for path in ("/api/v1/me", "/api/v1/partners", "/api/v1/me/tokens"):
        assert path in schema["paths"]


def test_partners_lists_every_organization_with_a_generic_contact(client, partners):  # type: ignore[no-untyped-def]
    rows = client.get("/api/v1/partners").json()
    by_acronym = {r["acronym"]: r for r in rows}
    assert {"WCO", "BRS", "CITES", "OPCW", "INTERPOL", "UNODC", "Ozone Secretariat", "SCBD"} <= set(
        by_acronym
    )
    assert by_acronym["Minamata"]["status"] == "candidate"
    assert by_acronym["BRS"]["agreements"] == ["basel", "rotterdam", "stockholm"]
    assert by_acronym["OzonAction"]["parent"] == "UNEP"
    for row in rows:
        assert row["contact_email"] or row["contact_url"]
        local = row["contact_email"].split("@")[0]
        assert "." not in local or local.startswith(("ozone", "unep")), "no personal address"


def test_me_describes_the_caller(officer):  # type: ignore[no-untyped-def]
    data = signed_in_client(officer).get("/api/v1/me").json()
    assert (
        data["email"] == officer.email
        and data["roles"] == ["officer"]
        and data["levels"] == ["public", "registered"]
    )


def test_token_api_creates_lists_and_revokes(officer):  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(officer, backend="greencustoms.accounts.backends.EmailBackend")
    # Session calls to unsafe API methods need the CSRF token like any form.
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(officer, backend="greencustoms.accounts.backends.EmailBackend")
    refused = csrf_client.post(
        "/api/v1/me/tokens", json.dumps({"name": "x"}), content_type="application/json"
    )
    assert refused.status_code == 403

    created = client.post("/api/v1/me/tokens", json.dumps({"name": "etl"}), content_type="application/json")
    assert created.status_code == 201
    secret = created.json()["token"]
    bearer = Client(enforce_csrf_checks=True)
    listed = bearer.get("/api/v1/me/tokens", HTTP_AUTHORIZATION=f"Bearer {secret}").json()
    assert [t["name"] for t in listed] == ["etl"] and "token" not in listed[0]
    prefix = listed[0]["prefix"]
    # Token calls carry no ambient credentials: no CSRF token needed.
    assert (
        bearer.delete(f"/api/v1/me/tokens/{prefix}", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 204
    )
    assert ApiToken.objects.get().revoked_at is not None


def test_unknown_input_fields_are_a_422_naming_the_field(officer):  # type: ignore[no-untyped-def]
    client = signed_in_client(officer)
    response = client.post("/api/v1/me/tokens", json.dumps({"nmae": "typo"}), content_type="application/json")
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["detail"]}
    assert "nmae" in fields and "name" in fields
    assert not ApiToken.objects.exists()
