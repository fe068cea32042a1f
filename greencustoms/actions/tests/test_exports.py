"""The meeting's action table and implementation report as DOCX and XLSX, opened and read back."""

import io
from typing import Any

from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from greencustoms.conftest import signed_in_client


def test_the_xlsx_has_one_row_per_action_with_the_reports_words(demo: dict, partner_user: Any) -> None:
    url = reverse("actions:implementation_report_file", args=[demo[3].slug, "xlsx"])
    response = signed_in_client(partner_user).get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("No.", "Heading", "Action", "By whom", "By when (the report's words)")
    assert [r[0] for r in rows[1:]] == list(range(1, 18))
    by_number = {r[0]: r for r in rows[1:]}
    assert by_number[4][4] == (
        "Draft to be circulated by end April 2007. Comments should be received in May – June 2007 for approval by July 2007."
    )
    assert by_number[13][5:7] == ("2007-09-30", "deadline")
    assert "BRS" in by_number[9][3] and "WCO" in by_number[9][3] and by_number[9][6] == "owners"
    assert by_number[1][7] == "Done (demo)"
    assert by_number[2][8] == "yes"


def test_the_docx_carries_the_summary_and_the_action_table(demo: dict, partner_user: Any) -> None:
    url = reverse("actions:implementation_report_file", args=[demo[12].slug, "docx"])
    response = signed_in_client(partner_user).get(url)
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    assert document.paragraphs[0].text.startswith("Implementation of the action points of 12th")
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells][:3] == ["No.", "Heading", "Action"]
    numbers = [row.cells[0].text for row in table.rows[1:]]
    assert numbers == [str(n) for n in range(1, 38)]
    webinar = next(row for row in table.rows[1:] if row.cells[0].text == "34")
    assert "a possible webinar in January 2018" in webinar.cells[4].text
    assert webinar.cells[5].text == "2018-01-31" and webinar.cells[6].text == "deadline"


def test_exports_are_refused_to_whoever_cannot_see_the_meeting(demo: dict, officer: Any) -> None:
    url = reverse("actions:implementation_report_file", args=[demo[12].slug, "docx"])
    assert signed_in_client(officer).get(url).status_code == 404
    assert signed_in_client(None).get(url).status_code == 404
