"""Rebuild every CSV file under data/ from the shared public copies and the hand lists in data/build/lists/.

    python data/build/build.py [--shared DIR] [--out DIR]     # write the files (default: into data/)
    python data/build/build.py [--shared DIR] --check         # rebuild into a temporary folder, compare with data/

DIR is the folder of shared public copies described in its PROVENANCE.md (hs/, mea/, parties/, refrigerants/);
default ``../shared/data`` relative to the repository root, as in CI. Plain Python (csv module), no third-party
package. Output is deterministic: UTF-8, ``\\n`` line endings, minimal CSV quoting, rows in a fixed order
(sorted where the file has a natural key; hand-list order where the order is part of the list). The ozone/
files are copied byte for byte (GPL-3.0 data, shipped unchanged beside its licence text).

What comes from where is documented in data/PROVENANCE.md and the layout in data/LAYOUT.md.
"""

from __future__ import annotations

import argparse
import csv
import filecmp
import io
import re
import sys
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

BUILD_DIR = Path(__file__).resolve().parent
DATA_DIR = BUILD_DIR.parent
REPO_DIR = DATA_DIR.parent
LISTS = BUILD_DIR / "lists"
DEFAULT_SHARED = REPO_DIR.parent / "shared" / "data"

EARLIER_EDITIONS = ("HS2002", "HS2007", "HS2012", "HS2017")
# A HS2022 code that UNSD links to more older codes than this (8549 e-waste: ~1,000 each) is not transposed.
MAX_CORRELATION_LINKS = 40
# The Comtrade "commodities not specified according to kind" codes: not HS codes.
NOT_SPECIFIED = {"99", "9999", "999999"}
# Columns of the hand lists that are bookkeeping, not part of the published file.
BOOKKEEPING = ("read_on",)

# The ozone/ files: shared path -> data path, copied byte for byte.
OZONE_FILES = {
    "mea/montreal_treaties.csv": "ozone/montreal_treaties.csv",
    "mea/montreal_groups.csv": "ozone/montreal_groups.csv",
    "mea/montreal_substances.csv": "ozone/montreal_substances.csv",
    "parties/ozone_parties.csv": "ozone/ozone_parties.csv",
    "parties/ozone_treaty_ratifications.csv": "ozone/ozone_treaty_ratifications.csv",
    "parties/ozone_party_status_2021.csv": "ozone/ozone_party_status_2021.csv",
    "refrigerants/ozone_blends.csv": "ozone/ozone_blends.csv",
    "refrigerants/ozone_blend_components.csv": "ozone/ozone_blend_components.csv",
}

# Ozone Secretariat treaty ids -> greencustoms instrument slugs (the Vienna Convention is not an instrument here).
OZONE_TREATIES = {
    "MP": "montreal",
    "LA": "london",
    "CA": "copenhagen",
    "MA": "montreal-amendment",
    "BA": "beijing",
    "KA": "kigali",
}


class BuildError(Exception):
    """A source file is missing or does not have the expected shape."""


# --------------------------------------------------------------------------------------------- reading/writing


