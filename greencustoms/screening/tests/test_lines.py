"""Lines with their verdicts: written by the job beside its hits, paged worst first by the selectors and
the API (owner and secretariat only), and answered by the synchronous API (issue #15)."""

from typing import Any

import polars as pl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from greencustoms.screening import selectors
from greencustoms.screening.models import ScreeningJob

# Expected verdicts, by hand: D1/1 a gas in cylinders under an equipment heading (misdeclaration: inspect);
# D1/2 HCFC-22 under its own code (hs_code and description, medium: check); D2/1 HCFC-22 air conditioners
# (equipment, medium: check); D3/1 used lead-acid batteries under 8507.80 (waste A1160, high: inspect);
# D4/1 steel coils (clear).
CSV = (
    "declaration_id,line_no,hs_code,description,origin,destination,quantity,unit,value\n"
    "D1,1,8418.69,R-22 refrigerant in 13.6 kg cylinders,GH,GH,10,u,300\n"
    "D1,2,2903.71,Chlorodifluoromethane,GH,GH,10,kg,100\n"
    "D2,1,8415.10,split air conditioners charged with R-22,GH,GH,5,u,900\n"
    "D3,1,8507.80,used lead-acid batteries for recycling,GH,GH,3,t,500\n"
    "D4,1,7208.10,steel coils,GH,GH,1,t,500\n"
)


@pytest.fixture
def job(client_for: Any, officer: Any, django_capture_on_commit_callbacks: Any) -> ScreeningJob:
    client = client_for(officer)
    with django_capture_on_commit_callbacks(execute=True):
        created = client.post("/api/v1/screen/jobs", {"file": SimpleUploadedFile("day.csv", CSV.encode())})
    assert created.status_code == 202, created.content
    done = ScreeningJob.objects.get(pk=created.json()["id"])
    assert done.status == "done", done.error
    return done


def test_the_job_writes_its_lines_beside_its_hits(job: ScreeningJob) -> None:
    path = selectors.lines_path(job)
    assert path.parent == selectors.hits_path(job).parent
    frame = pl.read_parquet(path)
    assert frame.columns == [
        "declaration_id",
        "line_no",
        "verdict",
        "score",
        "reasons",
        "hs_code",
        "description",
        "origin",
        "destination",
        "quantity",
        "unit",
        "value",
    ]
    assert frame["verdict"].to_list() == ["inspect", "check", "check", "inspect", "clear"]
    assert job.summary["lines_by_verdict"] == {"inspect": 2, "check": 2, "clear": 1}


def test_job_lines_are_worst_first_and_paged(job: ScreeningJob, officer: Any) -> None:
    rows = selectors.job_lines(job, by=officer)
    # inspect before check before clear; within a verdict the higher score first (75 before 50)
    assert [(r["declaration_id"], r["line_no"], r["verdict"], r["score"]) for r in rows] == [
        ("D1", "1", "inspect", 75),
        ("D3", "1", "inspect", 50),
        ("D1", "2", "check", 50),
        ("D2", "1", "check", 25),
        ("D4", "1", "clear", 0),
    ]
    assert [r["line_no"] for r in selectors.job_lines(job, by=officer, offset=1, limit=2)] == ["1", "2"]
    checks = selectors.job_lines(job, by=officer, verdict="check")
    assert [r["declaration_id"] for r in checks] == ["D1", "D2"]
    assert selectors.job_verdict_counts(job, by=officer) == {"inspect": 2, "check": 2, "clear": 1}
    assert selectors.job_lines_frame(job, by=officer, verdict="clear").collect()[
        "declaration_id"
    ].to_list() == ["D4"]


def test_job_lines_are_empty_for_a_user_who_may_not_see_the_job(job: ScreeningJob, trainer: Any) -> None:
    assert selectors.job_lines(job, by=trainer) == []
    assert selectors.job_verdict_counts(job, by=trainer) == {"inspect": 0, "check": 0, "clear": 0}


def test_lines_api_owner_and_secretariat_only(
    job: ScreeningJob, client_for: Any, officer: Any, trainer: Any, secretariat_user: Any, client: Any
) -> None:
    url = f"/api/v1/screen/jobs/{job.pk}/lines"
    body = client_for(officer).get(url, {"page_size": 2}).json()
    assert (body["total"], body["page"], body["page_size"]) == (5, 1, 2)
    assert body["counts"] == {"inspect": 2, "check": 2, "clear": 1}
    assert [(line["declaration_id"], line["verdict"]) for line in body["lines"]] == [
        ("D1", "inspect"),
        ("D3", "inspect"),
    ]
    assert "position" not in body["lines"][0]
    second = client_for(officer).get(url, {"page_size": 2, "page": 2, "verdict": "check"}).json()
    assert second["total"] == 2 and second["lines"] == []
    assert client_for(secretariat_user).get(url).status_code == 200
    assert client_for(trainer).get(url).status_code == 404
    assert client_for(trainer).get(url).json() == {"detail": "No such job."}
    assert client.get(url).status_code == 401
    assert client_for(officer).get(url, {"verdict": "maybe"}).status_code == 400
    assert client_for(officer).get(url, {"page_size": 501}).status_code == 400
    assert client_for(officer).get(url, {"page": 0}).status_code == 400


