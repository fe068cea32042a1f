"""Issue #14 parts 2 and 4: every listing with its legal state and dates, answered for a date; codes absent
from an edition explained with their successors.

The expectations are written by hand from the sources read on 2026-12-02 (see data/PROVENANCE.md), not
generated from the code:
- Basel e-waste amendments, decision BC-15/18, effective 2025-01-01: Y49 and A1181 added; A1180, B1110 and
  B4030 deleted (basel.int, E-waste Amendments FAQ).
- Basel plastic waste amendments, decision BC-14/12, effective 2021-01-01: Y48, A3210, B3011 added, B3011
  replacing B3010 (basel.int status page; WCO news of 2020-12-03).
- Rotterdam: decabromodiphenyl ether, RC-10/6, CAS 1163-19-5, in force for all Parties 2022-10-22
  (Tractatenblad 2022, 97); terbufos, RC-11/3, in force 2023-10-22 (pic.int).
- CWC Schedule 1.A (13)-(16): C-24/DEC.4 and C-24/DEC.5, in force 2020-06-07 (opcw.org).
- HS2022 split HS2017 2903.39 into the named HFC subheadings 2903.41-2903.48 and 2903.49, and moved the
  HFC/PFC mixtures of HS2017 3824.78 to heading 3827 (3827.5x, 3827.6x).
"""

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command

from greencustoms.agreements import refdata
from greencustoms.agreements.lookup import index_from_refdata

BEFORE_EWASTE = dt.date(2024, 6, 1)
AFTER_EWASTE = dt.date(2025, 6, 1)


def _match(index, query, item, at=None, edition="HS2022"):
    result = index.lookup(query, edition, at)
    out = index.result_json(result)
    return out, next(m for m in out["matches"] if m["item"] == item)


# --------------------------------------------------------------------------------------- the data itself
def test_y49_is_in_force_since_2025_by_bc_15_18(index):
    out, m = _match(index, "Y49", "y49", AFTER_EWASTE)
    assert (m["agreement"], m["status"], m["decision"]) == ("basel", "in_force", "BC-15/18")
    assert m["entry_into_force"] == "2025-01-01" and m["deleted_on"] is None
    assert (m["state"], m["history"]) == ("in_force", False)
    assert m["name"].startswith("Electrical and electronic waste")
    assert "basel-ewaste-faq" in {s["key"] for s in m["sources"]}
    assert out["at"] == "2025-06-01" and out["data_as_of"] == "2026-12-02"


def test_a1181_replaces_a1180(index):
    _, m = _match(index, "A1181", "a1181", AFTER_EWASTE)
    assert (m["status"], m["decision"], m["entry_into_force"]) == ("in_force", "BC-15/18", "2025-01-01")
    assert m["listing"] == "Annex VIII, A1181"


def test_a1180_deleted_on_2025_01_01_answers_as_history(index):
    _, m = _match(index, "A1180", "a1180", AFTER_EWASTE)
    assert (m["status"], m["deleted_on"], m["deleted_by"]) == ("deleted", "2025-01-01", "BC-15/18")
    assert (m["state"], m["history"]) == ("deleted", True)
    # before the deletion the same entry was a control
    _, m = _match(index, "A1180", "a1180", BEFORE_EWASTE)
    assert (m["state"], m["history"]) == ("in_force", False)


@pytest.mark.parametrize("entry", ["B1110", "B4030"])
def test_annex_ix_e_waste_entries_deleted_by_bc_15_18(index, entry):
    _, m = _match(index, entry, entry.lower(), AFTER_EWASTE)
    assert (m["status"], m["deleted_on"], m["deleted_by"]) == ("deleted", "2025-01-01", "BC-15/18")


