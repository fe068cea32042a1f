"""Rules on what the goods are (equipment holding a controlled substance, waste declared as goods), the legal
state of a listing on a line's date, and the verdict of each line. Vectorised Polars throughout.

The regular expressions run on descriptions lower-cased and folded to ASCII (accents dropped), on the few
lines a cheap pre-filter keeps; keywords are English, French and Spanish.
"""

from __future__ import annotations

from typing import Final

import polars as pl

from greencustoms.engine._compile import Ruleset
from greencustoms.engine.columns import DECLARED_COLUMNS, HIT_COLUMNS, LINE_COLUMNS, LINE_SCHEMA, RULE_LABELS

ROW: Final = "_row"
DATE: Final = "_date"
#: Points of a hit in a line's score (capped at 100); `info` adds nothing.
SEVERITY_POINTS: Final = {"high": 50, "medium": 25, "low": 10, "info": 0}
_SEVERITY_RANK: Final = {"high": 0, "medium": 1, "low": 2, "info": 3}
CLEAR_REASON: Final = "No rule matched."
_QUOTED: Final = 80  # characters of the declared description quoted in an evidence sentence


def empty_lines() -> pl.DataFrame:
    """A lines frame with no rows and the contract's columns."""
    return pl.DataFrame(schema=LINE_SCHEMA)


def fmt_code(expr: pl.Expr) -> pl.Expr:
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


def distinct_texts(df: pl.DataFrame) -> pl.DataFrame:
    """The batch's distinct descriptions (nulls as ""), one column ``description``.

    Declarations repeat their descriptions (the same goods line after line), so the pre-filters over every
    description run once per distinct text and the lines are then picked by :func:`of_texts`: one hash pass
    and one set lookup per line instead of a regular expression per line."""
    return df.select(pl.col("description").fill_null("").unique())


def of_texts(texts: pl.DataFrame) -> pl.Expr:
    """A filter of a batch's lines: those whose description (nulls as "") is one of `texts`."""
    return pl.col("description").fill_null("").is_in(texts.get_column("description").implode())


def _digits() -> pl.Expr:
    return pl.col("hs_code").fill_null("").str.replace_all(r"[^0-9]", "")


def _folded() -> pl.Expr:
    """The description lower-cased, accents dropped, spaces collapsed (what the keyword patterns expect)."""
    return (
        pl.col("description")
        .fill_null("")
        .str.normalize("NFKD")
        .str.replace_all(r"\p{Mn}", "")
        .str.replace_all("[\u2010-\u2015\u2212]", "-")
        .str.replace_all(r"\s+", " ")
        .str.to_lowercase()
    )


def _declared() -> pl.Expr:
    """ "Declared 8415.10 'split air conditioners charged with R-22'" (the code as digits, formatted)."""
    desc = pl.col("description").fill_null("").str.strip_chars()
    quoted = (
        pl.when(desc.str.len_chars() > _QUOTED)
        .then(pl.concat_str([desc.str.slice(0, _QUOTED - 1), pl.lit("…")]))
        .otherwise(desc)
    )
    code = fmt_code(_digits())
    return (
        pl.when(code != "")
        .then(pl.format("Declared {} '{}'", code, quoted))
        .otherwise(pl.format("Declared without a code '{}'", quoted))
    )


