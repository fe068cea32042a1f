"""Writes of the licensing domain: template imports, quotas, iPIC consultations and reminders, mirror runs."""

from __future__ import annotations

import csv
import io
import shutil
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.utils.translation import gettext as _

from greencustoms.accounts import policy
from greencustoms.accounts.countries import validate_country
from greencustoms.licensing import engine_adapter
from greencustoms.licensing.choices import ANSWERS, ConsultationStatus, Direction, MirrorStatus
from greencustoms.licensing.deadlines import add_working_days as add_working_days
from greencustoms.licensing.deadlines import working_days_between
from greencustoms.licensing.models import Consultation, FocalPoint, Licence, MirrorAnalysis, Quota

#: Columns of the import templates, in order (the template files have exactly these headers).
TEMPLATE_COLUMNS: dict[str, tuple[str, ...]] = {
    "quotas": (
        "country",
        "direction",
        "group",
        "year",
        "substance",
        "metric_tonnes",
        "odp_tonnes",
        "co2e_tonnes",
        "used",
        "source",
    ),
    "licences": (
        "country",
        "number",
        "direction",
        "holder",
        "substance",
        "quantity_kg",
        "valid_from",
        "valid_to",
        "source",
    ),
}
TEMPLATE_EXAMPLES: dict[str, tuple[str, ...]] = {
    "quotas": (
        "TH",
        "import",
        "CI",
        "2026",
        "hcfc-22",
        "100",
        "",
        "",
        "0",
        "Ministry notification (example)",
    ),
    "licences": (
        "TH",
        "TH-IMP-2026-001",
        "import",
        "Example Cooling Co.",
        "hcfc-22",
        "2000",
        "2026-01-01",
        "2026-12-31",
        "Licence register (example)",
    ),
}
GROUPS = ("AI", "AII", "BI", "BII", "BIII", "CI", "CII", "CIII", "EI", "F")


