"""E-mail reminders: sent once per rule, only to the owners' staff who may see the action."""

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from django.core import mail
from django.test import override_settings

from greencustoms.accounts.choices import Role
from greencustoms.actions.choices import ActionStatus
from greencustoms.actions.models import ActionPoint, ReminderSent
from greencustoms.actions.reminders import Rule, pressing_rule, reminders_send
from greencustoms.actions.services import action_create
from greencustoms.conftest import make_user
from greencustoms.events.models import Event

RULES = ["before:14", "before:3", "overdue:1", "overdue:30"]


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 8, 0, tzinfo=UTC)


@pytest.fixture
def meeting(db: Any) -> Event:
    return Event.objects.create(
        kind="partners_meeting",
        number=99,
        title="99th meeting",
        slug="m99",
        start=date(2030, 1, 10),
        end=date(2030, 1, 11),
    )


@pytest.fixture
def staff(partners: dict[str, Any]) -> dict[str, Any]:
    return {
        "wco": make_user("wco@test.example", Role.PARTNER, totp=True, partner=partners["WCO"]),
        "wco_no_2fa": make_user("wco2@test.example", Role.PARTNER, partner=partners["WCO"]),
        "wco_inactive": make_user(
            "wco3@test.example", Role.PARTNER, totp=True, partner=partners["WCO"], is_active=False
        ),
        "unep": make_user("unep@test.example", Role.PARTNER, totp=True, partner=partners["UNEP"]),
        "cites": make_user("cites@test.example", Role.PARTNER, totp=True, partner=partners["CITES"]),
        "minamata": make_user("minamata@test.example", Role.PARTNER, totp=True, partner=partners["Minamata"]),
        "secretariat": make_user("sec@test.example", Role.SECRETARIAT, totp=True),
        "officer": make_user("officer@test.example"),
        "trainer": make_user("trainer@test.example", Role.TRAINER),
    }


def _action(
    meeting: Event,
    partners: dict[str, Any],
    *,
    owners: list[str] = (),
    secretariat=False,
    each=False,
    due="15 March 2030",
    number=1,
) -> ActionPoint:  # type: ignore[no-untyped-def]
    return action_create(
        meeting=meeting,
        number=number,
        text=f"Action text {number}",
        owners=[partners[a] for a in owners],
        owner_secretariat=secretariat,
        owner_each_partner=each,
        due_text=due,
        by=None,
        at=at(date(2030, 1, 11)),
    )


def recipients_of_outbox() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


@override_settings(ACTIONS_REMINDER_RULES=RULES)
def test_owner_partner_staff_get_one_reminder_per_rule(meeting: Event, partners: dict, staff: dict) -> None:
    action = _action(meeting, partners, owners=["WCO", "UNEP"])
    assert reminders_send(at=at(date(2030, 2, 20))) == 0  # 23 days before: no rule yet
    assert reminders_send(at=at(date(2030, 3, 1))) == 2  # 14 days before
    assert recipients_of_outbox() == ["unep@test.example", "wco@test.example"]
    assert "due in 14 days" in mail.outbox[0].subject
    assert "Action text 1" in mail.outbox[0].body
    assert reminders_send(at=at(date(2030, 3, 2))) == 0  # same rule: never twice
    assert reminders_send(at=at(date(2030, 3, 13))) == 2  # before:3
    assert reminders_send(at=at(date(2030, 3, 14))) == 0
    assert reminders_send(at=at(date(2030, 3, 16))) == 2  # overdue:1
    assert "overdue" in mail.outbox[-1].subject
    assert reminders_send(at=at(date(2030, 3, 20))) == 0
    assert reminders_send(at=at(date(2030, 4, 14))) == 2  # overdue:30
    assert reminders_send(at=at(date(2030, 6, 1))) == 0
    assert len(mail.outbox) == 8
    assert ReminderSent.objects.filter(action=action).count() == 8


@override_settings(ACTIONS_REMINDER_RULES=RULES)
def test_never_to_the_wrong_person(meeting: Event, partners: dict, staff: dict) -> None:
    _action(meeting, partners, owners=["WCO"], due="2030-03-15")
    reminders_send(at=at(date(2030, 3, 16)))
    # Not UNEP or CITES staff, not the secretariat, not officers, not an inactive account, not staff without 2FA.
    assert recipients_of_outbox() == ["wco@test.example"]


@override_settings(ACTIONS_REMINDER_RULES=RULES)
def test_each_partner_means_staff_of_every_partner_but_not_candidates(
    meeting: Event, partners: dict, staff: dict
) -> None:
    _action(meeting, partners, each=True)
    reminders_send(at=at(date(2030, 3, 16)))
    assert recipients_of_outbox() == ["cites@test.example", "unep@test.example", "wco@test.example"]


