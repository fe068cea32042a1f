"""Publication reaches the website's news page (and leaves it when withdrawn); the site-wide search finds
published summaries by their public fields, restricted fields only for those who see the detail."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest

from greencustoms.cases import services
from greencustoms.cases.tests.conftest import AT, DETAIL_SECRET, OFFENDER, acting, case_data
from greencustoms.conftest import signed_in_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def news_index(db: Any) -> Any:
    from greencustoms.website.models import HomePage, NewsIndexPage
    from greencustoms.website.reference import load as load_home

    load_home(stdout=StringIO())
    index = NewsIndexPage(title="News", slug="news", live=True, access_level="public")
    HomePage.objects.get(locale__language_code="en").add_child(instance=index)
    return index


@pytest.fixture
def reviewed(partners: Any, secretariat_user: Any, enforcement_user: Any) -> Any:
    sec, officer = acting(secretariat_user), acting(enforcement_user)
    case = services.case_create(by=officer, data=case_data(), at=AT)
    services.case_submit(case=case, by=officer, at=AT)
    services.case_review(case=case, by=sec, approve=True, note="", at=AT)
    services.case_approve_summary(case=case, by=sec, summary=case.summary, at=AT)
    return case


def test_publishing_creates_a_news_item_linking_to_the_case(
    news_index: Any, reviewed: Any, secretariat_user: Any, client: Any
) -> None:
    from greencustoms.website.models import NewsPage

    services.case_publish(case=reviewed, by=acting(secretariat_user), at=AT)
    item = NewsPage.objects.get()
    assert item.live and item.get_parent().pk == news_index.pk and item.access_level == "public"
    assert item.title == "Seizure: Refrigerant R-404A (SN, 2026-05-04)"
    assert item.date == AT.date()
    assert f'href="/cases/{reviewed.pk}/"' in item.body
    assert OFFENDER not in item.body and DETAIL_SECRET not in item.body
    listing = client.get(news_index.url).content.decode()
    assert "Seizure: Refrigerant R-404A (SN, 2026-05-04)" in listing
    news = client.get(item.url)
    assert news.status_code == 200 and f'href="/cases/{reviewed.pk}/"' in news.content.decode()


def test_withdrawing_unpublishes_the_news_item_and_publishing_again_brings_it_back(
    news_index: Any, reviewed: Any, secretariat_user: Any, client: Any
) -> None:
    from greencustoms.website.models import NewsPage

    sec = acting(secretariat_user)
    services.case_publish(case=reviewed, by=sec, at=AT)
    url = NewsPage.objects.get().url
    services.case_unpublish(case=reviewed, by=sec, at=AT)
    reviewed.refresh_from_db()
    assert reviewed.status == "reviewed" and reviewed.published_at is None
    assert NewsPage.objects.get().live is False
    assert client.get(url).status_code == 404
    assert "Refrigerant R-404A" not in client.get(news_index.url).content.decode()
    assert client.get(f"/cases/{reviewed.pk}/").status_code == 404
    services.case_publish(case=reviewed, by=sec, at=AT)
    assert NewsPage.objects.count() == 1 and NewsPage.objects.get().live is True


def test_only_the_secretariat_withdraws(reviewed: Any, secretariat_user: Any, enforcement_user: Any) -> None:
    from django.core.exceptions import PermissionDenied

    services.case_publish(case=reviewed, by=acting(secretariat_user), at=AT)
    with pytest.raises(PermissionDenied):
        services.case_unpublish(case=reviewed, by=acting(enforcement_user), at=AT)
    page = signed_in_client(secretariat_user).post(f"/cases/{reviewed.pk}/unpublish/")
    assert page.status_code == 302
    reviewed.refresh_from_db()
    assert reviewed.status == "reviewed"


def test_publication_without_a_news_page_still_publishes(reviewed: Any, secretariat_user: Any) -> None:
    case = services.case_publish(case=reviewed, by=acting(secretariat_user), at=AT)
    assert case.status == "published" and case.news_page is None


def test_site_search_finds_published_summaries_by_public_fields(
    news_index: Any, reviewed: Any, secretariat_user: Any, enforcement_user: Any, client: Any
) -> None:
    services.case_publish(case=reviewed, by=acting(secretariat_user), at=AT)
    body = client.get("/search/?q=air-conditioning").content.decode()
    assert f'href="/cases/{reviewed.pk}/"' in body and "2026-05-04 · SN · Refrigerant R-404A" in body
    # restricted field (place): not for the public, found for enforcement level, never shown in the hit
    body = client.get(f"/search/?q={DETAIL_SECRET}").content.decode()
    assert f'href="/cases/{reviewed.pk}/"' not in body
    body = signed_in_client(enforcement_user).get(f"/search/?q={DETAIL_SECRET}").content.decode()
    assert f'href="/cases/{reviewed.pk}/"' in body
    hits = body.split('class="search-app"')[1].split("</section>")[0]
    assert DETAIL_SECRET not in hits.replace(f"q={DETAIL_SECRET}", "") and OFFENDER not in hits


def test_site_search_leaves_out_unpublished_records(reviewed: Any, secretariat_user: Any) -> None:
    body = signed_in_client(secretariat_user).get("/search/?q=air-conditioning").content.decode()
    assert f'href="/cases/{reviewed.pk}/"' not in body


def test_the_guide_annex_of_case_studies_lists_published_cases_only(
    partners: Any, reviewed: Any, secretariat_user: Any, client: Any
) -> None:
    from greencustoms.conftest import verified
    from greencustoms.guide.choices import ChapterKind, SectionKind
    from greencustoms.guide.models import Section
    from greencustoms.guide.tests.factories import approve_all, make_chapter, small_guide

    guide = small_guide(partners, year=2030)
    annex = make_chapter(
        guide, 9, slug="case-studies", kind=ChapterKind.ANNEX, number="B", title="Case studies"
    )
    Section.objects.create(chapter=annex, kind=SectionKind.CASE_STUDY, title="A written case", body="Text.")
    approve_all(guide, verified(secretariat_user))
    page = client.get("/guide/2030/case-studies/").content.decode()
    assert "A written case" in page and "No seizure case has been published yet." in page
    services.case_publish(case=reviewed, by=acting(secretariat_user), at=AT)
    page = client.get("/guide/2030/case-studies/").content.decode()
    listed = page.split('data-testid="guide-published-cases"')[1].split("</section>")[0]
    assert f'<a href="/cases/{reviewed.pk}/">2026-05-04 · SN · Refrigerant R-404A</a>' in listed
    # other chapters carry no list
    assert "guide-published-cases" not in client.get("/guide/2030/organizations/").content.decode()
