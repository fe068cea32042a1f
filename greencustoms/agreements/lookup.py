"""The lookup: does any agreement cover this code, name, synonym or CAS number? (in memory, no Django).

``LookupIndex`` is built once per data release from plain rows (see ``selectors.lookup_index``) and answers
``index.lookup(query, edition)`` in microseconds: dictionaries for codes and exact names, a substring scan and
rapidfuzz for names with typos. ``normalise_code`` turns what people type (``2903.71``, ``2903 71 00``,
``29037100``, ``10121`` for ``010121`` after a spreadsheet dropped the zero) into a 2, 4 or 6 digit HS code.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process

EDITIONS = ("HS2002", "HS2007", "HS2012", "HS2017", "HS2022")
LATEST = "HS2022"
MAX_QUERY = 200
MAX_MATCHES = 30  # name queries
MAX_CODE_MATCHES = 300  # a heading or chapter query lists everything below it

_CODE_TEXT = re.compile(r"^\d[\d.\s]*$")
_CAS = re.compile(r"^(\d{2,7})-(\d{2})-(\d)$")


class UnreadableQuery(ValueError):
    """The query can be neither a code, a CAS number nor a name (empty, too long, malformed number)."""


def normalise_code(text: str) -> str:
    """The 2-, 4- or 6-digit HS code a typed code stands for; national 7-10 digit lines give their subheading.

    Dots and spaces are ignored; an odd number of digits is read as a code whose leading zero was lost.
    Raises UnreadableQuery when the text is not a code of 2 to 10 digits.
    """
    text = text.strip()
    if not _CODE_TEXT.match(text):
        raise UnreadableQuery(f"{text!r} is not an HS code (digits, dots and spaces only)")
    digits = re.sub(r"\D", "", text)
    if len(digits) < 2 or len(digits) > 10:
        raise UnreadableQuery(f"an HS code has 2 to 10 digits, {text!r} has {len(digits)}")
    if len(digits) % 2:
        digits = "0" + digits
    return digits[:6]


def normalise_name(text: str) -> str:
    """Lower-case letters and digits only, accents removed: 'R-22', 'R 22' and 'r22' are one key."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed.lower() if ch.isalnum() and not unicodedata.combining(ch))


def looks_like_code(text: str) -> bool:
    return bool(_CODE_TEXT.match(text.strip()))


def format_code(code: str) -> str:
    return code if len(code) <= 4 else f"{code[:4]}.{code[4:]}"


@dataclass(frozen=True)
class HSRow:
    edition: str
    code: str
    ex: bool
    note: str
    source: str