# -- legal state on a date ---------------------------------------------------------------------------
def with_state(frame: pl.DataFrame, df: pl.DataFrame, ruleset: Ruleset) -> pl.DataFrame:
    """`frame` (with _row and item_idx) plus `_state` on each line's date: in_force, future or deleted.

    The same reading of items.csv as the lookup's ``Item.state_on``: deleted from `deleted_on`; with an
    entry into force, in force from it (future before); `adopted_not_in_force` without a date is future;
    `deleted` without a date is deleted; otherwise (not recorded) a current listing. No item (an indicator,
    a collapsed hit) is in force. Adds `_date`, `_eif`, `_decision`.
    """
    info = ruleset.items_frame.select(
        "item_idx",
        pl.col("status").alias("_status"),
        pl.col("decision").alias("_decision"),
        pl.col("entry_into_force").alias("_eif"),
        pl.col("deleted_on").alias("_deleted"),
    )
    # the row is the batch's row index: the dates are gathered, not joined (a join would hash the batch)
    out = frame.with_columns(pl.col(ROW).cast(pl.UInt32))
    out = out.with_columns(df.get_column(DATE).gather(out.get_column(ROW)).alias(DATE))
    out = out.join(info, on="item_idx", how="left")
    day = pl.col(DATE)
    state = (
        pl.when(pl.col("_deleted").is_not_null() & (day >= pl.col("_deleted")))
        .then(pl.lit("deleted"))
        .when(pl.col("_eif").is_not_null())
        .then(pl.when(day >= pl.col("_eif")).then(pl.lit("in_force")).otherwise(pl.lit("future")))
        .when(pl.col("_status") == "adopted_not_in_force")
        .then(pl.lit("future"))
        .when((pl.col("_status") == "deleted") & pl.col("_deleted").is_null())
        .then(pl.lit("deleted"))  # deleted, date not recorded: never a current control
        .otherwise(pl.lit("in_force"))
    )
    return out.with_columns(state.alias("_state")).drop("_status", "_deleted")


# -- equipment ---------------------------------------------------------------------------------------
#: Kinds of equipment that hold a controlled (ozone-depleting or HFC) substance: HS prefixes and words.
EQUIPMENT: Final = (
    (
        "air conditioner or heat pump",
        ("8415",),
        r"\b(?:air[- ]?condition\w*|split (?:units?|systems?)|heat pumps?|climatis\w*|climatiz\w*"
        r"|pompes? a chaleur|bombas? de calor|aire acondicionado|acondicionador\w*)\b",
    ),
    (
        "refrigerating equipment",
        ("8418", "841430"),
        r"\b(?:refrigerat(?:or|ors|ing|ed)|fridges?|freezers?|chillers?|cold rooms?|refrigerateurs?"
        r"|congelateurs?|refrigerador\w*|neveras?|congelador\w*|frigorifique\w*|frigorific[oa]s?)\b",
    ),
    (
        "fire extinguisher",
        ("842410",),
        r"\b(?:fire extinguishers?|extinguishers?|extincteurs?|extintor\w*)\b",
    ),
    ("aerosol", (), r"\b(?:aerosols?|spray cans?|bombes? aerosols?)\b"),
    (
        "foam",
        (),
        r"\b(?:foams?|mousses? (?:isolantes?|polyurethane)|espumas?|insulation panels?|sandwich panels?)\b",
    ),
    (
        "pre-charged equipment",
        (),
        r"\b(?:pre-?charged|pre-?filled|charged with|pre-?charges?|precargad[oa]s?|cargad[oa]s? con"
        r"|charge(?:e|s|es)? (?:avec|en|de))\b",
    ),
)
#: Words of a substance shipped in bulk (cylinders of refrigerant): not equipment, whatever the code says
#: (a gas declared under an equipment heading is the misdeclaration rule's).
BULK: Final = (
    r"\b(?:cylinders?|bottles?|canisters?|drums?|tanks?|isotanks?|in bulk|bouteilles?|cylindres?|futs?"
    r"|en vrac|cilindros?|botellas?|bidones?|tambores?|a granel)\b"
)
#: Words of the substance itself ("R-22 refrigerant"): under an equipment heading without a word of
#: equipment, the line is the gas, not the equipment.
SUBSTANCE: Final = (
    r"\b(?:refrigerants?|refrigerant gas|gas|gaz|frigorigenes?|refrigerantes?|fluide frigorigene)\b"
)
#: Agreements whose substances are found inside equipment.
EQUIPMENT_AGREEMENTS: Final = ("montreal",)


