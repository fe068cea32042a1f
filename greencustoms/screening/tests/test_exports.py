"""Hits and rejected lines downloaded as CSV (page and API) are safe to open in a spreadsheet."""

import csv
import io
from typing import Any

from django.urls import reverse

from greencustoms.screening.choices import JobStatus
from greencustoms.screening.tests.test_jobs import _upload

PAYLOADS = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]
# The reader strips the tab and the carriage return around a field; what is left still starts with "=".
EXPECTED = ['\'=HYPERLINK("http://x","y")', "'+1+1", "'-2+3", "'@SUM(A1)", "'=1", "'=1"]


def _poisoned_csv() -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(
        [
            "declaration_id",
            "line_no",
            "hs_code",
            "description",
            "origin",
            "destination",
            "quantity",
            "unit",
            "value",
        ]
    )
    for value in PAYLOADS:
        writer.writerow([value, 1, "2903.71", "Chlorodifluoromethane", "CN", "GH", "-12.5", "kg", "100"])
        writer.writerow([value, 2, "29O3.71", "bad code", "CN", "GH", "1", "kg", "1"])
    return buffer.getvalue()


def _rows(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8"), newline="")))


def test_hits_and_errors_csv_neutralise_formulas(
    client_for: Any, officer: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client = client_for(officer)
    job = _upload(client, django_capture_on_commit_callbacks, _poisoned_csv(), "poisoned.csv")
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.error
    page = client.get(reverse("screening:download", args=[job.pk, "hits", "csv"]))
    api = client.get(f"/api/v1/screen/jobs/{job.pk}/hits?format=csv")
    for response in (page, api):
        assert response.status_code == 200
        hits = _rows(response.content)
        assert list(hits[0])[:8] == [
            "declaration_id",
            "line_no",
            "rule",
            "agreement",
            "item",
            "evidence",
            "document",
            "severity",
        ]
        assert sorted({h["declaration_id"] for h in hits}) == sorted(set(EXPECTED))
    errors = _rows(client.get(reverse("screening:download", args=[job.pk, "errors", "csv"])).content)
    assert [e["declaration_id"] for e in errors] == EXPECTED
    assert [e["line"] for e in errors] == ["3", "5", "7", "9", "11", "13"]
    as_json = client.get(reverse("screening:download", args=[job.pk, "errors", "json"])).json()
    assert as_json[0]["declaration_id"] == PAYLOADS[0]  # JSON is data, not a spreadsheet: kept as sent
