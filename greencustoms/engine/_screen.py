"""screen(): apply the rule families to declaration lines (Arrow/Polars batches in, a Polars frame out)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeAlias

import ahocorasick
import polars as pl
import pyarrow as pa

from greencustoms.engine._compile import Ruleset
from greencustoms.engine._model import RiskIndicator
from greencustoms.engine._text import left_boundary, normalise, prefilter_needles, right_boundary
from greencustoms.engine.columns import DEFAULT_EDITION, HIT_COLUMNS, HIT_SCHEMA, INPUT_COLUMNS, LINE, RULES
from greencustoms.engine.errors import EngineError

Batch: TypeAlias = pa.RecordBatch | pa.Table | pl.DataFrame
_ROW = "_row"
_IRREGULAR_SPACE = ["  ", "\t", "\n", "\r", "\f", "\v"]
_LIGATURES = {"\u0153": "oe", "\u0152": "OE", "\u00e6": "ae", "\u00c6": "AE", "\u00df": "ss", "\u00f8": "o"}
#: An ex code matching more items of one agreement than this gives one collapsed hit.
MAX_LISTED_EX_ITEMS = 5
_RULE_ORDER = {"hs_code": 0, "description": 1, "misdeclaration": 2, "country": 3, "indicator": 4}


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
        indicator). Misdeclaration needs description.

    Returns
    -------
    polars.DataFrame
        One row per hit, columns ``declaration_id, line_no, rule, agreement, item, evidence,
        document, severity``, in input order.
    """
    frames = list(screen_iter(batches, ruleset, edition=edition, indicators=indicators, rules=rules))
    return pl.concat(frames) if frames else empty_hits()


def screen_iter(
    batches: Batch | Iterable[Batch],
    ruleset: Ruleset,
    *,
    edition: str = DEFAULT_EDITION,
    indicators: Sequence[RiskIndicator] = (),
    rules: Iterable[str] = RULES,
) -> Iterator[pl.DataFrame]:
    """Like :func:`screen`, one hits frame per input batch (for streaming)."""
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
        yield screen_frame(frame, ruleset, edition=edition, indicators=compiled, rules=wanted)


# -- one batch ---------------------------------------------------------------------------------------
def _prepare(frame: pl.DataFrame) -> pl.DataFrame:
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
    return frame.select(columns).with_row_index(_ROW)


def _fmt_code(expr: pl.Expr) -> pl.Expr:
    """2903 -> 2903, 290371 -> 2903.71, 29037100 -> 2903.71.00."""
    length = expr.str.len_chars()
    return (
        pl.when(length > 6)
        .then(
            pl.concat_str(
                [expr.str.slice(0, 4), pl.lit("."), expr.str.slice(4, 2), pl.lit("."), expr.str.slice(6)]
            )
        )
        .when(length > 4)
        .then(pl.concat_str([expr.str.slice(0, 4), pl.lit("."), expr.str.slice(4)]))
        .otherwise(expr)
    )


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
) -> pl.DataFrame:
    """Screen one frame (see :func:`screen`)."""
    df = _prepare(frame)
    if df.height == 0:
        return empty_hits()
    parts: list[pl.DataFrame] = []
    hs_hits, hs_touched = (
        _hs_rule(df, ruleset, edition)
        if "hs_code" in rules
        else (_frame([]), pl.DataFrame(schema={_ROW: pl.UInt32, "item_idx": pl.Int64}))
    )
    if hs_hits.height:
        parts.append(hs_hits)
    desc_hits, name_hits = _description_rule(df, ruleset) if "description" in rules else ([], [])
    if desc_hits:
        parts.append(_frame(desc_hits))
        misdeclared = (
            _misdeclaration_rule(df, ruleset, edition, name_hits) if "misdeclaration" in rules else []
        )
        if misdeclared:
            parts.append(_frame(misdeclared))
    touched = list(zip(hs_touched[_ROW].to_list(), hs_touched["item_idx"].to_list(), strict=True))
    touched += [(row, idx) for row, idx, _text in name_hits]
    if touched and ruleset.parties and "country" in rules:
        country_hits = _country_rule(df, ruleset, sorted(set(touched)))
        if country_hits:
            parts.append(_frame(country_hits))
    if indicators is not None and "indicator" in rules:
        indicator_hits = indicators.apply(df)
        if indicator_hits:
            parts.append(_frame(indicator_hits))
    if not parts:
        return empty_hits()
    hits = pl.concat([p.select(_ROW, *HIT_COLUMNS[2:]) for p in parts])
    ids = df.select(_ROW, "declaration_id", "line_no")
    return (
        hits.join(ids, on=_ROW, how="left")
        .with_columns(pl.col("rule").replace_strict(_RULE_ORDER, return_dtype=pl.Int8).alias("_order"))
        .sort(_ROW, "_order", "agreement", "item", "evidence")
        .select(HIT_COLUMNS)
    )


def _frame(rows: list[tuple[Any, ...]]) -> pl.DataFrame:
    return pl.DataFrame(
        rows,
        schema={_ROW: pl.UInt32, **dict.fromkeys(HIT_COLUMNS[2:], pl.String)},
        orient="row",
    )