def equipment_rule(df: pl.DataFrame, ruleset: Ruleset, edition: str, named: pl.DataFrame) -> pl.DataFrame:
    """Lines naming a controlled substance of an equipment agreement, declared as equipment: described as
    equipment (air conditioner, refrigerator, extinguisher, aerosol, foam, pre-charged) under a code that is
    not the substance's own, or under an equipment heading (8415, 8418, 8424.10, 8414.30) without words of
    the substance itself ("R-22 refrigerant"). Substance in containers (cylinders, drums, in bulk) is not
    equipment unless described as pre-charged or as extinguishers: those lines stay misdeclarations.

    `named` holds the (row, item index) pairs whose names the description rule found. One hit per pair,
    severity medium (documents to check); the caller drops the description and misdeclaration hits of
    the same pairs.
    """
    schema = {ROW: pl.UInt32, "item_idx": pl.Int64}
    items = ruleset.items_frame.filter(pl.col("agreement").is_in(EQUIPMENT_AGREEMENTS))
    pairs = named.join(items.select("item_idx"), on="item_idx", how="semi").unique(maintain_order=True)
    if pairs.height == 0:
        return pl.DataFrame(schema={**schema, "rule": pl.String})
    lines = (
        df.select(ROW, "hs_code", "description")
        .join(pairs.select(ROW).unique(), on=ROW, how="semi")
        .rechunk()  # see waste_rule: a Polars 2.1 panic on filtered slices
    )
    # the folded text and the digits once, as columns (every pattern below reads them)
    lines = lines.with_columns(_digits().alias("_hs"), _folded().alias("_text"))
    kind_by_code = pl.lit(None, dtype=pl.String)
    kind_by_word = pl.lit(None, dtype=pl.String)
    hs = pl.col("_hs")
    folded = pl.col("_text")
    for kind, prefixes, words in reversed(EQUIPMENT):
        if prefixes:
            kind_by_code = (
                pl.when(pl.any_horizontal([hs.str.starts_with(p) for p in prefixes]))
                .then(pl.lit(kind))
                .otherwise(kind_by_code)
            )
        kind_by_word = pl.when(folded.str.contains(words)).then(pl.lit(kind)).otherwise(kind_by_word)
    lines = lines.with_columns(kind_by_code.alias("_by_code"), kind_by_word.alias("_by_word")).filter(
        (pl.col("_by_code").is_not_null() | pl.col("_by_word").is_not_null())
        & (
            ~folded.str.contains(BULK)
            | folded.str.contains(EQUIPMENT[-1][2])
            | folded.str.contains(EQUIPMENT[2][2])
        )
        & (pl.col("_by_word").is_not_null() | ~folded.str.contains(SUBSTANCE))
    )
    if lines.height == 0:
        return pl.DataFrame(schema={**schema, "rule": pl.String})
    found = pairs.join(lines.with_columns(_declared().alias("_said")), on=ROW, how="inner")
    # described as equipment but declared under the substance's own code: the substance itself (a gas
    # "for air conditioners"), which the other rules report
    table = ruleset.hs_tables[edition].select(pl.col("item").alias("item_idx"), "code")
    own = (
        found.filter(pl.col("_by_code").is_null())
        .join(table, on="item_idx", how="inner")
        .filter(
            (pl.col("_hs").str.len_chars() >= 4)
            & (pl.col("_hs").str.starts_with(pl.col("code")) | pl.col("code").str.starts_with(pl.col("_hs")))
        )
        .select(ROW, "item_idx")
        .unique()
    )
    found = found.join(own, on=[ROW, "item_idx"], how="anti")
    if found.height == 0:
        return pl.DataFrame(schema={**schema, "rule": pl.String})
    info = ruleset.items_frame.select(
        "item_idx", "agreement", "item_id", "name", "listing", "agreement_name", "ask", "document"
    )
    ask = pl.when(pl.col("ask") != "").then(pl.format(" — {}", "ask")).otherwise(pl.lit(""))
    return found.join(info, on="item_idx", how="left").select(
        pl.col(ROW).cast(pl.UInt32),
        "item_idx",
        pl.lit("equipment").alias("rule"),
        "agreement",
        pl.col("item_id").alias("item"),
        pl.format(
            "{}: {} containing {}, {} {}{}",
            "_said",
            pl.coalesce("_by_code", "_by_word"),
            "name",
            "agreement_name",
            "listing",
            ask,
        ).alias("evidence"),
        "document",
        pl.lit("medium").alias("severity"),
    )