class ImportRejected(Exception):
    """A template file was refused as a whole; ``errors`` name the line and the field."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = errors
        super().__init__("; ".join(errors[:5]))


@dataclass
class ImportResult:
    """What an accepted import created and updated."""

    kind: str
    created: int = 0
    updated: int = 0
    countries: set[str] = field(default_factory=set)


def _rows(name: str, content: bytes) -> list[dict[str, str]]:
    """Rows of a CSV or XLSX template with the physical line (header = 1) in ``_line``."""
    if name.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as exc:  # noqa: BLE001 - openpyxl raises many types for a damaged file
            raise ImportRejected(
                [_("the file is not a readable XLSX workbook (%(error)s)") % {"error": exc}]
            ) from exc
        sheet = book.worksheets[0]
        values = [
            [
                "" if v is None else (v.isoformat()[:10] if isinstance(v, datetime | date) else str(v))
                for v in row
            ]
            for row in sheet.iter_rows(values_only=True)
        ]
    else:
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ImportRejected(
                [_("the file is not UTF-8 text (byte %(pos)s)") % {"pos": exc.start}]
            ) from exc
        values = list(csv.reader(io.StringIO(text)))
    if not values:
        raise ImportRejected([_("line 1: the file is empty")])
    header = [h.strip().lower() for h in values[0]]
    rows = []
    for number, cells in enumerate(values[1:], start=2):
        if not any(str(c).strip() for c in cells):
            continue
        row = {h: str(cells[i]).strip() if i < len(cells) else "" for i, h in enumerate(header)}
        row["_line"] = str(number)
        rows.append(row)
    return [{"_header": ",".join(header)}] + rows


def _decimal(row: dict[str, str], name: str, errors: list[str], *, required: bool = True) -> Decimal | None:
    text = row.get(name, "").replace(",", "")
    if not text:
        if required:
            errors.append(_("line %(line)s: %(field)s is empty") % {"line": row["_line"], "field": name})
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        errors.append(
            _('line %(line)s: %(field)s "%(value)s" is not a number')
            % {"line": row["_line"], "field": name, "value": row[name]}
        )
        return None
    if value < 0:
        errors.append(
            _("line %(line)s: %(field)s must not be negative") % {"line": row["_line"], "field": name}
        )
        return None
    return value


def _date(row: dict[str, str], name: str, errors: list[str]) -> date | None:
    try:
        return date.fromisoformat(row.get(name, ""))
    except ValueError:
        errors.append(
            _('line %(line)s: %(field)s "%(value)s" is not a date (YYYY-MM-DD)')
            % {"line": row["_line"], "field": name, "value": row.get(name, "")}
        )
        return None


def _common(row: dict[str, str], errors: list[str], by: Any) -> tuple[str, str]:
    line = row["_line"]
    country = row.get("country", "").upper()
    try:
        validate_country(country)
        if not country:
            raise ValueError
    except Exception:  # noqa: BLE001 - ValidationError or the empty code
        errors.append(
            _('line %(line)s: country "%(value)s" is not an ISO 3166 alpha-2 code')
            % {"line": line, "value": row.get("country", "")}
        )
        return "", ""
    if not policy.can_keep_country_licensing(by, country):
        errors.append(
            _("line %(line)s: country %(country)s is not one of the countries whose records you keep")
            % {"line": line, "country": country}
        )
    direction = row.get("direction", "").lower()
    if direction not in Direction.values:
        errors.append(
            _('line %(line)s: direction "%(value)s" is not import or export')
            % {"line": line, "value": row.get("direction", "")}
        )
    if not row.get("source"):
        errors.append(_("line %(line)s: source is empty (every figure needs its source)") % {"line": line})
    return country, direction


def licensing_import(*, kind: str, file_name: str, content: bytes, by: Any) -> ImportResult:
    """Import a quotas or licences template (CSV or XLSX): every line valid, or nothing is written.

    Raises :class:`ImportRejected` with one message per problem, each naming its physical line and field.
    """
    if kind not in TEMPLATE_COLUMNS:
        raise ValueError(kind)
    if not policy.can_view_licensing_records(by):
        raise PermissionDenied
    parsed = _rows(file_name, content)
    header = parsed[0]["_header"].split(",")
    missing = [c for c in TEMPLATE_COLUMNS[kind] if c not in header]
    if missing:
        raise ImportRejected([_("line 1: missing column(s): %(columns)s") % {"columns": ", ".join(missing)}])
    errors: list[str] = []
    records: list[tuple[dict[str, Any], dict[str, Any]]] = []
    units = engine_adapter.substance_units_all()
    for row in parsed[1:]:
        line = row["_line"]
        country, direction = _common(row, errors, by)
        if kind == "licences":
            substance = row.get("substance", "").lower()
            if substance not in units:
                errors.append(
                    _(
                        'line %(line)s: substance "%(value)s" is not a controlled substance or blend id (e.g. hcfc-22, r-410a)'
                    )
                    % {"line": line, "value": row.get("substance", "")}
                )
            quantity = _decimal(row, "quantity_kg", errors)
            valid_from, valid_to = _date(row, "valid_from", errors), _date(row, "valid_to", errors)
            if valid_from and valid_to and valid_to < valid_from:
                errors.append(_("line %(line)s: valid_to is before valid_from") % {"line": line})
            for name in ("number", "holder"):
                if not row.get(name):
                    errors.append(_("line %(line)s: %(field)s is empty") % {"line": line, "field": name})
            records.append(
                (
                    {"country": country, "number": row.get("number", "")},
                    {"direction": direction, "holder": row.get("holder", ""), "substance": substance, "quantity_kg": quantity,
                     "valid_from": valid_from, "valid_to": valid_to, "source": row.get("source", "")},
                )
            )  # fmt: skip
        else:
            group = row.get("group", "").upper()
            if group not in GROUPS:
                errors.append(
                    _('line %(line)s: group "%(value)s" is not one of %(groups)s')
                    % {"line": line, "value": row.get("group", ""), "groups": ", ".join(GROUPS)}
                )
            try:
                year = int(row.get("year", ""))
                if not 1989 <= year <= 2100:
                    raise ValueError
            except ValueError:
                errors.append(
                    _('line %(line)s: year "%(value)s" is not a year')
                    % {"line": line, "value": row.get("year", "")}
                )
                year = 0
            metric = _decimal(row, "metric_tonnes", errors, required=False)
            odp = _decimal(row, "odp_tonnes", errors, required=False)
            co2e = _decimal(row, "co2e_tonnes", errors, required=False)
            used = _decimal(row, "used", errors, required=False) or Decimal(0)
            substance = row.get("substance", "").lower()
            if metric is not None:
                if not substance:
                    errors.append(
                        _("line %(line)s: metric_tonnes needs the substance it is a quantity of")
                        % {"line": line}
                    )
                else:
                    try:
                        odp, co2e = engine_adapter.quota_figures(substance=substance, metric_tonnes=metric)
                    except engine_adapter.UnknownSubstanceError:
                        errors.append(
                            _('line %(line)s: substance "%(value)s" has no ODP/GWP in the reference data')
                            % {"line": line, "value": row.get("substance", "")}
                        )
            elif odp is None and co2e is None:
                errors.append(
                    _("line %(line)s: give metric_tonnes (with substance), odp_tonnes or co2e_tonnes")
                    % {"line": line}
                )
            records.append(
                (
                    {"country": country, "direction": direction, "group": group, "year": year},
                    {"substance": substance, "metric_tonnes": metric, "odp_tonnes": odp, "co2e_tonnes": co2e, "used": used, "source": row.get("source", "")},
                )
            )  # fmt: skip
    if errors:
        raise ImportRejected(errors)
    model = Licence if kind == "licences" else Quota
    result = ImportResult(kind)
    with transaction.atomic():
        for keys, values in records:
            _obj, created = model.objects.update_or_create(**keys, defaults=values)
            result.created += created
            result.updated += not created
            result.countries.add(keys["country"])
    return result


def template_rows(kind: str) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    """Header and example row of an import template (served as CSV or XLSX through spreadsheets.py)."""
    return TEMPLATE_COLUMNS[kind], [TEMPLATE_EXAMPLES[kind]]


# -- iPIC consultations ------------------------------------------------------------------------------------
def answer_working_days() -> int:
    return int(getattr(settings, "LICENSING_IPIC_ANSWER_WORKING_DAYS", 10))


def reminder_working_days() -> int:
    """Working days before the deadline at which the importing focal points are reminded."""
    return int(getattr(settings, "LICENSING_IPIC_REMINDER_WORKING_DAYS", 2))


def _focal_emails(country: str) -> list[str]:
    return list(FocalPoint.objects.filter(country=country, active=True).values_list("email", flat=True))


def consultation_ask(
    *,
    by: Any,
    exporting_country: str,
    importing_country: str,
    substance: str,
    quantity_kg: Decimal,
    importer: str,
    exporter: str = "",
    shipment_date: date,
    at: datetime,
) -> Consultation:
    """The exporting country's focal point asks the importing country; due after the procedure's working days."""
    exporting_country, importing_country = exporting_country.upper(), importing_country.upper()
    if not policy.can_keep_country_licensing(by, exporting_country):
        raise PermissionDenied
    due = add_working_days(at.date(), answer_working_days(), importing_country)
    with transaction.atomic():
        count = Consultation.objects.filter(asked_at__year=at.year).count() + 1
        consultation = Consultation.objects.create(
            number=f"IPIC-{at.year}-{exporting_country}{importing_country}-{count:04d}",
            exporting_country=exporting_country,
            importing_country=importing_country,
            substance=substance,
            quantity_kg=quantity_kg,
            importer=importer,
            exporter=exporter,
            shipment_date=shipment_date,
            asked_by=by,
            asked_at=at,
            due_on=due,
        )
    recipients = _focal_emails(importing_country)
    if recipients:
        send_mail(
            _("iPIC consultation %(number)s: is this shipment licensed?") % {"number": consultation.number},
            _("%(exporting)s asks whether %(quantity)s kg of %(substance)s for %(importer)s (shipment %(date)s) is licensed. Please answer by %(due)s on the platform.")
            % {"exporting": exporting_country, "quantity": quantity_kg, "substance": substance, "importer": importer, "date": shipment_date, "due": due},
            None,
            recipients,
        )  # fmt: skip
    return consultation


def consultation_answer(
    *, consultation: Consultation, by: Any, status: str, reference: str = "", note: str = "", at: datetime
) -> Consultation:
    """The importing country's focal point answers yes, no or needs check, with a reference."""
    if not policy.can_answer_consultation(by, consultation):
        raise PermissionDenied
    if status not in ANSWERS:
        raise ValueError(status)
    consultation.status = status
    consultation.answer_reference = reference
    consultation.answer_note = note
    consultation.answered_by = by
    consultation.answered_at = at
    consultation.save(
        update_fields=["status", "answer_reference", "answer_note", "answered_by", "answered_at"]
    )
    recipients = _focal_emails(consultation.exporting_country)
    if recipients:
        send_mail(
            _("iPIC consultation %(number)s answered: %(answer)s") % {"number": consultation.number, "answer": consultation.get_status_display()},
            _("Reference: %(reference)s\n%(note)s") % {"reference": reference or "-", "note": note},
            None,
            recipients,
        )  # fmt: skip
    return consultation


