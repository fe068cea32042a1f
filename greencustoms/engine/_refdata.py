"""Read the reference CSVs under data/ (data/LAYOUT.md) into engine dataclasses, without Django."""

from __future__ import annotations

import csv
import hashlib
from collections import defaultdict
from pathlib import Path
from typing import Final

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
from greencustoms.engine.errors import RulesetError

#: Montreal Protocol, Article 4 (control of trade with non-Parties): which amendment a country must
#: have ratified for trade in each annex/group. The Protocol itself covers Annex A.
MONTREAL_REQUIREMENTS: Final = (
    InstrumentRequirement(
        "montreal", r"\bAnnex (?:[A-F], )*B\b", "london", "London Amendment", "Article 4, paragraph 1 bis"
    ),
    InstrumentRequirement(
        "montreal",
        r"\bAnnex C, Group II\b|\bAnnex E\b",
        "copenhagen",
        "Copenhagen Amendment",
        "Article 4, paragraphs 1 ter and 1 quater",
    ),
    InstrumentRequirement(
        "montreal",
        r"\bAnnex C, Group (?:I|III)\b|components in Annex (?:[A-F], )*C\b",
        "beijing",
        "Beijing Amendment",
        "Article 4, paragraphs 1 quin and 1 sex",
    ),
    InstrumentRequirement(
        "montreal",
        r"\bAnnex (?:[A-E], )*F\b",
        "kigali",
        "Kigali Amendment",
        "Article 4, paragraph 1 sept, applicable from 1 January 2033",
        "medium",
        "2033-01-01",
    ),
)

_FILES: Final = {
    "agreements": "agreements/agreements.csv",
    "items": "agreements/items.csv",
    "synonyms": "agreements/synonyms.csv",
    "item_hs": "agreements/item_hs.csv",
    "parties": "parties/parties.csv",
    "countries": "parties/countries.csv",
}
#: Optional files: read when present (older data folders and test fixtures lack them).
_OPTIONAL_FILES: Final = {"coverage": "parties/coverage.csv", "sources": "sources.csv"}


def _rows(path: Path) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            return [{k: (v or "").strip() for k, v in row.items() if k} for row in csv.DictReader(fh)]
    except FileNotFoundError as exc:
        raise RulesetError(f"reference data file missing: {path}") from exc
    except (UnicodeDecodeError, csv.Error) as exc:
        raise RulesetError(f"{path}: cannot read ({exc})") from exc


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


def load_reference_csv(data_dir: str | Path, *, release: str | None = None) -> ReferenceData:
    """Read the reference CSVs of `data_dir` (the layout of data/) into :class:`ReferenceData`.

    Parameters
    ----------
    data_dir
        The folder holding agreements/, parties/ (hs/ is not needed for screening).
    release
        The data release id; by default a hash of the files' bytes.

    Returns
    -------
    ReferenceData
        Items with their names (name, name_fr, name_es, synonyms), CAS numbers and HS codes per
        edition; agreements; party statuses; Montreal's amendment requirements; country codes.
    """
    root = Path(data_dir)
    paths = {key: root / rel for key, rel in _FILES.items()}
    names: dict[tuple[str, str], list[Name]] = defaultdict(list)
    for row in _rows(paths["synonyms"]):
        if row.get("synonym"):
            names[(row["agreement"], row["item_id"])].append(
                Name(row["synonym"], row.get("lang") or "xx", row.get("kind") or "synonym")
            )
    codes: dict[tuple[str, str], list[HsCode]] = defaultdict(list)
    for row in _rows(paths["item_hs"]):
        if row.get("hs_code"):
            ex = row.get("ex", "").lower() in ("true", "1", "yes")
            codes[(row["agreement"], row["item_id"])].append(HsCode(row["edition"], row["hs_code"], ex))
    items = []
    for row in _rows(paths["items"]):
        key = (row["agreement"], row["item_id"])
        own = [Name(row[f"name_{lang}"], lang, "name") for lang in ("fr", "es") if row.get(f"name_{lang}")]
        items.append(
            ControlledItem(
                agreement=row["agreement"],
                item_id=row["item_id"],
                name=row["name"],
                kind=row.get("kind", "substance"),
                listing=row.get("listing", ""),
                names=tuple(own + names.get(key, [])),
                cas=_split(row.get("cas", "")),
                hs_codes=tuple(codes.get(key, [])),
                controls=_split(row.get("controls", "")),
                documents=_split(row.get("documents", "")),
                status=row.get("status", ""),
                decision=row.get("decision", ""),
                entry_into_force=row.get("entry_into_force", ""),
                deleted_on=row.get("deleted_on", ""),
            )
        )
    agreements = tuple(
        Agreement(
            slug=row["slug"],
            name=row.get("short_name") or row["name"],
            restricts_non_party_trade=row.get("restricts_non_party_trade", "").lower() == "true",
        )
        for row in _rows(paths["agreements"])
    )
    parties = tuple(
        PartyStatus(
            row["instrument"],
            row["country"].upper(),
            row.get("status") or "party",
            action=row.get("action", ""),
            date=row.get("date", ""),
            in_force=row.get("in_force", ""),
            source=row.get("source", ""),
            as_of=row.get("as_of", ""),
        )
        for row in _rows(paths["parties"])
    )
    optional = {key: root / rel for key, rel in _OPTIONAL_FILES.items()}
    coverage = (
        tuple(
            PartyCoverage(
                row["instrument"], row.get("complete") or "no", row.get("as_of", ""), row.get("source", "")
            )
            for row in _rows(optional["coverage"])
        )
        if optional["coverage"].is_file()
        else ()
    )
    sources = (
        {
            row["source"]: row.get("title") or row["source"]
            for row in _rows(optional["sources"])
            if row.get("source")
        }
        if optional["sources"].is_file()
        else {}
    )
    countries: dict[str, str] = {}
    for row in _rows(paths["countries"]):
        iso2 = row["iso2"].upper()
        countries[iso2] = iso2
        if row.get("iso3"):
            countries[row["iso3"].upper()] = iso2
    if release is None:
        digest = hashlib.sha256()
        for name in sorted(paths):
            digest.update(paths[name].read_bytes())
        release = f"data:{digest.hexdigest()[:16]}"
    return ReferenceData(
        items=tuple(items),
        agreements=agreements,
        parties=parties,
        requirements=MONTREAL_REQUIREMENTS,
        countries=countries,
        release=release,
        coverage=coverage,
        sources=sources,
    )
