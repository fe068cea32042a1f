"""Mirror analysis of trade statistics: what an exporter reports against what its partner reports importing.

Input: UN Comtrade-format bulk files (CSV, Parquet), one row per reporter × partner × flow × commodity ×
period. The columns read (names as in Comtrade's bulk and API files; others are ignored):

==============  ========  ======================================================================
column          required  meaning
==============  ========  ======================================================================
period          yes       ``YYYY`` (annual) or ``YYYYMM`` (monthly)
reporterISO     yes       ISO 3166-1 alpha-3 code of the reporting country
partnerISO      yes       alpha-3 code of the partner country (``W00``, World, is skipped)
flowCode        yes       ``X`` export, ``M`` import (re-exports ``RX``/``RM`` and others are skipped)
cmdCode         yes       HS code (six digits; a numeric cell gets its leading zero back)
netWgt          yes       net weight in kg (empty counts as 0)
primaryValue    yes       trade value in US dollars (FOB for exports, CIF for imports)
cifvalue        no        CIF value of an import (preferred over primaryValue when given)
fobvalue        no        FOB value of an export (preferred over primaryValue when given)
==============  ========  ======================================================================

For every exporter × importer × HS code × period the result compares the exports the exporter
reports to that importer with the imports the importer reports from that exporter (the "mirror"):
the gap in kg (mirror imports minus exports), in ODP-tonnes and in tonnes CO2-equivalent (from the
ODP and GWP of the substance a code stands for: :class:`HsFactor`), and the value gap after taking
the importer's CIF value back to FOB. What counts as noise is a visible parameter (:class:`MirrorParameters`):
a relative and an absolute weight tolerance, the CIF/FOB ratio, and a timing window (shipments leaving
in one period and arriving in the next) within which gaps of neighbouring periods may offset. A pair is
flagged only when its own gap and the gap summed over the timing window both exceed the tolerance.

The single-process version is Polars; ``greencustoms.engine.spark.mirror_table_spark`` computes the same
table with Spark DataFrame joins (the tests prove them equal).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Final

import polars as pl

from greencustoms.engine.errors import InputError, MissingColumnsError

#: Comtrade columns the analysis needs.
COMTRADE_REQUIRED: Final = (
    "period",
    "reporterISO",
    "partnerISO",
    "flowCode",
    "cmdCode",
    "netWgt",
    "primaryValue",
)
#: Comtrade columns it reads when present.
COMTRADE_OPTIONAL: Final = ("cifvalue", "fobvalue")
#: Partner codes that are aggregates, not countries.
AGGREGATE_PARTNERS: Final = frozenset({"W00", "WLD", "_X", "X1", "XX"})

#: One row per exporter × importer × HS code × period.
MIRROR_COLUMNS: Final = (
    "exporter",
    "importer",
    "hs_code",
    "substance_group",
    "period",
    "export_kg",
    "mirror_import_kg",
    "gap_kg",
    "gap_odp_t",
    "gap_co2e_t",
    "window_gap_kg",
    "export_value_fob",
    "import_value_cif",
    "import_value_fob_est",
    "value_gap",
    "tolerance_kg",
    "flagged",
)
MIRROR_SCHEMA: Final = {
    "exporter": pl.String,
    "importer": pl.String,
    "hs_code": pl.String,
    "substance_group": pl.String,
    "period": pl.String,
    "export_kg": pl.Float64,
    "mirror_import_kg": pl.Float64,
    "gap_kg": pl.Float64,
    "gap_odp_t": pl.Float64,
    "gap_co2e_t": pl.Float64,
    "window_gap_kg": pl.Float64,
    "export_value_fob": pl.Float64,
    "import_value_cif": pl.Float64,
    "import_value_fob_est": pl.Float64,
    "value_gap": pl.Float64,
    "tolerance_kg": pl.Float64,
    "flagged": pl.Boolean,
}
KEYS: Final = ("exporter", "importer", "hs_code", "p")
#: Decimals kept in the output (kg and US$ to the gram/cent; ODP-t and CO2e-t to six places).
KG_DECIMALS: Final = 3
UNIT_DECIMALS: Final = 6


@dataclass(frozen=True, slots=True)
class MirrorParameters:
    """What counts as noise in a mirror comparison; every value is shown with the results.

    Parameters
    ----------
    granularity
        ``year`` (monthly rows are summed into years) or ``month`` (annual rows are an error).
    weight_tolerance
        Relative gap not flagged: 0.10 = 10 % of the larger of the two reported weights.
    min_gap_kg
        Absolute gap in kg never flagged, however small the flows (rounding of small shipments).
    cif_fob_ratio
        The importer's CIF value divided by this gives its FOB estimate (freight and insurance; the
        customary 1.10 is a convention of trade statisticians, to be adjusted per route).
    timing_periods
        Periods either side whose gaps may offset one another (a shipment exported in December and
        imported in January); 0 compares each period alone.
    from_year, to_year
        Keep only periods in these years (inclusive); None for no bound.
    """

    granularity: str = "year"
    weight_tolerance: float = 0.10
    min_gap_kg: float = 100.0
    cif_fob_ratio: float = 1.10
    timing_periods: int = 1
    from_year: int | None = None
    to_year: int | None = None

    def __post_init__(self) -> None:
        if self.granularity not in ("year", "month"):
            raise InputError(f"granularity must be 'year' or 'month', not {self.granularity!r}")
        if self.weight_tolerance < 0 or self.min_gap_kg < 0 or self.timing_periods < 0:
            raise InputError("weight_tolerance, min_gap_kg and timing_periods must not be negative")
        if self.cif_fob_ratio <= 0:
            raise InputError("cif_fob_ratio must be positive")

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class HsFactor:
    """What one kg traded under an HS code stands for: its substance group, ODP and GWP (per kg)."""

    hs_code: str
    substance_group: str
    odp: float
    gwp: float


def factors_frame(factors: Iterable[HsFactor] | Mapping[str, HsFactor]) -> pl.DataFrame:
    """The factors as a frame ``hs_code, substance_group, odp, gwp`` (one row per code)."""
    values = factors.values() if isinstance(factors, Mapping) else factors
    rows = {f.hs_code: f for f in values}
    return pl.DataFrame(
        {
            "hs_code": [f.hs_code for f in rows.values()],
            "substance_group": [f.substance_group for f in rows.values()],
            "odp": [float(f.odp) for f in rows.values()],
            "gwp": [float(f.gwp) for f in rows.values()],
        },
        schema={"hs_code": pl.String, "substance_group": pl.String, "odp": pl.Float64, "gwp": pl.Float64},
    )


# -- reading ----------------------------------------------------------------------------------------------
def read_comtrade(paths: str | Path | Sequence[str | Path]) -> pl.LazyFrame:
    """Scan one or more Comtrade-format files (CSV or Parquet) as a lazy frame of the columns used."""
    if isinstance(paths, str | Path):
        paths = [paths]
    frames = []
    for path in map(Path, paths):
        if not path.is_file():
            raise InputError(f"{path}: no such file")
        if path.suffix.lower() in (".parquet", ".pq"):
            lazy = pl.scan_parquet(path)
        else:
            lazy = pl.scan_csv(path, infer_schema=False, separator="\t" if path.suffix == ".tsv" else ",")
        found = lazy.collect_schema().names()
        missing = [c for c in COMTRADE_REQUIRED if c not in found]
        if missing:
            raise MissingColumnsError(missing, found)
        columns = [*COMTRADE_REQUIRED, *(c for c in COMTRADE_OPTIONAL if c in found)]
        lazy = lazy.select(columns)
        for column in COMTRADE_OPTIONAL:
            if column not in found:
                lazy = lazy.with_columns(pl.lit(None, dtype=pl.String).alias(column))
        frames.append(
            lazy.select([pl.col(c).cast(pl.String) for c in (*COMTRADE_REQUIRED, *COMTRADE_OPTIONAL)])
        )
    return pl.concat(frames)


def _number(name: str) -> pl.Expr:
    return pl.col(name).cast(pl.String).str.strip_chars().cast(pl.Float64, strict=False)


def normalise_comtrade(frame: pl.LazyFrame | pl.DataFrame, params: MirrorParameters) -> pl.LazyFrame:
    """Rows ``reporter, partner, flow, hs_code, p, kg, fob, cif`` (p: the period as a number: year, or
    year × 12 + month − 1), skipping aggregates, other flows and periods outside the years asked for."""
    lazy = frame.lazy()
    period = pl.col("period").cast(pl.String).str.strip_chars()
    code = pl.col("cmdCode").cast(pl.String).str.strip_chars().str.replace_all(r"\.", "")
    year = period.str.slice(0, 4).cast(pl.Int64, strict=False)
    month = period.str.slice(4, 2).cast(pl.Int64, strict=False)
    lazy = lazy.select(
        pl.col("reporterISO").cast(pl.String).str.strip_chars().str.to_uppercase().alias("reporter"),
        pl.col("partnerISO").cast(pl.String).str.strip_chars().str.to_uppercase().alias("partner"),
        pl.col("flowCode").cast(pl.String).str.strip_chars().str.to_uppercase().alias("flow"),
        pl.when(code.str.len_chars() % 2 == 1).then(pl.lit("0") + code).otherwise(code).alias("hs_code"),
        year.alias("year"),
        month.alias("month"),
        period.str.len_chars().alias("_plen"),
        _number("netWgt").fill_null(0.0).alias("kg"),
        pl.coalesce(pl.when(_number("fobvalue") > 0).then(_number("fobvalue")), _number("primaryValue"))
        .fill_null(0.0)
        .alias("fob"),
        pl.coalesce(pl.when(_number("cifvalue") > 0).then(_number("cifvalue")), _number("primaryValue"))
        .fill_null(0.0)
        .alias("cif"),
    ).filter(
        pl.col("flow").is_in(["X", "M"])
        & ~pl.col("partner").is_in(list(AGGREGATE_PARTNERS))
        & (pl.col("partner") != pl.col("reporter"))
        & pl.col("year").is_not_null()
    )
    if params.from_year is not None:
        lazy = lazy.filter(pl.col("year") >= params.from_year)
    if params.to_year is not None:
        lazy = lazy.filter(pl.col("year") <= params.to_year)
    p = pl.col("year") * 12 + pl.col("month") - 1 if params.granularity == "month" else pl.col("year")
    return lazy.with_columns(p.alias("p")).drop("year", "month")


def check_monthly(rows: pl.DataFrame) -> None:
    """Monthly analysis of a file that holds annual rows is refused (they have no month to sit in)."""
    if rows.height and rows["_plen"].min() != 6:
        raise InputError("granularity 'month' needs monthly periods (YYYYMM); the input holds annual rows")


# -- the analysis -------------------------------------------------------------------------------------------
def tolerance_expr(exported: pl.Expr, imported: pl.Expr, params: MirrorParameters) -> pl.Expr:
    """The gap in kg that is noise for these flows: the larger of the absolute and the relative tolerance."""
    larger = pl.max_horizontal(exported, imported)
    return pl.max_horizontal(pl.lit(params.min_gap_kg), larger * params.weight_tolerance)


def period_label(p: pl.Expr, granularity: str) -> pl.Expr:
    if granularity == "year":
        return p.cast(pl.String)
    year = (p // 12).cast(pl.String)
    month = (p % 12 + 1).cast(pl.String).str.zfill(2)
    return year + pl.lit("-") + month


def mirror_table(
    comtrade: pl.LazyFrame | pl.DataFrame,
    *,
    factors: pl.DataFrame | Iterable[HsFactor] | None = None,
    params: MirrorParameters | None = None,
) -> pl.DataFrame:
    """Compare exports with mirror imports per exporter × importer × HS code × period.

    Parameters
    ----------
    comtrade
        Comtrade-format rows (see the module docstring), e.g. from :func:`read_comtrade`.
    factors
        The controlled codes with their group, ODP and GWP per kg. When given, only these codes are
        analysed; without it every code is, with empty group and ODP/CO2e gaps.
    params
        Tolerances, CIF/FOB ratio, timing window and years (defaults: :class:`MirrorParameters`).

    Returns
    -------
    polars.DataFrame
        Columns :data:`MIRROR_COLUMNS`, sorted by exporter, importer, HS code, period.
    """
    params = params or MirrorParameters()
    rows = normalise_comtrade(comtrade, params)
    factor_frame = _factor_frame(factors)
    if factor_frame is not None:
        rows = rows.join(factor_frame.lazy().select("hs_code"), on="hs_code", how="semi")
    collected = rows.collect()
    if params.granularity == "month":
        check_monthly(collected)
    return _compare(collected.lazy(), factor_frame, params)


def _factor_frame(factors: pl.DataFrame | Iterable[HsFactor] | None) -> pl.DataFrame | None:
    if factors is None:
        return None
    if isinstance(factors, pl.DataFrame):
        return factors.select("hs_code", "substance_group", "odp", "gwp").unique("hs_code", keep="first")
    return factors_frame(factors)


def _compare(rows: pl.LazyFrame, factors: pl.DataFrame | None, params: MirrorParameters) -> pl.DataFrame:
    exports = (
        rows.filter(pl.col("flow") == "X")
        .group_by(pl.col("reporter").alias("exporter"), pl.col("partner").alias("importer"), "hs_code", "p")
        .agg(pl.col("kg").sum().alias("export_kg"), pl.col("fob").sum().alias("export_value_fob"))
    )
    imports = (
        rows.filter(pl.col("flow") == "M")
        .group_by(pl.col("partner").alias("exporter"), pl.col("reporter").alias("importer"), "hs_code", "p")
        .agg(pl.col("kg").sum().alias("mirror_import_kg"), pl.col("cif").sum().alias("import_value_cif"))
    )
    joined = exports.join(imports, on=list(KEYS), how="full", coalesce=True).with_columns(
        pl.col("export_kg", "export_value_fob", "mirror_import_kg", "import_value_cif").fill_null(0.0)
    )
    window = params.timing_periods
    shifted = (
        joined.select(
            *KEYS[:3],
            (pl.col("p") + pl.lit(list(range(-window, window + 1)))).alias("p"),
            "export_kg",
            "mirror_import_kg",
        )
        .explode("p")
        .group_by(list(KEYS))
        .agg(
            pl.col("export_kg").sum().alias("window_export_kg"),
            pl.col("mirror_import_kg").sum().alias("window_import_kg"),
        )
    )
    result = joined.join(shifted, on=list(KEYS), how="left")
    if factors is not None:
        result = result.join(factors.lazy(), on="hs_code", how="left")
    else:
        result = result.with_columns(
            pl.lit(None, dtype=pl.String).alias("substance_group"),
            pl.lit(None, dtype=pl.Float64).alias("odp"),
            pl.lit(None, dtype=pl.Float64).alias("gwp"),
        )
    return finish_mirror(result.collect(), params).sort(list(KEYS)).drop("p")


#: What :func:`finish_mirror` takes: the compared sums of one exporter × importer × code × period.
SUMS_SCHEMA: Final = {
    "exporter": pl.String,
    "importer": pl.String,
    "hs_code": pl.String,
    "p": pl.Int64,
    "export_kg": pl.Float64,
    "export_value_fob": pl.Float64,
    "mirror_import_kg": pl.Float64,
    "import_value_cif": pl.Float64,
    "window_export_kg": pl.Float64,
    "window_import_kg": pl.Float64,
    "substance_group": pl.String,
    "odp": pl.Float64,
    "gwp": pl.Float64,
}


def finish_mirror(sums: pl.DataFrame, params: MirrorParameters) -> pl.DataFrame:
    """Gaps, units, tolerances and flags from the compared sums, row by row (Spark runs this same function
    on its Arrow batches). The sums are rounded first, so that the order in which an engine added them
    up cannot change a figure or a flag."""
    kg = (
        "export_kg",
        "mirror_import_kg",
        "window_export_kg",
        "window_import_kg",
        "export_value_fob",
        "import_value_cif",
    )
    frame = (
        sums.select(list(SUMS_SCHEMA))
        .cast(SUMS_SCHEMA)  # type: ignore[arg-type]
        .with_columns([pl.col(c).fill_null(0.0).round(KG_DECIMALS) for c in kg])
    )
    frame = frame.with_columns(
        (pl.col("mirror_import_kg") - pl.col("export_kg")).alias("gap_kg"),
        (pl.col("window_import_kg") - pl.col("window_export_kg")).alias("window_gap_kg"),
        tolerance_expr(pl.col("export_kg"), pl.col("mirror_import_kg"), params).alias("tolerance_kg"),
        tolerance_expr(pl.col("window_export_kg"), pl.col("window_import_kg"), params).alias("_wtol"),
        (pl.col("import_value_cif") / params.cif_fob_ratio).alias("import_value_fob_est"),
        period_label(pl.col("p"), params.granularity).alias("period"),
    ).with_columns(
        (pl.col("gap_kg") * pl.col("odp") / 1000).alias("gap_odp_t"),
        (pl.col("gap_kg") * pl.col("gwp") / 1000).alias("gap_co2e_t"),
        (pl.col("import_value_fob_est") - pl.col("export_value_fob")).alias("value_gap"),
        (
            (pl.col("gap_kg").abs() > pl.col("tolerance_kg"))
            & (pl.col("window_gap_kg").abs() > pl.col("_wtol"))
        ).alias("flagged"),
    )
    return round_mirror(frame.select(*MIRROR_COLUMNS, "p")).with_columns(pl.col("p").cast(pl.Int64))


def round_mirror(frame: pl.DataFrame) -> pl.DataFrame:
    """Round the figures of a mirror table (half to even): kg and US$ to 3 places, ODP-t and CO2e-t to 6."""
    unit = ("gap_odp_t", "gap_co2e_t")
    return frame.with_columns(
        [
            pl.col(c).round(UNIT_DECIMALS if c in unit else KG_DECIMALS).cast(t)
            for c, t in MIRROR_SCHEMA.items()
            if t == pl.Float64
        ]
    )


def top_pairs(table: pl.DataFrame, *, n: int = 10, by: str = "gap_kg") -> pl.DataFrame:
    """The exporter × importer pairs with the largest absolute flagged gap summed over codes and periods."""
    return (
        table.filter(pl.col("flagged"))
        .group_by("exporter", "importer")
        .agg(
            pl.col("gap_kg").sum(),
            pl.col("gap_odp_t").sum(),
            pl.col("gap_co2e_t").sum(),
            pl.len().alias("flagged_periods"),
        )
        .with_columns(pl.col(by).abs().alias("_size"))
        .sort(["_size", "exporter", "importer"], descending=[True, False, False])
        .head(n)
        .drop("_size")
    )


def gap_over_time(table: pl.DataFrame) -> pl.DataFrame:
    """Total exports, mirror imports and gap per period (every pair and code), in period order."""
    return (
        table.group_by("period")
        .agg(
            pl.col("export_kg").sum(),
            pl.col("mirror_import_kg").sum(),
            pl.col("gap_kg").sum(),
            pl.col("flagged").sum().alias("flagged"),
        )
        .sort("period")
    )


def compare_with_quotas(
    table: pl.DataFrame,
    quotas: pl.DataFrame,
    *,
    factors: pl.DataFrame | Iterable[HsFactor],
    alpha3_to_alpha2: Mapping[str, str],
) -> pl.DataFrame:
    """Exports that partners report towards a country, per substance group and year, against its import quota.

    ``quotas`` has columns ``country`` (alpha-2), ``substance_group``, ``year``, ``unit`` (``odp_t`` or
    ``co2e_t``) and ``limit``; the result has one row per quota with ``reported_by_exporters`` in the
    quota's unit and ``exceeds``.
    """
    schema = {
        "country": pl.String,
        "substance_group": pl.String,
        "year": pl.Int64,
        "unit": pl.String,
        "limit": pl.Float64,
        "reported_by_exporters": pl.Float64,
        "exceeds": pl.Boolean,
    }
    factor_frame = _factor_frame(factors)
    if quotas.is_empty() or factor_frame is None:
        return pl.DataFrame(schema=schema)
    frame = (
        table.drop("substance_group")
        .join(factor_frame, on="hs_code", how="inner")
        .with_columns(
            pl.col("importer").replace_strict(dict(alpha3_to_alpha2), default=None).alias("country"),
            pl.col("period").str.slice(0, 4).cast(pl.Int64).alias("year"),
            (pl.col("export_kg") * pl.col("odp") / 1000).alias("odp_t"),
            (pl.col("export_kg") * pl.col("gwp") / 1000).alias("co2e_t"),
        )
        .group_by("country", "substance_group", "year")
        .agg(pl.col("odp_t").sum(), pl.col("co2e_t").sum())
    )
    return (
        quotas.select(
            "country",
            "substance_group",
            pl.col("year").cast(pl.Int64),
            "unit",
            pl.col("limit").cast(pl.Float64),
        )
        .join(frame, on=["country", "substance_group", "year"], how="left")
        .with_columns(
            pl.when(pl.col("unit") == "odp_t")
            .then(pl.col("odp_t"))
            .otherwise(pl.col("co2e_t"))
            .fill_null(0.0)
            .round(UNIT_DECIMALS)
            .alias("reported_by_exporters")
        )
        .with_columns((pl.col("reported_by_exporters") > pl.col("limit")).alias("exceeds"))
        .select(list(schema))
    )


def hs_factors(
    items: Iterable[tuple[str, str, Sequence[str]]],
    units: Mapping[str, Any],
    *,
    basis: str = "min",
) -> list[HsFactor]:
    """The factor of each HS code from the controlled items filed under it.

    ``items`` are ``(item_id, agreement, hs_codes)`` (six-digit codes of the edition the trade data uses);
    ``units`` maps item ids to :class:`greencustoms.engine.licences.SubstanceUnits`. A code that covers
    several substances (2903.71: HCFC-21, HCFC-22, …) takes the lowest ODP and GWP of them (``basis="min"``:
    the ODP-t and CO2e gaps are then lower bounds), or the highest (``"max"``) or the mean (``"mean"``);
    its group is theirs when they share one, else ``mixed``.
    """
    if basis not in ("min", "max", "mean"):
        raise InputError(f"basis must be min, max or mean, not {basis!r}")
    per_code: dict[str, list[tuple[str, float, float]]] = {}
    for item_id, agreement, codes in items:
        unit = units.get(item_id)
        if agreement != "montreal" or unit is None or not unit.shares:
            continue
        group = "+".join(sorted({s.group for s in unit.shares}))
        odp = float(sum(s.odp for s in unit.shares))
        gwp = float(sum(s.gwp for s in unit.shares))
        for code in codes:
            if len(code) >= 6:
                per_code.setdefault(code[:6], []).append((group, odp, gwp))

    def pick(values: list[float]) -> float:
        if basis == "min":
            return min(values)
        if basis == "max":
            return max(values)
        return sum(values) / len(values)

    factors = []
    for code, rows in sorted(per_code.items()):
        groups = {g for g, _o, _w in rows}
        factors.append(
            HsFactor(
                code,
                groups.pop() if len(groups) == 1 else "mixed",
                pick([o for _g, o, _w in rows]),
                pick([w for _g, _o, w in rows]),
            )
        )
    return factors
