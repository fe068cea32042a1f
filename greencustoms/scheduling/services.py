"""Enqueue the periodic tasks that apps declare in their AppConfig (``periodic_tasks``)."""

from datetime import datetime, timedelta

from django.apps import apps
from django.db import transaction
from django.utils.module_loading import import_string

from greencustoms.scheduling.models import ScheduledRun


def periodic_tasks() -> list[tuple[str, int]]:
    """(dotted task path, interval in seconds) for every installed app."""
    declared: list[tuple[str, int]] = []
    for config in apps.get_app_configs():
        declared.extend(getattr(config, "periodic_tasks", []))
    return declared


def schedule_enqueue_due(*, at: datetime) -> list[str]:
    """Enqueue every periodic task whose interval has passed; return their paths."""
    enqueued = []
    for path, seconds in periodic_tasks():
        with transaction.atomic():
            run = ScheduledRun.objects.select_for_update().filter(task_path=path).first()
            if run is not None and at - run.last_enqueued_at < timedelta(seconds=seconds):
                continue
            import_string(path).enqueue()
            ScheduledRun.objects.update_or_create(task_path=path, defaults={"last_enqueued_at": at})
            enqueued.append(path)
    return enqueued