# -- waste declared as goods -------------------------------------------------------------------------
#: Words that say the goods are waste (folded: "usagées" -> "usagees"). "used for/in/as …" is not one.
WASTE_WORDS: Final = (
    r"\b(?:used|scrap|scrapped|wastes?|for recycling|to be recycled|end[- ]of[- ]life|broken|second[- ]hand"
    r"|spent|discarded|obsolete|junk|salvaged?|e-waste|for dismantling|for breaking(?: up)?|for scrapping"
    r"|dechets?|ferrailles?|hors d'?usage|usagee?s|usagee|a recycler|pour (?:le )?recyclage|en fin de vie"
    r"|cassee?s?|d'occasion|usad[oa]s|usad[oa]|chatarra|desechos?|residuos?|para (?:el )?recicla\w*"
    r"|al final de (?:su )?vida|rot[oa]s|de segunda mano)\b"
)
_NOT_WASTE: Final = r"\bused (?:for|in|as|to|by|with|on|at|only|when|during)\b"
#: Cheap pre-filter (ASCII case-insensitive Aho-Corasick): a superset of the words above (lines with
#: accents are always kept: their words are matched once folded).
_WASTE_NEEDLES: Final = [
    "used", "scrap", "waste", "recycl", "end-of", "end of", "broken", "second", "spent", "discarded",
    "obsolete", "junk", "salvage", "dismantl", "breaking", "dechet", "ferraille", "usage", "hors d",
    "fin de", "casse", "occasion", "usad", "chatarra", "desecho", "residuo", "recicla", "al final", "roto",
    "rota", "segunda",
]  # fmt: skip
#: The same for the kinds of goods (a superset of the kinds' words below).
_KIND_NEEDLES: Final = [
    "lead", "plomb", "plomo", "batter", "accumul", "pile", "bateria", "acumulador", "electr", "e-waste",
    "weee", "computer", "laptop", "monitor", "televis", "tv", "crt", "phone", "printer", "circuit",
    "ordinat", "ordenador", "telefon", "celular", "computador", "plastic", "plastiq", "pet bottle",
    "polyeth", "polyprop", "oil", "lubri", "huile", "aceite", "ship", "vessel", "tanker", "carrier",
    "navire", "bateau", "buque", "barco",
]  # fmt: skip
#: Declared under a heading that is itself waste or scrap: the code rules speak, not this one.
WASTE_HEADINGS: Final = (
    "2620", "271091", "271099", "3825", "3915", "4004", "4707", "6310", "7204", "7404", "7503", "7602",
    "7802", "7902", "8002", "8548", "8549", "8908",
)  # fmt: skip
#: Kinds of goods often shipped as waste: HS prefixes, words, and the Basel entries they most likely fall
#: under, most likely first (the first in force on the line's date is named; later ones are information).
WASTE_KINDS: Final = (
    (
        "lead-acid batteries",
        ("850710", "850720"),
        r"\b(?:lead[- ]acid|plomb|plomo|acido[- ]plomo|pb[- ]acid)\b",
        ("a1160",),
    ),
    (
        "batteries",
        ("8506", "8507"),
        r"\b(?:batter(?:y|ies)|accumulators?|batteries?|piles?|baterias?|acumulador(?:es)?)\b",
        ("a1170",),
    ),
    (
        "electrical and electronic equipment",
        ("8443", "8471", "8473", "8517", "8525", "8527", "8528", "8534", "8540", "8542"),
        r"\b(?:electronics?|electronic (?:equipment|devices?|goods)|e-waste|weee|computers?|laptops?|monitors?"
        r"|televisions?|tv sets?|crts?|mobile phones?|cell ?phones?|phones?|printers?|circuit boards?"
        r"|electriques?|electroniques?|ordinateurs?|televiseurs?|electronic[oa]s?|computador(?:a|as|es)?"
        r"|ordenador(?:es)?|telefonos?|celulares?)\b",
        ("a1181", "a1180", "y49"),
    ),
    (
        "plastics",
        ("39",),
        r"\b(?:plastics?|plastiques?|plastic[oa]s?|pet bottles?|polyethylene|polypropylene|polyethylene)\b",
        ("y48",),
    ),
    (
        "oils",
        ("2710", "3403"),
        r"\b(?:oils?|lubricants?|lubricating|engine oils?|huiles?|lubrifiants?|aceites?|lubricantes?)\b",
        ("y8",),
    ),
    (
        "ships",
        ("8901", "8902", "8903", "8904", "8905", "8906"),
        r"\b(?:ships?|vessels?|tankers?|bulk carriers?|navires?|bateaux?|buques?|barcos?)\b",
        ("y36", "y10"),
    ),
)


