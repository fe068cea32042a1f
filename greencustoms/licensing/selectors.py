"""Reads of the licensing domain, with visibility built in (the policy's named rules)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl
from django.conf import settings
from django.db.models import Q, QuerySet

from greencustoms.accounts import policy
from greencustoms.licensing import engine_adapter
from greencustoms.licensing.models import (
    Consultation,
    FocalPoint,
    Licence,
    LicensingSystem,
    MirrorAnalysis,
    Quota,
)


def _by_country(queryset: QuerySet, user: Any, field: str = "country") -> QuerySet:
    countries = policy.licensing_countries(user)
    if countries is None:
        return queryset
    return queryset.filter(**{f"{field}__in": sorted(countries)})


def system_list() -> QuerySet[LicensingSystem]:
    """Every country's licensing system record (public: whether a system exists is reported publicly)."""
    return LicensingSystem.objects.filter(access_level="public")


def focal_points_for(user: Any, *, country: str | None = None) -> QuerySet[FocalPoint]:
    if not policy.can_view_focal_points(user):
        return FocalPoint.objects.none()
    points = FocalPoint.objects.filter(active=True)
    return points.filter(country=country) if country else points


def quotas_for(user: Any, *, country: str | None = None) -> QuerySet[Quota]:
    if not policy.can_view_licensing_records(user):
        return Quota.objects.none()
    quotas = _by_country(Quota.objects.all(), user)
    return quotas.filter(country=country) if country else quotas


def licences_for(user: Any, *, country: str | None = None) -> QuerySet[Licence]:
    if not policy.can_view_licensing_records(user):
        return Licence.objects.none()
    licences = _by_country(Licence.objects.all(), user)
    return licences.filter(country=country) if country else licences


def consultations_for(user: Any) -> QuerySet[Consultation]:
    """The iPIC register as the user may see it: the consultations of the user's countries."""
    if not policy.can_view_licensing_records(user):
        return Consultation.objects.none()
    countries = policy.licensing_countries(user)
    if countries is None:
        return Consultation.objects.all()
    return Consultation.objects.filter(
        Q(exporting_country__in=countries) | Q(importing_country__in=countries)
    )


def analyses_for(user: Any) -> QuerySet[MirrorAnalysis]:
    if policy.is_secretariat(user):
        return MirrorAnalysis.objects.all()
    if not policy.can_run_mirror_analysis(user):
        return MirrorAnalysis.objects.none()
    return MirrorAnalysis.objects.filter(created_by=user)


def analysis_table(analysis: MirrorAnalysis) -> pl.DataFrame:
    """The stored result table of a mirror analysis."""
    return pl.read_parquet(Path(settings.PRIVATE_MEDIA_ROOT) / analysis.result_path)


def quota_comparison(user: Any, table: pl.DataFrame, *, basis: str = "min") -> list[dict[str, Any]]:
    """Exports partners report towards each country against that country's import quota, for the quotas
    the user may see (their countries'; every country's for the secretariat)."""
    import pycountry

    quotas = [
        {"country": q.country, "substance_group": q.group, "year": q.year,
         "unit": "co2e_t" if q.group in engine_adapter.CO2E_GROUPS else "odp_t",
         "limit": float((q.co2e_tonnes if q.group in engine_adapter.CO2E_GROUPS else q.odp_tonnes) or 0)}
        for q in quotas_for(user).filter(direction="import")
        if (q.co2e_tonnes if q.group in engine_adapter.CO2E_GROUPS else q.odp_tonnes) is not None
    ]  # fmt: skip
    if not quotas or table.is_empty():
        return []
    alpha = {c.alpha_3: c.alpha_2 for c in pycountry.countries}
    compared = engine_adapter.compare_with_quotas(
        table, pl.DataFrame(quotas), factors=engine_adapter.mirror_factors(basis), alpha3_to_alpha2=alpha
    )
    # ``in_odp_tonnes``: the page names the quota's unit from it (the other unit is t CO2e)
    return [{**r, "in_odp_tonnes": r["unit"] == "odp_t"} for r in compared.iter_rows(named=True)]


def analysis_result_file(analysis: MirrorAnalysis) -> Path:
    return Path(settings.PRIVATE_MEDIA_ROOT) / analysis.result_path
