"""POST /api/v1/screen (synchronous, at most 10,000 lines) and the job API."""

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from greencustoms.screening.tests.conftest import CSV


def test_screen_requires_a_user(client: Any) -> None:
    assert client.post("/api/v1/screen", {"lines": []}, content_type="application/json").status_code == 401


def test_screen_returns_hits_with_the_contract_columns(client_for: Any, officer: Any) -> None:
    client = client_for(officer)
    lines = [
        {
            "declaration_id": "D1",
            "line_no": 1,
            "hs_code": "8418.69",
            "description": "R-22 refrigerant",
            "origin": "CN",
        },
        {"declaration_id": "D1", "line_no": 2, "hs_code": "7208.10", "description": "steel coils"},
    ]
    response = client.post("/api/v1/screen", {"lines": lines}, content_type="application/json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["summary"]["lines"] == 2
    rules = {(h["line_no"], h["rule"]) for h in body["hits"]}
    assert ("1", "description") in rules and ("1", "misdeclaration") in rules
    # the contract's columns, then the label and the declared fields (issue #15: extend, rename nothing)
    assert list(body["hits"][0]) == [
        "declaration_id",
        "line_no",
        "rule",
        "agreement",
        "item",
        "evidence",
        "document",
        "severity",
        "label",
        "hs_code",
        "description",
        "origin",
        "destination",
        "quantity",
        "unit",
        "value",
    ]
    first = body["hits"][0]
    assert (first["hs_code"], first["description"], first["origin"]) == ("841869", "R-22 refrigerant", "CN")
    # one line each, worst first is the client's choice: here in input order with their verdicts
    assert [(line["line_no"], line["verdict"]) for line in body["lines"]] == [
        ("1", "inspect"),
        ("2", "clear"),
    ]
    assert body["lines"][1]["reasons"] == "No rule matched."
    assert body["summary"]["lines_by_verdict"] == {"inspect": 1, "check": 0, "clear": 1}


def test_screen_refuses_more_than_10000_lines_and_unknown_fields(client_for: Any, officer: Any) -> None:
    client = client_for(officer)
    many = [{"declaration_id": str(i), "hs_code": "7208"} for i in range(10_001)]
    assert client.post("/api/v1/screen", {"lines": many}, content_type="application/json").status_code == 422
    odd = [{"declaration_id": "1", "tariff": "7208"}]
    assert client.post("/api/v1/screen", {"lines": odd}, content_type="application/json").status_code == 422


def test_job_api_upload_status_hits_delete(
    client_for: Any, officer: Any, trainer: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client = client_for(officer)
    with django_capture_on_commit_callbacks(execute=True):
        created = client.post("/api/v1/screen/jobs", {"file": SimpleUploadedFile("a.csv", CSV.encode())})
    assert created.status_code == 202, created.content
    job_id = created.json()["id"]
    status = client.get(f"/api/v1/screen/jobs/{job_id}").json()
    assert status["status"] == "done" and status["records"] == 5 and status["rejected"] == 1
    hits = client.get(f"/api/v1/screen/jobs/{job_id}/hits", {"rule": "misdeclaration"}).json()
    assert hits["total"] >= 1 and {h["rule"] for h in hits["hits"]} == {"misdeclaration"}
    assert client_for(trainer).get(f"/api/v1/screen/jobs/{job_id}").status_code == 404
    assert [j["id"] for j in client.get("/api/v1/screen/jobs").json()] == [job_id]
    assert client.delete(f"/api/v1/screen/jobs/{job_id}").status_code == 204
    assert client.get(f"/api/v1/screen/jobs/{job_id}").status_code == 404
