"""An officer takes a module end to end: enrols, reads the lessons, answers an exercise, passes the test,
downloads the certificate, and the public verification page confirms it."""

from typing import Any

import pytest
from playwright.sync_api import expect

from greencustoms.conftest import PASSWORD, make_user
from greencustoms.learning.content import version_load
from greencustoms.learning.tests.conftest import FILES, T0, module_data
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_takes_a_module_and_downloads_the_certificate(page: Any, site: Any) -> None:
    version_load(module_data(), FILES, at=T0)
    officer = make_user("learner@test.example", country="KE", administration="KRA")
    sign_in(page, officer, PASSWORD)
    page.goto("/learning/")
    page.get_by_role("link", name="Ozone basics").click()
    page.get_by_role("button", name="Enrol and start").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lesson one v1")
    expect(page.get_by_role("img", name="A black square")).to_be_visible()
    # the practice exercise answers in place (enhanced by learning.js)
    page.get_by_role("group", name="Is it true?").get_by_label("True").check()
    page.get_by_role("button", name="Check my answer").click()
    page.locator(".feedback.ok").wait_for()
    page.get_by_role("button", name="Done — next lesson").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lesson two")
    page.get_by_role("button", name="Done — go to the final test").click()
    page.get_by_role("button", name="Start the test").click()
    page.get_by_role(
        "button", name="Submit my answers"
    ).wait_for()  # the test page is there before its questions are listed
    for group in page.locator("main").get_by_role("group").all():  # the questions, not the header menu
        group.get_by_label("right").check()
    page.get_by_role("button", name="Submit my answers").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("100%")
    with page.expect_download() as info:
        page.get_by_role("link", name="Download your certificate (PDF)").click()
    download = info.value
    path = download.path()
    with open(path, "rb") as fh:
        assert fh.read(4) == b"%PDF"
    code = download.suggested_filename.removeprefix("certificate-").removesuffix(".pdf")
    page.goto(f"/learning/verify/{code}/")
    expect(page.get_by_text("This certificate is genuine.")).to_be_visible()
    expect(page.get_by_text("Learner").first).to_be_visible()
