"""Figures of partners' modules hosted on other e-learning platforms (the WCO's CLiKC!): import and reads.

The 2017 partners' meeting asked the secretariat for "statistics on registration, activity and completion of
the test" of the partners' modules on CLiKC!. Such a platform reports them in a spreadsheet or as an xAPI
export of its learning record store (LRS); both are imported here, all or nothing, by the secretariat, and
shown beside this platform's own figures with their source and date.

Spreadsheet template (CSV or XLSX, header on line 1, one report per line): see :data:`COLUMNS`.

- ``module``: the slug of a module of this platform, or the title of a module that is only elsewhere;
- ``partner``: the owner partner's acronym (may be empty when ``module`` is a slug here: its owner);
- ``platform``, ``source`` (report title or URL): required texts;
- ``period_start``, ``period_end``, ``reported_on``: dates ``YYYY-MM-DD`` (XLSX date cells too);
- ``registered``, ``active``, ``completed`` (passed the test): whole numbers ≥ 0.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from greencustoms import spreadsheets
from greencustoms.accounts import policy
from greencustoms.learning.models import ExternalFigure, Module
from greencustoms.partners.models import Partner

COLUMNS = [
    "module", "partner", "platform", "period_start", "period_end",
    "registered", "active", "completed", "source", "reported_on",
]  # fmt: skip
NUMBERS = ("registered", "active", "completed")
DATES = ("period_start", "period_end", "reported_on")
#: A report has a line per module and period; more lines than this is not a report (and not read further).
MAX_LINES = 5000
REQUIRED_TEXTS = ("module", "platform", "source")
EXAMPLE = [
    "Montreal Protocol for customs officers (demo title)", "WCO", "WCO CLiKC!", "2017-01-01", "2017-12-31",
    120, 80, 45, "CLiKC! yearly report 2017 (demo)", "2018-01-15",
]  # fmt: skip


class ImportFailed(Exception):
    """Nothing was saved; ``errors`` are the messages, each naming its line and column."""

    def __init__(self, errors: Sequence[str]) -> None:
        super().__init__("; ".join(errors))
        self.errors = list(errors)


def _line_error(line: int, column: str | None, message: str) -> str:
    if column is None:
        return _("line %(line)d: %(message)s") % {"line": line, "message": message}
    return _("line %(line)d: %(column)s: %(message)s") % {"line": line, "column": column, "message": message}


# --- the template -----------------------------------------------------------------------------------------
def template_csv() -> bytes:
    return spreadsheets.csv_bytes(COLUMNS, [EXAMPLE])


def template_xlsx() -> bytes:
    return spreadsheets.xlsx_bytes(
        COLUMNS, [EXAMPLE], title="external figures", widths=[40, 10, 16] + [12] * 7
    )


# --- reading a file into numbered rows --------------------------------------------------------------------
def read_rows(data: bytes, *, filename: str) -> list[tuple[int, list[Any]]]:
    """(line number, cells) of every line of a CSV or XLSX file, the header included (line 1)."""
    if filename.lower().endswith(".xlsx"):
        return _xlsx_rows(data)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFailed([_("the file is not UTF-8 text (CSV) nor an XLSX workbook")]) from exc
    reader = csv.reader(io.StringIO(text, newline=""))
    out: list[tuple[int, list[Any]]] = []
    start = 1
    for cells in reader:
        out.append((start, cells))
        start = reader.line_num + 1  # a quoted cell may span lines: number the record by its first line
        _check_length(out)
    return out


def _check_length(rows: list[Any]) -> None:
    if len(rows) > MAX_LINES + 1:
        raise ImportFailed([_("the file has more than %(n)d lines of figures; split it") % {"n": MAX_LINES}])


def _xlsx_rows(data: bytes) -> list[tuple[int, list[Any]]]:
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ImportFailed([_("the file is not a readable XLSX workbook")]) from exc
    sheet = book.worksheets[0]
    rows: list[tuple[int, list[Any]]] = []
    try:
        for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
            rows.append((number, list(cells)))
            _check_length(rows)
    finally:
        book.close()
    return rows


# --- checking the rows -------------------------------------------------------------------------------------
def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _whole(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    if isinstance(value, float):
        return int(value) if value.is_integer() and value >= 0 else None
    text = _text(value)
    return int(text) if text.isascii() and text.isdigit() else None


def _date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(_text(value)) if len(_text(value)) == 10 else None
    except ValueError:
        return None


def check_rows(rows: list[tuple[int, list[Any]]]) -> list[dict[str, Any]]:
    """The field values of every data line, or :class:`ImportFailed` with every error of the file."""
    if not rows or not any(_text(c) for c in rows[0][1]):
        raise ImportFailed([_line_error(1, None, _("the header line is missing"))])
    header = [_text(c).lower() for c in rows[0][1]]
    missing = [c for c in COLUMNS if c not in header]
    unknown = [c for c in header if c and c not in COLUMNS]
    errors: list[str] = []
    if missing:
        errors.append(_line_error(1, None, _("missing column(s): %s") % ", ".join(missing)))
    if unknown:
        errors.append(_line_error(1, None, _("unknown column(s): %s") % ", ".join(unknown)))
    if errors:
        raise ImportFailed(errors)
    index = {name: header.index(name) for name in COLUMNS}
    modules = {m.slug: m for m in Module.objects.select_related("owner_partner")}
    partners = {p.acronym.lower(): p for p in Partner.objects.all()}
    out: list[dict[str, Any]] = []
    for line, cells in rows[1:]:
        if not any(_text(c) for c in cells):
            continue
        raw = {name: cells[i] if i < len(cells) else None for name, i in index.items()}
        values: dict[str, Any] = {}
        row_errors: list[str] = []
        for name in REQUIRED_TEXTS:
            values[name] = _text(raw[name])
            if not values[name]:
                row_errors.append(_line_error(line, name, _("a value is required")))
        for name in NUMBERS:
            number = _whole(raw[name])
            if number is None:
                row_errors.append(_line_error(line, name, _("'%s' is not a whole number") % _text(raw[name])))
            values[name] = number
        for name in DATES:
            day = _date(raw[name])
            if day is None:
                row_errors.append(
                    _line_error(line, name, _("'%s' is not a date (YYYY-MM-DD)") % _text(raw[name]))
                )
            values[name] = day
        if values["period_start"] and values["period_end"] and values["period_end"] < values["period_start"]:
            row_errors.append(_line_error(line, "period_end", _("the period ends before it starts")))
        module = modules.get(values["module"])
        acronym = _text(raw["partner"])
        partner = partners.get(acronym.lower()) if acronym else None
        if acronym and partner is None:
            row_errors.append(_line_error(line, "partner", _("'%s' is not a partner's acronym") % acronym))
        elif module is not None and partner is not None and partner.pk != module.owner_partner_id:
            row_errors.append(
                _line_error(
                    line, "partner",
                    _("module '%(module)s' belongs to %(owner)s, not %(partner)s")
                    % {"module": module.slug, "owner": module.owner_partner.acronym, "partner": partner.acronym},
                )
            )  # fmt: skip
        elif module is None and partner is None and values["module"]:
            row_errors.append(
                _line_error(line, "partner", _("a value is required for a module not on this platform"))
            )
        errors.extend(row_errors)
        if not row_errors:
            values["module_obj"] = module
            values["partner_obj"] = module.owner_partner if module is not None else partner
            out.append(values)
    if errors:
        raise ImportFailed(errors)
    if not out:
        raise ImportFailed([_line_error(2, None, _("the file has no figures"))])
    return out


@transaction.atomic
def _save(values: Iterable[dict[str, Any]], *, by: Any, at: datetime) -> list[ExternalFigure]:
    figures = [
        ExternalFigure(
            module=v["module_obj"], module_title="" if v["module_obj"] is not None else v["module"],
            partner=v["partner_obj"], platform=v["platform"], period_start=v["period_start"],
            period_end=v["period_end"], registered=v["registered"], active=v["active"],
            completed=v["completed"], source=v["source"], reported_on=v["reported_on"],
            imported_by=by, imported_at=at,
        )
        for v in values
    ]  # fmt: skip
    for figure in figures:
        figure.full_clean(exclude=["imported_by"])
    return ExternalFigure.objects.bulk_create(figures)


def _require(by: Any) -> None:
    if not policy.can_import_external_statistics(by):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied


def import_table(*, data: bytes, filename: str, by: Any, at: datetime) -> list[ExternalFigure]:
    """Save every line of a filled-in template, or nothing (:class:`ImportFailed` lists every error)."""
    _require(by)
    return _save(check_rows(read_rows(data, filename=filename)), by=by, at=at)


# --- xAPI -------------------------------------------------------------------------------------------------
REGISTERED_VERBS = frozenset({"registered"})
ACTIVE_VERBS = frozenset({"launched", "attempted"})
COMPLETED_VERBS = frozenset({"passed", "completed"})


@dataclass
class _Counts:
    title: str
    registered: set[str] = field(default_factory=set)
    active: set[str] = field(default_factory=set)
    completed: set[str] = field(default_factory=set)
    days: list[date] = field(default_factory=list)


def _actor_key(actor: Any) -> str | None:
    """The inverse functional identifier of an agent (xAPI 1.0.3 §2.4.2.1), or None."""
    if not isinstance(actor, dict):
        return None
    for key in ("mbox", "mbox_sha1sum", "openid"):
        if isinstance(actor.get(key), str) and actor[key]:
            return f"{key}:{actor[key].lower() if key == 'mbox' else actor[key]}"
    account = actor.get("account")
    if isinstance(account, dict) and account.get("name") is not None:
        return f"account:{account.get('homePage', '')}|{account['name']}"
    return None


def _verb(statement: dict[str, Any]) -> str:
    verb = statement.get("verb")
    verb_id = verb.get("id", "") if isinstance(verb, dict) else ""
    return verb_id.rstrip("/").rsplit("/", 1)[-1].lower() if isinstance(verb_id, str) else ""


def _activity_title(target: dict[str, Any], activity_id: str) -> str:
    names = (target.get("definition") or {}).get("name") or {}
    if isinstance(names, dict) and names:
        return str(names.get("en-US") or names.get("en") or next(iter(names.values())))[:200]
    return activity_id[:200]


def _statement_list(data: bytes) -> list[dict[str, Any]]:
    try:
        parsed = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ImportFailed([_("the file is not JSON: %s") % exc]) from exc
    if isinstance(parsed, dict) and isinstance(parsed.get("statements"), list):
        parsed = parsed["statements"]  # an LRS "StatementResult" page
    if not isinstance(parsed, list):
        raise ImportFailed([_("the file is not a list of xAPI statements")])
    return [s for s in parsed if isinstance(s, dict)]


def module_for_activity(activity_id: str, modules: dict[str, Module]) -> Module | None:
    """The module of this platform an activity id names: its slug as the id or as the id's last segment."""
    tail = activity_id.rstrip("/").rsplit("/", 1)[-1]
    return modules.get(activity_id) or modules.get(tail)


