"""Reads of the cases domain, with visibility built in: public summaries, restricted detail, analysis."""

from __future__ import annotations

import csv
import functools
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db.models import Q, QuerySet

from greencustoms.accounts import policy
from greencustoms.cases.choices import AwardStatus, CaseStatus, Concealment, Detection, Region
from greencustoms.cases.models import (
    PUBLIC_FIELDS,
    RESTRICTED_FIELDS,
    AwardCertificate,
    AwardScheme,
    CasePhoto,
    RelatedHonour,
    SeizureCase,
)


def published() -> QuerySet[SeizureCase]:
    return SeizureCase.objects.filter(status=CaseStatus.PUBLISHED).prefetch_related("reviewers", "photos")


def cases_visible_to(user: Any) -> QuerySet[SeizureCase]:
    """Published cases, plus the unpublished records the user may see (own, reviewed by their partner, or
    every one for the secretariat)."""
    base = SeizureCase.objects.prefetch_related("reviewers", "photos")
    if policy.is_secretariat(user):
        return base.all()
    condition = Q(status=CaseStatus.PUBLISHED)
    if getattr(user, "is_authenticated", False):
        condition |= Q(created_by_id=user.pk)
        partner_id = policy.staff_partner_id(user)
        if partner_id is not None:
            condition |= Q(reviewers__id=partner_id)
    return base.filter(condition).distinct()


def search(user: Any, q: str) -> QuerySet[SeizureCase]:
    """Search by public fields for everyone; restricted fields only among records whose detail the user sees."""
    found = cases_visible_to(user)
    if not q:
        return found
    public = Q(commodity__icontains=q) | Q(summary__icontains=q) | Q(country__iexact=q)
    ids = [
        c.pk
        for c in found.filter(
            Q(detail__icontains=q)
            | Q(concealment_detail__icontains=q)
            | Q(place__icontains=q)
            | Q(offender_name__icontains=q)
            | Q(administration__icontains=q)
        )
        if policy.can_view_case_detail(user, c)
    ]
    return found.filter(public | Q(pk__in=ids))


def site_search(*, user: Any, query: str) -> list[dict[str, str]]:
    """The site-wide search's section of seizure cases (``CasesConfig.site_search``): published cases only,
    found by their public fields for everyone and by restricted fields only where ``user`` may see the detail
    (:func:`search`); each hit shows the approved public summary, never restricted text."""
    hits = []
    for case in search(user, query).filter(status=CaseStatus.PUBLISHED)[:20]:
        summary = summary_of(case)
        hits.append(
            {
                "title": f"{case.date:%Y-%m-%d} · {case.country} · {case.commodity}",
                "url": case.get_absolute_url(),
                "snippet": summary["summary"][:240],
            }
        )
    return hits


def case_for(user: Any, pk: int) -> SeizureCase | None:
    case = SeizureCase.objects.filter(pk=pk).prefetch_related("reviewers").first()
    return case if case is not None and policy.can_view_case(user, case) else None


def photos_for(user: Any, case: SeizureCase) -> list[CasePhoto]:
    """The photographs of ``case`` that ``user`` may see (each at its own level)."""
    return [p for p in case.photos.all() if policy.can_view_case_photo(user, p)]


def summary_of(case: SeizureCase) -> dict[str, Any]:
    """The public part (only approved text: a summary not yet approved is not shown)."""
    out = {name: getattr(case, name) for name in PUBLIC_FIELDS}
    if case.summary_approved_at is None:
        out["summary"] = ""
    return out


def detail_of(user: Any, case: SeizureCase) -> dict[str, Any] | None:
    """The restricted part, or None when the user may not see it."""
    if not policy.can_view_case_detail(user, case):
        return None
    return {name: getattr(case, name) for name in RESTRICTED_FIELDS}


def case_studies_for_guide() -> list[SeizureCase]:
    """Published cases the Guide's annex of case studies can list (newest first)."""
    return list(published().order_by("-date"))


# --- analysis: public figures from the public fields of published cases -----------------------------


def _quantity_kg(case: SeizureCase) -> Decimal | None:
    if case.quantity is None:
        return None
    return case.quantity * 1000 if case.unit == "t" else case.quantity if case.unit == "kg" else None


