"""Reference data files under data/: reading and validation, without Django.

The layout is the contract in data/LAYOUT.md (shared with the screening engine). ``validate(dir)``
returns every problem as ``file:line: reason`` (line = physical line, header = 1); ``read(dir)`` returns
the parsed files as plain rows. Run ``python -m greencustoms.agreements.refdata DIR`` to check a folder.
"""

from __future__ import annotations

import csv
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

EDITIONS = ("HS2002", "HS2007", "HS2012", "HS2017", "HS2022")
AGREEMENT_SLUGS = ("basel", "rotterdam", "stockholm", "montreal", "cites", "cwc", "cartagena", "minamata")
AMENDMENT_SLUGS = ("kigali", "london", "copenhagen", "montreal-amendment", "beijing", "basel-ban")
KINDS = ("substance", "mixture", "species", "waste", "product")
CONTROLS = (
    "licence",
    "permit",
    "prior_informed_consent",
    "notification",
    "prohibition",
    "phase_out",
    "reporting",
)
LANGS = ("en", "fr", "es", "xx")
SYNONYM_KINDS = ("synonym", "trade_name", "designation", "formula")
PARTY_STATUS = ("party", "signatory")
PARTY_ACTIONS = ("ratification", "accession", "acceptance", "approval", "succession", "definitive-signature")

FILES: dict[str, tuple[str, ...]] = {
    "sources.csv": ("source", "title", "publisher", "url", "licence", "accessed"),
    "hs/nomenclature.csv": ("edition", "code", "level", "parent", "description"),
    "hs/correlation.csv": (
        "from_edition",
        "from_code",
        "to_edition",
        "to_code",
        "relationship",
        "partial_flag",
    ),
    "agreements/agreements.csv": (
        "slug",
        "name",
        "short_name",
        "adopted",
        "in_force",
        "secretariat",
        "url",
        "restricts_non_party_trade",
        "source",
    ),
    "agreements/items.csv": (
        "agreement",
        "item_id",
        "kind",
        "name",
        "name_fr",
        "name_es",
        "listing",
        "cas",
        "controls",
        "documents",
        "notes",
        "source",
    ),
    "agreements/synonyms.csv": ("agreement", "item_id", "synonym", "lang", "kind", "source"),
    "agreements/item_hs.csv": ("agreement", "item_id", "edition", "hs_code", "ex", "note", "source"),
    "parties/countries.csv": ("iso2", "iso3", "m49", "name_en", "name_fr", "name_es"),
    "parties/parties.csv": ("instrument", "country", "status", "action", "date", "in_force", "source"),
}

#: Columns a file may carry after its required ones (the layout is extended, never renamed), in this order.
OPTIONAL_COLUMNS: dict[str, tuple[str, ...]] = {
    # the date at which the source states the party's status (empty: the source states none)
    "parties/parties.csv": ("as_of",),
    # how far an HS row can be trusted: reviewed (hand list), correlation (a 1:1 UNSD link), candidate (one of
    # several codes a many-to-many or partial UNSD link gives, not reviewed: lower confidence)
    "agreements/item_hs.csv": ("confidence",),
    # the legal state of a listing: status, the decision that made it, its dates, the decision that deleted
    # it, and the source of these facts (empty: not recorded; the item is then read as a current listing)
    "agreements/items.csv": (
        "status",
        "decision",
        "entry_into_force",
        "deleted_on",
        "deleted_by",
        "status_source",
    ),
}

#: Confidence of an HS row of item_hs.csv (``confidence`` column; empty = not stated).
HS_CONFIDENCES = ("reviewed", "correlation", "candidate")

#: Legal state of a listing (``status`` column of items.csv; empty = not recorded).
ITEM_STATUSES = ("in_force", "adopted_not_in_force", "deleted")

