"""`greencustoms ruleset build`: compile the screening ruleset of the current data release to var/ruleset/."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from greencustoms.screening import engine_adapter


class Command(BaseCommand):
    help = "Build the screening ruleset (var/ruleset/current.ruleset) from the imported reference data."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("build", help="compile and save the ruleset of the current data release")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            ruleset = engine_adapter.build_ruleset(save=True)
        except engine_adapter.EngineError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        self.stdout.write(
            f"ruleset {ruleset.release}: {len(ruleset.items)} items, {len(ruleset.patterns)} names"
            f" -> {engine_adapter.ruleset_path()}\n"
        )
