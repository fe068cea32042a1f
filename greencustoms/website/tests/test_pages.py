"""Website pages: partner pages and their two links, news feeds, sitemap, search, contact, moderation."""

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Workflow

from greencustoms.conftest import signed_in_client
from greencustoms.website.models import NewsPage, PartnerPage, validate_generic_addresses


def test_partner_page_has_general_and_customs_links_and_its_documents(demo_content: Any, client: Any) -> None:
    body = client.get("/partners/unep/").content.decode()
    assert 'data-link="general"' in body and "https://www.unep.org/" in body
    assert "Refrigerant cylinders" in body  # a UNEP public document
    assert "GCCANARY" not in body
    wco = client.get("/partners/wco/").content.decode()
    assert 'data-link="customs"' in wco and "environment-programme" in wco


def test_top_level_pages_are_in_the_navigation(demo_content: Any, client: Any) -> None:
    body = client.get("/").content.decode()
    for slug in ("about", "partners", "news", "contact"):
        assert f'data-nav="website:{slug}"' in body
        assert client.get(f"/{slug}/").status_code == 200


def test_feeds_and_sitemap_carry_public_items_only(demo_content: Any, secretariat_user: Any) -> None:
    client = signed_in_client(secretariat_user)  # even the secretariat gets the public feed
    rss = client.get("/feeds/news.rss").content.decode()
    assert "document library opens" in rss and "GCCANARY" not in rss
    atom = client.get("/feeds/news.atom")
    assert atom["Content-Type"].startswith("application/atom+xml")
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/news/document-library-opens/" in sitemap
    assert "registered-officers-module" not in sitemap and "partners-meeting-agenda" not in sitemap
    assert "/library/" in sitemap


def test_search_narrows_pages_to_what_the_user_may_see(demo_content: Any, officer: Any, client: Any) -> None:
    assert "registered-officers-module" not in client.get("/search/?q=screening").content.decode()
    assert (
        "registered-officers-module" in signed_in_client(officer).get("/search/?q=screening").content.decode()
    )
    assert "Green Customs at a glance" in client.get("/search/?q=permit").content.decode()


def test_restricted_news_page_is_404_for_anonymous_and_private_for_officers(
    demo_content: Any, officer: Any, client: Any
) -> None:
    page = NewsPage.objects.get(slug="registered-officers-module")
    assert client.get(page.url).status_code == 404
    response = signed_in_client(officer).get(page.url)
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"


def test_contact_page_refuses_personal_addresses() -> None:
    validate_generic_addresses("write to info@example.org or secretariat@example.org")
    with pytest.raises(ValidationError):
        validate_generic_addresses("write to jane.doe@example.org")


def test_partner_staff_edit_their_own_page_and_submit_it_to_the_secretariat(
    demo_content: Any, partner_user: Any
) -> None:
    own = PartnerPage.objects.get(partner__acronym="WCO", locale__language_code="en")
    other = PartnerPage.objects.get(partner__acronym="UNEP", locale__language_code="en")
    perms_own = own.permissions_for_user(partner_user)
    assert perms_own.can_edit() and not perms_own.can_publish()
    assert not other.permissions_for_user(partner_user).can_edit()
    workflow = own.get_workflow()
    assert isinstance(workflow, Workflow) and workflow.name == "Secretariat approval"
    client = signed_in_client(partner_user)
    assert client.get(f"/admin/pages/{own.pk}/edit/").status_code == 200
    refused = client.get(f"/admin/pages/{other.pk}/edit/")
    # Wagtail sends an editor without permission on that page back to the dashboard.
    assert refused.status_code == 302 and refused["Location"] == "/admin/"


@pytest.mark.parametrize(
    ("prefix", "heading"), [("/fr", "Bibliothèque de documents"), ("/es", "Biblioteca de documentos")]
)
def test_library_speaks_french_and_spanish(demo_content: Any, client: Any, prefix: str, heading: str) -> None:
    from greencustoms.bootstrap import compile_translations

    compile_translations()
    assert heading in client.get(f"{prefix}/library/").content.decode()