def waste_rule(df: pl.DataFrame, ruleset: Ruleset, texts: pl.DataFrame | None = None) -> pl.DataFrame:
    """Goods described as waste (used, scrap, for recycling, end-of-life, broken, second-hand …) of a kind
    often shipped as waste (batteries, electronics, plastics, oils, ships), declared under a new-goods
    heading: one hit naming the Basel entry the waste most likely falls under on the line's date (high),
    plus any likely entry not yet in force then (information). `texts`: the batch's
    :func:`distinct_texts`, when the caller has them already."""
    schema = {ROW: pl.UInt32, "item_idx": pl.Int64, "rule": pl.String}
    entries = {f"basel:{e}" for _k, _p, _w, codes in WASTE_KINDS for e in codes}
    if not any(key in ruleset.item_index for key in entries):
        return pl.DataFrame(schema=schema)
    desc = pl.col("description").fill_null("")
    accented = desc.str.len_bytes() != desc.str.len_chars()
    # what depends on the words runs once per distinct description (see distinct_texts): a cheap ASCII
    # case-insensitive pre-filter, then the folded text, its waste words on word boundaries and whether it
    # names each kind; the lines are then picked by their text and judged by their code
    worded = (texts if texts is not None else distinct_texts(df)).filter(
        desc.str.contains_any(_WASTE_NEEDLES, ascii_case_insensitive=True) | accented
    )
    if worded.height == 0:
        return pl.DataFrame(schema=schema)
    worded = worded.with_columns(_folded().alias("_text"))
    worded = worded.with_columns(
        pl.col("_text").str.replace_all(_NOT_WASTE, " ").str.extract_all(WASTE_WORDS).alias("_words")
    ).filter(pl.col("_words").list.len() > 0)
    if worded.height == 0:
        return pl.DataFrame(schema=schema)
    worded = worded.select(
        pl.col("description").alias("_key"),
        "_words",
        *[pl.col("_text").str.contains(k[2]).alias(f"_kind{i}") for i, k in enumerate(WASTE_KINDS)],
    )
    lines = (
        df.filter(of_texts(worded.select(pl.col("_key").alias("description"))))
        .select(ROW, "hs_code", "description", _digits().alias("_hs"))
        .filter(~pl.any_horizontal([pl.col("_hs").str.starts_with(h) for h in WASTE_HEADINGS]))
    )
    if lines.height == 0:
        return pl.DataFrame(schema=schema)
    lines = lines.with_columns(desc.alias("_key")).join(worded, on="_key", how="left", maintain_order="left")
    kind = pl.lit(None, dtype=pl.Int64)
    for position in reversed(range(len(WASTE_KINDS))):
        _name, kind_codes, _pattern, _entries = WASTE_KINDS[position]
        by_code = pl.any_horizontal([pl.col("_hs").str.starts_with(p) for p in kind_codes])
        kind = pl.when(by_code | pl.col(f"_kind{position}")).then(pl.lit(position)).otherwise(kind)
    # lead-acid batteries need a battery too ("lead" alone is not a kind)
    battery = pl.col("_hs").str.starts_with("8507") | pl.col("_kind1")
    lines = (
        lines.with_columns(kind.alias("_kind"))
        .with_columns(
            pl.when((pl.col("_kind") == 0) & ~battery)
            .then(pl.lit(None))
            .otherwise(pl.col("_kind"))
            .alias("_kind")
        )
        .filter(pl.col("_kind").is_not_null())
        .drop("_key", *[f"_kind{i}" for i in range(len(WASTE_KINDS))])
    )
    if lines.height == 0:
        return pl.DataFrame(schema=schema)
    options = pl.DataFrame(
        [
            (position, priority, ruleset.item_index[f"basel:{code}"], name)
            for position, (name, _p, _w, codes) in enumerate(WASTE_KINDS)
            for priority, code in enumerate(codes)
            if f"basel:{code}" in ruleset.item_index
        ],
        schema={"_kind": pl.Int64, "_priority": pl.Int64, "item_idx": pl.Int64, "_kind_name": pl.String},
        orient="row",
    )
    found = with_state(
        # rechunked first: Polars 2.1 panics ("i < self.len()") evaluating the sentence on the filtered
        # slices of a batch that is itself a slice of a bigger frame
        lines.rechunk().with_columns(_declared().alias("_said")).join(options, on="_kind", how="inner"),
        df,
        ruleset,
    ).filter(pl.col("_state") != "deleted")
    # the most likely entry in force on the line's date, and the likely ones not yet in force (information)
    best = pl.col("_priority") == pl.col("_priority").filter(pl.col("_state") == "in_force").min().over(ROW)
    found = found.filter((pl.col("_state") == "future") | best)
    if found.height == 0:
        return pl.DataFrame(schema=schema)
    info = ruleset.items_frame.select(
        "item_idx", "agreement", "item_id", "name", "listing", "agreement_name", "ask", "document"
    )
    quoted = (
        pl.col("_words")
        .list.unique(maintain_order=True)
        .list.eval(pl.format('"{}"', pl.element()))
        .list.join(", ")
    )
    ask = pl.when(pl.col("ask") != "").then(pl.format(" — {}", "ask")).otherwise(pl.lit(""))
    return (
        found.join(info, on="item_idx", how="left")
        .sort(ROW, "_priority")
        .select(
            pl.col(ROW).cast(pl.UInt32),
            "item_idx",
            pl.lit("waste").alias("rule"),
            "agreement",
            pl.col("item_id").alias("item"),
            pl.format(
                "{}: {} suggest waste ({}) declared as goods under a new-goods heading; it most likely falls"
                " under the {} {} ({}){}",
                "_said",
                quoted,
                "_kind_name",
                "agreement_name",
                "listing",
                "name",
                ask,
            ).alias("evidence"),
            "document",
            pl.lit("high").alias("severity"),
        )
    )


