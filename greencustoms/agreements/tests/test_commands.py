"""CLI contract: greencustoms lookup / data / annex."""

import json
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from greencustoms.agreements.models import DataRelease
from greencustoms.cli import main

DATA = Path(__file__).resolve().parents[3] / "data"


def test_lookup_json_shape(refdb, capsys):
    assert main(["lookup", "R-22", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    # the contract is extended, never renamed: the original keys stay, issue #14 added the others
    assert set(out) == {"query", "edition", "matches", "at", "data_as_of", "code_absent", "subheadings"}
    assert out["query"] == "R-22" and out["edition"] == "HS2022"
    m = out["matches"][0]
    assert set(m) == {
        "agreement",
        "item",
        "kind",
        "listing",
        "cas",
        "hs_codes",
        "ex",
        "controls",
        "controls_words",
        "documents",
        "sources",
        "name",
        "status",
        "decision",
        "entry_into_force",
        "deleted_on",
        "deleted_by",
        "state",
        "history",
        "hs_confidence",
    }
    assert m["item"] == "hcfc-22" and m["hs_codes"]["HS2017"] == ["290371"]


def test_lookup_with_edition(refdb, capsys):
    assert main(["lookup", "2903.41", "--edition", "HS2007", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["edition"] == "HS2007" and [m["item"] for m in out["matches"]] == ["cfc-11"]


def test_lookup_nothing_exits_zero_with_empty_matches(refdb, capsys):
    assert main(["lookup", "0901.11", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["matches"] == []


def test_unreadable_query_exits_two(refdb, capsys):
    assert main(["lookup", "   ", "--json"]) == 2
    assert "unreadable query" in capsys.readouterr().err
    assert main(["lookup", "12345678901234"]) == 2


def test_lookup_text_output(refdb, capsys):
    assert main(["lookup", "mercury"]) == 0
    assert "minamata: Mercury" in capsys.readouterr().out


def test_data_import_reports_bad_rows_and_applies_nothing(refdb, tmp_path):
    bad = tmp_path / "data"
    shutil.copytree(DATA, bad, ignore=shutil.ignore_patterns("build", "ozone"))
    with (bad / "agreements" / "items.csv").open("a", encoding="utf-8") as fh:
        fh.write("cwc,test,substance,T,,,Schedule 3,75-44-6,licence,,,cwc-annex\n")
    err = StringIO()
    with pytest.raises(CommandError) as exc:
        call_command("data", "import", str(bad), stderr=err)
    assert exc.value.returncode == 1
    assert "agreements/items.csv:" in err.getvalue() and "75-44-6" in err.getvalue()
    assert DataRelease.objects.count() == 1


def test_data_import_unchanged_is_a_no_op(refdb):
    out = StringIO()
    call_command("data", "import", str(DATA), stdout=out)
    assert "unchanged" in out.getvalue()


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "pdf"])
def test_annex_command_writes_each_format(refdb, tmp_path, fmt):
    target = tmp_path / f"annex.{fmt}"
    call_command(
        "annex", "--edition", "HS2022", "--agreement", "montreal", "-o", str(target), stdout=StringIO()
    )
    content = target.read_bytes()
    magic = {"csv": b"agreement,listing", "xlsx": b"PK", "pdf": b"%PDF"}[fmt]
    assert content.startswith(magic)
    if fmt == "csv":
        assert "HCFC-22" in content.decode() and ",290371,false," in content.decode()


def test_cites_loader_converts_a_speciesplus_export(tmp_path, capsys):
    export = tmp_path / "index.csv"
    export.write_text(
        "Scientific Name,Listing,English Names,Rank\nPanthera leo,II,Lion,SPECIES\n"
        'Extinctus nonlisted,,,SPECIES\nPanthera tigris,I,"Tiger, Bengal tiger",SPECIES\n',
        encoding="utf-8",
    )
    call_command("data", "cites", str(export), "-o", str(tmp_path / "out"), stdout=StringIO())
    items = (tmp_path / "out" / "cites_items.csv").read_text(encoding="utf-8").splitlines()
    assert len(items) == 3 and items[1].startswith("cites,panthera-leo,species,Panthera leo")
    syn = (tmp_path / "out" / "cites_synonyms.csv").read_text(encoding="utf-8")
    assert "cites,panthera-tigris,Bengal tiger,en,synonym,speciesplus-export" in syn
