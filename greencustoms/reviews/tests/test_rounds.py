"""Review rounds on a document that is not the Guide: a flyer text in the library."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from greencustoms.accounts.choices import Role
from greencustoms.conftest import make_user, verified
from greencustoms.library.choices import DocumentType
from greencustoms.library.models import Document
from greencustoms.reviews import selectors, services
from greencustoms.reviews.choices import Decision, RoundStatus

NOW = datetime(2030, 5, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def flyer(partners):
    return Document.objects.create(
        title="GCI flyer text 2030",
        doc_type=DocumentType.FLYER,
        owner_partner=partners["UNEP"],
        language="en",
        access_level="intranet",
        created_at=NOW,
        updated_at=NOW,
    )


@pytest.fixture
def secretariat(secretariat_user):
    return verified(secretariat_user)


@pytest.fixture
def wco_staff(partner_user):
    return verified(partner_user)


@pytest.fixture
def cites_staff(partners):
    return verified(make_user("cites@test.example", Role.PARTNER, totp=True, partner=partners["CITES"]))


def open_on(flyer, secretariat, partners, version="v1", days=14):
    return services.open_round(
        by=secretariat,
        subject=flyer,
        version=version,
        partners=[partners["WCO"], partners["CITES"]],
        due=(NOW + timedelta(days=days)).date(),
        at=NOW,
    )


def test_opening_a_round_asks_each_concerned_partner_and_mails_them(flyer, secretariat, partners, wco_staff):
    mail.outbox.clear()
    round = open_on(flyer, secretariat, partners)
    assert round.subject == flyer and round.number == 1 and round.title == "GCI flyer text 2030"
    assert sorted((a.partner.acronym, a.decision) for a in round.answers.all()) == [
        ("CITES", Decision.PENDING),
        ("WCO", Decision.PENDING),
    ]
    assert sorted(addr for m in mail.outbox for addr in m.to) == ["info@cites.org", wco_staff.email]
    assert all("version v1" in m.body and f"/reviews/{round.pk}/" in m.body for m in mail.outbox)


def test_only_the_secretariat_opens_a_round(flyer, wco_staff, partners):
    with pytest.raises(PermissionDenied):
        open_on(flyer, wco_staff, partners)


def test_one_open_round_per_document(flyer, secretariat, partners):
    open_on(flyer, secretariat, partners)
    with pytest.raises(services.ReviewError):
        open_on(flyer, secretariat, partners, version="v2")


def test_each_partner_approves_approves_with_conditions_or_comments(
    flyer, secretariat, partners, wco_staff, cites_staff
):
    round = open_on(flyer, secretariat, partners)
    services.answer(
        by=wco_staff,
        round=round,
        partner=partners["WCO"],
        decision=Decision.COMMENTED,
        text="Use the new logo.",
        at=NOW,
    )
    with pytest.raises(services.ReviewError) as excinfo:
        services.answer(
            by=cites_staff,
            round=round,
            partner=partners["CITES"],
            decision=Decision.APPROVED_WITH_CONDITIONS,
            at=NOW,
        )
    assert "State the conditions of the approval." in excinfo.value.messages
    services.answer(
        by=cites_staff,
        round=round,
        partner=partners["CITES"],
        decision=Decision.APPROVED_WITH_CONDITIONS,
        text="Name the CITES Secretariat.",
        at=NOW,
    )
    assert selectors.approved_by_all(round=round) is False
    assert [a.partner.acronym for a in selectors.pending_answers()] == []
    services.answer(by=wco_staff, round=round, partner=partners["WCO"], decision=Decision.APPROVED, at=NOW)
    assert selectors.approved_by_all(round=round) is True


def test_a_partner_answers_only_for_its_own_organization(flyer, secretariat, partners, wco_staff):
    round = open_on(flyer, secretariat, partners)
    with pytest.raises(PermissionDenied):
        services.answer(
            by=wco_staff, round=round, partner=partners["CITES"], decision=Decision.APPROVED, at=NOW
        )


def test_a_partner_not_concerned_cannot_answer(flyer, secretariat, partners):
    round = open_on(flyer, secretariat, partners)
    with pytest.raises(services.ReviewError):
        services.answer(
            by=secretariat, round=round, partner=partners["UNEP"], decision=Decision.APPROVED, at=NOW
        )


def test_closing_waits_for_every_answer(flyer, secretariat, partners, wco_staff):
    round = open_on(flyer, secretariat, partners)
    services.answer(by=wco_staff, round=round, partner=partners["WCO"], decision=Decision.APPROVED, at=NOW)
    with pytest.raises(services.ReviewError) as excinfo:
        services.close_round(by=secretariat, round=round, at=NOW)
    assert excinfo.value.messages == ["CITES has not approved yet."]
    services.answer(
        by=secretariat, round=round, partner=partners["CITES"], decision=Decision.APPROVED, at=NOW
    )
    closed = services.close_round(by=secretariat, round=round, at=NOW + timedelta(hours=1))
    assert closed.status == RoundStatus.CLOSED


def test_the_record_says_who_approved_which_version(flyer, secretariat, partners, wco_staff):
    first = open_on(flyer, secretariat, partners, version="v1")
    services.answer(by=wco_staff, round=first, partner=partners["WCO"], decision=Decision.APPROVED, at=NOW)
    services.answer(
        by=secretariat,
        round=first,
        partner=partners["CITES"],
        decision=Decision.COMMENTED,
        text="Shorter please.",
        at=NOW,
    )
    services.close_round(by=secretariat, round=first, at=NOW + timedelta(hours=1))
    second = services.open_round(
        by=secretariat,
        subject=flyer,
        version="v2",
        partners=[partners["CITES"]],
        due=(NOW + timedelta(days=10)).date(),
        at=NOW + timedelta(days=1),
    )
    assert second.number == 2
    services.answer(
        by=secretariat,
        round=second,
        partner=partners["CITES"],
        decision=Decision.APPROVED,
        at=NOW + timedelta(days=2),
    )
    record = [(a.partner.acronym, a.version) for a in selectors.approval_record(subject=flyer)]
    assert record == [("WCO", "v1"), ("CITES", "v2")]


def test_reminders_go_weekly_to_partners_that_have_not_answered(flyer, secretariat, partners, wco_staff):
    round = open_on(flyer, secretariat, partners, days=30)
    services.answer(by=wco_staff, round=round, partner=partners["WCO"], decision=Decision.APPROVED, at=NOW)
    assert services.send_reminders(at=NOW + timedelta(days=6)) == []
    mail.outbox.clear()
    sent = services.send_reminders(at=NOW + timedelta(days=7))
    assert [a.partner.acronym for a in sent] == ["CITES"]
    assert mail.outbox[0].subject == "Reminder: GCI flyer text 2030 awaits your answer by 2030-05-31"
    assert services.send_reminders(at=NOW + timedelta(days=10)) == []
    assert len(services.send_reminders(at=NOW + timedelta(days=14))) == 1
    assert round.events.filter(kind="reminded").count() == 2


def test_the_review_page_shows_answers_and_lets_a_partner_answer(
    flyer, secretariat, partners, partner_user, client_for
):
    round = open_on(flyer, secretariat, partners)
    client = client_for(partner_user)
    page = client.get(f"/reviews/{round.pk}/")
    assert page.status_code == 200
    assert "GCI flyer text 2030" in page.content.decode() and "v1" in page.content.decode()
    response = client.post(
        f"/reviews/{round.pk}/answer/", {"decision": "approved_with_conditions", "text": "Add our logo."}
    )
    assert response.status_code == 302
    wco = round.answers.get(partner=partners["WCO"])
    assert (wco.decision, wco.text, wco.version) == ("approved_with_conditions", "Add our logo.", "v1")


def test_people_outside_the_round_do_not_see_it(flyer, secretariat, partners, officer, client_for):
    round = services.open_round(
        by=secretariat,
        subject=flyer,
        version="v1",
        partners=[partners["CITES"]],
        due=(NOW + timedelta(days=10)).date(),
        at=NOW,
    )
    assert client_for(officer).get(f"/reviews/{round.pk}/").status_code == 404
    wco = make_user("wco2@test.example", Role.PARTNER, totp=True, partner=partners["WCO"])
    assert client_for(wco).get(f"/reviews/{round.pk}/").status_code == 404


def test_partner_staff_who_chose_french_are_asked_in_french_with_french_links(
    flyer, secretariat, partners, wco_staff
):
    from greencustoms.website.languages import save_language

    save_language(user=wco_staff, language="fr")
    mail.outbox.clear()
    round = open_on(flyer, secretariat, partners)
    by_address = {m.to[0]: m for m in mail.outbox}
    french, generic = by_address[wco_staff.email], by_address["info@cites.org"]
    assert french.subject == "GCI flyer text 2030 : merci de relire la version v1 avant le 2030-05-15"
    assert f"/fr/reviews/{round.pk}/" in french.body
    assert generic.subject == "GCI flyer text 2030: please review version v1 by 2030-05-15"
    assert f"/reviews/{round.pk}/" in generic.body and "/fr/" not in generic.body