def read_rows(path: Path) -> list[dict[str, str]]:
    """The rows of a CSV file with a header (UTF-8, a BOM tolerated, any line ending)."""
    if not path.exists():
        raise BuildError(f"{path}: file is missing")
    with path.open(newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def read_list(name: str, *, require_source: bool = True) -> list[dict[str, str]]:
    """A hand list from data/build/lists/, without its bookkeeping columns; every row must name its source."""
    path = LISTS / name
    rows = read_rows(path)
    out = []
    for line, row in enumerate(rows, start=2):
        if require_source and "source" in row and not row["source"]:
            raise BuildError(f"{path}:{line}: source is empty")
        if "read_on" in row and not row["read_on"]:
            raise BuildError(f"{path}:{line}: read_on (the date the source was read) is empty")
        out.append({k: v for k, v in row.items() if k not in BOOKKEEPING})
    return out


def csv_text(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()


def write(out: Path, name: str, header: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    path = out / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(csv_text(header, rows).encode("utf-8"))


def write_dicts(
    out: Path, name: str, rows: list[dict[str, str]], header: Sequence[str] | None = None
) -> None:
    header = list(header or rows[0])
    write(out, name, header, ([r[k] for k in header] for r in rows))


# ----------------------------------------------------------------------------------------------------- hs/


def build_hs(shared: Path, out: Path) -> dict[tuple[str, str], list[dict[str, str]]]:
    """hs/nomenclature.csv and hs/correlation.csv; returns the HS2022 -> older links by (code, edition)."""
    nomenclature = read_rows(shared / "hs/hs_nomenclature_hs2002-hs2022_comtrade.csv")
    header = ("edition", "code", "level", "parent", "description")
    write(
        out,
        "hs/nomenclature.csv",
        header,
        (
            (
                r["edition"],
                r["code"],
                r["level"],
                "" if r["parent"] == "TOTAL" else r["parent"],
                r["description"],
            )
            for r in nomenclature
            if r["code"] not in NOT_SPECIFIED
        ),
    )
    correlation = [
        r
        for r in read_rows(shared / "hs/hs_correlation_unsd.csv")
        if r["from_code"] not in NOT_SPECIFIED and r["to_code"] not in NOT_SPECIFIED
    ]
    header = ("from_edition", "from_code", "to_edition", "to_code", "relationship", "partial_flag")
    write(out, "hs/correlation.csv", header, ([r[k] for k in header] for r in correlation))
    links: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for r in correlation:
        if r["from_edition"] == "HS2022":
            links[(r["from_code"], r["to_edition"])].append(r)
    return links


# --------------------------------------------------------------------------------------------- agreements/


def _dotted(code: str) -> str:
    return f"{code[:4]}.{code[4:]}" if len(code) == 6 else code


def item_hs_rows(
    hand: list[dict[str, str]], links: dict[tuple[str, str], list[dict[str, str]]]
) -> list[dict[str, str]]:
    """The hand-listed HS rows plus, for each HS2022 row, its older-edition codes from the UNSD correlation.

    A hand-listed HS2022 row heads a group (the hand rows of other editions that follow it belong to it).
    For an edition where the item has hand rows (e.g. HS2002 2903.41 naming CFC-11), those rows are used;
    otherwise every UNSD link of the HS2022 code, unless it has more than MAX_CORRELATION_LINKS links.
    A derived row is ``ex`` when the HS2022 row is, or the link is not 1:1, or UNSD marks it partial.

    Every row states its ``confidence``: ``reviewed`` for a hand-listed row (read against the HS and treaty
    texts), ``correlation`` for a derived row whose UNSD link is 1:1 and not marked partial (the code is the same
    goods in the other edition), ``candidate`` for a derived row from a many-to-many, 1:n, n:1 or partial link:
    one of several codes that may hold the item, not reviewed by a person (lower confidence).
    """
    groups: list[list[dict[str, str]]] = []
    for row in hand:
        if row["edition"] == "HS2022":
            groups.append([row])
        elif not groups:
            raise BuildError(f"item_hs.csv: {row['item_id']} {row['edition']} row before any HS2022 row")
        else:
            groups[-1].append(row)
    hand_editions = {(r["agreement"], r["item_id"], r["edition"]) for r in hand}
    seen: set[tuple[str, str, str, str]] = set()
    out: list[dict[str, str]] = []
    for head, *rest in groups:
        out.append({**head, "confidence": "reviewed"})
        for edition in EARLIER_EDITIONS:
            if (head["agreement"], head["item_id"], edition) in hand_editions:
                out.extend({**r, "confidence": "reviewed"} for r in rest if r["edition"] == edition)
                continue
            found = links.get((head["hs_code"], edition), [])
            if len(found) > MAX_CORRELATION_LINKS:
                continue
            for link in found:
                key = (head["agreement"], head["item_id"], edition, link["to_code"])
                if key in seen:
                    continue
                seen.add(key)
                ex = head["ex"] == "true" or link["relationship"] != "1:1" or link["partial_flag"] == "ex"
                out.append(
                    {
                        "agreement": head["agreement"],
                        "item_id": head["item_id"],
                        "edition": edition,
                        "hs_code": link["to_code"],
                        "ex": "true" if ex else "false",
                        "note": f"from HS2022 {_dotted(head['hs_code'])} via UNSD correlation ({link['relationship']})",
                        "source": "unsd-corr",
                        "confidence": "correlation"
                        if link["relationship"] == "1:1" and link["partial_flag"] != "ex"
                        else "candidate",
                    }
                )
    return out


_SUBSTANCE_NOTE = re.compile(
    r"(?P<description>.*?); formula (?P<formula>\S+); ODP (?P<odp>[^;]+)(?:; GWP (?P<gwp>[^;]+))?"
)


def crosscheck_montreal(
    items: list[dict[str, str]],
    substances: list[dict[str, str]],
    blends: list[dict[str, str]],
    ashrae: list[dict[str, str]],
) -> list[str]:
    """Montreal items carried in the hand list against the shared copies they were compiled from.

    A substance from ``ozone-gpl`` must match exactly one Ozone Secretariat substance by description and formula,
    with the same ODP and GWP (a GWP of 0 or none there is not quoted); a 500-series blend from ``ozone-gpl`` must
    quote its Ozone Secretariat composition; an ASHRAE blend from ``ashrae-coolprop`` must quote the composition
    CoolProp publishes for it. Returns one line per item that no longer agrees (empty: all agree).
    """
    by_key: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for s in substances:
        by_key[(s["description"], s["formula"])].append(s)
    blend_by_id = {b["blend_id"]: b for b in blends}
    published: dict[str, str] = {}
    for a in ashrae:
        published.setdefault(a["ashrae_designation"], a["composition_as_published"])
    problems = []
    for item in items:
        if item["agreement"] != "montreal":
            continue
        name = f"montreal/{item['item_id']}"
        if item["source"] == "ozone-gpl" and item["kind"] == "substance":
            m = _SUBSTANCE_NOTE.match(item["notes"])
            found = by_key.get((m["description"], m["formula"]), []) if m else []
            if len(found) != 1:
                problems.append(
                    f"{name}: no single Ozone Secretariat substance with the description and formula quoted"
                )
                continue
            gwp = found[0]["gwp"] if found[0]["gwp"] not in ("", "0") else None
            if (m["odp"], m["gwp"]) != (found[0]["odp"], gwp):
                problems.append(
                    f"{name}: ODP/GWP {m['odp']}/{m['gwp']} but the Ozone Secretariat file has "
                    f"{found[0]['odp']}/{found[0]['gwp']}"
                )
        elif item["source"] == "ozone-gpl" and item["kind"] == "mixture":
            blend = blend_by_id.get(item["name"])
            if blend is None or blend["composition_alt"] not in item["notes"]:
                problems.append(
                    f"{name}: composition differs from the Ozone Secretariat blend {item['name']}"
                )
        elif item["source"] == "ashrae-coolprop":
            composition = published.get(item["name"])
            if composition is None or f"Composition (mass %): {composition};" not in item["notes"]:
                problems.append(f"{name}: composition differs from CoolProp's ASHRAE table ({composition})")
    return problems


def crosscheck_montreal_dates(
    items: list[dict[str, str]], groups: list[dict[str, str]], treaties: list[dict[str, str]]
) -> list[str]:
    """Legal state of the Montreal listings carried with ``status_source`` ``ozone-gpl``: the decision and date
    must be the control treaty of the item's annex group (Ozone Secretariat groups file) and that treaty's
    adoption year and entry-into-force date (treaties file). Returns one line per item that does not agree."""
    treaty = {t["treaty_id"]: t for t in treaties}
    by_listing: dict[str, dict[str, str]] = {}
    for g in groups:
        names = (
            [g["name_alt"]] if g["group_id"] != "F" else ["Annex F", "Annex F, Group I", "Annex F, Group II"]
        )
        for name in names:
            by_listing[name] = treaty[g["control_treaty"]]
    problems = []
    for item in items:
        if item["agreement"] != "montreal" or item.get("status_source") != "ozone-gpl":
            continue
        t = by_listing.get(item["listing"])
        want = (f"{t['name']} ({t['adoption_date'][:4]})", t["entry_into_force_date"]) if t else None
        if want != (item["decision"], item["entry_into_force"]):
            problems.append(
                f"montreal/{item['item_id']}: decision/entry into force {item['decision']!r}/"
                f"{item['entry_into_force']!r}, but the Ozone Secretariat files give {want}"
            )
    return problems


_DESIGNATION = re.compile(
    r"^(?:R-?|HCFC-|HFC-|CFC-|PFC-|HC-|HO-|HFO-|FC-|HBFC-|Halon-?)?(.+)$", re.IGNORECASE
)


def blend_disagreements(ashrae: list[dict[str, str]], components: list[dict[str, str]]) -> dict[str, str]:
    """Blends whose composition differs between CoolProp's ASHRAE table and the Ozone Secretariat's list.

    Components are compared by their number (``R-142b`` = ``HCFC-142b``), mass shares to within 0.5 %.
    Returns ``{blend: "ashrae ... | ozone ..."}`` for each blend listed in both sources that disagrees.
    """

    def key(name: str) -> str:
        return _DESIGNATION.match(name.strip())[1].lower()

    by_ashrae: dict[str, dict[str, float]] = defaultdict(dict)
    for a in ashrae:
        by_ashrae[a["ashrae_designation"]][key(a["component"])] = float(a["mass_percent"])
    by_ozone: dict[str, dict[str, float]] = defaultdict(dict)
    for c in components:
        by_ozone[c["blend_id"]][key(c["component_name"])] = 100 * float(c["mass_fraction"])
    out = {}
    for blend in sorted(set(by_ashrae) & set(by_ozone)):
        a, o = by_ashrae[blend], by_ozone[blend]
        if set(a) != set(o) or any(abs(a[k] - o[k]) > 0.5 for k in a):
            out[blend] = f"ASHRAE/CoolProp {sorted(a.items())} | Ozone Secretariat {sorted(o.items())}"
    return out


def _blend_shares(
    rows: list[dict[str, str]], blend_col: str, name_col: str, share
) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = defaultdict(dict)
    for r in rows:
        out[r[blend_col]][_DESIGNATION.match(r[name_col].strip())[1].lower()] = share(r)
    return out


def blend_evidence(
    blend: str,
    ashrae: list[dict[str, str]],
    components: list[dict[str, str]],
    blends: list[dict[str, str]],
    substances: list[dict[str, str]],
    fluids: list[dict[str, str]],
) -> str:
    """Which of the two blend sources the shared copies themselves bear out for ``blend``: ``ashrae-coolprop``,
    ``ozone-gpl`` or ``""`` (undecided).

    A source is borne out when (1) every component it names is a known substance (a CoolProp fluid or alias, an
    Ozone Secretariat controlled substance, or a component the Ozone Secretariat identifies as a controlled
    substance), compared by number (``R-142b`` = ``HCFC-142b``), and (2) its composition reproduces the ODP the
    Ozone Secretariat states for the blend (sum of mass share x ODP of each controlled component, within 1 %).
    Exactly one source must pass for a decision; R-412A: CoolProp's ``R-143b`` names no substance (C2H3F3 has two
    isomers, R-143 and R-143a) and its composition gives ODP 0.0385, the Ozone Secretariat's HCFC-142b gives the
    stated 0.05475.
    """

    def key(name: str) -> str:
        return _DESIGNATION.match(name.strip())[1].lower()

    known: set[str] = set()
    for f in fluids:
        for name in [f["coolprop_name"], *f["aliases"].split(";")]:
            if name.strip():
                known.add(key(name))
    odp: dict[str, float] = {}
    for s in substances:
        known.add(key(s["name"]))
        if s["odp"]:
            odp.setdefault(key(s["name"]), float(s["odp"]))
    for c in components:
        if c["controlled_substance_id"]:
            known.add(key(c["component_name"]))
    stated = next((b["odp"] for b in blends if b["blend_id"] == blend), "")
    candidates = {
        "ashrae-coolprop": _blend_shares(
            ashrae, "ashrae_designation", "component", lambda r: float(r["mass_percent"]) / 100
        ).get(blend, {}),
        "ozone-gpl": _blend_shares(
            components, "blend_id", "component_name", lambda r: float(r["mass_fraction"])
        ).get(blend, {}),
    }
    passed = []
    for source, shares in candidates.items():
        if not shares or any(k not in known for k in shares):
            continue
        if stated:
            computed = sum(share * odp.get(k, 0.0) for k, share in shares.items())
            if abs(computed - float(stated)) > 0.01 * max(float(stated), 1e-9):
                continue
        passed.append(source)
    return passed[0] if len(passed) == 1 else ""


def build_agreements(shared: Path, out: Path, links: dict[tuple[str, str], list[dict[str, str]]]) -> None:
    items = read_list("items.csv")
    problems = crosscheck_montreal(
        items,
        read_rows(shared / "mea/montreal_substances.csv"),
        read_rows(shared / "refrigerants/ozone_blends.csv"),
        read_rows(shared / "refrigerants/ashrae_blends_coolprop.csv"),
    )
    problems += crosscheck_montreal_dates(
        items, read_rows(shared / "mea/montreal_groups.csv"), read_rows(shared / "mea/montreal_treaties.csv")
    )
    known = {r["blend"]: r for r in read_list("blend_disagreements.csv", require_source=False)}
    found = blend_disagreements(
        read_rows(shared / "refrigerants/ashrae_blends_coolprop.csv"),
        read_rows(shared / "refrigerants/ozone_blend_components.csv"),
    )
    problems += [
        f"{blend}: compositions disagree ({detail}); record it in lists/blend_disagreements.csv"
        for blend, detail in found.items()
        if blend not in known
    ]
    problems += [
        f"{blend}: listed in blend_disagreements.csv but the sources agree now"
        for blend in known
        if blend not in found
    ]
    evidence_args = (
        read_rows(shared / "refrigerants/ashrae_blends_coolprop.csv"),
        read_rows(shared / "refrigerants/ozone_blend_components.csv"),
        read_rows(shared / "refrigerants/ozone_blends.csv"),
        read_rows(shared / "mea/montreal_substances.csv"),
        read_rows(shared / "refrigerants/coolprop_fluids.csv"),
    )
    item_source = {
        i["name"]: i["source"] for i in items if i["agreement"] == "montreal" and i["kind"] == "mixture"
    }
    for blend, row in known.items():
        if blend not in found:
            continue
        decided = blend_evidence(blend, *evidence_args)
        if row["status"] == "resolved":
            # A resolved disagreement names the source the shared copies bear out, and the item quotes it.
            if row["resolved_to"] != decided:
                problems.append(
                    f"{blend}: recorded as resolved to {row['resolved_to']!r}, but the shared copies bear out "
                    f"{decided or 'neither source'}"
                )
            elif blend in item_source and item_source[blend] != decided:
                problems.append(
                    f"{blend}: the sources disagree and {decided} is borne out, but items.csv quotes "
                    f"{item_source[blend]}"
                )
        elif row["status"] == "open" and decided:
            problems.append(
                f"{blend}: recorded as open, but the shared copies bear out {decided}: quote it in items.csv "
                "and record the disagreement as resolved"
            )
        elif row["status"] not in ("open", "resolved"):
            problems.append(f"{blend}: status {row['status']!r} must be open or resolved")
    if problems:
        raise BuildError("items.csv disagrees with the shared copies:\n  " + "\n  ".join(problems))
    for blend, row in known.items():
        if row["status"] == "open":
            print(
                f"build.py: open disagreement between the blend sources: {blend} ({row['note']})",
                file=sys.stderr,
            )
    write_dicts(out, "agreements/items.csv", items)
    for name in ("agreements.csv", "synonyms.csv"):
        write_dicts(out, f"agreements/{name}", read_list(name))
    write_dicts(out, "agreements/item_hs.csv", item_hs_rows(read_list("item_hs.csv"), links))


# ------------------------------------------------------------------------------------------------ parties/


def build_countries(shared: Path, out: Path) -> set[str]:
    """ISO 3166 codes with UNTERM short names (CLDR / official name where UNTERM has none), plus the hand list."""
    rows = []
    for r in read_rows(shared / "parties/country-codes_datahub.csv"):
        iso2 = r["ISO3166-1-Alpha-2"].strip()
        if not iso2:
            continue
        rows.append(
            {
                "iso2": iso2,
                "iso3": r["ISO3166-1-Alpha-3"],
                "m49": r["M49"],
                "name_en": r["UNTERM English Short"] or r["CLDR display name"],
                "name_fr": r["UNTERM French Short"] or r["official_name_fr"],
                "name_es": r["UNTERM Spanish Short"] or r["official_name_es"],
            }
        )
    known = {r["iso2"] for r in rows}
    for r in read_list("countries_extra.csv"):
        if r["iso2"] in known:
            raise BuildError(f"countries_extra.csv: {r['iso2']} is already in the ISO list")
        rows.append(r)
    rows.sort(key=lambda r: r["iso2"])
    write_dicts(out, "parties/countries.csv", rows, ("iso2", "iso3", "m49", "name_en", "name_fr", "name_es"))
    return {r["iso2"] for r in rows}


PARTIES_HEADER = ("instrument", "country", "status", "action", "date", "in_force", "source", "as_of")
COVERAGE_HEADER = ("instrument", "complete", "parties", "as_of", "source", "note")
# Date up to which the Ozone Secretariat ratification file is taken to be current: its newest deposit date
# (the file itself states no as-of date).
OZONE_AS_OF = "2019-10-16"
COMPLETE = ("yes", "assumed", "no")
#: (instrument, date, number of Parties on that date, source): counts read for an earlier date
PARTY_COUNTS_ON = (("kigali", "2019-11-08", 88, "ozone-decision-xxxi-11"),)


def _iso_date(value: str, where: str) -> str:
    if value and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise BuildError(f"{where}: {value!r} is not YYYY-MM-DD")
    return value


def build_parties(shared: Path, out: Path, countries: set[str] | None = None) -> None:
    """Party status: parties/parties.csv, parties/parties_partial.csv and parties/coverage.csv.

    The Montreal Protocol and its amendments come from the Ozone Secretariat ratification file; the hand list
    lists/parties.csv adds single facts read from depositary pages, each with its source and as-of date.
    Screening treats every country without a row as a non-Party, so parties.csv only holds instruments whose
    list is complete (``complete`` yes or assumed in lists/party_lists.csv); the single facts of the other
    instruments go to parties_partial.csv. A hand row that repeats an Ozone Secretariat row must agree with it
    (cross-check) and is not written twice.
    """
    coverage = read_list("party_lists.csv", require_source=False)
    complete = {}
    for line, c in enumerate(coverage, start=2):
        where = f"party_lists.csv:{line}"
        if c["complete"] not in COMPLETE:
            raise BuildError(f"{where}: complete must be one of {', '.join(COMPLETE)}")
        _iso_date(c["as_of"], where)
        complete[c["instrument"]] = c["complete"]
    rows = []
    for r in read_rows(shared / "parties/ozone_treaty_ratifications.csv"):
        instrument = OZONE_TREATIES.get(r["treaty_id"])
        if instrument is None:
            continue
        rows.append(
            {
                "instrument": instrument,
                "country": r["iso_alpha2"],
                "status": "party",
                "action": r["ratification_type"].lower(),
                "date": r["ratification_date"],
                "in_force": r["entry_into_force_date"],
                "source": "ozone-gpl",
                "as_of": OZONE_AS_OF,
            }
        )
    disagreements = {}
    for line, d in enumerate(read_list("party_disagreements.csv"), start=2):
        where = f"party_disagreements.csv:{line}"
        if d["resolved_to"] != d["source"]:
            raise BuildError(f"{where}: resolved_to must be the source of the fact that wins ({d['source']})")
        disagreements[(d["instrument"], d["country"])] = d
    used_disagreements = set()
    known = {(r["instrument"], r["country"]): r for r in rows}
    partial = []
    for line, h in enumerate(read_list("parties.csv"), start=2):
        where = f"parties.csv:{line}"
        for col in ("date", "in_force", "as_of"):
            _iso_date(h[col], where)
        if h["instrument"] not in complete:
            raise BuildError(f"{where}: instrument {h['instrument']!r} has no row in party_lists.csv")
        if countries is not None and h["country"] not in countries:
            raise BuildError(f"{where}: country {h['country']!r} is not in parties/countries.csv")
        row = {k: h[k] for k in PARTIES_HEADER}
        same = known.get((h["instrument"], h["country"]))
        if same is not None:
            # a date or action missing from one source is no contradiction; a different one is
            agree = all(
                not same[col] or not h[col] or same[col] == h[col] for col in ("action", "date", "in_force")
            )
            if agree:
                if h["as_of"] <= same["as_of"]:
                    continue
                # the same fact stated as of a later date (a newer copy of the depositary's list): it becomes the
                # row of record, so that the whole list carries the date it is known to be complete for
                target = rows if same in rows else partial
                target.remove(same)
            else:
                recorded = disagreements.get((h["instrument"], h["country"]))
                if recorded is None or recorded["source"] != h["source"]:
                    raise BuildError(
                        f"{where}: {h['instrument']} {h['country']} {h['action']} {h['date']} per {h['source']} "
                        f"contradicts {same['action']} {same['date']} per {same['source']}; record it in "
                        "lists/party_disagreements.csv"
                    )
                if (recorded["other_action"], recorded["other_date"]) != (same["action"], same["date"]) or (
                    recorded["action"],
                    recorded["date"],
                ) != (h["action"], h["date"]):
                    raise BuildError(
                        f"{where}: party_disagreements.csv does not state this disagreement as it is"
                    )
                # the recorded winner (the depositary's record) replaces the other row
                used_disagreements.add((h["instrument"], h["country"]))
                target = rows if same in rows else partial
                target.remove(same)
        if complete[h["instrument"]] == "no":
            partial.append(row)
        else:
            rows.append(row)
        known[(h["instrument"], h["country"])] = row
    unused = sorted(set(disagreements) - used_disagreements)
    if unused:
        raise BuildError(f"party_disagreements.csv: no such disagreement (any more): {unused}")
    for c in coverage:
        # a list said to be complete must hold as many Parties as the count its source states
        if c["complete"] != "no" and c["parties"]:
            found = sum(1 for r in rows if r["instrument"] == c["instrument"] and r["status"] == "party")
            if found != int(c["parties"]):
                raise BuildError(
                    f"party_lists.csv: {c['instrument']}: {c['parties']} parties per {c['source']}, "
                    f"but the built list holds {found}"
                )
    for instrument, on, count, source in PARTY_COUNTS_ON:
        # an older count checks the dates of the list: its deposits up to that day must be as many
        found = sum(
            1 for r in rows if r["instrument"] == instrument and r["status"] == "party" and r["date"] <= on
        )
        if found != count:
            raise BuildError(
                f"{instrument}: {count} parties as at {on} per {source}, but the list holds {found}"
            )
    rows.sort(key=lambda r: (r["instrument"], r["country"]))
    partial.sort(key=lambda r: (r["instrument"], r["country"]))
    write_dicts(out, "parties/parties.csv", rows, PARTIES_HEADER)
    write_dicts(out, "parties/parties_partial.csv", partial, PARTIES_HEADER)
    write_dicts(out, "parties/coverage.csv", coverage, COVERAGE_HEADER)


# ------------------------------------------------------------------------------------------------- the rest


def build_ozone(shared: Path, out: Path) -> None:
    for src, dst in OZONE_FILES.items():
        path = shared / src
        if not path.exists():
            raise BuildError(f"{path}: file is missing")
        (out / dst).parent.mkdir(parents=True, exist_ok=True)
        (out / dst).write_bytes(path.read_bytes())


def build(shared: Path, out: Path) -> list[str]:
    """Write every built file under ``out``; returns their paths relative to ``out``, sorted."""
    shared, out = Path(shared), Path(out)
    if not shared.is_dir():
        raise BuildError(f"{shared}: shared data folder not found (pass --shared DIR)")
    links = build_hs(shared, out)
    build_agreements(shared, out, links)
    countries = build_countries(shared, out)
    build_parties(shared, out, countries)
    build_ozone(shared, out)
    write_dicts(out, "sources.csv", read_list("sources.csv"))
    write_dicts(out, "partners/partners.csv", read_list("partners.csv"))
    return sorted(str(p.relative_to(out)) for p in out.rglob("*.csv"))


def committed_csv_files(data: Path) -> list[str]:
    """The CSV files under data/ that the build is responsible for (everything except data/build/)."""
    return sorted(
        str(p.relative_to(data)) for p in data.rglob("*.csv") if "build" not in p.relative_to(data).parts
    )


def first_difference(a: Path, b: Path) -> str:
    la = a.read_bytes().split(b"\n")
    lb = b.read_bytes().split(b"\n")
    for i, (x, y) in enumerate(zip(la, lb, strict=False), start=1):
        if x != y:
            return f"line {i}: built {x[:120]!r} != committed {y[:120]!r}"
    return f"built has {len(la)} lines, committed has {len(lb)}"


def check(shared: Path, data: Path = DATA_DIR) -> list[str]:
    """Rebuild into a temporary folder and compare with ``data``; returns the differences (empty = identical)."""
    problems = []
    with tempfile.TemporaryDirectory(prefix="gc-data-build-") as tmp:
        built = build(shared, Path(tmp))
        committed = committed_csv_files(data)
        for name in sorted(set(committed) - set(built)):
            problems.append(f"data/{name}: committed but not produced by the build")
        for name in built:
            if name not in committed:
                problems.append(f"data/{name}: produced by the build but not committed")
            elif not filecmp.cmp(Path(tmp) / name, data / name, shallow=False):
                problems.append(
                    f"data/{name}: differs from the build ({first_difference(Path(tmp) / name, data / name)})"
                )
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--shared", type=Path, default=DEFAULT_SHARED, help=f"shared data folder (default {DEFAULT_SHARED})"
    )
    parser.add_argument(
        "--out", type=Path, default=DATA_DIR, help="where to write the files (default: data/)"
    )
    parser.add_argument(
        "--check", action="store_true", help="compare a fresh build with data/ instead of writing"
    )
    args = parser.parse_args(argv)
    try:
        if args.check:
            problems = check(args.shared)
            for p in problems:
                print(p, file=sys.stderr)
            if problems:
                print(
                    f"{len(problems)} file(s) differ: run `make data` and commit the result", file=sys.stderr
                )
                return 1
            print("data/: the committed files are what the build produces")
            return 0
        built = build(args.shared, args.out)
    except BuildError as exc:
        print(f"build.py: {exc}", file=sys.stderr)
        return 2
    stale = sorted(set(committed_csv_files(DATA_DIR)) - set(built)) if args.out.resolve() == DATA_DIR else []
    if stale:
        print(f"not produced by the build (remove or add to the build): {', '.join(stale)}", file=sys.stderr)
        return 1
    print(f"{len(built)} files written under {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
