"""The reference data validator: pure Python, no database."""

import shutil
from pathlib import Path

import pytest

from greencustoms.agreements import refdata

DATA = Path(__file__).resolve().parents[3] / "data"


@pytest.fixture(scope="module")
def shipped():
    data, problems = refdata.read(DATA)
    assert problems == []
    return data


@pytest.fixture
def copy(tmp_path):
    """A writable copy of the shipped data without the two big HS files' bulk (kept intact)."""
    dest = tmp_path / "data"
    shutil.copytree(DATA, dest, ignore=shutil.ignore_patterns("build", "ozone", "*.md"))
    return dest


def _append(path: Path, line: str) -> int:
    text = path.read_text(encoding="utf-8")
    if not text.endswith("\n"):
        text += "\n"
    path.write_text(text + line + "\n", encoding="utf-8")
    return text.count("\n") + 1


def test_shipped_data_is_valid():
    assert [str(p) for p in refdata.validate(DATA)] == []


@pytest.mark.parametrize("cas", ["75-45-6", "7439-97-6", "50-29-3", "107-44-8", "138495-42-8"])
def test_valid_cas_numbers_pass(cas):
    assert refdata.cas_is_valid(cas)


@pytest.mark.parametrize("cas", ["75-45-7", "7439-97-5", "75456", "75-45-", "1-23-4", "abc-de-f", ""])
def test_bad_cas_numbers_fail(cas):
    assert not refdata.cas_is_valid(cas)


def test_every_item_has_a_known_source(shipped):
    sources = {r["source"] for r in shipped.rows("sources.csv")}
    for name in (
        "agreements/items.csv",
        "agreements/synonyms.csv",
        "agreements/item_hs.csv",
        "parties/parties.csv",
    ):
        assert {r["source"] for r in shipped.rows(name)} <= sources


def test_all_eight_agreements_have_items_and_codes(shipped):
    items = {r["agreement"] for r in shipped.rows("agreements/items.csv")}
    codes = {r["agreement"] for r in shipped.rows("agreements/item_hs.csv")}
    assert items == codes == set(refdata.AGREEMENT_SLUGS)


def test_comtrade_not_specified_codes_are_dropped(shipped):
    codes = {r["code"] for r in shipped.rows("hs/nomenclature.csv")}
    assert not codes & {"99", "9999", "999999"}


def test_code_reused_across_editions_keeps_its_meaning(shipped):
    hs = {
        (r["agreement"], r["item_id"], r["edition"], r["hs_code"])
        for r in shipped.rows("agreements/item_hs.csv")
    }
    assert ("montreal", "cfc-11", "HS2007", "290341") in hs
    assert ("montreal", "hfc-23", "HS2022", "290341") in hs
    assert ("montreal", "hfc-23", "HS2007", "290341") not in hs
    assert ("montreal", "cfc-11", "HS2022", "290341") not in hs


def test_unknown_hs_code_is_reported_with_file_and_line(copy):
    line = _append(copy / "agreements/item_hs.csv", "montreal,hcfc-22,HS2017,290341,false,,wco-hs2022")
    problems = [str(p) for p in refdata.validate(copy)]
    assert problems == [f"agreements/item_hs.csv:{line}: hs_code 290341 does not exist in HS2017"]


def test_bad_cas_is_reported(copy):
    line = _append(
        copy / "agreements/items.csv", "montreal,test-x,substance,X,,,Annex A,75-45-7,licence,,,ozone-gpl"
    )
    assert [str(p) for p in refdata.validate(copy)] == [
        f"agreements/items.csv:{line}: CAS number '75-45-7' fails its check digit or format"
    ]


def test_item_without_source_and_orphan_synonym_are_reported(copy):
    line = _append(copy / "agreements/items.csv", "cwc,test-y,substance,Y,,,Schedule 3,,licence,,,")
    sline = _append(copy / "agreements/synonyms.csv", "cwc,no-such-item,zzz,en,synonym,cwc-annex")
    problems = {str(p) for p in refdata.validate(copy)}
    assert f"agreements/items.csv:{line}: source is empty" in problems
    assert f"agreements/synonyms.csv:{sline}: item cwc/no-such-item is not in items.csv" in problems


def test_orphan_hs_row_and_unknown_source_are_reported(copy):
    line = _append(copy / "agreements/item_hs.csv", "basel,y999,HS2022,391510,true,,nowhere")
    problems = {str(p) for p in refdata.validate(copy)}
    assert f"agreements/item_hs.csv:{line}: item basel/y999 is not in items.csv" in problems
    assert f"agreements/item_hs.csv:{line}: source 'nowhere' is not in sources.csv" in problems