def xapi_counts(
    data: bytes, *, modules: dict[str, Module], start: date | None = None, end: date | None = None
) -> dict[str, _Counts]:
    """Distinct learners per activity id, from an LRS export (a JSON list of statements, or a StatementResult).

    Mapping (verbs are matched on the last segment of ``verb.id``, so ADL's
    ``http://adlnet.gov/expapi/verbs/registered`` and a platform's own ``…/verbs/registered`` both count):

    - **registered**: distinct actors with a ``registered`` statement on the activity;
    - **active**: distinct actors with ``launched`` or ``attempted`` on it;
    - **completed** (passed the test): distinct actors with ``passed`` or ``completed`` on it.

    The activity is the statement's ``object.id``; when that id names no module of this platform but the first
    ``context.contextActivities.parent`` does (a lesson or question of a module here), the parent's id.
    An activity id names a module here when it is the module's slug or ends with ``/<slug>`` (or ``/<slug>/``),
    so this platform's own export (``…/learning/<slug>/``) maps back; other ids are modules known by the
    title in ``object.definition.name`` (en-US first), or by the id when the statement has no name. Actors are told apart by their inverse
    functional identifier (mbox, mbox_sha1sum, openid or account). Voided statements (and the voiding ones)
    are left out; with ``start``/``end``, statements whose ``timestamp`` falls outside are left out too.
    Every other verb (answered, failed, experienced…) is ignored.
    """
    statements = _statement_list(data)
    voided = {
        s.get("object", {}).get("id")
        for s in statements
        if _verb(s) == "voided" and isinstance(s.get("object"), dict)
    }
    counts: dict[str, _Counts] = {}
    for statement in statements:
        verb = _verb(statement)
        if verb == "voided" or statement.get("id") in voided:
            continue
        bucket = (
            "registered" if verb in REGISTERED_VERBS
            else "active" if verb in ACTIVE_VERBS
            else "completed" if verb in COMPLETED_VERBS
            else None
        )  # fmt: skip
        actor = _actor_key(statement.get("actor"))
        target = statement.get("object")
        if bucket is None or actor is None or not isinstance(target, dict) or not target.get("id"):
            continue
        day = _date(str(statement.get("timestamp", ""))[:10])
        if (start or end) and (day is None or (start and day < start) or (end and day > end)):
            continue
        activity_id, title_source = str(target["id"]), target
        parents = ((statement.get("context") or {}).get("contextActivities") or {}).get("parent") or []
        if (
            module_for_activity(activity_id, modules) is None
            and parents and isinstance(parents[0], dict) and parents[0].get("id")
            and module_for_activity(str(parents[0]["id"]), modules) is not None
        ):  # fmt: skip
            activity_id, title_source = str(parents[0]["id"]), parents[0]
        entry = counts.setdefault(activity_id, _Counts(title=_activity_title(title_source, activity_id)))
        getattr(entry, bucket).add(actor)
        if day is not None:
            entry.days.append(day)
    return counts


