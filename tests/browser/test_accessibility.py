"""axe-core (bundled by axe-playwright-python, no network) on ten pages: no serious or critical violation;
and a keyboard-only journey from the home page to a lookup answer."""

from io import StringIO

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/",
    "/fr/",
    "/agreements/",
    "/agreements/?q=mercury",
    "/learning/",
    "/library/",
    "/search/?q=R-22",
    "/account/register/",
    "/es/privacy/",
    "/no-such-page/",
]


@pytest.fixture
def refdata(site):  # type: ignore[no-untyped-def]
    from greencustoms.agreements import selectors
    from greencustoms.agreements.reference import load

    load(stdout=StringIO())
    selectors.forget_index()
    yield
    selectors.forget_index()


def test_ten_pages_have_no_serious_or_critical_violations(browser, live_server, refdata):  # type: ignore[no-untyped-def]
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    context = browser.new_context(base_url=live_server.url, locale="en-GB", bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    found: dict[str, list[str]] = {}
    for path in PAGES:
        page.goto(path)
        results = axe.run(page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]})
        bad = [
            f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']}"
            for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        if bad:
            found[path] = bad
    context.close()
    assert found == {}


def test_keyboard_only_from_the_home_page_to_a_lookup_answer(browser, live_server, refdata):  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto("/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    # From the main content, Tab reaches the lookup box before anything else that takes text.
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "home-lookup-q":
            break
    assert page.evaluate("document.activeElement.id") == "home-lookup-q"
    page.keyboard.type("mercury")
    page.keyboard.press("Enter")
    page.wait_for_url("**/agreements/?q=mercury")
    assert "/agreements/?q=mercury" in page.url
    assert page.locator(".card, .lookup-card, article").count() > 0
    context.close()
