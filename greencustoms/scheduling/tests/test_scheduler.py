"""The periodic-task scheduler: what is due is enqueued once per interval, and the command does one pass."""

import io
from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from greencustoms.scheduling.models import ScheduledRun
from greencustoms.scheduling.services import periodic_tasks, schedule_enqueue_due

pytestmark = pytest.mark.django_db(transaction=True)


def _queued(path: str) -> int:
    return DBTaskResult.objects.filter(task_path=path).count()


def test_every_declared_task_is_importable_and_has_a_positive_interval() -> None:
    from django.utils.module_loading import import_string

    declared = periodic_tasks()
    assert ("greencustoms.screening.tasks.reap_screening_jobs", 60) in declared
    for path, seconds in declared:
        assert seconds > 0, path
        assert hasattr(import_string(path), "enqueue"), path


@pytest.fixture
def database_queue(settings: Any) -> None:
    """Queue into the database as production does (the test settings run tasks at once)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_due_tasks_enqueued_once_per_interval(database_queue: None) -> None:
    now = timezone.now()
    first = schedule_enqueue_due(at=now)
    assert sorted(first) == sorted(path for path, _ in periodic_tasks())
    reap = "greencustoms.screening.tasks.reap_screening_jobs"
    assert _queued(reap) == 1
    # 30 s later nothing with a 60 s interval is due again.
    assert reap not in schedule_enqueue_due(at=now + timedelta(seconds=30))
    assert _queued(reap) == 1
    # 61 s later it is.
    assert reap in schedule_enqueue_due(at=now + timedelta(seconds=61))
    assert _queued(reap) == 2
    assert ScheduledRun.objects.get(task_path=reap).last_enqueued_at == now + timedelta(seconds=61)


def test_command_once_prints_what_it_enqueued(database_queue: None) -> None:
    out = io.StringIO()
    call_command("scheduler", "--once", stdout=out)
    lines = out.getvalue().splitlines()
    assert "enqueued greencustoms.screening.tasks.reap_screening_jobs" in lines
    assert len(lines) == len(periodic_tasks())
