"""Compile reference data into a Ruleset (HS tables, one Aho-Corasick automaton, party tables); save/load."""

from __future__ import annotations

import dataclasses
import gzip
import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

import ahocorasick
import polars as pl

from greencustoms.engine._model import (
    Agreement,
    ControlledItem,
    HsCode,
    InstrumentRequirement,
    Name,
    PartyCoverage,
    PartyStatus,
    ReferenceData,
)
from greencustoms.engine._text import left_boundary, normalise, prefilter_needles, right_boundary
from greencustoms.engine.columns import EDITIONS
from greencustoms.engine.errors import RulesetError, RulesetVersionError

FORMAT: Final = "greencustoms-ruleset"
FORMAT_VERSION: Final = 2  # 2: legal state of items, dated party facts, coverage, sources
#: Shortest normalised name the description rule matches; shorter ones ("hg", "pb") flag too much.
MIN_NAME_LENGTH: Final = 3
MIN_FORMULA_LENGTH: Final = 4
SHORT_NEEDLE: Final = 9


@dataclasses.dataclass(frozen=True, slots=True)
class Match:
    """A controlled name found in a normalised description."""

    start: int
    end: int
    text: str
    items: tuple[int, ...]


class Ruleset:
    """A compiled ruleset: build with :func:`compile_ruleset` or :func:`load_ruleset`, then :func:`screen`."""

    def __init__(self, reference: ReferenceData, *, release: str, created: str) -> None:
        self.reference = reference
        self.release = release
        self.created = created
        self.items: tuple[ControlledItem, ...] = reference.items
        self.item_documents: tuple[str, ...] = tuple("; ".join(i.documents) for i in self.items)
        self.agreements: dict[str, Agreement] = {a.slug: a for a in reference.agreements}
        self.items_frame = pl.DataFrame(
            {
                "item_idx": list(range(len(self.items))),
                "agreement": [i.agreement for i in self.items],
                "item_id": [i.item_id for i in self.items],
                "name": [i.name for i in self.items],
                "document": list(self.item_documents),
                "listing": [i.listing for i in self.items],
                "agreement_name": [
                    self.agreements[i.agreement].name if i.agreement in self.agreements else i.agreement
                    for i in self.items
                ],
                "status": [i.status for i in self.items],
                "decision": [i.decision for i in self.items],
                "entry_into_force": [i.entry_into_force or None for i in self.items],
                "deleted_on": [i.deleted_on or None for i in self.items],
                "ask": [_ask(i.documents) for i in self.items],
            },
            schema={
                "item_idx": pl.Int64,
                "agreement": pl.String,
                "item_id": pl.String,
                "name": pl.String,
                "document": pl.String,
                "listing": pl.String,
                "agreement_name": pl.String,
                "status": pl.String,
                "decision": pl.String,
                "entry_into_force": pl.String,
                "deleted_on": pl.String,
                "ask": pl.String,
            },
        ).with_columns(
            pl.col("entry_into_force").str.to_date("%Y-%m-%d", strict=False),
            pl.col("deleted_on").str.to_date("%Y-%m-%d", strict=False),
        )
        #: item key ("basel:a1160") -> index, for the rules that name an entry (waste)
        self.item_index: dict[str, int] = {item.key: index for index, item in enumerate(self.items)}
        self.countries: dict[str, str] = {k.upper(): v.upper() for k, v in reference.countries.items()}
        self._compile_names()
        self._compile_hs()
        self._compile_parties()

    # -- names -----------------------------------------------------------------------------------
    def _compile_names(self) -> None:
        by_pattern: dict[str, set[int]] = defaultdict(set)
        for index, item in enumerate(self.items):
            names = [Name(item.name, "en", "name"), *item.names, *(Name(c, "xx", "cas") for c in item.cas)]
            for name in names:
                pattern = normalise(name.text)
                minimum = MIN_FORMULA_LENGTH if name.kind == "formula" else MIN_NAME_LENGTH
                if len(pattern) >= minimum and any(ch.isalnum() for ch in pattern):
                    by_pattern[pattern].add(index)
        self.patterns: dict[str, tuple[int, ...]] = {p: tuple(sorted(v)) for p, v in by_pattern.items()}
        self.automaton = ahocorasick.Automaton()
        for pattern, items in self.patterns.items():
            self.automaton.add_word(pattern, (pattern, items))
        if self.patterns:
            self.automaton.make_automaton()
        needles: set[str] = set()
        for pattern in self.patterns:
            needles.update(prefilter_needles(pattern))
        self.needles: list[str] = sorted(needles)
        # Short needles ("tel", "r22") occur inside many ordinary words ("steel"): they are searched
        # on ASCII word boundaries by one regular expression; long ones by Aho-Corasick.
        self.long_needles: list[str] = [n for n in self.needles if len(n) >= SHORT_NEEDLE]
        short = sorted((n for n in self.needles if len(n) < SHORT_NEEDLE), key=len, reverse=True)
        self.short_needles_regex: str | None = (
            r"(?i)(?:^|[^a-z0-9])(?:" + "|".join(re.escape(n) for n in short) + r")(?:$|[^a-z0-9])"
            if short
            else None
        )
        # The pre-filter proper: every needle in one word-bounded alternation, searched in lower-cased
        # text (a match must start and end on a word boundary, see _text, so requiring one here only
        # drops lines that could never hit); Rust's lazy DFA runs it faster than case-insensitive
        # Aho-Corasick over the long needles alone. None when the alternation is too big for the
        # regex engine: then the two-part filter above is used on the lower-cased text instead.
        self.needles_regex: str | None = None
        if self.needles:
            alternation = "|".join(re.escape(n) for n in sorted(self.needles, key=len, reverse=True))
            candidate = r"(?:^|[^a-z0-9])(?:" + alternation + r")(?:$|[^a-z0-9])"
            try:
                pl.Series([""], dtype=pl.String).str.contains(candidate)
            except pl.exceptions.ComputeError:
                pass  # too big for the regex engine
            else:
                self.needles_regex = candidate

    def find_names(self, text: str) -> list[Match]:
        """Controlled names on word boundaries in normalised `text`; overlapping matches keep the longest."""
        if not self.patterns:
            return []
        found: list[Match] = []
        for end_index, (pattern, items) in self.automaton.iter(text):
            end = end_index + 1
            start = end - len(pattern)
            if left_boundary(text, start) and right_boundary(text, end):
                found.append(Match(start, end, pattern, items))
        if len(found) < 2:
            return found
        found.sort(key=lambda m: (m.start, -(m.end - m.start)))
        kept: list[Match] = []
        for match in found:
            if kept and match.start < kept[-1].end:
                if match.end - match.start > kept[-1].end - kept[-1].start:
                    kept[-1] = match
                continue
            kept.append(match)
        return kept

    # -- HS codes --------------------------------------------------------------------------------
    def _compile_hs(self) -> None:
        rows: dict[str, list[tuple[str, int, bool]]] = defaultdict(list)
        codes: dict[str, dict[int, tuple[str, ...]]] = defaultdict(dict)
        for index, item in enumerate(self.items):
            per_edition: dict[str, list[str]] = defaultdict(list)
            for hs in item.hs_codes:
                code = "".join(ch for ch in hs.code if ch.isdigit())
                if len(code) < 4:
                    continue
                rows[hs.edition].append((code, index, hs.ex))
                per_edition[hs.edition].append(code)
            for edition, values in per_edition.items():
                codes[edition][index] = tuple(sorted(set(values)))
        self.item_codes: dict[str, dict[int, tuple[str, ...]]] = dict(codes)
        self.hs_tables: dict[str, pl.DataFrame] = {}
        self.hs_prefix4: dict[str, list[str]] = {}
        for edition in {*EDITIONS, *rows}:
            frame = pl.DataFrame(
                rows.get(edition, []),
                schema={"code": pl.String, "item": pl.Int64, "ex": pl.Boolean},
                orient="row",
            ).unique()
            frame = frame.with_columns(pl.col("code").str.len_chars().alias("len"))
            self.hs_tables[edition] = frame
            self.hs_prefix4[edition] = sorted({code[:4] for code, _i, _e in rows.get(edition, [])})

    # -- parties ---------------------------------------------------------------------------------
    def _compile_parties(self) -> None:
        parties: dict[str, set[str]] = defaultdict(set)
        effective: list[tuple[str, str, str | None, str]] = []
        for status in self.reference.parties:
            if status.status == "party":
                parties[status.instrument].add(status.country.upper())
                # bound from the instrument's entry into force for the country (else its deposit date)
                effective.append(
                    (
                        status.instrument,
                        status.country.upper(),
                        status.in_force or status.date or None,
                        status.action,
                    )
                )
        self.parties: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in parties.items()}
        self.instruments_with_data = frozenset(s.instrument for s in self.reference.parties)
        self.party_as_of: dict[str, tuple[str, str]] = self._party_as_of()
        self.item_requirements: dict[int, tuple[InstrumentRequirement, ...]] = {}
        try:
            patterns = [(r, re.compile(r.listing_pattern)) for r in self.reference.requirements]
        except re.error as exc:
            raise RulesetError(f"invalid listing pattern in an instrument requirement: {exc}") from exc
        for index, item in enumerate(self.items):
            needs = tuple(
                r
                for r, rx in patterns
                if r.agreement == item.agreement and rx.search(item.listing) is not None
            )
            if needs:
                self.item_requirements[index] = needs
        # per item: the instruments whose non-Parties the country rule reports (none when the agreement
        # does not restrict trade with non-Parties or no party data was given for it)
        self.item_checks: list[tuple[tuple[str, str, str, str, str], ...]] = []
        for index, item in enumerate(self.items):
            agreement = self.agreements.get(item.agreement)
            if agreement is None or not agreement.restricts_non_party_trade:
                self.item_checks.append(())
                continue
            if item.agreement not in self.instruments_with_data:
                self.item_checks.append(())
                continue
            checks = [(item.agreement, agreement.name, "", "high", "")]
            checks += [
                (r.instrument, r.instrument_name or r.instrument, r.basis, r.severity, r.applies_from)
                for r in self.item_requirements.get(index, ())
                if r.instrument in self.instruments_with_data
            ]
            # a non-Party statement needs the date its party list is known for: without one, none is made
            checks = [c for c in checks if c[0] in self.party_as_of]
            self.item_checks.append(tuple(checks))
        # the same as frames, for the vectorised country rule
        self.item_checks_frame = pl.DataFrame(
            [
                (
                    index,
                    instrument,
                    title,
                    basis,
                    severity,
                    applies_from or None,
                    *self.party_as_of[instrument],
                )
                for index, checks in enumerate(self.item_checks)
                for instrument, title, basis, severity, applies_from in checks
            ],
            schema={
                "item_idx": pl.Int64,
                "instrument": pl.String,
                "title": pl.String,
                "basis": pl.String,
                "severity": pl.String,
                "applies_from": pl.String,
                "as_of": pl.String,
                "per": pl.String,
            },
            orient="row",
        ).with_columns(pl.col("applies_from").str.to_date("%Y-%m-%d", strict=False))
        #: one row per Party: from when it is bound (null: date not recorded, read as always)
        self.parties_frame = (
            pl.DataFrame(
                effective,
                schema={
                    "instrument": pl.String,
                    "country": pl.String,
                    "bound_from": pl.String,
                    "action": pl.String,
                },
                orient="row",
            )
            .with_columns(pl.col("bound_from").str.to_date("%Y-%m-%d", strict=False))
            .unique(subset=["instrument", "country"], keep="first", maintain_order=True)
        )

    def _party_as_of(self) -> dict[str, tuple[str, str]]:
        """Instrument -> (as-of date, source title) of its party list, for instruments whose non-Parties
        may be named: a complete (or assumed complete) list per parties/coverage.csv, else, when no coverage
        is recorded for it, the newest `as_of` of its rows. An instrument without a date is left out."""
        sources = self.reference.sources
        coverage = {c.instrument: c for c in self.reference.coverage}
        newest: dict[str, tuple[str, str]] = {}
        for status in self.reference.parties:
            if status.as_of and status.as_of > newest.get(status.instrument, ("", ""))[0]:
                newest[status.instrument] = (status.as_of, status.source)
        out: dict[str, tuple[str, str]] = {}
        for instrument in self.instruments_with_data:
            known = coverage.get(instrument)
            if known is not None:
                if known.complete in ("yes", "assumed") and known.as_of:
                    out[instrument] = (known.as_of, sources.get(known.source, known.source))
            elif instrument in newest:
                as_of, source = newest[instrument]
                out[instrument] = (as_of, sources.get(source, source))
        return out

    def country(self, value: str | None) -> str | None:
        """ISO alpha-2 of an alpha-2 or alpha-3 code, or None when unknown or empty."""
        if not value:
            return None
        code = value.strip().upper()
        if code in self.countries:
            return self.countries[code]
        if len(code) == 2 and code.isalpha() and not self.countries:
            return code
        return None

    def __repr__(self) -> str:
        return f"<Ruleset release={self.release!r} items={len(self.items)} names={len(self.patterns)}>"


