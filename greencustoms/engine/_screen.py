"""screen(): apply the rule families to declaration lines (Arrow/Polars batches in, a Polars frame out)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeAlias

import ahocorasick
import polars as pl
import pyarrow as pa

from greencustoms.engine._compile import Ruleset
from greencustoms.engine._model import RiskIndicator
from greencustoms.engine._text import left_boundary, normalise, prefilter_needles, right_boundary
from greencustoms.engine._verdicts import (
    DATE,
    ROW,
    distinct_texts,
    empty_lines,
    equipment_rule,
    lines_of,
    of_texts,
    waste_rule,
    with_state,
)
from greencustoms.engine._verdicts import (
    fmt_code as _fmt_code,
)
from greencustoms.engine.columns import (
    DECLARED_COLUMNS,
    DEFAULT_EDITION,
    HIT_COLUMNS,
    HIT_OUTPUT_COLUMNS,
    HIT_SCHEMA,
    INPUT_COLUMNS,
    LINE,
    RULE_LABELS,
    RULES,
)
from greencustoms.engine.errors import EngineError

Batch: TypeAlias = pa.RecordBatch | pa.Table | pl.DataFrame
_ROW = ROW
_DATE = DATE
_IRREGULAR_SPACE = ["  ", "\t", "\n", "\r", "\f", "\v"]
# what normalise() folds beyond NFKD and combining marks (see _text._DASHES)
_LIGATURES = {
    "\u0153": "oe",
    "\u0152": "OE",
    "\u00e6": "ae",
    "\u00c6": "AE",
    "\u00df": "ss",
    "\u00f8": "o",
    "\u00d8": "O",
    "\u0142": "l",
    "\u0141": "L",
    "\u00ad": "",
}
#: A party list older than this (in days) on the line's date is called out in a non-Party statement.
STALE_DAYS = 365
#: Characters of an item's name in a hit's label.
_LABEL_NAME = 60
#: An ex code matching more items of one agreement than this gives one collapsed hit.
MAX_LISTED_EX_ITEMS = 5
_RULE_ORDER = {
    "hs_code": 0,
    "description": 1,
    "misdeclaration": 2,
    "equipment": 3,
    "waste": 4,
    "country": 5,
    "indicator": 6,
}
#: Internal hit frame: the row, the item index (null for indicators and collapsed hits), the contract's
#: columns after line_no.
_HIT_FRAME = {_ROW: pl.UInt32, "item_idx": pl.Int64, **dict.fromkeys(HIT_COLUMNS[2:], pl.String)}


@dataclass(frozen=True)
class Screened:
    """One screened batch: its hits (contract columns + label + declared fields) and one row per line."""

    hits: pl.DataFrame
    lines: pl.DataFrame


def empty_hits() -> pl.DataFrame:
    """A hits frame with no rows and the contract's columns."""
    return pl.DataFrame(schema=HIT_SCHEMA)


def screen(
    batches: Batch | Iterable[Batch],
    ruleset: Ruleset,
    *,
    edition: str = DEFAULT_EDITION,
    indicators: Sequence[RiskIndicator] = (),
    rules: Iterable[str] = RULES,
    at: dt.date | None = None,
) -> pl.DataFrame:
    """Screen declaration lines against a ruleset.

    Parameters
    ----------
    batches
        One or many Arrow record batches/tables or Polars frames with the input columns
        (``declaration_id, line_no, hs_code, description, origin, destination, …``; absent optional
        columns count as empty). ``hs_code`` is text: digits, dots allowed.
    ruleset
        A compiled :class:`Ruleset`.
    edition
        The HS edition the codes are declared in (default HS2022).
    indicators
        Restricted risk indicators to apply; pass them only for a user allowed to see them.
    rules
        The rule families to apply (default all: hs_code, description, misdeclaration, country,
        indicator, equipment, waste). Misdeclaration and equipment need description.
    at
        The date screening answers for when a line has no ``date`` (default: today): a listing not in
        force on the line's date does not fire, one adopted but not yet in force is ``info``.

    Returns
    -------
    polars.DataFrame
        One row per hit, columns ``declaration_id, line_no, rule, agreement, item, evidence,
        document, severity`` then ``label`` and the declared fields, in input order.
    """
    frames = [
        s.hits
        for s in screen_batches(
            batches, ruleset, edition=edition, indicators=indicators, rules=rules, at=at, with_lines=False
        )
    ]
    return pl.concat(frames) if frames else empty_hits()


