"""A database outage or a full disk answers a clean 503 with Retry-After (JSON on /api/), never a 500 page."""

import errno
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.db import OperationalError, connection
from django.test import Client, RequestFactory

from greencustoms.website import outage


def _database_down(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
    raise OperationalError("server closed the connection unexpectedly")


@pytest.fixture
def database_down() -> Iterator[None]:
    with connection.execute_wrapper(_database_down):
        yield


@pytest.mark.django_db
def test_a_page_answers_503_with_retry_after_when_the_database_is_down(database_down: None) -> None:
    response = Client(raise_request_exception=False).get("/agreements/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert "briefly unavailable" in html
    assert "Traceback" not in html and "OperationalError" not in html


@pytest.mark.django_db
def test_the_api_answers_a_json_503_when_the_database_is_down(database_down: None) -> None:
    response = Client(raise_request_exception=False).get("/api/v1/partners")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response.json()["code"] == "database_unavailable"


@pytest.mark.django_db
def test_a_signed_in_request_failing_in_the_session_lookup_answers_503(officer: Any) -> None:
    client = Client(raise_request_exception=False)
    client.force_login(officer)
    with connection.execute_wrapper(_database_down):  # the session is read by a middleware, before any view
        response = client.get("/learning/mine/")
    assert response.status_code == 503
    assert "briefly unavailable" in response.content.decode()


@pytest.mark.django_db
def test_other_errors_keep_the_500_page() -> None:
    request = RequestFactory().get("/anything/")
    try:
        raise ValueError("a bug")
    except ValueError:
        response = outage.server_error(request)
    assert response.status_code == 500


@pytest.mark.django_db
def test_every_api_operation_declares_the_503(client: Any) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    operations = [op for ops in paths.values() for op in ops.values()]
    assert operations
    assert all("503" in op["responses"] for op in operations)


def _disk_fills_after_first_chunk(self: Any, raw_data: bytes, start: int) -> None:
    if start > 0:
        raise OSError(errno.ENOSPC, "No space left on device")
    self.file.write(raw_data)


@pytest.mark.django_db
def test_an_upload_filling_the_disk_answers_503_and_leaves_no_partial_file(
    client_for: Any, officer: Any, settings: Any, tmp_path: Any, monkeypatch: Any
) -> None:
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024  # the upload goes to a temporary file
    monkeypatch.setattr(TemporaryFileUploadHandler, "receive_data_chunk", _disk_fills_after_first_chunk)
    client = client_for(officer)
    client.raise_request_exception = False
    big = SimpleUploadedFile("day.csv", b"declaration_id,line_no\n" + b"D1,1\n" * 100_000)
    response = client.post("/screening/", {"file": big, "edition": "HS2022", "mapping": ""})
    assert response.status_code == 503
    assert "no room left to store files" in response.content.decode()
    assert list(tmp_path.iterdir()) == []  # the partial temporary file is gone
    assert client.get("/agreements/").status_code == 200  # and the server goes on serving