# -- rule 1: HS code ---------------------------------------------------------------------------------
def _hs_rule(df: pl.DataFrame, ruleset: Ruleset, edition: str) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(hits, every (row, item index) pair matched, collapsed or not)."""
    table = ruleset.hs_tables[edition]
    schema = {_ROW: pl.UInt32, **dict.fromkeys(HIT_COLUMNS[2:], pl.String)}
    none = (pl.DataFrame(schema=schema), pl.DataFrame(schema={_ROW: pl.UInt32, "item_idx": pl.Int64}))
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
        return single.drop("item_idx"), touched
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
    return pl.concat([single, collapsed]).drop("item_idx"), touched


# -- rule 2: description -----------------------------------------------------------------------------
def _may_match(text: pl.Expr, ruleset: Ruleset) -> pl.Expr:
    found = text.str.contains_any(ruleset.long_needles, ascii_case_insensitive=True)
    if ruleset.short_needles_regex is not None:
        found = found | text.str.contains(ruleset.short_needles_regex)
    return found


def _candidates(df: pl.DataFrame, ruleset: Ruleset) -> pl.DataFrame:
    """Rows whose description may hold a controlled name: a cheap vectorised superset.

    Plain descriptions (ASCII, single spaces) are searched as they are, ASCII case-insensitive; the
    few others are first folded like :func:`normalise` does (accents dropped, dashes unified, white
    space collapsed) and then searched.
    """
    desc = pl.col("description").fill_null("")
    irregular = (desc.str.len_bytes() != desc.str.len_chars()) | desc.str.contains_any(_IRREGULAR_SPACE)
    flagged = df.select(_ROW, "description", irregular.alias("_irregular"))
    plain = flagged.filter(~pl.col("_irregular")).filter(_may_match(desc, ruleset))
    others = flagged.filter(pl.col("_irregular"))
    if others.height:
        folded = (
            desc.str.normalize("NFKD")
            .str.replace_all(r"\p{Mn}", "")
            .str.replace_all("[\u2010-\u2015\u2212]", "-")
            .str.replace_many(_LIGATURES)
            .str.replace_all(r"\s+", " ")
        )
        others = others.filter(_may_match(folded, ruleset))
        return pl.concat([plain, others]).sort(_ROW).select(_ROW, "description")
    return plain.select(_ROW, "description")


def _description_rule(
    df: pl.DataFrame, ruleset: Ruleset
) -> tuple[list[tuple[Any, ...]], list[tuple[int, int, str]]]:
    if not ruleset.needles:
        return [], []
    hits: list[tuple[Any, ...]] = []
    name_hits: list[tuple[int, int, str]] = []
    candidates = _candidates(df, ruleset)
    items = ruleset.items
    documents = ruleset.item_documents
    for row, text in zip(candidates[_ROW], candidates["description"], strict=True):
        seen: set[int] = set()
        for match in ruleset.find_names(normalise(text)):
            for idx in match.items:
                if idx in seen:
                    continue
                seen.add(idx)
                item = items[idx]
                name_hits.append((row, idx, match.text))
                evidence = f'description names {item.name}: "{match.text}"'
                hits.append(
                    (row, "description", item.agreement, item.item_id, evidence, documents[idx], "medium")
                )
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
    hits = []
    for row, idx, text in name_hits:
        code = declared[row]
        codes = codes_of.get(idx)
        if len(code) < 4 or not codes:
            continue  # nothing declared, or the item has no code in this edition: nothing to compare
        if any(code.startswith(c) or c.startswith(code) for c in codes):
            continue
        item = ruleset.items[idx]
        listed = ", ".join(_fmt(c) for c in codes[:6]) + (", …" if len(codes) > 6 else "")
        evidence = (
            f'description names {item.name} ("{text}") but declared {edition} {_fmt(code)} '
            f"is not one of its codes ({listed})"
        )
        hits.append(
            (
                row,
                "misdeclaration",
                item.agreement,
                item.item_id,
                evidence,
                ruleset.item_documents[idx],
                "high",
            )
        )
    return hits


# -- rule 4: country ---------------------------------------------------------------------------------
def _country_rule(
    df: pl.DataFrame, ruleset: Ruleset, touched: list[tuple[int, int]]
) -> list[tuple[Any, ...]]:
    """Origin/destination not Party to the agreement (or to the amendment the item needs).

    One hit per line, country role and instrument, attributed to the first item (in ruleset order)
    of the line that needs it.
    """
    first: dict[tuple[int, tuple[str, str, str, str]], int] = {}
    checks_of = ruleset.item_checks
    for row, idx in touched:
        for check in checks_of[idx]:
            first.setdefault((row, check), idx)
    if not first:
        return []
    rows = sorted({row for row, _check in first})
    sub = df.select("origin", "destination")[rows]
    countries = {
        row: (ruleset.country(o), ruleset.country(d))
        for row, o, d in zip(rows, sub["origin"], sub["destination"], strict=True)
    }
    hits = []
    empty: frozenset[str] = frozenset()
    for (row, (instrument, title, basis, severity)), idx in first.items():
        members = ruleset.parties.get(instrument, empty)
        for role, country in zip(("origin", "destination"), countries[row], strict=True):
            if country is None or country in members:
                continue
            item = ruleset.items[idx]
            because = f" ({basis})" if basis else ""
            evidence = (
                f"{role} {country} is not a Party to the {title}{because}; the line touches {item.name}"
            )
            hits.append(
                (
                    row,
                    "country",
                    item.agreement,
                    item.item_id,
                    evidence,
                    ruleset.item_documents[idx],
                    severity,
                )
            )
    return hits


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
