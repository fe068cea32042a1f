"""Issue #20's journey from end to end: a vetted enforcement officer screens a file, marks the worst line
detained, opens a seizure case from it, writes the public summary and adds a photo (its GPS removed), submits;
the Montreal Protocol partner reviews; the secretariat approves and publishes; a public visitor finds the
news item, follows it to the summary and sees the approved photo, never the restricted detail."""

from io import BytesIO, StringIO
from pathlib import Path
from typing import Any

import pytest

from greencustoms.accounts.choices import Role
from greencustoms.conftest import PASSWORD, approve_enforcement, make_user
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CSV = (
    "declaration_id,line_no,hs_code,description,origin,destination,quantity,unit,value\n"
    "D7,1,7208.10,steel coils,TR,SN,1,t,500\n"
    "D8,1,8418.69,R-22 refrigerant in 13.6 kg cylinders,CN,SN,10,u,300\n"
)
SUMMARY = "Cylinders of R-22 declared as refrigerating equipment were detained after screening."
NOTE = "12 cylinders behind a false wall, container MSKU-SECRET-9"


@pytest.fixture
def refdata(site: None) -> Any:
    from greencustoms.agreements import selectors
    from greencustoms.agreements.reference import load
    from greencustoms.screening import engine_adapter
    from greencustoms.website.models import HomePage, NewsIndexPage

    load(stdout=StringIO())
    selectors.forget_index()
    engine_adapter.forget_ruleset()
    HomePage.objects.get(locale__language_code="en").add_child(
        instance=NewsIndexPage(title="News", slug="news", access_level="public")
    )
    yield
    selectors.forget_index()
    engine_adapter.forget_ruleset()


def _photo(path: Path) -> Path:
    from PIL import ExifTags, Image

    exif = Image.Exif()
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (14.0, 41.0, 30.0)
    Image.new("RGB", (60, 40), (30, 90, 160)).save(path, format="JPEG", exif=exif)
    return path


def test_detained_line_to_published_summary_on_the_news_page(
    page: Any, refdata: None, tmp_path: Path
) -> None:
    from PIL import Image

    from greencustoms.cases.models import SeizureCase
    from greencustoms.partners.models import Partner

    officer = make_user("journey-officer@test.example", totp=True, country="SN")
    approve_enforcement(officer)
    reviewer = make_user(
        "journey-ozone@test.example",
        Role.PARTNER,
        totp=True,
        partner=Partner.objects.get(acronym="OzonAction"),
    )
    secretariat = make_user("journey-sec@test.example", Role.SECRETARIAT, totp=True, is_staff=True)

    # 1. screening: the worst line is marked detained, and a seizure case is opened from it
    source = tmp_path / "day.csv"
    source.write_text(CSV)
    sign_in(page, officer, PASSWORD)
    page.goto("/screening/")
    page.get_by_label("Declarations file").set_input_files(str(source))
    page.get_by_role("button", name="Screen the file").click()
    page.wait_for_load_state()
    first = page.locator("ol.line-cards > li").first
    first.wait_for()
    assert "Declaration D8, line 1" in first.inner_text()
    first.get_by_label("Detained").check()
    first.get_by_label("Note").fill(NOTE)
    first.get_by_role("button", name="Record the decision").click()
    page.wait_for_load_state()
    page.locator("ol.line-cards > li").first.get_by_role("button", name="Open a seizure case").click()
    page.wait_for_load_state()
    case = SeizureCase.objects.get()
    assert page.url.endswith(f"/cases/{case.pk}/")
    assert (case.hs_declared, case.origin, case.destination, case.status) == ("841869", "CN", "SN", "draft")
    assert NOTE in case.detail and case.screening_ref.startswith("job ")

    # 2. the officer writes the public summary, adds a photo for the public, submits
    page.get_by_role("link", name="Edit the record").click()
    page.get_by_label("Public summary").fill(SUMMARY)
    page.get_by_role("button", name="Save the record").click()
    page.wait_for_load_state()
    form = page.get_by_test_id("photo-form")
    form.get_by_label("Photo (JPEG, PNG or WebP, at most 10 MB)").set_input_files(
        str(_photo(tmp_path / "p.jpg"))
    )
    form.get_by_label("Description for screen readers (alt text)").fill("Blue R-22 cylinders on a pallet")
    form.get_by_label("Caption").fill("The cylinders after unloading")
    form.get_by_label("Show with the public summary (once the secretariat approves it)").check()
    form.get_by_role("button", name="Add the photo").click()
    page.wait_for_load_state()
    photo = case.photos.get()
    with Image.open(photo.image.path) as stored:
        assert dict(stored.getexif()) == {}
    page.get_by_role("button", name="Submit for review").click()
    assert page.get_by_test_id("case-status").inner_text().startswith("Submitted for review")
    page.context.clear_cookies()

    # 3. the partner of the agreement reviews
    sign_in(page, reviewer, PASSWORD)
    page.goto(f"/cases/{case.pk}/")
    assert "MSKU-SECRET-9" in page.get_by_test_id("case-detail").inner_text()
    page.get_by_label("Decision").select_option("approve")
    page.get_by_role("button", name="Send the review").click()
    assert page.get_by_test_id("case-status").inner_text().startswith("Reviewed by the partners")
    page.context.clear_cookies()

    # 4. the secretariat approves the summary (and with it the photo marked public) and publishes
    sign_in(page, secretariat, PASSWORD)
    page.goto(f"/cases/{case.pk}/")
    page.get_by_role("button", name="Approve the public summary").click()
    page.get_by_role("button", name="Publish").click()
    assert page.get_by_test_id("case-status").inner_text().startswith("Published")
    page.context.clear_cookies()

    # 5. a public visitor: the news page links to the summary; the approved photo shows; no detail
    page.goto("/news/")
    page.get_by_role("link", name="Seizure: R-22 refrigerant in 13.6 kg cylinders (SN").click()
    page.get_by_role("link", name="Read the public summary of the case").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/cases/{case.pk}/")
    assert SUMMARY in page.get_by_test_id("case-summary").inner_text()
    image = page.get_by_role("img", name="Blue R-22 cylinders on a pallet")
    # the picture loads after the page: wait for it (lazy images under load), then check what arrived
    image.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
    assert image.evaluate("img => img.naturalWidth") == 60
    assert page.get_by_test_id("case-detail").count() == 0
    assert "MSKU-SECRET-9" not in page.content()
    body = page.request.get(image.get_attribute("src")).body()
    assert b"GPS" not in body and Image.open(BytesIO(body)).size == (60, 40)
    page.goto("/search/?q=refrigerating")
    assert page.get_by_role("link", name=f"{case.date:%Y-%m-%d} · SN · R-22 refrigerant").count() == 1