def consultation_reminders_send(*, at: datetime) -> dict[str, int]:
    """Remind the importing focal points when the deadline is near (once a day at most), and escalate to
    the secretariat a consultation still unanswered after its deadline (once)."""
    today = at.date()
    sent = escalated = 0
    for consultation in Consultation.objects.filter(status=ConsultationStatus.PENDING):
        left = working_days_between(today, consultation.due_on, consultation.importing_country)
        if consultation.due_on < today:
            consultation.status = ConsultationStatus.ESCALATED
            consultation.escalated_at = at
            consultation.save(update_fields=["status", "escalated_at"])
            emails = list(policy.secretariat_accounts().values_list("email", flat=True))
            emails += _focal_emails(consultation.importing_country) + _focal_emails(
                consultation.exporting_country
            )
            send_mail(
                _("iPIC consultation %(number)s unanswered after its deadline: escalated") % {"number": consultation.number},
                _("%(importing)s has not answered %(exporting)s's consultation due on %(due)s. The secretariat follows it up.")
                % {"importing": consultation.importing_country, "exporting": consultation.exporting_country, "due": consultation.due_on},
                None,
                sorted(set(emails)),
            )  # fmt: skip
            escalated += 1
        elif left <= reminder_working_days() and consultation.last_reminder_on != today:
            recipients = _focal_emails(consultation.importing_country)
            if recipients:
                send_mail(
                    _("Reminder: iPIC consultation %(number)s is due on %(due)s") % {"number": consultation.number, "due": consultation.due_on},
                    _("%(left)s working day(s) left to answer %(exporting)s's consultation.") % {"left": left, "exporting": consultation.exporting_country},
                    None,
                    recipients,
                )  # fmt: skip
            consultation.reminders_sent += 1
            consultation.last_reminder_on = today
            consultation.save(update_fields=["reminders_sent", "last_reminder_on"])
            sent += 1
    return {"reminders": sent, "escalated": escalated}


