"""`greencustoms training package AGREEMENT --language fr -o kit.zip`: the offline kit of the national package."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from greencustoms.agreements.models import Agreement
from greencustoms.training.kit import package_kit

LANGUAGES = ("en", "fr", "es")


class Command(BaseCommand):
    help = "Training: assemble the offline kit of the national Green Customs package."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        package = sub.add_parser(
            "package", help="write the offline kit (zip) of an agreement's national package"
        )
        package.add_argument("agreement", help="agreement slug, e.g. montreal")
        package.add_argument("--language", default="en", choices=LANGUAGES)
        package.add_argument("-o", "--output", required=True, type=Path, help="zip file to write")

    def handle(self, *args: Any, **options: Any) -> None:

        agreement = Agreement.objects.filter(slug=options["agreement"]).first()
        if agreement is None:
            slugs = ", ".join(Agreement.objects.order_by("slug").values_list("slug", flat=True))
            raise CommandError(f"unknown agreement '{options['agreement']}' (one of: {slugs})", returncode=2)
        body = package_kit(agreement=agreement, language=options["language"], at=timezone.now())
        try:
            options["output"].write_bytes(body)
        except OSError as exc:
            raise CommandError(f"cannot write {options['output']}: {exc}", returncode=1) from exc
        self.stdout.write(f"{options['output']}: {len(body)} bytes\n")
