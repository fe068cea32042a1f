"""Completion statistics (reads): per module and per country, administration or month; funnel; trends; xAPI.

Figures come from the enrolment rows (each one the rollup of a learner in a module, kept current by the
services) and from the daily activity rollup, never from scanning the event log on a page view.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Avg, Count, F, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce, NullIf, TruncMonth
from django.utils.html import escape
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from greencustoms.learning.choices import XAPI_VERBS, Verb
from greencustoms.learning.models import (
    Certificate,
    DailyActivity,
    Enrolment,
    LearningEvent,
    Module,
    StatsCell,
)


def _trend_title() -> str:
    return _("Registrations and passes per month")


DIMENSIONS = ("module", "country", "administration", "month")
FIELDS = [
    "registered", "started", "active_30d", "active_90d", "lessons_completed", "completed_lessons_all",
    "attempted", "passed", "avg_days_to_pass",
]  # fmt: skip


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    registered: int
    started: int
    active_30d: int
    active_90d: int
    lessons_completed: int
    completed_lessons_all: int
    attempted: int
    passed: int
    avg_days_to_pass: float | None

    @property
    def completion_rate(self) -> float:
        return round(100 * self.passed / self.registered, 1) if self.registered else 0.0


def _aggregates(at: datetime) -> dict[str, Any]:
    # Prefixed: an annotation may not share its name with a field of Enrolment (lessons_completed).
    return {f"agg_{name}": expression for name, expression in _expressions(at).items()}


def _expressions(at: datetime) -> dict[str, Any]:
    return {
        "registered": Count("id"),
        "started": Count("id", filter=Q(started_at__isnull=False)),
        "active_30d": Count("id", filter=Q(last_activity_at__gte=at - timedelta(days=30))),
        "active_90d": Count("id", filter=Q(last_activity_at__gte=at - timedelta(days=90))),
        "lessons_completed": Sum("lessons_completed"),
        "completed_lessons_all": Count("id", filter=Q(lessons_completed__gte=F("version__lesson_count"))),
        "attempted": Count("id", filter=Q(attempted_at__isnull=False)),
        "passed": Count("id", filter=Q(passed_at__isnull=False)),
        "avg_days_to_pass": Avg("days_to_pass"),
    }


def _row(key: str, label: str, values: dict[str, Any]) -> Row:
    avg = values.get("agg_avg_days_to_pass")
    return Row(
        key=key, label=label, **{f: int(values.get(f"agg_{f}") or 0) for f in FIELDS if f != "avg_days_to_pass"},
        avg_days_to_pass=round(avg, 1) if avg is not None else None,
    )  # fmt: skip


SUMMED = [f for f in FIELDS if f != "avg_days_to_pass"]
GROUP_FIELD = {
    "module": "module_id",
    "country": "country",
    "administration": "administration",
    "month": "month",
}


def stats_rollup(*, at: datetime) -> int:
    """Rebuild the statistics cells from the enrolments (one GROUP BY); return the number of cells."""
    from django.db import transaction
    from django.db.models import Sum

    data = (
        Enrolment.objects.annotate(month=TruncMonth("enrolled_at"))
        .values("module_id", "country", "administration", "month")
        .annotate(**_aggregates(at), agg_days_sum=Sum("days_to_pass"), agg_days_n=Count("days_to_pass"))
        .order_by()
    )
    cells = [
        StatsCell(
            module_id=d["module_id"], country=d["country"], administration=d["administration"],
            month=d["month"].date() if hasattr(d["month"], "date") else d["month"],
            days_sum=d["agg_days_sum"] or 0, days_n=d["agg_days_n"], computed_at=at,
            **{f: int(d[f"agg_{f}"] or 0) for f in SUMMED},
        )
        for d in data
    ]  # fmt: skip
    with transaction.atomic():
        StatsCell.objects.all().delete()
        StatsCell.objects.bulk_create(cells, batch_size=2000)
    return len(cells)


def computed_at() -> datetime | None:

    return StatsCell.objects.order_by("-computed_at").values_list("computed_at", flat=True).first()


def rows(
    scope: QuerySet[Module],
    *,
    at: datetime | None = None,
    by: str = "module",
    module: str | None = None,
    country: str | None = None,
) -> list[Row]:
    """One row per module (or country, administration, month of enrolment), summed from the cells.

    Figures are as of the last rollup (see :func:`computed_at`); `at` is kept for callers' symmetry.
    """
    if by not in GROUP_FIELD:
        raise ValueError(f"unknown dimension {by!r}")
    qs = StatsCell.objects.filter(module__in=scope)
    if module:
        qs = qs.filter(module__slug=module)
    if country:
        qs = qs.filter(country=country.upper())
    field = GROUP_FIELD[by]
    data = list(
        qs.values(field)
        .annotate(**{f"agg_{f}": Sum(f) for f in SUMMED}, days_sum=Sum("days_sum"), days_n=Sum("days_n"))
        .order_by(field)
    )
    for d in data:
        d["agg_avg_days_to_pass"] = d["days_sum"] / d["days_n"] if d["days_n"] else None
    if by == "module":
        titles = dict(scope.values_list("id", "title"))
        slugs = dict(scope.values_list("id", "slug"))
        result = [
            _row(slugs[d["module_id"]], titles[d["module_id"]], d) for d in data if d["module_id"] in slugs
        ]
        seen = {r.key for r in result}
        # Modules nobody has taken yet are listed with zeros: "no learners" is a finding too.
        result += [
            _row(slugs[i], titles[i], {})
            for i in titles
            if slugs[i] not in seen and (not module or slugs[i] == module)
        ]
        return sorted(result, key=lambda r: r.label)
    if by == "month":
        return [_row(f"{d['month']:%Y-%m}", f"{d['month']:%Y-%m}", d) for d in data]
    return [_row(d[field] or "-", d[field] or _("unknown"), d) for d in data]


def total(result: Iterable[Row]) -> Row:
    items = list(result)
    passed = [r for r in items if r.avg_days_to_pass is not None and r.passed]
    weighted = sum(r.avg_days_to_pass * r.passed for r in passed)  # type: ignore[operator]
    count = sum(r.passed for r in passed)
    return Row(
        key="total", label=_("Total"), **{f: sum(getattr(r, f) for r in items) for f in FIELDS if f != "avg_days_to_pass"},
        avg_days_to_pass=round(weighted / count, 1) if count else None,
    )  # fmt: skip


#: The languages a module is taken in, each always shown (a column of zeros is a finding too).
CERTIFICATE_LANGUAGES = ("en", "fr", "es")


@dataclass(frozen=True)
class LanguageRow:
    """Certificates (completions) of one module by the language the learner took it in."""

    key: str
    label: str
    counts: tuple[int, ...]  # in the order of ``languages``

    @property
    def total(self) -> int:
        return sum(self.counts)


def language_name(code: str) -> str:
    """The language's name in words, in the active language ("French", "français", "francés")."""
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


