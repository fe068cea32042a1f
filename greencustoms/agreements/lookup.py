"""The lookup: does any agreement cover this code, name, synonym or CAS number? (in memory, no Django).

``LookupIndex`` is built once per data release from plain rows (see ``selectors.lookup_index``) and answers
``index.lookup(query, edition)`` in microseconds: dictionaries for codes and exact names, a substring scan and
rapidfuzz for names with typos. ``normalise_code`` turns what people type (``2903.71``, ``2903 71 00``,
``29037100``, ``10121`` for ``010121`` after a spreadsheet dropped the zero) into a 2, 4 or 6 digit HS code.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

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


_GROUP_DESIGNATION = re.compile(r"^(CFC|HCFC|HFC|HBFC|Halon|PFC)-\d", re.IGNORECASE)


def _words(text: str) -> set[str]:
    """The words of a text, lower-case without accents ("Écailles de pangolin" -> ecailles, de, pangolin)."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed.lower() if not unicodedata.combining(ch))
    return {w for w in re.split(r"[^a-z0-9]+", plain) if len(w) >= 2}


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
    confidence: str = ""  # optional column of item_hs.csv (e.g. reviewed / candidate); empty: not stated


#: What a listing is on a given date (``Item.state_on``): controlled, not yet, or deleted (history).
IN_FORCE = "in_force"
NOT_YET_IN_FORCE = "not_yet_in_force"
DELETED = "deleted"


def parse_date(text: str) -> dt.date | None:
    """A ``YYYY-MM-DD`` cell as a date (None when empty)."""
    return dt.date.fromisoformat(text) if text else None


def listing_state(
    status: str, entry_into_force: dt.date | None, deleted_on: dt.date | None, at: dt.date
) -> str:
    """What a listing is on the date ``at``: ``in_force``, ``not_yet_in_force`` or ``deleted`` (history)."""
    if deleted_on and at >= deleted_on:
        return DELETED
    if entry_into_force:
        return IN_FORCE if at >= entry_into_force else NOT_YET_IN_FORCE
    if status == "adopted_not_in_force":
        return NOT_YET_IN_FORCE
    if status == DELETED and not deleted_on:  # deleted, date not recorded: never a current control
        return DELETED
    return IN_FORCE


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
    # legal state of the listing (empty: not recorded, read as a current listing without dates)
    status: str = ""
    decision: str = ""
    entry_into_force: dt.date | None = None
    deleted_on: dt.date | None = None
    deleted_by: str = ""
    status_source: str = ""

    @property
    def is_mixture(self) -> bool:
        return self.kind == "mixture"

    def state_on(self, at: dt.date) -> str:
        """``in_force``, ``not_yet_in_force`` or ``deleted`` on the date ``at``."""
        return listing_state(self.status, self.entry_into_force, self.deleted_on, at)

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
class Absent:
    """A queried code that does not exist in the chosen edition: where it exists and what replaces it."""

    code: str
    editions: dict[str, str]  # edition where the code exists -> its description there
    successors: list[str]  # codes of the chosen edition linked to it by the UNSD correlation


@dataclass(frozen=True)
class Result:
    query: str
    edition: str
    kind: str  # code | cas | name
    code: str  # normalised code for code queries
    matches: list[Match]
    at: dt.date | None = None  # the date the answer is for
    absent: Absent | None = None  # the code does not exist in the edition
    subheadings: list[tuple[str, str]] = field(
        default_factory=list
    )  # (code, description) under a 4/5-digit code

    @property
    def is_code_query(self) -> bool:
        return self.kind == "code"


class HSReference(Protocol):
    """Where the index reads HS descriptions and UNSD links on demand (database, or parsed files)."""

    def descriptions(self, edition: str, codes: list[str]) -> dict[str, str]: ...

    def links(self, edition: str, code: str, target: str) -> set[str]:
        """Codes of ``target`` linked to ``code`` of ``edition`` by the correlation tables (either direction)."""
        ...