@dataclass
class Item:
    """A controlled item as the lookup answers it."""

    agreement: str
    item_id: str
    kind: str
    name: str
    listing: str
    cas: list[str]
    controls: list[str]
    documents: list[str]
    notes: str
    source: str
    name_fr: str = ""
    name_es: str = ""
    hs: list[HSRow] = field(default_factory=list)
    synonyms: list[str] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str]:
        return (self.agreement, self.item_id)

    def codes_by_edition(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for ed in EDITIONS:
            codes = sorted({r.code for r in self.hs if r.edition == ed})
            if codes:
                out[ed] = codes
        return out

    def ex_rows(self) -> list[HSRow]:
        return [r for r in self.hs if r.ex]


@dataclass(frozen=True)
class Match:
    item: Item
    score: int
    matched: str  # what matched: "HS2022 2903.71", "synonym 'R-22'", "CAS 75-45-6"


@dataclass(frozen=True)
class Result:
    query: str
    edition: str
    kind: str  # code | cas | name
    code: str  # normalised code for code queries
    matches: list[Match]


class LookupIndex:
    """All controlled items of one data release, indexed by code, CAS and normalised names."""

    def __init__(
        self,
        items: Iterable[Item],
        sources: dict[str, dict[str, str]],
        release: int = 0,
        agreement_order: Iterable[str] = (),
    ) -> None:
        self.release = release
        self.generation = 0  # set by whoever caches the index; caches of answers key on it
        self.sources = sources
        self.items: dict[tuple[str, str], Item] = {}
        self.by_code: dict[tuple[str, str], list[tuple[Item, HSRow]]] = defaultdict(list)
        self.by_prefix: dict[tuple[str, str], list[tuple[Item, HSRow]]] = defaultdict(list)
        self.by_cas: dict[str, list[Item]] = defaultdict(list)
        self.by_name: dict[str, list[tuple[Item, str]]] = defaultdict(list)
        self.order = {slug: n for n, slug in enumerate(agreement_order)}
        for item in items:
            self.items[item.key] = item
            for row in item.hs:
                self.by_code[(row.edition, row.code)].append((item, row))
                for n in (2, 4):
                    if len(row.code) > n:
                        self.by_prefix[(row.edition, row.code[:n])].append((item, row))
            for cas in item.cas:
                self.by_cas[cas].append(item)
            short = re.split(r" \(|: ", item.name)[0]
            after_colon = item.name.split(": ", 1)[1] if ": " in item.name else ""
            for label in (item.name, short, after_colon, item.name_fr, item.name_es, *item.synonyms):
                key = normalise_name(label)
                if key and all(existing is not item for existing, _ in self.by_name[key]):
                    self.by_name[key].append((item, label))
        self.name_keys = list(self.by_name)

    # ------------------------------------------------------------------------------------------
    def lookup(self, query: str, edition: str = LATEST) -> Result:
        if edition not in EDITIONS:
            raise UnreadableQuery(f"unknown edition {edition!r}; use one of {', '.join(EDITIONS)}")
        q = (query or "").strip()
        if not q or len(q) > MAX_QUERY or any(unicodedata.category(c) == "Cc" for c in q):
            raise UnreadableQuery("the query is empty, too long or contains control characters")
        if _CAS.match(q):
            return Result(q, edition, "cas", "", self._by_cas(q))
        if looks_like_code(q):
            code = normalise_code(q)
            return Result(q, edition, "code", code, self._by_code(code, edition))
        key = normalise_name(q)
        if not key:
            raise UnreadableQuery(f"{q!r} contains no letters or digits")
        return Result(q, edition, "name", "", self._by_name(key))

    def _sort(self, matches: dict[tuple[str, str], Match], limit: int = MAX_MATCHES) -> list[Match]:
        ranked = sorted(
            matches.values(), key=lambda m: (-m.score, self.order.get(m.item.agreement, 99), m.item.name)
        )
        return ranked[:limit]

    def _by_cas(self, cas: str) -> list[Match]:
        return [Match(item, 100, f"CAS {cas}") for item in self.by_cas.get(cas, [])]

    def _by_code(self, code: str, edition: str) -> list[Match]:
        found: dict[tuple[str, str], Match] = {}
        hits = list(self.by_code.get((edition, code), []))
        if len(code) == 6:
            hits += self.by_code.get((edition, code[:4]), [])  # items listed at heading level
        else:
            hits += self.by_prefix.get((edition, code), [])
        for item, row in hits:
            score = 100 if row.code == code else 90
            if item.key not in found or found[item.key].score < score:
                found[item.key] = Match(
                    item, score, f"{edition} {format_code(row.code)}{' ex' if row.ex else ''}"
                )
        return self._sort(found, MAX_CODE_MATCHES)

    def _by_name(self, key: str) -> list[Match]:
        found: dict[tuple[str, str], Match] = {}

        def add(item: Item, score: int, label: str) -> None:
            if item.key not in found or found[item.key].score < score:
                found[item.key] = Match(item, score, label)

        for item, label in self.by_name.get(key, []):
            add(item, 100, f"name {label!r}")
        digits = re.findall(r"\d+", key)
        if found and digits:
            return self._sort(found)  # an exact designation (R-22, Y48) needs no wider search
        if len(key) >= 4:
            for cand in self.name_keys:
                if key in cand and re.findall(r"\d+", cand)[: len(digits)] == digits:
                    score = min(95, 70 + int(30 * len(key) / len(cand)))
                    for item, label in self.by_name[cand]:
                        add(item, score, f"name {label!r}")
        if len(key) >= 5 and not found:
            cutoff = 80 if len(key) >= 8 else 85
            for cand, similarity, _ in process.extract(
                key, self.name_keys, scorer=fuzz.ratio, score_cutoff=cutoff, limit=15
            ):
                if re.findall(r"\d+", cand) != digits:
                    continue  # a typo tolerance never turns R-404A into R-407A
                for item, label in self.by_name[cand]:
                    add(item, int(similarity * 0.95), f"similar to {label!r}")
        return self._sort(found)

    # ------------------------------------------------------------------------------------------
    def match_json(self, match: Match) -> dict[str, Any]:
        """One match in the shape of the CLI/API contract."""
        item = match.item
        return {
            "agreement": item.agreement,
            "item": item.item_id,
            "kind": item.kind,
            "listing": item.listing,
            "cas": item.cas,
            "hs_codes": item.codes_by_edition(),
            "ex": [{"edition": r.edition, "code": r.code, "note": r.note} for r in item.ex_rows()],
            "controls": item.controls,
            "documents": item.documents,
            "sources": [
                {
                    "key": key,
                    "title": self.sources.get(key, {}).get("title", ""),
                    "url": self.sources.get(key, {}).get("url", ""),
                }
                for key in sorted({item.source, *(r.source for r in item.hs)})
            ],
        }

    def result_json(self, result: Result) -> dict[str, Any]:
        return {
            "query": result.query,
            "edition": result.edition,
            "matches": [self.match_json(m) for m in result.matches],
        }


def index_from_refdata(data: Any, release: int = 0) -> LookupIndex:
    """Build the index straight from parsed files (``refdata.read``), without a database."""
    items: dict[tuple[str, str], Item] = {}
    split = lambda s: [p.strip() for p in s.split("|") if p.strip()]  # noqa: E731
    for r in data.rows("agreements/items.csv"):
        items[(r["agreement"], r["item_id"])] = Item(
            agreement=r["agreement"],
            item_id=r["item_id"],
            kind=r["kind"],
            name=r["name"],
            listing=r["listing"],
            cas=split(r["cas"]),
            controls=split(r["controls"]),
            documents=split(r["documents"]),
            notes=r["notes"],
            source=r["source"],
            name_fr=r["name_fr"],
            name_es=r["name_es"],
        )
    for r in data.rows("agreements/synonyms.csv"):
        items[(r["agreement"], r["item_id"])].synonyms.append(r["synonym"])
    for r in sorted(data.rows("agreements/item_hs.csv"), key=lambda r: (r["edition"], r["hs_code"])):
        items[(r["agreement"], r["item_id"])].hs.append(
            HSRow(r["edition"], r["hs_code"], r["ex"] == "true", r["note"], r["source"])
        )
    sources = {r["source"]: {"title": r["title"], "url": r["url"]} for r in data.rows("sources.csv")}
    order = [r["slug"] for r in data.rows("agreements/agreements.csv")]
    return LookupIndex(items.values(), sources, release, order)
