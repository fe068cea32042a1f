"""The HS annex ("summary of HS codes for goods covered by the MEAs and the CWC") as CSV, XLSX or PDF."""

from __future__ import annotations

import csv
import io

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from greencustoms.agreements import selectors

COLUMNS = [
    "agreement",
    "listing",
    "item",
    "cas",
    "edition",
    "hs_code",
    "ex",
    "hs_description",
    "controls",
    "documents",
    "data_release",
]


def _rows(edition: str, agreement: str | None) -> tuple[list[dict], int]:
    release = selectors.current_release()
    number = release.number if release else 0
    rows = selectors.annex_rows(edition, agreement)
    for r in rows:
        r["data_release"] = number
    return rows, number


def render(fmt: str, *, edition: str, agreement: str | None = None) -> bytes:
    rows, number = _rows(edition, agreement)
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(COLUMNS)
        for r in rows:
            w.writerow(["true" if r[c] is True else "false" if r[c] is False else r[c] for c in COLUMNS])
        return buf.getvalue().encode("utf-8")
    if fmt == "xlsx":
        from openpyxl import Workbook
        from openpyxl.styles import Font

        wb = Workbook()
        ws = wb.active
        ws.title = f"HS annex {edition}"
        ws.append(COLUMNS)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for r in rows:
            ws.append([("ex" if r[c] else "") if c == "ex" else r[c] for c in COLUMNS])
        ws.freeze_panes = "A2"
        for col, width in zip("ABCDEFGHIJK", (22, 28, 40, 14, 9, 9, 5, 60, 30, 50, 8), strict=True):
            ws.column_dimensions[col].width = width
        out = io.BytesIO()
        wb.save(out)
        return out.getvalue()
    if fmt == "pdf":
        from weasyprint import HTML

        html = render_to_string(
            "agreements/annex_pdf.html",
            {
                "rows": rows,
                "edition": edition,
                "release": selectors.current_release(),
                "agreement": agreement,
                "title": _("Summary of HS codes for goods covered by the agreements"),
            },
        )
        return HTML(string=html).write_pdf()
    raise ValueError(f"unknown format {fmt!r}")