def test_lines_api_answers_409_while_the_job_is_not_done(
    job: ScreeningJob, client_for: Any, officer: Any
) -> None:
    ScreeningJob.objects.filter(pk=job.pk).update(status="running")
    response = client_for(officer).get(f"/api/v1/screen/jobs/{job.pk}/lines")
    assert response.status_code == 409
    assert response.json() == {"detail": "The job is running."}


def test_synchronous_screening_answers_lines_for_the_declarations_date(client_for: Any, officer: Any) -> None:
    lines = [
        {
            "declaration_id": "E1",
            "line_no": 1,
            "hs_code": "8471.30",
            "description": "used laptops",
            "date": "2024-06-01",
        },
        {"declaration_id": "E1", "line_no": 2, "hs_code": "8471.30", "description": "used laptops"},
    ]
    response = client_for(officer).post(
        "/api/v1/screen", {"at": "2026-11-30", "lines": lines}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    body = response.json()
    hits = {(h["line_no"], h["item"], h["severity"]) for h in body["hits"]}
    # 2024: A1180 (deleted 2025-01-01) in force, A1181 and Y49 not yet (information)
    assert hits == {
        ("1", "a1180", "high"),
        ("1", "a1181", "info"),
        ("1", "y49", "info"),
        ("2", "a1181", "high"),
    }
    assert [line["verdict"] for line in body["lines"]] == ["inspect", "inspect"]
    assert body["summary"]["at"] == "2026-11-30"


# -- lines sorted once when the job finishes (issue #15: any page of a 1M-line job in < 1 s) ---------------
def test_the_job_sorts_its_lines_once_worst_first(job: ScreeningJob) -> None:
    frame = pl.read_parquet(selectors.sorted_lines_path(job))
    # by hand (see CSV): inspect 75 (D1/1, place 0), inspect 50 (D3/1, place 3), check 50 (D1/2, place 1),
    # check 25 (D2/1, place 2), clear (D4/1, place 4)
    assert frame.select("declaration_id", "line_no", "verdict", "score", "position").rows() == [
        ("D1", "1", "inspect", 75, 0),
        ("D3", "1", "inspect", 50, 3),
        ("D1", "2", "check", 50, 1),
        ("D2", "1", "check", 25, 2),
        ("D4", "1", "clear", 0, 4),
    ]
    assert selectors._sorted_counts(selectors.sorted_lines_path(job)) == {
        "inspect": 2,
        "check": 2,
        "clear": 1,
    }


def test_pages_of_a_sorted_file_read_across_row_groups(
    job: ScreeningJob, officer: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every page (any verdict, any offset, pages crossing row groups of 2 lines) equals the page the
    per-request sort gives for the same lines."""
    from greencustoms.screening import services

    monkeypatch.setattr(selectors, "SORTED_ROW_GROUP", 2)
    path = services.sort_lines(job)
    import pyarrow.parquet as pq

    assert pq.ParquetFile(path).metadata.num_row_groups == 3
    sorted_pages = {}
    for verdict in (None, "inspect", "check", "clear"):
        for offset in range(6):
            for limit in (1, 2, 3, 50):
                sorted_pages[verdict, offset, limit] = selectors.job_lines(
                    job, by=officer, verdict=verdict, offset=offset, limit=limit
                )
    path.unlink()  # the per-request sort answers the same questions
    for (verdict, offset, limit), rows in sorted_pages.items():
        assert rows == selectors.job_lines(job, by=officer, verdict=verdict, offset=offset, limit=limit), (
            verdict,
            offset,
            limit,
        )
    assert [(r["declaration_id"], r["position"]) for r in sorted_pages[None, 1, 3]] == [
        ("D3", 3),
        ("D1", 1),
        ("D2", 2),
    ]
    assert [(r["declaration_id"], r["verdict"]) for r in sorted_pages["check", 1, 50]] == [("D2", "check")]
    assert sorted_pages["clear", 1, 50] == []
    assert selectors.job_lines(job, by=officer, verdict="maybe") == []


def test_the_sorted_file_is_not_served_to_a_user_who_may_not_see_the_job(
    job: ScreeningJob, trainer: Any
) -> None:
    assert selectors.sorted_lines_path(job).is_file()
    assert selectors.job_lines(job, by=trainer, offset=0, limit=5) == []
    assert selectors.job_lines_frame(job, by=trainer).collect().height == 0
