"""An officer without the compulsory module is refused registration (the module named), passes the module,
then registers for the workshop."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from greencustoms.accounts.choices import Level
from greencustoms.conftest import PASSWORD, make_user
from greencustoms.learning.content import version_load
from greencustoms.learning.models import Module, WorkshopPrerequisite
from greencustoms.learning.tests.conftest import FILES, T0, module_data
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_is_refused_completes_the_module_and_registers(page: Any, site: Any) -> None:
    from greencustoms.partners.models import Partner
    from greencustoms.training.models import Registration
    from greencustoms.training.services import workshop_create

    version_load(module_data(), FILES, at=T0)
    start = timezone.localdate() + timedelta(days=40)
    workshop = workshop_create(
        kind="national_workshop", title="National workshop Mombasa", start=start, end=start + timedelta(days=1),
        country="KE", city="Mombasa", lead_partner=Partner.objects.get(acronym="UNEP"), access_level=Level.PUBLIC,
        by=None, registration_open=True, seats=10, languages=["en"], status="confirmed",
    )  # fmt: skip
    WorkshopPrerequisite.objects.create(
        event=workshop.event, module=Module.objects.get(slug="ozone"), deadline=start - timedelta(days=7)
    )
    officer = make_user("participant@test.example", country="KE", administration="KRA")
    sign_in(page, officer, PASSWORD)

    page.goto(f"/training/workshops/{workshop.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("National workshop Mombasa")
    page.get_by_role("button", name="Register for this workshop").click()
    expect(page.get_by_text("Compulsory modules not passed: ozone")).to_be_visible()
    assert not Registration.objects.filter(workshop=workshop).exists()

    # the module is linked from the workshop's list of compulsory modules
    page.get_by_test_id("prerequisites").get_by_role("link", name="Ozone basics").click()
    page.get_by_role("button", name="Enrol and start").click()
    page.get_by_role("button", name="Done — next lesson").click()
    page.get_by_role("button", name="Done — go to the final test").click()
    page.get_by_role("button", name="Start the test").click()
    page.get_by_role(
        "button", name="Submit my answers"
    ).wait_for()  # the test page is there before its questions are listed
    for group in page.locator("main").get_by_role("group").all():  # the questions, not the header menu
        group.get_by_label("right").check()
    page.get_by_role("button", name="Submit my answers").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("100%")

    page.goto(f"/training/workshops/{workshop.pk}/")
    page.get_by_role("button", name="Register for this workshop").click()
    expect(page.get_by_text("You are registered for the workshop.")).to_be_visible()
    expect(page.get_by_test_id("registration-status")).to_have_text("Your registration: Accepted")
    assert Registration.objects.get(workshop=workshop, user=officer).status == "accepted"
