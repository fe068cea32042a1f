"""Issue #14 parts 3 and 4: the lookup page answers per importing/exporting country: party status with its
date and source, the as-of date of a "not a Party" statement, and what the trader must show there.

Expectations written by hand from the sources (data/PROVENANCE.md):
- China accepted the Kigali Amendment on 2021-06-17, in force for it on 2021-09-15 (statement of China's
  Ministry of Ecology and Environment of 2021-06-29, `mee-cn-kigali-2021`).
- China acceded to the Montreal Protocol on 1991-06-14, in force 1991-09-12 (Ozone Secretariat file, as of
  2019-10-16).
- The Kigali party list is complete only as at 2019 (Ozone Secretariat file, newest deposit 2019-10-16): the
  United States are not on it, which may only be said "as of 2019-10-16".
- CITES has no complete party list in the reference data: its status is "not recorded", never "non-Party".
"""

import datetime as dt

import pytest

from greencustoms.agreements import selectors


@pytest.fixture
def web(client, refdb):
    return client


def _by_instrument(rows):
    return {r["instrument"]: r for r in rows}


def test_china_is_a_kigali_party_since_2021_and_not_before(refdb):
    now = _by_instrument(
        selectors.party_answers(country="CN", agreements=["montreal"], at=dt.date(2026, 12, 1))
    )
    k = now["kigali"]
    assert (k["state"], k["party"].date, k["party"].in_force) == (
        "party",
        dt.date(2021, 6, 17),
        dt.date(2021, 9, 15),
    )
    # the depositary's record (UNTC XXVII-2-f as copied on 2023-10-08); China's own statement of 2021-06-29
    # says the same and is cross-checked by the build
    assert k["action"] == "acceptance" and "Chapter XXVII-2-f (Kigali Amendment)" in k["source_title"]
    assert k["as_of"] == dt.date(2023, 10, 8)
    assert now["montreal"]["state"] == "party" and now["montreal"]["party"].date == dt.date(1991, 6, 14)
    assert now["montreal"]["as_of"] == dt.date(2019, 10, 16)
    before = _by_instrument(
        selectors.party_answers(country="CN", agreements=["montreal"], at=dt.date(2021, 8, 1))
    )
    assert before["kigali"]["state"] == "not_yet"


def test_a_non_party_is_said_only_with_the_date_of_the_list(refdb):
    # Pakistan is not in the UNTC XXVII-2-f participant table as copied on 2023-10-08
    pk = _by_instrument(
        selectors.party_answers(country="PK", agreements=["montreal"], at=dt.date(2026, 12, 1))
    )
    assert pk["kigali"]["state"] == "non_party"
    assert pk["kigali"]["as_of"] == dt.date(2023, 10, 8)


def test_the_united_states_ratified_kigali_in_2022_per_the_depositary(refdb):
    # UNTC XXVII-2-f (copy of 2023-10-08): ratification 31 Oct 2022; in force on the 90th day (article IV)
    us = _by_instrument(
        selectors.party_answers(country="US", agreements=["montreal"], at=dt.date(2026, 12, 1))
    )["kigali"]
    assert (us["state"], us["action"], us["party"].date, us["party"].in_force) == (
        "party",
        "ratification",
        dt.date(2022, 10, 31),
        dt.date(2023, 1, 29),
    )
    before = _by_instrument(
        selectors.party_answers(country="US", agreements=["montreal"], at=dt.date(2023, 1, 1))
    )["kigali"]
    assert before["state"] == "not_yet"


def test_spain_shown_only_with_a_provisional_application_is_not_a_party_row(refdb):
    es = _by_instrument(
        selectors.party_answers(country="ES", agreements=["montreal"], at=dt.date(2026, 12, 1))
    )["kigali"]
    assert (es["state"], es["as_of"]) == ("non_party", dt.date(2023, 10, 8))


def test_an_agreement_without_a_complete_list_is_unknown_never_non_party(refdb):
    # Minamata: only a count of Parties was read, no list (data/parties/coverage.csv)
    rows = selectors.party_answers(country="US", agreements=["minamata"], at=dt.date(2026, 12, 1))
    assert [(r["instrument"], r["state"]) for r in rows] == [("minamata", "unknown")]


def test_cites_parties_come_from_the_secretariats_list_of_2017(refdb):
    # CITES_Oct_19_2017.csv (copy of cites.org's chronological list): Tonga, accession in force 20/10/2016;
    # the United Arab Emirates acceded again on 8/2/1990, in force 9/5/1990
    to = selectors.party_answers(country="TO", agreements=["cites"], at=dt.date(2026, 12, 1))[0]
    assert (to["state"], to["party"].date, to["party"].in_force) == ("party", None, dt.date(2016, 10, 20))
    ae = selectors.party_answers(country="AE", agreements=["cites"], at=dt.date(1990, 3, 1))[0]
    assert (ae["state"], ae["party"].date, ae["as_of"]) == (
        "not_yet",
        dt.date(1990, 2, 8),
        dt.date(2017, 10, 19),
    )
    # South Sudan is not on the 2017 list: a non-Party, said only as of the list's date
    ss = selectors.party_answers(country="SS", agreements=["cites"], at=dt.date(2026, 12, 1))[0]
    assert (ss["state"], ss["as_of"]) == ("non_party", dt.date(2017, 10, 19))


def test_lookup_page_answers_per_country_with_date_and_documents(web):
    html = web.get(
        "/agreements/", {"q": "HFC-134a", "importer": "CN", "exporter": "PK", "at": "2026-12-01"}
    ).content.decode()
    assert '<option value="CN" selected>' in html and '<option value="PK" selected>' in html
    importer = html.split('data-country="CN" data-role="import"')[1].split("</div>")[0]
    assert 'data-instrument="kigali" data-state="party"' in importer
    assert "acceptance of 2021-06-17" in importer and "2021-09-15" in importer
    assert "What the trader must show there" in importer and "licence" in importer.lower()
    exporter = html.split('data-country="PK" data-role="export"')[1].split("</div>")[0]
    assert 'data-instrument="kigali" data-state="non_party"' in exporter
    assert "as of 2023-10-08" in exporter


def test_lookup_page_ignores_an_unknown_country(web):
    html = web.get("/agreements/", {"q": "HFC-134a", "importer": "XX"}).content.decode()
    assert "data-role=" not in html
