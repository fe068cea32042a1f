"""A visitor reads the home page in three languages; an officer signs in and sees officer navigation."""

import pytest
from playwright.sync_api import expect

from greencustoms.conftest import PASSWORD, make_user
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    ("prefix", "lang", "heading", "strategy"),
    [
        ("/", "en", "Green Customs Initiative", "A three-phase strategy"),
        ("/fr/", "fr", "Initiative Douanes vertes", "Une stratégie en trois phases"),
        ("/es/", "es", "Iniciativa Aduanas Verdes", "Una estrategia en tres fases"),
    ],
)
def test_home_page_renders_in_each_language(page, site, prefix, lang, heading, strategy):  # type: ignore[no-untyped-def]
    page.goto(prefix)
    assert page.locator("html").get_attribute("lang") == lang
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    expect(page.get_by_role("heading", name=strategy)).to_be_visible()
    expect(page.get_by_role("link", name="WCO")).to_be_visible()


def test_language_switcher_changes_language(page, site):  # type: ignore[no-untyped-def]
    page.goto("/")
    page.get_by_role("group", name="Language").get_by_role("button", name="Español").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "es"


def test_anonymous_visitor_sees_sign_in_but_no_account_navigation(page, site):  # type: ignore[no-untyped-def]
    page.goto("/")
    nav = page.get_by_role("navigation", name="Main navigation")
    assert nav.locator("[data-nav=login]").is_visible()
    assert nav.locator("[data-nav=profile]").count() == 0
    assert nav.locator("[data-nav=logout]").count() == 0


def test_officer_signs_in_and_sees_officer_navigation(page, site):  # type: ignore[no-untyped-def]
    officer = make_user("browser-officer@test.example", country="KE", administration="KRA")
    sign_in(page, officer, PASSWORD)
    assert "/account/profile/" in page.url
    nav = page.get_by_role("navigation", name="Main navigation")
    assert nav.locator("[data-nav=profile]").is_visible()
    assert nav.locator("[data-nav=logout]").is_visible()
    assert nav.locator("[data-nav=login]").count() == 0
    expect(page.get_by_test_id("roles")).to_contain_text("Customs officer")


def test_secretariat_signs_in_with_two_factors(page, site):  # type: ignore[no-untyped-def]
    user = make_user("browser-sec@test.example", "secretariat", totp=True, is_staff=True, is_superuser=True)
    sign_in(page, user, PASSWORD)
    assert "/account/profile/" in page.url
    expect(page.get_by_role("navigation", name="Main navigation").locator("[data-nav=admin]")).to_be_visible()
