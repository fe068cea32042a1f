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
    assert (
        k["action"] == "acceptance"
        and "China has officially accepted the Kigali Amendment" in k["source_title"]
    )
    assert now["montreal"]["state"] == "party" and now["montreal"]["party"].date == dt.date(1991, 6, 14)
    assert now["montreal"]["as_of"] == dt.date(2019, 10, 16)
    before = _by_instrument(
        selectors.party_answers(country="CN", agreements=["montreal"], at=dt.date(2021, 8, 1))
    )
    assert before["kigali"]["state"] == "not_yet"


def test_a_non_party_is_said_only_with_the_date_of_the_list(refdb):
    us = _by_instrument(
        selectors.party_answers(country="US", agreements=["montreal"], at=dt.date(2026, 12, 1))
    )
    assert us["kigali"]["state"] == "non_party"
    assert us["kigali"]["as_of"] == dt.date(2019, 10, 16)


def test_an_agreement_without_a_complete_list_is_unknown_never_non_party(refdb):
    rows = selectors.party_answers(country="US", agreements=["cites"], at=dt.date(2026, 12, 1))
    assert [(r["instrument"], r["state"]) for r in rows] == [("cites", "unknown")]


def test_lookup_page_answers_per_country_with_date_and_documents(web):
    html = web.get(
        "/agreements/", {"q": "HFC-134a", "importer": "CN", "exporter": "US", "at": "2026-12-01"}
    ).content.decode()
    assert '<option value="CN" selected>' in html and '<option value="US" selected>' in html
    importer = html.split('data-country="CN" data-role="import"')[1].split("</div>")[0]
    assert 'data-instrument="kigali" data-state="party"' in importer
    assert "acceptance of 2021-06-17" in importer and "2021-09-15" in importer
    assert "What the trader must show there" in importer and "licence" in importer.lower()
    exporter = html.split('data-country="US" data-role="export"')[1].split("</div>")[0]
    assert 'data-instrument="kigali" data-state="non_party"' in exporter
    assert "as of 2019-10-16" in exporter


def test_lookup_page_ignores_an_unknown_country(web):
    html = web.get("/agreements/", {"q": "HFC-134a", "importer": "XX"}).content.decode()
    assert "data-role=" not in html
