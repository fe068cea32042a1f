"""The partner organizations: the reference load, the ordering readers rely on, and the API contract."""

import io
from typing import Any

import pytest

from greencustoms.partners.choices import PartnerStatus
from greencustoms.partners.models import Partner
from greencustoms.partners.reference import load
from greencustoms.partners.selectors import partner_by_acronym, partner_list
from greencustoms.tests.factories import PartnerFactory

pytestmark = pytest.mark.django_db


def test_load_creates_each_row_once_and_is_idempotent() -> None:
    load(stdout=io.StringIO())
    first = Partner.objects.count()
    load(stdout=io.StringIO())
    assert Partner.objects.count() == first
    # data/partners/partners.csv has 13 organizations (14 lines with the header).
    assert first == 13
    wco = Partner.objects.get(slug="wco")
    assert (wco.acronym, wco.name) == ("WCO", "World Customs Organization")
    assert Partner.objects.get(slug="unep-ozonaction").parent == Partner.objects.get(slug="unep")


def test_load_puts_back_a_value_changed_in_the_database() -> None:
    load(stdout=io.StringIO())
    Partner.objects.filter(slug="wco").update(name="Changed by hand")
    load(stdout=io.StringIO())
    assert Partner.objects.get(slug="wco").name == "World Customs Organization"


def test_list_orders_partners_before_candidates_then_by_acronym() -> None:
    PartnerFactory(acronym="ZZ")
    PartnerFactory(acronym="AA")
    PartnerFactory(acronym="AB", status=PartnerStatus.CANDIDATE)
    assert [p.acronym for p in partner_list()] == ["AA", "ZZ", "AB"]


def test_by_acronym_ignores_case_and_answers_none_for_unknown() -> None:
    load(stdout=io.StringIO())
    found = partner_by_acronym("wco")
    assert found is not None and found.slug == "wco"
    assert partner_by_acronym("NOPE") is None


def test_api_partners_contract(client: Any) -> None:
    load(stdout=io.StringIO())
    response = client.get("/api/v1/partners")
    assert response.status_code == 200
    rows = response.json()
    assert len(rows) == 13
    wco = next(r for r in rows if r["acronym"] == "WCO")
    assert set(wco) == {
        "acronym", "name", "slug", "kind", "status", "parent", "website", "customs_page",
        "contact_email", "contact_url", "agreements",
    }  # fmt: skip
    assert wco["parent"] is None and wco["name"] == "World Customs Organization"
    ozon = next(r for r in rows if r["slug"] == "unep-ozonaction")
    assert ozon["parent"] == "UNEP"
