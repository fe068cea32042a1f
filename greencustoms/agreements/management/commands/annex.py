"""greencustoms annex [--edition HS2022] [--agreement SLUG] --format csv|xlsx|pdf -o FILE: the HS annex."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from greencustoms.agreements import export
from greencustoms.agreements.lookup import EDITIONS, LATEST
from greencustoms.agreements.refdata import AGREEMENT_SLUGS


class Command(BaseCommand):
    help = "Export the summary of HS codes for goods covered by the agreements (CSV, XLSX or PDF)."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--edition", default=LATEST, choices=EDITIONS)
        parser.add_argument("--agreement", choices=AGREEMENT_SLUGS)
        parser.add_argument("--format", default=None, choices=["csv", "xlsx", "pdf"])
        parser.add_argument("-o", "--output", required=True)

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        out = Path(options["output"])
        fmt = options["format"] or out.suffix.lstrip(".").lower()
        if fmt not in ("csv", "xlsx", "pdf"):
            raise CommandError(
                "give --format csv|xlsx|pdf or an output file ending in one of them", returncode=2
            )
        content = export.render(fmt, edition=options["edition"], agreement=options["agreement"])
        out.write_bytes(content)
        self.stdout.write(f"{out}: {len(content)} bytes ({fmt}, {options['edition']})")
