"""The secretariat imports CLiKC! figures from the template and reads them beside the platform's own (#19 part 6)."""

from datetime import UTC, datetime

import pytest
from playwright.sync_api import expect

from greencustoms.accounts.choices import Role
from greencustoms.conftest import PASSWORD, make_user
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CSV = (
    b"module,partner,platform,period_start,period_end,registered,active,completed,source,reported_on\n"
    b"ozone,,WCO CLiKC!,2017-01-01,2017-12-31,321,123,77,CLiKC! yearly report 2017,2018-01-15\n"
)


def test_secretariat_imports_a_filled_template(page, site):  # type: ignore[no-untyped-def]
    from greencustoms.learning.content import version_load
    from greencustoms.learning.tests.conftest import FILES, module_data

    version_load(module_data(), FILES, at=datetime(2026, 3, 2, tzinfo=UTC))
    user = make_user("sec@test.example", Role.SECRETARIAT, totp=True, is_staff=True, is_superuser=True)
    sign_in(page, user, PASSWORD)

    page.goto("/learning/stats/")
    page.get_by_role("link", name="Import external e-learning figures").click()
    page.get_by_role("heading", name="Import external e-learning figures").wait_for()
    broken = CSV.replace(b",321,", b",abc,")
    page.get_by_label("Filled-in template (CSV or XLSX)").set_input_files(
        files=[{"name": "clikc.csv", "mimeType": "text/csv", "buffer": broken}]
    )
    page.locator("form:has(input[name=kind][value=table]) button").click()
    page.wait_for_load_state()
    assert (
        page.get_by_role("alert").inner_text().splitlines()[-1]
        == "line 2: registered: 'abc' is not a whole number"
    )

    page.get_by_label("Filled-in template (CSV or XLSX)").set_input_files(
        files=[{"name": "clikc.csv", "mimeType": "text/csv", "buffer": CSV}]
    )
    page.locator("form:has(input[name=kind][value=table]) button").click()
    page.get_by_role("heading", name="Learning statistics by partner").wait_for()
    expect(page.get_by_text("Imported 1 external figure.")).to_be_visible()
    expect(page.get_by_role("cell", name="CLiKC! yearly report 2017")).to_be_visible()

    page.goto("/learning/stats/")
    table = page.locator("table.external")
    assert table.get_by_role("cell", name="321").is_visible()
    assert table.get_by_role("cell", name="2018-01-15").is_visible()
