"""Resource persons: accreditation on the session date, public profile only with consent, referrals."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from greencustoms.conftest import verified
from greencustoms.events.models import MeetingSession
from greencustoms.training import selectors, services
from greencustoms.training.models import ResourcePerson
from greencustoms.training.tests.conftest import NOW, make_workshop

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(partners: Any, agreements: Any) -> ResourcePerson:
    p = ResourcePerson.objects.create(
        name="Test Trainer", email="tt@test.example", phone="+1 555", region="africa", languages=["en", "fr"],
        nominating_partner=partners["BRS"], bio="Bio text", public_fields=["name", "languages"],
    )  # fmt: skip
    p.agreements.set([agreements["basel"]])
    return p


def _session(workshop: Any, day: date) -> MeetingSession:
    return MeetingSession.objects.create(event=workshop.event, title="Basel Convention", day=day)


@pytest.mark.parametrize(
    ("expires_offset", "allowed"),
    [(1, True), (0, True), (-1, False)],
    ids=["expires-the-day-after", "expires-on-the-session-day", "expired-the-day-before"],
)
def test_assignment_only_when_accredited_on_the_session_date(
    person: ResourcePerson, partners: Any, agreements: Any, expires_offset: int, allowed: bool
) -> None:
    workshop = make_workshop(lead=partners["UNEP"])
    day = workshop.event.start + timedelta(days=1)  # the second day of the workshop
    services.accreditation_grant(
        person=person, partner=partners["BRS"], agreement=agreements["basel"],
        granted_on=day - timedelta(days=365), expires_on=day + timedelta(days=expires_offset), by=None,
    )  # fmt: skip
    session = _session(workshop, day)
    if allowed:
        assert services.session_assign(session=session, person=person, agreement=agreements["basel"], by=None)
    else:
        with pytest.raises(services.NotAccredited, match=day.isoformat()):
            services.session_assign(session=session, person=person, agreement=agreements["basel"], by=None)


def test_an_accreditation_for_another_agreement_or_not_yet_granted_does_not_count(
    person: ResourcePerson, partners: Any, agreements: Any
) -> None:
    workshop = make_workshop(lead=partners["UNEP"])
    day = workshop.event.start
    services.accreditation_grant(
        person=person, partner=partners["BRS"], agreement=agreements["rotterdam"],
        granted_on=day - timedelta(days=10), expires_on=day + timedelta(days=10), by=None,
    )  # fmt: skip
    services.accreditation_grant(
        person=person, partner=partners["BRS"], agreement=agreements["basel"],
        granted_on=day + timedelta(days=1), expires_on=day + timedelta(days=100), by=None,
    )  # fmt: skip
    assert not selectors.is_accredited(person, agreements["basel"], day)
    assert selectors.is_accredited(person, agreements["rotterdam"], day)
    assert selectors.is_accredited(person, agreements["basel"], day + timedelta(days=1))


def test_public_profile_shows_only_the_fields_agreed_and_nothing_without_consent(
    person: ResourcePerson,
) -> None:
    assert selectors.public_profile(person) is None  # consent not recorded yet
    person.consent_at = NOW
    person.save()
    assert selectors.public_profile(person) == {"name": "Test Trainer", "languages": "en, fr"}


def test_public_page_shows_agreed_fields_and_no_personal_data(client: Any, person: ResourcePerson) -> None:
    assert client.get(f"/training/people/{person.pk}/").status_code == 404
    person.consent_at = NOW
    person.save()
    body = client.get(f"/training/people/{person.pk}/").content.decode()
    assert "Test Trainer" in body and "en, fr" in body
    for private in ("tt@test.example", "+1 555", "Bio text", "BRS"):
        assert private not in body


def test_referral_is_recorded_by_the_partner_and_refused_to_an_officer(
    person: ResourcePerson, partner_user: Any, officer: Any
) -> None:
    referral = services.referral_record(
        person=person, to="WCO expert database", by=verified(partner_user), at=NOW
    )
    assert referral.referred_by.acronym == "WCO"
    person.refresh_from_db()
    assert person.in_expert_database
    with pytest.raises(PermissionDenied):
        services.referral_record(person=person, to="x", by=officer, at=NOW)


def test_expert_search_by_agreement_region_and_language(
    person: ResourcePerson, secretariat_user: Any, partners: Any
) -> None:
    secretariat_user = verified(secretariat_user)
    other = ResourcePerson.objects.create(
        name="Other", region="asia_pacific", languages=["ko"], nominating_partner=partners["CITES"]
    )
    assert list(selectors.roster(secretariat_user, agreement="basel")) == [person]
    assert list(selectors.roster(secretariat_user, region="asia_pacific")) == [other]
    assert list(selectors.roster(secretariat_user, language="fr")) == [person]
    assert list(selectors.roster(secretariat_user, language="f")) == []
