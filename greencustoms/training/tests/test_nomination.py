"""An administration's focal point nominates officers of its country for a workshop's call for
nominations; the organizer accepts them under the same rule as an application (compulsory modules,
languages, seats, waiting list)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from greencustoms.accounts import policy
from greencustoms.accounts.choices import Level, Role
from greencustoms.conftest import make_user, signed_in_client, verified
from greencustoms.training import services
from greencustoms.training.models import AdministrationFocalPoint, Registration
from greencustoms.training.tests.conftest import NOW, TODAY, make_module, make_workshop, pass_module, require

pytestmark = pytest.mark.django_db


@pytest.fixture
def focal(db: Any) -> Any:
    user = make_user("focal@kra.test.example", country="KE", administration="KRA", full_name="Focal KRA")
    AdministrationFocalPoint.objects.create(user=user, country="KE", administration="Kenya Revenue Authority")
    return user


@pytest.fixture
def kenyan(db: Any) -> Any:
    return make_user("kenyan@kra.test.example", country="KE", full_name="Officer Wanjiru")


@pytest.fixture
def senegalese(db: Any) -> Any:
    return make_user("senegal@douanes.test.example", country="SN", full_name="Officer Diop")


@pytest.fixture
def organizer(partners: Any) -> Any:
    return make_user("unep-staff@test.example", Role.PARTNER, totp=True, partner=partners["UNEP"])


# --- the named rule --------------------------------------------------------------------------------


def test_the_rule_lets_a_focal_point_nominate_officers_of_its_country_only(
    focal: Any, kenyan: Any, senegalese: Any, officer: Any, workshop: Any
) -> None:
    assert policy.nominating_countries(focal) == frozenset({"KE"})
    assert policy.can_nominate_workshop_participants(focal) is True
    assert policy.can_nominate_participant(focal, workshop, kenyan) is True
    assert policy.can_nominate_participant(focal, workshop, senegalese) is False
    # an ordinary officer of the same country is not a focal point
    assert policy.can_nominate_workshop_participants(officer) is False
    assert policy.can_nominate_participant(officer, workshop, kenyan) is False


def test_an_inactive_designation_nominates_nobody(focal: Any, kenyan: Any, workshop: Any) -> None:
    AdministrationFocalPoint.objects.filter(user=focal).update(active=False)
    assert policy.nominating_countries(focal) == frozenset()
    assert policy.can_nominate_participant(focal, workshop, kenyan) is False


def test_a_nominee_must_be_able_to_see_the_workshop(focal: Any, kenyan: Any, partners: Any) -> None:
    intranet = make_workshop(level=Level.INTRANET, lead=partners["UNEP"], title="Staff only")
    assert policy.can_nominate_participant(focal, intranet, kenyan) is False


def test_the_organizer_may_nominate_anyone_who_can_see_the_workshop(
    organizer: Any, senegalese: Any, workshop: Any
) -> None:
    assert policy.can_nominate_participant(verified(organizer), workshop, senegalese) is True


# --- the service -----------------------------------------------------------------------------------


def test_a_nomination_waits_for_the_organizer_then_takes_a_seat_or_the_waiting_list(
    focal: Any, organizer: Any, partners: Any
) -> None:
    workshop = make_workshop(lead=partners["UNEP"], seats=1)
    a = make_user("a@kra.test.example", country="KE")
    b = make_user("b@kra.test.example", country="KE")
    ra = services.registration_nominate(workshop=workshop, user=a, by=focal, at=NOW, language="fr")
    rb = services.registration_nominate(workshop=workshop, user=b, by=focal, at=NOW)
    assert (ra.status, ra.nominated_by_id, ra.language) == ("nominated", focal.pk, "fr")
    # a nomination takes no seat before the organizer accepts it
    assert Registration.objects.filter(workshop=workshop, status="accepted").count() == 0
    org = verified(organizer)
    assert services.registration_decide(registration=ra, accept=True, by=org, at=NOW).status == "accepted"
    assert services.registration_decide(registration=rb, accept=True, by=org, at=NOW).status == "waitlisted"
    # a cancellation moves the waiting list up, as for applications
    assert services.registration_cancel(registration=ra, by=org, at=NOW) == rb
    rb.refresh_from_db()
    assert rb.status == "accepted"


def test_a_nomination_is_refused_with_the_missing_modules_named(
    focal: Any, kenyan: Any, workshop: Any
) -> None:
    ozone = make_module("ozone-n")
    require(workshop, ozone, TODAY + timedelta(days=10))
    with pytest.raises(services.MissingModules) as refused:
        services.registration_nominate(workshop=workshop, user=kenyan, by=focal, at=NOW)
    assert refused.value.missing == ["ozone-n"]
    assert not Registration.objects.filter(workshop=workshop).exists()
    pass_module(kenyan, ozone)
    assert (
        services.registration_nominate(workshop=workshop, user=kenyan, by=focal, at=NOW).status == "nominated"
    )


def test_accepting_applies_a_module_made_compulsory_after_the_nomination(
    focal: Any, kenyan: Any, organizer: Any, workshop: Any
) -> None:
    registration = services.registration_nominate(workshop=workshop, user=kenyan, by=focal, at=NOW)
    require(workshop, make_module("waste-n"), TODAY + timedelta(days=10))
    with pytest.raises(services.MissingModules) as refused:
        services.registration_decide(registration=registration, accept=True, by=verified(organizer), at=NOW)
    assert refused.value.missing == ["waste-n"]
    registration.refresh_from_db()
    assert registration.status == "nominated"


def test_a_language_the_workshop_is_not_held_in_is_refused(focal: Any, kenyan: Any, workshop: Any) -> None:
    with pytest.raises(services.TrainingError, match="The workshop is held in en, fr."):
        services.registration_nominate(workshop=workshop, user=kenyan, by=focal, at=NOW, language="es")


def test_a_closed_call_and_a_double_nomination_are_refused(focal: Any, kenyan: Any, workshop: Any) -> None:
    services.registration_nominate(workshop=workshop, user=kenyan, by=focal, at=NOW)
    with pytest.raises(services.TrainingError, match="This person is already registered."):
        services.registration_nominate(workshop=workshop, user=kenyan, by=focal, at=NOW)
    workshop.registration_open = False
    workshop.save()
    other = make_user("other@kra.test.example", country="KE")
    with pytest.raises(services.RegistrationClosed):
        services.registration_nominate(workshop=workshop, user=other, by=focal, at=NOW)


def test_another_countrys_officer_cannot_be_nominated(focal: Any, senegalese: Any, workshop: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.registration_nominate(workshop=workshop, user=senegalese, by=focal, at=NOW)


# --- the page --------------------------------------------------------------------------------------


def url(workshop: Any) -> str:
    return f"/training/workshops/{workshop.pk}/nominate/"


def test_the_focal_point_nominates_on_the_page_and_sees_the_status(
    focal: Any, kenyan: Any, workshop: Any
) -> None:
    client = signed_in_client(focal)
    detail = client.get(f"/training/workshops/{workshop.pk}/").content.decode()
    assert f'href="{url(workshop)}"' in detail
    page = client.get(url(workshop))
    assert page.status_code == 200
    assert "You nominate officers of the administration of: KE." in page.content.decode()
    response = client.post(url(workshop), {"email": "KENYAN@kra.test.example", "language": "fr"})
    assert response.status_code == 302 and response["Location"] == url(workshop)
    registration = Registration.objects.get(workshop=workshop, user=kenyan)
    assert (registration.status, registration.nominated_by_id, registration.language) == (
        "nominated", focal.pk, "fr",
    )  # fmt: skip
    listing = client.get(url(workshop)).content.decode()
    assert "Officer Wanjiru was nominated; the organizer will accept the nomination." in listing
    assert "<td>Officer Wanjiru</td><td>fr</td><td>Nominated, awaiting the organizer</td>" in listing


def test_another_country_and_an_unknown_address_get_the_same_answer(
    focal: Any, senegalese: Any, workshop: Any
) -> None:
    client = signed_in_client(focal)
    other = client.post(url(workshop), {"email": senegalese.email})
    unknown = client.post(url(workshop), {"email": "nobody@test.example"})
    assert other.status_code == unknown.status_code == 400
    message = "No officer you may nominate has an account with this e-mail address"
    assert message in other.content.decode() and message in unknown.content.decode()
    assert "Officer Diop" not in other.content.decode()
    assert not Registration.objects.filter(workshop=workshop).exists()


def test_the_page_names_the_missing_modules(focal: Any, kenyan: Any, workshop: Any) -> None:
    require(workshop, make_module("ozone-p", "Ozone for nominees"), TODAY + timedelta(days=10))
    response = signed_in_client(focal).post(url(workshop), {"email": kenyan.email})
    assert response.status_code == 400
    assert "Compulsory modules not passed: ozone-p" in response.content.decode()
    assert not Registration.objects.filter(workshop=workshop).exists()


def test_refusals_anonymous_officer_and_hidden_workshop(
    client: Any, officer: Any, focal: Any, partners: Any, workshop: Any
) -> None:
    response = client.get(url(workshop))
    assert response.status_code == 302
    assert response["Location"] == f"/account/login/?next={url(workshop)}"
    # a registered officer who is not a focal point: the workshop is visible, nominating is forbidden
    officer_client = signed_in_client(officer)
    assert officer_client.get(url(workshop)).status_code == 403
    assert officer_client.post(url(workshop), {"email": "kenyan@kra.test.example"}).status_code == 403
    assert (
        'data-testid="nominate-link"'
        not in officer_client.get(f"/training/workshops/{workshop.pk}/").content.decode()
    )
    # a workshop the focal point may not see does not exist for it
    hidden = make_workshop(level=Level.INTRANET, lead=partners["UNEP"], title="Staff only")
    assert signed_in_client(focal).get(url(hidden)).status_code == 404


def test_the_organizer_sees_the_nomination_and_accepts_it(
    focal: Any, kenyan: Any, organizer: Any, workshop: Any
) -> None:
    registration = services.registration_nominate(workshop=workshop, user=kenyan, by=focal, at=NOW)
    client = signed_in_client(organizer)
    page = client.get(f"/training/workshops/{workshop.pk}/").content.decode()
    assert "<td>Officer Wanjiru</td><td>Nominated, awaiting the organizer</td><td>Focal KRA</td>" in page
    response = client.post(
        f"/training/workshops/{workshop.pk}/manage/accept/", {"registration": registration.pk}
    )
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.status == "accepted"
    # the focal point may not decide
    refused = signed_in_client(focal).post(
        f"/training/workshops/{workshop.pk}/manage/refuse/", {"registration": registration.pk}
    )
    assert refused.status_code == 403
    registration.refresh_from_db()
    assert registration.status == "accepted"