def screen_iter(
    batches: Batch | Iterable[Batch],
    ruleset: Ruleset,
    *,
    edition: str = DEFAULT_EDITION,
    indicators: Sequence[RiskIndicator] = (),
    rules: Iterable[str] = RULES,
    at: dt.date | None = None,
) -> Iterator[pl.DataFrame]:
    """Like :func:`screen`, one hits frame per input batch (for streaming)."""
    for screened in screen_batches(
        batches, ruleset, edition=edition, indicators=indicators, rules=rules, at=at
    ):
        yield screened.hits


def screen_lines(
    batches: Batch | Iterable[Batch],
    ruleset: Ruleset,
    *,
    edition: str = DEFAULT_EDITION,
    indicators: Sequence[RiskIndicator] = (),
    rules: Iterable[str] = RULES,
    at: dt.date | None = None,
) -> Screened:
    """Like :func:`screen`, with one row per line as well (``declaration_id, line_no, verdict, score,
    reasons`` and the declared fields; see columns.LINE_COLUMNS)."""
    parts = list(screen_batches(batches, ruleset, edition=edition, indicators=indicators, rules=rules, at=at))
    if not parts:
        return Screened(empty_hits(), empty_lines())
    return Screened(pl.concat([p.hits for p in parts]), pl.concat([p.lines for p in parts]))


def screen_batches(
    batches: Batch | Iterable[Batch],
    ruleset: Ruleset,
    *,
    edition: str = DEFAULT_EDITION,
    indicators: Sequence[RiskIndicator] = (),
    rules: Iterable[str] = RULES,
    at: dt.date | None = None,
    with_lines: bool = True,
) -> Iterator[Screened]:
    """Hits and lines per input batch (for streaming: the CLI and the jobs); ``with_lines=False`` skips
    the lines (an empty lines frame) for callers that want the hits only."""
    wanted = frozenset(rules)
    if wanted - set(RULES):
        raise EngineError(
            f"unknown rule(s): {', '.join(sorted(wanted - set(RULES)))}; known: {', '.join(RULES)}"
        )
    if edition not in ruleset.hs_tables:
        raise EngineError(f"unknown HS edition {edition!r}; known: {', '.join(sorted(ruleset.hs_tables))}")
    compiled = _CompiledIndicators(indicators, ruleset) if indicators else None
    if isinstance(batches, pa.RecordBatch | pa.Table | pl.DataFrame):
        batches = [batches]
    for batch in batches:
        frame = batch if isinstance(batch, pl.DataFrame) else pl.from_arrow(batch)
        assert isinstance(frame, pl.DataFrame)  # noqa: S101 - from_arrow of a batch/table is a frame
        yield screen_batch(
            frame, ruleset, edition=edition, indicators=compiled, rules=wanted, at=at, with_lines=with_lines
        )


# -- one batch ---------------------------------------------------------------------------------------
def _line_dates(at: dt.date) -> pl.Expr:
    """The date each line is screened for: its ``date`` (ISO, or DD/MM/YYYY, or YYYYMMDD), else ``at``."""
    text = pl.col("date").str.strip_chars()
    return pl.coalesce(
        text.str.slice(0, 10).str.to_date("%Y-%m-%d", strict=False),
        text.str.to_date("%d/%m/%Y", strict=False),
        text.str.to_date("%Y%m%d", strict=False),
        pl.lit(at, dtype=pl.Date),
    ).alias(_DATE)


def _prepare(frame: pl.DataFrame, at: dt.date | None = None) -> pl.DataFrame:
    columns = []
    for name in INPUT_COLUMNS:
        if name not in frame.columns:
            columns.append(pl.lit(None, dtype=pl.String).alias(name))
        elif frame.schema[name] == pl.String:
            columns.append(pl.col(name))
        elif name == "hs_code" and frame.schema[name].is_integer():
            # an integer code lost its leading zero; HS codes have an even number of digits
            text = pl.col(name).cast(pl.String)
            columns.append(
                pl.when(text.str.len_chars() % 2 == 1).then(pl.lit("0") + text).otherwise(text).alias(name)
            )
        else:
            columns.append(pl.col(name).cast(pl.String))
    if LINE in frame.columns:
        columns.append(pl.col(LINE))
    df = frame.select(columns).with_row_index(_ROW)
    today = at or dt.date.today()
    if df.height and df.get_column("date").null_count() < df.height:
        return df.with_columns(_line_dates(today))
    return df.with_columns(pl.lit(today, dtype=pl.Date).alias(_DATE))


