"""API contract: /api/v1/lookup, /agreements, /agreements/{slug}, /hs/{edition}/{code}."""

import pytest


@pytest.fixture
def api(client, refdb):
    return client


def test_lookup_by_code(api, django_assert_max_num_queries):
    api.get("/api/v1/lookup", {"q": "warm-up"})  # the first call builds the in-memory index
    with django_assert_max_num_queries(1):
        r = api.get("/api/v1/lookup", {"q": "2903.71.00", "edition": "HS2022"})
    assert r.status_code == 200
    body = r.json()
    assert body["query"] == "2903.71.00" and body["edition"] == "HS2022" and body["data_release"] == 1
    m = body["matches"][0]
    assert (m["agreement"], m["item"], m["name"]) == ("montreal", "hcfc-22", "HCFC-22")
    assert m["hs_codes"]["HS2007"] == ["290349"] and m["cas"] == ["75-45-6"]
    assert {"ex", "controls", "documents", "sources", "listing", "kind", "matched"} <= set(m)


def test_lookup_nothing_and_unreadable(api):
    assert api.get("/api/v1/lookup", {"q": "0901.11"}).json()["matches"] == []
    r = api.get("/api/v1/lookup", {"q": "   "})
    assert r.status_code == 400 and "empty" in r.json()["detail"]
    assert api.get("/api/v1/lookup", {"q": "2903.71", "edition": "HS1992"}).status_code == 400


def test_agreements_list_and_detail(api):
    slugs = [a["slug"] for a in api.get("/api/v1/agreements").json()]
    assert sorted(slugs) == sorted(
        ["basel", "rotterdam", "stockholm", "montreal", "cites", "cwc", "cartagena", "minamata"]
    )
    detail = api.get("/api/v1/agreements/cwc").json()
    phosgene = next(i for i in detail["controlled_items"] if i["item"] == "phosgene")
    assert phosgene["hs_codes"]["HS2022"] == ["281211"]
    assert api.get("/api/v1/agreements/nope").status_code == 404
    montreal = api.get("/api/v1/agreements/montreal").json()
    kigali_ke = [p for p in montreal["parties"] if p["country"] == "DE" and p["instrument"] == "kigali"]
    assert kigali_ke and kigali_ke[0]["status"] == "party" and kigali_ke[0]["date"]
    assert len({p["country"] for p in montreal["parties"] if p["instrument"] == "montreal"}) == 198


def test_hs_code_endpoint_transposes_and_lists_items(api):
    body = api.get("/api/v1/hs/HS2007/2903.41").json()
    assert body["code"] == "290341" and "CFC-11" in body["description"]
    assert [t["code"] for t in body["transposed"]["HS2022"]] == ["290377"]
    assert [m["item"] for m in body["matches"]] == ["cfc-11"]
    assert api.get("/api/v1/hs/HS2017/290341").status_code == 404
    assert api.get("/api/v1/hs/HS2022/29x").status_code == 400


def test_openapi_documents_the_endpoints(api):
    paths = api.get("/api/v1/openapi.json").json()["paths"]
    assert {
        "/api/v1/lookup",
        "/api/v1/agreements",
        "/api/v1/agreements/{slug}",
        "/api/v1/hs/{edition}/{code}",
    } <= set(paths)
