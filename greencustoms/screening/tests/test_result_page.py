"""The result page of a job: counts by verdict, lines worst first with the declared goods and their findings
in words, filters, paging, triage with its append-only history, the downloads (lines CSV, inspection list
PDF and XLSX), the upload pre-check and templates, and who may see what (404 for everyone else).

The job's result files are written here by hand (what the engine writes for a job), so that each
expectation below is written from the file, not computed by the code under test.
"""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

import polars as pl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from greencustoms.accounts.models import AuditEntry
from greencustoms.screening import selectors, services
from greencustoms.screening.models import LineDecision, ScreeningJob

DECLARED = ("hs_code", "description", "origin", "destination", "quantity", "unit", "value")
LINES = [
    # declaration_id, line_no, verdict, score, reasons, hs_code, description, origin, destination, qty, unit, value
    ("D9", "1", "clear", 0, "No rule matched.", "7208.10", "steel coils", "TR", "GH", "1", "t", "500"),
    ("D1", "2", "check", 25, "HFC licence", "2903.41", "HFC-134a refrigerant", "CN", "GH", "10", "kg", "100"),
    (
        "D1",
        "1",
        "inspect",
        100,
        "HCFC-22",
        "8418.69",
        "R-22 refrigerant in 13.6 kg cylinders",
        "CN",
        "GH",
        "10",
        "u",
        "300",
    ),
    (
        "D2",
        "1",
        "inspect",
        50,
        "equipment",
        "8415.10",
        "split air conditioners charged with R-22",
        "CN",
        "GH",
        "5",
        "u",
        "900",
    ),
]
HITS = [
    # declaration_id, line_no, rule, agreement, item, evidence, document, severity
    (
        "D1",
        "1",
        "misdeclaration",
        "montreal",
        "hcfc-22",
        "Declared 8418.69 'R-22 refrigerant': HCFC-22 under another code.",
        "Import licence",
        "high",
    ),
    (
        "D1",
        "1",
        "description",
        "montreal",
        "hcfc-22",
        "The description names R-22 (HCFC-22).",
        "Import licence",
        "high",
    ),
    ("D1", "2", "hs_code", "montreal", "", "Code 2903.41 is of HFC-134a.", "Import licence", "medium"),
    (
        "D2",
        "1",
        "equipment",
        "montreal",
        "hcfc-22",
        "Declared 8415.10: equipment containing HCFC-22.",
        "Import licence",
        "high",
    ),
]


def _write(job: ScreeningJob) -> None:
    folder = selectors.job_dir(job)
    folder.mkdir(parents=True, exist_ok=True)
    names = ("declaration_id", "line_no", "verdict", "score", "reasons", *DECLARED)
    pl.DataFrame(
        LINES, schema={n: (pl.Int64 if n == "score" else pl.String) for n in names}, orient="row"
    ).write_parquet(folder / "lines.parquet")
    hit_names = ("declaration_id", "line_no", "rule", "agreement", "item", "evidence", "document", "severity")
    pl.DataFrame(HITS, schema=dict.fromkeys(hit_names, pl.String), orient="row").write_parquet(
        folder / "hits.parquet"
    )


@pytest.fixture
def done_job(officer: Any) -> ScreeningJob:
    now = timezone.now()
    job = ScreeningJob.objects.create(
        owner=officer,
        original_name="day.csv",
        status="done",
        records=4,
        screened=4,
        hits=len(HITS),
        created_at=now,
        finished_at=now,
        expires_at=now + timedelta(days=7),
        ruleset_release="release-1-85718eab23c5",
    )
    _write(job)
    return job