_CAS_RE = re.compile(r"^(\d{2,7})-(\d{2})-(\d)$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ITEM_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def cas_is_valid(cas: str) -> bool:
    """True when ``cas`` is a well-formed CAS Registry Number whose check digit is right."""
    m = _CAS_RE.match(cas)
    if not m:
        return False
    digits = (m.group(1) + m.group(2))[::-1]
    return sum((i + 1) * int(d) for i, d in enumerate(digits)) % 10 == int(m.group(3))


@dataclass(frozen=True)
class Problem:
    """One invalid row: the file (relative to the data folder), its physical line and the reason."""

    file: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


@dataclass
class RefData:
    """The parsed reference files: each a list of (line number, row dict)."""

    root: Path
    tables: dict[str, list[tuple[int, dict[str, str]]]] = field(default_factory=dict)

    def rows(self, name: str) -> list[dict[str, str]]:
        return [r for _, r in self.tables.get(name, [])]


def _read(path: Path, name: str, problems: list[Problem]) -> list[tuple[int, dict[str, str]]]:
    expected = FILES[name]
    if not path.exists():
        problems.append(Problem(name, 0, "file is missing"))
        return []
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        problems.append(Problem(name, 0, f"not UTF-8: {exc}"))
        return []
    reader = csv.reader(text.splitlines())
    try:
        header = next(reader)
    except StopIteration:
        problems.append(Problem(name, 1, "empty file, header row expected"))
        return []
    optional = OPTIONAL_COLUMNS.get(name, ())
    extra = tuple(header[len(expected) :])
    if tuple(header[: len(expected)]) != expected or extra != optional[: len(extra)]:
        also = f" (optionally followed by {','.join(optional)})" if optional else ""
        problems.append(Problem(name, 1, f"header must be {','.join(expected)}{also}"))
        return []
    out = []
    for line, values in enumerate(reader, start=2):
        if not values:
            continue
        if not len(expected) <= len(values) <= len(header):
            problems.append(Problem(name, line, f"expected {len(header)} fields, found {len(values)}"))
            continue
        # a row may leave out trailing optional cells (a hand-written row of the older layout): read as empty
        row = dict.fromkeys(optional, "")
        row.update(zip(header, values, strict=False))
        out.append((line, row))
    return out


def read(root: Path | str) -> tuple[RefData, list[Problem]]:
    """Parse every file of the layout; structural problems (missing file, bad header) are returned."""
    root = Path(root)
    problems: list[Problem] = []
    data = RefData(root=root)
    for name in FILES:
        data.tables[name] = _read(root / name, name, problems)
    return data, problems


def _split(cell: str) -> list[str]:
    return [p.strip() for p in cell.split("|") if p.strip()]


def _check_item_state(name: str, line: int, r: dict[str, str], sources: set[str]) -> Iterator[Problem]:
    """The optional legal-state columns of an item: known status, ISO dates, a source for any fact."""
    if r["status"] and r["status"] not in ITEM_STATUSES:
        yield Problem(
            name, line, f"status {r['status']!r} must be empty or one of {', '.join(ITEM_STATUSES)}"
        )
    for col in ("entry_into_force", "deleted_on"):
        if r[col] and not _DATE_RE.match(r[col]):
            yield Problem(name, line, f"{col} {r[col]!r} must be a date YYYY-MM-DD")
    if r["status"] == "deleted" and not r["deleted_on"]:
        yield Problem(name, line, "status deleted needs deleted_on (the date the deletion took effect)")
    if r["deleted_on"] and r["status"] != "deleted":
        yield Problem(name, line, f"deleted_on is set but status is {r['status']!r}, not deleted")
    stated = any(r[c] for c in ("status", "decision", "entry_into_force", "deleted_on", "deleted_by"))
    if stated and not r["status_source"]:
        yield Problem(name, line, "status_source is empty (the source of the status and dates)")
    elif r["status_source"] and r["status_source"] not in sources:
        yield Problem(name, line, f"status_source {r['status_source']!r} is not in sources.csv")


def _check(data: RefData) -> Iterator[Problem]:
    t = data.tables
    sources = {r["source"] for _, r in t["sources.csv"]}
    for line, r in t["sources.csv"]:
        if not r["source"] or not r["title"]:
            yield Problem("sources.csv", line, "source key and title are required")

    def need_source(name: str, line: int, r: dict[str, str]) -> Iterator[Problem]:
        if not r["source"]:
            yield Problem(name, line, "source is empty")
        elif r["source"] not in sources:
            yield Problem(name, line, f"source {r['source']!r} is not in sources.csv")

    codes: set[tuple[str, str]] = set()
    name = "hs/nomenclature.csv"
    for line, r in t[name]:
        if r["edition"] not in EDITIONS:
            yield Problem(name, line, f"unknown edition {r['edition']!r}")
        if not re.fullmatch(r"\d{2}|\d{4}|\d{6}", r["code"]):
            yield Problem(name, line, f"code {r['code']!r} must have 2, 4 or 6 digits")
        elif r["level"] != str(len(r["code"])):
            yield Problem(name, line, f"level {r['level']!r} does not match code {r['code']}")
        elif r["code"] in ("99", "9999", "999999"):
            yield Problem(name, line, f"{r['code']} is a Comtrade 'not specified' code, not an HS code")
        codes.add((r["edition"], r["code"]))
    for line, r in t[name]:
        if r["parent"] and (r["edition"], r["parent"]) not in codes:
            yield Problem(name, line, f"parent {r['parent']} of {r['code']} is not in {r['edition']}")

    name = "hs/correlation.csv"
    for line, r in t[name]:
        for side in ("from", "to"):
            ed, code = r[f"{side}_edition"], r[f"{side}_code"]
            if (ed, code) not in codes:
                yield Problem(name, line, f"{side}_code {code} does not exist in {ed}")
        if r["relationship"] not in ("1:1", "1:n", "n:1", "n:n"):
            yield Problem(name, line, f"relationship {r['relationship']!r} must be 1:1, 1:n, n:1 or n:n")
        if r["partial_flag"] not in ("", "ex"):
            yield Problem(name, line, f"partial_flag {r['partial_flag']!r} must be empty or 'ex'")

    name = "agreements/agreements.csv"
    slugs = set()
    for line, r in t[name]:
        if r["slug"] not in AGREEMENT_SLUGS:
            yield Problem(name, line, f"unknown agreement slug {r['slug']!r}")
        slugs.add(r["slug"])
        for col in ("adopted", "in_force"):
            if r[col] and not _DATE_RE.match(r[col]):
                yield Problem(name, line, f"{col} {r[col]!r} is not YYYY-MM-DD")
        if r["restricts_non_party_trade"] not in ("true", "false"):
            yield Problem(name, line, "restricts_non_party_trade must be true or false")
        yield from need_source(name, line, r)

    name = "agreements/items.csv"
    items: set[tuple[str, str]] = set()
    for line, r in t[name]:
        key = (r["agreement"], r["item_id"])
        if r["agreement"] not in slugs:
            yield Problem(name, line, f"agreement {r['agreement']!r} is not in agreements.csv")
        if not _ITEM_ID_RE.match(r["item_id"]):
            yield Problem(name, line, f"item_id {r['item_id']!r} must be a lowercase slug")
        if key in items:
            yield Problem(name, line, f"duplicate item {r['agreement']}/{r['item_id']}")
        items.add(key)
        if r["kind"] not in KINDS:
            yield Problem(name, line, f"kind {r['kind']!r} must be one of {', '.join(KINDS)}")
        if not r["name"]:
            yield Problem(name, line, "name is empty")
        if not r["listing"]:
            yield Problem(name, line, "listing is empty")
        for cas in _split(r["cas"]):
            if not cas_is_valid(cas):
                yield Problem(name, line, f"CAS number {cas!r} fails its check digit or format")
        for c in _split(r["controls"]):
            if c not in CONTROLS:
                yield Problem(name, line, f"control {c!r} must be one of {', '.join(CONTROLS)}")
        yield from need_source(name, line, r)
        yield from _check_item_state(name, line, r, sources)

    name = "agreements/synonyms.csv"
    for line, r in t[name]:
        if (r["agreement"], r["item_id"]) not in items:
            yield Problem(name, line, f"item {r['agreement']}/{r['item_id']} is not in items.csv")
        if not r["synonym"].strip():
            yield Problem(name, line, "synonym is empty")
        if r["lang"] not in LANGS:
            yield Problem(name, line, f"lang {r['lang']!r} must be one of {', '.join(LANGS)}")
        if r["kind"] not in SYNONYM_KINDS:
            yield Problem(name, line, f"kind {r['kind']!r} must be one of {', '.join(SYNONYM_KINDS)}")
        yield from need_source(name, line, r)

    name = "agreements/item_hs.csv"
    for line, r in t[name]:
        if (r["agreement"], r["item_id"]) not in items:
            yield Problem(name, line, f"item {r['agreement']}/{r['item_id']} is not in items.csv")
        if r["edition"] not in EDITIONS:
            yield Problem(name, line, f"unknown edition {r['edition']!r}")
        elif not re.fullmatch(r"\d{4}|\d{6}", r["hs_code"]):
            yield Problem(name, line, f"hs_code {r['hs_code']!r} must have 4 or 6 digits")
        elif (r["edition"], r["hs_code"]) not in codes:
            yield Problem(name, line, f"hs_code {r['hs_code']} does not exist in {r['edition']}")
        if r["ex"] not in ("true", "false"):
            yield Problem(name, line, f"ex {r['ex']!r} must be true or false")
        if r.get("confidence", "") not in ("", *HS_CONFIDENCES):
            yield Problem(
                name,
                line,
                f"confidence {r['confidence']!r} must be empty or one of {', '.join(HS_CONFIDENCES)}",
            )
        yield from need_source(name, line, r)

    name = "parties/countries.csv"
    countries = set()
    for line, r in t[name]:
        if not re.fullmatch(r"[A-Z]{2}", r["iso2"]):
            yield Problem(name, line, f"iso2 {r['iso2']!r} must be two capital letters")
        if r["iso2"] in countries:
            yield Problem(name, line, f"duplicate country {r['iso2']}")
        countries.add(r["iso2"])

    name = "parties/parties.csv"
    for line, r in t[name]:
        if r["instrument"] not in AGREEMENT_SLUGS + AMENDMENT_SLUGS:
            yield Problem(name, line, f"unknown instrument {r['instrument']!r}")
        if r["country"] not in countries:
            yield Problem(name, line, f"country {r['country']!r} is not in countries.csv")
        if r["status"] not in PARTY_STATUS:
            yield Problem(name, line, f"status {r['status']!r} must be party or signatory")
        if r["action"] and r["action"] not in PARTY_ACTIONS:
            yield Problem(name, line, f"action {r['action']!r} must be one of {', '.join(PARTY_ACTIONS)}")
        for col in ("date", "in_force", "as_of"):
            if r[col] and not _DATE_RE.match(r[col]):
                yield Problem(name, line, f"{col} {r[col]!r} is not YYYY-MM-DD")
        yield from need_source(name, line, r)


def validate(root: Path | str) -> list[Problem]:
    """Every problem in the reference data folder ``root``; an empty list means valid."""
    data, problems = read(root)
    if problems:
        return problems
    return list(_check(data))


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    root = Path(args[0]) if args else Path("data")
    problems = validate(root)
    for p in problems:
        print(p)
    print(f"{len(problems)} problem(s) in {root}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
