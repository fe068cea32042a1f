"""The review-round state machine: no publication while a concerned partner has not approved."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from greencustoms.conftest import make_user, verified
from greencustoms.guide import selectors, services
from greencustoms.guide.choices import Decision, GuideStatus, ReviewEventKind, RoundStatus
from greencustoms.guide.models import Section
from greencustoms.guide.tests.factories import agreement_section, approve_all, make_chapter, small_guide

NOW = timezone.now()


@pytest.fixture
def secretariat(secretariat_user):
    return verified(secretariat_user)


@pytest.fixture
def wco_staff(partner_user):
    return verified(partner_user)


@pytest.fixture
def cites_staff(partners):
    return verified(make_user("cites@test.example", "partner", totp=True, partner=partners["CITES"]))


@pytest.fixture
def guide(partners):
    return small_guide(partners)


def open_round(guide, secretariat, days=14):
    return services.review_round_open(
        guide=guide, deadline=(NOW + timedelta(days=days)).date(), by=secretariat, at=NOW
    )


def test_opening_a_round_asks_every_concerned_partner_and_tells_them(guide, secretariat, wco_staff):
    round = open_round(guide, secretariat)
    assert sorted(a.partner.acronym for a in round.answers.all()) == ["CITES", "WCO"]
    assert all(a.decision == Decision.PENDING for a in round.answers.all())
    guide.refresh_from_db()
    assert guide.status == GuideStatus.IN_REVIEW
    recipients = sorted(addr for m in mail.outbox for addr in m.to)
    assert recipients == [
        "info@cites.org",
        wco_staff.email,
    ]  # staff when it has some, else the generic address


def test_an_agreement_section_concerns_every_partner_that_administers_it(guide, partners, secretariat):
    chapter = make_chapter(guide, 9)
    agreement_section(chapter, "montreal", "Montreal Protocol")
    names = {p.acronym for p in selectors.concerned_partners(guide)}
    assert {"OzonAction", "Ozone Secretariat", "WCO", "CITES"} <= names


def test_no_publication_before_any_review(guide, secretariat):
    with pytest.raises(services.ReviewError):
        services.guide_publish(guide=guide, by=secretariat, at=NOW)
    guide.refresh_from_db()
    assert guide.status == GuideStatus.DRAFT


def test_no_publication_while_one_concerned_partner_has_not_approved(guide, secretariat, wco_staff):
    round = open_round(guide, secretariat)
    services.review_decide(
        round=round, partner=wco_staff.partner, decision=Decision.APPROVED, by=wco_staff, at=NOW
    )
    with pytest.raises(services.ReviewError) as excinfo:
        services.guide_publish(guide=guide, by=secretariat, at=NOW)
    assert any("CITES" in m for m in excinfo.value.messages)
    with pytest.raises(services.ReviewError) as excinfo:
        services.review_round_close(round=round, by=secretariat, at=NOW)
    assert any("CITES has not approved" in m for m in excinfo.value.messages)
    guide.refresh_from_db()
    assert guide.status == GuideStatus.IN_REVIEW and guide.published_at is None


def test_the_round_closes_only_with_every_comment_resolved(guide, secretariat, wco_staff, cites_staff):
    round = open_round(guide, secretariat)
    section = guide.chapters.get(slug="organizations").sections.get(partner=wco_staff.partner)
    comment = services.review_comment_add(
        round=round, section=section, paragraph=1, body="Not an enforcement agency.", by=wco_staff, at=NOW
    )
    services.review_decide(
        round=round, partner=wco_staff.partner, decision=Decision.APPROVED, by=wco_staff, at=NOW
    )
    services.review_decide(
        round=round, partner=cites_staff.partner, decision=Decision.APPROVED, by=cites_staff, at=NOW
    )
    assert selectors.round_close_blockers(round) == ["1 comment(s) are not resolved."]
    with pytest.raises(services.ReviewError):
        services.review_round_close(round=round, by=secretariat, at=NOW)
    services.review_comment_resolve(comment=comment, resolution="Reworded.", by=secretariat, at=NOW)
    services.review_round_close(round=round, by=secretariat, at=NOW)
    services.guide_publish(guide=guide, by=secretariat, at=NOW)
    guide.refresh_from_db()
    assert guide.status == GuideStatus.PUBLISHED
    kinds = list(round.events.values_list("kind", flat=True))
    assert kinds == [
        ReviewEventKind.OPENED,
        ReviewEventKind.COMMENTED,
        ReviewEventKind.DECIDED,
        ReviewEventKind.DECIDED,
        ReviewEventKind.RESOLVED,
        ReviewEventKind.CLOSED,
        ReviewEventKind.PUBLISHED,
    ]


def test_conditions_of_an_approval_become_a_comment_to_resolve(guide, secretariat, cites_staff, wco_staff):
    round = open_round(guide, secretariat)
    with pytest.raises(services.ReviewError):
        services.review_decide(
            round=round,
            partner=cites_staff.partner,
            decision=Decision.APPROVED_WITH_CONDITIONS,
            by=cites_staff,
            at=NOW,
        )
    approval = services.review_decide(
        round=round,
        partner=cites_staff.partner,
        decision=Decision.APPROVED_WITH_CONDITIONS,
        conditions="Generic addresses only.",
        by=cites_staff,
        at=NOW,
    )
    assert approval.conditions == "Generic addresses only."
    condition = selectors.unresolved_comments(round).get()
    assert condition.is_condition and condition.partner == cites_staff.partner
    services.review_decide(
        round=round, partner=wco_staff.partner, decision=Decision.APPROVED, by=wco_staff, at=NOW
    )
    assert selectors.round_close_blockers(round) == ["1 comment(s) are not resolved."]


def test_a_reply_reopens_a_resolved_thread(guide, secretariat, wco_staff):
    round = open_round(guide, secretariat)
    chapter = guide.chapters.get(slug="organizations")
    root = services.review_comment_add(
        round=round, chapter=chapter, body="Shorter please.", by=wco_staff, at=NOW
    )
    services.review_comment_resolve(comment=root, resolution="Shortened.", by=secretariat, at=NOW)
    reply = services.review_comment_add(
        round=round, parent=root, body="Still too long.", by=wco_staff, at=NOW
    )
    root.refresh_from_db()
    assert reply.chapter == chapter and not root.is_resolved
    threads = selectors.comment_threads(round)
    assert [t.pk for t in threads] == [root.pk] and threads[0].thread == [reply]


def test_only_concerned_partners_take_part_and_each_only_for_itself(
    guide, partners, secretariat, wco_staff, cites_staff
):
    round = open_round(guide, secretariat)
    outsider = verified(make_user("opcw@test.example", "partner", totp=True, partner=partners["OPCW"]))
    chapter = guide.chapters.get(slug="organizations")
    with pytest.raises(PermissionDenied):
        services.review_comment_add(round=round, chapter=chapter, body="Hello", by=outsider, at=NOW)
    with pytest.raises(PermissionDenied):
        services.review_decide(
            round=round, partner=cites_staff.partner, decision=Decision.APPROVED, by=wco_staff, at=NOW
        )
    with pytest.raises(PermissionDenied):
        services.review_round_close(round=round, by=wco_staff, at=NOW)
    with pytest.raises(PermissionDenied):
        services.guide_publish(guide=guide, by=wco_staff, at=NOW)


def test_a_comment_on_a_paragraph_that_does_not_exist_is_refused(guide, secretariat, wco_staff):
    round = open_round(guide, secretariat)
    section = guide.chapters.get(slug="organizations").sections.get(partner=wco_staff.partner)
    with pytest.raises(services.ReviewError):
        services.review_comment_add(round=round, section=section, paragraph=7, body="?", by=wco_staff, at=NOW)


def test_a_partner_concerned_after_the_round_blocks_publication(guide, partners, secretariat):
    approve_all(guide, secretariat, publish=False)
    assert selectors.publication_blockers(guide) == []
    chapter = guide.chapters.get(slug="organizations")
    Section.objects.create(chapter=chapter, kind="organization", partner=partners["OPCW"], title="OPCW")
    assert selectors.publication_blockers(guide) == ["OPCW, concerned by this edition, has not approved it."]
    with pytest.raises(services.ReviewError):
        services.guide_publish(guide=guide, by=secretariat, at=NOW)
    round2 = open_round(guide, secretariat)
    assert round2.number == 2 and round2.answers.count() == 3


def test_one_open_round_at_a_time_and_none_on_a_published_edition(guide, secretariat):
    round = open_round(guide, secretariat)
    with pytest.raises(services.ReviewError):
        open_round(guide, secretariat)
    for approval in round.answers.all():
        services.review_decide(
            round=round, partner=approval.partner, decision=Decision.APPROVED, by=secretariat, at=NOW
        )
    services.review_round_close(round=round, by=secretariat, at=NOW)
    round.refresh_from_db()
    assert round.status == RoundStatus.CLOSED
    services.guide_publish(guide=guide, by=secretariat, at=NOW)
    with pytest.raises(services.ReviewError):
        open_round(guide, secretariat)