def analysis(cases: Iterable[SeizureCase]) -> dict[str, Any]:
    """Counts and quantities by year, region, agreement, commodity, concealment and detection; the share
    that reached prosecution and a penalty."""
    cases = list(cases)
    by: dict[str, Counter[str]] = defaultdict(Counter)
    kg: dict[str, Decimal] = defaultdict(Decimal)
    co2e = odp = Decimal(0)
    labels = {
        "region": dict(Region.choices),
        "concealment": dict(Concealment.choices),
        "detection": dict(Detection.choices),
    }
    for case in cases:
        by["year"][str(case.date.year)] += 1
        by["region"][str(labels["region"].get(case.region, "—"))] += 1
        for slug in case.agreements or ["—"]:
            by["agreement"][slug] += 1
        by["commodity"][case.commodity] += 1
        by["concealment"][str(labels["concealment"].get(case.concealment, "—"))] += 1
        by["detection"][str(labels["detection"].get(case.detection, "—"))] += 1
        q = _quantity_kg(case)
        if q is not None:
            kg[str(case.date.year)] += q
        co2e += case.co2e_tonnes or 0
        odp += case.odp_tonnes or 0
    total = len(cases)
    prosecuted = sum(1 for c in cases if c.prosecution)
    penalised = sum(1 for c in cases if c.penalty)
    return {
        "total": total,
        "prosecution": prosecuted,
        "penalty": penalised,
        "prosecution_share": round(100 * prosecuted / total, 1) if total else None,
        "penalty_share": round(100 * penalised / total, 1) if total else None,
        "co2e_tonnes": co2e,
        "odp_tonnes": odp,
        "kg_by_year": dict(sorted(kg.items())),
        "by": {
            key: sorted(
                counter.items(), key=(lambda kv: kv[0]) if key == "year" else (lambda kv: (-kv[1], kv[0]))
            )
            for key, counter in by.items()
        },
    }


def analysis_rows(result: dict[str, Any]) -> list[tuple[str, str, int]]:
    """The analysis as (dimension, value, cases) rows for the CSV."""
    rows = [(dim, value, count) for dim, pairs in result["by"].items() for value, count in pairs]
    rows += [("outcome", "prosecution", result["prosecution"]), ("outcome", "penalty", result["penalty"])]
    return rows


# --- award -------------------------------------------------------------------------------------------


def schemes() -> QuerySet[AwardScheme]:
    return AwardScheme.objects.all()


def scheme_for_year(year: int) -> AwardScheme | None:
    return AwardScheme.objects.filter(year=year).prefetch_related("criteria").first()


def winners(scheme: AwardScheme) -> list[AwardCertificate]:
    """The announced winners (none before the announcement)."""
    if scheme.status != AwardStatus.ANNOUNCED:
        return []
    return list(
        AwardCertificate.objects.filter(nomination__scheme=scheme)
        .select_related("nomination")
        .order_by("rank", "pk")
    )


def certificate_by_code(code: str) -> AwardCertificate | None:
    return AwardCertificate.objects.filter(code=code.strip().upper()).select_related("nomination").first()


def honours(year: int | None = None) -> QuerySet[RelatedHonour]:
    found = RelatedHonour.objects.select_related("awarded_by")
    return found.filter(year=year) if year else found


# --- routes (origin → transit → destination): restricted fields, so counted per viewer -------------------

CENTROIDS_CSV = Path(__file__).with_name("country_centroids.csv")


@functools.cache
def country_points() -> dict[str, tuple[float, float, str]]:
    """ISO alpha-2 → (latitude, longitude, name), from the committed file (source in PROVENANCE.md)."""
    with CENTROIDS_CSV.open(encoding="utf-8", newline="") as fh:
        return {
            row["country"].strip().upper(): (float(row["latitude"]), float(row["longitude"]), row["name"])
            for row in csv.DictReader(fh)
            if row.get("latitude") and row.get("longitude")
        }


@dataclass(frozen=True)
class Route:
    origin: str
    transit: tuple[str, ...]
    destination: str
    cases: int

    @property
    def stops(self) -> tuple[str, ...]:
        return (self.origin, *self.transit, self.destination)

    @property
    def label(self) -> str:
        return " → ".join(code or "?" for code in self.stops)


def routes_for(user: Any) -> list[Route]:
    """The routes of the cases whose restricted detail ``user`` may see (published cases at enforcement
    level; also the author's, the reviewers' and, for the secretariat, every record). A public visitor
    gets none: the route is part of the restricted detail. Most frequent first."""
    counter: Counter[tuple[str, tuple[str, ...], str]] = Counter()
    for case in cases_visible_to(user):
        if not (case.origin or case.destination) or not policy.can_view_case_detail(user, case):
            continue
        transit = tuple(str(t).upper() for t in (case.transit or []) if t)
        counter[(case.origin.upper(), transit, case.destination.upper())] += 1
    return [
        Route(origin, transit, destination, n)
        for (origin, transit, destination), n in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
    ]


def route_rows(routes: Iterable[Route]) -> list[tuple[str, str, str, int]]:
    """The routes as (origin, transit, destination, cases) rows for the CSV (transit ``;``-separated)."""
    return [(r.origin, ";".join(r.transit), r.destination, r.cases) for r in routes]
