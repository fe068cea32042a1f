"""A reader opens the Guide and follows its table of contents to a chapter and a section."""

import re

import pytest
from playwright.sync_api import expect

from greencustoms.conftest import make_user, verified
from greencustoms.guide.tests.factories import approve_all, small_guide
from greencustoms.partners.models import Partner


@pytest.mark.browser
def test_a_reader_follows_the_table_of_contents(page, site):
    partners = {p.acronym: p for p in Partner.objects.all()}
    secretariat = verified(
        make_user("sec@test.example", "secretariat", totp=True, is_staff=True, is_superuser=True)
    )
    approve_all(small_guide(partners, year=2030), secretariat)

    page.goto("/guide/")
    page.get_by_role("link", name="Read online").click()
    toc = page.get_by_role("navigation", name="Table of contents")
    toc.get_by_role("link", name="World Customs Organization").click()
    page.wait_for_url(re.compile(r"/guide/2030/organizations/#sec-\d+$"))
    section = page.get_by_role("heading", level=2, name="World Customs Organization")
    assert section.is_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Chapter 1. The organizations")

    page.get_by_role("link", name="Table of contents").click()
    page.get_by_role("navigation", name="Table of contents").get_by_role(
        "link", name="Annex A. Summary of HS codes"
    ).click()
    page.wait_for_url("**/guide/2030/hs-codes/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Annex A. Summary of HS codes")
    page.get_by_role("link", name="← Chapter 1. The organizations").click()
    page.wait_for_url("**/guide/2030/organizations/")