def _ask(documents: tuple[str, ...]) -> str:
    """ "ask for the import/export licence (…)": the item's first document, what an officer asks the trader
    for first ("" when none)."""
    if not documents:
        return ""
    return f"ask for the {documents[0][:1].lower()}{documents[0][1:]}"


def release_id(reference: ReferenceData) -> str:
    """A content hash of the reference data: the same data gives the same release id."""
    digest = hashlib.sha256(json.dumps(_to_json(reference), sort_keys=True).encode()).hexdigest()
    return f"sha256:{digest[:16]}"


def compile_ruleset(reference: ReferenceData, *, release: str | None = None) -> Ruleset:
    """Compile reference data into a :class:`Ruleset`.

    Parameters
    ----------
    reference
        Controlled items, agreements, party statuses, amendment requirements and country codes.
    release
        The data release id stored with the ruleset; by default ``reference.release`` or, if empty,
        a content hash of the reference data.

    Returns
    -------
    Ruleset
        HS prefix tables per edition, one Aho-Corasick automaton over the normalised names, party sets.
    """
    if not reference.items:
        raise RulesetError("no controlled items: the ruleset would flag nothing")
    return Ruleset(
        reference,
        release=release or reference.release or release_id(reference),
        created=datetime.now(UTC).isoformat(timespec="seconds"),
    )


