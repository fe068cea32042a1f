"""The engine on Apache Spark, for inputs that outgrow one machine (optional extra: ``pip install -e '.[spark]'``).

- Screening: the declaration lines are a Spark DataFrame; ``mapInArrow`` hands each partition's Arrow
  record batches to the engine's own batch function (:func:`greencustoms.engine._screen.screen_frame`)
  with the compiled ruleset broadcast once to every executor. The hits are the single process's hits.
- Mirror analysis: the same comparison as :func:`greencustoms.engine.mirror.mirror_table`, written as
  DataFrame group-bys and joins (exports ⋈ mirror imports, the timing window as an exploded self-join),
  so that Spark plans, shuffles and spills it.

Nothing here distributes work by itself: a ``local[N]`` master runs on one machine, a ``spark://`` or
``k8s://`` master on a cluster (docs/spark.md). PySpark is imported lazily so that the rest of the engine
runs without it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, Final

import polars as pl
import pyarrow as pa

from greencustoms.engine._compile import Ruleset
from greencustoms.engine._screen import screen_frame
from greencustoms.engine.columns import DEFAULT_EDITION, HIT_COLUMNS, INPUT_COLUMNS
from greencustoms.engine.errors import EngineError
from greencustoms.engine.mirror import (
    AGGREGATE_PARTNERS,
    COMTRADE_OPTIONAL,
    COMTRADE_REQUIRED,
    MIRROR_COLUMNS,
    MIRROR_SCHEMA,
    SUMS_SCHEMA,
    HsFactor,
    MirrorParameters,
    factors_frame,
    finish_mirror,
)

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

#: Spark settings for a small local session (tests, two cores); a cluster passes its own.
LOCAL_CONF: Final = {
    "spark.sql.shuffle.partitions": "4",
    "spark.default.parallelism": "2",
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.execution.arrow.pyspark.enabled": "true",
    "spark.driver.memory": "1g",
    "spark.sql.session.timeZone": "UTC",
}


def spark_available() -> bool:
    """PySpark importable and a Java runtime to start it."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return False
    import shutil

    return shutil.which("java") is not None


