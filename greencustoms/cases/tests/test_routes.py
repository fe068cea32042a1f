"""Routes on a map: counted per viewer from the cases whose restricted detail they may see; SVG, table, CSV."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest

from greencustoms.cases import charts, selectors, services
from greencustoms.cases.tests.conftest import AT, acting, case_data
from greencustoms.conftest import signed_in_client

pytestmark = pytest.mark.django_db

ROUTE = {"origin": "CN", "transit": ["SG"], "destination": "SN"}


@pytest.fixture
def routed(partners: Any, secretariat_user: Any, enforcement_user: Any) -> dict[str, Any]:
    """Two published cases on CN → SG → SN, one on IN → AE (published), and a draft NG → SN of another author."""
    from greencustoms.conftest import approve_enforcement, make_user

    sec, officer = acting(secretariat_user), acting(enforcement_user)
    made = {}
    for name, route in (
        ("a", ROUTE),
        ("b", ROUTE),
        ("c", {"origin": "IN", "transit": [], "destination": "AE"}),
    ):
        case = services.case_create(by=officer, data=case_data(**route), at=AT)
        services.case_submit(case=case, by=officer, at=AT)
        services.case_review(case=case, by=sec, approve=True, note="", at=AT)
        services.case_approve_summary(case=case, by=sec, summary=case.summary, at=AT)
        services.case_publish(case=case, by=sec, at=AT)
        made[name] = case
    other = make_user("other-officer@test.example", totp=True, country="NG")
    approve_enforcement(other)
    made["draft"] = services.case_create(
        by=acting(other), data=case_data(origin="NG", transit=[], destination="SN"), at=AT
    )
    return made


def test_public_visitors_get_no_route(routed: Any) -> None:
    from django.contrib.auth.models import AnonymousUser

    assert selectors.routes_for(AnonymousUser()) == []


def test_enforcement_counts_published_routes_only_the_secretariat_also_drafts(
    routed: Any, enforcement_user: Any, secretariat_user: Any
) -> None:
    found = selectors.routes_for(acting(enforcement_user))
    assert [(r.label, r.cases) for r in found] == [("CN → SG → SN", 2), ("IN → AE", 1)]
    found = selectors.routes_for(acting(secretariat_user))
    assert [(r.label, r.cases) for r in found] == [("CN → SG → SN", 2), ("IN → AE", 1), ("NG → SN", 1)]


def test_the_map_places_countries_from_the_centroid_file() -> None:
    points = selectors.country_points()
    assert points["CN"] == (35.86166, 104.195397, "China")  # the file's row, by hand
    route = selectors.Route("CN", ("SG",), "SN", 2)
    svg, missing = charts.route_map([route, selectors.Route("XK", (), "ZZ", 1)], points, title="Routes")
    # CN: x = (104.195397 + 180) / 360 × 720 = 568.4, y = (90 − 35.86166) / 180 × 360 = 108.3
    # SG (1.352083, 103.819836): 567.6, 177.3; SN (14.497401, −14.452362): 331.1, 151.0
    assert 'points="568.4,108.3 567.6,177.3 331.1,151.0"' in svg
    assert 'data-route="CN → SG → SN"' in svg and 'marker-end="url(#route-arrow)"' in svg
    assert missing == ["ZZ"]  # XK (Kosovo) is in the file; ZZ is not
    assert svg.count("<polyline") == 1  # XK → ZZ has one known stop: no line is drawn for it


def test_analysis_page_map_table_and_csv_per_viewer(routed: Any, enforcement_user: Any, client: Any) -> None:
    page = client.get("/cases/analysis/")
    body = page.content.decode()
    assert page.status_code == 200 and "route-map" not in body and "CN → SG → SN" not in body
    assert "vetted enforcement officers see them after signing in" in body
    rows = list(csv.reader(io.StringIO(client.get("/cases/analysis/routes.csv").content.decode())))
    assert rows == [["origin", "transit", "destination", "cases"]]

    officer = signed_in_client(enforcement_user)
    page = officer.get("/cases/analysis/")
    body = page.content.decode()
    assert "route-map" in body and "<td>CN → SG → SN</td><td>2</td>" in body and "NG → SN" not in body
    assert page["Cache-Control"] == "private, no-store"
    answer = officer.get("/cases/analysis/routes.csv")
    assert answer["Cache-Control"] == "private, no-store"
    rows = list(csv.reader(io.StringIO(answer.content.decode())))
    assert rows == [
        ["origin", "transit", "destination", "cases"],
        ["CN", "SG", "SN", "2"],
        ["IN", "", "AE", "1"],
    ]
