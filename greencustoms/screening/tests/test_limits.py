"""Upload limits (#13): bombs refused before queuing, per-account quotas, deep JSON lines, UTF-16, safe names."""

import io
import json
import zipfile
from datetime import timedelta
from typing import Any

import polars as pl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from greencustoms.screening import services
from greencustoms.screening.choices import JobStatus
from greencustoms.screening.models import ScreeningJob, ScreeningUpload
from greencustoms.screening.tests.conftest import CSV

MB = 2**20


def _bomb() -> bytes:
    """An 8 KB XLSX-looking zip whose worksheet inflates to 8 MB (about 1,000 times)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<row/>" * (8 * MB // 6))
    return buffer.getvalue()


def _post(client: Any, name: str, content: bytes) -> Any:
    return client.post(
        reverse("screening:upload"),
        {"file": SimpleUploadedFile(name, content), "edition": "HS2022", "mapping": ""},
    )


def _queued(user: Any, n: int) -> None:
    now = timezone.now()
    for i in range(n):
        ScreeningJob.objects.create(
            owner=user, original_name=f"q{i}.csv", created_at=now, expires_at=now + timedelta(days=7)
        )


def test_a_zip_bomb_is_refused_on_the_form_and_nothing_is_queued(client_for: Any, officer: Any) -> None:
    response = _post(client_for(officer), "day.xlsx", _bomb())
    assert response.status_code == 200
    html = response.content.decode()
    assert "This file cannot be screened: day.xlsx: part &#x27;xl/worksheets/sheet1.xml&#x27; expands" in html
    assert "the limit is 100 times" in html
    assert not ScreeningJob.objects.exists()


def test_a_zip_bomb_is_refused_by_the_api_with_413(client_for: Any, officer: Any, settings: Any) -> None:
    settings.SCREENING_MAX_COMPRESSION_RATIO = 0  # off: the size bound alone must stop it
    settings.SCREENING_MAX_UNCOMPRESSED_BYTES = 4 * MB
    response = client_for(officer).post(
        "/api/v1/screen/jobs", {"file": SimpleUploadedFile("day.xlsx", _bomb())}
    )
    assert response.status_code == 413
    assert response.json()["detail"] == (
        "This file cannot be screened: day.xlsx: expands to 8.0 MB when unzipped; the limit is 4.0 MB."
    )
    assert not ScreeningJob.objects.exists()


def test_the_worker_applies_the_limits_too(officer: Any, settings: Any, tmp_path: Any) -> None:
    """A file that reached the queue another way (limits lowered since) fails with the reason."""
    now = timezone.now()
    job = ScreeningJob.objects.create(
        owner=officer, original_name="day.xlsx", created_at=now, expires_at=now + timedelta(days=7)
    )
    folder = tmp_path / "private" / "screening" / str(job.pk)
    folder.mkdir(parents=True)
    (folder / "input.xlsx").write_bytes(_bomb())
    services.job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "expands" in job.error and "the limit is 100 times" in job.error


def test_an_account_may_have_only_so_many_jobs_at_once(client_for: Any, officer: Any, settings: Any) -> None:
    settings.SCREENING_MAX_CONCURRENT_JOBS = 2
    _queued(officer, 2)
    client = client_for(officer)
    page = _post(client, "day.csv", CSV.encode())
    assert page.status_code == 200
    assert (
        "You already have 2 files waiting or being screened, the most allowed at once"
        in page.content.decode()
    )
    api = client.post("/api/v1/screen/jobs", {"file": SimpleUploadedFile("a.csv", CSV.encode())})
    assert api.status_code == 429
    assert api.json()["detail"].startswith("You already have 2 files waiting or being screened")
    assert ScreeningJob.objects.count() == 2


def test_the_daily_allowance_counts_deleted_jobs_and_expanded_sizes(
    client_for: Any, officer: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.SCREENING_MAX_BYTES_PER_DAY = 2 * len(CSV)
    client = client_for(officer)
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            assert _post(client, "day.csv", CSV.encode()).status_code == 302
        job = ScreeningJob.objects.latest("pk")
        assert client.post(reverse("screening:job_delete", args=[job.pk])).status_code == 302
    assert not ScreeningJob.objects.exists()
    response = client.post("/api/v1/screen/jobs", {"file": SimpleUploadedFile("a.csv", CSV.encode())})
    assert response.status_code == 429
    assert "would take you over your allowance of 0.0 MB a day" in response.json()["detail"]
    assert list(ScreeningUpload.objects.values_list("size", flat=True)) == [len(CSV), len(CSV)]
    # a day later the allowance is back
    ScreeningUpload.objects.update(at=timezone.now() - timedelta(days=1, seconds=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert _post(client, "day.csv", CSV.encode()).status_code == 302


def test_the_secretariat_has_ten_times_the_quota(
    client_for: Any, officer: Any, secretariat_user: Any, settings: Any
) -> None:
    settings.SCREENING_MAX_CONCURRENT_JOBS = 1
    _queued(secretariat_user, 9)
    _queued(officer, 1)
    page = client_for(secretariat_user).get(reverse("screening:upload")).content.decode()
    assert "You may have 10 files waiting or being screened at a time." in page
    assert (
        client_for(secretariat_user)
        .post("/api/v1/screen/jobs", {"file": SimpleUploadedFile("a.csv", CSV.encode())})
        .status_code
        == 202
    )
    assert (
        client_for(officer)
        .post("/api/v1/screen/jobs", {"file": SimpleUploadedFile("a.csv", CSV.encode())})
        .status_code
        == 429
    )


def test_openapi_declares_413_and_429_for_job_uploads(client: Any) -> None:
    responses = client.get("/api/v1/openapi.json").json()["paths"]["/api/v1/screen/jobs"]["post"]["responses"]
    assert {"202", "400", "401", "413", "429"} <= set(responses)


def test_a_deeply_nested_json_line_is_listed_as_rejected(
    client_for: Any, officer: Any, django_capture_on_commit_callbacks: Any
) -> None:
    lines = [
        json.dumps({"declaration_id": "D1", "hs_code": "2903.71", "description": "R-22"}),
        '{"declaration_id": "D2", "hs_code": "2903.71", "description": ' + "[" * 50_000 + "]" * 50_000 + "}",
        json.dumps({"declaration_id": "D3", "hs_code": "7208.10", "description": "steel"}),
    ]
    client = client_for(officer)
    with django_capture_on_commit_callbacks(execute=True):
        assert _post(client, "day.jsonl", ("\n".join(lines) + "\n").encode()).status_code == 302
    job = ScreeningJob.objects.latest("pk")
    assert job.status == JobStatus.DONE, job.error
    assert (job.records, job.screened, job.rejected) == (3, 2, 1)
    errors = client.get(reverse("screening:download", args=[job.pk, "errors", "json"])).json()
    assert errors == [{"line": 2, "declaration_id": "", "reason": "JSON nested more than 32 levels deep"}]


def test_utf16_csv_with_a_byte_order_mark_is_screened(
    client_for: Any, officer: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client = client_for(officer)
    with django_capture_on_commit_callbacks(execute=True):
        assert _post(client, "day.csv", CSV.replace("Chloro", "Chloro").encode("utf-16")).status_code == 302
    job = ScreeningJob.objects.latest("pk")
    assert job.status == JobStatus.DONE, job.error
    assert (job.records, job.screened, job.rejected) == (5, 4, 1)
    assert job.summary["encoding"] == "utf-16"


def test_a_hostile_upload_name_cannot_forge_a_download_header(
    client_for: Any, officer: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client = client_for(officer)
    with django_capture_on_commit_callbacks(execute=True):
        assert _post(client, "day.csv", CSV.encode()).status_code == 302
    job = ScreeningJob.objects.latest("pk")
    # the name is the uploader's text, as any HTTP client may send it (the test client would mangle it)
    for name, expected in (
        ('a"\r\nX-Evil: 1;.csv', "attachment; filename*=utf-8''a%22%0D%0AX-Evil%3A%201%3B-hits.csv"),
        ("déclarations été.csv", "attachment; filename*=utf-8''d%C3%A9clarations%20%C3%A9t%C3%A9-hits.csv"),
        ('say "hi".csv', 'attachment; filename="say \\"hi\\"-hits.csv"'),
    ):
        ScreeningJob.objects.filter(pk=job.pk).update(original_name=name)
        response = client.get(reverse("screening:download", args=[job.pk, "hits", "csv"]))
        assert response.status_code == 200
        assert response["Content-Disposition"] == expected
        assert "X-Evil" not in response.headers
        assert pl.read_csv(response.content, infer_schema=False).height == job.hits
