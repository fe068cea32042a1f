from datetime import date, timedelta
from io import StringIO
from typing import Any

from django.core import mail

from greencustoms.learning import nudges, services
from greencustoms.learning.models import Enrolment, Lesson, Module, WorkshopPrerequisite
from greencustoms.learning.tests.conftest import T0


def started(module: Module, user: Any) -> Enrolment:
    enrolment = services.enrolment_create(user=user, module=module, at=T0)
    services.lesson_open(
        enrolment=enrolment, lesson=Lesson.objects.get(version=module.current_version, position=1), at=T0
    )
    return enrolment


def test_stalled_learners_get_one_reminder_per_cadence_with_a_signed_unsubscribe_link(
    module: Module, officer: Any, settings: Any
) -> None:
    settings.LEARNING_NUDGE_AFTER_DAYS = 7
    settings.LEARNING_NUDGE_EVERY_DAYS = 14
    settings.LEARNING_NUDGE_MAX = 2
    started(module, officer)
    assert nudges.nudges_send(at=T0 + timedelta(days=6)) == 0
    assert nudges.nudges_send(at=T0 + timedelta(days=8)) == 1
    message = mail.outbox[0]
    assert message.to == [officer.email] and "Ozone basics" in message.subject
    assert "/learning/ozone/resume/" in message.body and "/learning/unsubscribe/" in message.body
    assert nudges.nudges_send(at=T0 + timedelta(days=9)) == 0  # not again within the cadence
    assert nudges.nudges_send(at=T0 + timedelta(days=23)) == 1
    assert nudges.nudges_send(at=T0 + timedelta(days=60)) == 0  # maximum reached


def test_unsubscribe_link_stops_reminders_and_forged_tokens_fail(
    module: Module, officer: Any, client: Any
) -> None:
    started(module, officer)
    token = nudges.unsubscribe_token(officer.pk)
    assert client.get(f"/learning/unsubscribe/{token}/").status_code == 200
    assert client.post(f"/learning/unsubscribe/{token}/").status_code == 200
    assert client.post(f"/learning/unsubscribe/{token[:-2]}xx/").status_code == 400
    assert nudges.nudges_send(at=T0 + timedelta(days=30)) == 0


def test_passed_learners_are_not_reminded(module: Module, officer: Any) -> None:
    enrolment = started(module, officer)
    Enrolment.objects.filter(pk=enrolment.pk).update(passed_at=T0)
    assert nudges.nudges_send(at=T0 + timedelta(days=30)) == 0


def test_a_prerequisite_deadline_brings_the_reminder_forward_and_is_named(
    module: Module, officer: Any
) -> None:
    from greencustoms.events.models import Event

    event = Event.objects.create(
        kind="national_workshop",
        title="National workshop Nairobi",
        slug="nbo",
        start=date(2026, 3, 12),
        end=date(2026, 3, 13),
    )
    WorkshopPrerequisite.objects.create(event=event, module=module, deadline=date(2026, 3, 10))
    started(module, officer)
    assert nudges.nudges_send(at=T0 + timedelta(days=3)) == 1
    assert "National workshop Nairobi" in mail.outbox[0].body and "10 March 2026" in mail.outbox[0].body


def test_the_periodic_task_is_declared_and_runs(module: Module, officer: Any) -> None:
    from django.apps import apps

    from greencustoms.learning.tasks import send_learning_nudges

    declared = dict(apps.get_app_config("learning").periodic_tasks)
    assert "greencustoms.learning.tasks.send_learning_nudges" in declared
    started(module, officer)
    send_learning_nudges.enqueue()  # immediate backend in tests; the clock is now, long after T0
    assert len(mail.outbox) == 1


def test_demo_is_idempotent(partners: Any) -> None:
    from greencustoms.accounts.models import User
    from greencustoms.learning import demo
    from greencustoms.learning.models import LearningEvent

    demo.load(stdout=StringIO())
    counts = (Module.objects.count(), User.objects.count(), LearningEvent.objects.count())
    assert counts[0] == 4 and counts[1] >= demo.DEMO_LEARNERS and counts[2] > 1000
    out = StringIO()
    demo.load(stdout=out)
    assert (Module.objects.count(), User.objects.count(), LearningEvent.objects.count()) == counts
    assert out.getvalue() == ""
    for module in Module.objects.select_related("current_version"):
        version = module.current_version
        assert (
            version.lesson_count >= 3
            and version.questions.filter(lesson__isnull=True).count() >= version.test_size
        )