def _fmt(code: str) -> str:
    if len(code) > 6:
        return f"{code[:4]}.{code[4:6]}.{code[6:]}"
    return f"{code[:4]}.{code[4:]}" if len(code) > 4 else code


def screen_frame(
    frame: pl.DataFrame,
    ruleset: Ruleset,
    *,
    edition: str = DEFAULT_EDITION,
    indicators: _CompiledIndicators | None = None,
    rules: frozenset[str] = frozenset(RULES),
    at: dt.date | None = None,
) -> pl.DataFrame:
    """Screen one frame (see :func:`screen`): its hits."""
    return screen_batch(
        frame, ruleset, edition=edition, indicators=indicators, rules=rules, at=at, with_lines=False
    ).hits


def screen_batch(
    frame: pl.DataFrame,
    ruleset: Ruleset,
    *,
    edition: str = DEFAULT_EDITION,
    indicators: _CompiledIndicators | None = None,
    rules: frozenset[str] = frozenset(RULES),
    at: dt.date | None = None,
    with_lines: bool = True,
) -> Screened:
    """Screen one frame: its hits and its lines with their verdicts."""
    df = _prepare(frame, at)
    if df.height == 0:
        return Screened(empty_hits(), empty_lines())
    parts: list[pl.DataFrame] = []
    empty_touched = pl.DataFrame(schema={_ROW: pl.UInt32, "item_idx": pl.Int64})
    hs_hits, hs_touched = (
        _hs_rule(df, ruleset, edition) if "hs_code" in rules else (_frame([]), empty_touched)
    )
    if hs_hits.height:
        parts.append(hs_hits)
    texts = distinct_texts(df) if {"description", "waste"} & rules else None
    desc_hits, name_hits = _description_rule(df, ruleset, texts) if "description" in rules else ([], [])
    if desc_hits:
        described = _frame(desc_hits)
        misdeclared = (
            _frame(_misdeclaration_rule(df, ruleset, edition, name_hits))
            if "misdeclaration" in rules
            else _frame([])
        )
        if "equipment" in rules:
            equipment = equipment_rule(df, ruleset, edition, _touched(name_hits))
            if equipment.height:
                # equipment holding a substance is its own finding, not a misdeclaration of the substance
                pairs = equipment.select(_ROW, "item_idx")
                described = described.join(pairs, on=[_ROW, "item_idx"], how="anti")
                misdeclared = misdeclared.join(pairs, on=[_ROW, "item_idx"], how="anti")
                parts.append(equipment)
        parts.extend(p for p in (described, misdeclared) if p.height)
    if "waste" in rules:
        waste = waste_rule(df, ruleset, texts)
        if waste.height:
            parts.append(waste)
    if parts and ruleset.parties and "country" in rules:
        touched = pl.concat(
            [
                hs_touched.select(pl.col(_ROW).cast(pl.UInt32), pl.col("item_idx").cast(pl.Int64)),
                _touched(name_hits),
            ]
        )
        touched = (
            with_state(touched, df, ruleset).filter(pl.col("_state") != "deleted").select(_ROW, "item_idx")
        )
        country_hits = _country_rule(df, ruleset, touched) if touched.height else _frame([])
        if country_hits.height:
            parts.append(country_hits)
    if indicators is not None and "indicator" in rules:
        indicator_hits = indicators.apply(df)
        if indicator_hits:
            parts.append(_frame(indicator_hits))
    if not parts:
        return Screened(empty_hits(), lines_of(df, None) if with_lines else empty_lines())
    hits = _dated(pl.concat([p.select(*_HIT_FRAME) for p in parts]), df, ruleset)
    # the row is the batch's row index: the declared fields are gathered, not joined
    declared = df.select("declaration_id", "line_no", *DECLARED_COLUMNS).gather(hits.get_column(_ROW))
    labels = pl.col("rule").replace_strict(RULE_LABELS, default=pl.col("rule"), return_dtype=pl.String)
    hits = (
        hits.hstack(declared)
        .join(
            ruleset.items_frame.select("item_idx", pl.col("name").alias("_name")), on="item_idx", how="left"
        )
        .with_columns(
            pl.col("rule").replace_strict(_RULE_ORDER, return_dtype=pl.Int8).alias("_order"),
            pl.when(pl.col("_name").is_not_null())
            .then(
                pl.format(
                    "{}: {}",
                    labels,
                    pl.when(pl.col("_name").str.len_chars() > _LABEL_NAME)
                    .then(pl.concat_str([pl.col("_name").str.slice(0, _LABEL_NAME - 1), pl.lit("…")]))
                    .otherwise(pl.col("_name")),
                )
            )
            .otherwise(labels)
            .alias("label"),
        )
        .sort(_ROW, "_order", "agreement", "item", "evidence")
    )
    return Screened(hits.select(HIT_OUTPUT_COLUMNS), lines_of(df, hits) if with_lines else empty_lines())


