"""Licence matching: declaration lines of controlled ODS/HFCs against a country's licences and quotas.

Montreal Protocol Article 4B asks every Party for an import/export licensing system. A declaration line
that screening tied to a Montreal Protocol substance or blend (an ``hs_code`` or ``description`` hit) is
compared with the licences of the importing country (``destination``) and the exporting country
(``origin``) when the platform holds that country's licensing data:

- no licence of that country covers the substance → ``licence`` hit, high;
- a licence covers it but names another importer/exporter (when the line declares one) → high;
- the line's date (when declared) is outside every covering licence's validity → high;
- the quantity is more than the covering licences allow → medium;
- the quantity, in ODP-tonnes or CO2e tonnes of the quota's group, is more than what remains of the
  country's quota for that group and year → high.

Every hit names the licence or quota it was compared to. For a country whose licensing data the platform
does not hold, the line gets one ``low`` information hit saying so: never a false "no licence".
Pure Python and Polars, no Django: the screening adapter passes the records in.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Final

import polars as pl

from greencustoms.engine.columns import HIT_COLUMNS, HIT_SCHEMA
from greencustoms.engine.ozone_units import OzoneTables, normalise_name, tonnes

RULE: Final = "licence"
AGREEMENT: Final = "montreal"
DOCUMENT: Final = "Import/export licence (Article 4B licensing system)"
#: Groups whose quotas are counted in ODP-tonnes; Annex F (HFCs) is counted in CO2e tonnes.
CO2E_GROUPS: Final = frozenset({"F", "FI", "FII"})
#: Screening rules whose hit ties a line to a substance (country and indicator hits do not).
SUBSTANCE_RULES: Final = frozenset({"hs_code", "description", "misdeclaration"})
#: Optional declaration columns the matching reads when present.
EXTRA_COLUMNS: Final = ("importer", "exporter", "date")

_LISTING = re.compile(r"Annex\s+(?P<annex>[A-F])(?:,\s*Group\s+(?P<group>I{1,3}))?")


@dataclass(frozen=True, slots=True)
class GroupShare:
    """What one kg of a substance or blend contributes to one substance group: ODP and GWP per kg."""

    group: str
    odp: Decimal
    gwp: Decimal


@dataclass(frozen=True, slots=True)
class SubstanceUnits:
    """A controlled item (``hcfc-22``, ``r-410a``) and its contributions to the substance groups."""

    item_id: str
    name: str
    shares: tuple[GroupShare, ...]


@dataclass(frozen=True, slots=True)
class Licence:
    """An import or export licence issued by a country's licensing system."""

    country: str  # alpha-2
    number: str
    direction: str  # import | export
    holder: str
    substance: str  # item id
    quantity_kg: Decimal
    valid_from: date
    valid_to: date


@dataclass(frozen=True, slots=True)
class Quota:
    """What remains of a country's import or export quota for a substance group and year."""

    country: str
    direction: str
    group: str
    year: int
    limit: Decimal  # ODP-tonnes, or CO2e tonnes for Annex F groups
    used: Decimal = Decimal(0)

    @property
    def unit(self) -> str:
        return "CO2e t" if self.group in CO2E_GROUPS else "ODP t"

    @property
    def remaining(self) -> Decimal:
        return self.limit - self.used


@dataclass(frozen=True, slots=True)
class LicensingData:
    """The licences and quotas of the countries whose licensing data the platform holds."""

    countries: frozenset[str]
    licences: tuple[Licence, ...] = ()
    quotas: tuple[Quota, ...] = ()
    substances: Mapping[str, SubstanceUnits] = field(default_factory=dict)
    year: int | None = None  # the year whose quotas apply when a line declares no date


# -- substances and groups ----------------------------------------------------------------------------------
def group_of_listing(listing: str) -> str:
    """``Annex C, Group I`` → ``CI``; ``Annex F`` → ``F``; empty when the listing names no single annex
    (a blend's groups come from its composition: :func:`substance_units`)."""
    match = _LISTING.match(listing.strip())
    if not match:
        return ""
    return match["annex"] + (match["group"] or ("" if match["annex"] == "F" else "I"))


def substance_groups(data_dir: str | Path) -> dict[str, str]:
    """Ozone Secretariat substance id → group id (``AI``, ``CI``, ``F``) from ``data/ozone/montreal_substances.csv``."""
    with (Path(data_dir) / "ozone" / "montreal_substances.csv").open(encoding="utf-8", newline="") as fh:
        return {row["substance_id"]: row["group_id"] for row in csv.DictReader(fh)}