def session(
    master: str = "local[2]", *, app_name: str = "greencustoms", conf: dict[str, str] | None = None
) -> SparkSession:
    """A SparkSession on ``master`` (``local[N]``, ``spark://host:7077``, ``k8s://https://…``)."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise EngineError(
            "PySpark is not installed: pip install -e '.[spark]' (and a Java 17 runtime)"
        ) from exc
    builder = SparkSession.builder.master(master).appName(app_name)
    settings = dict(LOCAL_CONF) if master.startswith("local") else {}
    if master.startswith("local"):
        # the Python workers must be this interpreter (its venv holds polars and the engine); on a
        # cluster the image or PYSPARK_PYTHON says which (docs/spark.md)
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    settings.update(conf or {})
    for key, value in settings.items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


# -- screening ------------------------------------------------------------------------------------------------
def _hit_schema() -> Any:
    from pyspark.sql.types import StringType, StructField, StructType

    return StructType([StructField(name, StringType(), True) for name in HIT_COLUMNS])


def screen_spark(
    lines: DataFrame,
    ruleset: Ruleset,
    *,
    edition: str = DEFAULT_EDITION,
) -> DataFrame:
    """Screen a Spark DataFrame of declaration lines (the input columns, as text) against ``ruleset``.

    Each partition's Arrow batches go through the engine's batch function with the broadcast ruleset;
    the result is a DataFrame with the hit columns (``declaration_id, line_no, rule, agreement, item,
    evidence, document, severity``), in no particular order.
    """
    if edition not in ruleset.hs_tables:
        raise EngineError(f"unknown HS edition {edition!r}; known: {', '.join(sorted(ruleset.hs_tables))}")
    from pyspark.sql import functions as F  # noqa: N812 - Spark's own convention

    present = [c for c in INPUT_COLUMNS if c in lines.columns]
    if "declaration_id" not in present or "hs_code" not in present:
        raise EngineError(
            f"missing required column(s) for screening: declaration_id, hs_code; found {', '.join(lines.columns)}"
        )
    lines = lines.select([F.col(c).cast("string").alias(c) for c in present])
    shared = lines.sparkSession.sparkContext.broadcast(ruleset)

    def screen_batches(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        compiled = shared.value
        for batch in batches:
            frame = pl.from_arrow(batch)
            assert isinstance(frame, pl.DataFrame)  # noqa: S101 - a record batch is a frame
            hits = screen_frame(frame, compiled, edition=edition)
            if hits.height:
                yield from hits.to_arrow().to_batches()

    return lines.mapInArrow(screen_batches, _hit_schema())


def read_lines_spark(spark: SparkSession, paths: str | Sequence[str]) -> DataFrame:
    """Declaration lines from CSV (header, every column as text) or Parquet files."""
    paths = [paths] if isinstance(paths, str) else list(paths)
    if all(p.lower().endswith((".parquet", ".pq")) or p.rstrip("/").endswith("/") for p in paths):
        return spark.read.parquet(*paths)
    return spark.read.option("header", True).option("inferSchema", False).csv(paths)


# -- mirror analysis ---------------------------------------------------------------------------------------------
def read_comtrade_spark(spark: SparkSession, paths: str | Sequence[str]) -> DataFrame:
    """Comtrade-format files (CSV with header, or Parquet) as a DataFrame of the columns the analysis reads."""
    from pyspark.sql import functions as F  # noqa: N812

    paths = [paths] if isinstance(paths, str) else list(paths)
    if all(p.lower().endswith((".parquet", ".pq")) for p in paths):
        frame = spark.read.parquet(*paths)
    else:
        frame = spark.read.option("header", True).option("inferSchema", False).csv(paths)
    missing = [c for c in COMTRADE_REQUIRED if c not in frame.columns]
    if missing:
        raise EngineError(
            f"missing required column(s): {', '.join(missing)}; the file has: {', '.join(frame.columns)}"
        )
    for column in COMTRADE_OPTIONAL:
        if column not in frame.columns:
            frame = frame.withColumn(column, F.lit(None).cast("string"))
    return frame.select([F.col(c).cast("string").alias(c) for c in (*COMTRADE_REQUIRED, *COMTRADE_OPTIONAL)])


def _number(name: str) -> Any:
    from pyspark.sql import functions as F  # noqa: N812

    return F.trim(F.col(name)).cast("double")


def mirror_table_spark(
    comtrade: DataFrame,
    *,
    factors: pl.DataFrame | Sequence[HsFactor] | None = None,
    params: MirrorParameters | None = None,
) -> DataFrame:
    """:func:`greencustoms.engine.mirror.mirror_table` as Spark DataFrame operations (same columns and
    figures before rounding; :func:`collect_mirror` rounds and sorts like the single process)."""
    from pyspark.sql import functions as F  # noqa: N812

    params = params or MirrorParameters()
    spark = comtrade.sparkSession
    period = F.trim(F.col("period"))
    code = F.regexp_replace(F.trim(F.col("cmdCode")), r"\.", "")
    rows = comtrade.select(
        F.upper(F.trim(F.col("reporterISO"))).alias("reporter"),
        F.upper(F.trim(F.col("partnerISO"))).alias("partner"),
        F.upper(F.trim(F.col("flowCode"))).alias("flow"),
        F.when(F.length(code) % 2 == 1, F.concat(F.lit("0"), code)).otherwise(code).alias("hs_code"),
        F.substring(period, 1, 4).cast("long").alias("year"),
        F.substring(period, 5, 2).cast("long").alias("month"),
        F.length(period).alias("_plen"),
        F.coalesce(_number("netWgt"), F.lit(0.0)).alias("kg"),
        F.coalesce(
            F.when(_number("fobvalue") > 0, _number("fobvalue")), _number("primaryValue"), F.lit(0.0)
        ).alias("fob"),
        F.coalesce(
            F.when(_number("cifvalue") > 0, _number("cifvalue")), _number("primaryValue"), F.lit(0.0)
        ).alias("cif"),
    ).where(
        F.col("flow").isin("X", "M")
        & ~F.col("partner").isin(*sorted(AGGREGATE_PARTNERS))
        & (F.col("partner") != F.col("reporter"))
        & F.col("year").isNotNull()
    )
    if params.from_year is not None:
        rows = rows.where(F.col("year") >= params.from_year)
    if params.to_year is not None:
        rows = rows.where(F.col("year") <= params.to_year)
    if params.granularity == "month":
        if rows.where(F.col("_plen") != 6).limit(1).count():
            raise EngineError(
                "granularity 'month' needs monthly periods (YYYYMM); the input holds annual rows"
            )
        rows = rows.withColumn("p", F.col("year") * 12 + F.col("month") - 1)
    else:
        rows = rows.withColumn("p", F.col("year"))

    factor_df = None
    if factors is not None:
        frame = factors if isinstance(factors, pl.DataFrame) else factors_frame(factors)
        frame = frame.select("hs_code", "substance_group", "odp", "gwp").unique("hs_code", keep="first")
        factor_df = spark.createDataFrame(frame.to_arrow())
        rows = rows.join(F.broadcast(factor_df.select("hs_code")), on="hs_code", how="left_semi")

    keys = ["exporter", "importer", "hs_code", "p"]
    exports = (
        rows.where(F.col("flow") == "X")
        .groupBy(F.col("reporter").alias("exporter"), F.col("partner").alias("importer"), "hs_code", "p")
        .agg(F.sum("kg").alias("export_kg"), F.sum("fob").alias("export_value_fob"))
    )
    imports = (
        rows.where(F.col("flow") == "M")
        .groupBy(F.col("partner").alias("exporter"), F.col("reporter").alias("importer"), "hs_code", "p")
        .agg(F.sum("kg").alias("mirror_import_kg"), F.sum("cif").alias("import_value_cif"))
    )
    joined = exports.join(imports, on=keys, how="full_outer").fillna(
        0.0, subset=["export_kg", "export_value_fob", "mirror_import_kg", "import_value_cif"]
    )
    window = params.timing_periods
    shifted = (
        joined.select(
            "exporter",
            "importer",
            "hs_code",
            F.explode(F.sequence(F.col("p") - window, F.col("p") + window)).alias("p"),
            "export_kg",
            "mirror_import_kg",
        )
        .groupBy(*keys)
        .agg(
            F.sum("export_kg").alias("window_export_kg"), F.sum("mirror_import_kg").alias("window_import_kg")
        )
    )

    result = joined.join(shifted, on=keys, how="left")
    if factor_df is not None:
        result = result.join(F.broadcast(factor_df), on="hs_code", how="left")
    else:
        result = (
            result.withColumn("substance_group", F.lit(None).cast("string"))
            .withColumn("odp", F.lit(None).cast("double"))
            .withColumn("gwp", F.lit(None).cast("double"))
        )
    result = result.select(*SUMS_SCHEMA)

    def finish(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            frame = pl.from_arrow(batch)
            assert isinstance(frame, pl.DataFrame)  # noqa: S101 - a record batch is a frame
            yield from finish_mirror(frame, params).to_arrow().to_batches()

    return result.mapInArrow(finish, _mirror_schema())


def _mirror_schema() -> Any:
    from pyspark.sql.types import BooleanType, DoubleType, LongType, StringType, StructField, StructType

    types = {pl.String: StringType(), pl.Float64: DoubleType(), pl.Boolean: BooleanType()}
    fields = [StructField(name, types[dtype], True) for name, dtype in MIRROR_SCHEMA.items()]
    return StructType([*fields, StructField("p", LongType(), True)])


def collect_mirror(frame: DataFrame) -> pl.DataFrame:
    """A Spark mirror table brought to the driver, sorted and rounded exactly like the single process's."""
    table = pl.from_arrow(frame.toArrow()) if hasattr(frame, "toArrow") else pl.from_pandas(frame.toPandas())
    assert isinstance(table, pl.DataFrame)  # noqa: S101 - from_arrow of a table is a frame
    return table.sort("exporter", "importer", "hs_code", "p").select(MIRROR_COLUMNS).cast(MIRROR_SCHEMA)  # type: ignore[arg-type]