def import_xapi(
    *,
    data: bytes,
    partner: Partner | None,
    platform: str,
    source: str,
    reported_on: date,
    start: date | None,
    end: date | None,
    by: Any,
    at: datetime,
) -> list[ExternalFigure]:
    """One figure per activity of the export (see :func:`xapi_counts`), all or nothing.

    An activity whose id names a module of this platform counts for that module (and its owner); any other
    is a module known by title only, owned by ``partner`` (required then). The period is ``start``–``end``,
    or the first and last day of the counted statements.
    """
    _require(by)
    modules = {m.slug: m for m in Module.objects.select_related("owner_partner")}
    counts = xapi_counts(data, modules=modules, start=start, end=end)
    if not counts:
        raise ImportFailed(
            [_("no statement with a registered, launched, attempted, passed or completed verb")]
        )
    values, errors = [], []
    for activity_id, entry in sorted(counts.items()):
        module = module_for_activity(activity_id, modules)
        if module is None and partner is None:
            errors.append(_("%s: not a module of this platform; choose its owner partner") % activity_id)
            continue
        values.append(
            {
                "module_obj": module, "module": entry.title,
                "partner_obj": module.owner_partner if module is not None else partner,
                "platform": platform, "source": source, "reported_on": reported_on,
                "period_start": start or min(entry.days, default=reported_on),
                "period_end": end or max(entry.days, default=reported_on),
                "registered": len(entry.registered), "active": len(entry.active),
                "completed": len(entry.completed),
            }
        )  # fmt: skip
    if errors:
        raise ImportFailed(errors)
    return _save(values, by=by, at=at)


