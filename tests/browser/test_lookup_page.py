"""A customs officer on a phone looks up a refrigerant and follows the permalink to its HS code."""

from io import StringIO

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def refdata(site):  # type: ignore[no-untyped-def]
    from greencustoms.agreements import selectors
    from greencustoms.agreements.reference import load

    load(stdout=StringIO())
    selectors.forget_index()
    yield
    selectors.forget_index()


def test_lookup_on_a_phone(browser, live_server, refdata):  # type: ignore[no-untyped-def]
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 375, "height": 740}, locale="en-GB"
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto("/agreements/")
    page.get_by_label("Code, name or CAS number").fill("R-404A")
    page.get_by_role("button", name="Look up").click()
    page.wait_for_load_state()
    card = page.locator("[data-item='montreal/r-404a']")
    assert card.is_visible()
    assert "ex 3827.61" in card.inner_text()
    # nothing overflows the phone's width
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    card.get_by_role("link", name="ex 3827.61").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text("HS2022 3827.61")
    expect(page.locator("[data-item='montreal/r-507a']")).to_be_visible()
    context.close()


def test_code_lookup_in_an_older_edition(page, refdata):  # type: ignore[no-untyped-def]
    page.goto("/agreements/")
    page.get_by_label("Code, name or CAS number").fill("2903.41")
    page.get_by_label("HS edition").select_option("HS2007")
    page.get_by_role("button", name="Look up").click()
    page.wait_for_load_state()
    expect(page.locator("[data-item='montreal/cfc-11']")).to_be_visible()
    assert page.locator("[data-item='montreal/hfc-23']").count() == 0
    nav = page.get_by_role("navigation", name="Main navigation")
    assert nav.locator("[data-nav='agreements:lookup']").is_visible()