def test_the_page_counts_verdicts_and_lists_the_worst_line_first_with_its_goods(
    client_for: Any, officer: Any, done_job: ScreeningJob
) -> None:
    html = client_for(officer).get(reverse("screening:job", args=[done_job.pk])).content.decode()
    assert "<strong>4</strong> All lines" in html
    assert "<strong>2</strong> Inspect" in html
    assert "<strong>1</strong> Check documents" in html
    assert "<strong>1</strong> Clear" in html
    # worst first: D1/1 (inspect, 100), D2/1 (inspect, 50), D1/2 (check), D9/1 (clear)
    order = [
        html.index(f"Declaration {d}, line {n}")
        for d, n in (("D1", "1"), ("D2", "1"), ("D1", "2"), ("D9", "1"))
    ]
    assert order == sorted(order)
    assert "R-22 refrigerant in 13.6 kg cylinders" in html and "8418.69" in html and "300" in html
    # findings in words, with the evidence sentence; no machine words or release name
    assert "Mis-declaration" in html and "Montreal Protocol" in html
    assert "Declared 8415.10: equipment containing HCFC-22." in html
    assert "release-1-" not in html and "Reference data of" in html
    assert "What the words mean" in html  # the legend


def test_the_filter_shows_one_verdict_and_pages_do_not_load_every_line(
    client_for: Any, officer: Any, done_job: ScreeningJob
) -> None:
    client = client_for(officer)
    html = client.get(reverse("screening:job", args=[done_job.pk]), {"verdict": "check"}).content.decode()
    assert "Declaration D1, line 2" in html
    assert "Declaration D1, line 1" not in html and "Declaration D9, line 1" not in html
    rows, total = selectors.lines_page(done_job, by=officer, verdict=None, offset=1, limit=2)
    assert total == 4
    assert [(r["declaration_id"], r["line_no"]) for r in rows] == [("D2", "1"), ("D1", "2")]


def test_triage_records_an_append_only_history_and_audits_each_decision(
    client_for: Any, officer: Any, secretariat_user: Any, trainer: Any, done_job: ScreeningJob
) -> None:
    client = client_for(officer)
    url = reverse("screening:line_decide", args=[done_job.pk])
    line = {"declaration_id": "D1", "line_no": "1"}
    response = client.post(
        url, {**line, "outcome": "inspected", "note": "cylinders opened", "documents_seen": "none"}
    )
    assert response.status_code == 302
    client.post(url, {**line, "outcome": "detained", "note": "no licence", "documents_seen": "invoice 12"})
    rows = list(LineDecision.objects.filter(job=done_job).order_by("pk"))
    assert [(r.outcome, r.previous, r.note) for r in rows] == [
        ("inspected", "", "cylinders opened"),
        ("detained", "inspected", "no licence"),
    ]
    with pytest.raises(ValueError):
        rows[0].save()  # never changed
    entries = AuditEntry.objects.filter(object_type="screening.linedecision").order_by("pk")
    assert [(e.actor_id, e.detail["outcome"], e.detail["previous"]) for e in entries] == [
        (officer.pk, "inspected", ""),
        (officer.pk, "detained", "inspected"),
    ]
    page = client.get(reverse("screening:job", args=[done_job.pk])).content.decode()
    assert '<span class="badge decision">Detained</span>' in page
    for viewer in (officer, secretariat_user):
        history = client_for(viewer).get(reverse("screening:decisions", args=[done_job.pk])).content.decode()
        assert "no licence" in history and "cylinders opened" in history and "was: Inspected" in history
    # the supervisor (secretariat) sees decisions but does not decide for the officer
    assert client_for(secretariat_user).post(url, {**line, "outcome": "cleared"}).status_code == 404
    assert LineDecision.objects.filter(job=done_job).count() == 2
    # a line that is not in the file is refused
    client.post(url, {"declaration_id": "NOPE", "line_no": "1", "outcome": "cleared"})
    assert LineDecision.objects.filter(job=done_job).count() == 2


