"""An exporting country's focal point asks an iPIC consultation; the importing country's focal point answers."""

import pytest

from greencustoms.conftest import PASSWORD, make_user
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_ask_then_answer_and_the_register_shows_it(page, site, browser, live_server):  # type: ignore[no-untyped-def]
    from greencustoms.licensing.models import Consultation, FocalPoint

    lk = make_user("ozone-lk@test.example", totp=True, country="LK")
    th = make_user("ozone-th@test.example", totp=True, country="TH")
    FocalPoint.objects.create(country="LK", name="LK officer", email=lk.email, user=lk)
    FocalPoint.objects.create(country="TH", name="TH officer", email=th.email, user=th)

    sign_in(page, lk, PASSWORD)
    page.goto("/licensing/ipic/new/")
    page.get_by_label("exporting country").select_option("LK")
    page.get_by_label("Importing country").fill("TH")
    page.get_by_role("textbox", name="Substance").fill("hcfc-22")  # not the site search box
    page.get_by_label("Quantity (kg)").fill("1200")
    page.get_by_label("Importer").fill("Siam Cooling Co.")
    page.get_by_label("Planned shipment date").fill("2027-02-01")
    page.get_by_role("button", name="Send").click()
    page.get_by_text("the answer is due on").wait_for()
    consultation = Consultation.objects.get()
    assert consultation.status == "pending"

    other = browser.new_context(base_url=live_server.url, locale="en-GB").new_page()
    sign_in(other, th, PASSWORD)
    other.goto("/licensing/ipic/")
    other.get_by_role("link", name=consultation.number).click()
    other.get_by_label("Answer").select_option("yes")
    other.get_by_label("Reference (licence or file number)").fill("TH-IMP-2027-014")
    other.get_by_role("button", name="Record the answer").click()
    other.get_by_text("Answer recorded.").wait_for()

    page.goto("/licensing/ipic/")
    row = page.get_by_role("row", name=consultation.number)
    assert "Yes: licensed" in row.inner_text()
