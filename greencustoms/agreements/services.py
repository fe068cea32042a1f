"""Writes of the agreements domain: importing a reference data release (validate, apply atomically, log)."""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from pathlib import Path
from typing import Any

from django.db import connection, transaction
from django.db.models import Model

from greencustoms.agreements import refdata
from greencustoms.agreements.models import (
    Agreement,
    ControlledItem,
    Correlation,
    Country,
    DataRelease,
    HSCode,
    ItemHSCode,
    Party,
    Source,
    Synonym,
)

BATCH = 2000


def _insert_rows(model: type[Model], fields: list[str], rows: list[tuple[Any, ...]]) -> None:
    """Insert plain rows with one prepared statement: the nomenclature and correlation tables hold 140,000 rows,
    and building a model instance for each costs most of an import's time."""
    meta = model._meta
    columns = ", ".join(connection.ops.quote_name(meta.get_field(f).column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {connection.ops.quote_name(meta.db_table)} ({columns}) VALUES ({placeholders})"  # noqa: S608 - names from model metadata
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 10_000):
            cursor.executemany(sql, rows[start : start + 10_000])


class DataInvalid(Exception):
    """The reference files have problems; nothing was applied. ``problems`` lists them (file:line: reason)."""

    def __init__(self, problems: list[refdata.Problem]) -> None:
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the reference data")


def data_checksum(root: Path) -> str:
    """SHA-256 over the files of the layout, in a fixed order."""
    digest = hashlib.sha256()
    for name in refdata.FILES:
        path = Path(root) / name
        digest.update(name.encode())
        if path.exists():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _date(value: str) -> date | None:
    return date.fromisoformat(value) if value else None


def _fingerprints() -> tuple[dict[str, tuple], set[tuple]]:
    items = {
        f"{a}/{i}": (n, lst, tuple(cas), tuple(ctl), tuple(doc))
        for a, i, n, lst, cas, ctl, doc in ControlledItem.objects.values_list(
            "agreement__slug", "item_id", "name", "listing", "cas", "controls", "documents"
        )
    }
    codes = set(
        ItemHSCode.objects.values_list("item__agreement__slug", "item__item_id", "edition", "hs_code", "ex")
    )
    codes = {(f"{a}/{i}", e, c, x) for a, i, e, c, x in codes}
    return items, codes


def _changelog(old: tuple[dict, set], new: tuple[dict, set]) -> list[dict[str, str]]:
    old_items, old_codes = old
    new_items, new_codes = new
    if not old_items:
        return [
            {
                "change": "initial",
                "item": "",
                "detail": f"{len(new_items)} items, {len(new_codes)} HS code rows",
            }
        ]
    log: list[dict[str, str]] = []
    for key in sorted(new_items.keys() - old_items.keys()):
        log.append({"change": "added", "item": key, "detail": new_items[key][0]})
    for key in sorted(old_items.keys() - new_items.keys()):
        log.append({"change": "removed", "item": key, "detail": old_items[key][0]})
    for key in sorted(new_items.keys() & old_items.keys()):
        if new_items[key] != old_items[key]:
            fields = [
                f
                for f, a, b in zip(
                    ("name", "listing", "cas", "controls", "documents"),
                    old_items[key],
                    new_items[key],
                    strict=True,
                )
                if a != b
            ]
            log.append({"change": "changed", "item": key, "detail": ", ".join(fields)})
    by_item: dict[str, list[str]] = {}
    for key, ed, code, ex in sorted(new_codes - old_codes):
        by_item.setdefault(key, []).append(f"+{ed} {code}{' ex' if ex else ''}")
    for key, ed, code, ex in sorted(old_codes - new_codes):
        by_item.setdefault(key, []).append(f"-{ed} {code}{' ex' if ex else ''}")
    for key, changes in sorted(by_item.items()):
        if key in new_items and key in old_items:
            log.append({"change": "codes", "item": key, "detail": " ".join(changes)})
    return log


def data_release_import(
    *, root: Path, by: str, at: datetime, force: bool = False
) -> tuple[DataRelease, bool]:
    """Validate the files under ``root`` and, if they differ from the current release, replace the reference
    data in one transaction and record a release with its changelog. Returns (release, applied).

    Raises DataInvalid (nothing applied) when any row is invalid.
    """
    root = Path(root)
    checksum = data_checksum(root)
    latest = DataRelease.objects.first()
    if latest is not None and latest.checksum == checksum and not force:
        return latest, False  # unchanged files were validated when they were imported
    problems = refdata.validate(root)
    if problems:
        raise DataInvalid(problems)
    data, _ = refdata.read(root)
    with transaction.atomic():
        old = _fingerprints()
        for model in (Synonym, ItemHSCode, ControlledItem, Party, Country, Correlation, HSCode):
            model.objects.all().delete()
        # Agreements (and the sources they cite) are kept by their key and updated in place: documents and
        # training records refer to them, and a release must not drop those links.
        sources = {}
        for r in data.rows("sources.csv"):
            sources[r["source"]], _created = Source.objects.update_or_create(
                key=r["source"],
                defaults={
                    "title": r["title"],
                    "publisher": r["publisher"],
                    "url": r["url"],
                    "licence": r["licence"],
                    "accessed": r["accessed"],
                },
            )
        agreements = {}
        for pos, r in enumerate(data.rows("agreements/agreements.csv")):
            agreements[r["slug"]], _created = Agreement.objects.update_or_create(
                slug=r["slug"],
                defaults={
                    "name": r["name"],
                    "short_name": r["short_name"],
                    "adopted": _date(r["adopted"]),
                    "in_force": _date(r["in_force"]),
                    "secretariat": r["secretariat"],
                    "url": r["url"],
                    "restricts_non_party_trade": r["restricts_non_party_trade"] == "true",
                    "position": pos,
                    "source": sources[r["source"]],
                },
            )
        Agreement.objects.exclude(slug__in=agreements).delete()
        split = lambda s: [p.strip() for p in s.split("|") if p.strip()]  # noqa: E731
        items = [
            ControlledItem(
                agreement=agreements[r["agreement"]],
                item_id=r["item_id"],
                kind=r["kind"],
                name=r["name"],
                name_fr=r["name_fr"],
                name_es=r["name_es"],
                listing=r["listing"],
                cas=split(r["cas"]),
                controls=split(r["controls"]),
                documents=split(r["documents"]),
                notes=r["notes"],
                position=pos,
                source=sources[r["source"]],
                status=r.get("status", ""),
                decision=r.get("decision", ""),
                entry_into_force=r.get("entry_into_force") or None,
                deleted_on=r.get("deleted_on") or None,
                deleted_by=r.get("deleted_by", ""),
                status_source=sources.get(r.get("status_source", "")),
            )
            for pos, r in enumerate(data.rows("agreements/items.csv"))
        ]
        ControlledItem.objects.bulk_create(items, batch_size=BATCH)
        by_key = {
            (i.agreement.slug, i.item_id): i for i in ControlledItem.objects.select_related("agreement")
        }
        Synonym.objects.bulk_create(
            [
                Synonym(
                    item=by_key[(r["agreement"], r["item_id"])],
                    synonym=r["synonym"],
                    lang=r["lang"],
                    kind=r["kind"],
                    source=sources[r["source"]],
                )
                for r in data.rows("agreements/synonyms.csv")
            ],
            batch_size=BATCH,
        )
        ItemHSCode.objects.bulk_create(
            [
                ItemHSCode(
                    item=by_key[(r["agreement"], r["item_id"])],
                    edition=r["edition"],
                    hs_code=r["hs_code"],
                    ex=r["ex"] == "true",
                    note=r["note"],
                    source=sources[r["source"]],
                    confidence=r.get("confidence", ""),
                )
                for r in data.rows("agreements/item_hs.csv")
            ],
            batch_size=BATCH,
        )
        _insert_rows(
            HSCode,
            ["edition", "code", "level", "parent", "description"],
            [
                (r["edition"], r["code"], int(r["level"]), r["parent"], r["description"])
                for r in data.rows("hs/nomenclature.csv")
            ],
        )
        _insert_rows(
            Correlation,
            ["from_edition", "from_code", "to_edition", "to_code", "relationship", "partial"],
            [
                (
                    r["from_edition"],
                    r["from_code"],
                    r["to_edition"],
                    r["to_code"],
                    r["relationship"],
                    r["partial_flag"] == "ex",
                )
                for r in data.rows("hs/correlation.csv")
            ],
        )
        countries = {}
        for r in data.rows("parties/countries.csv"):
            countries[r["iso2"]] = Country.objects.create(
                iso2=r["iso2"],
                iso3=r["iso3"],
                m49=r["m49"],
                name_en=r["name_en"],
                name_fr=r["name_fr"],
                name_es=r["name_es"],
            )
        Party.objects.bulk_create(
            [
                Party(
                    instrument=r["instrument"],
                    country=countries[r["country"]],
                    status=r["status"],
                    action=r["action"],
                    date=_date(r["date"]),
                    in_force=_date(r["in_force"]),
                    source=sources[r["source"]],
                    as_of=_date(r.get("as_of", "")),
                )
                for r in data.rows("parties/parties.csv")
            ],
            batch_size=BATCH,
        )
        Source.objects.exclude(key__in=sources).delete()
        new = _fingerprints()
        counts: dict[str, Any] = {
            "agreements": len(agreements),
            "items": len(items),
            "synonyms": len(data.rows("agreements/synonyms.csv")),
            "item_hs": len(data.rows("agreements/item_hs.csv")),
            "hs_codes": len(data.rows("hs/nomenclature.csv")),
            "correlations": len(data.rows("hs/correlation.csv")),
            "parties": len(data.rows("parties/parties.csv")),
        }
        release = DataRelease.objects.create(
            number=(latest.number + 1) if latest else 1,
            imported_at=at,
            imported_by=by,
            checksum=checksum,
            counts=counts,
            changelog=_changelog(old, new),
        )
    return release, True