def substance_units(
    tables: OzoneTables, groups: Mapping[str, str], *, item_id: str, name: str, listing: str = ""
) -> SubstanceUnits | None:
    """The group shares of an item: a blend splits by component (HCFC part to CI, HFC part to F); a
    substance is one share of its listing's group. None when the tables do not know the name."""
    for key in (normalise_name(name), normalise_name(item_id)):
        blend_name = tables.blend_by_name.get(key)
        if blend_name is not None:
            by_group: dict[str, list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
            for substance_id, fraction in tables.blends[blend_name].components:
                sub = tables.substances.get(substance_id) if substance_id else None
                if sub is None:
                    continue
                share = by_group[groups.get(sub.substance_id, "")]
                share[0] += fraction * sub.odp
                share[1] += fraction * sub.gwp
            return SubstanceUnits(
                item_id, name, tuple(GroupShare(g, odp, gwp) for g, (odp, gwp) in sorted(by_group.items()))
            )
        sub_id = tables.by_name.get(key)
        if sub_id is not None:
            sub = tables.substances[sub_id]
            group = groups.get(sub_id) or group_of_listing(listing)
            return SubstanceUnits(item_id, name, (GroupShare(group, sub.odp, sub.gwp),))
    return None


def quota_amount(share: GroupShare, quantity_tonnes: Decimal) -> Decimal:
    """The quantity in the quota unit of the share's group (CO2e t for HFCs, else ODP t)."""
    return quantity_tonnes * (share.gwp if share.group in CO2E_GROUPS else share.odp)


# -- matching --------------------------------------------------------------------------------------------------
def _decimal(text: object) -> Decimal | None:
    if text is None:
        return None
    try:
        return Decimal(str(text).strip().replace(",", ""))
    except InvalidOperation:
        return None


def _date(text: object) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(str(text).strip()[:10])
    except ValueError:
        return None


def _same_holder(a: str, b: str) -> bool:
    def norm(s: str) -> str:
        return re.sub(r"[^0-9a-z]+", " ", s.lower()).strip()

    return norm(a) == norm(b)


def _fmt(value: Decimal) -> str:
    return f"{value.normalize():f}" if value == value.to_integral() else f"{value:.4f}".rstrip("0")


def match_licences(lines: pl.DataFrame, hits: pl.DataFrame, data: LicensingData) -> pl.DataFrame:
    """``licence`` hits for the lines that screening tied to a Montreal Protocol substance.

    Parameters
    ----------
    lines
        Declaration lines (the input columns; ``importer``, ``exporter`` and ``date`` are read when present).
    hits
        The screening hits of these lines (``screen`` output).
    data
        The licensing data held by the platform.

    Returns
    -------
    polars.DataFrame
        Hits with the contract's columns, rule ``licence``, one or more per line checked.
    """
    substance_hits = hits.filter(
        (pl.col("agreement") == AGREEMENT)
        & pl.col("rule").is_in(list(SUBSTANCE_RULES))
        & (pl.col("item") != "")
    ).unique(["declaration_id", "line_no", "item"], keep="first", maintain_order=True)
    if substance_hits.is_empty():
        return pl.DataFrame(schema=HIT_SCHEMA)
    columns = [
        c
        for c in ("declaration_id", "line_no", "origin", "destination", "quantity", "unit", *EXTRA_COLUMNS)
        if c in lines.columns
    ]
    keyed = lines.select(columns).with_columns(
        pl.col("declaration_id").cast(pl.String), pl.col("line_no").cast(pl.String)
    )
    joined = substance_hits.select("declaration_id", "line_no", "item").join(
        keyed, on=["declaration_id", "line_no"], how="left"
    )
    by_country: dict[tuple[str, str], list[Licence]] = defaultdict(list)
    for licence in data.licences:
        by_country[(licence.country, licence.direction)].append(licence)
    quotas = {(q.country, q.direction, q.group, q.year): q for q in data.quotas}
    out: list[tuple[str, ...]] = []
    for row in joined.iter_rows(named=True):
        out.extend(_check_line(row, data, by_country, quotas))
    return pl.DataFrame(out, schema=dict.fromkeys(HIT_COLUMNS, pl.String), orient="row")


def _check_line(
    row: Mapping[str, object],
    data: LicensingData,
    by_country: Mapping[tuple[str, str], list[Licence]],
    quotas: Mapping[tuple[str, str, str, int], Quota],
) -> Iterable[tuple[str, ...]]:
    ident, line_no, item = str(row["declaration_id"]), str(row["line_no"]), str(row["item"])

    def hit(evidence: str, severity: str) -> tuple[str, ...]:
        return (ident, line_no, RULE, AGREEMENT, item, evidence, DOCUMENT, severity)

    quantity = _decimal(row.get("quantity"))
    unit = str(row.get("unit") or "kg")
    try:
        qty_t = tonnes(quantity, unit) if quantity is not None else None
    except ValueError:
        qty_t = None
    when = _date(row.get("date"))
    year = when.year if when else data.year
    units = data.substances.get(item)
    for direction, country_col, party_col in (
        ("import", "destination", "importer"),
        ("export", "origin", "exporter"),
    ):
        country = str(row.get(country_col) or "").strip().upper()
        if not country:
            continue
        if country not in data.countries:
            yield hit(
                f"no licensing data for {country} on this platform: {direction} licence not checked (information)",
                "info",  # information, never a finding: it adds nothing to the line's score (issue #21)
            )
            continue
        licences = [lic for lic in by_country.get((country, direction), []) if lic.substance == item]
        if not licences:
            held = len(by_country.get((country, direction), []))
            yield hit(
                f"no {direction} licence of {country} covers {item} ({held} {direction} licences on record)",
                "high",
            )
        else:
            party = str(row.get(party_col) or "").strip()
            if party and not any(_same_holder(party, lic.holder) for lic in licences):
                listed = "; ".join(f"{lic.number} ({lic.holder})" for lic in licences)
                yield hit(
                    f"{party_col} {party!r} holds none of {country}'s {direction} licences for {item}: {listed}",
                    "high",
                )
                licences = []
            elif party:
                licences = [lic for lic in licences if _same_holder(party, lic.holder)]
            if licences and when is not None:
                valid = [lic for lic in licences if lic.valid_from <= when <= lic.valid_to]
                if not valid:
                    listed = "; ".join(
                        f"{lic.number} valid {lic.valid_from}–{lic.valid_to}" for lic in licences
                    )
                    yield hit(f"dated {when}, outside the validity of {listed}", "high")
                licences = valid
            if licences and qty_t is not None:
                allowed = sum((lic.quantity_kg for lic in licences), Decimal(0))
                if qty_t * 1000 > allowed:
                    numbers = ", ".join(lic.number for lic in licences)
                    yield hit(
                        f"{_fmt(qty_t * 1000)} kg declared, more than the {_fmt(allowed)} kg of licence {numbers}",
                        "medium",
                    )
        if units is None or qty_t is None or year is None:
            continue
        for share in units.shares:
            quota = quotas.get((country, direction, share.group, year))
            if quota is None:
                continue
            amount = quota_amount(share, qty_t)
            if amount > quota.remaining:
                yield hit(
                    f"{_fmt(amount)} {quota.unit} of group {share.group} exceeds what remains of {country}'s"
                    f" {year} {direction} quota: {_fmt(quota.remaining)} of {_fmt(quota.limit)} {quota.unit}",
                    "high",
                )


def licensing_data(
    *,
    countries: Iterable[str],
    licences: Sequence[Licence] = (),
    quotas: Sequence[Quota] = (),
    substances: Mapping[str, SubstanceUnits] | None = None,
    year: int | None = None,
) -> LicensingData:
    """Gather the records (countries: those whose licensing data is held, even with no licence issued)."""
    return LicensingData(
        frozenset(c.upper() for c in countries), tuple(licences), tuple(quotas), dict(substances or {}), year
    )


def units_from_items(
    tables: OzoneTables, groups: Mapping[str, str], items: Iterable[tuple[str, str, str, str]]
) -> dict[str, SubstanceUnits]:
    """:class:`SubstanceUnits` of every Montreal Protocol item ``(agreement, item_id, name, listing)`` the
    Ozone Secretariat tables know (generic "mixtures containing …" items are not, and are left out)."""
    out: dict[str, SubstanceUnits] = {}
    for agreement, item_id, name, listing in items:
        if agreement != AGREEMENT:
            continue
        found = substance_units(tables, groups, item_id=item_id, name=name, listing=listing)
        if found is not None and found.shares:
            out[item_id] = found
    return out
