"""When each periodic background task was last put in the queue."""

from django.db import models


class ScheduledRun(models.Model):
    """The last time the scheduler enqueued one periodic task."""

    task_path = models.CharField(max_length=200, unique=True)
    last_enqueued_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.task_path} @ {self.last_enqueued_at:%Y-%m-%d %H:%M}"
