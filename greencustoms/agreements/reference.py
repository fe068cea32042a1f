"""Load the reference data under settings.DATA_DIR (idempotent: an unchanged folder is not re-imported)."""

from typing import TextIO

from django.conf import settings
from django.utils import timezone

from greencustoms.agreements.services import data_release_import


def load(*, stdout: TextIO) -> None:
    release, applied = data_release_import(
        root=settings.DATA_DIR, by="greencustoms (reference data)", at=timezone.now()
    )
    if applied:
        stdout.write(f"agreements: reference data release {release.number} imported ({release.counts})\n")