def certificates_by_language(
    scope: QuerySet[Module], *, module: str | None = None, country: str | None = None
) -> tuple[list[tuple[str, str]], list[LanguageRow]]:
    """``(languages, rows)``: per module of ``scope``, its certificates counted by language (one GROUP BY).

    ``languages`` are ``(code, name in words)``: English, French and Spanish always, then any other language
    a certificate was issued in. A certificate with no language of its own was issued in its module's
    language. Counted live from the certificates (one row per completion, a small table), not from the
    hourly rollup."""
    qs = Certificate.objects.filter(enrolment__module__in=scope)
    if module:
        qs = qs.filter(enrolment__module__slug=module)
    if country:
        qs = qs.filter(enrolment__country=country.upper())
    data = (
        qs.annotate(lang=Coalesce(NullIf("language", Value("")), "enrolment__module__language"))
        .values("enrolment__module_id", "lang")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts: dict[int, dict[str, int]] = {}
    codes = list(CERTIFICATE_LANGUAGES)
    for d in data:
        code = (d["lang"] or "en").split("-")[0]
        if code not in codes:
            codes.append(code)
        per = counts.setdefault(d["enrolment__module_id"], {})
        per[code] = per.get(code, 0) + d["n"]
    modules = scope.filter(slug=module) if module else scope
    result = [
        LanguageRow(key=slug, label=title, counts=tuple(counts.get(pk, {}).get(c, 0) for c in codes))
        for pk, slug, title in modules.values_list("id", "slug", "title")
    ]
    return [(c, language_name(c)) for c in codes], sorted(result, key=lambda r: r.label)


def funnel_steps(row: Row) -> list[tuple[str, int]]:
    return [
        (_("Registered"), row.registered),
        (_("Started"), row.started),
        (_("All lessons completed"), row.completed_lessons_all),
        (_("Test attempted"), row.attempted),
        (_("Passed"), row.passed),
    ]


def funnel_svg(steps: list[tuple[str, int]], *, width: int = 640) -> str:
    """The completion funnel as an accessible inline SVG bar chart (no JavaScript)."""
    bar_h, gap, label_w = 28, 10, 190
    height = len(steps) * (bar_h + gap) + gap
    top = max((n for _label, n in steps), default=0) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="funnel" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="funnel-title funnel-desc" width="100%">',
        f'<title id="funnel-title">{escape(_("Completion funnel"))}</title>',
        '<desc id="funnel-desc">' + escape("; ".join(f"{label}: {n}" for label, n in steps)) + "</desc>",
    ]
    first = steps[0][1] if steps else 0
    for i, (label, n) in enumerate(steps):
        y = gap + i * (bar_h + gap)
        w = int((width - label_w - 90) * n / top)
        pct = f" ({100 * n / first:.0f}%)" if first else ""
        parts.append(f'<text x="0" y="{y + 19}" font-size="14" fill="#1a1a1a">{escape(label)}</text>')
        parts.append(
            f'<rect x="{label_w}" y="{y}" width="{max(w, 1)}" height="{bar_h}" fill="#1b6b3a" rx="3"/>'
        )
        parts.append(
            f'<text x="{label_w + max(w, 1) + 6}" y="{y + 19}" font-size="14" fill="#1a1a1a">{n}{pct}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def trends(scope: QuerySet[Module], *, months: int = 12, at: datetime) -> list[dict[str, Any]]:
    """Events per month and verb over the last months (from the daily rollup)."""
    since = (at - timedelta(days=31 * months)).date().replace(day=1)
    data = (
        DailyActivity.objects.filter(module__in=scope, day__gte=since)
        .annotate(month=TruncMonth("day"))
        .values("month", "verb")
        .annotate(n=Sum("events"))
        .order_by("month")
    )
    table: dict[str, dict[str, Any]] = {}
    for d in data:
        key = f"{d['month']:%Y-%m}"
        table.setdefault(key, {"month": key, **dict.fromkeys(Verb.values, 0)})[d["verb"]] = d["n"]
    return list(table.values())


def trend_svg(
    series: list[dict[str, Any]], *, verbs: tuple[str, ...] = (Verb.REGISTERED, Verb.PASSED), width: int = 640
) -> str:
    """Monthly registrations and passes as a small line chart."""
    height, pad = 200, 30
    if not series:
        return ""
    top = max(max(s.get(v, 0) for v in verbs) for s in series) or 1
    step = (width - 2 * pad) / max(len(series) - 1, 1)
    colours = {Verb.REGISTERED: "#1b6b3a", Verb.PASSED: "#8a4b00"}
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" aria-labelledby="trend-title" width="100%">',
        f'<title id="trend-title">{escape(_trend_title())}</title>',
    ]
    for verb in verbs:
        points = " ".join(
            f"{pad + i * step:.1f},{height - pad - (height - 2 * pad) * s.get(verb, 0) / top:.1f}"
            for i, s in enumerate(series)
        )
        parts.append(
            f'<polyline fill="none" stroke="{colours.get(verb, "#333")}" stroke-width="2" points="{points}"/>'
        )
    parts.append(f'<text x="{pad}" y="{height - 8}" font-size="12">{escape(series[0]["month"])}</text>')
    parts.append(
        f'<text x="{width - pad}" y="{height - 8}" font-size="12" text-anchor="end">{escape(series[-1]["month"])}</text>'
    )
    parts.append(f'<text x="{pad}" y="16" font-size="12">max {top}</text></svg>')
    return "".join(parts)