@override_settings(ACTIONS_REMINDER_RULES=RULES)
def test_secretariat_actions_remind_the_secretariat_only(meeting: Event, partners: dict, staff: dict) -> None:
    _action(meeting, partners, secretariat=True)
    reminders_send(at=at(date(2030, 3, 16)))
    assert recipients_of_outbox() == ["sec@test.example"]


@override_settings(ACTIONS_REMINDER_RULES=RULES)
def test_done_and_open_kinds_get_no_reminders(meeting: Event, partners: dict, staff: dict) -> None:
    done = _action(meeting, partners, owners=["WCO"], number=1)
    ActionPoint.objects.filter(pk=done.pk).update(status=ActionStatus.DONE)
    _action(meeting, partners, owners=["WCO"], due="As soon as possible", number=2)
    _action(meeting, partners, owners=["WCO"], due="On-going basis", number=3)
    assert reminders_send(at=at(date(2030, 3, 16))) == 0
    assert mail.outbox == []


@override_settings(ACTIONS_REMINDER_RULES=RULES)
def test_a_late_first_run_sends_only_the_most_pressing_rule(
    meeting: Event, partners: dict, staff: dict
) -> None:
    _action(meeting, partners, owners=["WCO"])
    assert reminders_send(at=at(date(2030, 5, 1))) == 1  # 47 days late: overdue:30 only
    assert "overdue" in mail.outbox[0].subject
    assert reminders_send(at=at(date(2030, 5, 2))) == 0


@override_settings(ACTIONS_REMINDER_RULES=RULES)
def test_a_new_deadline_rearms_the_rules(meeting: Event, partners: dict, staff: dict) -> None:
    from greencustoms.actions.services import action_set_due
    from greencustoms.conftest import verified

    action = _action(meeting, partners, owners=["WCO"])
    assert reminders_send(at=at(date(2030, 3, 16))) == 1
    action_set_due(
        action=action,
        due_text="End of June 2030",
        by=verified(staff["secretariat"]),
        at=at(date(2030, 3, 17)),
    )
    assert reminders_send(at=at(date(2030, 7, 1))) == 1
    assert len(mail.outbox) == 2


def test_pressing_rule() -> None:
    rules = [Rule("before", 14), Rule("before", 3), Rule("overdue", 1), Rule("overdue", 30)]
    deadline = date(2030, 3, 15)
    assert pressing_rule(rules, deadline=deadline, today=deadline - timedelta(days=15)) is None
    assert pressing_rule(rules, deadline=deadline, today=deadline - timedelta(days=14)) == Rule("before", 14)
    assert pressing_rule(rules, deadline=deadline, today=deadline) == Rule("before", 3)
    assert pressing_rule(rules, deadline=deadline, today=deadline + timedelta(days=29)) == Rule("overdue", 1)
    assert pressing_rule(rules, deadline=deadline, today=deadline + timedelta(days=30)) == Rule("overdue", 30)


def test_the_task_is_declared_periodic_with_the_configured_cadence(settings: Any) -> None:
    from django.apps import apps

    from greencustoms.actions.tasks import send_action_reminders
    from greencustoms.scheduling.services import periodic_tasks

    declared = dict(periodic_tasks())
    assert declared["greencustoms.actions.tasks.send_action_reminders"] == settings.ACTIONS_REMINDER_INTERVAL
    assert apps.get_app_config("actions").periodic_tasks
    assert send_action_reminders is not None


@pytest.mark.django_db
def test_the_task_runs(partners: dict, staff: dict, meeting: Event) -> None:
    from greencustoms.actions.tasks import send_action_reminders

    _action(meeting, partners, owners=["WCO"], due="2000-01-01")
    result = send_action_reminders.enqueue()
    assert result.return_value == {"sent": 1}


@override_settings(ACTIONS_REMINDER_RULES=RULES, SITE_URL="https://gc.test")
def test_a_french_owner_gets_the_reminder_in_french_with_french_links(
    meeting: Event, partners: dict, staff: dict
) -> None:
    from greencustoms.website.languages import save_language

    save_language(user=staff["wco"], language="fr")
    action = _action(meeting, partners, owners=["WCO", "UNEP"])
    assert reminders_send(at=at(date(2030, 3, 16))) == 2  # overdue:1
    by_address = {message.to[0]: message for message in mail.outbox}
    french, english = by_address["wco@test.example"], by_address["unep@test.example"]
    assert french.subject == "[Douanes vertes] L'action 99/1 est en retard"
    assert "Convenue lors de : 99th meeting" in french.body
    assert f"https://gc.test/fr/actions/{action.pk}/" in french.body
    assert english.subject == "[Green Customs] Action 99/1 is overdue"
    assert f"https://gc.test/actions/{action.pk}/" in english.body and "/fr/" not in english.body