def test_bad_controls_kind_and_ex_are_reported(copy):
    line = _append(copy / "agreements/items.csv", "cites,test-z,animal,Z,,,Appendix I,,visa,,,cites-text")
    hline = _append(copy / "agreements/item_hs.csv", "cites,test-z,HS2022,010619,maybe,,cites-text")
    problems = {str(p) for p in refdata.validate(copy)}
    assert any(p.startswith(f"agreements/items.csv:{line}: kind 'animal'") for p in problems)
    assert any(p.startswith(f"agreements/items.csv:{line}: control 'visa'") for p in problems)
    assert f"agreements/item_hs.csv:{hline}: ex 'maybe' must be true or false" in problems


def test_party_rows_are_checked(copy):
    line = _append(copy / "parties/parties.csv", "kigali,QQ,member,ratified,2021/01/01,,ozone-gpl,30.11.2026")
    problems = {str(p) for p in refdata.validate(copy)}
    assert f"parties/parties.csv:{line}: country 'QQ' is not in countries.csv" in problems
    assert f"parties/parties.csv:{line}: status 'member' must be party or signatory" in problems
    assert f"parties/parties.csv:{line}: date '2021/01/01' is not YYYY-MM-DD" in problems
    assert f"parties/parties.csv:{line}: as_of '30.11.2026' is not YYYY-MM-DD" in problems


def test_party_rows_without_the_as_of_column_are_still_read(copy):
    path = copy / "parties/parties.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(line.rsplit(",", 1)[0] for line in lines) + "\n", encoding="utf-8")
    data, problems = refdata.read(copy)
    assert problems == []
    china = [
        r for r in data.rows("parties/parties.csv") if (r["instrument"], r["country"]) == ("kigali", "CN")
    ]
    assert china == [
        {
            "instrument": "kigali",
            "country": "CN",
            "status": "party",
            "action": "acceptance",
            "date": "2021-06-17",
            "in_force": "2021-09-15",
            "source": "untc-xxvii-2-f-ocd",
            "as_of": "",
        }
    ]
    assert refdata.validate(copy) == []


def test_an_unknown_extra_column_is_a_header_problem(copy):
    path = copy / "parties/parties.csv"
    text = path.read_text(encoding="utf-8").replace(",as_of\n", ",as_of,checked_by\n", 1)
    path.write_text(text, encoding="utf-8")
    assert [str(p) for p in refdata.validate(copy)] == [
        "parties/parties.csv:1: header must be instrument,country,status,action,date,in_force,source "
        "(optionally followed by as_of)"
    ]


def test_kigali_acceptance_by_china_is_shipped_with_its_source_and_date(shipped):
    rows = {(r["instrument"], r["country"]): r for r in shipped.rows("parties/parties.csv")}
    # the depositary's table as copied on 2023-10-08 (China's own statement of 2021-06-29 agrees; the build checks)
    assert rows[("kigali", "CN")]["date"] == "2021-06-17"
    assert (rows[("kigali", "CN")]["source"], rows[("kigali", "CN")]["as_of"]) == (
        "untc-xxvii-2-f-ocd",
        "2023-10-08",
    )
    # the Ozone Secretariat rows carry the date up to which that file is current
    assert rows[("london", "DE")]["as_of"] == "2019-10-16"
    # where the file and the depositary disagree the depositary's date is shipped (party_disagreements.csv)
    assert rows[("kigali", "DE")]["date"] == "2017-11-14"


def test_missing_file_and_bad_header_are_reported(copy):
    (copy / "agreements/synonyms.csv").unlink()
    (copy / "sources.csv").write_text("key,title\nx,y\n", encoding="utf-8")
    problems = {str(p) for p in refdata.validate(copy)}
    assert "agreements/synonyms.csv:0: file is missing" in problems
    assert "sources.csv:1: header must be source,title,publisher,url,licence,accessed" in problems


def test_wrong_field_count_is_reported(copy):
    line = _append(copy / "agreements/synonyms.csv", "cwc,sarin,GB")
    assert f"agreements/synonyms.csv:{line}: expected 6 fields, found 3" in {
        str(p) for p in refdata.validate(copy)
    }


def test_command_line_exit_status(copy, capsys):
    assert refdata.main([str(DATA)]) == 0
    _append(copy / "agreements/item_hs.csv", "montreal,hcfc-22,HS2017,999999,false,,wco-hs2022")
    assert refdata.main([str(copy)]) == 1
    assert "does not exist in HS2017" in capsys.readouterr().out
