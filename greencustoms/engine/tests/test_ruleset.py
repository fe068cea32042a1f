"""Ruleset compile, save/load with its release id and format version; reading the reference CSVs."""

from __future__ import annotations

import csv
import gzip
import json
from pathlib import Path

import pytest

from greencustoms.engine import (
    ReferenceData,
    RulesetError,
    RulesetVersionError,
    compile_ruleset,
    load_reference_csv,
    load_ruleset,
    save_ruleset,
)
from greencustoms.engine.tests.conftest import tiny_reference


def test_save_and_load_keep_release_and_behaviour(tmp_path: Path) -> None:
    ruleset = compile_ruleset(tiny_reference())
    path = save_ruleset(ruleset, tmp_path / "current.ruleset")
    loaded = load_ruleset(path)
    assert loaded.release == "test-1"
    assert loaded.reference == ruleset.reference
    assert loaded.patterns == ruleset.patterns
    assert loaded.needles == ruleset.needles


def test_release_defaults_to_a_content_hash() -> None:
    reference = tiny_reference()
    unnamed = ReferenceData(items=reference.items, agreements=reference.agreements)
    assert compile_ruleset(unnamed).release == compile_ruleset(unnamed).release
    assert compile_ruleset(unnamed).release.startswith("sha256:")


def test_wrong_version_and_garbage_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "old.ruleset"
    with gzip.open(path, "wt") as fh:
        json.dump({"format": "greencustoms-ruleset", "version": 0}, fh)
    with pytest.raises(RulesetVersionError, match="rebuild"):
        load_ruleset(path)
    junk = tmp_path / "junk.ruleset"
    junk.write_text("nope")
    with pytest.raises(RulesetError):
        load_ruleset(junk)


def test_an_empty_ruleset_is_refused() -> None:
    with pytest.raises(RulesetError):
        compile_ruleset(ReferenceData(items=()))


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)


def test_load_reference_csv_reads_the_layout(tmp_path: Path) -> None:
    _write(
        tmp_path / "agreements/agreements.csv",
        [
            "slug",
            "name",
            "short_name",
            "adopted",
            "in_force",
            "secretariat",
            "url",
            "restricts_non_party_trade",
            "source",
        ],
        [["montreal", "Montreal Protocol on …", "Montreal Protocol", "", "", "UNEP", "", "true", "s"]],
    )
    _write(
        tmp_path / "agreements/items.csv",
        [
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
        ],
        [
            [
                "montreal",
                "hcfc-22",
                "substance",
                "HCFC-22",
                "HCFC-22 (fr)",
                "",
                "Annex C, Group I",
                "75-45-6",
                "licence|reporting",
                "Import licence|Report",
                "",
                "s",
            ]
        ],
    )
    _write(
        tmp_path / "agreements/synonyms.csv",
        ["agreement", "item_id", "synonym", "lang", "kind", "source"],
        [["montreal", "hcfc-22", "R-22", "xx", "designation", "s"]],
    )
    _write(
        tmp_path / "agreements/item_hs.csv",
        ["agreement", "item_id", "edition", "hs_code", "ex", "note", "source"],
        [
            ["montreal", "hcfc-22", "HS2022", "290371", "false", "", "s"],
            ["montreal", "hcfc-22", "HS2017", "290371", "true", "", "s"],
        ],
    )
    _write(
        tmp_path / "parties/parties.csv",
        ["instrument", "country", "status", "action", "date", "in_force", "source"],
        [["montreal", "fr", "party", "ratification", "", "", "s"]],
    )
    _write(
        tmp_path / "parties/countries.csv",
        ["iso2", "iso3", "m49", "name_en", "name_fr", "name_es"],
        [["FR", "FRA", "250", "France", "France", "Francia"]],
    )
    reference = load_reference_csv(tmp_path)
    (item,) = reference.items
    assert item.cas == ("75-45-6",)
    assert item.controls == ("licence", "reporting")
    assert item.documents == ("Import licence", "Report")
    assert [(h.edition, h.code, h.ex) for h in item.hs_codes] == [
        ("HS2022", "290371", False),
        ("HS2017", "290371", True),
    ]
    assert {n.text for n in item.names} == {"HCFC-22 (fr)", "R-22"}
    assert reference.agreements[0].restricts_non_party_trade
    assert reference.parties[0].country == "FR"
    assert reference.countries["FRA"] == "FR"
    assert reference.release.startswith("data:")
    ruleset = compile_ruleset(reference)
    assert ruleset.item_requirements[0][0].instrument == "beijing"


def test_missing_reference_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(RulesetError, match="missing"):
        load_reference_csv(tmp_path)
