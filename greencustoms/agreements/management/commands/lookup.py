"""greencustoms lookup QUERY [--edition HS2022] [--json]: which agreements cover a code, name or CAS number."""

import json

from django.core.management.base import BaseCommand, CommandError

from greencustoms.agreements import selectors
from greencustoms.agreements.lookup import EDITIONS, LATEST, UnreadableQuery, format_code


class Command(BaseCommand):
    help = "Look up an HS code (any edition, 2-10 digits), a name, synonym, trade name or CAS number."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("query", nargs="+", help="code, name or CAS number (several words are joined)")
        parser.add_argument(
            "--edition", default=LATEST, help=f"HS edition of a code query ({', '.join(EDITIONS)})"
        )
        parser.add_argument("--json", action="store_true", help="print the answer as JSON")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        query = " ".join(options["query"])
        index = selectors.lookup_index()
        if not index.items:
            raise CommandError(
                "No reference data loaded: run `greencustoms data import data/`.", returncode=2
            )
        try:
            result = index.lookup(query, options["edition"].upper())
        except UnreadableQuery as exc:
            raise CommandError(f"unreadable query: {exc}", returncode=2) from exc
        if options["json"]:
            self.stdout.write(json.dumps(index.result_json(result), ensure_ascii=False, indent=2))
            return
        if not result.matches:
            self.stdout.write(f"No controlled item matches {query!r} ({result.edition}).")
            return
        for m in result.matches:
            item = m.item
            self.stdout.write(f"{item.agreement}: {item.name} [{item.listing}] ({m.matched})")
            if item.cas:
                self.stdout.write(f"  CAS: {', '.join(item.cas)}")
            for ed, codes in item.codes_by_edition().items():
                ex = {r.code for r in item.hs if r.edition == ed and r.ex}
                self.stdout.write(
                    f"  {ed}: " + ", ".join(f"{'ex ' if c in ex else ''}{format_code(c)}" for c in codes)
                )
            if item.controls:
                self.stdout.write(f"  controls: {', '.join(item.controls)}")
            for doc in item.documents:
                self.stdout.write(f"  document: {doc}")