def _touched(name_hits: list[tuple[int, int, str]]) -> pl.DataFrame:
    return pl.DataFrame(
        [(row, idx) for row, idx, _text in name_hits],
        schema={_ROW: pl.UInt32, "item_idx": pl.Int64},
        orient="row",
    )


def _dated(hits: pl.DataFrame, df: pl.DataFrame, ruleset: Ruleset) -> pl.DataFrame:
    """A listing deleted on the line's date does not fire; one not yet in force is information only."""
    staged = with_state(hits, df, ruleset).filter(pl.col("_state") != "deleted")
    future = pl.col("_state") == "future"
    decision = pl.when(pl.col("_decision") != "").then(pl.format(" ({})", "_decision")).otherwise(pl.lit(""))
    note = (
        pl.when(pl.col("_eif").is_not_null())
        .then(pl.format(" — not yet in force on {}: listed from {}{}", _DATE, "_eif", decision))
        .otherwise(pl.format(" — adopted{}, not yet in force on {}", decision, _DATE))
    )
    return staged.with_columns(
        pl.when(future).then(pl.lit("info")).otherwise(pl.col("severity")).alias("severity"),
        pl.when(future)
        .then(pl.concat_str([pl.col("evidence"), note]))
        .otherwise(pl.col("evidence"))
        .alias("evidence"),
    ).select(*_HIT_FRAME)


def _frame(rows: list[tuple[Any, ...]]) -> pl.DataFrame:
    """Hit tuples (row, item index or None, rule, agreement, item, evidence, document, severity)."""
    return pl.DataFrame(rows, schema=_HIT_FRAME, orient="row")


