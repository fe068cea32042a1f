"""A visitor searches and downloads a public document; a vetted officer with 2FA downloads a risk indicator;
an officer without vetting does not see it."""

from io import StringIO

import pytest

from greencustoms.conftest import PASSWORD, approve_enforcement, make_user
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def library(site):  # type: ignore[no-untyped-def]
    from greencustoms.library.demo import load as load_library
    from greencustoms.website.demo import load as load_pages

    load_pages(stdout=StringIO())
    load_library(stdout=StringIO())


def test_anonymous_visitor_searches_and_downloads_a_public_document(page, library):  # type: ignore[no-untyped-def]
    page.goto("/")
    page.get_by_label("Search the site").fill("relabelling")
    page.locator("form.site-search button").click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Refrigerant cylinders: five checks at the border (demo flyer)").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Refrigerant cylinders")
    with page.expect_download() as info:
        page.locator("[data-download=en]").click()
    download = info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as fh:
        assert fh.read(5) == b"%PDF-"


def test_enforcement_officer_with_2fa_downloads_a_risk_indicator(page, library):  # type: ignore[no-untyped-def]
    user = make_user("browser-enf@test.example", totp=True, country="SN")
    approve_enforcement(user)
    sign_in(page, user, PASSWORD)
    page.goto("/")
    page.get_by_role("navigation", name="Main navigation").locator("[data-nav='library:enforcement']").click()
    page.get_by_role("link", name="Risk indicator sheet: concealed refrigerant cylinders").click()
    with page.expect_download() as info:
        page.locator("[data-download=en]").click()
    with open(info.value.path(), "rb") as fh:
        assert b"RESTRICTED DISTRIBUTION" in fh.read()


def test_an_officer_does_not_see_the_risk_indicator(page, library):  # type: ignore[no-untyped-def]
    officer = make_user("browser-off@test.example", country="KE")
    sign_in(page, officer, PASSWORD)
    page.goto("/")
    assert page.locator("[data-nav='library:enforcement']").count() == 0
    page.goto("/library/?q=risk")
    assert "Risk indicator sheet" not in page.content()
    response = page.goto("/library/enforcement/")
    assert response.status == 403
    assert "Risk indicator sheet" not in page.content()
