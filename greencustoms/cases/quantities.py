"""ODP-tonnes and CO2e of a seizure, from the reference data (through greencustoms.engine.ozone_units)."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from django.conf import settings

from greencustoms.engine.ozone_units import (
    OzoneTables,
    UnknownSubstanceError,
    UnknownUnitError,
    co2e_tonnes,
    load_ozone_tables,
    odp_tonnes,
)


@lru_cache(maxsize=2)
def _tables(data_dir: str) -> OzoneTables | None:
    try:
        return load_ozone_tables(data_dir)
    except FileNotFoundError:
        return None


def tables() -> OzoneTables | None:
    """The Ozone Secretariat tables of the reference data folder (None when the folder lacks them)."""
    return _tables(str(Path(settings.DATA_DIR)))


def ozone_quantities(
    *, names: list[str], quantity: Decimal | None, unit: str
) -> tuple[Decimal | None, Decimal | None]:
    """(ODP-tonnes, tonnes CO2e) of the first of ``names`` that is a controlled substance or blend;
    (None, None) for other goods, a quantity not in mass units, or no quantity."""
    found = tables()
    if found is None or quantity is None:
        return None, None
    for name in names:
        try:
            odp = odp_tonnes(found, name, quantity, unit)
            co2e = co2e_tonnes(found, name, quantity, unit)
        except UnknownSubstanceError:
            continue
        except UnknownUnitError:
            return None, None
        return odp.quantize(Decimal("0.000001")), co2e.quantize(Decimal("0.001"))
    return None, None
