"""A partner marks an overdue action as done, and it leaves the overdue list."""

from io import StringIO

import pytest
from playwright.sync_api import expect

from greencustoms.accounts.choices import Role
from greencustoms.conftest import PASSWORD, make_user
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_partner_updates_status_and_the_overdue_list_changes(page, site):  # type: ignore[no-untyped-def]
    from greencustoms.actions.demo import load
    from greencustoms.actions.models import ActionPoint
    from greencustoms.partners.models import Partner

    load(stdout=StringIO())
    user = make_user(
        "unep-staff@test.example", Role.PARTNER, totp=True, partner=Partner.objects.get(acronym="UNEP")
    )
    action = ActionPoint.objects.get(
        meeting__number=3, number=4
    )  # Terms of Reference, owned by UNEP, overdue
    sign_in(page, user, PASSWORD)

    page.goto("/actions/?overdue=on")
    page.get_by_role("heading", name="Overdue action points").wait_for()
    overdue_before = page.get_by_test_id("action-row").count()
    link = page.get_by_role("link", name="UNEP should propose a first version of Terms of Reference")
    assert link.is_visible()

    link.click()
    page.get_by_label("Status").select_option("done")
    page.get_by_label("Date").fill("2007-07-20")
    page.get_by_label("Progress note").fill("Terms of Reference approved by the partners.")
    page.get_by_label("Evidence (link)").fill("https://example.org/tor.pdf")
    page.get_by_role("button", name="Save progress").click()
    page.wait_for_load_state()
    expect(page.get_by_test_id("action-status")).to_have_text("Done")
    expect(page.get_by_text("Terms of Reference approved by the partners.")).to_be_visible()

    page.goto("/actions/?overdue=on")
    assert page.get_by_test_id("action-row").count() == overdue_before - 1
    assert (
        page.get_by_role("link", name="UNEP should propose a first version of Terms of Reference").count()
        == 0
    )
    action.refresh_from_db()
    assert action.status == "done"