def test_plastic_waste_amendments_bc_14_12(index):
    for entry in ("Y48", "A3210", "B3011"):
        _, m = _match(index, entry, entry.lower())
        assert (m["status"], m["decision"], m["entry_into_force"]) == ("in_force", "BC-14/12", "2021-01-01")
    _, m = _match(index, "B3010", "b3010")
    assert (m["status"], m["deleted_on"], m["deleted_by"]) == ("deleted", "2021-01-01", "BC-14/12")
    assert m["history"] is True


def test_e_waste_code_answers_differ_before_and_after_2025(index):
    """HS2022 8549.21 (e-waste with hazardous components): A1180 in 2024, Y49/A1181 in 2025."""
    before = index.result_json(index.lookup("8549.21", "HS2022", BEFORE_EWASTE))
    after = index.result_json(index.lookup("8549.21", "HS2022", AFTER_EWASTE))
    state = lambda out: {m["item"]: m["state"] for m in out["matches"]}  # noqa: E731
    assert state(before) == {"a1180": "in_force", "y49": "not_yet_in_force", "a1181": "not_yet_in_force"}
    assert state(after) == {"a1180": "deleted", "y49": "in_force", "a1181": "in_force"}
    # current controls first, history last
    assert before["matches"][0]["item"] == "a1180" and after["matches"][-1]["item"] == "a1180"


def test_rotterdam_listings_since_cop_9(index):
    out = index.result_json(index.lookup("1163-19-5", "HS2022", dt.date(2023, 1, 1)))
    rotterdam = next(m for m in out["matches"] if m["agreement"] == "rotterdam")
    assert (rotterdam["item"], rotterdam["decision"], rotterdam["entry_into_force"]) == (
        "decabde",
        "RC-10/6",
        "2022-10-22",
    )
    _, m = _match(index, "terbufos", "terbufos", dt.date(2023, 10, 21))
    assert (m["decision"], m["state"]) == ("RC-11/3", "not_yet_in_force")
    _, m = _match(index, "terbufos", "terbufos", dt.date(2023, 10, 22))
    assert m["state"] == "in_force"


def test_listing_without_a_read_entry_into_force_keeps_an_empty_status(index):
    """Carbosulfan (RC-12/3): the decision is known, the date was not read: no invented status."""
    _, m = _match(index, "carbosulfan", "carbosulfan")
    assert (m["status"], m["decision"], m["entry_into_force"]) == ("", "RC-12/3", None)


def test_cwc_schedule_1a_13_to_16(index):
    _, m = _match(index, "novichok", "schedule-1a-13-16", dt.date(2020, 6, 7))
    assert (m["decision"], m["entry_into_force"], m["state"]) == (
        "C-24/DEC.4, C-24/DEC.5",
        "2020-06-07",
        "in_force",
    )
    _, m = _match(index, "novichok", "schedule-1a-13-16", dt.date(2020, 6, 6))
    assert m["state"] == "not_yet_in_force"


def test_montreal_listings_carry_the_control_treaty_of_their_group(index):
    """Ozone Secretariat files: CFCs by the Montreal Protocol (in force 1989-01-01), HCFCs by the Copenhagen
    Amendment (1994-06-14), HFCs by the Kigali Amendment (2019-01-01)."""
    for query, item, decision, date in (
        ("CFC-11", "cfc-11", "Montreal Protocol (1987)", "1989-01-01"),
        ("HCFC-22", "hcfc-22", "Copenhagen Amendment (1992)", "1994-06-14"),
        ("HFC-134a", "hfc-134a", "Kigali Amendment (2016)", "2019-01-01"),
    ):
        _, m = _match(index, query, item)
        assert (m["status"], m["decision"], m["entry_into_force"]) == ("in_force", decision, date)


def test_unrecorded_status_is_answered_as_a_current_listing(index):
    """Basel Y1 (Annex I): no page read gives its date: answered as a current listing, no invented date."""
    _, m = _match(index, "Y1", "y1")
    assert (m["status"], m["decision"], m["entry_into_force"], m["state"]) == ("", "", None, "in_force")