def xapi_statements(
    scope: QuerySet[Module], *, since: datetime | None = None, limit: int | None = None
) -> Iterator[dict[str, Any]]:
    """Every learner step as an xAPI statement; the actor is an account id, never an e-mail address."""
    base = settings.SITE_URL
    slugs = dict(scope.values_list("id", "slug"))
    events = LearningEvent.objects.filter(module_id__in=list(slugs)).order_by("id")
    if since is not None:
        events = events.filter(at__gte=since)
    if limit is not None:
        events = events[:limit]
    for e in events.values(
        "id", "user_id", "module_id", "version_number", "verb", "object_ref", "score", "at"
    ).iterator(chunk_size=5000):
        slug = slugs[e["module_id"]]
        activity = f"{base}/learning/{slug}/"
        if e["object_ref"].startswith(("lesson:", "question:")):
            activity += e["object_ref"].replace(":", "/")
        statement: dict[str, Any] = {
            "id": _uuid_for(e["id"]),
            "actor": {"objectType": "Agent", "account": {"homePage": base, "name": str(e["user_id"])}},
            "verb": {"id": XAPI_VERBS[Verb(e["verb"])], "display": {"en-US": e["verb"].replace("_", " ")}},
            "object": {"objectType": "Activity", "id": activity},
            "context": {
                "contextActivities": {"parent": [{"id": f"{base}/learning/{slug}/"}]},
                "extensions": {f"{base}/xapi/module-version": e["version_number"]},
            },
            "timestamp": e["at"].isoformat(),
        }
        if e["score"] is not None:
            statement["result"] = {
                "score": {"scaled": round(e["score"] / 100, 2), "raw": e["score"], "min": 0, "max": 100}
            }
            if e["verb"] in (Verb.PASSED, Verb.FAILED):
                statement["result"]["success"] = e["verb"] == Verb.PASSED
        yield statement


def _uuid_for(event_id: int) -> str:
    import uuid

    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{settings.SITE_URL}/learning/events/{event_id}"))
