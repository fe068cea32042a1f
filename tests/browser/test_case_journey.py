"""An enforcement officer records a seizure, the agreement's partner reviews it, the secretariat approves
and publishes the public summary, and a public visitor sees the summary only."""

from typing import Any

import pytest
from playwright.sync_api import expect

from greencustoms.accounts.choices import Role
from greencustoms.conftest import PASSWORD, approve_enforcement, make_user
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SECRET = "Quay 9, container MSKU-SECRET-1"
OFFENDER = "Ivan Smugglerov"
SUMMARY = "Refrigerant cylinders labelled as spare parts were stopped at the port."


def _sign_out(page: Any) -> None:
    page.context.clear_cookies()


def test_record_review_publish_and_public_view(page: Any, site: None) -> None:
    from greencustoms.cases.models import SeizureCase
    from greencustoms.partners.models import Partner

    officer = make_user("enf@test.example", totp=True, country="SN")
    approve_enforcement(officer)
    reviewer = make_user(
        "ozone@test.example", Role.PARTNER, totp=True, partner=Partner.objects.get(acronym="OzonAction")
    )
    secretariat = make_user("sec@test.example", Role.SECRETARIAT, totp=True, is_staff=True, is_superuser=True)

    # 1. the enforcement officer records the seizure and submits it
    sign_in(page, officer, PASSWORD)
    page.goto("/cases/")
    page.get_by_role("link", name="Record a seizure").click()
    page.get_by_label("Date of seizure").fill("2026-05-04")
    page.get_by_label("Country (ISO code)").fill("SN")
    page.get_by_label("Montreal").check()
    page.get_by_label("Commodity").fill("Refrigerant R-404A")
    page.get_by_label("Quantity", exact=True).fill("500")
    page.get_by_label("Controlled items (comma-separated, e.g. HCFC-22, R-404A)").fill("R-404A")
    page.get_by_label("Public summary").fill(SUMMARY)
    page.get_by_label("Place of seizure").fill(SECRET)
    page.get_by_label("Offender (person or company)").fill(OFFENDER)
    page.get_by_role("button", name="Save the record").click()
    page.get_by_role("button", name="Submit for review").click()
    assert page.get_by_test_id("case-status").inner_text().startswith("Submitted for review")
    case = SeizureCase.objects.get()
    assert case.co2e_tonnes is not None and float(case.co2e_tonnes) == 1960.8
    _sign_out(page)

    # 2. the Montreal Protocol partner reviews it (sees the restricted detail)
    sign_in(page, reviewer, PASSWORD)
    page.goto(f"/cases/{case.pk}/")
    expect(page.get_by_test_id("case-detail")).to_contain_text(SECRET)
    page.get_by_label("Decision").select_option("approve")
    page.get_by_role("button", name="Send the review").click()
    assert page.get_by_test_id("case-status").inner_text().startswith("Reviewed by the partners")
    _sign_out(page)

    # 3. the secretariat approves the public summary and publishes
    sign_in(page, secretariat, PASSWORD)
    page.goto(f"/cases/{case.pk}/")
    page.get_by_role("button", name="Approve the public summary").click()
    page.get_by_role("button", name="Publish").click()
    assert page.get_by_test_id("case-status").inner_text().startswith("Published")
    _sign_out(page)

    # 4. a public visitor sees the summary, never the detail
    page.goto("/cases/")
    page.get_by_role("link", name="Refrigerant R-404A").click()
    expect(page.get_by_test_id("case-summary")).to_contain_text(SUMMARY)
    assert page.get_by_test_id("case-detail").count() == 0
    html = page.content()
    assert SECRET not in html and OFFENDER not in html
    api = page.request.get("/api/v1/cases").json()
    assert api[0]["summary"] == SUMMARY and api[0]["restricted"] is None
