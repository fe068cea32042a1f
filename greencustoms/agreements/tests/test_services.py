"""Importing reference data releases: validate first, nothing-or-all, idempotent, changelog recorded."""

import csv
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from greencustoms.agreements import selectors
from greencustoms.agreements.models import ControlledItem, DataRelease, ItemHSCode
from greencustoms.agreements.services import DataInvalid, data_release_import

DATA = Path(__file__).resolve().parents[3] / "data"
AT = datetime(2026, 1, 1, tzinfo=UTC)


@pytest.fixture
def data_copy(tmp_path):
    dest = tmp_path / "data"
    shutil.copytree(DATA, dest, ignore=shutil.ignore_patterns("build", "ozone"))
    return dest


def test_reference_data_is_loaded_once(refdb):
    release = DataRelease.objects.get()
    assert release.counts["items"] == ControlledItem.objects.count() > 400
    again, applied = data_release_import(root=DATA, by="test", at=AT)
    assert (again, applied) == (release, False)
    assert DataRelease.objects.count() == 1


def test_invalid_files_apply_nothing(refdb, data_copy):
    path = data_copy / "agreements" / "item_hs.csv"
    with path.open("a", encoding="utf-8") as fh:
        fh.write("montreal,hcfc-22,HS2017,290341,false,,wco-hs2022\n")
    lines = path.read_text(encoding="utf-8").count("\n")
    before = ItemHSCode.objects.count()
    with pytest.raises(DataInvalid) as err:
        data_release_import(root=data_copy, by="test", at=AT)
    assert [str(p) for p in err.value.problems] == [
        f"agreements/item_hs.csv:{lines}: hs_code 290341 does not exist in HS2017"
    ]
    assert ItemHSCode.objects.count() == before
    assert DataRelease.objects.count() == 1


@pytest.fixture
def fresh_index():
    selectors.forget_index()
    yield
    selectors.forget_index()  # the release made here is rolled back with the test


def test_new_release_records_a_changelog(refdb, data_copy, fresh_index):
    items = data_copy / "agreements" / "items.csv"
    with items.open(encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    header, body = rows[0], rows[1:]
    target = next(r for r in body if r[0] == "cwc" and r[1] == "phosgene")
    target[6] = "Schedule 3A (1) edited"
    body = [r for r in body if not (r[0] == "cwc" and r[1] == "triethanolamine")]
    with items.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        w.writerows(body)
    for name in ("synonyms.csv", "item_hs.csv"):
        p = data_copy / "agreements" / name
        keep = [
            ln
            for ln in p.read_text(encoding="utf-8").splitlines()
            if not ln.startswith("cwc,triethanolamine,")
        ]
        p.write_text("\n".join(keep) + "\n", encoding="utf-8")
    release, applied = data_release_import(root=data_copy, by="tester", at=AT)
    assert applied and release.number == 2 and release.imported_by == "tester"
    log = {(e["change"], e["item"]) for e in release.changelog}
    assert ("removed", "cwc/triethanolamine") in log
    assert ("changed", "cwc/phosgene") in log
    assert not ControlledItem.objects.filter(item_id="triethanolamine").exists()
    selectors.forget_index()
    assert selectors.lookup_index().release == 2


def test_ruleset_selector_returns_plain_rows(refdb):
    rules = selectors.controlled_items_for_ruleset("HS2022")
    assert rules["release"] == 1
    assert {
        "agreement": "montreal",
        "item_id": "hcfc-22",
        "edition": "HS2022",
        "hs_code": "290371",
        "ex": False,
    } in rules["hs_codes"]
    assert {r["edition"] for r in rules["hs_codes"]} == {"HS2022"}
    hcfc = next(i for i in rules["items"] if i["item_id"] == "hcfc-22")
    assert hcfc["cas"] == ["75-45-6"] and "licence" in hcfc["controls"]
    assert any(s["synonym"] == "R-22" and s["item_id"] == "hcfc-22" for s in rules["synonyms"])


def test_transpose_reads_tables_both_ways(refdb):
    back = selectors.transpose("HS2022", "290341")
    assert [e["code"] for e in back["HS2017"]] == ["290339"]
    forward = selectors.transpose("HS2007", "290341")  # CFC-11 in HS2007
    assert [e["code"] for e in forward["HS2022"]] == ["290377"]
