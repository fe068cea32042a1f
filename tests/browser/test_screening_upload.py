"""An officer uploads a day's declarations, watches it screened, filters the lines by verdict and downloads the hits."""

from io import StringIO
from pathlib import Path

import pytest

from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CSV = (
    "declaration_id,line_no,hs_code,description,origin,destination,quantity,unit,value\n"
    "D1,1,8418.69,R-22 refrigerant in 13.6 kg cylinders,CN,GH,10,u,300\n"
    "D1,2,2903.71,Chlorodifluoromethane,CN,GH,10,kg,100\n"
    "D2,1,7208.10,steel coils,TR,GH,1,t,500\n"
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


def test_upload_screen_filter_and_download(page, refdata, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from greencustoms.conftest import PASSWORD, make_user

    officer = make_user("browser-officer@test.example", country="GH")
    source = tmp_path / "day.csv"
    source.write_text(CSV)
    sign_in(page, officer, PASSWORD)
    page.goto("/screening/")
    assert "200 MB" in page.content()
    page.get_by_label("Declarations file").set_input_files(str(source))
    page.get_by_role("button", name="Screen the file").click()
    page.wait_for_load_state()
    page.locator("ol.line-cards > li").first.wait_for()
    assert "3 read = 3 screened + 0 rejected" in page.content()
    first = page.locator("ol.line-cards > li").first.inner_text()
    assert "Declaration D1, line 1" in first and "8418.69" in first  # the misdeclared line, worst first
    page.get_by_role("link", name="Clear").click()
    page.wait_for_load_state()
    cards = page.locator("ol.line-cards > li")
    assert cards.count() == 1
    assert "steel coils" in cards.first.inner_text()
    with page.expect_download() as info:
        page.get_by_role("link", name="Hits CSV").click()
    saved = tmp_path / "hits.csv"
    info.value.save_as(saved)
    text = saved.read_text()
    assert text.splitlines()[0].startswith(
        "declaration_id,line_no,rule,agreement,item,evidence,document,severity"
    )
    assert "misdeclaration" in text
