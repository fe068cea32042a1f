"""`greencustoms cases import FILE`: historic or CEN seizure records (CSV or JSON), all or nothing."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from greencustoms.accounts.models import User
from greencustoms.cases.services import cases_import


class Command(BaseCommand):
    help = "Seizure cases: import (CSV or JSON in the CEN seizure-report fields; see CEN_MAPPING.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        p = sub.add_parser("import", help="import seizure records; nothing is written when a line is wrong")
        p.add_argument("file")
        p.add_argument(
            "--by", default=None, help="e-mail of the account recorded as the author (default: none)"
        )

    def handle(self, *args: Any, **options: Any) -> None:

        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file", returncode=2)
        by = None
        if options["by"]:
            by = User.objects.filter(email__iexact=options["by"]).first()
            if by is None:
                raise CommandError(f"--by: no account {options['by']!r}", returncode=2)
        result = cases_import(
            data=path.read_bytes(), name=path.name, by=by, at=timezone.now(), command_line=True
        )
        if result.errors:
            for error in result.errors:
                self.stderr.write(f"{path}: {error}")
            raise CommandError(f"{len(result.errors)} problem(s); nothing imported", returncode=1)
        self.stdout.write(f"imported {result.created} record(s) as drafts")