class LookupIndex:
    """All controlled items of one data release, indexed by code, CAS and normalised names."""

    def __init__(
        self,
        items: Iterable[Item],
        sources: dict[str, dict[str, str]],
        release: int = 0,
        agreement_order: Iterable[str] = (),
        hs_codes: dict[str, Iterable[str]] | None = None,
        hs_reference: HSReference | None = None,
        as_of: str = "",
    ) -> None:
        self.release = release
        self.as_of = as_of  # the newest date a source of this release was read (YYYY-MM-DD)
        # the 6-digit subheadings of each edition (sorted tuples of interned strings, searched by bisection); descriptions and UNSD links are
        # read on demand from ``hs_reference`` (the database in the web process), only for the rare queries
        # that need them: a code absent from the edition, a 4- or 5-digit code
        self.hs_codes: dict[str, tuple[str, ...]] = {
            ed: tuple(sorted({sys.intern(c) for c in codes if len(c) == 6}))
            for ed, codes in (hs_codes or {}).items()
        }
        self.hs_reference = hs_reference
        self.generation = 0  # set by whoever caches the index; caches of answers key on it
        self.sources = sources
        # a control code in words (``phase_out`` -> "phase-out"); the Django side sets the translated labels
        self.control_words: Any = lambda code: code.replace("_", "-")
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
        # group names find their members (issue #14): the designation families of the Montreal Protocol
        # (CFC-11, HCFC-22, HFC-134a, HBFC-22B1, Halon-1211, PFC-218 -> cfc, hcfc, hfc, hbfc, halon, pfc) and
        # PFAS (every item whose name says per- or polyfluoro-); members of a group are answered by its name
        self.groups: dict[str, list[Item]] = defaultdict(list)
        # the words of all names of an item (accent-insensitive), for queries of several words ("PFOS salts")
        self.item_words: list[tuple[Item, str]] = []
        for item in self.items.values():
            labels = (item.name, item.name_fr, item.name_es, *item.synonyms)
            groups = {m[1].lower() for label in labels if (m := _GROUP_DESIGNATION.match(label))}
            if any(w in normalise_name(item.name) for w in ("perfluoro", "polyfluoro")):
                groups.add("pfas")
            for group in sorted(groups):
                self.groups[group].append(item)
            words = sorted({w for label in labels for w in _words(label)})
            self.item_words.append((item, f" {' '.join(words)} "))  # one string: lighter than a set

    # ------------------------------------------------------------------------------------------
    def lookup(self, query: str, edition: str = LATEST, at: dt.date | None = None) -> Result:
        """What matches ``query`` in ``edition``; ``at`` (default today) is the date the legal state is for."""
        at = at or dt.date.today()
        if edition not in EDITIONS:
            raise UnreadableQuery(f"unknown edition {edition!r}; use one of {', '.join(EDITIONS)}")
        q = (query or "").strip()
        if not q or len(q) > MAX_QUERY or any(unicodedata.category(c) == "Cc" for c in q):
            raise UnreadableQuery("the query is empty, too long or contains control characters")
        if _CAS.match(q):
            return Result(q, edition, "cas", "", self._sort_at(self._by_cas(q), at), at)
        if looks_like_code(q):
            code = self._code_of(q, edition)
            matches = self._sort_at(self._by_code(code, edition), at)
            absent = None
            if self.hs_codes and len(code) == 6 and not self._has(edition, code):
                absent = self._absent(code, edition)
                found = {m.item.key for m in matches}
                for succ in absent.successors:
                    for m in self._by_code(succ, edition):
                        if m.item.key not in found:
                            found.add(m.item.key)
                            matches.append(Match(m.item, m.score - 10, f"{m.matched} (successor)"))
                matches = self._sort_at(matches, at)
            subheadings = []
            if len(code) in (4, 5) and self.hs_codes and self.hs_reference is not None:
                under = self._under(edition, code)
                described = self.hs_reference.descriptions(edition, under) if under else {}
                subheadings = [(c, described.get(c, "")) for c in under]
            return Result(q, edition, "code", code, matches, at, absent, subheadings)
        key = normalise_name(q)
        if not key:
            raise UnreadableQuery(f"{q!r} contains no letters or digits")
        return Result(q, edition, "name", "", self._sort_at(self._by_name(key, q), at), at)

    def _code_of(self, text: str, edition: str) -> str:
        """The normalised code, or a 5-digit prefix (``2903.7``) when the text is not a code that lost its
        leading zero: a partial code lists the subheadings under it rather than a padded code."""
        digits = re.sub(r"\D", "", text)
        code = normalise_code(text)
        if len(digits) == 5 and self.hs_codes:
            dotted = re.match(r"^\s*\d{4}\.\d\s*$", text)
            if dotted or not self._has(edition, code):
                return digits
        return code

    def _absent(self, code: str, edition: str) -> Absent:
        where = [ed for ed in EDITIONS if self._has(ed, code)]
        editions: dict[str, str] = {}
        successors: set[str] = set()
        if self.hs_reference is not None:
            for ed in where:
                editions[ed] = self.hs_reference.descriptions(ed, [code]).get(code, "")
                successors |= self.hs_reference.links(ed, code, edition)
        else:
            editions = dict.fromkeys(where, "")
        return Absent(code, editions, sorted(c for c in successors if self._has(edition, c)))

    def _has(self, edition: str, code: str) -> bool:
        """Whether the 6-digit ``code`` is a subheading of ``edition`` (sorted tuple, bisect)."""
        codes = self.hs_codes.get(edition, ())
        i = bisect.bisect_left(codes, code)
        return i < len(codes) and codes[i] == code

    def _under(self, edition: str, prefix: str) -> list[str]:
        """The subheadings of ``edition`` that start with ``prefix``, in order."""
        codes = self.hs_codes.get(edition, ())
        out = []
        for c in codes[bisect.bisect_left(codes, prefix) :]:
            if not c.startswith(prefix):
                break
            out.append(c)
        return out

    def _sort_at(self, matches: list[Match], at: dt.date) -> list[Match]:
        """Current controls first, then listings not yet in force, then deleted ones (history)."""
        rank = {IN_FORCE: 0, NOT_YET_IN_FORCE: 1, DELETED: 2}
        return sorted(matches, key=lambda m: rank[m.item.state_on(at)])  # stable: keeps the score order

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
        elif len(code) == 5:
            hits += [h for h in self.by_prefix.get((edition, code[:4]), []) if h[1].code.startswith(code)]
            hits += self.by_code.get((edition, code[:4]), [])
        else:
            hits += self.by_prefix.get((edition, code), [])
        for item, row in hits:
            score = 100 if row.code == code else 90
            if item.key not in found or found[item.key].score < score:
                found[item.key] = Match(
                    item, score, f"{edition} {format_code(row.code)}{' ex' if row.ex else ''}"
                )
        return self._sort(found, MAX_CODE_MATCHES)

    def _by_name(self, key: str, query: str = "") -> list[Match]:
        found: dict[tuple[str, str], Match] = {}

        def add(item: Item, score: int, label: str) -> None:
            if item.key not in found or found[item.key].score < score:
                found[item.key] = Match(item, score, label)

        for item, label in self.by_name.get(key, []):
            add(item, 100, f"name {label!r}")
        limit = MAX_MATCHES
        if key in self.groups:  # a group name lists every member, however many
            limit = MAX_CODE_MATCHES
            for item in self.groups[key]:
                add(item, 90, f"group {query or key!r}")
        words = _words(query) if not found else set()
        if len(words) >= 2:  # every word of the query among the names of one item, in any order
            for item, item_words in self.item_words:
                # a word matches a whole word, or (from 4 letters) the beginning of one: "salt" finds "salts"
                if all(f" {w} " in item_words or (len(w) >= 4 and f" {w}" in item_words) for w in words):
                    add(item, 85, f"words {query!r}")
        digits = re.findall(r"\d+", key)
        if found and digits:
            return self._sort(found, limit)  # an exact designation (R-22, Y48) needs no wider search
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
        return self._sort(found, limit)

    # ------------------------------------------------------------------------------------------
    def match_json(self, match: Match, at: dt.date | None = None) -> dict[str, Any]:
        """One match in the shape of the CLI/API contract (extended, never renamed)."""
        item = match.item
        state = item.state_on(at or dt.date.today())
        return {
            "agreement": item.agreement,
            "item": item.item_id,
            "name": item.name,
            "status": item.status,
            "decision": item.decision,
            "entry_into_force": item.entry_into_force.isoformat() if item.entry_into_force else None,
            "deleted_on": item.deleted_on.isoformat() if item.deleted_on else None,
            "deleted_by": item.deleted_by,
            "state": state,
            "history": state == DELETED,
            "hs_confidence": [
                {"edition": r.edition, "code": r.code, "confidence": r.confidence}
                for r in item.hs
                if r.confidence
            ],
            "kind": item.kind,
            "listing": item.listing,
            "cas": item.cas,
            "hs_codes": item.codes_by_edition(),
            "ex": [{"edition": r.edition, "code": r.code, "note": r.note} for r in item.ex_rows()],
            "controls": item.controls,
            "controls_words": [self.control_words(c) for c in item.controls],
            "documents": item.documents,
            "sources": [
                {
                    "key": key,
                    "title": self.sources.get(key, {}).get("title", ""),
                    "url": self.sources.get(key, {}).get("url", ""),
                }
                for key in sorted({item.source, *(r.source for r in item.hs)} | ({item.status_source} - {""}))
            ],
        }

    def result_json(self, result: Result) -> dict[str, Any]:
        return {
            "query": result.query,
            "edition": result.edition,
            "at": (result.at or dt.date.today()).isoformat(),
            "data_as_of": self.as_of,
            "code_absent": self.absent_json(result),
            "subheadings": [{"code": c, "description": d} for c, d in result.subheadings],
            "matches": [self.match_json(m, result.at) for m in result.matches],
        }

    @staticmethod
    def absent_json(result: Result) -> dict[str, Any] | None:
        """The code does not exist in the edition: where it exists, what it meant, its successors."""
        if result.absent is None:
            return None
        a = result.absent
        return {
            "code": a.code,
            "exists_in": [{"edition": ed, "description": d} for ed, d in a.editions.items()],
            "successors": a.successors,
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
            status=r.get("status", ""),
            decision=r.get("decision", ""),
            entry_into_force=parse_date(r.get("entry_into_force", "")),
            deleted_on=parse_date(r.get("deleted_on", "")),
            deleted_by=r.get("deleted_by", ""),
            status_source=r.get("status_source", ""),
        )
    for r in data.rows("agreements/synonyms.csv"):
        items[(r["agreement"], r["item_id"])].synonyms.append(r["synonym"])
    for r in sorted(data.rows("agreements/item_hs.csv"), key=lambda r: (r["edition"], r["hs_code"])):
        items[(r["agreement"], r["item_id"])].hs.append(
            HSRow(
                r["edition"],
                r["hs_code"],
                r["ex"] == "true",
                r["note"],
                r["source"],
                sys.intern(r.get("confidence", "")),
            )
        )
    sources = {r["source"]: {"title": r["title"], "url": r["url"]} for r in data.rows("sources.csv")}
    order = [r["slug"] for r in data.rows("agreements/agreements.csv")]
    nomenclature = data.rows("hs/nomenclature.csv")
    hs_codes: dict[str, list[str]] = defaultdict(list)
    for r in nomenclature:
        hs_codes[r["edition"]].append(r["code"])
    as_of = max((r["accessed"] for r in data.rows("sources.csv")), default="")
    reference = RowsHSReference(nomenclature, data.rows("hs/correlation.csv"))
    return LookupIndex(items.values(), sources, release, order, hs_codes, reference, as_of)


class RowsHSReference:
    """``HSReference`` over parsed rows of ``hs/nomenclature.csv`` and ``hs/correlation.csv`` (no database)."""

    def __init__(self, nomenclature: list[dict[str, str]], correlation: list[dict[str, str]]) -> None:
        self._nomenclature = nomenclature
        self._correlation = correlation
        self._links: dict[tuple[str, str, str], set[str]] | None = None

    def descriptions(self, edition: str, codes: list[str]) -> dict[str, str]:
        wanted = set(codes)
        return {
            r["code"]: r["description"]
            for r in self._nomenclature
            if r["edition"] == edition and r["code"] in wanted
        }

    def links(self, edition: str, code: str, target: str) -> set[str]:
        if self._links is None:  # indexed on first use: only absent-code queries need it
            self._links = defaultdict(set)
            for r in self._correlation:
                self._links[(r["from_edition"], r["from_code"], r["to_edition"])].add(r["to_code"])
                self._links[(r["to_edition"], r["to_code"], r["from_edition"])].add(r["from_code"])
        return set(self._links.get((edition, code, target), ()))
