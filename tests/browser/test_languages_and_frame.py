"""Language that sticks, error pages inside the frame, and the phone menu without JavaScript."""

from io import StringIO
from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _context(browser: Any, live_server: Any, **options: Any) -> Any:
    context = browser.new_context(base_url=live_server.url, **options)
    context.set_default_timeout(15_000)
    return context


def test_a_french_browser_opens_the_site_in_french(browser, live_server, site):  # type: ignore[no-untyped-def]
    context = _context(browser, live_server, locale="fr-FR")
    page = context.new_page()
    page.goto("/")
    assert page.url.endswith("/fr/")
    assert page.locator("html").get_attribute("lang") == "fr"
    context.close()


def test_the_chosen_language_is_kept_across_an_unprefixed_link(browser, live_server, site):  # type: ignore[no-untyped-def]
    context = _context(browser, live_server, locale="en-GB")
    page = context.new_page()
    page.goto("/learning/")
    page.get_by_role("button", name="Español").click()
    page.wait_for_load_state()
    assert page.url.endswith("/es/learning/") and page.locator("html").get_attribute("lang") == "es"
    # A bookmark or an e-mailed link without /es/:
    page.goto("/guide/")
    assert page.url.endswith("/es/guide/") and page.locator("html").get_attribute("lang") == "es"
    context.close()


def test_a_missing_page_is_answered_inside_the_frame(browser, live_server, site):  # type: ignore[no-untyped-def]
    context = _context(browser, live_server, locale="en-GB")
    page = context.new_page()
    response = page.goto("/no-such-page/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    expect(page.get_by_role("navigation", name="Main navigation")).to_be_visible()
    page.get_by_label("Search the site, or an HS code, substance or CAS number").last.fill("ozone")
    page.get_by_role("button", name="Search").last.click()
    page.wait_for_load_state()
    assert "/search/?q=ozone" in page.url
    context.close()


def test_the_phone_menu_opens_by_keyboard_without_javascript(browser, live_server, site):  # type: ignore[no-untyped-def]
    context = _context(
        browser,
        live_server,
        locale="en-GB",
        viewport={"width": 390, "height": 844},
        java_script_enabled=False,
    )
    page = context.new_page()
    page.goto("/learning/")
    nav = page.get_by_role("navigation", name="Main navigation")
    assert not nav.is_visible()
    header_height = page.locator(".site-header").bounding_box()["height"]
    assert header_height < 844 * 0.15  # the closed header leaves the screen to the page
    page.locator("#menu-toggle").focus()
    page.keyboard.press("Space")
    assert nav.is_visible()
    current = nav.locator("[aria-current=page]")
    assert current.count() == 1 and current.get_attribute("data-nav") == "learning:catalogue"
    assert nav.get_by_role("heading", name="Customs officers").is_visible()
    context.close()


@pytest.fixture
def refdata(site):  # type: ignore[no-untyped-def]
    from greencustoms.agreements import selectors
    from greencustoms.agreements.reference import load

    load(stdout=StringIO())
    selectors.forget_index()
    yield
    selectors.forget_index()


def test_the_header_search_answers_a_cas_number_with_the_lookup_first(browser, live_server, refdata):  # type: ignore[no-untyped-def]
    context = _context(browser, live_server, locale="en-GB")
    page = context.new_page()
    page.goto("/")
    page.locator("#site-search-q").fill("75-69-4")
    page.locator("#site-search-q").press("Enter")
    page.wait_for_load_state()
    first = page.locator(".search-items li").first
    assert "Look up" in first.inner_text()
    first.get_by_role("link").click()
    page.wait_for_load_state()
    assert "/agreements/?q=75-69-4" in page.url and "CFC-11" in page.content()
    context.close()
