"""The HS annex ("summary of HS codes for goods covered by the MEAs and the CWC") as CSV, XLSX or PDF."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from greencustoms import spreadsheets
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


def version() -> str:
    """What every annex file depends on besides edition and agreement: the current data release."""
    release = selectors.current_release()
    if release is None:
        return "no-release"
    return (
        f"release-{release.number}-{release.pk}-{release.imported_at:%Y%m%dT%H%M%S}-{release.checksum[:12]}"
    )


def render(fmt: str, *, edition: str, agreement: str | None = None) -> bytes:
    rows, number = _rows(edition, agreement)
    if fmt == "csv":
        return spreadsheets.csv_bytes(
            COLUMNS,
            (["true" if r[c] is True else "false" if r[c] is False else r[c] for c in COLUMNS] for r in rows),
            lineterminator="\n",
        )
    if fmt == "xlsx":
        return spreadsheets.xlsx_bytes(
            COLUMNS,
            ([("ex" if r[c] else "") if c == "ex" else r[c] for c in COLUMNS] for r in rows),
            title=f"HS annex {edition}",
            widths=(22, 28, 40, 14, 9, 9, 5, 60, 30, 50, 8),
        )
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
