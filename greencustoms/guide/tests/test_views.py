"""Pages: editions and chapters (with access), review pages, publication, distribution requests."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from greencustoms.conftest import make_user, verified
from greencustoms.events.models import Event
from greencustoms.guide.choices import Decision, GuideStatus
from greencustoms.guide.models import DistributionRequest, Guide, ReviewComment
from greencustoms.guide.tests.factories import approve_all, small_guide


@pytest.fixture
def draft(partners):
    return small_guide(partners, year=2031)


@pytest.fixture
def published(partners, secretariat_user):
    return approve_all(small_guide(partners, year=2030), verified(secretariat_user))


def test_anyone_reads_a_published_edition_and_follows_its_table_of_contents(client, published):
    response = client.get(reverse("guide:edition", args=[2030]))
    assert response.status_code == 200
    chapter_url = reverse("guide:chapter", args=[2030, "organizations"])
    assert f'href="{chapter_url}#sec-' in response.text
    page = client.get(chapter_url)
    assert page.status_code == 200
    assert "World Customs Organization" in page.text and 'id="sec-' in page.text


def test_drafts_are_hidden_from_the_public_and_shown_to_partners(client, client_for, draft, partner_user):
    url = reverse("guide:edition", args=[2031])
    assert client.get(url).status_code == 404
    assert client.get(reverse("guide:pdf", args=[2031])).status_code == 404
    assert client_for(partner_user).get(url).status_code == 200
    assert "2031" not in client.get(reverse("guide:index")).text


def test_older_editions_stay_available(client, partners, secretariat_user):
    secretariat = verified(secretariat_user)
    approve_all(small_guide(partners, year=2020), secretariat)
    approve_all(small_guide(partners, year=2030), secretariat)
    index = client.get(reverse("guide:index")).text
    assert reverse("guide:edition", args=[2030]) in index and reverse("guide:edition", args=[2020]) in index
    assert client.get(reverse("guide:chapter", args=[2020, "foreword"])).status_code == 200


def test_pdf_and_offline_downloads(client, published):
    pdf = client.get(reverse("guide:pdf", args=[2030]))
    assert (
        pdf.status_code == 200
        and pdf["Content-Type"] == "application/pdf"
        and pdf.content.startswith(b"%PDF")
    )
    again = client.get(reverse("guide:pdf", args=[2030]))
    assert again.content == pdf.content  # a published edition is rendered once
    offline = client.get(reverse("guide:offline", args=[2030]))
    assert offline.status_code == 200 and offline.content.startswith(b"PK")


def test_the_edition_page_queries_do_not_grow_with_sections(client, published, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        assert client.get(reverse("guide:edition", args=[2030])).status_code == 200


def test_a_partner_comments_on_a_paragraph_and_approves_through_the_pages(
    client_for, draft, secretariat_user, partner_user
):
    secretariat = client_for(secretariat_user)
    deadline = (date.today() + timedelta(days=14)).isoformat()
    response = secretariat.post(
        reverse("guide:round_open", args=[2031]), {"deadline": deadline, "message": "Please"}
    )
    round = draft.rounds.get()
    assert response.status_code == 302 and response["Location"] == reverse("guide:round", args=[round.pk])
    partner = client_for(partner_user)
    page = partner.get(reverse("guide:round", args=[round.pk]))
    assert page.status_code == 200 and "CITES Secretariat" not in page.text.split('id="text-title"')[1]
    section = draft.chapters.get(slug="organizations").sections.get(partner=partner_user.partner)
    partner.post(
        reverse("guide:comment_add", args=[round.pk]), {"target": f"s{section.pk}-p1", "body": "Reword."}
    )
    comment = ReviewComment.objects.get()
    assert comment.section == section and comment.paragraph == 1 and comment.partner == partner_user.partner
    partner.post(reverse("guide:decide", args=[round.pk]), {"decision": Decision.APPROVED})
    assert round.answers.get(partner=partner_user.partner).decision == Decision.APPROVED
    # Publication is refused while CITES has not answered.
    secretariat.post(reverse("guide:publish", args=[2031]))
    draft.refresh_from_db()
    assert draft.status == GuideStatus.IN_REVIEW
    assert partner.post(reverse("guide:round_close", args=[round.pk])).status_code == 403


def test_partners_of_other_organizations_do_not_see_the_round(client_for, draft, partners, secretariat_user):
    from django.utils import timezone

    from greencustoms.guide import services

    round = services.review_round_open(
        guide=draft,
        deadline=date.today() + timedelta(days=5),
        by=verified(secretariat_user),
        at=timezone.now(),
    )
    opcw = make_user("opcw@test.example", "partner", totp=True, partner=partners["OPCW"])
    assert client_for(opcw).get(reverse("guide:round", args=[round.pk])).status_code == 404
    assert client_for(None).get(reverse("guide:rounds")).status_code == 302


def test_partners_ask_for_copies_and_the_secretariat_sees_the_totals(
    client_for, published, partners, partner_user, secretariat_user
):
    event = Event.objects.create(
        kind="national_workshop",
        title="Workshop X",
        slug="workshop-x",
        start=date(2030, 5, 1),
        end=date(2030, 5, 2),
        access_level="public",
    )
    cites = make_user("cites@test.example", "partner", totp=True, partner=partners["CITES"])
    for user, printed, offline in ((partner_user, 20, 5), (cites, 10, 0)):
        response = client_for(user).post(
            reverse("guide:distribution") + "?edition=2030",
            {"event": event.pk, "printed_copies": printed, "offline_copies": offline},
        )
        assert response.status_code == 302
    assert DistributionRequest.objects.count() == 2
    page = client_for(secretariat_user).get(reverse("guide:distribution") + "?edition=2030")
    assert page.context["grand"] == {"printed": 30, "offline": 5}
    own = client_for(cites).get(reverse("guide:distribution") + "?edition=2030")
    assert [r.partner.acronym for r in own.context["requests"]] == ["CITES"]
    refused = client_for(cites).post(
        reverse("guide:distribution") + "?edition=2030",
        {"event": event.pk, "printed_copies": 0, "offline_copies": 0},
    )
    assert refused.status_code == 200 and DistributionRequest.objects.count() == 2


def test_the_guide_is_in_the_navigation(client, published):
    assert f'href="{reverse("guide:index")}"' in client.get(reverse("guide:index")).text
    assert Guide.objects.count() == 1
