"""The OpenAPI document as a contract: each answer the fuzzer met is declared, and every refusal is JSON.

Each test here pins one thing test_fuzz.py found, so a regression fails fast and by name.
"""

import json
from typing import Any

import pytest
from django.test import Client

from greencustoms.conftest import signed_in_client

pytestmark = pytest.mark.django_db

EDITIONS = ["HS2002", "HS2007", "HS2012", "HS2017", "HS2022"]
AGREEMENTS = ["basel", "rotterdam", "stockholm", "montreal", "cites", "cwc", "cartagena", "minamata"]


@pytest.fixture
def document(client: Client) -> dict[str, Any]:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()  # type: ignore[no-any-return]


def _parameter(document: dict[str, Any], path: str, name: str) -> dict[str, Any]:
    operation = document["paths"][path]["get"]
    return next(p for p in operation["parameters"] if p["name"] == name)  # type: ignore[no-any-return]


def test_every_operation_declares_401_and_unsafe_ones_403(document: dict[str, Any]) -> None:
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            assert "401" in operation["responses"], f"{method} {path}"
            if method in ("post", "put", "patch", "delete"):
                assert "403" in operation["responses"], f"{method} {path}"


def test_every_operation_with_input_declares_a_422_naming_fields(document: dict[str, Any]) -> None:
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            if operation.get("parameters") or operation.get("requestBody"):
                declared = operation["responses"]["422"]["content"]["application/json"]["schema"]
                assert declared == {"$ref": "#/components/schemas/ValidationErrorOut"}, f"{method} {path}"
    problem = document["components"]["schemas"]["FieldProblem"]
    assert problem["required"] == ["field", "message"]
    assert problem["properties"]["field"]["minLength"] == 1


def test_statuses_the_handlers_answer_are_declared(document: dict[str, Any]) -> None:
    def declared(method: str, path: str) -> set[str]:
        return set(document["paths"][path][method]["responses"])

    assert {"200", "401"} <= declared("get", "/api/v1/me")
    assert {"204", "401", "404"} <= declared("delete", "/api/v1/me/tokens/{prefix}")
    assert {"200", "401", "403"} <= declared("get", "/api/v1/learning/stats")
    assert {"200", "404", "422"} <= declared("get", "/api/v1/actions")
    assert {"200", "400", "422"} <= declared("get", "/api/v1/lookup")


def test_editions_and_agreement_slugs_are_declared_as_enums(document: dict[str, Any]) -> None:
    assert _parameter(document, "/api/v1/lookup", "edition")["schema"]["enum"] == EDITIONS
    assert _parameter(document, "/api/v1/hs/{edition}/{code}", "edition")["schema"]["enum"] == EDITIONS
    assert _parameter(document, "/api/v1/agreements/{slug}", "slug")["schema"]["enum"] == AGREEMENTS
    assert document["components"]["schemas"]["AgreementOut"]["properties"]["slug"]["enum"] == AGREEMENTS


def test_a_method_the_path_does_not_have_is_a_json_405_naming_the_allowed_ones(client: Client) -> None:
    response = client.put("/api/v1/partners")
    assert response.status_code == 405
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "PUT is not allowed on /api/v1/partners; allowed: GET."}
    assert response["Allow"] == "GET"


def test_an_unknown_api_path_is_a_json_404(client: Client) -> None:
    # An encoded slash in a path parameter leaves the URL patterns of the API: Django's 404 page before.
    response = client.get("/api/v1/agreements/basel%2Fx")
    assert response.status_code == 404
    assert response.json() == {
        "detail": "No API endpoint at /api/v1/agreements/basel/x; the endpoints are listed at /api/v1/docs."
    }


def test_a_session_call_without_the_csrf_token_is_a_json_403(officer: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer, backend="greencustoms.accounts.backends.EmailBackend")
    response = client.post("/api/v1/me/tokens", json.dumps({"name": "x"}), content_type="application/json")
    assert response.status_code == 403
    assert response.json()["detail"].startswith("CSRF check failed")


def test_a_missing_body_is_a_422_naming_the_body(officer: Any) -> None:
    response = signed_in_client(officer).post("/api/v1/me/tokens", "", content_type="application/json")
    assert response.status_code == 422
    assert response.json() == {"detail": [{"field": "body", "message": "Field required"}]}


def test_pages_outside_the_api_keep_their_html_errors(client: Client) -> None:
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_an_unreadable_body_is_a_400_saying_it_is_not_json(officer: Any) -> None:
    response = signed_in_client(officer).post("/api/v1/me/tokens", b"\x00", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"].startswith("body: not valid JSON (Expecting value")


def test_a_body_over_the_upload_limit_is_a_413(officer: Any, settings: Any) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2**20
    body = json.dumps({"name": "x" * 2**20})
    response = signed_in_client(officer).post("/api/v1/me/tokens", body, content_type="application/json")
    assert response.status_code == 413
    assert response.json() == {"detail": "body: larger than 1 MB"}


def test_every_operation_with_a_body_declares_400_and_413(document: dict[str, Any]) -> None:
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            if operation.get("requestBody"):
                assert {"400", "413"} <= set(operation["responses"]), f"{method} {path}"


def test_an_id_beyond_any_database_integer_is_not_found_not_a_500(officer: Any) -> None:
    # A guard, not a regression: Django >= 5.0 turns an out-of-range integer lookup into an empty result.
    client = signed_in_client(officer)
    huge = 2**64
    assert client.get(f"/api/v1/actions?meeting={huge}").status_code == 404
    assert client.get(f"/api/v1/screen/jobs/{huge}").status_code == 404


def test_a_nul_character_in_a_query_parameter_is_a_422_naming_it(officer: Any) -> None:
    # PostgreSQL cannot compare text holding NUL: an error 500 there before (SQLite let it through).
    response = signed_in_client(officer).get("/api/v1/documents?q=a%00b")
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {"field": "query.q", "message": "contains a NUL character (\\x00), which no text can hold"}
        ]
    }


def test_a_nul_character_in_the_path_is_a_422(officer: Any) -> None:
    response = signed_in_client(officer).delete("/api/v1/me/tokens/ab%00cd")
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "path"


def test_a_nul_character_in_the_body_is_a_400_naming_the_field(officer: Any) -> None:
    body = json.dumps({"name": "a\x00b"})
    response = signed_in_client(officer).post("/api/v1/me/tokens", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {
        "detail": "body: name contains a NUL character (\\u0000), which no text can hold"
    }


def test_vocabularies_of_the_answers_are_declared_as_enums(document: dict[str, Any]) -> None:
    schemas = document["components"]["schemas"]
    assert schemas["DocumentOut"]["properties"]["level"]["enum"] == [
        "public",
        "registered",
        "enforcement",
        "intranet",
    ]
    assert "risk_indicator" in schemas["DocumentOut"]["properties"]["type"]["enum"]
    assert "candidate" in schemas["PartnerOut"]["properties"]["status"]["enum"]
    assert "open" in schemas["ActionOut"]["properties"]["status"]["enum"]
