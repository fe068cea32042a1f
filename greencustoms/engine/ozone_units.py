"""ODP-tonnes and CO2-equivalent tonnes of ozone-depleting substances, HFCs and their blends. Pure Python.

One place for the arithmetic used by the cases app (seizure quantities) and the licensing app (quotas):

- ODP-tonnes = metric tonnes x ODP (Montreal Protocol, Article 1 and Annexes: "calculated level").
- CO2e tonnes = metric tonnes x GWP (100-year global-warming potential as listed in Annex F / the Ozone
  Secretariat's data set).
- A blend's ODP and GWP are the mass-fraction-weighted sums of its controlled components (components that
  are not controlled substances, e.g. HC-600a, count 0).

The tables are the Ozone Secretariat's data set copied under ``data/ozone/`` (see data/PROVENANCE.md):
``montreal_substances.csv`` (substance_id, name, odp, gwp), ``ozone_blends.csv`` (blend_id, trade_name,
other_names) and ``ozone_blend_components.csv`` (blend_id, mass_fraction, controlled_substance_id).

>>> tables = load_ozone_tables("data")
>>> co2e_tonnes(tables, "R-404A", Decimal("1000"), "kg")
Decimal('3921.60000')

The module does not import Django (greencustoms/engine/ rule); values are :class:`decimal.Decimal` so that
hand-worked figures compare exactly.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Final

__all__ = [
    "UNIT_TO_TONNES",
    "Blend",
    "OzoneTables",
    "Potentials",
    "Substance",
    "UnknownSubstanceError",
    "UnknownUnitError",
    "co2e_tonnes",
    "load_ozone_tables",
    "normalise_name",
    "odp_tonnes",
    "potentials",
    "tonnes",
]

#: Mass units accepted for a quantity, as a factor to metric tonnes.
UNIT_TO_TONNES: Final[Mapping[str, Decimal]] = {
    "t": Decimal(1),
    "tonne": Decimal(1),
    "tonnes": Decimal(1),
    "mt": Decimal(1),
    "tne": Decimal(1),
    "kg": Decimal("0.001"),
    "kgm": Decimal("0.001"),
    "g": Decimal("0.000001"),
}

_FILES: Final = {
    "substances": "ozone/montreal_substances.csv",
    "blends": "ozone/ozone_blends.csv",
    "components": "ozone/ozone_blend_components.csv",
}

#: Chemical-family prefixes whose number is also the ASHRAE refrigerant number (HFC-134a = R-134a).
_FAMILY = re.compile(r"^(?:CFC|HCFC|HFC|HBFC|HFO|HCFO|HC|PFC|FC)-(?P<number>\d.*)$")


class UnknownSubstanceError(KeyError):
    """No substance or blend of that name in the tables."""


class UnknownUnitError(ValueError):
    """The unit is not a mass unit of :data:`UNIT_TO_TONNES`."""


@dataclass(frozen=True, slots=True)
class Potentials:
    """Ozone-depletion and global-warming potential of one kilogram of a substance or blend."""

    odp: Decimal
    gwp: Decimal


@dataclass(frozen=True, slots=True)
class Substance:
    """A controlled substance: its id in the Ozone Secretariat tables, name and potentials."""

    substance_id: str
    name: str
    odp: Decimal
    gwp: Decimal


@dataclass(frozen=True, slots=True)
class Blend:
    """A mixture: its name and (controlled substance id or None, mass fraction) components."""

    name: str
    components: tuple[tuple[str | None, Decimal], ...]
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class OzoneTables:
    """The substances and blends, indexed by id and by normalised name (see :func:`normalise_name`)."""

    substances: Mapping[str, Substance]
    blends: Mapping[str, Blend]
    by_name: Mapping[str, str] = field(default_factory=dict)
    blend_by_name: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def build(cls, substances: Iterable[Substance], blends: Iterable[Blend]) -> OzoneTables:
        """Index `substances` and `blends`; the first substance of a name wins (its isomers follow it)."""
        subs = {s.substance_id: s for s in substances}
        by_name: dict[str, str] = {}
        for sub in subs.values():
            for key in _keys(sub.name):
                by_name.setdefault(key, sub.substance_id)
        blend_map = {blend.name: blend for blend in blends}
        blend_by_name: dict[str, str] = {}
        for blend in blend_map.values():  # a blend's own name first, then trade names (FRIGC is both)
            for key in _keys(blend.name):
                blend_by_name.setdefault(key, blend.name)
        for blend in blend_map.values():
            for alias in blend.aliases:
                for key in _keys(alias):
                    blend_by_name.setdefault(key, blend.name)
        return cls(subs, blend_map, by_name, blend_by_name)


def normalise_name(name: str) -> str:
    """Upper case, no spaces, no trailing ``*`` marks: ``" hcfc-124** "`` -> ``"HCFC-124"``."""
    return re.sub(r"\s+", "", name).upper().rstrip("*")


def _keys(name: str) -> tuple[str, ...]:
    key = normalise_name(name)
    if not key:
        return ()
    match = _FAMILY.match(key)
    return (key, f"R-{match['number']}") if match else (key,)


def _decimal(cell: str | None) -> Decimal:
    try:
        return Decimal((cell or "").strip() or "0")
    except InvalidOperation:
        return Decimal(0)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [{k: (v or "").strip() for k, v in row.items() if k} for row in csv.DictReader(fh)]


def load_ozone_tables(data_dir: str | Path) -> OzoneTables:
    """Read the three Ozone Secretariat tables of ``data_dir/ozone/`` (the layout of data/).

    A substance listed twice (``HCFC-124`` and ``HCFC-124**``, the value used for the Protocol's purposes)
    keeps its own ODP; when its GWP is missing or 0 it takes the GWP of its namesake, as the Secretariat's
    own blend figures do (D136: GWP 1191.23 = 0.5 x 1810 + 0.47 x 609).
    """
    root = Path(data_dir)
    raw = _rows(root / _FILES["substances"])
    gwp_by_name: dict[str, Decimal] = {}
    for row in raw:
        gwp = _decimal(row.get("gwp"))
        if gwp:
            gwp_by_name.setdefault(normalise_name(row["name"]), gwp)
    substances = []
    for row in raw:
        gwp = _decimal(row.get("gwp")) or gwp_by_name.get(normalise_name(row["name"]), Decimal(0))
        substances.append(Substance(row["substance_id"], row["name"], _decimal(row.get("odp")), gwp))
    components: dict[str, list[tuple[str | None, Decimal]]] = {}
    for row in _rows(root / _FILES["components"]):
        components.setdefault(row["blend_id"], []).append(
            (row.get("controlled_substance_id") or None, _decimal(row.get("mass_fraction")))
        )
    blends = []
    for row in _rows(root / _FILES["blends"]):
        aliases = [
            part
            for cell in (row.get("trade_name", ""), row.get("other_names", ""))
            for part in cell.split(",")
            if part.strip()
        ]
        blends.append(Blend(row["blend_id"], tuple(components.get(row["blend_id"], ())), tuple(aliases)))
    return OzoneTables.build(substances, blends)


def potentials(tables: OzoneTables, name: str) -> Potentials:
    """ODP and GWP of the substance or blend called `name` (``HFC-134a``, ``R-134a``, ``R-404A``, ``HP-62``).

    Raises
    ------
    UnknownSubstanceError
        `name` is neither a substance nor a blend of the tables.
    """
    keys = _keys(name)
    for key in keys:
        if key in tables.blend_by_name:
            blend = tables.blends[tables.blend_by_name[key]]
            odp = gwp = Decimal(0)
            for substance_id, fraction in blend.components:
                sub = tables.substances.get(substance_id) if substance_id else None
                if sub is not None:
                    odp += fraction * sub.odp
                    gwp += fraction * sub.gwp
            return Potentials(odp, gwp)
    for key in keys:
        if key in tables.by_name:
            sub = tables.substances[tables.by_name[key]]
            return Potentials(sub.odp, sub.gwp)
    raise UnknownSubstanceError(name)


def tonnes(quantity: Decimal, unit: str) -> Decimal:
    """`quantity` in `unit` (kg, t, g …, see :data:`UNIT_TO_TONNES`) as metric tonnes."""
    factor = UNIT_TO_TONNES.get(unit.strip().lower())
    if factor is None:
        raise UnknownUnitError(unit)
    return quantity * factor


def odp_tonnes(tables: OzoneTables, name: str, quantity: Decimal, unit: str = "kg") -> Decimal:
    """ODP-tonnes of `quantity` `unit` of `name`: tonnes x ODP (a blend: weighted ODP of its components)."""
    return tonnes(quantity, unit) * potentials(tables, name).odp


def co2e_tonnes(tables: OzoneTables, name: str, quantity: Decimal, unit: str = "kg") -> Decimal:
    """Tonnes CO2-equivalent of `quantity` `unit` of `name`: tonnes x GWP (a blend: weighted GWP)."""
    return tonnes(quantity, unit) * potentials(tables, name).gwp
