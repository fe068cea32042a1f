"""A meeting's action table and implementation report as XLSX (through spreadsheets.py) and DOCX (python-docx),
for the papers of the next meeting; the same rows as the HTML and PDF report."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from greencustoms import spreadsheets
from greencustoms.actions.models import ActionPoint


def columns() -> list[str]:
    return [
        _("No."),
        _("Heading"),
        _("Action"),
        _("By whom"),
        _("By when (the report's words)"),
        _("Last day on time"),
        _("Derived"),
        _("Status"),
        _("Overdue"),
        _("Latest progress"),
        _("Where the report states it"),
    ]


def _latest_note(action: ActionPoint) -> str:
    notes = list(action.notes.all())
    if not notes:
        return ""
    note = notes[-1]
    demo = f" [{_('demo data')}]" if note.is_demo else ""
    return f"{note.on.isoformat()}: {note.text}{demo}"


def rows(actions: Sequence[ActionPoint]) -> list[list[Any]]:
    """One row per action; ``actions`` carry ``due_now``/``overdue_now`` (``selectors.with_due``)."""
    out = []
    for a in actions:
        due = a.due_now  # type: ignore[attr-defined]
        derived = [
            label for flag, label in ((due.derived, _("deadline")), (a.owners_derived, _("owners"))) if flag
        ]
        status = a.get_status_display() + (f" ({_('demo')})" if a.status_is_demo else "")
        out.append(
            [
                a.number,
                a.heading,
                a.text,
                "; ".join(filter(None, [", ".join(a.owner_labels()), a.owners_text])),
                a.due_text or a.get_due_kind_display(),
                due.deadline.isoformat() if due.deadline else "",
                ", ".join(derived),
                status,
                _("yes") if a.overdue_now else "",  # type: ignore[attr-defined]
                _latest_note(a),
                a.source,
            ]
        )
    return out


def implementation_xlsx(*, event: Any, actions: Sequence[ActionPoint]) -> bytes:
    return spreadsheets.xlsx_bytes(
        columns(), rows(actions), title=_("Action points"), widths=(6, 22, 60, 30, 30, 14, 12, 16, 9, 40, 30)
    )


def implementation_docx(
    *, event: Any, actions: Sequence[ActionPoint], counts: Sequence[tuple[str, int]], today: date
) -> bytes:
    from docx import Document
    from docx.shared import Pt

    document = Document()
    document.add_heading(
        _("Implementation of the action points of %(event)s") % {"event": event.title}, level=1
    )
    document.add_paragraph(
        _("As of %(today)s: ") % {"today": today.isoformat()}
        + "; ".join(f"{label}: {n}" for label, n in counts)
        + "; "
        + _("overdue: %(n)d") % {"n": sum(1 for a in actions if a.overdue_now)}  # type: ignore[attr-defined]
    )
    header = columns()
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
            run.font.size = Pt(8)
    for values in rows(actions):
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            cell.text = str(value)
            for run in cell.paragraphs[0].runs:
                run.font.size = Pt(8)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
