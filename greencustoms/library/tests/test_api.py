"""GET /api/v1/documents: the library's own search, a page at a time, never more than the caller may see."""

from typing import Any

from greencustoms.conftest import signed_in_client
from greencustoms.library.models import Document
from greencustoms.tests.factories import DocumentFactory


def test_pages_cover_every_visible_document_once(demo_content: Any, officer: Any) -> None:
    client = signed_in_client(officer)
    everything = client.get("/api/v1/documents?limit=500")
    total = int(everything["X-Total-Count"])
    expected = list(Document.objects.visible_to(officer).values_list("pk", flat=True))
    assert total == len(expected) >= 3
    assert [r["id"] for r in everything.json()] == expected  # newest first, as the library lists them
    assert "Link" not in everything

    seen: list[int] = []
    url = "/api/v1/documents?limit=2"
    while url:
        page = client.get(url)
        assert page.status_code == 200 and page["X-Total-Count"] == str(total)
        rows = page.json()
        assert len(rows) <= 2
        seen += [r["id"] for r in rows]
        link = page.get("Link", "")
        url = link[1 : link.index(">")].removeprefix("http://testserver") if link else ""
    assert seen == expected


def test_filters_are_the_library_filters(demo_content: Any, secretariat_user: Any) -> None:
    client = signed_in_client(secretariat_user)
    flyers = client.get("/api/v1/documents?type=flyer").json()
    assert flyers and {r["type"] for r in flyers} == {"flyer"}
    intranet = client.get("/api/v1/documents?level=intranet").json()
    assert intranet and {r["level"] for r in intranet} == {"intranet"}
    wco = client.get("/api/v1/documents?partner=wco").json()
    assert wco and {r["partner"] for r in wco} == {"WCO"}


def test_a_level_filter_never_widens_what_the_caller_sees(demo_content: Any, officer: Any) -> None:
    response = signed_in_client(officer).get("/api/v1/documents?level=intranet")
    assert response.status_code == 200 and response.json() == [] and response["X-Total-Count"] == "0"


def test_bad_paging_and_values_are_refused_naming_the_parameter(demo_content: Any, officer: Any) -> None:
    client = signed_in_client(officer)
    for query, field in [
        ("limit=0", "limit"),
        ("limit=501", "limit"),
        ("offset=-1", "offset"),
        ("type=poster", "type"),
    ]:
        response = client.get(f"/api/v1/documents?{query}")
        assert response.status_code == 400, query
        assert response.json()["detail"].startswith(f"{field}: "), response.json()
    response = client.get("/api/v1/documents?limit=ten")
    assert response.status_code == 422
    assert [p["field"] for p in response.json()["detail"]] == ["query.limit"]


def test_paging_past_the_demo_library(db: Any, partners: Any, officer: Any) -> None:
    public = DocumentFactory.create_batch(7, owner_partner=partners["WCO"])
    DocumentFactory.create_batch(2, owner_partner=partners["WCO"], access_level="intranet")
    client = signed_in_client(officer)
    first = client.get("/api/v1/documents?limit=5")
    assert first["X-Total-Count"] == "7" and len(first.json()) == 5
    assert "offset=5" in first["Link"] and 'rel="next"' in first["Link"]
    rest = client.get("/api/v1/documents?limit=5&offset=5").json()
    assert {r["id"] for r in first.json()} | {r["id"] for r in rest} == {d.pk for d in public}
