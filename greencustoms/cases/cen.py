"""The field structure of WCO CEN seizure reports: mapping, export (CSV, JSON) and import with line errors.

The mapping is documented in ``greencustoms/cases/CEN_MAPPING.md``. Exports go out through
:mod:`greencustoms.spreadsheets`; imports report every problem with its physical line (header = 1) or, for
JSON, its index in ``reports``.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from greencustoms import spreadsheets
from greencustoms.cases.choices import Concealment, Detection, FollowUp, Region, Transport, Unit

FORMAT = "greencustoms-cen/1"

#: (CEN field, our field). Order = column order of the CSV export.
MAPPING: tuple[tuple[str, str], ...] = (
    ("SeizureReference", "cen_reference"),
    ("SeizureDate", "date"),
    ("ReportingCountry", "country"),
    ("Region", "region"),
    ("CustomsAdministration", "administration"),
    ("PlaceOfSeizure", "place"),
    ("TransportMode", "transport"),
    ("DepartureCountry", "origin"),
    ("TransitCountries", "transit"),
    ("DestinationCountry", "destination"),
    ("Convention", "agreements"),
    ("ControlledItems", "items"),
    ("GoodsDescription", "commodity"),
    ("HSCodeDeclared", "hs_declared"),
    ("HSCodeFound", "hs_found"),
    ("Quantity", "quantity"),
    ("QuantityUnit", "unit"),
    ("ConcealmentMethod", "concealment"),
    ("ConcealmentDescription", "concealment_detail"),
    ("DetectionMethod", "detection"),
    ("DetectionDescription", "detection_detail"),
    ("OffenderName", "offender_name"),
    ("OffenderDetails", "offender_details"),
    ("FollowUp", "follow_up"),
    ("Prosecution", "prosecution"),
    ("Penalty", "penalty"),
    ("Court", "court"),
    ("PenaltyAmount", "penalty_amount"),
    ("PenaltyCurrency", "penalty_currency"),
    ("Sentence", "sentence"),
    ("Narrative", "detail"),
    ("PublicSummary", "summary"),
    ("Sources", "sources"),
)
CEN_FIELDS = tuple(cen for cen, _ours in MAPPING)
TO_OURS = {cen.lower(): ours for cen, ours in MAPPING} | {ours: ours for _cen, ours in MAPPING}
LIST_FIELDS = {"transit", "agreements", "items"}
BOOL_FIELDS = {"prosecution", "penalty"}
DECIMAL_FIELDS = {"quantity", "penalty_amount"}
COUNTRY_FIELDS = {"country", "origin", "destination"}
CHOICES = {
    "region": Region.values,
    "transport": Transport.values,
    "unit": Unit.values,
    "concealment": Concealment.values,
    "detection": Detection.values,
    "follow_up": FollowUp.values,
}
REQUIRED = ("date", "country", "commodity")
AGREEMENTS = {"basel", "rotterdam", "stockholm", "montreal", "cites", "cwc", "cartagena", "minamata"}


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return "|".join(str(v) for v in value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def case_to_cen(case: Any) -> dict[str, str]:
    """One record in CEN fields (every value a string; lists joined with ``|``)."""
    return {cen: _cell(getattr(case, ours, "")) for cen, ours in MAPPING}


def export_csv(cases: Iterable[Any]) -> bytes:
    return spreadsheets.csv_bytes(
        list(CEN_FIELDS), ([r[f] for f in CEN_FIELDS] for r in map(case_to_cen, cases))
    )


def export_json(cases: Iterable[Any]) -> bytes:
    body = {"format": FORMAT, "fields": dict(MAPPING), "reports": [case_to_cen(c) for c in cases]}
    return json.dumps(body, ensure_ascii=False, indent=1).encode()


@dataclass
class LineError:
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}" if self.line else "file"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


@dataclass
class Parsed:
    """Rows ready for :func:`greencustoms.cases.services.cases_import` (with their line), and the errors."""

    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    errors: list[LineError] = field(default_factory=list)


def _parse_value(name: str, raw: str) -> Any:
    raw = raw.strip()
    if raw[:1] == "'" and raw[1:2] in ("=", "+", "-", "@"):
        raw = raw[1:]  # the mark greencustoms.spreadsheets puts before a formula-like text
    if name in LIST_FIELDS:
        values = [v.strip() for v in re.split(r"[|;]", raw) if v.strip()]
        if name == "agreements":
            values = [v.lower() for v in values]
            unknown = [v for v in values if v not in AGREEMENTS]
            if unknown:
                raise ValueError(f"unknown agreement {unknown[0]!r} (one of {', '.join(sorted(AGREEMENTS))})")
        if name == "transit":
            values = [v.upper() for v in values]
        return values
    if name == "date":
        try:
            return date.fromisoformat(raw)
        except ValueError:
            raise ValueError(f"{raw!r} is not a date YYYY-MM-DD") from None
    if name in BOOL_FIELDS:
        if raw.lower() in ("yes", "true", "1", "y"):
            return True
        if raw.lower() in ("", "no", "false", "0", "n"):
            return False
        raise ValueError(f"{raw!r} is not yes or no")
    if name in DECIMAL_FIELDS:
        if not raw:
            return None
        try:
            number = Decimal(raw.replace(",", ""))
        except InvalidOperation:
            raise ValueError(f"{raw!r} is not a number") from None
        if number < 0 or not number.is_finite():
            raise ValueError(f"{raw!r} must be a number not below 0")
        return number
    if name in COUNTRY_FIELDS:
        if raw and not re.fullmatch(r"[A-Za-z]{2}", raw):
            raise ValueError(f"{raw!r} is not a two-letter country code")
        return raw.upper()
    if name in CHOICES:
        value = raw.lower()
        if value and value not in CHOICES[name]:
            raise ValueError(f"{raw!r} is not one of {', '.join(CHOICES[name])}")
        return value
    return raw


OURS_TO_CEN = {ours: cen for cen, ours in MAPPING}


def _parse_row(line: int, row: dict[str, Any], out: Parsed) -> None:
    parsed: dict[str, Any] = {}
    columns: dict[str, str] = {}
    failed: set[str] = set()
    problems = []
    for key, raw in row.items():
        name = TO_OURS.get((key or "").strip().lower()) or TO_OURS.get((key or "").strip())
        if name is None:
            continue
        columns[name] = key
        try:
            parsed[name] = _parse_value(name, raw if isinstance(raw, str) else _cell(raw))
        except ValueError as exc:
            failed.add(name)
            problems.append(LineError(line, key, str(exc)))
    for name in REQUIRED:
        if name not in failed and not parsed.get(name):
            problems.append(LineError(line, columns.get(name, OURS_TO_CEN[name]), "is required"))
    if problems:
        out.errors.extend(problems)
    else:
        out.rows.append((line, parsed))


def parse_csv(data: bytes) -> Parsed:
    """CEN or our own column names (case-insensitive); unknown columns are refused by name."""
    out = Parsed()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        out.errors.append(LineError(0, "", f"not UTF-8 text ({exc.reason} at byte {exc.start})"))
        return out
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        out.errors.append(LineError(1, "", "the file is empty"))
        return out
    unknown = [
        h for h in header if h.strip() and TO_OURS.get(h.strip().lower()) is None and h.strip() not in TO_OURS
    ]
    if unknown:
        out.errors.append(LineError(1, unknown[0], "unknown column (see CEN_MAPPING.md)"))
        return out
    if len({TO_OURS.get(h.strip().lower(), TO_OURS.get(h.strip())) for h in header}) != len(header):
        out.errors.append(LineError(1, "", "a column appears twice"))
        return out
    while True:
        line = reader.line_num + 1  # physical line where the record starts (header = 1)
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            out.errors.append(LineError(line, "", f"unreadable CSV ({exc})"))
            break
        if not any(cell.strip() for cell in record):
            continue
        if len(record) != len(header):
            out.errors.append(LineError(line, "", f"{len(record)} cells, the header has {len(header)}"))
            continue
        _parse_row(line, dict(zip(header, record, strict=True)), out)
    return out


def parse_json(data: bytes) -> Parsed:
    """``{"format": …, "reports": [{CEN field: value}, …]}`` (or a bare list); "line" = 1 + the index."""
    out = Parsed()
    try:
        body = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        out.errors.append(LineError(0, "", f"not JSON ({exc})"))
        return out
    reports = body.get("reports") if isinstance(body, dict) else body
    if not isinstance(reports, list):
        out.errors.append(LineError(0, "reports", "must be a list of reports"))
        return out
    for index, report in enumerate(reports, start=1):
        if not isinstance(report, dict):
            out.errors.append(LineError(index, "", "a report must be an object"))
            continue
        unknown = [k for k in report if TO_OURS.get(str(k).lower()) is None and k not in TO_OURS]
        if unknown:
            out.errors.append(LineError(index, str(unknown[0]), "unknown field (see CEN_MAPPING.md)"))
            continue
        _parse_row(index, report, out)
    return out


def parse(data: bytes, *, name: str = "") -> Parsed:
    """By the file's name (``.json``) or first byte (``{``/``[``): JSON, else CSV."""
    head = data.lstrip()[:1]
    if name.lower().endswith(".json") or head in (b"{", b"["):
        return parse_json(data)
    return parse_csv(data)


def iter_errors(parsed: Parsed) -> Iterator[str]:
    yield from (str(e) for e in sorted(parsed.errors, key=lambda e: e.line))
