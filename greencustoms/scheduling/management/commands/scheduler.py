"""Run the periodic-task scheduler: every 30 s, enqueue what is due (``--once`` for a single pass)."""

import time
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from greencustoms.scheduling.services import schedule_enqueue_due


class Command(BaseCommand):
    help = "Enqueue periodic background tasks when they are due."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--once", action="store_true", help="one pass, then exit")
        parser.add_argument("--interval", type=int, default=30, help="seconds between passes")

    def handle(self, *args: Any, once: bool, interval: int, **options: Any) -> None:
        while True:
            for path in schedule_enqueue_due(at=timezone.now()):
                self.stdout.write(f"enqueued {path}")
            if once:
                return
            time.sleep(interval)
