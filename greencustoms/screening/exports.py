"""Files of a job's result for people: the lines CSV (stable codes, for machines too), the inspection list of
the lines marked inspect (PDF for the examination shed, A4, and XLSX, in words), and the input templates.

CSV and XLSX go through greencustoms.spreadsheets (the one rule against formula injection); the PDF is
printed by WeasyPrint from a template. The caller (a view) has already asked the policy.
"""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from greencustoms import spreadsheets
from greencustoms.screening import labels, selectors
from greencustoms.screening.choices import MAX_INSPECTION_LINES
from greencustoms.screening.models import ScreeningJob

LINE_COLUMNS = (
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
)
TEMPLATE_COLUMNS = (
    "declaration_id",
    "line_no",
    "hs_code",
    "description",
    "origin",
    "destination",
    "quantity",
    "unit",
    "value",
)
#: Example lines of the templates (invented: marked as examples in the description).
TEMPLATE_ROWS = (
    (
        "EXAMPLE-001",
        "1",
        "2903.41",
        "Example: HFC-134a refrigerant in 13.6 kg cylinders",
        "CN",
        "GH",
        "20",
        "kg",
        "600",
    ),
    (
        "EXAMPLE-001",
        "2",
        "8415.10",
        "Example: split air conditioners, pre-charged",
        "CN",
        "GH",
        "5",
        "u",
        "1500",
    ),
)


def lines_csv(job: ScreeningJob, *, by: Any, verdict: str | None = None) -> bytes:
    """One row per line, worst first: the lines contract's columns, stable codes."""
    frame = selectors.job_lines_frame(job, by=by, verdict=verdict).select(LINE_COLUMNS).collect()
    return spreadsheets.safe_frame(frame).write_csv().encode("utf-8")


def inspection_lines(job: ScreeningJob, *, by: Any) -> tuple[list[dict[str, Any]], int]:
    """The lines marked inspect (at most MAX_INSPECTION_LINES), with their hits in words and decisions."""
    rows, total = selectors.lines_page(job, by=by, verdict="inspect", offset=0, limit=MAX_INSPECTION_LINES)
    agreements = labels.agreement_names()
    pairs = {(h.get("agreement") or "", h.get("item") or "") for r in rows for h in r["hits"]}
    items = labels.item_names(pairs)
    for row in rows:
        row["hs_code"] = labels.hs_display(row.get("hs_code"))
        row["hits"] = [labels.labelled_hit(h, agreements, items) for h in row["hits"]]
    return rows, total


def _findings(row: dict[str, Any]) -> str:
    return "\n".join(
        f"{h['severity_label']} · {h['rule_label']} · {h['agreement_label']} {h['item_label']}: {h.get('evidence') or ''}"
        for h in row["hits"]
    )


def inspection_xlsx(job: ScreeningJob, *, by: Any) -> bytes:
    rows, _total = inspection_lines(job, by=by)
    header = [
        _("Declaration"),
        _("Line"),
        _("HS code"),
        _("Description"),
        _("Origin"),
        _("Destination"),
        _("Quantity"),
        _("Unit"),
        _("Value"),
        _("Risk score"),
        _("Findings"),
        _("Documents to ask for"),
        _("Decision"),
        _("Result of the examination"),
    ]
    out = []
    for row in rows:
        documents = sorted({h.get("document") for h in row["hits"] if h.get("document")})
        decision = row["decision"]
        out.append(
            [
                row["declaration_id"],
                row["line_no"],
                row["hs_code"],
                row["description"],
                row["origin"],
                row["destination"],
                row["quantity"],
                row["unit"],
                row["value"],
                row["score"],
                _findings(row),
                "; ".join(documents),
                labels.outcome_label(decision.outcome) if decision else "",
                "",
            ]
        )
    return spreadsheets.xlsx_bytes(
        header,
        out,
        title=_("Inspection list"),
        widths=(16, 6, 12, 40, 8, 8, 10, 6, 10, 8, 60, 30, 14, 30),
    )


def inspection_pdf(job: ScreeningJob, *, by: Any, base_url: str) -> bytes:
    from weasyprint import HTML  # imported late: loading pango takes a moment

    rows, total = inspection_lines(job, by=by)
    html = render_to_string(
        "screening/inspection_pdf.html",
        {
            "job": job,
            "lines": rows,
            "total": total,
            "shown": len(rows),
            "printed_at": timezone.now(),
            "officer": by,
            "reference": labels.reference_text(job.ruleset_release),
        },
    )
    return HTML(string=html, base_url=base_url).write_pdf()  # type: ignore[no-any-return]


def template_csv() -> bytes:
    return spreadsheets.csv_bytes(TEMPLATE_COLUMNS, TEMPLATE_ROWS)


def template_xlsx() -> bytes:
    return spreadsheets.xlsx_bytes(
        TEMPLATE_COLUMNS, TEMPLATE_ROWS, title="declarations", widths=(16, 8, 12, 50, 8, 12, 10, 6, 10)
    )
