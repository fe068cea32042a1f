"""The HS annex ("summary of HS codes for goods covered by the MEAs and the CWC") as CSV, XLSX or PDF."""

from __future__ import annotations

import datetime as dt

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
    # added by issue #14 (extended, never renamed): the legal state on the date asked, in words
    "state",
    "history",
    "decision",
    "entry_into_force",
    "deleted_on",
    "deleted_by",
    "confidence",
    "at",
]
# What the file shows in a column that has stable codes in the selector's rows: the words, never the code.
SHOWN_AS = {"state": "state_words", "confidence": "confidence_words"}


def _rows(edition: str, agreement: str | None, at: dt.date | None) -> tuple[list[dict], int]:
    release = selectors.current_release()
    number = release.number if release else 0
    rows = selectors.annex_rows(edition, agreement, at)
    for r in rows:
        r["data_release"] = number
    return rows, number


def _cell(r: dict, column: str) -> object:
    return r[SHOWN_AS.get(column, column)]


def version() -> str:
    """What every annex file depends on besides edition and agreement: the current data release."""
    release = selectors.current_release()
    if release is None:
        return "no-release"
    return (
        f"release-{release.number}-{release.pk}-{release.imported_at:%Y%m%dT%H%M%S}-{release.checksum[:12]}"
    )


def render(fmt: str, *, edition: str, agreement: str | None = None, at: dt.date | None = None) -> bytes:
    """The annex on the date ``at`` (default today) in the active language: controls, documents, state and
    confidence in words; listings deleted by that date last, flagged ``history`` (never as current)."""
    rows, number = _rows(edition, agreement, at)
    if fmt == "csv":
        return spreadsheets.csv_bytes(
            COLUMNS,
            (
                [
                    "true" if v is True else "false" if v is False else v
                    for v in (_cell(r, c) for c in COLUMNS)
                ]
                for r in rows
            ),
            lineterminator="\n",
        )
    if fmt == "xlsx":
        history = str(_("history"))
        return spreadsheets.xlsx_bytes(
            COLUMNS,
            (
                [
                    ("ex" if r[c] else "")
                    if c == "ex"
                    else (history if r[c] else "")
                    if c == "history"
                    else _cell(r, c)
                    for c in COLUMNS
                ]
                for r in rows
            ),
            title=f"HS annex {edition}",
            widths=(22, 28, 40, 14, 9, 9, 5, 60, 30, 50, 8, 22, 9, 22, 12, 12, 22, 30, 11),
        )
    if fmt == "pdf":
        from weasyprint import HTML

        html = render_to_string(
            "agreements/annex_pdf.html",
            {
                "rows": [r for r in rows if not r["history"]],
                "history": [r for r in rows if r["history"]],
                "at": rows[0]["at"] if rows else (at or dt.date.today()).isoformat(),
                "edition": edition,
                "release": selectors.current_release(),
                "agreement": agreement,
                "title": _("Summary of HS codes for goods covered by the agreements"),
            },
        )
        return HTML(string=html).write_pdf()
    raise ValueError(f"unknown format {fmt!r}")