# -- verdicts ----------------------------------------------------------------------------------------
def lines_of(df: pl.DataFrame, hits: pl.DataFrame | None) -> pl.DataFrame:
    """One row per line of `df`: verdict, score, reasons and the declared fields (columns.LINE_COLUMNS).

    Verdict: inspect when any hit is high, check when any is medium or low, clear otherwise (no hit, or
    information only). Score: high 50, medium 25, low 10, info 0 points per hit, capped at 100. Reasons:
    one sentence per hit, worst first.

    `hits` (internal, with _row, _order, label, severity, evidence) may be None when nothing fired."""
    base = df.select(ROW, "declaration_id", "line_no", *DECLARED_COLUMNS)
    if hits is None or hits.height == 0:
        return base.with_columns(
            pl.lit("clear").alias("verdict"),
            pl.lit(0, dtype=pl.Int64).alias("score"),
            pl.lit(CLEAR_REASON).alias("reasons"),
        ).select(LINE_COLUMNS)
    per_line = (
        hits.select(
            pl.col(ROW).cast(pl.UInt32),
            pl.col("severity").replace_strict(_SEVERITY_RANK, default=3, return_dtype=pl.Int8).alias("_rank"),
            pl.col("severity")
            .replace_strict(SEVERITY_POINTS, default=0, return_dtype=pl.Int64)
            .alias("_points"),
            pl.col("_order"),
            pl.format("{} ({}): {}.", "label", "severity", pl.col("evidence").str.strip_chars_end(".")).alias(
                "_sentence"
            ),
        )
        .sort(ROW, "_rank", "_order")
        .group_by(ROW, maintain_order=True)
        .agg(
            pl.col("_rank").min().alias("_worst"),
            pl.col("_points").sum().clip(upper_bound=100).alias("score"),
            pl.col("_sentence").unique(maintain_order=True).str.join(" ").alias("reasons"),
        )
    )
    worst = pl.col("_worst")
    per_line = per_line.select(
        ROW,
        pl.when(worst == 0)
        .then(pl.lit("inspect"))
        .when(worst <= 2)
        .then(pl.lit("check"))
        .otherwise(pl.lit("clear"))
        .alias("verdict"),
        "score",
        "reasons",
    )
    # the row is the batch's row index: every line starts clear (score 0, CLEAR_REASON) and the lines with
    # hits get theirs scattered in (cheaper than gathering nulls and filling them)
    rows = per_line.get_column(ROW).cast(pl.Int64)
    n = df.height
    return (
        base.drop(ROW)
        .with_columns(
            pl.repeat("clear", n, dtype=pl.String, eager=True)
            .scatter(rows, per_line["verdict"])
            .alias("verdict"),
            pl.repeat(0, n, dtype=pl.Int64, eager=True).scatter(rows, per_line["score"]).alias("score"),
            pl.repeat(CLEAR_REASON, n, dtype=pl.String, eager=True)
            .scatter(rows, per_line["reasons"])
            .alias("reasons"),
        )
        .select(LINE_COLUMNS)
    )


