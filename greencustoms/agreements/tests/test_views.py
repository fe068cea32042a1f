"""Public pages: lookup, permalinks, agreement pages, annex downloads, releases."""

import pytest


@pytest.fixture
def web(client, refdb):
    return client


def test_lookup_page_shows_result_cards(web):
    r = web.get("/agreements/", {"q": "R-404A"})
    html = r.content.decode()
    assert r.status_code == 200
    assert 'data-item="montreal/r-404a"' in html and "ex 3827.61" in html
    assert "Reference data release 1" in html


def test_lookup_page_without_query_lists_agreements(web):
    html = web.get("/agreements/").content.decode()
    assert "Minamata Convention" in html and 'name="q"' in html


def test_unreadable_query_is_explained(web):
    html = web.get("/agreements/", {"q": "12345678901234"}).content.decode()
    assert 'role="alert"' in html


def test_permalinks(web):
    assert web.get("/agreements/montreal/hcfc-22/").status_code == 200
    assert "R-22" in web.get("/agreements/montreal/hcfc-22/").content.decode()
    assert web.get("/agreements/montreal/nope/").status_code == 404
    page = web.get("/agreements/hs/HS2007/290341/").content.decode()
    assert "CFC-11" in page and "2903.77" in page
    assert web.get("/agreements/hs/HS2017/290341/").status_code == 404


def test_agreement_page_lists_items_and_codes(web, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        r = web.get("/agreements/cwc/", {"edition": "HS2017"})
    assert r.status_code == 200 and "Phosgene" in r.content.decode()
    assert "No party status is recorded" in r.content.decode()


def test_montreal_page_lists_parties_with_amendments(web):
    html = web.get("/agreements/montreal/").content.decode()
    # Belize's approval of the Kigali Amendment (3 Oct 2023 in the UNTC XXVII-2-f table copied on 2023-10-08) is
    # the newest Montreal instrument in data/parties/
    assert "kigali" in html and "Germany" in html and "latest instrument recorded 2023-10-03" in html


@pytest.mark.parametrize(
    ("fmt", "ctype"), [("csv", "text/csv"), ("xlsx", "spreadsheetml"), ("pdf", "application/pdf")]
)
def test_annex_downloads(web, fmt, ctype):
    r = web.get(f"/agreements/annex.{fmt}", {"edition": "HS2022", "agreement": "minamata"})
    assert r.status_code == 200 and ctype in r["Content-Type"]
    assert "attachment" in r["Content-Disposition"]


def test_annex_page_and_releases(web):
    html = web.get("/agreements/annex/", {"edition": "HS2012"}).content.decode()
    assert "Reference data release 1" in html and "2805.40" in html
    assert "initial" in web.get("/agreements/releases/").content.decode()


def test_lookup_is_in_the_navigation(web):
    assert 'data-nav="agreements:lookup"' in web.get("/agreements/").content.decode()


@pytest.mark.parametrize(
    ("prefix", "button", "count"),
    [("/fr", "Rechercher", "1 élément contrôlé"), ("/es", "Buscar", "1 elemento controlado")],
)
def test_lookup_page_is_translated(web, prefix, button, count):
    html = web.get(f"{prefix}/agreements/", {"q": "R-22"}).content.decode()
    assert button in html and count in html