# --- reads --------------------------------------------------------------------------------------------------
def figures_scope(user: Any) -> QuerySet[ExternalFigure] | None:
    """External figures the user may read: as for the statistics (all, or its own partner's); None: no access."""
    if not policy.can_view_statistics(user):
        return None
    qs = ExternalFigure.objects.select_related("module", "partner")
    partner_id = policy.statistics_partner_id(user)
    return qs if partner_id is None else qs.filter(partner_id=partner_id)


def for_stats(user: Any, *, module: str | None = None) -> list[ExternalFigure]:
    """The figures shown beside the own funnel (filtered like it by module slug)."""
    scope = figures_scope(user)
    if scope is None:
        return []
    if module:
        scope = scope.filter(module__slug=module)
    return list(scope.order_by("partner__acronym", "module__title", "module_title", "-period_end"))


@dataclass
class PartnerFigures:
    partner: Partner
    own_registered: int = 0
    own_started: int = 0
    own_passed: int = 0
    external: list[ExternalFigure] = field(default_factory=list)


def by_partner(user: Any, *, own_rows: Iterable[Any], modules: QuerySet[Module]) -> list[PartnerFigures]:
    """Per module owner partner: this platform's figures (summed over its modules) and the external ones."""
    owner_of = dict(modules.values_list("slug", "owner_partner_id"))
    partners = {p.pk: p for p in Partner.objects.filter(pk__in=set(owner_of.values()))}
    result: dict[int, PartnerFigures] = {}
    for row in own_rows:
        pid = owner_of.get(row.key)
        if pid is None:
            continue
        entry = result.setdefault(pid, PartnerFigures(partners[pid]))
        entry.own_registered += row.registered
        entry.own_started += row.started
        entry.own_passed += row.passed
    grouped: dict[int, list[ExternalFigure]] = defaultdict(list)
    for figure in for_stats(user):
        grouped[figure.partner_id].append(figure)
    for pid, figures in grouped.items():
        result.setdefault(pid, PartnerFigures(figures[0].partner)).external = figures
    return sorted(result.values(), key=lambda e: e.partner.acronym.lower())
