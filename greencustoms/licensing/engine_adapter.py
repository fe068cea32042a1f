"""The licensing app's one door to the engine: ODP/CO2e units, licence matching and mirror analysis.

Database rows become engine dataclasses here; nothing else in the app imports ``greencustoms.engine``.
The screening adapter calls :func:`licence_hits` to add ``licence`` hits to a screening run.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

import polars as pl
from django.conf import settings

from greencustoms.engine._refdata import load_reference_csv
from greencustoms.engine.errors import EngineError as EngineError
from greencustoms.engine.licences import (
    CO2E_GROUPS,
    Licence,
    LicensingData,
    Quota,
    SubstanceUnits,
    licensing_data,
    match_licences,
    quota_amount,
    substance_groups,
    units_from_items,
)
from greencustoms.engine.mirror import (
    MIRROR_COLUMNS,
    HsFactor,
    MirrorParameters,
    compare_with_quotas,
    gap_over_time,
    mirror_table,
    read_comtrade,
    top_pairs,
)
from greencustoms.engine.ozone_units import (
    OzoneTables,
    UnknownSubstanceError,
    UnknownUnitError,
    load_ozone_tables,
    potentials,
)
from greencustoms.engine.trade_cli import reference_factors
from greencustoms.engine.tradegen import generate_comtrade as generate_comtrade  # demo data, generated

__all__ = [
    "CO2E_GROUPS",
    "MIRROR_COLUMNS",
    "EngineError",
    "MirrorParameters",
    "UnknownSubstanceError",
    "compare_with_quotas",
    "gap_over_time",
    "licence_hits",
    "mirror_factors",
    "quota_figures",
    "run_mirror",
    "substance_units_all",
    "top_pairs",
]


@lru_cache(maxsize=1)
def _tables(data_dir: str) -> OzoneTables:
    return load_ozone_tables(data_dir)


@lru_cache(maxsize=1)
def _units(data_dir: str) -> dict[str, SubstanceUnits]:

    reference = load_reference_csv(data_dir)
    return units_from_items(
        _tables(data_dir),
        substance_groups(data_dir),
        ((i.agreement, i.item_id, i.name, i.listing) for i in reference.items),
    )


def substance_units_all() -> dict[str, SubstanceUnits]:
    """Every Montreal Protocol item the Ozone Secretariat tables give ODP/GWP for, by item id."""
    return _units(str(settings.DATA_DIR))


def quota_figures(*, substance: str, metric_tonnes: Decimal) -> tuple[Decimal, Decimal]:
    """ODP-tonnes and tonnes CO2e of ``metric_tonnes`` of a substance or blend (name or item id)."""
    units = substance_units_all().get(substance.strip().lower())
    name = units.name if units is not None else substance
    found = potentials(_tables(str(settings.DATA_DIR)), name)
    return metric_tonnes * found.odp, metric_tonnes * found.gwp


@lru_cache(maxsize=3)
def _factors(data_dir: str, basis: str) -> tuple[HsFactor, ...]:
    return tuple(reference_factors(data_dir, basis=basis))


def mirror_factors(basis: str = "min") -> list[HsFactor]:
    return list(_factors(str(settings.DATA_DIR), basis))


def run_mirror(paths: Iterable[Path], params: MirrorParameters, *, basis: str = "min") -> pl.DataFrame:
    """The mirror table of Comtrade-format files (single process; the CLI offers Spark for big inputs)."""
    return mirror_table(read_comtrade([Path(p) for p in paths]), factors=mirror_factors(basis), params=params)


def licence_hits(
    lines: pl.DataFrame,
    hits: pl.DataFrame,
    *,
    licences: Iterable[Any],
    quotas: Iterable[Any],
    countries: Iterable[str],
    year: int | None = None,
) -> pl.DataFrame:
    """``licence`` hits of screened lines, from Licence and Quota rows (models or anything with their fields)."""
    data: LicensingData = licensing_data(
        countries=countries,
        licences=[
            Licence(
                l.country,
                l.number,
                l.direction,
                l.holder,
                l.substance,
                Decimal(l.quantity_kg),
                l.valid_from,
                l.valid_to,
            )
            for l in licences  # noqa: E741 - l for licence, read as such
        ],
        quotas=[
            Quota(q.country, q.direction, q.group, q.year, limit, Decimal(q.used or 0))
            for q in quotas
            if (limit := _quota_limit(q)) is not None
        ],
        substances=substance_units_all(),
        year=year or date.today().year,
    )
    return match_licences(lines, hits, data)


def _quota_limit(quota: Any) -> Decimal | None:
    value = quota.co2e_tonnes if quota.group in CO2E_GROUPS else quota.odp_tonnes
    return Decimal(value) if value is not None else None


__all__ += ["UnknownUnitError", "quota_amount"]
