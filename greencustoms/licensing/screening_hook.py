"""``licence`` hits for a screening run: the one function the screening app calls (public, no internals).

Only the licensing records the screening user may see are used: a country whose records are not theirs
counts as one without licensing data on the platform (an information hit), never as "no licence".
"""

from __future__ import annotations

from datetime import date
from typing import Any

import polars as pl

from greencustoms.accounts import policy
from greencustoms.licensing import engine_adapter
from greencustoms.licensing.models import Licence, Quota


def licence_hits_for(lines: pl.DataFrame, hits: pl.DataFrame, *, by: Any, at: date) -> pl.DataFrame:
    """The ``licence`` hits of one screened batch (``lines``: the input columns; ``hits``: its screening hits)."""
    if hits.is_empty() or "montreal" not in set(hits["agreement"].to_list()):
        return hits.clear()
    countries = policy.licensing_countries(by)
    licences = Licence.objects.all()
    quotas = Quota.objects.all()
    if countries is not None:
        licences = licences.filter(country__in=sorted(countries))
        quotas = quotas.filter(country__in=sorted(countries))
    held = set(licences.values_list("country", flat=True)) | set(quotas.values_list("country", flat=True))
    return engine_adapter.licence_hits(
        lines, hits, licences=list(licences), quotas=list(quotas), countries=held, year=at.year
    )