def test_other_officers_get_404_on_the_job_its_lines_decisions_and_downloads(
    client_for: Any, officer: Any, trainer: Any, done_job: ScreeningJob
) -> None:
    services.line_decide(
        job=done_job,
        declaration_id="D1",
        line_no="1",
        outcome="detained",
        note="secret note",
        by=officer,
        at=timezone.now(),
    )
    other = client_for(trainer)
    for url in (
        reverse("screening:job", args=[done_job.pk]),
        reverse("screening:decisions", args=[done_job.pk]),
        reverse("screening:download_lines", args=[done_job.pk]),
        reverse("screening:inspection", args=[done_job.pk, "pdf"]),
        reverse("screening:inspection", args=[done_job.pk, "xlsx"]),
    ):
        assert other.get(url).status_code == 404, url
    assert (
        other.post(
            reverse("screening:line_decide", args=[done_job.pk]),
            {"declaration_id": "D1", "line_no": "1", "outcome": "cleared"},
        ).status_code
        == 404
    )
    assert (
        other.post(
            reverse("screening:case_draft", args=[done_job.pk]), {"declaration_id": "D1", "line_no": "1"}
        ).status_code
        == 404
    )
    assert LineDecision.objects.filter(job=done_job).count() == 1
    assert selectors.decision_history(done_job, by=trainer).count() == 0


def test_lines_csv_keeps_the_stable_codes_worst_first(
    client_for: Any, officer: Any, done_job: ScreeningJob
) -> None:
    response = client_for(officer).get(reverse("screening:download_lines", args=[done_job.pk]))
    assert response.status_code == 200
    frame = pl.read_csv(response.content, infer_schema=False)
    assert list(frame.columns) == [
        "declaration_id", "line_no", "verdict", "score", "reasons",
        "hs_code", "description", "origin", "destination", "quantity", "unit", "value",
    ]  # fmt: skip
    assert frame["verdict"].to_list() == ["inspect", "inspect", "check", "clear"]
    assert frame["declaration_id"].to_list()[:2] == ["D1", "D2"]


