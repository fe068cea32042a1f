"""Turn a Species+ "Index of CITES species" CSV export into rows of data/agreements/ (items, synonyms).

Species+ data may not be redistributed (UNEP-WCMC terms), so the repository ships only a starter set; a
deployment that has its own export converts it here and imports the result with `greencustoms data import`.
Required columns: ``Scientific Name`` and ``Listing`` (I, II, III, or combinations such as ``I/II``);
optional: ``Rank``, ``English Names``, ``French Names``, ``Spanish Names``, ``Synonyms`` (comma-separated).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from greencustoms.agreements.refdata import FILES

SOURCE = "speciesplus-export"
DOCS = {
    "I": "Export permit and import permit (Article III)|Re-export certificate for re-exports",
    "II": "Export permit (Article IV)|Re-export certificate for re-exports",
    "III": "Export permit or certificate of origin (Article V)",
}


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def convert_speciesplus(export: Path, output: Path) -> int:
    """Write cites_items.csv and cites_synonyms.csv (layout columns) into ``output``; return the taxa count."""
    with export.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = {"Scientific Name", "Listing"} - set(reader.fieldnames or [])
        if missing:
            raise ValueError(f"{export}: missing column(s) {', '.join(sorted(missing))}")
        rows = list(reader)
    output.mkdir(parents=True, exist_ok=True)
    items, synonyms, seen = [], [], set()
    for row in rows:
        name = row["Scientific Name"].strip()
        appendices = [a for a in re.split(r"[/,; ]+", row["Listing"].strip()) if a in ("I", "II", "III")]
        if not name or not appendices:
            continue  # not listed (e.g. deleted or NC)
        item_id = _slug(name)
        if item_id in seen:
            continue
        seen.add(item_id)
        first = appendices[0]
        items.append(
            {
                "agreement": "cites",
                "item_id": item_id,
                "kind": "species",
                "name": name,
                "name_fr": row.get("French Names", "").split(",")[0].strip(),
                "name_es": row.get("Spanish Names", "").split(",")[0].strip(),
                "listing": "/".join(f"Appendix {a}" for a in appendices),
                "cas": "",
                "controls": "permit",
                "documents": DOCS[first],
                "notes": row.get("Rank", ""),
                "source": SOURCE,
            }
        )
        for col, lang in (
            ("English Names", "en"),
            ("French Names", "fr"),
            ("Spanish Names", "es"),
            ("Synonyms", "xx"),
        ):
            for s in (row.get(col) or "").split(","):
                if s.strip():
                    synonyms.append(
                        {
                            "agreement": "cites",
                            "item_id": item_id,
                            "synonym": s.strip(),
                            "lang": lang,
                            "kind": "synonym",
                            "source": SOURCE,
                        }
                    )
    for fname, table, data in (
        ("cites_items.csv", "agreements/items.csv", items),
        ("cites_synonyms.csv", "agreements/synonyms.csv", synonyms),
    ):
        with (output / fname).open("w", encoding="utf-8", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=FILES[table], lineterminator="\n")
            w.writeheader()
            w.writerows(data)
    return len(items)