# -- rule 1: HS code ---------------------------------------------------------------------------------
def _hs_rule(df: pl.DataFrame, ruleset: Ruleset, edition: str) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(hits, every (row, item index) pair matched, collapsed or not)."""
    table = ruleset.hs_tables[edition]
    none = (pl.DataFrame(schema=_HIT_FRAME), pl.DataFrame(schema={_ROW: pl.UInt32, "item_idx": pl.Int64}))
    prefix4 = ruleset.hs_prefix4[edition]
    if not prefix4:
        return none
    candidates = df.filter(pl.col("hs_code").str.slice(0, 4).is_in(prefix4)).select(
        _ROW, pl.col("hs_code").str.replace_all(r"[^0-9]", "").alias("hs")
    )
    if candidates.height == 0:
        return none
    candidates = candidates.with_columns(pl.col("hs").str.len_chars().alias("hs_len"))
    found = []
    for length in sorted(set(table["len"].to_list())):
        rules = table.filter(pl.col("len") == length).select("code", "item", "ex")
        # declared code equal to or under the rule code
        under = candidates.filter(pl.col("hs_len") >= length).with_columns(
            pl.col("hs").str.slice(0, length).alias("code")
        )
        found.append(
            under.join(rules, on="code", how="inner").with_columns(
                pl.when(pl.col("hs_len") == length)
                .then(pl.lit("exact"))
                .otherwise(pl.lit("prefix"))
                .alias("how")
            )
        )
        # declared code shorter than the rule code (e.g. a 4-digit heading): broader, check description
        broader = candidates.filter((pl.col("hs_len") >= 4) & (pl.col("hs_len") < length))
        if broader.height:
            for short in sorted(set(broader["hs_len"].to_list())):
                keyed = rules.with_columns(pl.col("code").str.slice(0, short).alias("key"))
                found.append(
                    broader.filter(pl.col("hs_len") == short)
                    .join(keyed.rename({"code": "rule_code"}), left_on="hs", right_on="key", how="inner")
                    .select(_ROW, "hs", "hs_len", pl.col("rule_code").alias("code"), "item", "ex")
                    .with_columns(pl.lit("broader").alias("how"))
                )
    matches = pl.concat([f.select(_ROW, "hs", "code", "item", "ex", "how") for f in found])
    if matches.height == 0:
        return none
    # listings deleted on the line's date are not matched (nor counted in a collapsed hit)
    matches = (
        with_state(matches.rename({"item": "item_idx"}), df, ruleset)
        .filter(pl.col("_state") != "deleted")
        .select(_ROW, "hs", "code", pl.col("item_idx").alias("item"), "ex", "how")
    )
    if matches.height == 0:
        return none
    info = ruleset.items_frame
    declared = _fmt_code(pl.col("hs"))
    rule_code = _fmt_code(pl.col("code"))
    of_item = pl.concat_str([pl.lit(", a code of "), pl.col("name")])
    evidence = (
        pl.when(pl.col("how") == "exact")
        .then(pl.concat_str([pl.lit(f"{edition} "), declared, pl.lit(" is"), of_item.str.slice(1)]))
        .when(pl.col("how") == "prefix")
        .then(pl.concat_str([pl.lit(f"{edition} "), declared, pl.lit(" falls under "), rule_code, of_item]))
        .otherwise(pl.concat_str([pl.lit(f"{edition} "), declared, pl.lit(" covers "), rule_code, of_item]))
    )
    check = (pl.col("how") == "broader") | pl.col("ex")
    joined = (
        matches.join(info, left_on="item", right_on="item_idx", how="left")
        .unique(subset=[_ROW, "item"], keep="first", maintain_order=True)
        .with_columns(check.alias("_check"), declared.alias("_declared"))
        .with_columns(pl.len().over(_ROW, "agreement", "_check").alias("_n"))
    )
    crowded = pl.col("_check") & (pl.col("_n") > MAX_LISTED_EX_ITEMS)
    single = (
        joined.filter(~crowded)
        .with_columns(
            pl.when(pl.col("_check"))
            .then(pl.concat_str([evidence, pl.lit(" (ex code: check the description)")]))
            .otherwise(evidence)
            .alias("evidence"),
            pl.when(pl.col("_check")).then(pl.lit("low")).otherwise(pl.lit("medium")).alias("severity"),
            pl.lit("hs_code").alias("rule"),
        )
        .select(
            pl.col(_ROW).cast(pl.UInt32),
            pl.col("item").alias("item_idx"),
            "rule",
            "agreement",
            pl.col("item_id").alias("item"),
            "evidence",
            "document",
            "severity",
        )
    )
    touched = joined.select(pl.col(_ROW).cast(pl.UInt32), pl.col("item").alias("item_idx"))
    grouped = joined.filter(crowded)
    if grouped.height == 0:
        return single, touched
    # an ex code shared by dozens of items (3827.xx mixtures): one hit per line and agreement, not dozens
    collapsed = (
        grouped.group_by(_ROW, "agreement", maintain_order=True)
        .agg(
            pl.col("_declared").first(),
            pl.len().alias("_n"),
            pl.col("name").unique().sort().head(MAX_LISTED_EX_ITEMS).str.join(", ").alias("_names"),
            pl.col("document").filter(pl.col("document") != "").first().fill_null("").alias("document"),
            pl.col("item").min().alias("item_idx"),
        )
        .with_columns(pl.col("item_idx").cast(pl.Int64))
        .select(
            pl.col(_ROW).cast(pl.UInt32),
            "item_idx",
            pl.lit("hs_code").alias("rule"),
            "agreement",
            pl.lit("").alias("item"),
            pl.format(
                "{} {} matches the codes of {} {} items ({}, …) only in part: check the description",
                pl.lit(edition),
                pl.col("_declared"),
                pl.col("_n"),
                pl.col("agreement"),
                pl.col("_names"),
            ).alias("evidence"),
            "document",
            pl.lit("low").alias("severity"),
        )
    )
    return pl.concat(
        [single, collapsed.with_columns(pl.lit(None, dtype=pl.Int64).alias("item_idx"))]
    ), touched


# -- rule 2: description -----------------------------------------------------------------------------
def _may_match(lowered: pl.Expr, ruleset: Ruleset) -> pl.Expr:
    """Whether lower-cased text may hold a controlled name (a superset of the exact check)."""
    if ruleset.needles_regex is not None:
        return lowered.str.contains(ruleset.needles_regex)
    found = lowered.str.contains_any(ruleset.long_needles)
    if ruleset.short_needles_regex is not None:
        found = found | lowered.str.contains(ruleset.short_needles_regex)
    return found


def _candidates(df: pl.DataFrame, ruleset: Ruleset, texts: pl.DataFrame | None = None) -> pl.DataFrame:
    """Rows whose description may hold a controlled name: a cheap vectorised superset.

    Plain descriptions (ASCII, single spaces) are lower-cased and searched as they are; the few
    others are first folded like :func:`normalise` does (accents dropped, dashes unified, white
    space collapsed) and then searched. Declarations repeat their descriptions, so the search runs once
    per distinct text of the batch (see :func:`distinct_texts`).
    """
    desc = pl.col("description").fill_null("")
    irregular = (desc.str.len_bytes() != desc.str.len_chars()) | desc.str.contains_any(_IRREGULAR_SPACE)
    texts = (texts if texts is not None else distinct_texts(df)).with_columns(irregular.alias("_irregular"))
    plain = texts.filter(~pl.col("_irregular") & _may_match(desc.str.to_lowercase(), ruleset))
    others = texts.filter(pl.col("_irregular"))
    if others.height:
        folded = (
            desc.str.normalize("NFKD")
            .str.replace_all(r"\p{Mn}", "")
            .str.replace_all("[\u2010-\u2015\u2212]", "-")
            .str.replace_many(_LIGATURES)
            .str.replace_all(r"\s+", " ")
            .str.to_lowercase()
        )
        plain = pl.concat([plain, others.filter(_may_match(folded, ruleset))])
    return df.filter(of_texts(plain)).select(_ROW, "description")


def _description_rule(
    df: pl.DataFrame, ruleset: Ruleset, texts: pl.DataFrame | None = None
) -> tuple[list[tuple[Any, ...]], list[tuple[int, int, str]]]:
    if not ruleset.needles:
        return [], []
    hits: list[tuple[Any, ...]] = []
    name_hits: list[tuple[int, int, str]] = []
    candidates = _candidates(df, ruleset, texts)
    items = ruleset.items
    documents = ruleset.item_documents
    # declarations repeat their descriptions: each distinct text is normalised and matched once
    found: dict[str, list[tuple[int, str, tuple[Any, ...]]]] = {}
    for row, text in zip(candidates[_ROW].to_list(), candidates["description"].to_list(), strict=True):
        per_text = found.get(text)
        if per_text is None:
            per_text = []
            seen: set[int] = set()
            for match in ruleset.find_names(normalise(text)):
                for idx in match.items:
                    if idx in seen:
                        continue
                    seen.add(idx)
                    item = items[idx]
                    evidence = f'description names {item.name}: "{match.text}"'
                    per_text.append(
                        (
                            idx,
                            match.text,
                            (
                                idx,
                                "description",
                                item.agreement,
                                item.item_id,
                                evidence,
                                documents[idx],
                                "medium",
                            ),
                        )
                    )
            found[text] = per_text
        for idx, name, hit in per_text:
            name_hits.append((row, idx, name))
            hits.append((row, *hit))
    return hits, name_hits


# -- rule 3: misdeclaration --------------------------------------------------------------------------
def _misdeclaration_rule(
    df: pl.DataFrame, ruleset: Ruleset, edition: str, name_hits: list[tuple[int, int, str]]
) -> list[tuple[Any, ...]]:
    codes_of = ruleset.item_codes.get(edition, {})
    rows = sorted({row for row, _idx, _t in name_hits})
    declared = dict(
        zip(
            rows,
            df["hs_code"].gather(rows).fill_null("").str.replace_all(r"[^0-9]", "").to_list(),
            strict=True,
        )
    )
    hits: list[tuple[Any, ...]] = []
    # the same (declared code, item, name) recurs on many lines: decide and word it once
    decided: dict[tuple[str, int, str], tuple[Any, ...] | None] = {}
    for row, idx, text in name_hits:
        code = declared[row]
        key = (code, idx, text)
        if key in decided:
            hit = decided[key]
        else:
            hit = decided[key] = _misdeclared(ruleset, codes_of, edition, code, idx, text)
        if hit is not None:
            hits.append((row, *hit))
    return hits


def _misdeclared(
    ruleset: Ruleset, codes_of: dict[int, tuple[str, ...]], edition: str, code: str, idx: int, text: str
) -> tuple[Any, ...] | None:
    codes = codes_of.get(idx)
    if len(code) < 4 or not codes:
        return None  # nothing declared, or the item has no code in this edition: nothing to compare
    if any(code.startswith(c) or c.startswith(code) for c in codes):
        return None
    item = ruleset.items[idx]
    listed = ", ".join(_fmt(c) for c in codes[:6]) + (", …" if len(codes) > 6 else "")
    evidence = (
        f'description names {item.name} ("{text}") but declared {edition} {_fmt(code)} '
        f"is not one of its codes ({listed})"
    )
    return (
        idx,
        "misdeclaration",
        item.agreement,
        item.item_id,
        evidence,
        ruleset.item_documents[idx],
        "high",
    )


# -- rule 4: country ---------------------------------------------------------------------------------
def _country_rule(df: pl.DataFrame, ruleset: Ruleset, touched: pl.DataFrame) -> pl.DataFrame:
    """Origin/destination not Party (on the line's date) to the agreement or to the amendment the item needs.

    One hit per line, country role and instrument, attributed to the first item (in ruleset order)
    of the line that needs it. `touched` holds the (row, item index) pairs the other rules matched.
    Every statement carries the date its party list is known for and its source; a restriction that
    applies only from a later date (Kigali's non-Party ban from 2033) is information before it.
    """
    check = ["instrument", "title", "basis", "severity", "applies_from", "as_of", "per"]
    first = (
        touched.join(ruleset.item_checks_frame, on="item_idx", how="inner")
        .group_by(_ROW, *check)
        .agg(pl.col("item_idx").min())
    )
    if first.height == 0:
        return _frame([])
    rows = first.get_column(_ROW).unique().sort()
    sub = df.select(_ROW, "origin", "destination", _DATE).gather(rows)
    roles = []
    for role in ("origin", "destination"):
        values = sub.get_column(role)
        # few distinct codes: each is resolved once by the ruleset's own rule
        mapping = {v: ruleset.country(v) for v in values.unique().to_list()}
        roles.append(
            first.join(
                sub.select(
                    _ROW,
                    _DATE,
                    values.replace_strict(mapping, return_dtype=pl.String, default=None).alias("country"),
                ),
                on=_ROW,
                how="inner",
            )
            .filter(pl.col("country").is_not_null())
            .with_columns(pl.lit(role).alias("role"))
        )
    parties = ruleset.parties_frame.with_columns(pl.lit(True).alias("_party"))
    candidates = pl.concat(roles).join(parties, on=["instrument", "country"], how="left")
    not_yet = (
        pl.col("_party").is_not_null()
        & pl.col("bound_from").is_not_null()
        & (pl.col("bound_from") > pl.col(_DATE))
    )
    outside = candidates.filter(pl.col("_party").is_null() | not_yet)
    if outside.height == 0:
        return _frame([])
    because = pl.when(pl.col("basis") != "").then(pl.format(" ({})", "basis")).otherwise(pl.lit(""))
    statement = (
        pl.when(not_yet)
        .then(
            pl.format(
                "{} {} is not yet bound by the {} on {}: its {} takes effect on {}, per {}",
                "role",
                "country",
                "title",
                _DATE,
                pl.when(pl.col("action") != "").then(pl.col("action")).otherwise(pl.lit("instrument")),
                "bound_from",
                "per",
            )
        )
        .otherwise(
            pl.format(
                "{} {} is not a Party to the {} as of {}, per {}", "role", "country", "title", "as_of", "per"
            )
        )
    )
    # a list more than a year older than the line: say so (the country may have joined since)
    listed = pl.col("as_of").str.to_date("%Y-%m-%d", strict=False)
    stale = (
        pl.when(~not_yet & ((pl.col(_DATE) - listed).dt.total_days() > STALE_DAYS))
        .then(pl.lit(" (a list older than a year: it may have joined since; check the depositary)"))
        .otherwise(pl.lit(""))
    )
    later = pl.col("applies_from").is_not_null() & (pl.col(_DATE) < pl.col("applies_from"))
    return outside.join(ruleset.items_frame, on="item_idx", how="left").select(
        pl.col(_ROW).cast(pl.UInt32),
        "item_idx",
        pl.lit("country").alias("rule"),
        "agreement",
        pl.col("item_id").alias("item"),
        pl.concat_str(
            [
                statement,
                stale,
                because,
                pl.lit("; the line touches "),
                pl.col("name"),
                pl.when(later)
                .then(pl.format(" — information: the restriction applies from {}", "applies_from"))
                .otherwise(pl.lit("")),
            ]
        ).alias("evidence"),
        "document",
        pl.when(later).then(pl.lit("info")).otherwise(pl.col("severity")).alias("severity"),
    )


# -- rule 5: restricted indicators -------------------------------------------------------------------
@dataclass(frozen=True)
class _Indicator:
    source: RiskIndicator
    keywords: tuple[str, ...]
    countries: tuple[str, ...]


class _CompiledIndicators:
    """Restricted indicators prepared for one screening run (never stored in a ruleset)."""

    def __init__(self, indicators: Sequence[RiskIndicator], ruleset: Ruleset) -> None:
        self.items: list[_Indicator] = []
        aliases: dict[str, set[str]] = {}
        for code, iso2 in ruleset.countries.items():
            aliases.setdefault(iso2, set()).add(code)
        for indicator in indicators:
            keywords = tuple(sorted({normalise(k) for k in indicator.keywords if normalise(k)}))
            codes: set[str] = set()
            for c in indicator.countries:
                iso2 = ruleset.country(c) or c.strip().upper()
                codes |= {iso2, *aliases.get(iso2, set())}
            self.items.append(_Indicator(indicator, keywords, tuple(sorted(codes))))

    def apply(self, df: pl.DataFrame) -> list[tuple[Any, ...]]:
        hits: list[tuple[Any, ...]] = []
        for ind in self.items:
            source = ind.source
            conditions: list[pl.Expr] = []
            if source.hs_prefixes:
                prefixes = ["".join(ch for ch in p if ch.isdigit()) for p in source.hs_prefixes]
                hs = pl.col("hs_code").fill_null("").str.replace_all(r"[^0-9]", "")
                conditions.append(pl.any_horizontal([hs.str.starts_with(p) for p in prefixes if p]))
            if ind.countries:
                conditions.append(
                    pl.col("origin")
                    .str.strip_chars()
                    .str.to_uppercase()
                    .is_in(ind.countries)
                    .fill_null(False)
                    | pl.col("destination")
                    .str.strip_chars()
                    .str.to_uppercase()
                    .is_in(ind.countries)
                    .fill_null(False)
                )
            if ind.keywords:
                needles = sorted({n for k in ind.keywords for n in prefilter_needles(k)})
                desc = pl.col("description").fill_null("")
                conditions.append(
                    desc.str.contains_any(needles, ascii_case_insensitive=True)
                    | (desc.str.len_bytes() != desc.str.len_chars())
                )
            if not conditions:
                continue
            matched = df.filter(pl.all_horizontal(conditions)).select(_ROW, "description")
            automaton = _keyword_automaton(ind.keywords) if ind.keywords else None
            for row, text in zip(matched[_ROW], matched["description"], strict=True):
                evidence = source.title
                if automaton is not None:
                    word = _find_keyword(automaton, normalise(text or ""))
                    if word is None:
                        continue
                    evidence = f'{source.title}: "{word}"'
                hits.append(
                    (
                        row,
                        None,
                        "indicator",
                        source.agreement,
                        source.id,
                        evidence,
                        source.document,
                        source.severity,
                    )
                )
        return hits


def _keyword_automaton(keywords: tuple[str, ...]) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for word in keywords:
        automaton.add_word(word, word)
    automaton.make_automaton()
    return automaton


def _find_keyword(automaton: ahocorasick.Automaton, text: str) -> str | None:
    for end_index, word in automaton.iter(text):
        end = end_index + 1
        if left_boundary(text, end - len(word)) and right_boundary(text, end):
            return str(word)
    return None