def add_hits(
    hits: pl.DataFrame, lines: pl.DataFrame, extra: pl.DataFrame
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Hits found after screening (e.g. ``licence`` hits against the platform's licences) joined to a screened
    batch: each gets its ``label`` and the line's declared fields, and the lines they touch are judged again
    with the same rule as :func:`lines_of` (points added, capped at 100; the worst severity sets the verdict;
    the sentences appended).

    `hits` and `extra` have the hits' contract columns (`extra` may lack the appended ones); `lines` is the
    batch's lines frame (LINE_COLUMNS). Returns (hits, lines)."""
    if extra.height == 0:
        return hits, lines
    key = ["declaration_id", "line_no"]
    declared = lines.select(*key, *DECLARED_COLUMNS).unique(key, keep="first")
    labels = pl.col("rule").replace_strict(RULE_LABELS, default=pl.col("rule"), return_dtype=pl.String)
    added = (
        extra.select(HIT_COLUMNS)
        .with_columns(pl.col(c).cast(pl.String) for c in HIT_COLUMNS)
        .with_columns(labels.alias("label"))
        .join(declared, on=key, how="left")
        .select(hits.columns)
    )
    per_line = (
        added.with_columns(
            pl.col("severity").replace_strict(_SEVERITY_RANK, default=3, return_dtype=pl.Int8).alias("_rank"),
            pl.col("severity")
            .replace_strict(SEVERITY_POINTS, default=0, return_dtype=pl.Int64)
            .alias("_points"),
            pl.format("{} ({}): {}.", "label", "severity", pl.col("evidence").str.strip_chars_end(".")).alias(
                "_sentence"
            ),
        )
        .group_by(key, maintain_order=True)
        .agg(
            pl.col("_rank").min().alias("_extra_worst"),
            pl.col("_points").sum().alias("_extra_points"),
            pl.col("_sentence").unique(maintain_order=True).str.join(" ").alias("_extra_reasons"),
        )
    )
    current = pl.col("verdict").replace_strict(
        {"inspect": 0, "check": 2, "clear": 3}, default=3, return_dtype=pl.Int8
    )
    worst = pl.min_horizontal(current, pl.col("_extra_worst").fill_null(3))
    touched = pl.col("_extra_points").is_not_null()
    judged = (
        lines.with_columns(pl.col("declaration_id").cast(pl.String), pl.col("line_no").cast(pl.String))
        .join(per_line, on=key, how="left", maintain_order="left")
        .with_columns(
            pl.when(worst == 0)
            .then(pl.lit("inspect"))
            .when(worst <= 2)
            .then(pl.lit("check"))
            .otherwise(pl.lit("clear"))
            .alias("verdict"),
            pl.when(touched)
            .then((pl.col("score") + pl.col("_extra_points")).clip(upper_bound=100))
            .otherwise(pl.col("score"))
            .cast(pl.Int64)
            .alias("score"),
            pl.when(touched & (pl.col("reasons") == CLEAR_REASON))
            .then(pl.col("_extra_reasons"))
            .when(touched)
            .then(pl.concat_str([pl.col("reasons"), pl.col("_extra_reasons")], separator=" "))
            .otherwise(pl.col("reasons"))
            .alias("reasons"),
        )
        .select(lines.columns)
    )
    return pl.concat([hits, added], how="vertical"), judged.cast(lines.schema)
