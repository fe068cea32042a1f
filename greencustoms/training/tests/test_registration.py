"""Registration: compulsory modules (property test over module states and deadlines), seats, waiting list."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from greencustoms.conftest import make_user
from greencustoms.learning.models import Enrolment
from greencustoms.training import services
from greencustoms.training.models import Registration
from greencustoms.training.tests.conftest import NOW, TODAY, make_module, make_workshop, pass_module, require

SLUGS = ["mod-a", "mod-b", "mod-c"]
# What a learner may have done with a module: nothing, enrolled without passing, passed before the
# deadline, passed after it.
STATES = ["none", "enrolled", "passed_early", "passed_late"]


class Rollback(Exception):
    pass


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    spec=st.lists(
        st.tuples(st.sampled_from(STATES), st.integers(min_value=-30, max_value=30), st.booleans()),
        min_size=3,
        max_size=3,
    )
)
def test_registration_is_refused_exactly_when_a_compulsory_module_is_not_passed(
    spec: list[tuple[str, int, bool]], partners: Any
) -> None:
    """Each of three modules is compulsory or not, with a deadline before or after today, and the officer
    has done nothing, enrolled, or passed it (before or after the deadline). Expected by hand: refused
    with the compulsory not-passed modules named (slug order) whatever the deadlines; else accepted."""
    try:
        with transaction.atomic():
            modules = {slug: make_module(slug) for slug in SLUGS}
            workshop = make_workshop(lead=partners["UNEP"], seats=5)
            officer = make_user("prop@test.example")
            expected_missing = []
            for slug, (state, deadline_offset, compulsory) in zip(SLUGS, spec, strict=True):
                deadline = TODAY + timedelta(days=deadline_offset)
                module = modules[slug]
                if compulsory:
                    require(workshop, module, deadline)
                if state == "enrolled":
                    Enrolment.objects.create(
                        user=officer, module=module, version=module.current_version, enrolled_at=NOW,
                        last_activity_at=NOW,
                    )  # fmt: skip
                elif state.startswith("passed"):
                    when = (
                        deadline - timedelta(days=1)
                        if state == "passed_early"
                        else deadline + timedelta(days=1)
                    )
                    pass_module(
                        officer, module, at=NOW.replace(year=when.year, month=when.month, day=when.day)
                    )
                if compulsory and not state.startswith("passed"):
                    expected_missing.append(slug)
            if expected_missing:
                with pytest.raises(services.MissingModules) as refused:
                    services.registration_apply(workshop=workshop, by=officer, at=NOW)
                assert refused.value.missing == expected_missing
                for slug in expected_missing:
                    assert slug in str(refused.value)
                assert not Registration.objects.filter(workshop=workshop).exists()
            else:
                registration = services.registration_apply(workshop=workshop, by=officer, at=NOW)
                assert registration.status == "accepted"
            raise Rollback
    except Rollback:
        pass


@pytest.mark.django_db
def test_seats_then_waiting_list_and_a_cancellation_promotes_the_first_waiting(partners: Any) -> None:
    workshop = make_workshop(lead=partners["UNEP"], seats=2)
    people = [make_user(f"p{n}@test.example") for n in range(4)]
    statuses = [
        services.registration_apply(workshop=workshop, by=p, at=NOW + timedelta(minutes=n)).status
        for n, p in enumerate(people)
    ]
    assert statuses == ["accepted", "accepted", "waitlisted", "waitlisted"]
    first = Registration.objects.get(workshop=workshop, user=people[0])
    promoted = services.registration_cancel(registration=first, by=people[0], at=NOW + timedelta(hours=1))
    assert promoted is not None and promoted.user == people[2]
    assert Registration.objects.get(user=people[2]).status == "accepted"
    assert Registration.objects.get(user=people[3]).status == "waitlisted"


@pytest.mark.django_db
def test_applying_twice_returns_the_same_registration(workshop: Any, officer: Any) -> None:
    one = services.registration_apply(workshop=workshop, by=officer, at=NOW)
    two = services.registration_apply(workshop=workshop, by=officer, at=NOW + timedelta(minutes=5))
    assert one.pk == two.pk and Registration.objects.filter(workshop=workshop).count() == 1


@pytest.mark.django_db
def test_closed_registration_and_an_unoffered_language_are_refused(partners: Any, officer: Any) -> None:
    closed = make_workshop(lead=partners["UNEP"], registration_open=False)
    with pytest.raises(services.RegistrationClosed):
        services.registration_apply(workshop=closed, by=officer, at=NOW)
    open_one = make_workshop(lead=partners["UNEP"], title="Other")
    with pytest.raises(services.TrainingError, match="held in en, fr"):
        services.registration_apply(workshop=open_one, by=officer, at=NOW, language="de")


@pytest.mark.django_db
def test_the_organizer_sees_completion_and_reminders_reach_only_those_not_finished(
    workshop: Any, mailoutbox: Any, partners: Any
) -> None:
    module = make_module("intro")
    done, late = make_user("done@test.example"), make_user("late@test.example")
    pass_module(done, module)
    services.registration_apply(workshop=workshop, by=done, at=NOW)
    services.registration_apply(workshop=workshop, by=late, at=NOW)
    require(workshop, module, TODAY + timedelta(days=20))  # added after both registered
    from greencustoms.training import selectors

    completion = {
        r.user.email: [passed for _p, passed in m]
        for r, m in selectors.participants_with_completion(workshop)
    }
    assert completion == {"done@test.example": [True], "late@test.example": [False]}
    assert services.prerequisite_reminders_send(workshop=workshop, at=NOW) == 1
    assert [m.to for m in mailoutbox] == [["late@test.example"]]
    assert "Module intro" in mailoutbox[0].body


@pytest.mark.django_db
def test_the_periodic_reminder_reaches_those_who_never_started_within_the_window_once_a_week(
    workshop: Any, mailoutbox: Any, partners: Any
) -> None:
    """Deadline in 10 days (within 14): the participant who never enrolled is reminded, the one who passed
    is not; the next day nothing goes out again; eight days later the reminder goes again. A workshop whose
    deadline is 20 days away reminds nobody yet."""
    from greencustoms.training.models import Registration

    module = make_module("soon")
    done, never = make_user("done2@test.example"), make_user("never@test.example")
    pass_module(done, module)
    services.registration_apply(workshop=workshop, by=done, at=NOW)
    services.registration_apply(workshop=workshop, by=never, at=NOW)
    require(workshop, module, TODAY + timedelta(days=10))
    later = make_workshop(lead=partners["UNEP"], title="Later", days_ahead=40)
    far = make_user("far@test.example")
    services.registration_apply(workshop=later, by=far, at=NOW)
    require(later, make_module("far-mod"), TODAY + timedelta(days=20))

    assert services.prerequisite_reminders_due(at=NOW) == 1
    assert [m.to for m in mailoutbox] == [["never@test.example"]]
    assert "Module soon (complete by " in mailoutbox[0].body
    assert Registration.objects.get(user=never).prerequisites_reminded_at == NOW
    assert services.prerequisite_reminders_due(at=NOW + timedelta(days=1)) == 0
    assert (
        services.prerequisite_reminders_due(at=NOW + timedelta(days=8)) == 2
    )  # never, and far's deadline now in 12 days
    assert sorted(m.to[0] for m in mailoutbox[1:]) == ["far@test.example", "never@test.example"]