# --------------------------------------------------------------------------------- codes absent from an edition
def test_2903_39_in_hs2022_is_explained_with_its_successors(index):
    out = index.result_json(index.lookup("2903.39", "HS2022"))
    absent = out["code_absent"]
    assert absent["code"] == "290339"
    assert {e["edition"] for e in absent["exists_in"]} >= {"HS2007", "HS2012", "HS2017"}
    assert "HS2022" not in {e["edition"] for e in absent["exists_in"]}
    assert {"290341", "290342", "290343", "290344", "290345", "290346", "290347", "290348", "290349"} <= set(
        absent["successors"]
    )
    # the answer is for the successors: HFC-23 is named in HS2022 2903.41
    hfc23 = next(m for m in index.lookup("2903.39", "HS2022").matches if m.item.item_id == "hfc-23")
    assert hfc23.matched == "HS2022 2903.41 (successor)"


def test_3824_78_in_hs2022_points_to_heading_3827(index):
    out = index.result_json(index.lookup("3824.78", "HS2022"))
    absent = out["code_absent"]
    assert absent and absent["code"] == "382478"
    assert absent["successors"] and all(c.startswith("3827") for c in absent["successors"])
    assert out["matches"], "the successors' controlled items are answered"


def test_existing_code_is_not_reported_absent(index):
    assert index.result_json(index.lookup("2903.71", "HS2022"))["code_absent"] is None


def test_partial_code_lists_its_subheadings(index):
    out = index.result_json(index.lookup("2903.7", "HS2022"))
    codes = [s["code"] for s in out["subheadings"]]
    assert codes == ["290371", "290372", "290373", "290374", "290375", "290376", "290377", "290378", "290379"]
    heading = index.result_json(index.lookup("2903", "HS2022"))
    assert "290341" in [s["code"] for s in heading["subheadings"]]


def test_code_that_lost_its_leading_zero_is_still_padded(index):
    """Regression guard: 10121 (spreadsheet dropped the zero) is 0101.21, not a 5-digit prefix."""
    assert index.lookup("10121", "HS2022").code == "010121"


# --------------------------------------------------------------------------------------------- validation
@pytest.fixture
def copy(tmp_path):
    import shutil

    from greencustoms.agreements.tests.test_refdata import DATA

    dest = tmp_path / "data"
    shutil.copytree(DATA, dest, ignore=shutil.ignore_patterns("build", "ozone", "*.md"))
    return dest