def save_ruleset(ruleset: Ruleset, path: str | Path) -> Path:
    """Write the ruleset to `path` (gzip-compressed JSON with the format version and release id)."""
    target = Path(path)
    payload = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "release": ruleset.release,
        "created": ruleset.created,
        "reference": _to_json(ruleset.reference),
    }
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    with gzip.open(tmp, "wt", encoding="utf-8") as fh:
        json.dump(payload, fh, ensure_ascii=False)
    tmp.replace(target)
    return target


def load_ruleset(path: str | Path) -> Ruleset:
    """Read a ruleset written by :func:`save_ruleset` and compile its automaton."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            payload = json.load(fh)
    except (OSError, EOFError, ValueError) as exc:
        raise RulesetError(f"{path}: not a readable ruleset file ({exc})") from exc
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise RulesetError(f"{path}: not a greencustoms ruleset")
    if payload.get("version") != FORMAT_VERSION:
        raise RulesetVersionError(
            f"{path}: ruleset format version {payload.get('version')}, this engine reads {FORMAT_VERSION};"
            " rebuild it with `greencustoms ruleset build`"
        )
    reference = _from_json(payload["reference"])
    return Ruleset(reference, release=str(payload["release"]), created=str(payload["created"]))


def _to_json(reference: ReferenceData) -> dict[str, Any]:
    return dataclasses.asdict(reference)


def _tuple(values: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(values)


def _from_json(data: dict[str, Any]) -> ReferenceData:
    try:
        items = tuple(
            ControlledItem(
                agreement=i["agreement"],
                item_id=i["item_id"],
                name=i["name"],
                kind=i["kind"],
                listing=i["listing"],
                names=_tuple(Name(**n) for n in i["names"]),
                cas=_tuple(i["cas"]),
                hs_codes=_tuple(HsCode(**h) for h in i["hs_codes"]),
                controls=_tuple(i["controls"]),
                documents=_tuple(i["documents"]),
                status=i.get("status", ""),
                decision=i.get("decision", ""),
                entry_into_force=i.get("entry_into_force", ""),
                deleted_on=i.get("deleted_on", ""),
            )
            for i in data["items"]
        )
        return ReferenceData(
            items=items,
            agreements=_tuple(Agreement(**a) for a in data["agreements"]),
            parties=_tuple(PartyStatus(**p) for p in data["parties"]),
            requirements=_tuple(InstrumentRequirement(**r) for r in data["requirements"]),
            countries=dict(data["countries"]),
            release=data.get("release", ""),
            coverage=_tuple(PartyCoverage(**c) for c in data.get("coverage", ())),
            sources=dict(data.get("sources", {})),
        )
    except (KeyError, TypeError) as exc:
        raise RulesetError(f"ruleset file is incomplete or damaged ({exc!r})") from exc