# -- mirror analysis ----------------------------------------------------------------------------------------
def _analysis_dir(analysis: MirrorAnalysis) -> Path:
    return Path(settings.PRIVATE_MEDIA_ROOT) / "licensing" / "mirror" / str(analysis.pk)


def mirror_analysis_run(
    *,
    by: Any,
    title: str,
    file_name: str,
    content: bytes,
    params: dict[str, Any],
    basis: str = "min",
    at: datetime,
    is_demo: bool = False,
) -> MirrorAnalysis:
    """Store a Comtrade-format file, run the mirror analysis and keep its table (Parquet) for the pages."""
    if not policy.can_run_mirror_analysis(by) and not is_demo:
        raise PermissionDenied
    parameters = engine_adapter.MirrorParameters(**params)
    analysis = MirrorAnalysis.objects.create(
        title=title,
        created_by=by,
        created_at=at,
        parameters={**parameters.as_dict(), "factor_basis": basis},
        is_demo=is_demo,
    )
    folder = _analysis_dir(analysis)
    folder.mkdir(parents=True, exist_ok=True)
    suffix = ".parquet" if file_name.lower().endswith((".parquet", ".pq")) else ".csv"
    source = folder / f"input{suffix}"
    source.write_bytes(content)
    try:
        table = engine_adapter.run_mirror([source], parameters, basis=basis)
    except engine_adapter.EngineError as exc:
        analysis.status, analysis.error = MirrorStatus.FAILED, str(exc)
        analysis.save(update_fields=["status", "error"])
        return analysis
    result = folder / "result.parquet"
    table.write_parquet(result)
    analysis.rows, analysis.flagged = table.height, int(table["flagged"].sum())
    analysis.result_path = str(result.relative_to(settings.PRIVATE_MEDIA_ROOT))
    analysis.save(update_fields=["rows", "flagged", "result_path"])
    return analysis


def mirror_analysis_delete(*, analysis: MirrorAnalysis, by: Any) -> None:
    if not policy.can_view_mirror_analysis(by, analysis):
        raise PermissionDenied
    shutil.rmtree(_analysis_dir(analysis), ignore_errors=True)
    analysis.delete()