def _rewrite_item(copy, item_id, **values):
    import csv
    import io

    path = copy / "agreements/items.csv"
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    header = list(rows[0])
    line = next(n for n, r in enumerate(rows, start=2) if r["item_id"] == item_id)
    rows[line - 2].update(values)
    buf = io.StringIO()
    w = csv.DictWriter(buf, header, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    return line


def test_bad_status_and_dates_are_reported_with_the_line(copy):
    line = _rewrite_item(copy, "y49", status="repealed", entry_into_force="1 January 2025")
    problems = [str(p) for p in refdata.validate(copy)]
    assert any(f"items.csv:{line}" in p and "status 'repealed'" in p for p in problems)
    assert any(f"items.csv:{line}" in p and "entry_into_force" in p for p in problems)


def test_deleted_without_date_or_source_is_reported(copy):
    line = _rewrite_item(copy, "b4030", deleted_on="", status_source="")
    problems = [str(p) for p in refdata.validate(copy)]
    assert any(f"items.csv:{line}" in p and "needs deleted_on" in p for p in problems)
    assert any(f"items.csv:{line}" in p and "status_source is empty" in p for p in problems)


def test_items_without_the_state_columns_still_validate_and_load(copy):
    import csv
    import io

    path = copy / "agreements/items.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    keep = len(refdata.FILES["agreements/items.csv"])
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(r[:keep] for r in rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    assert refdata.validate(copy) == []
    data, _ = refdata.read(copy)
    idx = index_from_refdata(data)
    _, m = _match(idx, "A1180", "a1180", AFTER_EWASTE)
    assert (m["status"], m["state"]) == ("", "in_force")  # no state recorded: an old file reads as before


# ------------------------------------------------------------------------------------------- CLI, API, web
def test_cli_at_answers_for_the_date(refdb):
    out = StringIO()
    call_command("lookup", "A1180", "--at", "2025-06-01", "--json", stdout=out)
    body = json.loads(out.getvalue())
    m = next(m for m in body["matches"] if m["item"] == "a1180")
    assert body["at"] == "2025-06-01" and (m["state"], m["deleted_by"]) == ("deleted", "BC-15/18")
    out = StringIO()
    call_command("lookup", "A1180", "--at", "2025-06-01", stdout=out)
    assert "HISTORY: deleted on 2025-01-01, by BC-15/18" in out.getvalue()


def test_cli_explains_an_absent_code(refdb):
    out = StringIO()
    call_command("lookup", "2903.39", stdout=out)
    text = out.getvalue()
    assert "2903.39 does not exist in HS2022" in text and "2903.41" in text


def test_cli_rejects_a_bad_date(refdb):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--at"):
        call_command("lookup", "Y49", "--at", "2025-13-01", stdout=StringIO())


def test_api_lookup_at_and_legal_state(client, refdb):
    body = client.get("/api/v1/lookup", {"q": "8549.21", "at": "2024-06-01"}).json()
    assert body["at"] == "2024-06-01" and body["data_as_of"] == "2026-12-02"
    assert {m["item"]: m["state"] for m in body["matches"]}["a1180"] == "in_force"
    body = client.get("/api/v1/lookup", {"q": "8549.21", "at": "2025-06-01"}).json()
    a1180 = next(m for m in body["matches"] if m["item"] == "a1180")
    assert (a1180["state"], a1180["history"], a1180["deleted_on"]) == ("deleted", True, "2025-01-01")
    y49 = next(m for m in body["matches"] if m["item"] == "y49")
    assert (y49["decision"], y49["entry_into_force"], y49["name"][:10]) == (
        "BC-15/18",
        "2025-01-01",
        "Electrical",
    )


def test_api_absent_code_and_bad_date(client, refdb):
    body = client.get("/api/v1/lookup", {"q": "2903.39"}).json()
    assert body["code_absent"]["code"] == "290339" and "290341" in body["code_absent"]["successors"]
    r = client.get("/api/v1/lookup", {"q": "Y49", "at": "yesterday"})
    assert r.status_code == 400 and "at" in r.json()["detail"]


def test_openapi_declares_the_new_fields(client, refdb):
    schema = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    match = schema["MatchOut"]["properties"]
    assert {"status", "decision", "entry_into_force", "deleted_on", "deleted_by", "state", "history"} <= set(
        match
    )
    assert set(match["state"]["enum"]) == {"in_force", "not_yet_in_force", "deleted"}
    assert {"at", "data_as_of", "code_absent", "subheadings"} <= set(schema["LookupOut"]["properties"])


def test_web_lookup_shows_deleted_entry_as_history(client, refdb):
    html = client.get("/agreements/", {"q": "A1180", "at": "2025-06-01"}).content.decode()
    assert 'data-state="deleted"' in html and "deleted on 2025-01-01, by BC-15/18" in html
    html = client.get("/agreements/", {"q": "2903.39"}).content.decode()
    assert "290339 does not exist in HS2022" in html and "290341" in html


def test_web_lookup_bad_date_names_the_field(client, refdb):
    r = client.get("/agreements/", {"q": "Y49", "at": "soon"})
    assert r.status_code == 200 and "Date (at)" in r.content.decode()


def test_agreement_page_marks_deleted_entries_as_history(client, refdb):
    html = client.get("/agreements/basel/").content.decode()
    assert '<tr class="history">' in html and "deleted on 2025-01-01, by BC-15/18" in html
