"""An officer uploads a file, sees the worst line first, marks it inspected with a note and downloads the
inspection list; on a 390 px phone the result page does not scroll sideways."""

from io import BytesIO, StringIO
from pathlib import Path

import pytest

from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CSV = (
    "declaration_id,line_no,hs_code,description,origin,destination,quantity,unit,value\n"
    "D7,1,7208.10,steel coils,TR,GH,1,t,500\n"
    "D6,1,2903.71,Chlorodifluoromethane,CN,GH,10,kg,100\n"
    "D8,1,8418.69,R-22 refrigerant in 13.6 kg cylinders,CN,GH,10,u,300\n"
    "D9,1,6403.99,leather shoes,IT,GH,20,u,800\n"
)


@pytest.fixture
def refdata(site):  # type: ignore[no-untyped-def]
    from greencustoms.agreements import selectors
    from greencustoms.agreements.reference import load
    from greencustoms.screening import engine_adapter

    load(stdout=StringIO())
    selectors.forget_index()
    engine_adapter.forget_ruleset()
    yield
    selectors.forget_index()
    engine_adapter.forget_ruleset()


def test_upload_worst_line_first_triage_and_inspection_list(page, refdata, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook
    from pypdf import PdfReader

    from greencustoms.conftest import PASSWORD, make_user
    from greencustoms.screening.models import LineDecision

    officer = make_user("triage-officer@test.example", country="GH")
    source = tmp_path / "day.csv"
    source.write_text(CSV)
    sign_in(page, officer, PASSWORD)
    page.goto("/screening/")
    page.get_by_label("Declarations file").set_input_files(str(source))
    page.get_by_role("button", name="Screen the file").click()
    page.wait_for_load_state()
    cards = page.locator("ol.line-cards > li")
    cards.first.wait_for()
    first = cards.first
    assert "Declaration D8, line 1" in first.inner_text()
    assert "Inspect" in first.locator(".badge").first.inner_text()
    assert "R-22 refrigerant in 13.6 kg cylinders" in first.inner_text()

    # the worst line's findings are open: mark it inspected with a note
    first.get_by_label("Inspected").check()
    first.get_by_label("Note").fill("12 cylinders opened, labels match")
    first.get_by_role("button", name="Record the decision").click()
    page.wait_for_load_state()
    assert "Line 1 of declaration D8: Inspected." in page.content()
    decision = LineDecision.objects.get()
    assert (decision.declaration_id, decision.outcome, decision.note) == (
        "D8",
        "inspected",
        "12 cylinders opened, labels match",
    )

    with page.expect_download() as info:
        page.get_by_role("link", name="Excel workbook").click()
    saved = tmp_path / "inspection.xlsx"
    info.value.save_as(saved)
    rows = list(load_workbook(saved).active.iter_rows(values_only=True))
    assert [r[0] for r in rows[1:]] == ["D8"]
    assert rows[1][12] == "Inspected"

    pdf = page.request.get(page.get_by_role("link", name="PDF to print").get_attribute("href"))
    assert pdf.status == 200
    text = " ".join(p.extract_text() for p in PdfReader(BytesIO(pdf.body())).pages)
    assert "Declaration D8, line 1" in text and "steel coils" not in text

    # a phone: no sideways scrolling on the result page
    url = page.url
    phone = page.context.browser.new_context(
        base_url=page.url.split("/screening")[0], viewport={"width": 390, "height": 844}, locale="en-GB"
    )
    mobile = phone.new_page()
    sign_in(mobile, officer, PASSWORD)
    mobile.goto(url)
    mobile.locator("ol.line-cards > li").first.wait_for()
    mobile.locator("details").first.evaluate("d => d.open = true")
    assert mobile.evaluate("document.scrollingElement.scrollWidth") <= 390
    phone.close()