def test_inspection_list_xlsx_and_pdf_hold_the_lines_marked_inspect(
    client_for: Any, officer: Any, done_job: ScreeningJob
) -> None:
    from openpyxl import load_workbook
    from pypdf import PdfReader

    client = client_for(officer)
    services.line_decide(
        job=done_job, declaration_id="D2", line_no="1", outcome="detained", by=officer, at=timezone.now()
    )
    xlsx = client.get(reverse("screening:inspection", args=[done_job.pk, "xlsx"]))
    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("Declaration", "Line", "HS code", "Description")
    assert [(r[0], r[1], r[2]) for r in rows[1:]] == [("D1", "1", "8418.69"), ("D2", "1", "8415.10")]
    assert "Mis-declaration" in rows[1][10] and "HCFC-22" in rows[1][10]
    assert rows[2][12] == "Detained"
    pdf = client.get(reverse("screening:inspection", args=[done_job.pk, "pdf"]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(pdf.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Inspection list" in text and "2 lines marked inspect" in text
    assert "Declaration D1, line 1" in text and "Declaration D2, line 1" in text
    assert "steel coils" not in text and "HFC-134a refrigerant" not in text
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(float(width)), round(float(height))) == (595, 842)  # A4 in points


def test_the_case_button_shows_only_with_the_hook(
    client_for: Any, officer: Any, done_job: ScreeningJob, settings: Any
) -> None:
    services.line_decide(
        job=done_job, declaration_id="D1", line_no="1", outcome="detained", by=officer, at=timezone.now()
    )
    client = client_for(officer)
    settings.SCREENING_CASE_HOOK = ""  # a server without the seizure-case capability
    assert (
        "Open a seizure case" not in client.get(reverse("screening:job", args=[done_job.pk])).content.decode()
    )
    settings.SCREENING_CASE_HOOK = "greencustoms.screening.tests.test_result_page.fake_case_hook"
    assert "Open a seizure case" in client.get(reverse("screening:job", args=[done_job.pk])).content.decode()
    response = client.post(
        reverse("screening:case_draft", args=[done_job.pk]), {"declaration_id": "D1", "line_no": "1"}
    )
    assert response.status_code == 302 and response["Location"] == "/cases/draft/D1-1/"
    assert MADE == [("D1", "1", "detained", 2)]


MADE: list[tuple[str, str, str, int]] = []


class _Case:
    def __init__(self, ref: str) -> None:
        self.ref = ref

    def get_absolute_url(self) -> str:
        return f"/cases/draft/{self.ref}/"


def fake_case_hook(*, job: Any, line: dict[str, Any], decision: Any, by: Any, at: Any) -> _Case:
    """Stands for the cases app's draft_from_screening_line in the test of the hook."""
    MADE.append((line["declaration_id"], line["line_no"], decision.outcome, len(line["hits"])))
    return _Case(f"{line['declaration_id']}-{line['line_no']}")


def _post(client: Any, name: str, content: bytes, mapping: str = "", **extra: str) -> Any:
    return client.post(
        reverse("screening:upload"),
        {"file": SimpleUploadedFile(name, content), "edition": "HS2022", "mapping": mapping, **extra},
    )


def test_upload_precheck_refuses_in_the_forms_words_and_previews(client_for: Any, officer: Any) -> None:
    client = client_for(officer)
    txt = _post(client, "notes.txt", b"please screen these goods\n").content.decode()
    assert "Files ending in “.txt” cannot be screened." in txt
    other = _post(client, "day.csv", b"Decl,Tariff,Goods\nD1,2903.41,HFC\n").content.decode()
    assert "The file has no column for:" in other and "“Tariff”" in other and "--mapping" not in other
    assert not ScreeningJob.objects.exists()
    mapped = _post(
        client,
        "day.csv",
        "Decl,Tariff,Goods\nD1,2903.41,HFC-134a\n".encode("utf-16"),
        mapping="declaration_id=Decl\nhs_code=Tariff\ndescription=Goods",
        preview="1",
    )
    html = mapped.content.decode()
    assert mapped.status_code == 200 and "How the file will be read" in html
    assert "HFC-134a" in html
    assert not ScreeningJob.objects.exists()  # a preview queues nothing
    partial = client.post(
        reverse("screening:preview"),
        {
            "file": SimpleUploadedFile(
                "d.csv", b"declaration_id,hs_code,description\nD1,8415.10,air conditioner\n"
            ),
            "edition": "HS2022",
            "mapping": "",
        },
    ).content.decode()
    assert '<div id="preview"' in partial and "<html" not in partial
    assert "air conditioner" in partial


def test_templates_are_downloadable_and_read_by_the_precheck(client_for: Any, officer: Any) -> None:
    from openpyxl import load_workbook

    client = client_for(officer)
    csv = client.get(reverse("screening:template", args=["csv"]))
    assert (
        csv.content.decode().splitlines()[0]
        == "declaration_id,line_no,hs_code,description,origin,destination,quantity,unit,value"
    )
    xlsx = client.get(reverse("screening:template", args=["xlsx"]))
    header = next(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert header[:4] == ("declaration_id", "line_no", "hs_code", "description")
    page = _post(client, "declarations-template.xlsx", xlsx.content, preview="1").content.decode()
    assert "Example: split air conditioners" in page


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        (
            "fr",
            [
                "À inspecter",
                "Vérifier les documents",
                "Ce que les mots veulent dire",
                "Déclaration D1, ligne 1",
            ],
        ),
        (
            "es",
            [
                "Inspeccionar",
                "Verificar los documentos",
                "Qué significan las palabras",
                "Declaración D1, línea 1",
            ],
        ),
    ],
)
def test_the_result_page_speaks_french_and_spanish(
    client_for: Any, officer: Any, done_job: ScreeningJob, lang: str, words: list[str]
) -> None:
    html = client_for(officer).get(f"/{lang}/screening/jobs/{done_job.pk}/").content.decode()
    for word in words:
        assert word in html, word
    assert "What the words mean" not in html


def test_hs_codes_are_shown_as_people_write_them() -> None:
    from greencustoms.screening.labels import hs_display

    assert [hs_display(c) for c in ("290371", "84186900", "8418", "2903.71", "", None)] == [
        "2903.71",
        "8418.69.00",
        "8418",
        "2903.71",
        "",
        "",
    ]
